"""How far a place reaches: participles, contests, solidarity, what a person has (issue 5).

Sentences written by the team.
"""

from __future__ import annotations

import pytest
from tests.event_places import place_of

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        # a weapon's or vehicle's participle says where it was
        ("A bomb hidden in a cart in the town of Baqubah killed three people.", None, "Baqubah"),
        (
            "A roadside bomb targeting a police convoy near the district of Saqlawiyah "
            "killed two officers.",
            "killed",
            "Saqlawiyah",
        ),
        # what someone was doing at the time
        (
            "Gunmen shot dead a teacher walking near the market in the southern city of Basra.",
            "shot",
            "Basra",
        ),
        (
            "A farmer riding a tractor in the village of Beit Ummar was shot and wounded.",
            "shot",
            "Beit Ummar",
        ),
    ],
)
def test_a_participle_says_where_its_noun_was(  # type: ignore[no-untyped-def]
    coder, text: str, word: str | None, place: str
) -> None:
    assert place_of(coder, text, word) == place


@pytest.mark.parametrize(
    "text",
    [
        # where someone travels from or to is not where the event was
        "A minibus travelling from Peshawar to the border was destroyed by a bomb.",
        "Trucks carrying food to refugees in Chad were destroyed in an ambush.",
        # nor a standing state: a road leading into a town, a man living somewhere
        "Jets bombed the road leading into Grozny overnight.",
    ],
)
def test_a_journey_or_a_standing_state_places_nothing(coder, text: str) -> None:  # type: ignore[no-untyped-def]
    assert place_of(coder, text) is None


