"""Statements of intent: what an actor says it will do is an event of its own.

PLOVER codes the commitment, not the act that has not happened: "Finland will
give Tanzania a grant", "France is ready to contribute troops", "Syria says it
is willing to withdraw" are AGREE (CAMEO 03, express intent to cooperate);
"Nigeria will withdraw its force unless ...", "Greece plans to impose
restrictions", "the EC may halt mediation if ..." are THREATEN (CAMEO 13);
"Syria says it will not accept refugees" is REJECT. "X said Y must reach an
agreement" is X's REQUEST to Y (CAMEO 10).

What is only weighed, considered or speculated about ("is weighing whether to
send missiles", "could send") is not a commitment: it stays the event it names,
with its auxiliary mode (hypothetical), so it is never reported as delivered.
The event the statement is about is kept on the record as `embedded_event`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from eventcoder.events.arguments import subject_of
from eventcoder.events.mention import EventMention
from eventcoder.events.modality import SPEECH_VERBS
from eventcoder.events.triggers import governing_verb

__all__ = ["Commitment", "commitment_of", "recast_intents"]

#: Governors whose complement the subject commits to ("ready to", "pledged to").
COMMIT_GOVERNORS = frozenset(
    {
        "ready", "willing", "prepared", "prepare", "offer", "pledge", "promise", "vow",
        "commit", "swear", "plan", "intend", "undertake", "set", "due", "poise", "poised",
        "schedule", "slate", "eager", "keen", "expect",
    }
)  # fmt: skip
#: Governors that leave the complement open: no commitment.
_OPEN_GOVERNORS = frozenset(
    {
        "weigh", "consider", "mull", "contemplate", "debate", "discuss", "explore", "study",
        "examine", "review", "want", "hope", "try", "attempt", "seek", "aim", "look", "wish",
        "like", "need", "ask", "urge", "call", "demand", "request", "propose", "suggest",
        "question", "wonder", "ponder", "fear", "worry", "doubt", "deny", "likely",
        "possible", "able", "unable", "fail", "refuse", "decline", "hesitate",
    }
)  # fmt: skip
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
_SPECULATIVE_AUX = frozenset({"could", "might", "may", "can"})
_OBLIGATION_AUX = frozenset({"must", "should"})
_CONDITION_MARKS = frozenset({"if", "unless"})

_COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_FORCEFUL = frozenset({"SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
_THREATEN_MODE = {
    "ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "relations",
    "COERCE": "restrict", "RETREAT": "relations",
}  # fmt: skip
_THREATEN_MODE_BY_MODE = {
    "arrest": "arrest", "deport": "expel", "expel": "expel", "seize": "territory",
    "withdraw": "relations", "discontinue": "relations", "restrict": "restrict",
    "curfew": "restrict", "martial-law": "restrict",
}  # fmt: skip
_REQUEST_MODE = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield",
                 "CONCEDE": "yield"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Commitment:
    """How the clause of an event is committed to: see `commitment_of`."""

    kind: str  # "commit", "negated", "conditional", "obligation", "prepare"
    speaker: Token | None = None  # for "obligation": who says it must happen
    speech: Token | None = None  # and the verb they say it with
    addressee: Token | None = None  # and the subject of what they say must happen


def commitment_of(clause: Token) -> Commitment | None:
    """The commitment carried by the clause whose verb is `clause`, if any."""
    if clause.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    if _is_condition(clause):
        return None  # "if the United States goes ahead": the condition, not the threat
    auxes = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    negated = _negated(clause)
    conditional = _has_condition(clause)
    committed = bool(auxes & _FUTURE_AUX) or _going_to(clause)
    speculative = bool(auxes & _SPECULATIVE_AUX)
    obligation = bool(auxes & _OBLIGATION_AUX)
    node = clause
    speaker: Token | None = None
    speech: Token | None = None
    addressee: Token | None = None
    for _ in range(5):
        if node.dep_ not in ("xcomp", "acomp", "ccomp") or node.head.i == node.i:
            break
        head = node.head
        lemma = head.lemma_.casefold()
        if node.dep_ in ("xcomp", "acomp"):
            obligation = obligation or any(
                c.dep_ == "aux" and c.lower_ in _OBLIGATION_AUX for c in head.children
            )
        if head.lower_ in ("determined", "poised", "prepared") or lemma in COMMIT_GOVERNORS:
            if node.dep_ == "ccomp" and lemma not in ("promise", "pledge", "vow", "swear"):
                break
            negated = negated or _negated(head)
            if lemma == "prepare" or head.lower_ == "prepared":
                return Commitment("prepare" if not negated else "negated")
            committed = True
        elif lemma in _OPEN_GOVERNORS:
            return None
        elif lemma in SPEECH_VERBS and node.dep_ == "ccomp":
            subjects = subject_of(head)
            speaker, speech = (subjects[0] if subjects else None), head
            told = subject_of(node)
            addressee = told[0] if told else None
            break
        node = head
        conditional = conditional or _has_condition(node)
    if obligation and speaker is not None:
        return Commitment("obligation", speaker, speech, addressee)
    if negated and committed:
        return Commitment("negated")
    if conditional and committed:
        return Commitment("conditional")
    if conditional and speculative and speech is not None:
        return Commitment("conditional")  # "the EC may halt mediation if ..., X said"
    if committed and not negated:
        return Commitment("commit")
    return None


def recast_intents(doc: Doc, mentions: list[EventMention]) -> list[EventMention]:
    """Replace events that are only promised or threatened by the statement itself."""
    out = []
    for m in mentions:
        if m.aux_mode not in ("future", "hypothetical", "negation"):
            out.append(m)
            continue
        clause = doc[m.governor]
        if clause.pos_ in ("NOUN", "PROPN"):
            clause = governing_verb(clause) or clause  # "would tighten the blockade"
        found = commitment_of(clause)
        recast = _recast(doc, m, found) if found else None
        out.append(recast or m)
    return out


def _recast(doc: Doc, m: EventMention, c: Commitment) -> EventMention | None:
    embedded = (m.event, m.mode, m.aux_mode)
    if c.kind == "obligation" and c.speaker is not None and c.speech is not None:
        speaker, says = c.speaker, c.speech
        if speaker.i in m.actor_heads or speaker.pos_ == "PRON":
            return None
        return replace(
            m,
            event="REQUEST",
            mode=_REQUEST_MODE.get(m.event),
            aux_mode=None,
            head=says.i,
            governor=says.i,
            trigger_start=says.i,
            trigger_end=says.i + 1,
            actor_heads=(speaker.i,),
            recipient_heads=(c.addressee.i,)
            if c.addressee is not None
            else m.actor_heads or m.recipient_heads,
            linked_heads=(*m.linked_heads, m.head),
            source_head=None,
            cue_start=None,
            cue_end=None,
            embedded=embedded,
        )
    event: str | None = None
    mode: str | None = None
    if c.kind == "prepare" and m.event == "ASSAULT":
        event, mode = "MOBILIZE", m.mode if m.mode in ("troops", "weapons") else None
    elif c.kind == "negated" and m.event in _COOPERATIVE:
        event, mode = "REJECT", _REQUEST_MODE.get(m.event)
    elif c.kind == "commit" and m.event == "SANCTION":
        return None  # "will impose tariffs from August 27": a decided measure, still future
    elif c.kind in ("conditional", "commit", "prepare") and m.event in _FORCEFUL:
        event = "THREATEN"
        mode = _THREATEN_MODE_BY_MODE.get(m.mode or "") or _THREATEN_MODE.get(m.event)
    elif c.kind == "conditional" and m.event == "RETREAT" and m.mode == "withdraw":
        event, mode = "THREATEN", "relations"
    elif c.kind in ("commit", "prepare", "conditional") and m.event in _COOPERATIVE:
        if m.event == "RETREAT" and m.mode == "resign":
            return None  # "will resign": an announced step down, not a promise to someone
        event, mode = "AGREE", None
    if event is None:
        return None
    return replace(m, event=event, mode=mode, aux_mode=None, embedded=embedded)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in token.children)


def _is_condition(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in token.children)


def _has_condition(token: Token) -> bool:
    return any(c.dep_ == "advcl" and _is_condition(c) for c in token.children)


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and head.i < verb.i
