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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span, Token

from eventcoder.events.arguments import subject_of
from eventcoder.knowledge.base import OFFICES, KBEntry, KnowledgeBase, PersonTerm, normalize_name
from eventcoder.model import Entity

if TYPE_CHECKING:
    from spacy.language import Language

    from eventcoder.resolve.places import Gazetteer

__all__ = ["ActorQuery", "ActorResolver", "DocumentMemory", "mention_span"]

_MODIFIER_DEPS = ("compound", "amod", "nmod", "poss", "nummod")
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "theirs"})
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "to", "from", "into", "across", "outside"})
#: Prepositions whose object tells where an agent is from ("trade unions in Denmark").
#: Places that house the people their "for" phrase names.
_SHELTERS = frozenset({"camp", "shelter", "settlement", "school", "orphanage", "hostel", "home"})
_ORIGIN_PREPS = frozenset({"of", "in", "from", "across", "throughout", "inside"})
#: Capitalised words of names and titles that the gazetteer also knows as towns.
_GENERIC_CAPITALS = frozenset(
    {"federal", "national", "human", "central", "international", "general", "supreme",
     "royal", "united", "democratic", "popular", "islamic", "free", "liberal", "social",
     "union", "independence", "victoria", "concord", "progress", "unity", "justice"}
)  # fmt: skip
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_ENT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
#: "X-made missiles" are X's; "X-backed militias" are not X's (the sponsor is not the actor).
_OWNER_SUFFIXES = frozenset({"made", "built", "led", "owned", "run", "based", "flagged",
                             "controlled", "operated", "manufactured", "supplied"})  # fmt: skip
_SPONSOR_SUFFIXES = frozenset({"backed", "funded", "supported", "sponsored", "allied",
                               "aligned", "trained", "armed", "financed", "linked"})  # fmt: skip
#: Words that make an official a former one: "former minister", "ex-president" -> ELI.
_FORMER = frozenset({"former", "ex", "retired", "onetime", "one-time", "erstwhile", "ousted",
                     "deposed", "exiled", "toppled"})  # fmt: skip
