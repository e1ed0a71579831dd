"""The resolver stages of the pipeline: dates, actors, places.

Each stage takes a `Work` (one parsed article and its event mentions) and
returns it with its own fields of the mentions filled in; see pipeline.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from eventcoder.events.mention import EventMention
from eventcoder.knowledge.base import KnowledgeBase
from eventcoder.model import Attribution, DateRef, Entity, Place
from eventcoder.resolve.actors import ActorResolver, DocumentMemory
from eventcoder.resolve.attach import date_entities_for, place_entities_for, tense_of
from eventcoder.resolve.dates import resolve_date
from eventcoder.resolve.places import Gazetteer

if TYPE_CHECKING:
    from eventcoder.pipeline import Work

__all__ = ["ActorStage", "DateStage", "PlaceStage"]


def _anchor_tokens(doc: Doc, m: EventMention) -> list[Token]:
    indices = dict.fromkeys((m.head, m.governor, *m.linked_heads))
    return [doc[i] for i in indices]


class DateStage:
    """The event's date: an attached time expression, else the publication date."""

    name = "dates"

    def __init__(self, historical_days: int) -> None:
        self.historical = dt.timedelta(days=historical_days)

    def __call__(self, work: Work) -> Work:
        dct = work.article.date
        mentions = [self._date(work.doc, m, dct) for m in work.mentions]
        return replace(work, mentions=tuple(mentions))

    def _date(self, doc: Doc, m: EventMention, dct: dt.date | None) -> EventMention:
        if dct is None:
            return m
        anchors = _anchor_tokens(doc, m)
        sent = doc[m.head].sent
        tense = tense_of(doc[m.governor])
        for ent in date_entities_for(anchors, sent):
            ref = resolve_date(ent.text, dct, tense=tense)
            if ref is not None:
                ref = replace(ref, text=ent.text, start=ent.start_char, end=ent.end_char)
                return replace(m, date=ref, aux_mode=m.aux_mode or self._historical(ref, dct))
        return replace(m, date=DateRef(value=dct, precision="day", defaulted=True))

    def _historical(self, ref: DateRef, dct: dt.date) -> str | None:
        end = ref.enddate or _period_end(ref)
        return "historical" if end < dct - self.historical else None


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
        """The entity, or the possessor's ("praised Trump's efforts" -> Trump)."""
        entity = self.resolver.resolve(token, day, memory, exclude=exclude)
        owner = _possessor(token)
        if entity is None and owner is not None:
            entity = self.resolver.resolve(owner, day, memory, exclude=exclude)
        return entity

    def _resolve(self, work: Work, m: EventMention) -> EventMention:
        doc, memory = work.doc, work.memory
        day = m.date.value if m.date else work.article.date
        actors = _present(self._resolve_head(doc[i], day, memory, set()) for i in m.actor_heads)
        taken = {a.code for a in actors if a.code}
        recipients = _present(
            self._resolve_head(doc[i], day, memory, taken) for i in m.recipient_heads
        )
        if taken:
            recipients = tuple(r for r in recipients if r.code not in taken) or recipients
        attribution = None
        if m.source_head is not None and m.cue_start is not None and m.cue_end is not None:
            source = self.resolver.resolve(doc[m.source_head], day, memory)
            cue = doc[m.cue_start : m.cue_end]
            attribution = Attribution(source, cue.text, cue.start_char, cue.end_char)
        return replace(m, actors=actors, recipients=recipients, attribution=attribution)


def _possessor(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ == "poss"), None)


def _present(entities: Iterable[Entity | None]) -> tuple[Entity, ...]:
    return tuple(e for e in entities if e is not None)


class PlaceStage:
    """The event's place: a location attached to the event, resolved in the gazetteer."""

    name = "places"

    def __init__(self, gazetteer: Gazetteer, kb: KnowledgeBase) -> None:
        self.gazetteer = gazetteer
        self.kb = kb

    def __call__(self, work: Work) -> Work:
        memory = work.memory
        mentions = [self._place(work.doc, m, memory) for m in work.mentions]
        return replace(work, mentions=tuple(mentions))

    def _place(self, doc: Doc, m: EventMention, memory: DocumentMemory) -> EventMention:
        used = _argument_tokens(doc, m)
        sent = doc[m.head].sent
        hints = [e.code for e in (*m.actors, *m.recipients) if e.code]
        hints += sorted(memory.countries, key=lambda c: -memory.countries[c])
        for ent in place_entities_for(_anchor_tokens(doc, m), sent, used):
            place = self._resolve(ent.text, hints, ent.start_char, ent.end_char)
            if place is not None:
                return replace(m, place=place)
        return m

    def _resolve(self, text: str, hints: list[str], start: int, end: int) -> Place | None:
        entry = self.kb.lookup(text)
        if entry is not None and entry.kind in ("metonym", "organization"):
            return None
        return self.gazetteer.resolve(text, country_hints=hints, start=start, end=end)


def _argument_tokens(doc: Doc, m: EventMention) -> set[int]:
    used: set[int] = set()
    for i in (*m.actor_heads, *m.recipient_heads):
        token = doc[i]
        used.update(range(token.left_edge.i, token.i + 1))
    if m.source_head is not None:
        used.add(m.source_head)
    return used
