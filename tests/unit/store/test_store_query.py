"""Queries, timelines, stats and raw SQL on a hand-made store (issue 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from store_fixtures import sample_pairs

from eventcoder.errors import StoreError
from eventcoder.store import Ingester, Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("query")
    Ingester(folder / "store.duckdb", batch_size=2).add(sample_pairs(folder))
    return Store.open(folder / "store.duckdb")


def test_one_row_per_cluster_knows_its_reports_and_sources(store: Store) -> None:
    events = store.events()
    assert len(events) == 6
    call = events[(events.type == "CONSULT") & (events.date == dt.date(2025, 10, 16))].iloc[0]
    assert call.n_reports == 3 and call.n_documents == 3
    assert call.documents == ["daily-7", "radio.txt", "wire-1"]
    assert call.outlets == ["Daily", "Wire"]
    assert call.date_last == dt.date(2025, 10, 17)
    reports = store.reports(call.cluster_id)
    assert len(reports) == 3 and set(reports.cluster_id) == {call.cluster_id}
    assert len(store.events(mentions=True)) == 8


@pytest.mark.parametrize(
    ("filters", "clusters"),
    [
        ({"actor": "UKR"}, 1),
        ({"actor": "rus"}, 3),  # codes are upper-cased
        ({"actor": ["UKR", "USA"]}, 5),  # values of one filter are ORed
        ({"recipient": "UKR"}, 1),
        ({"actor": "Russia"}, 3),  # an identifier: the canonical name
        ({"sector": "MIL"}, 2),
        ({"type": "consult"}, 2),
        ({"type": "CONSULT", "mode": "phone"}, 2),
        ({"aux_mode": "none"}, 5),  # reported as having happened
        ({"aux_mode": "hypothetical"}, 1),
        ({"since": "2025-10-16", "until": "2025-10-16"}, 2),
        ({"since": dt.date(2025, 10, 17)}, 2),
        ({"place": "budapest"}, 1),
        ({"place": "HUN"}, 1),
        ({"place": "3054643"}, 1),
        ({"text": "ABOUT ASSAULT"}, 1),
        ({"text": "O'Brien'); DROP TABLE events; --"}, 0),  # values are parameters
        ({"dyad": "USA-RUS"}, 3),
        ({"dyad": "RUS-UKR"}, 1),
        ({"dyad": "USA-UKR"}, 1),
    ],
)
def test_filters(store: Store, filters: dict[str, object], clusters: int) -> None:
    assert len(store.events(**filters)) == clusters  # type: ignore[arg-type]


def test_mutual_types_count_either_side(store: Store) -> None:
    """The swapped-sides report (USA -> RUS) is in the RUS -> USA call's cluster; with
    --mentions the sides are taken as written."""
    clusters = store.events(type="CONSULT", recipient="RUS")
    assert set(clusters.n_reports) == {3, 1}
    reports = store.events(type="CONSULT", recipient="RUS", mentions=True)
    assert len(reports) == 1 and reports.actor[0] == ["USA"]


def test_paging(store: Store) -> None:
    everything = store.events(mentions=True)
    page = store.events(mentions=True, limit=3, offset=2)
    assert list(page.event_id) == list(everything.event_id[2:5])
    assert everything.date.iloc[-1] is None  # undated events come last


def test_bad_filter_values_give_clear_errors(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown event type 'CONSUL'"):
        store.events(type="CONSUL")
    with pytest.raises(StoreError, match="unknown aux mode"):
        store.events(aux_mode="maybe")
    with pytest.raises(StoreError, match="like USA-RUS"):
        store.timeline(dyad="USA")
    with pytest.raises(StoreError, match="not a date"):
        store.events(since="last week")
    with pytest.raises(StoreError, match="unknown period"):
        store.timeline(by="fortnight")


def test_timeline_counts_clusters_and_fills_gaps(store: Store) -> None:
    days = store.timeline(dyad="USA-RUS", by="day")
    assert list(days.period) == [dt.date(2025, 10, d) for d in range(16, 21)]
    assert list(days.events) == [2, 0, 0, 0, 1]
    assert list(days.scale_sum) == [3.0, 0.0, 0.0, 0.0, 1.5]
    assert days.scale_mean[0] == 1.5
    weeks = store.timeline(dyad="USA-RUS", by="week", mentions=True)
    assert list(weeks.period) == [dt.date(2025, 10, 13), dt.date(2025, 10, 20)]
    assert list(weeks.events) == [4, 1]


def test_stats(store: Store) -> None:
    stats = store.stats()
    assert stats.totals["documents"] == 3
    assert (stats.totals["reports"], stats.totals["clusters"]) == (8, 6)
    assert dict(zip(stats.by_type.type, stats.by_type.events, strict=True))["CONSULT"] == 2
    assert list(stats.by_month.month) == ["2025-10"]
    dyads = dict(zip(stats.by_dyad.dyad, stats.by_dyad.events, strict=True))
    assert dyads["RUS-USA"] == 3 and dyads["UKR-RUS"] == 1
    assert store.stats(mentions=True).totals["selected"] == 8


def test_sql_is_read_only(store: Store) -> None:
    frame = store.sql("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type")
    assert frame.n.sum() == 8
    for statement in (
        "DELETE FROM events",
        "SELECT 1; DROP TABLE events",
        "COPY events TO '/tmp/x.csv'",
        "ATTACH 'other.duckdb'",
    ):
        with pytest.raises(StoreError, match="only a single SELECT"):
            store.sql(statement)
    with pytest.raises(StoreError, match="the query failed"):
        store.sql("SELECT * FROM read_csv('/etc/hostname')")  # no file access from SQL
    with pytest.raises(StoreError, match="cannot parse"):
        store.sql("SELEC nothing")
    assert store.counts()["events"] == 8
