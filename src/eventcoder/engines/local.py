"""Coding on every local core: a process pool, the model loaded once per worker.

Articles are sent to workers in chunks and results come back in input order,
so the output is the same as a single-process run, event for event.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from collections.abc import Iterable, Iterator

from eventcoder.config import Config
from eventcoder.model import Article, Event
from eventcoder.pipeline import Pipeline

__all__ = ["run_local"]

_WORKER: Pipeline | None = None
_CHUNK = 16


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
    with context.Pool(jobs, initializer=_init_worker, initargs=(config,)) as pool:
        chunks = _chunks(itertools.chain(head, iterator), _CHUNK)
        for results in pool.imap(_code_chunk, chunks):
            yield from results
