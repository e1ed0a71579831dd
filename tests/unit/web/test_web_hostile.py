"""SQL and script injection in every parameter of every route (issue 9).

Every GET route of the API and the pages, read from the app's routers, gets every
payload of web_hostile.py in each of its path and query parameters. Never a 5xx;
a refused value is a 4xx that says what is wrong; a page echoing the payload
escapes it and stays inert; the store file is byte for byte the same afterwards
and the API answers as before. The store holds an article whose text, title,
source and URL carry script (web_fixtures.evil_pair).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_fixtures import XSS, TestClient, make_client
from web_hostile import PAYLOADS, SCRIPT, SQL, Route, check, file_digest, routes, tried

from eventcoder.web import CodeLimits

GET_ROUTES = routes("GET")
FILTERS = ("actor", "recipient", "sector", "type", "mode", "aux_mode", "since", "until", "place",
           "text", "dyad", "cluster")  # fmt: skip
SHARED = (*FILTERS, "mentions")


@pytest.fixture(scope="module")
def hostile(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client of a copy of the web store, with room for many requests."""
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    shutil.copyfile(web_db, db)
    limits = CodeLimits(max_bytes=2_000, per_minute=60_000, burst=100_000)
    with make_client(db, limits=limits) as client:
        client.db = db  # type: ignore[attr-defined]
        yield client


def snapshot(client: TestClient) -> tuple[str, Any, Any]:
    """The store file's digest and what the API says is in it."""
    every = client.get("/api/events", params={"mentions": "true", "limit": 500}).json()
    return file_digest(client.db), client.get("/api/stats").json()["totals"], every  # type: ignore[attr-defined]


def test_the_routers_list_every_route() -> None:
    paths = {route.path for route in GET_ROUTES}
    assert {"/api/events", "/api/events/{event_id}", "/api/export", "/events/{event_id}",
            "/documents/{doc_key}", "/dyads/{dyad}", "/actors/{key}", "/map"} <= paths  # fmt: skip
    assert len(GET_ROUTES) >= 18
    assert set(FILTERS) <= set(next(r for r in GET_ROUTES if r.path == "/api/events").query_params)


def payloads_for(route: Route, name: str) -> list[str]:
    """Every payload; but the filters shared by many routes (one code path, params.py)
    get them all on /api/events and /events, and a turn of eight elsewhere."""
    if name not in SHARED or route.path in ("/api/events", "/events"):
        return PAYLOADS
    start = 8 * GET_ROUTES.index(route) % len(PAYLOADS)
    return (PAYLOADS * 2)[start : start + 8]


@pytest.mark.parametrize("route", GET_ROUTES, ids=lambda route: route.path)
def test_every_parameter_takes_every_payload(hostile: TestClient, route: Route) -> None:
    before = snapshot(hostile)
    for name in route.path_params + route.query_params or ("unknown",):
        for payload in payloads_for(route, name):
            if name in route.path_params:
                response = hostile.get(route.url(**{name: payload}))
            else:
                response = hostile.get(route.url(), params={name: payload})
            check(response, payload)
            tried(f"GET {route.path}")
    assert snapshot(hostile) == before


@pytest.mark.parametrize("name", FILTERS)
def test_sql_in_a_filter_is_a_value_that_matches_nothing(hostile: TestClient, name: str) -> None:
    """An injection that worked would widen the selection: `' OR 1=1 --` would match all.
    (`text` matches the reports whose sentence holds the characters, `"` for one.)"""
    every = hostile.get("/api/events", params={"mentions": "true", "limit": 500}).json()
    for payload in SQL:
        query = {name: payload, "count": "true", "mentions": "true"}
        response = hostile.get("/api/events", params=query)
        check(response, payload)
        assert response.status_code in (200, 400, 422)
        if response.status_code == 200:
            holding = [e for e in every["events"] if payload.lower() in e["text"].lower()]
            assert response.json()["total"] == (len(holding) if name == "text" else 0), payload
        tried("GET /api/events (SQL matches nothing)")


def test_every_filter_at_once_and_repeated(hostile: TestClient) -> None:
    before = snapshot(hostile)
    for payload in PAYLOADS:
        repeats = 3 if len(payload) < 1000 else 1  # a URL stays under httpx's 64 kB
        params = [(name, payload) for name in FILTERS for _ in range(repeats)]
        for path in ("/api/events", "/events", "/map", "/api/timeline", "/api/dyads"):
            check(hostile.get(path, params=params), payload)
            tried(f"GET {path} (every filter)")
    too_many = [("actor", f"Q{i}") for i in range(2_000)]
    response = hostile.get("/api/events", params=too_many)
    assert response.status_code == 422
    assert "actor: List should have at most 50 items" in response.json()["error"]
    assert snapshot(hostile) == before


@pytest.mark.parametrize("payload", SCRIPT)
def test_script_in_a_parameter_comes_back_escaped(hostile: TestClient, payload: str) -> None:
    """The events form is filled back in with what was asked; the actor page names it."""
    form = hostile.get("/events", params={"text": payload, "mode": payload})
    assert form.status_code == 200
    check(form, payload)
    actor = hostile.get(f"/actors/{payload.replace('/', '')}")
    check(actor, payload)
    refused = hostile.get("/events", params={"since": payload})
    assert refused.status_code == 400 and "is not a date" in refused.text
    check(refused, payload)
    tried("GET pages (script echoed)", 3)


def test_stored_script_is_inert_on_every_page_that_shows_it(hostile: TestClient) -> None:
    [row] = hostile.get("/api/events", params={"place": "Odesa"}).json()["events"]
    found = hostile.get(f"/api/events/{row['event_id']}").json()
    doc_key = found["document"]["doc_key"]
    assert XSS in found["document"]["title"]  # the API hands it over as data
    for path in ("/", "/events", f"/events/{row['event_id']}", f"/documents/{doc_key}",
                 "/map", "/actors/RUS", "/events?text=shelled", "/dyads"):  # fmt: skip
        page = hostile.get(path)
        assert page.status_code == 200, path
        check(page, XSS)
