"""Attribution: who asserts that an event happened ("X said", "according to X").

The climb from the trigger goes up through the clauses that govern it; the
first communication verb whose complement contains the event gives its
subject as the attributor ("Ukrainian officials said Russian drones hit...",
"Kremlin aide Yuri Ushakov said Putin praised..."). A sentence-final
"..., X said" attached as parataxis counts too, and so does "according to X"
anywhere in the event's clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventcoder.events.arguments import subject_of
from eventcoder.events.modality import SPEECH_VERBS

__all__ = ["AttributionCue", "find_attribution"]

_REPORT_VERBS = SPEECH_VERBS | {"accuse", "allege", "warn", "deny", "charge", "blame"}


@dataclass(frozen=True, slots=True)
class AttributionCue:
    source: Token  # head token of the source's mention
    cue_start: int  # token span of the attributing words
    cue_end: int


def find_attribution(trigger: Token) -> AttributionCue | None:
    """The source of the claim that the event happened, or None."""
    node = trigger
    for _ in range(8):
        cue = _according_to(node) or _parataxis_speech(node)
        if cue:
            return cue
        head = node.head
        if head.i == node.i:
            return None
        if node.dep_ in ("ccomp", "conj") and head.lemma_.casefold() in _REPORT_VERBS:
            subjects = subject_of(head)
            if subjects and subjects[0].i != trigger.i:
                return AttributionCue(subjects[0], head.i, head.i + 1)
        node = head
    return None


def _according_to(node: Token) -> AttributionCue | None:
    """ "according to X" attached to this node or anywhere below it."""
    for prep in node.subtree:
        if prep.lower_ == "according" and prep.dep_ == "prep":
            to = next((c for c in prep.children if c.lower_ == "to"), None)
            source = next((c for c in (to.children if to else ()) if c.dep_ == "pobj"), None)
            if source is not None:
                return AttributionCue(source, prep.i, (to.i if to else prep.i) + 1)
    return None


def _parataxis_speech(node: Token) -> AttributionCue | None:
    for child in node.children:
        if child.dep_ == "parataxis" and child.lemma_.casefold() in SPEECH_VERBS:
            subjects = subject_of(child)
            if subjects:
                return AttributionCue(subjects[0], child.i, child.i + 1)
    return None
