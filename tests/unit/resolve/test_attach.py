"""Which dates and places belong to which event (issue 5), on sentences written for
these tests. The parse needs the spaCy model; the pipeline tests use the shared Coder.

DCT is Friday 17 October 2025.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventcoder.resolve.attach import anaphoric_time_for, date_entities_for, place_candidates
from eventcoder.resolve.clauses import clause_relatives, tense_of

pytestmark = pytest.mark.model

DCT = "2025-10-17"


def _token(doc: Doc, text: str) -> Any:
    return next(t for t in doc if t.text == text)


def _places(nlp: Language, text: str, trigger: str, exclude: tuple[str, ...] = ()) -> list[str]:
    doc = nlp(text)
    head = _token(doc, trigger)
    used = {t.i for t in doc if t.text in exclude}
    return [c.span.text for c in place_candidates([head], head.sent, used)]


# ----------------------------------------------------------- the parse, directly


def test_place_after_a_locative_preposition_is_attached(nlp: Language) -> None:
    assert _places(nlp, "Drones struck an oil depot in Samara overnight.", "struck") == ["Samara"]


def test_nationality_is_no_place_and_a_mislabelled_town_is(nlp: Language) -> None:
    # the small model tags "Ukrainian" GPE and "Saratov" LANGUAGE in this sentence
    text = "Ukrainian drones struck a Russian refinery in Saratov overnight."
    assert _places(nlp, text, "struck") == ["Saratov"]


def test_place_through_the_area_noun_that_carries_it(nlp: Language) -> None:
    text = "Gunmen shot two guards in the northern town of Karvana on Monday."
    assert _places(nlp, text, "shot") == ["Karvana"]


def test_capital_as_actor_is_no_place(nlp: Language) -> None:
    text = "Moscow said the army had shelled villages near Kupiansk."
    assert _places(nlp, text, "shelled", exclude=("Moscow",)) == ["Kupiansk"]
    assert _places(nlp, text, "said", exclude=("Moscow",)) == []


def test_place_of_another_clause_is_not_the_events(nlp: Language) -> None:
    """The verb of a coordinated clause with its own subject is another event."""
    text = "Police arrested six men, and soldiers later patrolled the streets of Mombasa."
    assert _places(nlp, text, "arrested") == []


def test_continuing_clause_shares_the_place(nlp: Language) -> None:
    doc = nlp("Artillery hit a market in Kherson on Tuesday, killing four people.")
    killing = _token(doc, "killing")
    assert [t.text for t in clause_relatives([killing])] == ["hit"]
    candidates = place_candidates([killing], killing.sent, set())
    assert [(c.span.text, c.level) for c in candidates] == [("Kherson", 1)]


def test_specific_place_and_container_share_one_phrase(nlp: Language) -> None:
    doc = nlp("A bomb exploded in Iraq's northern Nineveh province.")
    head = _token(doc, "exploded")
    found = {c.span.text: c for c in place_candidates([head], head.sent, set())}
    assert found["Iraq"].carrier == found["Nineveh"].carrier
    assert found["Nineveh"].role < found["Iraq"].role  # the more specific one


def test_date_attached_to_the_event_not_to_another(nlp: Language) -> None:
    doc = nlp("The minister, who was appointed in March, met the envoy on Thursday.")
    met = _token(doc, "met")
    assert [e.text for e in date_entities_for([met], met.sent)] == ["Thursday"]


def test_time_entity_with_a_weekday_is_a_date(nlp: Language) -> None:
    doc = nlp("Police detained the organisers on Wednesday night.")
    verb = _token(doc, "detained")
    assert [e.text for e in date_entities_for([verb], verb.sent)] == ["Wednesday night"]


@pytest.mark.parametrize(
    ("text", "verb", "tense"),
    [
        ("The envoy met officials on Tuesday.", "met", "past"),
        ("The envoy will meet officials on Tuesday.", "meet", "future"),
        ("The envoy meets officials on Tuesday.", "meets", "present"),
        ("The talks were held on Tuesday.", "held", "past"),
    ],
)
def test_tense_of_the_verb(nlp: Language, text: str, verb: str, tense: str) -> None:
    assert tense_of(_token(nlp(text), verb)) == tense


def test_anaphoric_time_phrase(nlp: Language) -> None:
    doc = nlp("During the call, the two leaders agreed to meet again.")
    phrase = anaphoric_time_for([_token(doc, "agreed")])
    assert phrase is not None and phrase.text == "During the call"
    assert anaphoric_time_for([_token(nlp("They agreed to meet again."), "agreed")]) is None


# ------------------------------------------------------------- through the pipeline


def _events(coder: Any, text: str) -> list[Any]:
    return list(coder.code_text(text, date=DCT))


def _one(coder: Any, text: str, trigger: str) -> Any:
    events = [e for e in _events(coder, text) if trigger in e.event_text]
    assert events, f"no event with {trigger!r} in {text!r}"
    return events[0]


def _loc(event: Any) -> tuple[str | None, str | None]:
    loc = event.event_loc
    return (loc.extracted_place, loc.country_code) if loc else (None, None)


def test_summit_in_a_city(coder: Any) -> None:
    event = _one(coder, "The two leaders agreed to hold a summit in Budapest.", "agreed")
    assert _loc(event) == ("Budapest", "HUN")
    assert event.event_loc.resolution == 4 and event.event_loc.geonameid


def test_venue_named_before_the_meeting_noun(coder: Any) -> None:
    event = _one(
        coder, "The failed Alaska summit just a few months ago produced no deal.", "summit"
    )
    assert _loc(event) == ("Alaska", "USA")
    assert event.event_loc.resolution == 2
    assert (event.date, event.date_precision) == (dt.date(2025, 7, 1), "month")
    assert event.aux_mode == "historical"


def test_place_near_a_town(coder: Any) -> None:
    event = _one(coder, "Russian forces shelled positions near Bakhmut on Tuesday.", "shelled")
    assert _loc(event) == ("Bakhmut", "UKR")
    assert event.date == dt.date(2025, 10, 14)  # past tense: the Tuesday before


def test_based_group_gives_its_base(coder: Any) -> None:
    event = _one(coder, "A Gaza-based militant group fired rockets at Israel on Monday.", "fired")
    assert _loc(event)[1] == "PSE"


def test_capital_as_speaker_is_not_the_place(coder: Any) -> None:
    event = _one(coder, "Moscow said Ukrainian drones struck a refinery in Samara.", "struck")
    assert _loc(event) == ("Samara", "RUS")


def test_visit_takes_the_visited_city(coder: Any) -> None:
    event = _one(coder, "The foreign minister will visit Beijing on Tuesday.", "visit")
    assert _loc(event) == ("Beijing", "CHN")
    assert event.date == dt.date(2025, 10, 21)  # future tense: the next Tuesday


def test_unknown_place_takes_the_country_of_its_phrase(coder: Any) -> None:
    text = "Pakistan's army said it destroyed several posts in Afghanistan's Zarbulak district."
    event = _one(coder, text, "destroyed")
    assert event.event_loc.extracted_place.startswith("Zarbulak")
    assert (event.event_loc.country_code, event.event_loc.geonameid) == ("AFG", None)
    assert event.event_loc.resolution == 3


def test_season_is_a_historical_range(coder: Any) -> None:
    text = "Officials in Kyiv said Russian troops attacked the village of Kupiansk last spring."
    event = _one(coder, text, "attacked")
    assert _loc(event) == ("Kupiansk", "UKR")
    assert (event.date, event.enddate) == (dt.date(2025, 3, 1), dt.date(2025, 5, 31))
    assert (event.date_precision, event.aux_mode) == ("season", "historical")


def test_past_months_range_ends_at_publication(coder: Any) -> None:
    event = _one(coder, "Rebels have attacked convoys in the past eight months.", "attacked")
    assert (event.date, event.enddate) == (dt.date(2025, 2, 17), dt.date(2025, 10, 17))
    assert event.aux_mode is None  # still going on


def test_no_expression_defaults_to_publication(coder: Any) -> None:
    event = _one(coder, "Protesters rallied in Tbilisi.", "rallied")
    assert (event.date, event.date_precision, event.date_defaulted) == (
        dt.date(2025, 10, 17),
        "day",
        True,
    )


def test_during_the_call_takes_the_calls_date(coder: Any) -> None:
    text = (
        "Putin spoke with Trump by phone on Thursday. "
        "During the call, the two leaders agreed to meet again."
    )
    event = _one(coder, text, "agreed")
    assert (event.date, event.date_defaulted) == (dt.date(2025, 10, 16), False)
