"""Reads for browsing a store (issue 7): one event and its reports, documents, counts,
dyads, actors, places, quad timelines. On the hand-made store of store_fixtures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from store_fixtures import article, country, event, sample_pairs

from eventcoder.errors import StoreError
from eventcoder.model import Entity
from eventcoder.store import Filters, Ingester, browse
from eventcoder.store.query import select_events


def _putin_pair(folder: Path) -> tuple:  # type: ignore[type-arg]
    doc = article("putin-1", "Putin met Orban in Budapest.", f"{folder}/putin.txt")
    putin = Entity(
        "Putin", code="RUS", sector="GOV", identifier_id="Q7747",
        identifier_text="Vladimir Putin", office="head of state", start=0, end=5,
    )  # fmt: skip
    return (doc, [event(doc, 0, "CONSULT", [putin], [country("HUN")], when="2025-10-18")])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browse")
    path = folder / "store.duckdb"
    Ingester(path, batch_size=2).add([*sample_pairs(folder), _putin_pair(folder)])
    return path


@pytest.fixture
def con(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters.build(actor="RUS"), Filters.build(dyad="USA-RUS"),
     Filters.build(type="CONSULT", since="2025-10-17")],
)  # fmt: skip
@pytest.mark.parametrize("mentions", [False, True])
def test_count_is_the_number_of_rows_a_query_returns(
    con: duckdb.DuckDBPyConnection, filters: Filters, mentions: bool
) -> None:
    expected = len(select_events(con, filters, mentions=mentions))
    assert browse.count_events(con, filters, mentions=mentions) == expected


def test_latest_events_come_newest_first_and_skip_undated(con: duckdb.DuckDBPyConnection) -> None:
    rows = browse.select_latest(con, Filters(), limit=3)
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True) and dates[0] == dt.date(2025, 10, 20)
    assert all(isinstance(r["actor"], list) for r in rows)


def test_an_event_leads_to_its_cluster_and_documents(con: duckdb.DuckDBPyConnection) -> None:
    call = select_events(con, Filters.build(dyad="USA-RUS", type="CONSULT"), limit=1).iloc[0]
    where = browse.event_location(con, call.event_id)
    assert where is not None and where["cluster_id"] == call.cluster_id
    reports = browse.report_documents(con, call.cluster_id)
    assert {r["doc_id"] for r in reports} == {"wire-1", "daily-7", "radio.txt"}
    assert {r["source"] for r in reports} == {"Wire", "Daily", None}
    assert browse.event_location(con, "no-such-id") is None


def test_a_document_with_its_events(con: duckdb.DuckDBPyConnection) -> None:
    row = con.execute("SELECT doc_key FROM documents WHERE doc_id = 'wire-1'").fetchone()
    assert row is not None
    found = browse.select_document(con, row[0])
    assert found is not None
    assert found["text"] == "Putin spoke with Trump by phone." and found["source"] == "Wire"
    assert [e["type"] for e in found["events"]] == ["CONSULT", "AGREE", "ASSAULT"]
    assert browse.select_document(con, "0" * 64) is None


def test_types_with_their_quad_class(con: duckdb.DuckDBPyConnection) -> None:
    types = {r["type"]: r for r in browse.select_types(con, Filters())}
    assert types["CONSULT"]["events"] == 3 and types["CONSULT"]["quad_code"] == 1
    assert types["ASSAULT"]["quad_code"] == 4


def test_quad_timeline_counts_each_class_per_period(con: duckdb.DuckDBPyConnection) -> None:
    rows = browse.select_quad_timeline(con, Filters(), by="day")
    by_day = {(r["period"], r["quad"]): r["events"] for r in rows}
    assert by_day[(dt.date(2025, 10, 16), 1)] == 2  # the call and the Budapest agreement
    assert by_day[(dt.date(2025, 10, 15), 4)] == 1
    assert sum(by_day.values()) == len(select_events(con, Filters())) - 1  # one is undated
    with pytest.raises(StoreError, match="unknown period 'hour'"):
        browse.select_quad_timeline(con, Filters(), by="hour")


def test_dyads_are_undirected_with_counts_per_quad_class(con: duckdb.DuckDBPyConnection) -> None:
    dyads = {r["dyad"]: r for r in browse.select_dyads(con, Filters())}
    assert dyads["RUS-USA"]["events"] == 3  # the call (both ways) and the joint agreement
    assert dyads["RUS-USA"]["verbal_cooperation"] == 3
    assert dyads["RUS-UKR"]["material_conflict"] == 1 and "UKR-RUS" not in dyads
    assert all(a != b for a, b in (d.split("-") for d in dyads))
    only = browse.select_dyads(con, Filters(), involving="hun")
    assert [r["dyad"] for r in only] == ["HUN-RUS"]


def test_actors_codes_and_identified_people(con: duckdb.DuckDBPyConnection) -> None:
    rows = {r["key"]: r for r in browse.select_actors(con)}
    assert rows["RUS"]["kind"] == "code" and rows["RUS"]["as_actor"] == 4
    assert rows["Q7747"]["kind"] == "person" and rows["Q7747"]["name"] == "Vladimir Putin"
    people = browse.select_actors(con, kind="entity", search="putin")
    assert [r["key"] for r in people] == ["Q7747"]
    assert [r["key"] for r in browse.select_actors(con, kind="code", search="hu")] == ["HUN"]
    with pytest.raises(StoreError, match="unknown actor kind"):
        browse.select_actors(con, kind="person")


def test_places_with_coordinates(con: duckdb.DuckDBPyConnection) -> None:
    places = browse.select_places(con, Filters())
    assert [(p["place"], p["country_code"], p["events"]) for p in places] == [
        ("Budapest", "HUN", 1)
    ]
    assert places[0]["lat"] == pytest.approx(47.5)


def test_fingerprint_changes_when_the_store_does(
    make_store: Callable[..., Path], tmp_path: Path
) -> None:
    db = make_store()
    with duckdb.connect(str(db), read_only=True) as con:
        before = browse.store_fingerprint(con)
    doc = article("extra", "Another text.", f"{tmp_path}/extra.txt")
    Ingester(db).add([(doc, [event(doc, 0, "AID", [country("USA")], [country("UKR")])])])
    with duckdb.connect(str(db), read_only=True) as con:
        assert browse.store_fingerprint(con) != before