#: Sectors of office holders, which "former" turns into ELI.
_OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP"})
#: Head words that stand for a part of what follows: "members of SANDF" is SANDF.
_PARTITIVES = frozenset({
    "member", "members", "group", "groups", "some", "several", "many", "most", "all", "each",
    "one", "none", "dozens", "hundreds", "thousands", "scores", "tens", "majority", "number",
    "handful", "band", "team", "unit", "units", "contingent", "part", "rest", "remnants",
    "elements", "factions", "faction", "wing",
})  # fmt: skip
#: Titles that name an office in people.csv ("the Ukrainian president").
_TITLE_OFFICES: dict[str, tuple[str, ...]] = {
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
#: Heads whose "of" phrase names the body they act for ("spokesman of the Taliban").
_ROLE_HEADS = frozenset({
    "president", "head", "chief", "chairman", "chairwoman", "chair", "director", "leader",
    "secretary", "spokesman", "spokeswoman", "spokesperson", "founder", "commander",
    "representative", "envoy", "official", "officials", "leaders", "members", "member",
})  # fmt: skip
_TITLE_WORDS = frozenset(title.rsplit(" ", 1)[-1] for title in _TITLE_OFFICES)
_OFFICE_RANK = {office: rank for rank, office in enumerate(OFFICES)}
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


@dataclass
class DocumentMemory:
    """Actors named so far in the document, by token position (for "he", "its").

    `countries` counts the country codes of the named actors: the most frequent
    is the document's main country, the fallback for "the government".
    """

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
        word = word.casefold()
        want_person = word in _PERSON_PRONOUNS
        if not want_person and word not in _GROUP_PRONOUNS:
            return None
        return self.last(index, person=want_person, exclude=exclude)

    def last(
        self,
        index: int,
        *,
        person: bool,
        exclude: set[str] = frozenset(),  # type: ignore[assignment]
        offices: tuple[str, ...] = (),
        country: str | None = None,
    ) -> Entity | None:
        """The last actor before `index` that is (not) a person, of an office or country."""
        for position, entity, is_person in reversed(self.named):
            if position >= index or is_person != person or entity.code in exclude:
                continue
            if offices and not any(o in (entity.office or "") for o in offices):
                continue
            if country and entity.code != country:
                continue
            return entity
        return None

    def main_country(self, exclude: set[str] = frozenset()) -> str | None:  # type: ignore[assignment]
        """The country named most often (first named on a tie), a proxy for "the country"."""
        best: str | None = None
        for _position, entity, _is_person in self.named:
            code = entity.code
            if not code or code in exclude or code in _NON_STATES:
                continue
            if best is None or self.countries[code] > self.countries[best]:
                best = code
        return best


_NON_STATES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})


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
    """Resolves mentions against the knowledge base, on a given date.

    `places` (optional) is the gazetteer used for place names inside a mention
    ("Shanghai police" -> CHN) and for towns named as actors ("Mariupol" -> UKR
    CVL); without it only the knowledge base's countries and seats are used.
    """

    def __init__(self, kb: KnowledgeBase, *, places: Gazetteer | None = None) -> None:
        self.kb = kb
        self.places = places
        self._hint_doc: Doc | None = None
        self._hints: tuple[str, ...] = ()

    # --------------------------------------------------------------- public API
    def remember_names(self, doc: Doc, day: dt.date | None, memory: DocumentMemory) -> None:
        """Resolve every named actor of the document up front, for later pronouns."""
        for ent in doc.ents:
            root = ent.root
            if root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPS:
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
            person_word = word in _PERSON_PRONOUNS
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
        head = _phrase_head(span)
        if len(span) == 1 and head.lower_ in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
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
        head, span = _retarget(head, span)
        words = _core(span)
        former = _has_former(span)
        person = self._person(words, head, day, former=former)
        if person is not None:
            if former and person.sector != "ELI":
                person = replace(person, sector="ELI", office=_former(person.office))
            return person, True
        entry = self._whole_name(words, day)
        if entry is not None:
            return _from_entry(span.text, entry), False
        inner = self._inner_name(words, day)
        sector = self._sector(words, span, head, inner)
        code = self._country_in(span, head, day, skip=inner, places=sector is not None)
        if inner is not None and (code is None or inner.code not in _NON_STATES):
            code = inner.code  # "US NATO envoy" is American; "Hamas fighters" are Hamas's
        org = _of_object(head) if head.lower_ in _ROLE_HEADS else None
        if org is not None:  # "President of the Chadian Human Rights League" is SOC
            of_entity, _ = self._resolve_span(mention_span(org), org, day)
            sector = of_entity.sector or sector
            code = code or of_entity.code
        if _is_ethnic(words):  # "ethnic Albanians in south Serbia" are Serbia's
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
        for name in _person_candidates(self.kb, words, head):
            terms = self.kb.person_terms(name)
            if terms:
                hints = tuple(t.lower_ for t in words) if former else ()
                return _person_entity(words_text(words), terms, day, former_hints=hints)
        return None

    def _whole_name(self, words: list[Token], day: dt.date | None) -> KBEntry | None:
        if not words or (len(words) == 1 and words[0].is_stop and words[0].is_lower):
            return None  # "who", "us", "it" are not WHO, the US, IT
        for text in (words_text(words), _joined(words)):
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
                if not any(_is_capitalised(t) for t in part) or _is_country_words(self.kb, part):
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
        tokens = [t for t in _evidence_tokens(span, head) if not _is_sponsor(t)]
        if skip is not None:
            tokens = [t for t in tokens if self.kb.lookup(t.text, day) != skip]
        code = self._multiword_country(tokens, day)
        if code:
            return code
        for token in tokens:
            code = self._token_country(token, day)
            if code:
                return code
        for ent in span.doc.ents:
            if ent.label_ in _ENT_LABELS and all(
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
                if part[-1].i - part[0].i != size - 1 or not _is_capitalised(part[0]):
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
            if suffix.casefold() in _OWNER_SUFFIXES:
                text = prefix
        code = self.kb.adjective(text)
        if code:
            return code
        entry = self.kb.lookup(text, day)
        if entry is not None and entry.kind == "seat" and _in_locative(token):
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
        for run in _proper_runs(tokens):
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
        if self._hint_doc is not doc:
            found: dict[str, None] = {}
            for ent in doc.ents:
                if ent.label_ not in ("NORP", "GPE"):
                    continue
                code = self.kb.adjective(ent.text)
                if code is None:
                    entry = self.kb.lookup(ent.text)
                    code = entry.code if entry is not None and entry.kind == "country" else None
                if code:
                    found[code] = None
            self._hint_doc, self._hints = doc, tuple(found)
        return self._hints

    def _may_be_place(self, part: list[Token]) -> bool:
        """Words that can name a town: not a title, agent or known organisation, and
        not one common capitalised word ("Federal Minister", "Human rights group",
        "(ILO)" are no towns in Argentina, Ukraine or Peru)."""
        if all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in part):
            return True
        if len(part) == 1 and part[0].lower_ in _GENERIC_CAPITALS:
            return False
        if any(_is_title_word(self.kb, t) or self.kb.agent_sector(t.lower_) for t in part):
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
        evidence = _evidence_tokens(span, head)
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
            entry = self.kb.lookup(token.text)
            if entry is not None and entry.sector and entry.kind != "seat":
                return entry.sector
        return None

    def _agent_tail(self, words: list[Token], head: Token) -> str | None:
        """The sector of the longest agent term ending at the head ("trade unions")."""
        end = next((k for k, t in enumerate(words) if t.i == head.i), len(words) - 1)
        for i in range(end + 1):
            part = words[i : end + 1]
            sector = self.kb.agent_sector(words_text(part))
            if sector is None and len(part) > 1:
                sector = self.kb.agent_sector(" ".join([*(t.text for t in part[:-1]), head.lemma_]))
            if sector:
                return sector
        return self._agent(head)

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
        """The code of an agent term ending at the head that carries one."""
        end = next((k for k, t in enumerate(words) if t.i == head.i), len(words) - 1)
        for i in range(end + 1):
            part = words[i : end + 1]
            code = self.kb.agent_code(words_text(part))
            if code is None and len(part) > 1:
                code = self.kb.agent_code(" ".join([*(t.text for t in part[:-1]), head.lemma_]))
            if code:
                return code
        return self.kb.agent_code(head.lemma_)

    def _residence(self, head: Token, day: dt.date | None) -> str | None:
        """The country an ethnic group is said to live "in"."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for ent in prep.doc.ents:
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
            and all(_is_capitalised(t) for t in named)
            and not any(t.ent_type_ == "PERSON" for t in named)
        ):
            place = self.places.resolve(text)
            if place is not None and place.country_code and place.resolution >= 3:
                return Entity(entity_text=span.text, code=place.country_code, sector="CVL")
        if any(_is_capitalised(t) for t in words):
            key = self.kb.fuzzy_name(text)
            if key is not None:
                terms = self.kb.person_terms(key)
                if terms:
                    return _person_entity(span.text, terms, day)
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
        words = _core(span)
        if any(t.ent_type_ == "PERSON" for t in words):
            return entity
        title = _title_of(words, head)
        if entity.sector == "ELI":  # "the former president": the last president named
            ref = None
            if title is not None and entity.code is None:
                ref = memory.last(
                    index, person=True, exclude=exclude, offices=_TITLE_OFFICES[title]
                )
            if ref is None:
                return entity
            return replace(
                ref, entity_text=entity.entity_text, sector="ELI", office=_former(ref.office)
            )
        if title is not None:
            return self._office_holder(entity, title, day, memory, index, exclude)
        if entity.code is None and entity.sector == "GOV" and _is_definite(span, head):
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
        offices = _TITLE_OFFICES[title]
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


# ------------------------------------------------------------------ token helpers
def _retarget(head: Token, span: Span) -> tuple[Token, Span]:
    """A partitive names its "of" object: "members of SANDF" is SANDF, "several of the
    largest trade unions" are unions."""
    if head.lower_ in _PARTITIVES or head.pos_ == "NUM":
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    start = min(obj.left_edge.i, obj.i)
                    end = max(t.i for t in obj.subtree) + 1
                    return obj, obj.doc[start:end]
    return head, span


