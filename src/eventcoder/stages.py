"""The resolver stages of the pipeline: dates, actors, victims (places: place_stage.py).

Each stage takes a `Work` (one parsed article and its event mentions) and
returns it with its own fields of the mentions filled in; see pipeline.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from eventcoder.events.mention import EventMention
from eventcoder.model import Attribution, DateRef, Entity, Place
from eventcoder.resolve.actors import ActorResolver, DocumentMemory
from eventcoder.resolve.attach import anaphoric_time_for, date_entities_for
from eventcoder.resolve.clauses import tense_of
from eventcoder.resolve.dates import find_dates, resolve_date

if TYPE_CHECKING:
    from eventcoder.pipeline import Work

__all__ = ["ActorStage", "DateStage", "VictimStage", "anchor_tokens"]


def anchor_tokens(doc: Doc, m: EventMention) -> list[Token]:
    """The words an event's date and place hang from: its trigger, the verb
    governing it, and the events folded into it."""
    indices = dict.fromkeys((m.head, m.governor, *m.linked_heads))
    return [doc[i] for i in indices]


class DateStage:
    """The event's date: an attached time expression, else the publication date.

    An event placed in the time of one told before ("During the call, the leaders
    agreed ...") takes that event's date. A date well before publication (its period
    ends more than `historical_days` before) makes the event historical.
    """

    name = "dates"

    def __init__(self, historical_days: int) -> None:
        self.historical = dt.timedelta(days=historical_days)

    def __call__(self, work: Work) -> Work:
        dct = work.article.date
        mentions: list[EventMention] = []
        told: DateRef | None = None  # the last date an expression gave, for "during the call"
        for m in work.mentions:
            dated = self._date(work.doc, m, dct, told)
            if dated.date is not None and not dated.date.defaulted:
                told = dated.date
            mentions.append(dated)
        return replace(work, mentions=tuple(mentions))

    def _date(
        self, doc: Doc, m: EventMention, dct: dt.date | None, told: DateRef | None
    ) -> EventMention:
        if dct is None:
            return m
        anchors = anchor_tokens(doc, m)
        sent = doc[m.head].sent
        tense = tense_of(doc[m.governor])
        for ent in date_entities_for(anchors, sent):
            ref = _resolve_entity(ent, dct, tense)
            if ref is not None:
                return replace(m, date=ref, aux_mode=m.aux_mode or self._historical(ref, dct))
        phrase = anaphoric_time_for(anchors) if told is not None else None
        if told is not None and phrase is not None:
            ref = replace(told, text=phrase.text, start=phrase.start_char, end=phrase.end_char)
            return replace(m, date=ref, aux_mode=m.aux_mode or self._historical(ref, dct))
        return replace(m, date=DateRef(value=dct, precision="day", defaulted=True))

    def _historical(self, ref: DateRef, dct: dt.date) -> str | None:
        end = ref.enddate or _period_end(ref)
        return "historical" if end < dct - self.historical else None


def _resolve_entity(ent: Span, dct: dt.date, tense: str) -> DateRef | None:
    """The entity as one expression, else the first expression inside it ("for
    several months last year" -> last year), with offsets into the document."""
    ref = resolve_date(ent.text, dct, tense=tense)
    if ref is not None:
        return replace(ref, text=ent.text, start=ent.start_char, end=ent.end_char)
    inner = find_dates(ent.text, dct)
    if not inner or inner[0].start is None or inner[0].end is None:
        return None
    start, end = ent.start_char + inner[0].start, ent.start_char + inner[0].end
    return replace(inner[0], start=start, end=end)


def _period_end(ref: DateRef) -> dt.date:
    days = {"day": 0, "week": 6, "month": 30, "season": 91, "year": 364}
    return ref.value + dt.timedelta(days=days.get(ref.precision, 0))


class ActorStage:
    """Actors, recipients and attribution sources resolved on the event's date."""

    name = "actors"

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver

    def __call__(self, work: Work) -> Work:
        self.resolver.remember_names(work.doc, work.article.date, work.memory)
        mentions = [self._resolve(work, m) for m in work.mentions]
        return replace(work, mentions=tuple(mentions))

    def _resolve_head(
        self, token: Token, day: dt.date | None, memory: DocumentMemory, exclude: set[str]
    ) -> Entity | None:
        """The entity, or the possessor's when the entity has no country ("praised
        Trump's efforts", "welcomed President Reagan's latest statement" -> the man)."""
        entity = self.resolver.resolve(token, day, memory, exclude=exclude)
        owner = _possessor(token)
        if (entity is None or entity.code is None) and owner is not None:
            owned = self.resolver.resolve(owner, day, memory, exclude=exclude)
            if owned is not None and (entity is None or owned.code is not None):
                entity = owned
        return entity

    def _entities(
        self,
        doc: Doc,
        heads: Iterable[int],
        day: dt.date | None,
        memory: DocumentMemory,
        exclude: set[str],
    ) -> tuple[Entity, ...]:
        found: list[Entity] = []
        for i in heads:
            entity = self._resolve_head(doc[i], day, memory, exclude)
            if entity is not None:
                found.append(entity)
                found.extend(self._coordinated(doc[i], entity))
        return tuple(found)

    def _coordinated(self, head: Token, entity: Entity) -> list[Entity]:
        """One more entity for each further nationality of a head: "French and
        Egyptian warships", "Sierra Leonean and Liberian refugees"."""
        kb = self.resolver.kb
        extra = []
        for mod in head.children:
            if mod.dep_ not in ("amod", "compound") or not kb.adjective(mod.text):
                continue
            for other in mod.conjuncts:
                code = kb.adjective(other.text)
                if code and code != entity.code:
                    end = other.idx + len(other.text)
                    extra.append(
                        Entity(
                            entity_text=f"{other.text} {head.text}",
                            code=code,
                            sector=entity.sector,
                            start=other.idx,
                            end=end,
                        )
                    )
        return extra

    def _resolve(self, work: Work, m: EventMention) -> EventMention:
        doc, memory = work.doc, work.memory
        day = m.date.value if m.date else work.article.date
        actors = self._entities(doc, m.actor_heads, day, memory, set())
        taken = {a.code for a in actors if a.code}
        recipients = self._entities(doc, m.recipient_heads, day, memory, taken)
        if taken:
            recipients = tuple(r for r in recipients if r.code not in taken) or recipients
        attribution = None
        if m.source_head is not None and m.cue_start is not None and m.cue_end is not None:
            source = self.resolver.resolve(doc[m.source_head], day, memory)
            cue = doc[m.cue_start : m.cue_end]
            attribution = Attribution(source, cue.text, cue.start_char, cue.end_char)
        return replace(m, actors=actors, recipients=recipients, attribution=attribution)


def _possessor(token: Token) -> Token | None:
    """Whose a thing is: "Trump's efforts", and "(against) violations by the Israeli
    military" (only in a prepositional phrase: "follows an incursion by drones" is no
    act against the drones)."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None and token.pos_ == "NOUN" and token.dep_ == "pobj":
        by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    return owner


def _present(entities: Iterable[Entity | None]) -> tuple[Entity, ...]:
    return tuple(e for e in entities if e is not None)


class VictimStage:
    """Whose people or ground an act of force struck, and who hosted a visit, from
    where it happened.

    PLOVER codes the target of an attack by its country: "killed 23 people in Tel
    Aviv" struck Israelis, "fired shells at targets in Jericho" the Palestinian
    territories. When no recipient of an attack has a country, the uncoded ones
    take the event place's (and sector CVL if they have none); an attack or
    arrest with no recipient at all gets the place itself as one. Runs after
    PlaceStage. Unidentified attackers ("gunmen", "assailants": sector UAF) with no
    country are taken to be of the place too, as PLOVER codes them; an attack that
    names no attacker at all ("a roadside bombing killed") gets the place's
    unidentified armed forces (UAF), and an arrest, deportation or curfew by no one
    named the place's authorities. A concession with no recipient is to the people of
    its place, and an inspection of an uncoded site inspects the site's country.
    """

    name = "victims"

    def __call__(self, work: Work) -> Work:
        return replace(work, mentions=tuple(_with_victims(m) for m in work.mentions))


#: Coercion only a state's authorities carry out: with no one named, the place's do.
_STATE_MODES = frozenset({"arrest", "deport", "curfew", "martial-law", "censor"})
#: Acts of force whose victims are the people of the place they happen in.
_VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})


def _with_victims(m: EventMention) -> EventMention:
    place = m.place
    if m.event == "CONSULT" and m.mode == "visit":
        return _with_host(m)
    if m.event == "CONCEDE" or (m.event == "ACCUSE" and m.mode == "investigate"):
        return _with_population(m)
    if m.event not in _VICTIM_TYPES or place is None or not place.country_code:
        return m
    code = place.country_code
    here = _named_place(place)
    if not m.actors and m.event == "ASSAULT" and m.mode is not None:
        # "a roadside bombing near Samarra killed ...": unidentified armed forces of the place
        unknown = f"unidentified attackers in {place.extracted_place} (not named in the text)"
        m = replace(m, actors=(replace(here, sector="UAF", identifier_text=unknown),))
    elif not m.actors and m.event == "COERCE" and m.mode in _STATE_MODES:
        # "was arrested in Lebanon": by the authorities of the place
        unknown = f"the authorities in {place.extracted_place} (not named in the text)"
        m = replace(m, actors=(replace(here, identifier_text=unknown),))
    if m.event == "ASSAULT" and any(a.code is None and a.sector == "UAF" for a in m.actors):
        # "gunmen killed three policemen in Baquba": unidentified armed men of the place
        actors = tuple(
            replace(a, code=code) if a.code is None and a.sector == "UAF" else a for a in m.actors
        )
        m = replace(m, actors=actors)
    if any(r.code for r in m.recipients):
        return m
    recipients = m.recipients
    if m.event == "ASSAULT":  # the victims of an arrest may be foreigners as often as not
        recipients = tuple(replace(r, code=code, sector=r.sector or "CVL") for r in recipients)
    if not recipients:
        recipients = (here,)
    return replace(m, recipients=recipients)


def _with_population(m: EventMention) -> EventMention:
    """Measures eased in a place ease them for its people, and inspectors sent to a site
    inspect its country: "Serbia eased emergency measures in Montenegro" is a concession
    to Montenegro, "sent inspectors to a plant in central Iran" an inquiry into Iran."""
    place = m.place
    if place is None or not place.country_code or any(r.code for r in m.recipients):
        return m
    if m.event == "ACCUSE" and not m.recipients:
        return m  # an inquiry with no object: what it looks into is not said
    # uncoded people are the place's; things ("emergency measures", "a plant") give way
    people = tuple(replace(r, code=place.country_code) for r in m.recipients if r.sector)
    return replace(m, recipients=people or (_named_place(place),))


def _with_host(m: EventMention) -> EventMention:
    """A visit with no host named is hosted by the country it went to: "Saddam Hussein
    arrived in Amman on a visit" is a visit to Jordan (PLOVER: the host is the recipient)."""
    place = m.place
    if place is None or not place.country_code or any(r.code for r in m.recipients):
        return m
    own = {a.code for a in m.actors if a.code}
    if not own or place.country_code in own:
        return m  # a visit at home, or by no one known: no host to infer
    return replace(m, recipients=(*m.recipients, _named_place(place)))


def _named_place(place: Place) -> Entity:
    """The place's country as a participant, pointing at the place name in the text."""
    return Entity(
        entity_text=place.extracted_place, code=place.country_code, start=place.start,
        end=place.end,
    )  # fmt: skip
