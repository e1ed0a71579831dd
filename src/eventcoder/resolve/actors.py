"""Actor resolution: a mention in the parse -> an Entity with country and sector.

The order of evidence: a known person (their office on the event date), a
known organisation, seat of power or country named by the whole mention, then
the parts of the mention (a nationality adjective, a country or seat inside
it, a possessive "Russia's"), and a generic agent noun for the sector
("troops" -> MIL). "he"/"she" take the last person resolved in the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventcoder.knowledge.base import KBEntry, KnowledgeBase, PersonTerm
from eventcoder.model import Entity

__all__ = ["ActorResolver", "DocumentMemory", "mention_span"]

_MODIFIER_DEPS = ("compound", "amod", "nmod", "poss", "nummod")
_TITLES_GOV = frozenset(
    {
        "president", "minister", "premier", "chancellor", "leader", "king", "queen", "emir",
        "prince", "secretary", "spokesman", "spokeswoman", "spokesperson", "ambassador",
        "envoy", "aide", "adviser", "advisor", "official", "diplomat", "governor", "mayor",
        "sultan", "ayatollah", "vice", "deputy", "foreign", "defence", "defense",
    }
)  # fmt: skip
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "to", "from", "into", "across", "outside"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_ENT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")


@dataclass
class DocumentMemory:
    """Actors named so far in the document, by token position (for "he", "its")."""

    named: list[tuple[int, Entity, bool]] = field(default_factory=list)
    countries: dict[str, int] = field(default_factory=dict)

    def remember(self, index: int, entity: Entity, is_person: bool) -> None:
        if not entity.code:
            return
        self.named.append((index, entity, is_person))
        self.named.sort(key=lambda item: item[0])
        self.countries[entity.code] = self.countries.get(entity.code, 0) + 1

    def pronoun(self, word: str, index: int, exclude: set[str] = frozenset()) -> Entity | None:  # type: ignore[assignment]
        """The last compatible actor named before token `index`."""
        want_person = word in _PERSON_PRONOUNS
        if not want_person and word not in _GROUP_PRONOUNS:
            return None
        for position, entity, is_person in reversed(self.named):
            if position < index and is_person == want_person and entity.code not in exclude:
                return entity
        return None


def mention_span(head: Token) -> Span:
    """The words naming an actor: the head, its entity, titles and modifiers."""
    doc = head.doc
    start, end = head.i, head.i + 1
    if head.ent_type_ in _ENT_LABELS:
        ent = _entity_of(head)
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end)
    for child in head.lefts:
        if child.dep_ in _MODIFIER_DEPS and child.dep_ != "poss":
            start = min(start, child.left_edge.i)
    while start < end and doc[start].dep_ in ("det", "punct", "case", "cc"):
        start += 1
    return doc[start:end]


def _entity_of(token: Token) -> Span | None:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


class ActorResolver:
    """Resolves mention heads against the knowledge base, on a given date."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def remember_names(self, doc: Doc, day: dt.date | None, memory: DocumentMemory) -> None:
        """Resolve every named actor of the document up front, for later pronouns."""
        for ent in doc.ents:
            root = ent.root
            if root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPS:
                continue  # "in Budapest" is a place, not an antecedent for "they"
            if ent.label_ in _NAMED:
                entity, is_person = self._resolve_span(ent, ent.root, day)
                memory.remember(ent.root.i, entity, is_person)

    def resolve(
        self,
        head: Token,
        day: dt.date | None,
        memory: DocumentMemory,
        *,
        exclude: set[str] = frozenset(),  # type: ignore[assignment]
        offset: int = 0,
    ) -> Entity | None:
        """The entity a mention names, or None when it names no actor ("the proposal")."""
        span = mention_span(head)
        start, end = span.start_char + offset, span.end_char + offset
        if head.pos_ == "PRON":
            ref = memory.pronoun(head.lower_, head.i, exclude)
            if ref is None:
                return None
            return _replace_text(ref, head.text, head.idx + offset, head.idx + len(head) + offset)
        entity, _is_person = self._resolve_span(span, head, day)
        if not (entity.code or entity.sector or head.ent_type_ in _NAMED):
            return None
        entity = Entity(
            entity_text=span.text,
            code=entity.code,
            sector=entity.sector,
            identifier_id=entity.identifier_id,
            identifier_text=entity.identifier_text,
            office=entity.office,
            start=start,
            end=end,
        )
        return entity

    def resolve_text(self, text: str, day: dt.date | None, nlp_doc: Doc | None = None) -> Entity:
        """Resolve a bare phrase (for `eventcoder actors resolve`)."""
        if nlp_doc is not None and len(nlp_doc):
            head = nlp_doc[:].root
            return self.resolve(head, day, DocumentMemory()) or Entity(entity_text=text)
        entry = self.kb.lookup(text)
        if entry is not None:
            return _from_entry(text, entry)
        return Entity(entity_text=text)

    def _resolve_span(self, span: Span, head: Token, day: dt.date | None) -> tuple[Entity, bool]:
        person = self._person(span, head, day)
        if person is not None:
            return person, True
        for candidate in _name_candidates(span, head):
            entry = self.kb.lookup(candidate)
            if entry is not None and entry.kind == "country":
                return self._refine(_from_entry(span.text, entry), span, head), False
            if entry is not None:
                return _from_entry(span.text, entry), False
        code = self._country_in(span, head)
        sector = self._sector(span, head)
        is_person = head.ent_type_ == "PERSON"
        return Entity(entity_text=span.text, code=code, sector=sector), is_person

    def _refine(self, entity: Entity, span: Span, head: Token) -> Entity:
        """A country named with an agent noun: "the Ukrainian army" -> UKR MIL."""
        if entity.sector is None:
            sector = self._sector(span, head)
            if sector:
                return _with(entity, sector=sector)
        return entity

    def _person(self, span: Span, head: Token, day: dt.date | None) -> Entity | None:
        if head.ent_type_ != "PERSON" and head.pos_ != "PROPN":
            return None
        ent = _entity_of(head)
        names = [ent.text] if ent is not None else []
        names += [span.text, head.text]
        for name in names:
            terms = self.kb.person_terms(name)
            if terms:
                return _person_entity(span.text, terms, day)
        return None

    def _country_in(self, span: Span, head: Token) -> str | None:
        for token in _evidence_tokens(span, head):
            code = self.kb.adjective(token.text)
            if code:
                return code
            entry = self.kb.lookup(token.text)
            if entry is not None and entry.kind in ("country", "seat", "metonym"):
                return entry.code
        for ent in span.doc.ents:
            if span.start <= ent.start and ent.end <= span.end and ent.label_ in _ENT_LABELS:
                entry = self.kb.lookup(ent.text)
                if entry is not None:
                    return entry.code
                code = self.kb.adjective(ent.text)
                if code:
                    return code
        return None

    def _sector(self, span: Span, head: Token) -> str | None:
        sector = self.kb.agent_sector(head.text) or self.kb.agent_sector(head.lemma_)
        if sector:
            return sector
        for token in reversed(list(_evidence_tokens(span, head))):
            if token.i == head.i:
                continue
            sector = self.kb.agent_sector(token.text) or self.kb.agent_sector(token.lemma_)
            if sector:
                return sector
            entry = self.kb.lookup(token.text)
            if entry is not None and entry.sector:
                return entry.sector
            if token.lower_ in _TITLES_GOV:
                return "GOV"
        return None