def _phrase_head(span: Span) -> Token:
    """The head of a bare phrase: its root, or its last noun when the parser made a
    verb the root ("wanted persons")."""
    root = span.root
    if root.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
        return root
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns else root


def _of_object(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _core(span: Span) -> list[Token]:
    """The mention without leading articles, numbers and quantifiers ("two men" -> men)."""
    words = list(span)
    while words and (
        words[0].dep_ in ("det", "predet", "case", "cc", "nummod", "quantmod")
        or words[0].pos_ in ("DET", "NUM", "PUNCT")
    ):
        words.pop(0)
    while words and words[-1].is_punct:
        words.pop()
    return words or list(span)


def words_text(words: list[Token]) -> str:
    """The text of some tokens of one document, with their spacing."""
    if not words:
        return ""
    doc = words[0].doc
    return doc[words[0].i : words[-1].i + 1].text


def _joined(words: list[Token]) -> str:
    return " ".join(t.text for t in words if not t.is_punct)


def _is_sponsor(token: Token) -> bool:
    """A country word that names a sponsor or a side, not the actor: "Iranian-backed
    militias", "an anti-Syria journalist", "pro-Moscow separatists"."""
    if "-" in token.text.strip("-"):
        prefix, _, suffix = token.text.rpartition("-")
        return suffix.casefold() in _SPONSOR_SUFFIXES or prefix.casefold() in _STANCES
    i = token.i
    doc = token.doc
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _STANCES:
        return True  # split by the tokenizer: anti - Syria
    return token.head.lower_ in _SPONSOR_SUFFIXES and token.dep_ in ("npadvmod", "compound")


#: Prefixes that say which side someone is on, not whose they are.
_STANCES = frozenset({"anti", "pro"})


def _in_locative(token: Token) -> bool:
    """Is the name the object of "in", "near", "at"...: a place, not an actor?"""
    head = token
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS


def _is_ethnic(words: list[Token]) -> bool:
    return any(t.lower_ == "ethnic" for t in words)


def _is_capitalised(token: Token) -> bool:
    return any(ch.isupper() for ch in token.text)


def _is_country_words(kb: KnowledgeBase, words: list[Token]) -> bool:
    text = words_text(words)
    return normalize_name(text) in kb.country_names or kb.adjective(text) is not None


def _has_former(span: Span) -> bool:
    for token in span:
        lower = token.lower_
        if lower in _FORMER or (lower.startswith("ex-") and len(lower) > 3):
            return True
    return False


def _former(office: str | None) -> str | None:
    if office is None or office.startswith("former "):
        return office
    return f"former {office}"


def _person_candidates(kb: KnowledgeBase, words: list[Token], head: Token) -> list[str]:
    """Names to look up: the PERSON entity, then the name without its titles.

    Only titles and nationality words are dropped ("former President", "Ukrainian
    leader"): a given name never is, so "Yuri Borisov" is not Boyko Borisov.
    """
    names: list[str] = []
    ent = _entity_of(head)
    if ent is not None and ent.label_ == "PERSON":
        names.append(ent.text)
    end = next((k for k, t in enumerate(words) if t.i == head.i), len(words) - 1)
    start = end
    while start > 0 and (words[start - 1].pos_ == "PROPN" or words[start - 1].is_punct):
        start -= 1
    name = words[start : end + 1]
    names.append(words_text(name))  # a title that is part of the name: "Pope Francis"
    while len(name) > 1 and _is_title_word(kb, name[0]):
        name = name[1:]
    names.append(words_text(name))
    return names


def _is_title_word(kb: KnowledgeBase, token: Token) -> bool:
    """A title or nationality before a name: "President", "Gen.", "Foreign", "Ukrainian"."""
    lower = token.lower_
    return (
        token.is_punct
        or lower in _TITLE_WORDS
        or lower in _FORMER
        or lower in ("foreign", "defence", "defense", "deputy", "vice", "prime", "acting")
        or kb.agent_sector(token.text) is not None
        or kb.adjective(token.text) is not None
    )


def _evidence_tokens(span: Span, head: Token) -> list[Token]:
    """The mention's words plus possessives, appositions and "of"/"in" phrases of the head."""
    tokens = list(span)
    seen = {t.i for t in tokens}
    for child in head.children:
        extra: Iterable[Token] = ()
        if child.dep_ == "poss":
            extra = child.subtree
        elif child.dep_ == "appos":
            extra = (t for t in child.subtree if t.dep_ != "punct")
        elif child.dep_ == "prep" and child.lower_ in _ORIGIN_PREPS:
            extra = child.subtree
        elif child.dep_ == "prep" and child.lower_ == "for" and head.lemma_ in _SHELTERS:
            extra = child.subtree  # "a camp for Congolese refugees" shelters Congolese
        for token in extra:
            if token.i not in seen:
                seen.add(token.i)
                tokens.append(token)
    return tokens


def _proper_runs(tokens: list[Token]) -> list[list[Token]]:
    """Runs of capitalised words (place names are among them)."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if _is_capitalised(token) and token.pos_ in ("PROPN", "NOUN", "ADJ") and not token.is_stop:
            if current and token.i != current[-1].i + 1:
                runs.append(current)
                current = []
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _title_of(words: list[Token], head: Token) -> str | None:
    """The office title a mention without a name consists of ("the Russian prime minister")."""
    if head.pos_ == "PROPN" and head.lower_ not in _TITLE_WORDS:
        return None
    end = next((k for k, t in enumerate(words) if t.i == head.i), len(words) - 1)
    for i in range(end + 1):
        text = " ".join(t.lower_ for t in words[i : end + 1])
        if text in _TITLE_OFFICES:
            return text
    return None


def _is_definite(span: Span, head: Token) -> bool:
    return any(c.lower_ in ("the", "this", "that") for c in head.children if c.dep_ == "det")


def _unknown(text: str) -> Entity:
    """A reference with nothing to refer to: an unidentified actor."""
    return Entity(entity_text=text, sector="UNK")


def _person_entity(
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
        named = [t for t in past if _office_named(t.office, former_hints)]
        return _past_entity(text, named or past)
    if day is None:
        latest = max(t.start for t in ordered)
        term = min((t for t in ordered if t.start == latest), key=_rank)
        return _term_entity(text, term, term.sector, term.office)
    current = [t for t in ordered if t.covers(day)]
    if current:
        term = min(current, key=_rank)
        return _term_entity(text, term, term.sector, term.office)
    if past:
        return _past_entity(text, past)
    return _term_entity(text, ordered[0], None, None)


def _office_named(office: str, words: tuple[str, ...]) -> bool:
    """Whether the mention's words name `office`: a title of a core office ("prime
    minister") or a word of a free-text one ("governor", "speaker")."""
    phrase = f" {' '.join(words)} "
    if any(
        f" {title} " in phrase and office in offices for title, offices in _TITLE_OFFICES.items()
    ):
        return True
    return office not in _OFFICE_RANK and any(
        len(w) > 3 and w in office.casefold().split() for w in words
    )


def _past_entity(text: str, past: list[PersonTerm]) -> Entity:
    term = max(past, key=lambda t: (t.end or t.start, -_rank(t)))
    return _term_entity(text, term, "ELI", f"former {term.office}")


def _rank(term: PersonTerm) -> int:
    return _OFFICE_RANK.get(term.office, len(_OFFICE_RANK))


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


def _replace_text(entity: Entity, text: str, start: int, end: int) -> Entity:
    return replace(entity, entity_text=text, start=start, end=end)
