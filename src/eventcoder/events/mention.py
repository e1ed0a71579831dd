"""EventMention: an event found in a sentence, before it becomes a PLOVER record.

The event stage creates mentions with their trigger and argument tokens; the
resolver stages return new mentions (`dataclasses.replace`) with actors, date
and place filled in. Mentions refer to tokens by index into the spaCy Doc, so
they never hold parser objects themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventcoder.model import Attribution, DateRef, Entity, Place

__all__ = ["EventMention"]


@dataclass(frozen=True, slots=True)
class EventMention:
    sentence_index: int
    trigger_start: int  # token indices of the trigger words
    trigger_end: int
    head: int  # token index of the trigger's syntactic head
    governor: int  # token index of the verb whose clause carries the event
    event: str
    mode: str | None
    context: tuple[str, ...]
    aux_mode: str | None
    weight: float
    actor_heads: tuple[int, ...]
    recipient_heads: tuple[int, ...]
    linked_heads: tuple[int, ...] = ()  # folded-in embedded events (for place and date)
    embedded: tuple[str, str | None, str | None] | None = None  # (event, mode, aux_mode)
    source_head: int | None = None  # attribution source
    cue_start: int | None = None
    cue_end: int | None = None
    actors: tuple[Entity, ...] = ()
    recipients: tuple[Entity, ...] = ()
    attribution: Attribution | None = None
    date: DateRef | None = None
    place: Place | None = None
