"""Places shared by coordinated verbs, and destinations as places (issue 5).

Sentences written by the team.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _places(coder, text: str) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {
        e.event_text: (e.event_loc.extracted_place if e.event_loc else None)
        for e in coder.code_text(text, date="2025-10-20")
    }


def test_coordinated_verbs_share_a_place(coder) -> None:  # type: ignore[no-untyped-def]
    places = _places(
        coder, "Two guards were shot and wounded as they drove on a road north of Herat."
    )
    assert places.get("shot") == "Herat"
    assert places.get("wounded") == "Herat"


def test_clauses_with_their_own_subjects_keep_their_own_places(coder) -> None:  # type: ignore[no-untyped-def]
    places = _places(coder, "A policeman was shot and a soldier was wounded in Kandahar.")
    assert places.get("wounded") == "Kandahar"
    assert places.get("shot") is None


def test_a_deployment_takes_place_where_it_goes(coder) -> None:  # type: ignore[no-untyped-def]
    events = coder.code_text(
        "Poland has deployed two air defence batteries to Lithuania.", date="2025-10-20"
    )
    [event] = [e for e in events if "MOBILIZE" in e.event]
    assert event.event_loc is not None and event.event_loc.country_code == "LTU"


def test_an_attacked_country_is_a_victim_not_a_place(coder) -> None:  # type: ignore[no-untyped-def]
    events = coder.code_text("Eritrea attacked Djibouti on Monday.", date="2025-10-20")
    [event] = [e for e in events if "ASSAULT" in e.event]
    assert event.event_loc is None
    assert {r.code for r in event.recipient} == {"DJI"}
