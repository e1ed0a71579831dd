"""Actor resolution: a mention in the parse -> an Entity with country and sector.

The order of evidence, first match wins:

1. a known person named in the mention ("President Vladimir Putin"), with the
   office they held on the event's date (out of office: ELI, `office` "former ...");
2. a known organisation, seat of power, breakaway entity or country named by the
   whole mention ("the Kremlin", "Transnistria");
3. a known name inside the mention ("Shin Bet Security Service", "a former CIA
   official"): its code, and its sector unless the agent noun says otherwise;
4. composition: the country of a nationality adjective, country name, seat,
   possessive or "of"/"in" phrase ("Russia's army", "trade unions in Denmark"),
   a place from the gazetteer ("Shanghai police"), and the sector of the agent
   noun or title ("troops" -> MIL, "Sen." -> LEG; "former"/"retired" -> ELI);
5. a title with a country and no name ("the Ukrainian leader", "Armenian Prime
   Minister") is the holder of that office on the date;
6. references: "he", "its", "the president" take the last compatible actor named
   before them in the document, else the document's main country;
7. fuzzy matching (rapidfuzz) of proper names and agent nouns, only when nothing
   above matched and only above a threshold (misspellings: "Ahlu Sunnah Waljama").
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span, Token

from eventcoder.events.arguments import subject_of
from eventcoder.knowledge.base import KBEntry, KnowledgeBase, PersonTerm, normalize_name
from eventcoder.model import Entity
from eventcoder.resolve.memory import GROUP_PRONOUNS, NON_STATES, PERSON_PRONOUNS, DocumentMemory
from eventcoder.resolve.mentions import (
    ENT_LABELS,
    LOCATIVE_PREPS,
    OWNER_SUFFIXES,
    core_words,
    doc_ents,
    evidence_tokens,
    in_locative,
    is_capitalised,
    is_definite,
    is_ethnic,
    is_sponsor,
    joined_text,
    mention_span,
    of_object,
    phrase_head,
    proper_runs,
    retarget,
    words_text,
)
from eventcoder.resolve.people import (
    TITLE_OFFICES,
    former_office,
    has_former,
    is_title_word,
    person_candidates,
    person_entity,
    title_of,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from eventcoder.resolve.places import Gazetteer

__all__ = ["ActorQuery", "ActorResolver", "DocumentMemory", "mention_span"]

#: Capitalised words of names and titles that the gazetteer also knows as towns.
_GENERIC_CAPITALS = frozenset(
    {"federal", "national", "human", "central", "international", "general", "supreme",
     "royal", "united", "democratic", "popular", "islamic", "free", "liberal", "social",
     "union", "independence", "victoria", "concord", "progress", "unity", "justice"}
)  # fmt: skip
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
#: Sectors of office holders, which "former" turns into ELI.
_OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP"})
#: Heads whose "of" phrase names the body they act for ("spokesman of the Taliban").
_ROLE_HEADS = frozenset({
    "president", "head", "chief", "chairman", "chairwoman", "chair", "director", "leader",
    "secretary", "spokesman", "spokeswoman", "spokesperson", "founder", "commander",
    "representative", "envoy", "official", "officials", "leaders", "members", "member",
})  # fmt: skip
#: Fuzzy matching of agent nouns (misspellings such as "Katushya"): score and length.
_AGENT_FUZZY_SCORE = 87.0
_AGENT_FUZZY_MIN_LENGTH = 8


@dataclass(frozen=True, slots=True)
class ActorQuery:
    """A phrase to resolve on its own (`eventcoder actors resolve`), with its date."""

    text: str
    date: dt.date | None = None
    context: str | None = None
    id: str | None = None


class ActorResolver:
    """Resolves mentions against the knowledge base, on a given date.

    `places` (optional) is the gazetteer used for place names inside a mention
    ("Shanghai police" -> CHN) and for towns named as actors ("Mariupol" -> UKR
    CVL); without it only the knowledge base's countries and seats are used.
    """

    def __init__(self, kb: KnowledgeBase, *, places: Gazetteer | None = None) -> None:
        self.kb = kb
        self.places = places
        self._hints: tuple[Doc | None, tuple[str, ...]] = (None, ())

    # --------------------------------------------------------------- public API
    def remember_names(self, doc: Doc, day: dt.date | None, memory: DocumentMemory) -> None:
        """Resolve every named actor of the document up front, for later pronouns."""
        for ent in doc_ents(doc):
            root = ent.root
            if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
                continue  # "in Budapest" is a place, not an antecedent for "they"
            if ent.label_ in _NAMED:
                entity, is_person = self._resolve_span(ent, ent.root, day)
                memory.remember(ent.root.i, entity, is_person)
        for token in doc:  # subjects the entity recogniser missed ("Nigeria announced")
            if (
                token.dep_ in ("nsubj", "nsubjpass")
                and token.pos_ == "PROPN"
                and not token.ent_type_
            ):
                entry = self.kb.lookup(mention_span(token).text, day)
                if entry is not None and entry.kind in ("country", "organization"):
                    memory.remember(token.i, _from_entry(token.text, entry), False)

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
            ref = self._speaker(head, day, memory, exclude) or memory.pronoun(
                head.lower_, head.i, exclude
            )
            if ref is None:
                return None
            return _replace_text(ref, head.text, head.idx + offset, head.idx + len(head) + offset)
        entity, _is_person = self._resolve_span(span, head, day)
        entity = self._refer(entity, span, head, day, memory, head.i, exclude)
        if not (entity.code or entity.sector or head.ent_type_ in _NAMED):
            return None
        return replace(entity, entity_text=span.text, start=start, end=end)

    def _speaker(
        self, pronoun: Token, day: dt.date | None, memory: DocumentMemory, exclude: set[str]
    ) -> Entity | None:
        """The subject of a clause's saying verb, for the clause's pronoun subject:
        "the rebels said they opposed", "NATO confirmed it would tighten"."""
        clause = pronoun.head
        word = pronoun.lower_
        if pronoun.dep_ != "nsubj" or clause.dep_ != "ccomp" or clause.head.i == clause.i:
            return None
        for subject in subject_of(clause.head):
            if subject.pos_ == "PRON" or subject.i == pronoun.i:
                continue
            entity, is_person = self._resolve_span(mention_span(subject), subject, day)
            person_word = word in PERSON_PRONOUNS
            if entity.code and entity.code not in exclude and is_person == person_word:
                return entity
        return None

    def resolve_text(
        self,
        text: str,
        day: dt.date | None,
        nlp_doc: Doc | None = None,
        *,
        memory: DocumentMemory | None = None,
    ) -> Entity:
        """Resolve a bare phrase (for `eventcoder actors resolve`); `nlp_doc` is its parse.

        `memory` holds the actors of the text around the phrase, if any.
        """
        memory = memory or DocumentMemory()
        if nlp_doc is None or not len(nlp_doc):
            entry = self.kb.lookup(text, day)
            return _from_entry(text, entry) if entry is not None else Entity(entity_text=text)
        span = nlp_doc[:]
        head = phrase_head(span)
        if len(span) == 1 and head.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            ref = memory.pronoun(head.lower_, sys.maxsize)
            return _replace_text(ref, text, 0, len(text)) if ref else _unknown(text)
        entity, _is_person = self._resolve_span(span, head, day)
        entity = self._refer(entity, span, head, day, memory, sys.maxsize, set())
        return replace(entity, entity_text=text)

    def resolve_queries(
        self, queries: Iterable[ActorQuery], nlp: Language
    ) -> Iterator[tuple[ActorQuery, Entity]]:
        """Resolve each query's phrase (parsed by `nlp`), in input order."""
        for query in queries:
            memory = DocumentMemory()
            if query.context:
                self.remember_names(nlp(query.context), query.date, memory)
            doc = nlp(query.text.strip())
            yield query, self.resolve_text(query.text, query.date, doc, memory=memory)

    # ------------------------------------------------------------ the evidence
    def _resolve_span(self, span: Span, head: Token, day: dt.date | None) -> tuple[Entity, bool]:
        head, span = retarget(head, span)
        words = core_words(span)
        former = has_former(span)
        person = self._person(words, head, day, former=former)
        if person is not None:
            if former and person.sector != "ELI":
                person = replace(person, sector="ELI", office=former_office(person.office))
            return person, True
        entry = self._whole_name(words, day)
        if entry is not None:
            return _from_entry(span.text, entry), False
        inner = self._inner_name(words, day)
        sector = self._sector(words, span, head, inner)
        code = self._country_in(span, head, day, skip=inner, places=sector is not None)
        if inner is not None and (code is None or inner.code not in NON_STATES):
            code = inner.code  # "US NATO envoy" is American; "Hamas fighters" are Hamas's
        org = of_object(head) if head.lower_ in _ROLE_HEADS else None
        if org is not None:  # "President of the Chadian Human Rights League" is SOC
            of_entity, _ = self._resolve_span(mention_span(org), org, day)
            sector = of_entity.sector or sector
            code = code or of_entity.code
        if is_ethnic(words):  # "ethnic Albanians in south Serbia" are Serbia's
            code = self._residence(head, day) or code
        if code is None and sector is not None:
            code = self._agent_code(words, head)  # "peacekeepers" are IGO
        if former and sector in _OFFICIAL_SECTORS:
            sector = "ELI"
        entity = Entity(entity_text=span.text, code=code, sector=sector)
        if inner is not None and sector == inner.sector and code == inner.code:
            entity = replace(
                entity, identifier_id=inner.identifier_id, identifier_text=inner.identifier_text
            )
        if code is None:
            entity = self._apposition(entity, head, day) or entity
        if entity.code is None and entity.sector is None:
            entity = self._fallback(span, words, head, day) or entity
        is_person = head.ent_type_ == "PERSON"
        return entity, is_person

    def _person(
        self, words: list[Token], head: Token, day: dt.date | None, *, former: bool = False
    ) -> Entity | None:
        """The person named by the mention; with `former`, the office they left before."""
        if not any(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" or t.is_title for t in words):
            return None
        for name in person_candidates(self.kb, words, head):
            terms = self.kb.person_terms(name)
            if terms:
                hints = tuple(t.lower_ for t in words) if former else ()
                return person_entity(words_text(words), terms, day, former_hints=hints)
        return None

    def _whole_name(self, words: list[Token], day: dt.date | None) -> KBEntry | None:
        if not words or (len(words) == 1 and words[0].is_stop and words[0].is_lower):
            return None  # "who", "us", "it" are not WHO, the US, IT
        for text in (words_text(words), joined_text(words)):
            entry = self.kb.lookup(text, day)
            if entry is not None:
                return entry
        return None

    def _inner_name(self, words: list[Token], day: dt.date | None) -> KBEntry | None:
        """The longest known organisation or seat named by some of the mention's words."""
        n = len(words)
        for size in range(n - 1, 0, -1):
            for i in range(n - size + 1):
                part = words[i : i + size]
                if not any(is_capitalised(t) for t in part) or _is_country_words(self.kb, part):
                    continue
                if part[0].is_punct or part[-1].is_punct:
                    continue
                entry = self.kb.lookup(words_text(part), day)
                if entry is not None and entry.kind != "country":
                    return entry
        return None

    def _country_in(
        self,
        span: Span,
        head: Token,
        day: dt.date | None,
        *,
        skip: KBEntry | None = None,
        places: bool = True,
    ) -> str | None:
        """The country of the mention's modifiers; with `skip`, outside that inner name's words.

        With `places`, a place name among the modifiers counts too ("Shanghai police").
        """
        tokens = [t for t in evidence_tokens(span, head) if not is_sponsor(t)]
        if skip is not None:
            tokens = [t for t in tokens if self.kb.lookup(t.text, day) != skip]
        code = self._multiword_country(tokens, day)
        if code:
            return code
        for token in tokens:
            code = self._token_country(token, day)
            if code:
                return code
        for ent in doc_ents(span.doc):
            if ent.label_ in ENT_LABELS and all(
                any(t.i == i for t in tokens) for i in range(ent.start, ent.end)
            ):
                entry = self.kb.lookup(ent.text, day)
                if entry is not None:
                    return entry.code
                code = self.kb.adjective(ent.text)
                if code:
                    return code
        return self._place_country(tokens, head) if places else None

    def _multiword_country(self, tokens: list[Token], day: dt.date | None) -> str | None:
        """A country named in several words, before any one word of it: "North Korea's
        demand" is North Korea's, though "Korea" alone would be South Korea."""
        ordered = sorted(tokens, key=lambda t: t.i)
        for size in (4, 3, 2):
            for i in range(len(ordered) - size + 1):
                part = ordered[i : i + size]
                if part[-1].i - part[0].i != size - 1 or not is_capitalised(part[0]):
                    continue
                text = words_text(part)
                code = self.kb.adjective(text)
                entry = None if code else self.kb.lookup(text, day)
                if entry is not None and entry.kind in ("country", "seat", "metonym"):
                    code = entry.code
                if code:
                    return code
        return None

    def _token_country(self, token: Token, day: dt.date | None) -> str | None:
        text = token.text
        if "-" in text.strip("-"):
            prefix, _, suffix = text.rpartition("-")
            if suffix.casefold() in OWNER_SUFFIXES:
                text = prefix
        code = self.kb.adjective(text)
        if code:
            return code
        entry = self.kb.lookup(text, day)
        if entry is not None and entry.kind == "seat" and in_locative(token):
            return self._town_country(text, entry.code, token.doc)
        if entry is not None and entry.kind in ("country", "seat", "metonym"):
            return entry.code
        return None

    def _town_country(self, text: str, capital_of: str | None, doc: Doc) -> str | None:
        """A capital's name used as a place ("militias in Tripoli") may be another
        country's sizeable town of that name, when the document is about that country
        instead (but "farmers in Dhaka" stay Bangladeshi beside "India's policy")."""
        hints = self._doc_countries(doc)
        if self.places is None or not hints or capital_of in hints:
            return capital_of
        towns = self.places.ranked(text)
        capital = max(
            (c.population for c in towns if c.entry.country_code == capital_of), default=0
        )
        for code in hints:  # a town of a tenth of the capital's size or more: "Tripoli"
            if any(c.entry.country_code == code and c.population * 10 >= capital for c in towns):
                return code
        return capital_of

    def _place_country(self, tokens: list[Token], head: Token) -> str | None:
        """A place among the modifiers of an agent ("Shanghai police", "Oxford University").

        Only with a gazetteer, only words other than the head, and never inside a
        person's name (Borisov is also a town).
        """
        if self.places is None:
            return None
        for run in proper_runs(tokens):
            if any(t.ent_type_ == "PERSON" for t in run):
                continue
            for size in range(len(run), 0, -1):
                for i in range(len(run) - size + 1):
                    part = run[i : i + size]
                    if any(t.i == head.i for t in part) or not self._may_be_place(part):
                        continue
                    place = self.places.resolve(
                        words_text(part), country_hints=self._doc_countries(head.doc)
                    )
                    if place is not None and place.country_code:
                        return place.country_code
        return None

    def _doc_countries(self, doc: Doc) -> tuple[str, ...]:
        """The countries a document names or qualifies ("the north Lebanese port"), in
        order: hints for a town name shared by several countries ("Tripoli")."""
        hinted, hints = self._hints  # one read: another thread may code another document
        if hinted is doc:
            return hints
        found: dict[str, None] = {}
        for ent in doc_ents(doc):
            if ent.label_ not in ("NORP", "GPE"):
                continue
            code = self.kb.adjective(ent.text)
            if code is None:
                entry = self.kb.lookup(ent.text)
                code = entry.code if entry is not None and entry.kind == "country" else None
            if code:
                found[code] = None
        self._hints = (doc, tuple(found))
        return tuple(found)

    def _may_be_place(self, part: list[Token]) -> bool:
        """Words that can name a town: not a title, agent or known organisation, and
        not one common capitalised word ("Federal Minister", "Human rights group",
        "(ILO)" are no towns in Argentina, Ukraine or Peru)."""
        if all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in part):
            return True
        if len(part) == 1 and part[0].lower_ in _GENERIC_CAPITALS:
            return False
        if any(is_title_word(self.kb, t) or self.kb.agent_sector(t.lower_) for t in part):
            return False
        entry = self.kb.lookup(words_text(part))
        return entry is None or entry.kind in ("country", "seat", "metonym")

    def _sector(
        self, words: list[Token], span: Span, head: Token, inner: KBEntry | None
    ) -> str | None:
        tail = self._agent_tail(words, head)
        if inner is not None and inner.sector and inner.kind != "seat":
            return inner.sector  # "Hamas fighters" REB, "CIA official" SPY
        if tail:
            return tail
        evidence = evidence_tokens(span, head)
        for k in range(len(evidence) - 1, -1, -1):
            token = evidence[k]
            if token.i == head.i:
                continue
            before = evidence[k - 1] if k else None
            pair = f"{before.text} {token.text}" if before and before.i == token.i - 1 else None
            # "Secretary General" is one title (GOV), not a general (MIL)
            sector = (self.kb.agent_sector(pair) if pair else None) or self._agent(token)
            if sector:
                return sector
            entry = self.kb.lookup(token.text) if is_capitalised(token) else None
            if entry is not None and entry.sector and entry.kind != "seat":
                return entry.sector  # "Labour MPs"; but the "labour market" is no party
        return None

    def _agent_tail(self, words: list[Token], head: Token) -> str | None:
        """The sector of the longest agent term ending at the head ("trade unions")."""
        return _longest_tail(words, head, self.kb.agent_sector) or self._agent(head)

    def _apposition(self, entity: Entity, head: Token, day: dt.date | None) -> Entity | None:
        """What an apposition says a mention is: "Kenzo Oshima, the United Nations
        Emergency Relief Coordinator" is the UN's."""
        for appos in head.children:
            if appos.dep_ != "appos" or appos.pos_ not in ("NOUN", "PROPN"):
                continue
            other, _ = self._resolve_span(mention_span(appos), appos, day)
            if other.code:
                return replace(entity, code=other.code, sector=entity.sector or other.sector)
        return None

    def _agent_code(self, words: list[Token], head: Token) -> str | None:
        """The code of an agent term ending at the head that carries one ("peacekeepers")."""
        return _longest_tail(words, head, self.kb.agent_code) or self.kb.agent_code(head.lemma_)

    def _residence(self, head: Token, day: dt.date | None) -> str | None:
        """The country an ethnic group is said to live "in"."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for ent in doc_ents(prep.doc):
                inside = prep.i < ent.start and ent.end - 1 <= prep.right_edge.i
                if not inside or ent.label_ not in ("GPE", "LOC"):
                    continue
                entry = self.kb.lookup(ent.text, day)
                if entry is not None and entry.kind == "country":
                    return entry.code
                place = self.places.resolve(ent.text) if self.places is not None else None
                if place is not None and place.country_code:
                    return place.country_code
        return None

    def _agent(self, token: Token) -> str | None:
        return self.kb.agent_sector(token.text) or self.kb.agent_sector(token.lemma_)

    def _fallback(
        self, span: Span, words: list[Token], head: Token, day: dt.date | None
    ) -> Entity | None:
        """Last resorts: a town named as an actor, then fuzzy matches of names and agents."""
        text = words_text(words)
        named = [t for t in words if not t.is_punct]
        if (
            self.places is not None
            and all(is_capitalised(t) for t in named)
            and not any(t.ent_type_ == "PERSON" for t in named)
        ):
            place = self.places.resolve(text)
            if place is not None and place.country_code and place.resolution >= 3:
                return Entity(entity_text=span.text, code=place.country_code, sector="CVL")
        if any(is_capitalised(t) for t in words):
            key = self.kb.fuzzy_name(text)
            if key is not None:
                terms = self.kb.person_terms(key)
                if terms:
                    return person_entity(span.text, terms, day)
                entry = self.kb.lookup(key, day)
                if entry is not None:
                    return _from_entry(span.text, entry)
        sector = self._fuzzy_agent(head)
        return Entity(entity_text=span.text, sector=sector) if sector else None

    def _fuzzy_agent(self, head: Token) -> str | None:
        key = normalize_name(head.text)
        if len(key) < _AGENT_FUZZY_MIN_LENGTH:
            return None
        best = process.extractOne(
            key, self.kb.agents.keys(), scorer=fuzz.ratio, score_cutoff=_AGENT_FUZZY_SCORE
        )
        return self.kb.agents[best[0]] if best else None

    # --------------------------------------------------------------- references
    def _refer(
        self,
        entity: Entity,
        span: Span,
        head: Token,
        day: dt.date | None,
        memory: DocumentMemory,
        index: int,
        exclude: set[str],
    ) -> Entity:
        """Titles without a name: "the Ukrainian leader", "the president", "the government"."""
        if entity.identifier_id:
            return entity
        words = core_words(span)
        if any(t.ent_type_ == "PERSON" for t in words):
            return entity
        title = title_of(words, head)
        if entity.sector == "ELI":  # "the former president": the last president named
            ref = None
            if title is not None and entity.code is None:
                ref = memory.last(index, person=True, exclude=exclude, offices=TITLE_OFFICES[title])
            if ref is None:
                return entity
            return replace(
                ref, entity_text=entity.entity_text, sector="ELI", office=former_office(ref.office)
            )
        if title is not None:
            return self._office_holder(entity, title, day, memory, index, exclude)
        if entity.code is None and entity.sector == "GOV" and is_definite(span, head):
            code = memory.main_country(exclude)
            if code:
                return replace(entity, code=code)
        return entity

    def _office_holder(
        self,
        entity: Entity,
        title: str,
        day: dt.date | None,
        memory: DocumentMemory,
        index: int,
        exclude: set[str],
    ) -> Entity:
        offices = TITLE_OFFICES[title]
        if entity.code is None:
            ref = memory.last(index, person=True, exclude=exclude, offices=offices)
            if ref is not None:
                return replace(ref, entity_text=entity.entity_text, start=None, end=None)
            code = memory.main_country(exclude)
            if code is None:
                return entity
            entity = replace(entity, code=code)
        holder = self._holder(entity.code or "", offices, day)
        if holder is None or entity.sector not in (None, "GOV"):
            return entity
        return replace(
            entity,
            sector="GOV",
            identifier_id=holder.identifier_id,
            identifier_text=holder.name,
            office=holder.office,
        )

    def _holder(
        self, country: str, offices: tuple[str, ...], day: dt.date | None
    ) -> PersonTerm | None:
        if not offices:
            return self.kb.leader_of(country, day)
        for office in offices:
            holders = self.kb.office_holders(country, office, day)
            if holders:
                return holders[-1]
        return None


def _is_country_words(kb: KnowledgeBase, words: list[Token]) -> bool:
    text = words_text(words)
    return normalize_name(text) in kb.country_names or kb.adjective(text) is not None


def _unknown(text: str) -> Entity:
    """A reference with nothing to refer to: an unidentified actor."""
    return Entity(entity_text=text, sector="UNK")


def _from_entry(text: str, entry: KBEntry) -> Entity:
    return Entity(
        entity_text=text,
        code=entry.code,
        sector=entry.sector,
        identifier_id=entry.identifier_id,
        identifier_text=entry.identifier_text,
    )


def _replace_text(entity: Entity, text: str, start: int, end: int) -> Entity:
    return replace(entity, entity_text=text, start=start, end=end)


def _longest_tail(
    words: list[Token], head: Token, lookup: Callable[[str], str | None]
) -> str | None:
    """What `lookup` says of the longest run of words ending at the head, the head
    also tried as its lemma ("trade unions", "peacekeeping forces")."""
    end = next((k for k, t in enumerate(words) if t.i == head.i), len(words) - 1)
    for i in range(end + 1):
        part = words[i : end + 1]
        found = lookup(words_text(part))
        if found is None and len(part) > 1:
            found = lookup(" ".join([*(t.text for t in part[:-1]), head.lemma_]))
        if found:
            return found
    return None
