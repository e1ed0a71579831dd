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
        # a part of a site is where the site is
        ("A banker was shot dead on the doorstep of his Moscow flat on Monday.", "shot", "Moscow"),
        (
            "A guard was stabbed at an entrance to Jerusalem's Old City on Friday.",
            "stabbed",
            "Old City",
        ),
        # what the clause of a concurrent clause was doing
        (
            "Two soldiers were killed when their truck was hit by a mine while conducting "
            "patrols in Iraq's western Anbar province, the army said.",
            "killed",
            "Anbar",
        ),
        # air strikes over a place
        ("The airstrikes over northern Idlib killed at least nine fighters.", "killed", "Idlib"),
        # a second clause that borrows the first's auxiliary shares its phrase
        (
            "Dozens of tankers were destroyed and 40 people hurt in three bomb attacks at the "
            "Chaman border crossing.",
            "destroyed",
            "Chaman",
        ),
        # the perimeter of a place is in it; a capital renamed before the day
        (
            "Rebel fighters are storming the southern perimeter of Kafr Nabudah after a night "
            "of shelling.",
            "storming",
            "Kafr Nabudah",
        ),
        (
            "Thousands of students demonstrated in the centre of the Armenian capital Yerevan "
            "Tuesday to protest the vote.",
            "demonstrated",
            "Yerevan",
        ),
        # "out of" a site, in a concurrent clause
        (
            "The banker was shot in the chest as he stepped out of a downtown Caracas "
            "courthouse on Tuesday.",
            "shot",
            "Caracas",
        ),
        # a captured area's name before the region it lies in
        (
            "The western district of Kalesija in eastern Bosnia was captured by Serb forces "
            "in 1992.",
            "captured",
            "Kalesija",
        ),
        # a city whose name also stands for an institution, when its streets are meant
        (
            "Hundreds of dockers demonstrated Friday in Brussels streets against the port reform.",
            "demonstrated",
            "Brussels",
        ),
        # a lone word for a kind of place is no place's name
        (
            "The militia captured key towns in the North and South Kivu provinces.",
            "captured",
            "South Kivu",
        ),
        # where a journey went, not where it began
        (
            "The judge and his driver were shot as they were driving from Karbala to Najaf.",
            "shot",
            "Najaf",
        ),
        # a seat of power stands in its city
        (
            "On Saturday, thousands marched on the Pentagon demanding an end to the war.",
            "marched",
            "Pentagon",
        ),
        # a man protested against is no issue with a place
        (
            "Thousands of anti-war demonstrators marched against Blair in Scotland on Saturday "
            "and the next day a former general described the plan as folly.",
            "marched",
            "Scotland",
        ),
        # "hundreds of villagers in X": who, counted, not what the march was about
        (
            "Hundreds of villagers in eastern Zhejiang province marched on a chemical plant.",
            "marched",
            "Zhejiang",
        ),
        # a region's building is in the region
        (
            "A nurse was shot in the courtyard of the West Bank's largest hospital.",
            "shot",
            "West Bank",
        ),
        # "the Gulf of X" names a sea
        (
            "Two fishermen were captured by the navy in the Gulf of Aden last week.",
            "captured",
            "Gulf of Aden",
        ),
        # "the battlefields of X": a plural area word names its place too
        (
            "Most of the prisoners were captured on the battlefields of Afghanistan in 2001.",
            "captured",
            "Afghanistan",
        ),
        # along or through a street or a district
        ("He was shot in the leg as he walked along Atlantic Avenue.", "shot", "Atlantic Avenue"),
        (
            "Students marched through Midtown Manhattan chanting slogans.",
            "marched",
            "Midtown Manhattan",
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
