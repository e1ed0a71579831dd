"""The real coder into the store: samples twice, round trip, team dedup (issue 6)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest

from eventcoder.config import Config
from eventcoder.engines.local import run_local
from eventcoder.model import Article
from eventcoder.readers import read_inputs
from eventcoder.store import Ingester, Store

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
INPUTS = [str(ROOT / "samples"), str(ROOT / "tests" / "data" / "store")]


def articles(paths: list[str]) -> list[Article]:
    return [item for item in read_inputs(paths) if isinstance(item, Article)]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("samples") / "store.duckdb"
    report = Ingester(db, batch_size=5).run(articles(INPUTS))
    assert report.added == 17 and report.batches >= 4
    return Store.open(db)


def test_ingesting_twice_leaves_the_same_counts(store: Store) -> None:
    before = store.counts()
    again = Ingester(store.path).run(articles(INPUTS))
    assert (again.read, again.unchanged, again.coded, again.added) == (17, 17, 0, 0)
    assert store.counts() == before
    assert before["documents"] == before["origins"] == 17


def test_the_store_gives_back_what_the_coder_emits(store: Store) -> None:
    coded = {
        event.id: event.to_dict()
        for _article, events in run_local(articles(INPUTS[:1]), Config.default(), jobs=1)
        for event in events
    }
    out = StringIO()
    store.export("plover-jsonl", out, mentions=True)
    stored = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    for record in stored.values():
        record.pop("cluster")
    assert coded and {k: stored[k] for k in coded} == coded


def test_team_reports_of_one_event_form_one_cluster(store: Store) -> None:
    """tests/data/store: four outlets report one Japan-Indonesia call (one with the
    sides swapped, one without an outlet field), a second call a week later, arrests
    in Nairobi (one report with no place) and separate arrests in Mombasa."""
    calls = store.events(type="CONSULT", dyad="JPN-IDN", since="2025-03-01")
    assert list(calls.date) == [dt.date(2025, 3, 11), dt.date(2025, 3, 18)]
    assert list(calls.n_reports) == [4, 1]
    assert calls.documents[0] == [
        "coastal_times_0312.txt", "hd-0312-asia-africa", "mr-0311-evening",
        "nbw-0311-japan-indonesia",
    ]  # fmt: skip
    assert calls.outlets[0] == ["Harbor Daily", "Meridian Radio", "Northbridge Wire"]
    arrests = store.events(actor="KEN", type="COERCE")
    by_place = dict(zip(arrests.place, arrests.n_reports, strict=True))
    assert by_place == {"Nairobi": 3, "Mombasa": 1}
    reports = store.events(actor="KEN", type="COERCE", mentions=True)
    assert len(reports) == 4 and reports.cluster_id.nunique() == 2
