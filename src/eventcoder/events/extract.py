"""The event stage: parsed sentences -> EventMentions (type, mode, arguments, modality)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventcoder.events.arguments import (
    another_time,
    find_arguments,
    names_someone,
    through_partitive,
)
from eventcoder.events.attribution import find_attribution
from eventcoder.events.context import ContextCues, ModeCues
from eventcoder.events.intent import recast_intents
from eventcoder.events.lexicon import Lexicon
from eventcoder.events.mention import EventMention
from eventcoder.events.modality import aux_mode_of
from eventcoder.events.triggers import TriggerMatch, find_triggers, governing_verb

__all__ = ["EventExtractor"]


#: Events whose complement clause or object names another event fold that event
#: in: "threatened to impose sanctions" is one THREATEN, "agreed to hold a summit
#: in Budapest" one AGREE (with the summit's place), "ruled out a ceasefire" one
#: REJECT. The embedded event gives the governing event its mode.
_FOLD_CLAUSE_AND_OBJECT = frozenset(
    {"AGREE", "THREATEN", "REQUEST", "REJECT", "CONCEDE", "ACCUSE", "SUPPORT"}
)
_FOLD_CLAUSE_ONLY: frozenset[str] = frozenset()
_EMBEDDED_MODE = {
    "REQUEST": {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield",
                "CONCEDE": "yield"},
    "REJECT": {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield",
               "CONCEDE": "yield"},
    "THREATEN": {"ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "restrict"},
}  # fmt: skip
_THREATEN_BY_MODE = {"arrest": "arrest", "deport": "expel", "expel": "expel",
                     "withdraw": "relations", "discontinue": "relations"}  # fmt: skip
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl"})
_FOLD_PREPS = frozenset({"to", "on", "for", "of", "about", "over", "into"})
_FOLD_PATH_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "obj", "pobj", "prep", "conj",
                             "acl", "attr", "oprd", "nsubjpass"})  # fmt: skip


class EventExtractor:
    """Finds the events of each sentence of a parsed document."""

    def __init__(
        self,
        lexicon: Lexicon,
        cues: ContextCues,
        mode_cues: ModeCues,
        *,
        fold_embedded: bool = True,
        background_events: bool = False,
    ) -> None:
        self.lexicon = lexicon
        self.cues = cues
        self.mode_cues = mode_cues
        self.fold_embedded = fold_embedded
        self.background_events = background_events

    def extract(self, doc: Doc) -> list[EventMention]:
        mentions: list[EventMention] = []
        for index, sent in enumerate(doc.sents):
            mentions.extend(self.extract_sentence(sent, index))
        return mentions

    def extract_sentence(self, sent: Span, index: int) -> list[EventMention]:
        matches = find_triggers(sent, self.lexicon)
        mentions = [self._mention(m, index) for m in matches]
        mentions = _merge_nested(sent.doc, mentions)
        if self.fold_embedded:
            mentions = _fold_embedded(sent.doc, mentions)
            mentions = recast_intents(sent.doc, mentions)
        mentions = [m for m in mentions if _worth_keeping(sent.doc, m)]
        if not self.background_events:
            mentions = _drop_background(sent.doc, mentions)
        return mentions

    def _mention(self, match: TriggerMatch, index: int) -> EventMention:
        head = match.head
        # A sense that names its governing verb ("remained on alert") makes it a light verb.
        supported = any(c.kind == "head" for c in match.sense.requires)
        support = governing_verb(head) if supported else None
        args = find_arguments(head, match.sense.args, support)
        attribution = find_attribution(head)
        context = self.cues.contexts(head.sent, match.sense.context)
        return EventMention(
            sentence_index=index,
            trigger_start=match.start,
            trigger_end=match.end,
            head=head.i,
            governor=args.governor.i,
            event=match.sense.event,
            mode=match.sense.mode or self.mode_cues.mode_for(match.sense.event, head),
            context=context,
            aux_mode=_aux_mode(head, args.governor),
            weight=match.sense.weight,
            actor_heads=tuple(t.i for t in args.actors),
            recipient_heads=tuple(t.i for t in args.recipients),
            source_head=attribution.source.i if attribution else None,
            cue_start=attribution.cue_start if attribution else None,
            cue_end=attribution.cue_end if attribution else None,
        )


def _aux_mode(head: Token, governor: Token) -> str | None:
    """A noun event's modality is its own ("planned talks") or its clause's
    ("will send 50 million dollars in aid")."""
    own = aux_mode_of(head)
    if own or governor.i == head.i:
        return own
    return aux_mode_of(governor)


def _merge_nested(doc: Doc, mentions: list[EventMention]) -> list[EventMention]:
    """A noun trigger inside a verb trigger of the same type is one event.

    "launched air strikes" / "an air strike killed": keep the verb's event, take
    the noun's mode and its arguments where the verb has none.
    """
    by_head = {m.head: m for m in mentions}
    dropped: set[int] = set()
    merged: dict[int, EventMention] = {}
    for m in mentions:
        token = doc[m.head]
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        verb = _related_verb(token)
        outer = by_head.get(verb.i) if verb is not None else None
        if outer is None or outer.event != m.event or outer.head in dropped:
            continue
        base = merged.get(outer.head, outer)
        merged[outer.head] = replace(
            base,
            mode=base.mode or m.mode,
            context=tuple(dict.fromkeys(base.context + m.context)),
            actor_heads=base.actor_heads or m.actor_heads,
            recipient_heads=base.recipient_heads
            if any(names_someone(doc[i]) for i in base.recipient_heads)
            else (*base.recipient_heads, *m.recipient_heads),  # "threw stones" names no one
            linked_heads=(*base.linked_heads, m.head),  # its places and dates are the event's
            trigger_start=min(base.trigger_start, m.trigger_start),
            trigger_end=max(base.trigger_end, m.trigger_end)
            if m.trigger_start - base.trigger_end <= 3
            else base.trigger_end,
        )
        dropped.add(m.head)
    return [merged.get(m.head, m) for m in mentions if m.head not in dropped]


def _fold_embedded(doc: Doc, mentions: list[EventMention]) -> list[EventMention]:
    """Fold events embedded under an intent event (see _FOLD_CLAUSE_AND_OBJECT)."""
    by_token: dict[int, EventMention] = {}
    for m in mentions:
        by_token.setdefault(m.head, m)
        by_token.setdefault(m.governor, m)
    folded: dict[int, EventMention] = {}
    dropped: set[int] = set()
    into: dict[int, EventMention] = {}  # folded event's head -> the event it went into
    for m in mentions:
        outer, clausal = _embedding_event(doc, m, by_token)
        while outer is not None and outer.head in dropped:
            outer = into.get(outer.head)
        if outer is None:
            continue
        allowed = outer.event in _FOLD_CLAUSE_AND_OBJECT or (
            clausal and outer.event in _FOLD_CLAUSE_ONLY
        )
        if not allowed:
            continue
        base = folded.get(outer.head, outer)
        folded[outer.head] = replace(
            base,
            mode=base.mode or _embedded_mode(outer.event, m),
            recipient_heads=base.recipient_heads or _other_parties(base, m),
            linked_heads=(*base.linked_heads, m.head, m.governor, *m.linked_heads),
            embedded=base.embedded or (m.event, m.mode, m.aux_mode),
            context=tuple(dict.fromkeys(base.context + m.context)),
        )
        dropped.add(m.head)
        into[m.head] = outer
    return [folded.get(m.head, m) for m in mentions if m.head not in dropped]


def _other_parties(outer: EventMention, inner: EventMention) -> tuple[int, ...]:
    """The embedded event's parties other than the outer actor ("refused talks with X")."""
    if inner.recipient_heads:
        return inner.recipient_heads
    return tuple(i for i in inner.actor_heads if i not in outer.actor_heads)


