"""Places shared by coordinated verbs, and destinations as places (issue 5).

Sentences written by the team.
"""

from __future__ import annotations

import pytest
from tests.event_places import place_of

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
    places = _places(coder, "A journalist was arrested and a soldier was wounded in Kandahar.")
    assert places.get("wounded") == "Kandahar"
    assert places.get("arrested") is None


def test_a_casualty_toll_is_one_incident(coder) -> None:  # type: ignore[no-untyped-def]
    """ "N were killed and M were wounded in X": the killing was in X too."""
    text = "A soldier was killed and four others were wounded by a roadside bomb in Kandahar."
    assert _places(coder, text).get("killed") == "Kandahar"
    text = "A policeman was shot dead and two officers were wounded north of Kandahar."
    assert _places(coder, text).get("shot") == "Kandahar"


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


def test_at_says_where_except_after_aiming_words(coder) -> None:  # type: ignore[no-untyped-def]
    [killed] = [
        e
        for e in coder.code_text(
            "Government forces killed 28 rebels at Tal Sukeek on Tuesday.", date="2025-10-20"
        )
        if e.event_text == "killed"
    ]
    assert killed.event_loc is not None and killed.event_loc.extracted_place == "Tal Sukeek"
    assert "Tal Sukeek" not in {r.entity_text for r in killed.recipient}
    [fired] = [
        e
        for e in coder.code_text("Militants fired at a police patrol.", date="2025-10-20")
        if e.event_text == "fired"
    ]
    assert any("patrol" in r.entity_text for r in fired.recipient)


def test_a_site_that_is_shot_at_is_the_place(coder) -> None:  # type: ignore[no-untyped-def]
    places = _places(coder, "Gunmen shot at Sarajevo airport on Monday.")
    assert places.get("shot") == "Sarajevo"  # the town the airport is named for


def test_bombed_and_stormed_places_are_where_it_happened(coder) -> None:  # type: ignore[no-untyped-def]
    events = coder.code_text("NATO aircraft bombed Yugoslavia for 78 days.", date="1999-06-01")
    [bombed] = [e for e in events if e.event_text == "bombed"]
    assert bombed.event_loc is not None and bombed.event_loc.country_code == "SRB"
    places = _places(coder, "Army units stormed Tal Hamra on Friday.")
    assert places.get("stormed") == "Tal Hamra"


