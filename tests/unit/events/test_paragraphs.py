"""A blank line ends a sentence: headlines and datelines stay apart from the story.

Texts written by the team.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

HEADLINE = (
    "Car bomb near Kirkuk kills three soldiers\n\n"
    "BAGHDAD, Oct 20 - A car bomb near the town of Kirkuk killed three soldiers on Monday, "
    "officials said."
)


def test_a_headline_without_a_full_stop_is_its_own_sentence(coder) -> None:  # type: ignore[no-untyped-def]
    doc = coder.pipeline.nlp(HEADLINE)
    assert next(s.text.strip() for s in doc.sents) == "Car bomb near Kirkuk kills three soldiers"


def test_the_headline_event_is_placed_by_its_own_words(coder) -> None:  # type: ignore[no-untyped-def]
    events = [e for e in coder.code_text(HEADLINE, date="2025-10-20") if "ASSAULT" in e.event]
    assert events
    assert {e.event_loc.extracted_place for e in events if e.event_loc} == {"Kirkuk"}


def test_a_single_line_break_does_not_end_a_sentence(coder) -> None:  # type: ignore[no-untyped-def]
    doc = coder.pipeline.nlp("Troops shelled the\nvillage of Tal Hamis on Monday.")
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("MOSUL, Oct 20 - Gunmen killed two soldiers on Monday.", "MOSUL, Oct 20 -"),
        (
            "KYIV, Ukraine, Oct. 20 (Reuters) — Drones struck Kyiv.",
            "KYIV, Ukraine, Oct. 20 (Reuters) —",
        ),
        ("WASHINGTON (AP) -- The president met the prime minister.", "WASHINGTON (AP) --"),
    ],
)
def test_a_dateline_is_not_part_of_the_story(coder, text: str, dateline: str) -> None:  # type: ignore[no-untyped-def]
    assert next(iter(coder.pipeline.nlp(text).sents)).text.strip() == dateline


def test_a_dateline_city_is_no_actor(coder) -> None:  # type: ignore[no-untyped-def]
    events = coder.code_text("MOSUL, Oct 20 - Gunmen killed two soldiers on Monday.")
    assert events
    assert all(a.entity_text != "MOSUL" for e in events for a in e.actor)


def test_capitals_and_dashes_inside_a_sentence_are_no_dateline(coder) -> None:  # type: ignore[no-untyped-def]
    doc = coder.pipeline.nlp("NATO envoy - a veteran diplomat - arrived in Kabul on Monday.")
    assert len(list(doc.sents)) == 1