def test_a_gapped_toll_shares_its_place(coder) -> None:  # type: ignore[no-untyped-def]
    """ "nine other injured": the parser reads "other" as an adjective."""
    text = "Four shepherds were killed and nine other injured in the village of Kafr Batna."
    assert place_of(coder, text, "killed") == "Kafr Batna"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Dozens of fighters were killed in the battle for Tikrit last month.", "Tikrit"),
        ("Two commanders were killed in the fight for Kobani.", "Kobani"),
    ],
)
def test_a_fight_for_a_place_is_in_it(coder, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    assert place_of(coder, text) == place


def test_a_fight_for_a_place_as_a_time_is_not_its_place(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Hundreds of militants have been killed since the start of the battle for Tikrit."
    assert place_of(coder, text, "killed") is None


def test_shelling_on_a_named_town(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Five civilians were killed during the shelling on Kafr Zeita town on Monday."
    assert place_of(coder, text, "killed") == "Kafr Zeita"


def test_a_street_named_for_a_country_is_not_the_country(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Three people were killed when a bomb exploded near a bakery in Lebanon street."
    assert place_of(coder, text, "killed") is None


def test_a_nationality_before_an_area_names_no_place(coder) -> None:  # type: ignore[no-untyped-def]
    """ "a mostly Sunni neighbourhood in the village of X" is in X."""
    text = (
        "Six people were killed on Friday in a mostly Sunni neighbourhood in the village "
        "of Al-Mazraa, police said."
    )
    assert place_of(coder, text, "killed") == "Al-Mazraa"


def test_what_a_person_has_is_no_town(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Jets bombed Zahhar's office during an operation to free two hostages."
    assert place_of(coder, text, "bombed") is None


def test_a_statement_clause_lends_no_place(coder) -> None:  # type: ignore[no-untyped-def]
    """ "killed a year after Washington declared an end to combat in X": the statement
    dates the killing; its place is the statement's."""
    text = (
        "A year after London declared an end to combat operations in Basra, two British "
        "soldiers were killed on Sunday."
    )
    assert place_of(coder, text, "killed") is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Students protested against the military operation in Gaza on Monday.", None),
        (
            "Hundreds demonstrated against the air offensive in Gaza and marched to the US "
            "consulate in Sydney.",
            "Sydney",
        ),
        (
            "Thousands of Kurds demonstrated on Saturday in a show of solidarity with "
            "refugees in Kobani.",
            None,
        ),
    ],
)
def test_a_protests_issue_is_not_where_it_was(  # type: ignore[no-untyped-def]
    coder, text: str, place: str | None
) -> None:
    """An operation has its own place; people one stands with are elsewhere."""
    assert place_of(coder, text, "protested" if "protested" in text else "demonstrated") == place


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        # a reference point with a compound direction word
        ("A shopkeeper was shot dead in a village northeast of Kirkuk.", "shot", "Kirkuk"),
        # a second phrase joined to the first
        ("Settlers demonstrated outside the ministry and in Jericho on Friday.", None, "Jericho"),
        # a name the parser hangs on the day
        (
            "Thousands of nurses marched in the capital Lisbon Friday for higher pay.",
            None,
            "Lisbon",
        ),
        # the site a concurrent clause acts on
        ("The imam was shot dead as he left a Mosul mosque on Friday.", "shot", "Mosul"),
        ("Their house was destroyed when jets bombed Gaza's Shujaiya suburb.", None, "Shujaiya"),
    ],
)
def test_places_joined_to_the_event_further_out(  # type: ignore[no-untyped-def]
    coder, text: str, word: str | None, place: str
) -> None:
    assert place_of(coder, text, word) == place


@pytest.mark.parametrize(
    "text",
    [
        # the composition of a site is no place, the origin of a trip or a fighter is none
        "Car bombs struck several mostly Sunni neighbourhoods, killing 14 people.",
        "A driver was shot as he slept in his truck during a journey from Fresno to Reno.",
    ],
)
def test_compositions_and_origins_are_no_places(coder, text: str) -> None:  # type: ignore[no-untyped-def]
    assert place_of(coder, text) is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # where a march went is its place, though it is also whom it addressed
        ("Thousands of farmers marched into Brussels on Tuesday.", "Brussels"),
        ("Hundreds of students marched to the White House on Saturday.", "White House"),
        # a name the parser hangs on the day
        ("About 200 nurses demonstrated outside the Vatican Sunday.", "Vatican"),
        # a country that owns the site is still not the place
        ("In Nicosia, about 300 students marched on the US embassy.", "Nicosia"),
    ],
)
def test_where_a_protest_went(coder, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    assert place_of(coder, text) == place


def test_an_armed_side_captures_a_town_the_gazetteer_lacks(coder) -> None:  # type: ignore[no-untyped-def]
    """The recogniser tags "Ouadda" an organisation; rebels capture it: a town."""
    events = coder.code_text(
        "Rebels first captured Ouadda on Oct. 12, but lost it a week later.", date="2025-10-20"
    )
    [event] = [e for e in events if e.event_text == "captured"]
    assert "seize" in event.mode
    assert event.event_loc is not None and event.event_loc.extracted_place == "Ouadda"


def test_a_name_the_article_gives_a_man_is_no_captured_town(coder) -> None:  # type: ignore[no-untyped-def]
    text = "The hostage was named as Avram Goldmann. Hezbollah captured Goldmann in October."
    assert place_of(coder, text, "captured") is None


def test_a_sports_win_is_no_capture(coder) -> None:  # type: ignore[no-untyped-def]
    events = coder.code_text(
        "Vettel captured his third Formula One event of the season at Monza.", date="2025-10-20"
    )
    assert [e.event for e in events] == []


@pytest.mark.parametrize(
    "text",
    [
        # an event a span of time away, and a period an event is dated by
        "Simmons was shot two weeks after his brother was killed in a Dallas nightclub.",
        "Two soldiers were killed hours after a bomb exploded in Kandahar.",
        "More than 40,000 people have been killed since the start of the war in Sudan.",
        "The army has captured 300 militants since the bombings in Kampala.",
    ],
)
def test_another_event_that_dates_this_one_lends_no_place(coder, text: str) -> None:  # type: ignore[no-untyped-def]
    assert place_of(coder, text) is None


def test_an_event_right_after_another_shares_its_place(coder) -> None:  # type: ignore[no-untyped-def]
    text = "The rebel leader was captured after a gunbattle in Goma."
    assert place_of(coder, text, "captured") == "Goma"


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        # a hometown is an area that names its place
        (
            "A judge was shot dead in his hometown of Baiji, 40 kilometers north of Tikrit.",
            "shot",
            "Baiji",
        ),
        # an "in" phrase after a comma names the container
        (
            "In Marbella, in southern Spain, about 800 people demonstrated against the new port.",
            None,
            "Marbella",
        ),
        # a named area beats the town 40 km away from it
        (
            "The gunships shelled the Gul Kach area, some 60 km west of Wana, on Friday.",
            None,
            "Gul Kach",
        ),
    ],
)
def test_a_place_beats_its_container_and_its_reference_point(  # type: ignore[no-untyped-def]
    coder, text: str, word: str | None, place: str
) -> None:
    assert place_of(coder, text, word) == place


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        # a place hung on a noun the parser makes an adverb of the verb
        (
            "A second car bomb killed four people, including two soldiers, and wounded 20 "
            "more, many of them police officers, near a bakery in the central city of Kirkuk.",
            "wounded",
            "Kirkuk",
        ),
        # "close to", and what one was trying to do at the time
        (
            "The dead man was shot while trying to escape arrest close to the town of Kupang.",
            "shot",
            "Kupang",
        ),
    ],
)
def test_places_of_what_was_going_on(  # type: ignore[no-untyped-def]
    coder, text: str, word: str, place: str
) -> None:
    assert place_of(coder, text, word) == place