def test_a_captured_town_is_a_seizure_there_a_captured_man_is_not(coder) -> None:  # type: ignore[no-untyped-def]
    [town] = [
        e
        for e in coder.code_text("M23 rebels captured Bukavu on Sunday.", date="2025-02-16")
        if e.event_text == "captured"
    ]
    assert (town.event, town.mode) == (("COERCE",), ("seize",))
    assert town.event_loc is not None and town.event_loc.country_code == "COD"
    [man] = [
        e
        for e in coder.code_text("Police captured Karimov in Nairobi last week.", date="2025-02-16")
        if e.event_text == "captured"
    ]
    assert man.event_loc is not None and man.event_loc.extracted_place == "Nairobi"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The young Belgian captured her third title of the season in Dubai.", "capture"),
        ("Norway captured the gold medal in the relay on Sunday.", "capture"),
        ("The film captured the attention of audiences in Cairo.", "capture"),
        ("A drone camera captured footage of the flooded valley.", "capture"),
        ("The bowler captured three wickets before lunch.", "capture"),
        ("Security cameras captured the attack on the bank.", "capture"),
        ("The minister was captured on camera outside the stadium.", "capture"),
        ("Tensions shot up around the capital on Monday.", "shot"),
        ("The singer shot to fame in Seoul last year.", "shot"),
        ("The senators shot down the proposal on Tuesday.", "shot"),
    ],
)
def test_capturing_titles_or_shooting_to_fame_is_no_event(coder, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    assert [e for e in coder.code_text(text, date="2025-10-20") if word in e.event_text] == []


def test_a_plane_shot_down_over_a_country_and_a_man_shot_on_a_street(coder) -> None:  # type: ignore[no-untyped-def]
    assert _places(coder, "A transport plane was shot down over Laos in April.").get("shot") == (
        "Laos"
    )
    places = _places(coder, "A judge was shot on a Guatemala City street on Friday.")
    assert places.get("shot") == "Guatemala City"


def test_a_warm_welcome_is_a_visit_and_sexual_abuse_an_assault(coder) -> None:  # type: ignore[no-untyped-def]
    [welcome] = coder.code_text(
        "President Macron gave a warm welcome to Kenyan President William Ruto on Thursday.",
        date="2025-10-20",
    )
    assert welcome.event == ("CONSULT",) and welcome.mode == ("visit",)
    assert {a.code for a in welcome.actor} == {"KEN"} and {r.code for r in welcome.recipient} == {
        "FRA"
    }
    [abuse] = [
        e
        for e in coder.code_text("Guards sexually abused Nepali workers.", date="2025-10-20")
        if "ASSAULT" in e.event
    ]
    assert abuse.mode == ("sexual",)


@pytest.mark.parametrize(
    ("text", "village"),
    [
        # tagged GPE: an unknown place, which takes its district's country
        ("A farmer was murdered at Kottakuppam in Villupuram district.", "Kottakuppam"),
        # tagged ORG: only its known container makes it a place
        ("A trader was murdered at Olakkur in Villupuram district.", "Olakkur"),
    ],
)
def test_a_village_the_gazetteer_lacks_is_placed_in_its_district(  # type: ignore[no-untyped-def]
    coder, text: str, village: str
) -> None:
    [event] = coder.code_text(text)
    assert event.event_loc is not None
    assert (event.event_loc.extracted_place, event.event_loc.country_code) == (village, "IND")


def test_a_named_district_of_a_known_city_is_the_place(coder) -> None:  # type: ignore[no-untyped-def]
    [event] = coder.code_text("A rocket hit a school in the Sidi Hussein district of Benghazi.")
    assert event.event_loc is not None
    assert (event.event_loc.extracted_place, event.event_loc.country_code) == (
        "Sidi Hussein",
        "LBY",
    )


def test_a_named_building_is_no_locality_inside_its_town(coder) -> None:  # type: ignore[no-untyped-def]
    places = _places(coder, "A farmer was shot at the Olangur Theater in Villupuram district.")
    assert places.get("shot") == "Villupuram"


def test_an_unknown_building_takes_its_towns_country(coder) -> None:  # type: ignore[no-untyped-def]
    [event] = coder.code_text("A farmer was shot outside the Al-Nour Theater in Haifa.")
    assert event.event_loc is not None and event.event_loc.country_code == "ISR"


def test_a_hyphenated_name_is_one_place(coder) -> None:  # type: ignore[no-untyped-def]
    """The entity recogniser tags "Mazar" alone; "Sharif" would be a prime minister."""
    [event] = coder.code_text("The Taliban captured Mazar-e-Sharif after a long siege.")
    assert (event.event, event.mode) == (("COERCE",), ("seize",))
    assert event.event_loc is not None
    assert (event.event_loc.extracted_place, event.event_loc.country_code) == (
        "Mazar-e-Sharif",
        "AFG",
    )


def test_capturing_a_named_town_is_a_seizure_as_the_crosswalk_says(coder) -> None:  # type: ignore[no-untyped-def]
    """CAMEO 192 (occupy territory) is COERCE seize, whether the town is named bare or
    as "the town of X"."""
    [event] = coder.code_text("Rebels captured the town of Kalehe on Sunday.")
    assert (event.event, event.mode) == (("COERCE",), ("seize",))
    assert event.event_loc is not None and event.event_loc.extracted_place == "Kalehe"


def test_a_protest_is_where_it_was_not_where_its_issue_is(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Hundreds of students demonstrated in Lisbon against the air strikes on Mali."
    assert _places(coder, text).get("demonstrated") == "Lisbon"
    text = "Hundreds of students protested against the air strikes on villages in Mali."
    assert _places(coder, text).get("protested") is None
    # an "in" phrase on the issue itself: a town says where, a country what about
    assert _places(coder, "Thousands protested against the war in Brussels.")["protested"] == (
        "Brussels"
    )
    assert _places(coder, "Thousands protested against the war in Yemen.")["protested"] is None


def test_rockets_slamming_into_a_district_are_an_attack_there(coder) -> None:  # type: ignore[no-untyped-def]
    [event] = coder.code_text("Two rockets slammed into the Karrada district on Monday.")
    assert event.event == ("ASSAULT",)
    assert event.event_loc is not None and event.event_loc.extracted_place == "Karrada"


def test_a_fronted_scene_yields_to_a_place_further_in(coder) -> None:  # type: ignore[no-untyped-def]
    text = "In Kharkiv province, a farmer was killed when a shell struck his tractor near Izium."
    assert _places(coder, text).get("killed") == "Izium"


def test_a_victim_the_recogniser_does_not_call_a_place_is_no_place(coder) -> None:  # type: ignore[no-untyped-def]
    """Molina and Bell are towns too, but here they are the people shot."""
    assert _places(coder, "Molina was shot in the leg and treated at a clinic.").get("shot") is None
    assert _places(coder, "Bell was shot as he left a bar.").get("shot") is None


def test_the_residents_of_a_town_are_attacked_there(coder) -> None:  # type: ignore[no-untyped-def]
    assert (
        _places(coder, "Gunmen attacked residents of Kutum on Friday.").get("attacked") == "Kutum"
    )


def test_a_side_taken_is_no_place(coder) -> None:  # type: ignore[no-untyped-def]
    text = "A pro-Moscow Chechen commander and his driver were shot dead on Friday."
    assert _places(coder, text).get("shot") is None


def test_a_clause_borrowing_the_auxiliary_shares_the_place(coder) -> None:  # type: ignore[no-untyped-def]
    """ "Three were killed and five wounded in X": one report of one incident."""
    places = _places(coder, "Three soldiers were killed and five wounded in Kandahar.")
    assert places.get("killed") == "Kandahar"


def test_a_court_appearance_after_a_capture_is_elsewhere(coder) -> None:  # type: ignore[no-untyped-def]
    text = "A third man was captured, and acknowledged before a judge in Madrid on Friday."
    assert _places(coder, text).get("captured") is None


def test_what_came_after_a_capture_or_a_shooting_is_elsewhere(coder) -> None:  # type: ignore[no-untyped-def]
    text = "He was captured in 1994 and deported to a camp near Lyon."
    assert _places(coder, text).get("captured") is None
    text = "The journalist was shot in the head and died in a hospital in Lyon."
    assert _places(coder, text).get("shot") is None


def test_a_captured_town_beats_where_the_captors_are_now(coder) -> None:  # type: ignore[no-untyped-def]
    text = "The rebels captured Kandahar and are now at the outskirts of Kabul."
    assert _places(coder, text).get("captured") == "Kandahar"


def test_a_locality_the_gazetteer_lacks_is_still_the_place(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen shot dead a village elder in Tell Karama on Sunday."
    assert _places(coder, text).get("shot") == "Tell Karama"
    text = "A bomb killed two guards near Kufr Sabra on Sunday."
    assert _places(coder, text).get("killed") == "Kufr Sabra"
    # the recogniser calls this one an organisation
    text = "Four soldiers were killed and nine were wounded in the fighting near Kamanyola."
    assert _places(coder, text).get("killed") == "Kamanyola"


@pytest.mark.parametrize(
    "text",
    [
        "A guard was shot at about 11 p.m. (2000 GMT) on Sunday.",
        "The commander was killed in an attack by the Islamic State.",
        "Militia Chief Killed in Border Raid",
        "Two guards were shot in the Harvest Day Parade on Sunday.",
    ],
)
def test_no_locality_is_made_of_clocks_names_headlines_or_parades(coder, text: str) -> None:  # type: ignore[no-untyped-def]
    assert all(place is None for place in _places(coder, text).values())


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Vukovar was captured by the rebels in November.", "Vukovar"),
        ("The rebels have captured more than half of Zaire.", "Zaire"),
        ("The opposition captured parts of Laghman earlier this month.", "Laghman"),
    ],
)
def test_a_captured_town_region_or_share_of_a_country_is_the_place(  # type: ignore[no-untyped-def]
    coder, text: str, place: str
) -> None:
    [event] = coder.code_text(text, date="2025-10-20")
    assert (event.event, event.mode) == (("COERCE",), ("seize",))
    assert event.event_loc is not None and event.event_loc.extracted_place == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Rebel fighters captured Korvash Hill on Tuesday.", "Korvash Hill"),
        (
            "The army captured the Tamsala Military Airport after a long siege.",
            "Tamsala Military Airport",
        ),
        ("Government troops captured the Velmora base of the insurgents.", "Velmora"),
        (
            "Rebels captured the Marj Al-Hamra Military Airport after a week of fighting.",
            "Marj Al-Hamra Military Airport",
        ),
        ("The militants captured the Al-Zarqan hill after heavy clashes.", "Al-Zarqan"),
        ("Militiamen captured the strategic hilltop of Tal Marwan overnight.", "Tal Marwan"),
        (
            "Croat troops captured Dobrava and Kresno, another mainly Serb town, last week.",
            "Dobrava",
        ),
        ("The rebels hope to capture Sarnoba from the government forces this week.", "Sarnoba"),
    ],
)
def test_a_captured_site_or_town_the_gazetteer_lacks_is_the_place(  # type: ignore[no-untyped-def]
    coder, text: str, place: str
) -> None:
    """A name the gazetteer does not know is a place taken when the sentence says so:
    a site or landmark word, an apposition, a capture from an armed side."""
    [event] = [e for e in coder.code_text(text, date="2025-10-20") if "COERCE" in e.event]
    assert (event.event, event.mode) == (("COERCE",), ("seize",))
    assert event.event_loc is not None and event.event_loc.extracted_place == place


