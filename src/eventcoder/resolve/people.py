"""People and their offices: names, titles, "former", the term held on a date."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span, Token

from eventcoder.knowledge.base import OFFICES, KnowledgeBase, PersonTerm
from eventcoder.model import Entity
from eventcoder.resolve.mentions import entity_of, words_text

__all__ = [
    "FORMER_WORDS",
    "OFFICE_RANK",
    "TITLE_OFFICES",
    "TITLE_WORDS",
    "former_office",
    "has_former",
    "is_title_word",
    "office_named",
    "office_rank",
    "past_entity",
    "person_candidates",
    "person_entity",
    "term_entity",
    "title_of",
]

#: Words that make an official a former one: "former minister", "ex-president" -> ELI.
FORMER_WORDS = frozenset({"former", "ex", "retired", "onetime", "one-time", "erstwhile", "ousted",
                     "deposed", "exiled", "toppled"})  # fmt: skip
#: Titles that name an office in people.csv ("the Ukrainian president").
TITLE_OFFICES: dict[str, tuple[str, ...]] = {
    "president": ("head of state and government", "head of state"),
    "head of state": ("head of state and government", "head of state"),
    "king": ("head of state",),
    "queen": ("head of state",),
    "emir": ("head of state",),
    "monarch": ("head of state",),
    "supreme leader": ("head of state",),
    "prime minister": ("head of state and government", "head of government"),
    "premier": ("head of state and government", "head of government"),
    "chancellor": ("head of government",),
    "head of government": ("head of state and government", "head of government"),
    "foreign minister": ("foreign minister",),
    "foreign secretary": ("foreign minister",),
    "secretary of state": ("foreign minister",),
    "top diplomat": ("foreign minister",),
    "defence minister": ("defence minister",),
    "defense minister": ("defence minister",),
    "defence secretary": ("defence minister",),
    "defense secretary": ("defence minister",),
    "secretary of defense": ("defence minister",),
    "war secretary": ("defence minister",),
    "leader": (),  # the country's leader office (countries.csv `leader`)
}
TITLE_WORDS = frozenset(title.rsplit(" ", 1)[-1] for title in TITLE_OFFICES)
OFFICE_RANK = {office: rank for rank, office in enumerate(OFFICES)}


def has_former(span: Span) -> bool:
    for token in span:
        lower = token.lower_
        if lower in FORMER_WORDS or (lower.startswith("ex-") and len(lower) > 3):
            return True
    return False


def former_office(office: str | None) -> str | None:
    if office is None or office.startswith("former "):
        return office
    return f"former {office}"


def person_candidates(kb: KnowledgeBase, words: list[Token], head: Token) -> list[str]:
    """Names to look up: the PERSON entity, then the name without its titles.

    Only titles and nationality words are dropped ("former President", "Ukrainian
    leader"): a given name never is, so "Yuri Borisov" is not Boyko Borisov.
    """
    names: list[str] = []
    ent = entity_of(head)
    if ent is not None and ent.label_ == "PERSON":
        names.append(ent.text)
    end = next((k for k, t in enumerate(words) if t.i == head.i), len(words) - 1)
    start = end
    while start > 0 and (words[start - 1].pos_ == "PROPN" or words[start - 1].is_punct):
        start -= 1
    name = words[start : end + 1]
    names.append(words_text(name))  # a title that is part of the name: "Pope Francis"
    while len(name) > 1 and is_title_word(kb, name[0]):
        name = name[1:]
    names.append(words_text(name))
    return names


def is_title_word(kb: KnowledgeBase, token: Token) -> bool:
    """A title or nationality before a name: "President", "Gen.", "Foreign", "Ukrainian"."""
    lower = token.lower_
    return (
        token.is_punct
        or lower in TITLE_WORDS
        or lower in FORMER_WORDS
        or lower in ("foreign", "defence", "defense", "deputy", "vice", "prime", "acting")
        or kb.agent_sector(token.text) is not None
        or kb.adjective(token.text) is not None
    )


def title_of(words: list[Token], head: Token) -> str | None:
    """The office title a mention without a name consists of ("the Russian prime minister")."""
    if head.pos_ == "PROPN" and head.lower_ not in TITLE_WORDS:
        return None
    end = next((k for k, t in enumerate(words) if t.i == head.i), len(words) - 1)
    for i in range(end + 1):
        text = " ".join(t.lower_ for t in words[i : end + 1])
        if text in TITLE_OFFICES:
            return text
    return None


def person_entity(
    text: str,
    terms: list[PersonTerm],
    day: dt.date | None,
    *,
    former_hints: tuple[str, ...] = (),
) -> Entity:
    """The person's office on `day`. For a "former" mention (`former_hints`: its words),
    the last office they left before it, even when they hold another one now, preferring
    an office the mention names ("former Governor Nikki Haley")."""
    ordered = sorted(terms, key=lambda t: t.start)
    past = [t for t in ordered if day is not None and t.end is not None and t.end < day]
    if former_hints and past:
        named = [t for t in past if office_named(t.office, former_hints)]
        return past_entity(text, named or past)
    if day is None:
        latest = max(t.start for t in ordered)
        term = min((t for t in ordered if t.start == latest), key=office_rank)
        return term_entity(text, term, term.sector, term.office)
    current = [t for t in ordered if t.covers(day)]
    if current:
        term = min(current, key=office_rank)
        return term_entity(text, term, term.sector, term.office)
    if past:
        return past_entity(text, past)
    return term_entity(text, ordered[0], None, None)


def office_named(office: str, words: tuple[str, ...]) -> bool:
    """Whether the mention's words name `office`: a title of a core office ("prime
    minister") or a word of a free-text one ("governor", "speaker")."""
    phrase = f" {' '.join(words)} "
    if any(
        f" {title} " in phrase and office in offices for title, offices in TITLE_OFFICES.items()
    ):
        return True
    return office not in OFFICE_RANK and any(
        len(w) > 3 and w in office.casefold().split() for w in words
    )


def past_entity(text: str, past: list[PersonTerm]) -> Entity:
    term = max(past, key=lambda t: (t.end or t.start, -office_rank(t)))
    return term_entity(text, term, "ELI", f"former {term.office}")


def office_rank(term: PersonTerm) -> int:
    return OFFICE_RANK.get(term.office, len(OFFICE_RANK))


def term_entity(text: str, term: PersonTerm, sector: str | None, office: str | None) -> Entity:
    return Entity(
        entity_text=text,
        code=term.country,
        sector=sector,
        identifier_id=term.identifier_id,
        identifier_text=term.name,
        office=office,
    )
