"""The knowledge base: shipped data, lookups, time-bound roles, user overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventcoder.errors import DataFileError
from eventcoder.knowledge.base import KnowledgeBase, normalize_name


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_normalize_name() -> None:
    assert normalize_name("The Kremlin") == "kremlin"
    assert normalize_name("Côte d’Ivoire") == "cote d'ivoire"
    assert normalize_name("Russia's") == "russia"


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("the Kremlin", "RUS", "GOV"),
        ("White House", "USA", "GOV"),
        ("Pentagon", "USA", "MIL"),
        ("Burma", "MMR", None),
        ("Ivory Coast", "CIV", None),
        ("Britain", "GBR", None),
        ("NATO", "IGO", "MIL"),
        ("the Blue House", "KOR", "GOV"),
        ("Japan Self-Defense Forces", "JPN", "MIL"),
    ],
)
def test_lookup_names_and_metonyms(
    kb: KnowledgeBase, text: str, code: str, sector: str | None
) -> None:
    entry = kb.lookup(text)
    assert entry is not None and entry.code == code
    if sector:
        assert entry.sector == sector


def test_adjectives_and_agents(kb: KnowledgeBase) -> None:
    assert kb.adjective("Russian") == "RUS"
    assert kb.adjective("Ukrainians") == "UKR"
    assert kb.agent_sector("troops") == "MIL"
    assert kb.agent_sector("police") == "COP"
    assert kb.agent_sector("protesters") == "CVL"


def test_person_terms_cover_dates(kb: KnowledgeBase) -> None:
    terms = kb.person_terms("Trump")
    assert terms
    assert any(t.covers(dt.date(2019, 6, 1)) for t in terms)
    assert not any(t.covers(dt.date(2022, 6, 1)) for t in terms)
    assert any(t.covers(dt.date(2025, 10, 17)) for t in terms)


def test_user_file_overrides_and_extends(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text("# my metonyms\ntext,code,sector\nBankova Street,UKR,GOV\nKremlin,RUS,SPY\n")
    kb = KnowledgeBase.load([extra])
    assert kb.lookup("Bankova Street").code == "UKR"  # type: ignore[union-attr]
    assert kb.lookup("the Kremlin").sector == "SPY"  # type: ignore[union-attr]


def test_user_people_file_adds_a_term(tmp_path: Path) -> None:
    extra = tmp_path / "people.csv"
    extra.write_text(
        "identifier_id,name,aliases,country,office,sector,start,end\n"
        "person:ana-example,Ana Example,Example,ESP,foreign minister,GOV,2024-01-01,2024-12-31\n"
    )
    kb = KnowledgeBase.load([extra])
    (term,) = kb.person_terms("Ana Example")
    assert term.country == "ESP" and term.covers(dt.date(2024, 5, 1))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text,code,sector\nKremlin,RUSSIA,GOV\n", ":2: code 'RUSSIA' is not a 3-letter code"),
        ("identifier_id,name,aliases,country,office,sector,start,end\n"
         "p:x,X,,FRA,head of state,GOV,2020-02-30,\n", ":2: start '2020-02-30' is not a date"),
        ("foo,bar\n1,2\n", "matches no knowledge file kind"),
        ("text,code,sector\n\"Kremlin,RUS,GOV\n", "not valid CSV"),
    ],
)  # fmt: skip
def test_bad_user_file_names_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    extra = tmp_path / "bad.csv"
    extra.write_text(content)
    with pytest.raises(DataFileError) as info:
        KnowledgeBase.load([extra])
    assert "bad.csv" in str(info.value) and message in str(info.value)


# ------------------------------------------------------------------ issue 4 additions
@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Zhongnanhai", "CHN", "GOV"),
        ("Downing Street", "GBR", "GOV"),
        ("the Elysee", "FRA", "GOV"),
        ("State Department", "USA", "GOV"),
        ("Knesset", "ISR", "LEG"),
        ("the Duma", "RUS", "LEG"),
        ("Kyiv", "UKR", "GOV"),
        ("United Nations", "UNO", None),
        ("European Union", "EUR", None),
        ("Amnesty International", "NGO", "SOC"),
        ("Islamic State", "IMG", "REB"),
        ("Transnistria", "MDA", "PRE"),
        ("Northern Cyprus", "CYP", "PRE"),
        ("Donetsk People's Republic", "UKR", "PRE"),
        ("Kosovo", "XKX", None),
        ("Yugoslavia", "SRB", None),
        ("Palestinian Authority", "PSE", "GOV"),
    ],
)
def test_seats_special_codes_and_breakaways(
    kb: KnowledgeBase, text: str, code: str, sector: str | None
) -> None:
    entry = kb.lookup(text)
    assert entry is not None and entry.code == code
    assert entry.sector == sector


def test_organisation_role_changes_with_the_date(kb: KnowledgeBase) -> None:
    """Issue 4: the Taliban were rebels until 2021-08-15, then the de facto government."""
    assert kb.lookup("Taliban", dt.date(2015, 1, 1)).sector == "REB"  # type: ignore[union-attr]
    assert kb.lookup("Taliban", dt.date(2023, 1, 1)).sector == "GOV"  # type: ignore[union-attr]
    assert kb.lookup("Taliban").sector == "GOV"  # type: ignore[union-attr]
    assert kb.lookup("HTS", dt.date(2020, 1, 1)).sector == "REB"  # type: ignore[union-attr]


def test_office_holders_and_leaders(kb: KnowledgeBase) -> None:
    (holder,) = kb.office_holders("RUS", "foreign minister", dt.date(2010, 1, 1))
    assert holder.name == "Sergei Lavrov"
    assert kb.leader_of("UKR", dt.date(2025, 10, 17)).name == "Volodymyr Zelensky"  # type: ignore[union-attr]
    assert kb.leader_of("GBR", dt.date(2020, 1, 1)).name == "Boris Johnson"  # type: ignore[union-attr]
    assert kb.leader_of("RUS", dt.date(2010, 1, 1)).name == "Dmitry Medvedev"  # type: ignore[union-attr]


def test_people_cover_ministers_of_sixty_countries(kb: KnowledgeBase) -> None:
    terms = {t for ts in kb.people.values() for t in ts}
    with_ministers = {
        t.country for t in terms if t.office in ("foreign minister", "defence minister")
    }
    assert len(with_ministers) >= 60
    assert {"USA", "RUS", "CHN", "GBR", "FRA", "UKR", "ISR", "IRN", "SYR"} <= with_ministers
    assert all(t.end is None or t.start <= t.end for t in terms)


def test_fuzzy_fallback_has_a_threshold(kb: KnowledgeBase) -> None:
    assert kb.fuzzy_name("Ahlu Sunnah Waljama") == "ahlu sunna waljamaa"
    assert kb.fuzzy_name("Volodymyr Zelenskyy") is not None
    assert kb.fuzzy_name("Mongwalu Town Council") is None  # nothing close enough
    assert kb.fuzzy_name("Omann") is None  # short names are never matched fuzzily
    assert kb.fuzzy_name("Ahlu Sunnah Waljama", threshold=99.0) is None


def test_user_file_replaces_every_shipped_entry_of_a_name(tmp_path: Path) -> None:
    """A user line for the Taliban replaces both dated shipped lines."""
    extra = tmp_path / "orgs.csv"
    extra.write_text("name,aliases,code,sector\nTaliban,,AFG,REB\n")
    kb = KnowledgeBase.load([extra])
    assert kb.lookup("Taliban", dt.date(2024, 1, 1)).sector == "REB"  # type: ignore[union-attr]


def test_user_countries_file_with_a_bad_leader_office(tmp_path: Path) -> None:
    extra = tmp_path / "countries.csv"
    extra.write_text(
        "code,name,aliases,adjectives,capital,seats,fold_into,leader\n"
        "XYZ,Examplia,Examplia,Examplian,,,,chief\n"
    )
    with pytest.raises(DataFileError, match=r"countries.csv:2: office 'chief'"):
        KnowledgeBase.load([extra])
