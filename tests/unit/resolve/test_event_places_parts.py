"""Which of two places is the event's: the part before its whole, the event's own
phrase before a participant's, and names that are no places (issue 5).

Sentences written by the team.
"""

from __future__ import annotations

import pytest
from tests.event_places import DATE, place_of

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        # where a participant comes from is not where the event was
        (
            "Jones, from a small farming town in Ohio, was captured by rebels in Mali in 2019.",
            "captured",
            "Mali",
        ),
        (
            "A nurse from a village in Kerala was captured by militants in Mosul last year.",
            "captured",
            "Mosul",
        ),
        # the event's own phrase comes before the one its passive subject carries
        (
            "A local leader of the group in Kandahar province was killed by a drone strike "
            "near the Kajaki Dam.",
            "killed",
            "Kajaki Dam",
        ),
        # a capitalised direction before a country
        ("The militia captured Southern Lebanon within a week.", "captured", "Southern Lebanon"),
        # the site a man tried to flee when he was shot
        (
            "An inmate was shot dead by guards as he tried to flee the Comayagua prison in "
            "central Honduras.",
            "shot",
            "Comayagua",
        ),
        # "staged an incursion into X", the phrase hung on the verb
        (
            "Troops staged an incursion into the Zeitoun neighborhood outside of Gaza City, "
            "killing four men.",
            "killing",
            "Zeitoun",
        ),
        # the village a clause of the event acted on, though tagged a nationality
        (
            "Twelve people were killed when bandits attacked Nwonko village on Sunday.",
            "killed",
            "Nwonko",
        ),
        (
            "The jihadists beheaded four men after capturing Buyir village near Manbij.",
            "beheaded",
            "Buyir",
        ),
        # a name tagged a person is a locality when it lies some way from a city
        (
            "Two shells struck a school in Hussein Ali, just east of Baquba, wounding five pupils.",
            "struck",
            "Hussein Ali",
        ),
        # an acronym's site is no locality inside the town
        (
            "Two policemen were wounded when militants attacked the CRPF camp headquarters in "
            "Magam town on Friday.",
            "wounded",
            "Magam",
        ),
    ],
)
def test_the_more_specific_place_of_the_event(  # type: ignore[no-untyped-def]
    coder, text: str, word: str, place: str
) -> None:
    assert place_of(coder, text, word) == place


def test_a_district_of_a_province_is_the_place_in_the_province_country(coder) -> None:  # type: ignore[no-untyped-def]
    # the gazetteer's Raman is a town in India; the province says this one is in Thailand
    events = coder.code_text(
        "Two soldiers were killed in the Raman district of Narathiwat province.", date=DATE
    )
    place = next(e.event_loc for e in events if "killed" in e.event_text)
    assert place is not None
    assert (place.extracted_place, place.country_code) == ("Raman", "THA")


@pytest.mark.parametrize(
    ("text", "word", "not_place"),
    [
        # a captured man who shares his name with a town
        (
            "Mendoza was captured by the army while trying to flee Peru in May.",
            "captured",
            "Mendoza",
        ),
        # a ship's name
        ("The navy captured the freighter Port Said in the Red Sea.", "captured", "Port Said"),
    ],
)
def test_names_that_are_no_place(  # type: ignore[no-untyped-def]
    coder, text: str, word: str, not_place: str
) -> None:
    assert place_of(coder, text, word) != not_place
