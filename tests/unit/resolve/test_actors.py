"""Actor resolution (issue 4): people on a date, metonyms, nationality modifiers,
generic agents, in-document references, user overrides and the fuzzy fallback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language

from eventcoder.knowledge.base import KnowledgeBase
from eventcoder.model import Entity
from eventcoder.resolve.actors import ActorQuery, ActorResolver, DocumentMemory

pytestmark = pytest.mark.model


def resolve(
    resolver: ActorResolver, nlp: Language, text: str, day: str | None = None, context: str = ""
) -> Entity:
    date = dt.date.fromisoformat(day) if day else None
    query = ActorQuery(text=text, date=date, context=context or None)
    ((_query, entity),) = resolver.resolve_queries([query], nlp)
    return entity


@pytest.mark.parametrize(
    ("text", "day", "code", "sector", "office"),
    [
        ("Trump", "2019-06-01", "USA", "GOV", "head of state and government"),
        ("Trump", "2022-06-01", "USA", "ELI", "former head of state and government"),
        ("Donald Trump", "2025-10-17", "USA", "GOV", "head of state and government"),
        ("Vladimir Putin", "2010-01-01", "RUS", "GOV", "head of government"),
        ("President Vladimir Putin", "2015-01-01", "RUS", "GOV", "head of state"),
        ("Boris Johnson", "2017-01-01", "GBR", "GOV", "foreign minister"),
        ("Boris Johnson", "2020-01-01", "GBR", "GOV", "head of government"),
        ("Boris Johnson", "2023-01-01", "GBR", "ELI", "former head of government"),
        ("Joe Biden", "2022-01-01", "USA", "GOV", "head of state and government"),
        ("Joe Biden", "2025-06-01", "USA", "ELI", "former head of state and government"),
        ("Angela Merkel", "2010-01-01", "DEU", "GOV", "head of government"),
        ("Angela Merkel", "2023-01-01", "DEU", "ELI", "former head of government"),
        ("Benjamin Netanyahu", "2016-01-01", "ISR", "GOV", "head of government"),
        ("Netanyahu", "2021-09-01", "ISR", "OPP", "opposition leader"),
        ("Ehud Olmert", "2015-01-01", "ISR", "ELI", "former head of government"),
        ("Ukrainian leader Volodymyr Zelensky", "2025-01-01", "UKR", "GOV", "head of state"),
        ("Petro Poroshenko", "2020-01-01", "UKR", "ELI", "former head of state"),
        ("Mike Pompeo", "2017-06-01", "USA", "SPY", "intelligence chief"),
        ("Mike Pompeo", "2019-06-01", "USA", "GOV", "foreign minister"),
        ("Recep Tayyip Erdogan", "2010-01-01", "TUR", "GOV", "head of government"),
        ("Recep Tayyip Erdogan", "2016-01-01", "TUR", "GOV", "head of state"),
        ("Sergei Shoigu", "2020-01-01", "RUS", "GOV", "defence minister"),
        ("Lloyd Austin", "2025-06-01", "USA", "ELI", "former defence minister"),
        ("Lula", "2012-01-01", "BRA", "ELI", "former head of state and government"),
        ("Lula", "2024-01-01", "BRA", "GOV", "head of state and government"),
        ("former President Nursultan Nazarbayev", "2015-01-01", "KAZ", "ELI", None),
    ],
)
def test_the_date_selects_the_office_held(
    resolver: ActorResolver,
    nlp: Language,
    text: str,
    day: str,
    code: str,
    sector: str,
    office: str | None,
) -> None:
    entity = resolve(resolver, nlp, text, day)
    assert (entity.code, entity.sector) == (code, sector)
    if office:
        assert entity.office == office
    assert entity.identifier_text


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("the Kremlin", "RUS", "GOV"),
        ("The White House", "USA", "GOV"),
        ("the Pentagon", "USA", "MIL"),
        ("the State Department", "USA", "GOV"),
        ("the Knesset", "ISR", "LEG"),
        ("Moscow", "RUS", "GOV"),
        ("TEHRAN", "IRN", "GOV"),
        ("the Elysee", "FRA", "GOV"),
        ("Kremlin spokesman", "RUS", "GOV"),
        ("a Pentagon official", "USA", "MIL"),
    ],
)
def test_metonyms(
    resolver: ActorResolver, nlp: Language, text: str, code: str, sector: str
) -> None:
    entity = resolve(resolver, nlp, text)
    assert (entity.code, entity.sector) == (code, sector)


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Israeli troops", "ISR", "MIL"),
        ("four Saudi men", "SAU", "UNK"),
        ("a US destroyer", "USA", "MIL"),
        ("U.S.-made missiles", "USA", "MIL"),
        ("Iranian-backed militias", None, "PRM"),
        ("Russia's army", "RUS", "MIL"),
        ("the Mexican National Guard", "MEX", "MIL"),
        ("Several of the largest trade unions in Denmark", "DNK", "LAB"),
        ("members of SANDF", "ZAF", "MIL"),
        ("Kurdish-led Syrian Democratic Forces", "SYR", "REB"),
        ("British UN envoy", "GBR", "GOV"),
        ("Russia's Security Council", "RUS", None),
        ("the Security Council", "UNO", None),
        ("Harry Ho-jen Tseng, Taiwan's deputy foreign minister", "TWN", "GOV"),
        ("Armenian Prime Minister", "ARM", "GOV"),
    ],
)
def test_nationality_modifiers(
    resolver: ActorResolver, nlp: Language, text: str, code: str | None, sector: str | None
) -> None:
    entity = resolve(resolver, nlp, text)
    assert (entity.code, entity.sector) == (code, sector)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("soldiers", "MIL"),
        ("protesters", "CVL"),
        ("riot police", "COP"),
        ("lawmakers", "LEG"),
        ("judges", "JUD"),
        ("journalists", "JRN"),
        ("doctors", "MED"),
        ("refugees", "REF"),
        ("businessmen", "BUS"),
        ("a group of thieves", "CRM"),
        ("two men", "UNK"),
        ("gunmen", "UAF"),
        ("a disgraced former minister", "ELI"),
        ("retired vice president", "ELI"),
        ("Sen. Jane Example", "LEG"),
        ("Lt. Gen. John Example", "MIL"),
        ("breakaway state", "PRE"),
        ("President of the Chadian Human Rights League", "SOC"),
    ],
)
def test_generic_agents_give_the_sector(
    resolver: ActorResolver, nlp: Language, text: str, sector: str
) -> None:
    entity = resolve(resolver, nlp, text)
    assert entity.sector == sector


def test_bare_agent_has_no_country(resolver: ActorResolver, nlp: Language) -> None:
    assert resolve(resolver, nlp, "soldiers").code is None


def test_title_with_a_country_is_the_office_holder(resolver: ActorResolver, nlp: Language) -> None:
    leader = resolve(resolver, nlp, "the Ukrainian leader", "2025-10-17")
    assert (leader.code, leader.identifier_text) == ("UKR", "Volodymyr Zelensky")
    minister = resolve(resolver, nlp, "the Russian foreign minister", "2003-01-01")
    assert minister.identifier_text == "Igor Ivanov"
    assert resolve(resolver, nlp, "the British leader", "2020-01-01").identifier_text == (
        "Boris Johnson"
    )


@pytest.mark.parametrize(
    ("text", "context", "code", "name"),
    [
        ("he", "Russian President Vladimir Putin spoke on Thursday.", "RUS", "Vladimir Putin"),
        ("the president", "Emmanuel Macron met Chinese officials.", "FRA", "Emmanuel Macron"),
        ("the former president", "Joe Biden spoke in Delaware.", "USA", "Joe Biden"),
        ("its", "NATO said on Monday that", "IGO", "NATO"),
        ("the government", "Kenyan police fired tear gas. Kenyan officials said", "KEN", None),
        ("the Russian leader", "Zelensky spoke to reporters.", "RUS", "Vladimir Putin"),
    ],
)
def test_references_take_the_last_compatible_actor(
    resolver: ActorResolver, nlp: Language, text: str, context: str, code: str, name: str | None
) -> None:
    entity = resolve(resolver, nlp, text, "2025-10-17", context=context)
    assert entity.code == code
    assert entity.identifier_text == name
    assert entity.entity_text == text


def test_pronoun_without_antecedent_is_unidentified(resolver: ActorResolver, nlp: Language) -> None:
    entity = resolve(resolver, nlp, "he")
    assert (entity.code, entity.sector) == (None, "UNK")


def test_in_document_references_in_a_parsed_article(resolver: ActorResolver, nlp: Language) -> None:
    doc = nlp("Kenyan President William Ruto met protesters. He said the government would listen.")
    memory = DocumentMemory()
    day = dt.date(2025, 7, 1)
    resolver.remember_names(doc, day, memory)
    he = next(t for t in doc if t.text == "He")
    government = next(t for t in doc if t.text == "government")
    assert resolver.resolve(he, day, memory).code == "KEN"  # type: ignore[union-attr]
    assert resolver.resolve(government, day, memory).code == "KEN"  # type: ignore[union-attr]
    assert memory.main_country() == "KEN"


def test_user_file_overrides_an_entry(nlp: Language, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "identifier_id,name,aliases,country,office,sector,start,end\n"
        "person:ana-example,Ana Example,,ESP,foreign minister,GOV,2024-01-01,2024-12-31\n"
    )
    metonyms = tmp_path / "metonyms.csv"
    metonyms.write_text("text,code,sector\nKremlin,RUS,SPY\n")
    resolver = ActorResolver(KnowledgeBase.load([people, metonyms]))
    assert resolve(resolver, nlp, "the Kremlin").sector == "SPY"
    assert resolve(resolver, nlp, "Ana Example", "2024-06-01").code == "ESP"
    assert resolve(resolver, nlp, "Ana Example", "2025-06-01").sector == "ELI"


def test_fuzzy_fallback_only_above_the_threshold(resolver: ActorResolver, nlp: Language) -> None:
    misspelt = resolve(resolver, nlp, "Ahlu Sunnah Waljama", "2022-02-01")
    assert (misspelt.code, misspelt.sector) == ("SOM", "PRM")
    assert resolve(resolver, nlp, "Katushya").sector == "MIL"  # agent noun, misspelt
    unrelated = resolve(resolver, nlp, "Bluebell Amalgamated Fisheries")
    assert (unrelated.code, unrelated.sector) == (None, None)


def test_exact_match_beats_fuzzy(resolver: ActorResolver, nlp: Language) -> None:
    """Exact first: "Iran" must never be fuzzily read as "Oman" (short names are exact only)."""
    assert resolve(resolver, nlp, "Iran").code == "IRN"
    assert resolve(resolver, nlp, "Irann").code is None


def test_given_names_are_not_dropped(resolver: ActorResolver, nlp: Language) -> None:
    """Given names count: "Yuri Borisov" is not Boyko Borisov, the Bulgarian prime minister."""
    assert resolve(resolver, nlp, "Yuri Borisov").code != "BGR"
    assert resolve(resolver, nlp, "Boyko Borisov", "2015-01-01").code == "BGR"


@pytest.mark.parametrize(
    "text",
    ["a prominent anti-Syria journalist", "pro-Russian separatists", "anti-American protesters"],
)
def test_a_side_taken_is_not_a_nationality(resolver, text: str) -> None:  # type: ignore[no-untyped-def]
    entity = resolver.resolve_text(text, dt.date(2025, 10, 1))
    assert entity.code is None
