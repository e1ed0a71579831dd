"""The last step: resolved mentions -> PLOVER `Event` records with provenance."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from eventcoder.__about__ import __version__
from eventcoder.events.context import EventTable
from eventcoder.events.mention import EventMention
from eventcoder.model import Article, Entity, Event

__all__ = ["RecordBuilder", "content_hash", "event_id"]

CODER = f"eventcoder {__version__}"
_NEEDS_RECIPIENT = frozenset({"COOPERATE", "AID", "SANCTION"})


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_id(doc_hash: str, sentence_index: int, start: int, end: int, event: str) -> str:
    """Stable: the same text gives the same id on any machine and engine."""
    key = f"{doc_hash}|{sentence_index}|{start}|{end}|{event}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


class RecordBuilder:
    """Turns resolved mentions into records: ids, CAMEO code, scale, confidence."""

    def __init__(self, table: EventTable, *, min_confidence: float = 0.0) -> None:
        self.table = table
        self.min_confidence = min_confidence

    def build(self, article: Article, doc: Doc, mentions: Sequence[EventMention]) -> list[Event]:
        doc_hash = content_hash(article.text)
        sentences = list(doc.sents)
        kept = [
            m
            for m in mentions
            # "the conversation", "the war": a bare noun names no event
            if doc[m.head].pos_ not in ("NOUN", "PROPN") or m.actors or m.recipients
        ]
        per_sentence = Counter(m.sentence_index for m in kept)
        events = []
        for m in kept:
            event = self._record(article, doc, doc_hash, sentences, m, per_sentence)
            if event.confidence >= self.min_confidence:
                events.append(event)
        return events

    def _record(
        self,
        article: Article,
        doc: Doc,
        doc_hash: str,
        sentences: list[Span],
        m: EventMention,
        per_sentence: Counter[int],
    ) -> Event:
        trigger = doc[m.trigger_start : m.trigger_end]
        sent = sentences[m.sentence_index]
        row = self.table.lookup(m.event, m.mode)
        date = m.date
        return Event(
            id=event_id(doc_hash, m.sentence_index, trigger.start_char, trigger.end_char, m.event),
            doc_id=article.id,
            date=date.value if date else None,
            date_precision=date.precision if date else None,
            enddate=date.enddate if date else None,
            date_defaulted=bool(date and date.defaulted),
            event=(m.event,),
            mode=(m.mode,) if m.mode else (),
            aux_mode=m.aux_mode,
            context=m.context,
            actor=m.actors,
            recipient=m.recipients,
            event_loc=m.place,
            event_text=trigger.text,
            trigger_start=trigger.start_char,
            trigger_end=trigger.end_char,
            text=sent.text,
            sentence_index=m.sentence_index,
            sentence_start=sent.start_char,
            attribution=m.attribution,
            quad_code=row.quad_code,
            event_scale=row.event_scale,
            cameo=row.cameo or None,
            coder=CODER,
            confidence=confidence(m, doc, crowded=per_sentence[m.sentence_index] > 1),
            extra=_extra(m),
        )


def _extra(m: EventMention) -> dict[str, object]:
    """Provider fields: the event a statement of intent or a demand is about."""
    if m.embedded is None:
        return {}
    event, mode, aux_mode = m.embedded
    return {"embedded_event": {"event": event, "mode": mode, "aux_mode": aux_mode}}


#: How much each weakness lowers the confidence. Measured on the development data
#: (README, "Confidence"): events with an unresolved actor, events sharing their
#: sentence with other events, and negated or future events are coded wrongly more
#: often; an event whose recipient resolved is right more often.
_NO_ACTOR = 0.85
_NO_RECIPIENT_NEEDED = 0.8
_NOUN_TRIGGER = 0.92
_CROWDED = 0.85
_AUX_MODE = {"negation": 0.65, "future": 0.8, "hypothetical": 0.9}
_WITH_RECIPIENT = 1.08


def confidence(m: EventMention, doc: Doc, *, crowded: bool = False) -> float:
    """A score in 0..1: the trigger sense's weight, lowered for each weakness.

    Higher means more often right: see the calibration table in the README.
    """
    score = m.weight
    if not _coded(m.actors):
        score *= _NO_ACTOR
    if m.event in _NEEDS_RECIPIENT and not _coded(m.recipients):
        score *= _NO_RECIPIENT_NEEDED
    elif _coded(m.recipients):
        score *= _WITH_RECIPIENT
    if doc[m.head].pos_ in ("NOUN", "PROPN"):
        score *= _NOUN_TRIGGER
    if crowded:
        score *= _CROWDED
    score *= _AUX_MODE.get(m.aux_mode or "", 1.0)
    return round(min(max(score, 0.0), 1.0), 3)


def _coded(entities: Sequence[Entity]) -> bool:
    return any(e.code for e in entities)
