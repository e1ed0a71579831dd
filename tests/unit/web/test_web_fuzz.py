"""Fuzzing the web parameters and bodies with hypothesis (issue 9).

Generated query strings (any parameter name the route knows, and some it does
not, repeated or not; values from random text, the payloads of web_hostile.py,
huge numbers and good values), path segments, JSON bodies and forms. Properties:
never a 5xx; a refusal is a 4xx that says what is wrong; pages are inert; every
event listed is a stored record, unchanged; a `text` filter selects exactly the
reports whose sentence holds the words; the store file is unchanged.
"""

from __future__ import annotations

import json
import shutil
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st
from web_fixtures import TestClient, make_client
from web_hostile import PAYLOADS, budget, check, file_digest, routes, tried

from eventcoder.web import CodeLimits

GOOD = ["RUS", "usa", "Q7747", "CONSULT", "assault", "none", "hypothetical", "phone", "GOV",
        "2025-10-16", "2025-10-20", "USA-RUS", "Budapest", "698740", "HUN", "true", "false",
        "1", "50", "500", "day", "month", "quad", "csv", "jsonl", "code", "entity"]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(PAYLOADS),
    st.sampled_from(GOOD),
    st.integers(-(10**30), 10**30).map(str),
)
GET_ROUTES = routes("GET")
API = [r for r in GET_ROUTES if r.path.startswith("/api/") and not r.path_params]
PAGES = [r for r in GET_ROUTES if not r.path.startswith("/api/") and not r.path_params]
WITH_PATH = [r for r in GET_ROUTES if r.path_params]
EVENTS = next(r for r in GET_ROUTES if r.path == "/api/events")


@pytest.fixture(scope="module")
def fuzzed(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    shutil.copyfile(web_db, db)
    with make_client(db, limits=CodeLimits(2_000, 60_000, 100_000)) as client:
        client.db = db  # type: ignore[attr-defined]
        client.digest = file_digest(db)  # type: ignore[attr-defined]
        every = {}
        for mentions in ("false", "true"):
            page = client.get("/api/events", params={"mentions": mentions, "limit": 500}).json()
            every[mentions] = {e["event_id"]: e for e in page["events"]}
        client.every = every  # type: ignore[attr-defined]
        yield client
    assert file_digest(db) == client.digest  # type: ignore[attr-defined]


def query(names: tuple[str, ...]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """A query string: pairs of a known (or unknown) parameter and a value."""
    return st.lists(st.tuples(st.sampled_from([*names, "zzz"]), VALUES), max_size=6)


@budget(200)
@given(params=query(EVENTS.query_params))
def test_fuzz_api_events(fuzzed: TestClient, params: list[tuple[str, str]]) -> None:
    tried("fuzz GET /api/events")
    response = fuzzed.get("/api/events", params=params)
    check(response)
    if response.status_code == 200:
        every = fuzzed.every  # type: ignore[attr-defined]
        for row in response.json()["events"]:
            assert row in (every["false"].get(row["event_id"]), every["true"].get(row["event_id"]))


@budget(100)
@given(words=st.text(alphabet=string.printable, max_size=12))
def test_fuzz_text_filter_selects_exactly_the_sentences_holding_it(
    fuzzed: TestClient, words: str
) -> None:
    tried("fuzz GET /api/events?text=")
    response = fuzzed.get("/api/events", params={"text": words, "mentions": "true"})
    assert response.status_code == 200, response.text
    needle = words.strip().lower()
    every = fuzzed.every["true"].values()  # type: ignore[attr-defined]
    expected = {e["event_id"] for e in every if needle in e["text"].lower()}
    assert {e["event_id"] for e in response.json()["events"]} == expected


@budget(200)
@given(route=st.sampled_from(API), data=st.data())
def test_fuzz_api_aggregates_and_export(
    fuzzed: TestClient, route: Any, data: st.DataObject
) -> None:
    tried("fuzz GET /api/* (aggregates, export)")
    params = data.draw(query(route.query_params))
    check(fuzzed.get(route.path, params=params))


@budget(200)
@given(route=st.sampled_from(PAGES), data=st.data())
def test_fuzz_pages(fuzzed: TestClient, route: Any, data: st.DataObject) -> None:
    tried("fuzz GET pages")
    params = data.draw(query(route.query_params))
    check(fuzzed.get(route.path, params=params))


@budget(200)
@given(route=st.sampled_from(WITH_PATH), value=VALUES, by=st.sampled_from(["", "day", "x"]))
def test_fuzz_path_parameters(fuzzed: TestClient, route: Any, value: str, by: str) -> None:
    tried("fuzz GET path parameters")
    response = fuzzed.get(route.url(**dict.fromkeys(route.path_params, value)), params={"by": by})
    check(response, value)
    assert response.status_code in (200, 308, 400, 404, 422)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["text", "date", "id", "x"]), inner, max_size=4)
    ),
    max_leaves=12,
)
BODIES = st.one_of(
    JSON.map(json.dumps),
    st.fixed_dictionaries({}, optional={"text": VALUES, "date": VALUES, "id": VALUES}).map(
        json.dumps
    ),
    st.binary(max_size=200),
)


@pytest.mark.model  # a body that happens to be valid is coded
@budget(200)
@given(body=BODIES)
def test_fuzz_code_bodies(fuzzed: TestClient, body: str | bytes) -> None:
    tried("fuzz POST /api/code")
    response = fuzzed.post("/api/code", content=body, headers={"content-type": "application/json"})
    check(response)
    assert response.status_code in (200, 413, 422)
    if response.status_code == 200:
        assert response.json()["count"] == len(response.json()["events"])


@pytest.mark.model
@budget(100)
@given(fields=st.lists(st.tuples(st.sampled_from(["text", "date", "token", "x"]), VALUES)))
def test_fuzz_code_form(fuzzed: TestClient, fields: list[tuple[str, str]]) -> None:
    tried("fuzz POST /code")
    form = {"content-type": "application/x-www-form-urlencoded"}
    response = fuzzed.post("/code", content=urlencode(fields), headers=form)
    check(response)
    assert response.status_code in (200, 400, 413)