def _embedding_event(
    doc: Doc, m: EventMention, by_token: dict[int, EventMention]
) -> tuple[EventMention | None, bool]:
    """The event whose clause or object contains m, and whether via a clause."""
    token = doc[m.head]
    clausal = False
    for _ in range(6):
        if token.dep_ not in _FOLD_PATH_DEPS or token.head.i == token.i:
            return None, clausal
        clausal = clausal or token.dep_ in _CLAUSE_DEPS
        if token.dep_ == "conj" and token.head.i in by_token:
            return None, clausal  # "agreed to talks and attacked Kyiv": two events
        if token.dep_ == "prep" and (token.pos_ != "ADP" or token.lower_ not in _FOLD_PREPS):
            return None, clausal
        token = token.head
        outer = by_token.get(token.i)
        if outer is not None and outer.head != m.head:
            return outer, clausal
    return None, clausal


def _embedded_mode(outer: str, inner: EventMention) -> str | None:
    if outer == "THREATEN" and inner.mode in _THREATEN_BY_MODE:
        return _THREATEN_BY_MODE[inner.mode]
    if outer == "THREATEN" and inner.event == "COERCE":
        return "restrict"
    return _EMBEDDED_MODE.get(outer, {}).get(inner.event)


def _related_verb(noun: Token) -> Token | None:
    if noun.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "attr") and noun.head.pos_ == "VERB":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        if another_time(noun.head):
            return None  # "killed him a week after the bomb attack": another incident
        return noun.head.head
    return None


def _worth_keeping(doc: Doc, m: EventMention) -> bool:
    """A bare noun with no participants ("the war", "the talks") is not coded."""
    token = doc[m.head]
    if token.pos_ not in ("NOUN", "PROPN"):
        return True
    return bool(m.actor_heads or m.recipient_heads)


#: Where a background event sits: relative and participle clauses ("peacekeepers
#: who are deployed ...", "militants sheltering in ...", "jailed activist"),
#: adverbial clauses of time, purpose and manner ("to end the fighting", "as
#: they continued their effort", "demanding accountability"), and nouns in time
#: adjuncts ("ahead of the summit", "on the eve of a visit", "during talks").
_BACKGROUND_DEPS = frozenset({"advcl", "relcl", "acl", "pcomp", "amod"})
_MAIN_DEPS = frozenset({"ROOT", "parataxis"})  # ccomp, xcomp, conj: as their head
_ADJUNCT_PREPS = frozenset(
    {"after", "before", "following", "amid", "ahead", "during", "since", "until", "despite",
     "eve", "wake", "in", "at", "over", "under", "throughout", "within", "like"}
)  # fmt: skip


def _is_background(doc: Doc, m: EventMention) -> bool:
    """Is the event told in passing, inside another statement's clause?"""
    token = doc[m.head]
    if token.pos_ in ("NOUN", "PROPN"):
        token = through_partitive(token)
    for _ in range(8):
        dep = token.dep_
        if dep in _MAIN_DEPS or token.head.i == token.i:
            return False
        if dep in _BACKGROUND_DEPS:
            return True
        if dep == "pobj" and token.pos_ in ("NOUN", "PROPN"):
            prep = token.head
            anchor = prep.head if prep.lower_ == "of" else prep
            if anchor.lower_ in _ADJUNCT_PREPS or prep.lower_ in _ADJUNCT_PREPS:
                return True
        token = token.head
    return False


def _drop_background(doc: Doc, mentions: list[EventMention]) -> list[EventMention]:
    """Keep a sentence's background events only when it has no foreground event."""
    background = {m.head for m in mentions if _is_background(doc, m)}
    if len(background) == len(mentions):
        return mentions
    return [m for m in mentions if m.head not in background]
