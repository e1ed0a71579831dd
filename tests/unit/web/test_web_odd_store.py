"""Odd stored values through the web (issue 9): events dated 1200 and 9999-12-31, and an
event scale and coordinates that are NaN or infinite (as a store written through the
Python API may hold). Every page and endpoint still answers, with valid JSON and
pages of a sane size; a timeline that would fill millions of days is refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
from tests.unit.store.store_fixtures import article, country, event, sample_pairs
from web_fixtures import TestClient, evil_pair, make_client
from web_hostile import check

from eventcoder.model import Place
from eventcoder.store import Ingester


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("odd")
    old = article("old", "An old chronicle.", f"{folder}/old.txt")
    late = article("late", "A text from the far future.", f"{folder}/late.txt")
    nowhere = Place("Nowhere", "Nowhere", "XXX", 4, float("nan"), float("inf"), 1, "Nowhere",
                    None, "Nowhere", "P", "PPL", 0, 3)  # fmt: skip
    far = replace(nowhere, resolved_place="Far", lat=1e308, lon=-1e308, geonameid=2)
    rus, usa = [country("RUS")], [country("USA")]
    pairs = [
        *sample_pairs(folder),
        evil_pair(folder),
        (old, [replace(event(old, 0, "ASSAULT", rus, usa, when="1200-01-01", place=nowhere),
                       event_scale=float("nan"))]),
        (late, [replace(event(late, 0, "CONSULT", rus, usa, when="9999-12-31", place=far),
                        event_scale=float("inf"))]),
    ]  # fmt: skip
    db = folder / "odd.duckdb"
    Ingester(db, batch_size=2).add(pairs)
    with make_client(db) as client:
        yield client


def strict_json(text: str) -> object:
    """JSON as the standard has it: NaN and Infinity are not JSON."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    "path",
    ["/api/events?mentions=true&limit=500", "/api/events?since=9999-01-01", "/api/places",
     "/api/stats", "/api/dyads", "/api/actors", "/api/timeline?by=year",
     "/api/timeline?by=day&split=quad", "/api/timeline?by=day&since=2025-01-01&until=2025-12-31"],
)  # fmt: skip
def test_api_answers_strict_json(odd: TestClient, path: str) -> None:
    response = odd.get(path)
    assert response.status_code == 200, response.text
    strict_json(response.text)


def test_an_event_with_an_infinite_scale_has_a_null_one(odd: TestClient) -> None:
    [row] = odd.get("/api/events", params={"since": "9999-01-01"}).json()["events"]
    assert row["event_scale"] is None and row["date"] == "9999-12-31"
    found = odd.get(f"/api/events/{row['event_id']}")
    assert found.status_code == 200
    strict_json(found.text)


def test_a_timeline_of_millions_of_days_is_refused_with_what_to_do(odd: TestClient) -> None:
    """Issue 9: one event dated 1200 among today's filled 3.2 million days (220 MB)."""
    response = odd.get("/api/timeline", params={"by": "day"})
    assert response.status_code == 400
    message = response.json()["error"]
    assert "from 1200-01-01 to 9999-12-31: 3,214,134 days" in message
    assert "choose a longer period than 'day' or narrow the dates with since/until" in message


@pytest.mark.parametrize(
    "path",
    ["/", "/?by=day", "/?by=week", "/?by=month", "/dyads/RUS-USA", "/dyads/RUS-USA?by=day",
     "/actors/RUS", "/actors/RUS?by=week", "/map", "/events", "/events?since=9999-01-01"],
)  # fmt: skip
def test_pages_answer_with_a_chart_of_a_sane_size(odd: TestClient, path: str) -> None:
    """Issue 9: a bar ending after 9999-12-31 was a 500; a tick per year of 800 years
    made a 10 MB page."""
    page = odd.get(path)
    assert page.status_code == 200, page.text[:500]
    check(page)
    assert len(page.content) < 500_000
