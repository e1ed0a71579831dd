"""The local engine's submission window (issue 8): bounded, in order. No model needed."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from eventcoder.engines.local import in_order_bounded


def test_at_most_window_items_are_read_ahead_and_results_keep_input_order() -> None:
    read: list[int] = []
    ahead: list[int] = []

    def items() -> Iterator[int]:
        for i in range(100):
            read.append(i)
            yield i

    with ThreadPoolExecutor(4) as pool:

        def submit(i: int) -> Future[int]:
            return pool.submit(lambda: i * i)

        results = []
        for value in in_order_bounded(submit, items(), 6):
            results.append(value)
            ahead.append(len(read) - len(results))
    assert results == [i * i for i in range(100)]
    assert max(ahead) <= 5  # never more than the window pending, whatever the input's size
    assert len(read) == 100


def test_an_endless_input_is_consumed_lazily() -> None:
    def endless() -> Iterator[int]:
        i = 0
        while True:
            yield i
            i += 1

    with ThreadPoolExecutor(2) as pool:
        results = in_order_bounded(lambda i: pool.submit(lambda: i), endless(), 4)
        assert [next(results) for _ in range(10)] == list(range(10))
        results.close()
