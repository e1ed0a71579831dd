"""Coding on every local core: a process pool, the model loaded once per worker.

Articles are sent to workers in chunks and results come back in input order,
so the output is the same as a single-process run, event for event. At most
`2 * jobs` chunks are in flight at once: the input is read only as fast as the
workers code it, so a corpus of any size is coded in bounded memory.
(`Pool.imap` would not do: its feeder thread drains the whole input at once.)
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, TypeVar

from eventcoder.config import Config
from eventcoder.model import Article, Event
from eventcoder.pipeline import Pipeline

__all__ = ["Pending", "in_order_bounded", "run_local"]

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

_WORKER: Pipeline | None = None
_CHUNK = 16
#: Chunks in flight per worker: one being coded, one waiting, so none idles.
_WINDOW_PER_JOB = 2


def _init_worker(config: Config) -> None:
    global _WORKER
    _WORKER = Pipeline.from_config(config)


def _code_chunk(articles: list[Article]) -> list[tuple[Article, list[Event]]]:
    assert _WORKER is not None, "worker not initialised"
    return list(_WORKER.run(articles))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class Pending(Protocol[R_co]):
    """A submitted task: a concurrent.futures or a Dask future."""

    def result(self) -> R_co: ...


def in_order_bounded(
    submit: Callable[[T], Pending[R]], items: Iterable[T], window: int
) -> Iterator[R]:
    """Submit items keeping at most `window` pending; yield results in input order.

    The next item is read from `items` only when a result has been handed on, so
    at most `window` items (and their results) are held at any time.
    """
    pending: deque[Pending[R]] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def run_local(
    articles: Iterable[Article], config: Config, *, jobs: int
) -> Iterator[tuple[Article, list[Event]]]:
    """Code the articles with `jobs` processes, in input order.

    A small input (two chunks or less) is coded in this process whatever `jobs`
    says: starting workers and loading the model in each costs more than it saves.
    """
    iterator = iter(articles)
    head = list(itertools.islice(iterator, 2 * _CHUNK + 1))
    if not head:  # nothing to code (every input skipped): do not load the model
        return
    if jobs <= 1 or len(head) <= 2 * _CHUNK:
        yield from Pipeline.cached(config).run(itertools.chain(head, iterator))
        return
    context = mp.get_context("spawn")
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_init_worker, initargs=(config,)
    ) as pool:
        chunks = _chunks(itertools.chain(head, iterator), _CHUNK)

        def submit(chunk: list[Article]) -> Future[list[tuple[Article, list[Event]]]]:
            return pool.submit(_code_chunk, chunk)

        for results in in_order_bounded(submit, chunks, _WINDOW_PER_JOB * jobs):
            yield from results