def test_a_captured_site_is_in_the_country_of_the_clause(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian troops captured the Nour Hospital, near Aleppo, on Monday."
    [event] = [e for e in coder.code_text(text, date="2025-10-20") if "COERCE" in e.event]
    assert event.event_loc is not None
    assert event.event_loc.extracted_place in ("Nour Hospital", "Aleppo")
    assert event.event_loc.country_code == "SYR"


def test_a_known_town_of_the_clause_beats_a_captured_site_it_lacks(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Soldiers captured two Rashid camps in Jolo after a battle."
    [event] = [e for e in coder.code_text(text, date="2025-10-20") if "COERCE" in e.event]
    assert event.event_loc is not None and event.event_loc.extracted_place == "Jolo"


@pytest.mark.parametrize(
    "text",
    [
        "Police captured Vashenko after a long chase.",
        "Special forces captured Orlan Dzhemal from his hideout on Sunday.",
    ],
)
def test_a_captured_name_with_no_sign_of_a_place_is_no_place(coder, text: str) -> None:  # type: ignore[no-untyped-def]
    [event] = [e for e in coder.code_text(text, date="2025-10-20") if "COERCE" in e.event]
    assert event.event_loc is None


def test_a_struck_site_is_the_place(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Artillery shells struck the Omari Mosque and a nearby school on Friday."
    assert _places(coder, text).get("struck") == "Omari Mosque"


def test_a_man_captured_is_no_town_of_his_name(coder) -> None:  # type: ignore[no-untyped-def]
    [event] = coder.code_text("Kim was captured by the police on Sunday.", date="2025-10-20")
    assert event.event_loc is None


def test_the_district_of_a_city_marched_on_is_in_that_city(coder) -> None:  # type: ignore[no-untyped-def]
    text = "About 5,000 demonstrators marched on Manila's financial district."
    assert _places(coder, text).get("marched") == "Manila"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("More than 200 civilians were killed this week in east Aleppo.", "east Aleppo"),
        ("Artillery fire killed 12 civilians in the rebel stronghold of Donetsk.", "Donetsk"),
        (
            "A bomber blew himself up in an office in the capital, Islamabad, on Monday.",
            "Islamabad",
        ),
    ],
)
def test_a_place_named_in_a_longer_phrase(coder, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    """A part of a city, "the stronghold of X", and a capital renamed across a comma
    (which the parser hangs on the verb)."""
    places = [e.event_loc.extracted_place for e in coder.code_text(text) if e.event_loc]
    assert places and places[0] == place


def test_the_parties_of_a_clash_are_no_places(coder) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Seven people were killed in a clash between the Rizeigat and Misseriya tribesmen"
        " near Babanusa on Monday."
    )
    assert set(_places(coder, text).values()) == {"Babanusa"}


def test_a_month_is_no_place(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Ten people were killed in the 18 May fighting in Beledweyne."
    assert _places(coder, text).get("killed") == "Beledweyne"


def test_an_area_with_an_article_in_its_name_is_the_place(coder) -> None:  # type: ignore[no-untyped-def]
    text = "A technician was shot dead while driving his car in the al-Tarikh area of Jiddah."
    [event] = coder.code_text(text)
    assert event.event_loc is not None
    assert (event.event_loc.extracted_place, event.event_loc.country_code) == ("al-Tarikh", "SAU")


def test_a_sea_or_a_range_is_a_place_without_a_country(coder) -> None:  # type: ignore[no-untyped-def]
    [event] = coder.code_text("Two fishermen were captured in the Arabian Sea on Friday.")
    assert event.event_loc is not None
    assert event.event_loc.extracted_place == "Arabian Sea"
    assert (event.event_loc.country_code, event.event_loc.resolution) == (None, 2)


def test_a_locality_named_for_its_site_is_the_place(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen killed four people at Garsale police station on Monday."
    assert _places(coder, text).get("killed") == "Garsale"


def test_an_airport_takes_its_places_name_with_of(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Croatian soldiers captured the airport of Udbina on Friday."
    assert _places(coder, text).get("captured") == "Udbina"


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        (
            "The missiles destroyed a fuel depot on the outskirts of Khartoum.",
            "destroyed",
            "Khartoum",
        ),
        ("A car bomb destroyed one of Baghdad's oldest bridges on Monday.", "destroyed", "Baghdad"),
        ("Rebels bombed the Samarra pumping station on Sunday.", "bombed", "Samarra"),
        (
            "Gunmen shot dead a local judge in Hawo Barise, a small town in southern Somalia.",
            "shot",
            "Hawo Barise",
        ),
    ],
)
def test_where_the_struck_thing_is_is_the_place(  # type: ignore[no-untyped-def]
    coder, text: str, word: str, place: str
) -> None:
    """What was destroyed or bombed is where it was: "on the outskirts of X", "X's
    bridges", "the X pumping station"; an apposition calls an unknown name a town."""
    places = _places(coder, text)
    assert [p for words, p in places.items() if word in words] == [place]


def test_a_place_inside_a_fronted_scene_is_part_of_that_scene(coder) -> None:  # type: ignore[no-untyped-def]
    """ "In the X district on the outskirts of Y, ...": Y is as far from the event as X."""
    text = "In the Waer district on the outskirts of Homs, air strikes killed seven people."
    assert _places(coder, text).get("air strikes killed") == "Waer"


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        ("Rebels shot down two army helicopters over northern Chad on Monday.", "shot", "Chad"),
        (
            "The pilot was shot down during a bombing mission over Lebanon in 1986.",
            "shot",
            "Lebanon",
        ),
        ("A witness was shot and killed outside a Lahore court last April.", "shot", "Lahore"),
        (
            "Another two Polish soldiers were killed and one injured when insurgents fired "
            "rocket-propelled grenades at their convoy near the city of Hilla.",
            "killed",
            "Hilla",
        ),
    ],
)
def test_flights_sites_and_gapped_tolls_are_placed(  # type: ignore[no-untyped-def]
    coder, text: str, word: str, place: str
) -> None:
    """ "Over" places a downed aircraft or its mission; a town named before a site is
    the place even when the recogniser calls it a nationality; "N were killed and M
    injured when ..." shares the second clause's place."""
    assert place_of(coder, text, word) == place


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("A top opposition figure was shot dead in Tripoli on Monday.", True),
        ("A television director was shot dead outside his home on Sunday.", True),
        ("The crime drama is shooting scenes in Lisbon this spring.", False),
        ("The number of refugees shot up last month.", False),
    ],
)
def test_a_subject_condition_names_who_acts_not_who_was_shot(  # type: ignore[no-untyped-def]
    coder, text: str, event: bool
) -> None:
    """The lexicon's `subj` is the agent: "a figure was shot" is a shooting even though
    "figures shot up" is not one."""
    shootings = [e for e in coder.code_text(text, date="2025-10-20") if "ASSAULT" in e.event]
    assert bool(shootings) is event


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        (
            "The worst blast came in the Karrada neighbourhood, where a car bomb killed 23 people.",
            "killed",
            "Karrada",
        ),
        (
            "The group said it had staged an attack in Kenya on Saturday in which gunmen shot "
            "12 dead.",
            "shot",
            "Kenya",
        ),
    ],
)
def test_a_where_clause_takes_the_place_it_describes(  # type: ignore[no-untyped-def]
    coder, text: str, word: str, place: str
) -> None:
    assert place_of(coder, text, word) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the "of" names the suburb ...
        ("Gunmen shot dead a judge in the Colombo suburb of Nugegoda on Monday.", "Nugegoda"),
        # ... or the city a part the gazetteer does not know lies in
        (
            "Gunmen shot dead a judge in the Kafr Souseh district of Damascus on Monday.",
            "Kafr Souseh",
        ),
    ],
)
def test_a_part_of_a_city_is_the_place_not_the_city(coder, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    [event] = [e for e in coder.code_text(text, date="2025-10-20") if "ASSAULT" in e.event]
    assert event.event_loc is not None and event.event_loc.extracted_place == place


def test_a_lower_case_word_the_tagger_calls_proper_is_no_place(coder) -> None:  # type: ignore[no-untyped-def]
    """ "the northern Adhamiya neighborhood of Baghdad": "northern" is no region."""
    text = "Ten people were killed in the northern Adhamiya neighborhood of Baghdad on Friday."
    assert _places(coder, text).get("killed") == "Adhamiya"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "A civilian was killed further north in Tal Mansour when a car bomb exploded.",
            "Tal Mansour",
        ),
        ("At least 22 people were killed in Kubaisah on Monday.", "Kubaisah"),
    ],
)
def test_a_locality_the_recogniser_calls_a_person_may_still_be_the_place(  # type: ignore[no-untyped-def]
    coder, text: str, place: str
) -> None:
    """A name after "in" that begins with a word for a place, or a single word, is a
    locality even when tagged PERSON; "Ahmed Helwani" after "in" stays a man."""
    assert place_of(coder, text) == place


