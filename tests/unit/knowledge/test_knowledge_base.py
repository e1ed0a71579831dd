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
