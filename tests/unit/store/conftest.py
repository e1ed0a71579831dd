"""Stores built from hand-made events (see store_fixtures.py): no spaCy model needed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from store_fixtures import sample_pairs

from eventcoder.model import Article, Event
from eventcoder.store import Ingester


@pytest.fixture
def make_store(tmp_path: Path) -> Callable[..., Path]:
    """Store hand-made pairs in a fresh store; returns its path."""

    def make(pairs: list[tuple[Article, list[Event]]] | None = None, **options: Any) -> Path:
        db = tmp_path / "store.duckdb"
        Ingester(db, batch_size=2, **options).add(
            pairs if pairs is not None else sample_pairs(tmp_path)
        )
        return db

    return make
