"""The public API is small, explicit and sorted (like httpx's test of the same name)."""

from __future__ import annotations

import importlib

import pytest

import eventcoder

MODULES = [
    "eventcoder", "eventcoder.model", "eventcoder.errors", "eventcoder.config",
    "eventcoder.readers", "eventcoder.evaluate", "eventcoder.coder", "eventcoder.store",
    "eventcoder.store.browse", "eventcoder.web", "eventcoder.web.views",
    "eventcoder.store.shards", "eventcoder.engines.local", "eventcoder.engines.shards",
    "eventcoder.engines.dask",
]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_present(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    assert len(set(exported)) == len(exported)  # the order is kept by ruff's RUF022
    for member in exported:
        assert hasattr(module, member), f"{name}.{member}"


def test_top_level_api() -> None:
    assert eventcoder.__all__ == sorted(
        ["Coder", "Config", "Event", "EventcoderError", "__version__"]
    )