def _evidence_tokens(span: Span, head: Token) -> list[Token]:
    """The mention's words plus possessives and appositions of the head."""
    tokens = list(span)
    for child in head.children:
        if child.dep_ == "poss":
            tokens.extend(child.subtree)
        elif child.dep_ == "appos":
            tokens.extend(t for t in child.subtree if t.dep_ != "punct")
        elif child.dep_ == "prep" and child.lower_ == "of":
            tokens.extend(child.subtree)
    return tokens


def _name_candidates(span: Span, head: Token) -> list[str]:
    names = [span.text]
    ent = _entity_of(head)
    if ent is not None:
        names.append(ent.text)
    names.append(head.text)
    if head.lemma_ != head.text:
        names.append(head.lemma_)
    return names


def _person_entity(text: str, terms: list[PersonTerm], day: dt.date | None) -> Entity:
    ordered = sorted(terms, key=lambda t: t.start)
    if day is None:
        term = ordered[-1]
        return _term_entity(text, term, term.sector, term.office)
    current = [t for t in ordered if t.covers(day)]
    if current:
        term = min(current, key=lambda t: _OFFICE_RANK.get(t.office, 9))
        return _term_entity(text, term, term.sector, term.office)
    past = [t for t in ordered if t.end is not None and t.end < day]
    if past:
        term = past[-1]
        return _term_entity(text, term, "ELI", f"former {term.office}")
    return _term_entity(text, ordered[0], None, None)


_OFFICE_RANK = {
    "head of state and government": 0,
    "head of state": 1,
    "head of government": 2,
    "foreign minister": 3,
    "defence minister": 4,
}


def _term_entity(text: str, term: PersonTerm, sector: str | None, office: str | None) -> Entity:
    return Entity(
        entity_text=text,
        code=term.country,
        sector=sector,
        identifier_id=term.identifier_id,
        identifier_text=term.name,
        office=office,
    )


def _from_entry(text: str, entry: KBEntry) -> Entity:
    return Entity(
        entity_text=text,
        code=entry.code,
        sector=entry.sector,
        identifier_id=entry.identifier_id,
        identifier_text=entry.identifier_text,
    )


def _with(entity: Entity, *, sector: str) -> Entity:
    return Entity(
        entity_text=entity.entity_text,
        code=entity.code,
        sector=sector,
        identifier_id=entity.identifier_id,
        identifier_text=entity.identifier_text,
        office=entity.office,
        start=entity.start,
        end=entity.end,
    )


def _replace_text(entity: Entity, text: str, start: int, end: int) -> Entity:
    return Entity(
        entity_text=text,
        code=entity.code,
        sector=entity.sector,
        identifier_id=entity.identifier_id,
        identifier_text=entity.identifier_text,
        office=entity.office,
        start=start,
        end=end,
    )
