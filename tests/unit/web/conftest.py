"""A hand-made store for the web tests (see web_fixtures.py) and a client of the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.unit.store.store_fixtures import sample_pairs
from web_fixtures import TestClient, evil_pair, make_client, putin_pair

from eventcoder.store import Ingester
from eventcoder.web import CodeLimits


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    path = folder / "web.duckdb"
    pairs = [*sample_pairs(folder), putin_pair(folder), evil_pair(folder)]
    Ingester(path, batch_size=2).add(pairs)
    return path


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    with make_client(web_db, limits=CodeLimits(max_bytes=2_000)) as c:
        yield c
