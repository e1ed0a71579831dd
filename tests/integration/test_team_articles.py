"""Multi-sentence team articles: event dates and places (issues 2 and 5).

Articles 07-10 were written for issue 5: weekday names by tense, "last week",
"earlier this month", "late last month", seasons, "in the past eight months",
"-based" groups, "the town of X", unknown villages, visits and capitals as actors.
Floors: 0.68 of dates and 0.47 of places were right when they were added; the floors
sit a little lower because event and actor extraction change under them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.conftest import GOLD

pytestmark = pytest.mark.model

DATE_FLOOR = 0.6  # share of expected events found with the right type and date
PLACE_FLOOR = 0.15  # measured 3/17 after the issue-3 event changes; issue 5 raises it


def _articles() -> list[dict[str, Any]]:
    lines = (GOLD / "team_articles.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _found(events: list[Any], want: dict[str, Any], *, check: str) -> bool:
    for e in events:
        if want["event"] not in e.event:
            continue
        codes = {a.code for a in (*e.actor, *e.recipient) if a.code}
        if want.get("parties") and not set(want["parties"]) & codes:
            continue
        if check == "date" and e.date and e.date.isoformat() == want["date"]:
            return True
        if check == "place" and e.event_loc and e.event_loc.country_code == want["loc_country"]:
            return True
    return False


def test_dates_and_places_of_team_articles(coder) -> None:  # type: ignore[no-untyped-def]
    dated = placed = n_dates = n_places = 0
    misses = []
    for article in _articles():
        events = coder.code_text(article["text"], date=article["date"], doc_id=article["id"])
        for want in article["expected"]:
            n_dates += 1
            ok = _found(events, want, check="date")
            dated += ok
            if not ok:
                misses.append(f"{article['id']} date {want}")
            if want.get("loc_country"):
                n_places += 1
                placed += _found(events, want, check="place")
    assert n_dates >= 20
    assert dated / n_dates >= DATE_FLOOR, "\n".join(misses)
    assert placed / max(n_places, 1) >= PLACE_FLOOR
