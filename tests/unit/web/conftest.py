"""A hand-made store for the web tests (see web_fixtures.py) and a client of the app."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.figures import FIGURES
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


ARTIFACTS = Path(__file__).resolve().parents[3] / "out" / "test-artifacts"


@pytest.fixture(scope="session", autouse=True)
def _web_figures() -> Iterator[None]:
    """At the end of the run, the inputs the hostile web tests tried, per target, in
    out/test-artifacts/web_fuzz_counts.json (they are also printed with the figures)."""
    yield
    counts = {k: v for k, v in sorted(FIGURES.items()) if k.startswith("web inputs tried: ")}
    if counts:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        total = {"total": sum(counts.values())}
        named = {k.removeprefix("web inputs tried: "): v for k, v in counts.items()}
        text = json.dumps(named | total, indent=2) + "\n"
        (ARTIFACTS / "web_fuzz_counts.json").write_text(text, encoding="utf-8")