def test_a_two_word_person_after_in_is_no_place(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Forty soldiers were killed in Raqqa, local activist Ahmed Helwani told reporters."
    [event] = [e for e in coder.code_text(text, date="2025-10-20") if "ASSAULT" in e.event]
    assert event.event_loc is not None and event.event_loc.extracted_place == "Raqqa"


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        (
            "A popular broadcaster was shot dead along with her husband at a shop they ran "
            "in Jaffna.",
            "shot",
            "Jaffna",
        ),
        (
            "Six civilians were killed by a suicide bomber in a car that targeted a checkpoint in "
            "Dhuluiya in northern Iraq.",
            "killed",
            "Dhuluiya",
        ),
        (
            "The rebels shelled government positions at Tal Al-'Eiss, south of Aleppo.",
            "shelled",
            "Tal Al-'Eiss",
        ),
    ],
)
def test_relative_clauses_guessed_localities_and_articled_names(  # type: ignore[no-untyped-def]
    coder, text: str, word: str, place: str
) -> None:
    """A site's or a vehicle's relative clause says where it was; a country does not
    replace the locality it contains; "Al-'Eiss" is part of its name."""
    assert place_of(coder, text, word) == place


@pytest.mark.parametrize(
    "text",
    [
        "His brother, Rocky, 46, was shot in the hip and wrist.",
        "Dozens of students demonstrated outside parliament in Sabeeh's support.",
        "About 5,000 members of Hizbut Tahrir marched to the parliament on Saturday.",
    ],
)
def test_an_unknown_name_qualifying_no_place_is_no_place(coder, text: str) -> None:  # type: ignore[no-untyped-def]
    assert all(place is None for place in _places(coder, text).values())


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A mortar hit a house in Bala Morghab District on Monday.", "Bala Morghab District"),
    ],
)
def test_a_name_qualifying_a_named_area_is_the_place(  # type: ignore[no-untyped-def]
    coder, text: str, place: str
) -> None:
    assert place_of(coder, text) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The two officers were captured during the 1983 US invasion of Grenada.", "Grenada"),
        ("The prisoners were shot during the German occupation of Latvia.", "Latvia"),
    ],
)
def test_the_place_of_an_operation_the_event_happened_during(  # type: ignore[no-untyped-def]
    coder, text: str, place: str
) -> None:
    """ "during the invasion of X": X, not the invader."""
    assert place_of(coder, text) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("In Hilla, also just south of Baghdad, a civilian was killed in a shooting.", "Hilla"),
        (
            "Rebels are shelling Fuah and Kafraya, a government-held enclave north of Idlib city.",
            "Fuah",
        ),
        (
            "The 22-year-old Ramirez and two fellow members of the 3rd Infantry Division were "
            "captured during an ambush about 20 miles south of Baghdad.",
            "Baghdad",
        ),
    ],
)
def test_a_reference_point_yields_to_the_place_it_locates(  # type: ignore[no-untyped-def]
    coder, text: str, place: str
) -> None:
    """ "X, just south of Y": the event was in X. A man with an age or a numbered unit
    is no place, so a reference point may still be the only place."""
    assert place_of(coder, text) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "About 800 workers demonstrated in front of the US embassy in central Bangkok.",
            "Bangkok",
        ),
        ("A car bomb in Baghdad ahead of the Ashura commemorations killed 13 people.", "Baghdad"),
    ],
)
def test_prepositions_and_feasts_are_no_places(coder, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    """ "in front of" is a preposition, not an area with an owner; a feast is a date."""
    assert place_of(coder, text) == place


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        ("Israel captured and annexed East Jerusalem in 1967.", "captured", "East Jerusalem"),
        ("The army stormed and captured Tal Maghar on Monday.", "stormed", "Tal Maghar"),
    ],
)
def test_a_shared_object_is_the_first_verbs_target_too(  # type: ignore[no-untyped-def]
    coder, text: str, word: str, place: str
) -> None:
    """ "captured and annexed X": X was captured as well."""
    assert place_of(coder, text, word) == place


def test_a_misparsed_toll_verb_shares_its_partners_place(coder) -> None:  # type: ignore[no-untyped-def]
    """The parser hangs "killed" on "explosives" in "a bomber driving a minibus packed
    with explosives killed 50 and wounded 152 in X"; the killing is in X too."""
    text = (
        "A suicide bomber driving a truck packed with explosives killed at least 40 people "
        "and wounded 90 on Sunday in the southern Iraqi city of Diwaniyah, police said."
    )
    assert _places(coder, text).get("killed") == "Diwaniyah"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("More than 200 women marched on South Africa's parliament on Wednesday.", "South Africa"),
        ("About 300 protesters demonstrated in front of Singapore's embassy in Manila.", "Manila"),
    ],
)
def test_a_countrys_own_site_is_in_it_its_embassy_is_not(  # type: ignore[no-untyped-def]
    coder, text: str, place: str
) -> None:
    assert place_of(coder, text) == place