def test_trying_to_go_somewhere_is_not_being_there(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Two smugglers were shot dead while trying to cross into Iran on Monday."
    assert place_of(coder, text, "shot") is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Six people were killed and 40 wounded in a car bomb attack that targeted a police "
            "post in Tizi Ouzou.",
            "Tizi Ouzou",
        ),
        (
            "At least 30 people were killed, and more than 60 wounded, in an explosion that "
            "ripped through a crowded market in the Pakistani city of Quetta.",
            "Quetta",
        ),
    ],
)
def test_an_incidents_damage_clause_says_where_it_was(coder, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    assert place_of(coder, text, "killed") == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # "out of" is one preposition
        (
            "The mayor was shot dead as he stepped out of his office in Ciudad Juarez.",
            "Ciudad Juarez",
        ),
        # where people came from is no place of theirs; a fronted pair stays fronted
        ("Thousands of refugees from across Jordan demonstrated in the camp on Sunday.", None),
        ("Earlier in Rafah, in the southern Gaza Strip, a farmer was shot in the leg.", "Rafah"),
    ],
)
def test_prepositions_on_prepositions(coder, text: str, place: str | None) -> None:  # type: ignore[no-untyped-def]
    assert place_of(coder, text) == place


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        # a business is named by its owner; the press places it in its town
        (
            "Unknown assailants walked into the Dos Rios bar in Chihuahua before midnight "
            "Thursday and began shooting indiscriminately.",
            "shooting",
            "Chihuahua",
        ),
        # a man's apartment, though his name is a town's; a man with an age
        (
            "The fugitive was captured in Garcia's apartment in Monterrey during a police raid.",
            "captured",
            "Monterrey",
        ),
        (
            "Cordoba, 52, was shot dead by gunmen who waited for him outside his office.",
            "shot",
            None,
        ),
    ],
)
def test_businesses_and_people_named_like_towns(  # type: ignore[no-untyped-def]
    coder, text: str, word: str, place: str | None
) -> None:
    assert place_of(coder, text, word) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a one-word name after "at" a site, though tagged a person
        (
            "Troops captured three suspected militants after a rocket attack near the army base "
            "at Shkin on Monday.",
            "Shkin",
        ),
        # what happened right before, told as "after being ..."
        (
            "The commander was captured in May after being badly wounded in a firefight "
            "near Khost.",
            "Khost",
        ),
        # an area word's apposition names it
        (
            "On Friday, the rebels captured the country's third largest city, Kisangani, "
            "after a week of fighting.",
            "Kisangani",
        ),
        ("The rebels captured two northern towns, Umm Bir and Dabo, on Sunday.", "Umm Bir"),
    ],
)
def test_more_captures_and_their_places(coder, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    assert place_of(coder, text, "captured") == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a phrase the parser hangs on an adverb coordinated with the verb
        (
            "Hours later, a 19-year-old farmer was killed by live rounds in the chest and back "
            "during clashes in the West Bank town of Tubas.",
            "Tubas",
        ),
        # a "when" clause the parser hangs on the day (guard)
        (
            "Twelve soldiers were killed and 30 wounded Sunday when a transport helicopter was "
            "downed outside the town of Baiji.",
            "Baiji",
        ),
    ],
)
def test_clauses_the_parser_hangs_elsewhere(coder, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    assert place_of(coder, text, "killed") == place


def test_a_consequence_is_not_where_it_happened(coder) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Three soldiers were killed and 9 soldiers wounded in the city of Samarra on Friday, "
        "bringing British losses in Iraq to 40."
    )
    assert place_of(coder, text, "killed") != "Iraq"


def test_clashes_that_centered_somewhere_were_there(coder) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Government troops killed twelve rebels in the clashes that centered in southern "
        "Suluk town."
    )
    assert place_of(coder, text, "killed") == "Suluk"


def test_a_seat_of_power_is_in_its_city(coder) -> None:  # type: ignore[no-untyped-def]
    """GeoNames gives "White House" as another name of Casablanca; the alias file says
    it stands in Washington."""
    events = coder.code_text(
        "Hundreds of students marched to the White House on Saturday.", date="2025-10-20"
    )
    [event] = [e for e in events if e.event_text == "marched"]
    assert event.event_loc is not None
    assert (event.event_loc.resolved_place, event.event_loc.country_code) == ("Washington", "USA")
