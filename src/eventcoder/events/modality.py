"""Auxiliary modes: is the event reported as having happened, or not?

Starting at the trigger, we climb the parse through the clauses that govern it
("agreed to [hold a summit]", "is weighing whether to [send missiles]", "ruled
out [ending the war]") and stop at the first clue: a negation, a modal verb, an
"if"/"whether" clause, or a governing verb that puts its complement in the
future ("plans to"), in the realm of the possible ("is considering") or denies
it ("denied", "refused"). Reported speech ends the climb: what a speaker says
happened is attributed (see attribution.py), not doubted. "historical" is set
later, from the event's resolved date.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["SPEECH_VERBS", "aux_mode_of"]

SPEECH_VERBS = frozenset(
    {
        "say", "tell", "announce", "claim", "report", "state", "add", "confirm", "insist",
        "allege", "note", "write", "declare", "stress", "explain", "argue", "assert",
        "acknowledge", "admit", "reveal", "disclose", "indicate", "describe", "quote",
        "tweet", "post", "recall", "believe", "think", "estimate", "conclude",
    }
)  # fmt: skip
_NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "should", "'d", "must", "can"})
_FUTURE_GOVERNORS = frozenset(
    {
        "plan", "intend", "expect", "schedule", "prepare", "aim", "agree", "promise", "pledge",
        "vow", "decide", "hope", "want", "set", "due", "commit", "undertake", "resolve",
        "arrange", "poise", "slate", "go", "try", "attempt", "seek", "look",
    }
)  # fmt: skip
_HYPOTHETICAL_GOVERNORS = frozenset(
    {
        "weigh", "consider", "mull", "contemplate", "debate", "discuss", "threaten", "propose",
        "suggest", "urge", "call", "demand", "ask", "request", "warn", "offer", "ready",
        "willing", "able", "possible", "explore", "study", "examine", "review", "decline",
        "hesitate", "need", "press", "push", "appeal", "encourage", "invite", "advise",
        "recommend", "prefer", "wish", "like", "insist", "question", "wonder", "ponder",
        "eye", "float", "seek", "lobby", "beg", "plead", "implore",
    }
)  # fmt: skip
_NEGATING_GOVERNORS = frozenset({"deny", "refuse", "reject", "fail", "avoid", "dismiss", "veto"})
_FUTURE_MODIFIERS = frozenset(
    {"upcoming", "planned", "future", "forthcoming", "scheduled", "next", "expected", "coming"}
)
_HYPOTHETICAL_MODIFIERS = frozenset(
    {"possible", "potential", "proposed", "hypothetical", "prospective", "likely", "probable"}
)
_COMPLEMENT_PREPS = frozenset({"to", "for", "on", "of", "about", "over", "into", "with", "from"})
_CLIMB_DEPS = frozenset(
    {"xcomp", "ccomp", "pcomp", "dobj", "obj", "pobj", "prep", "acl", "advcl", "attr", "csubj",
     "nsubj", "nsubjpass", "oprd", "compound", "conj"}
)  # fmt: skip


def aux_mode_of(trigger: Token) -> str | None:
    """The auxiliary mode of the event whose trigger is `trigger`, or None."""
    mode = _noun_mode(trigger)
    if mode:
        return mode
    node, came_by = trigger, ""
    for _ in range(8):
        mode = _clause_mode(node, came_by, is_trigger=node is trigger)
        if mode:
            return mode if mode != "stop" else None
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
            return None
        if node.dep_ == "prep" and (node.pos_ != "ADP" or node.lower_ not in _COMPLEMENT_PREPS):
            return None  # "after/following the meeting": an adjunct, not a complement
        came_by = node.dep_ if node.dep_ != "prep" else came_by
        node = node.head
    return None


def _noun_mode(token: Token) -> str | None:
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in token.children:
        word = child.lower_
        if child.dep_ == "det" and word == "no":
            return "negation"
        if child.dep_ in ("amod", "compound") and word in _FUTURE_MODIFIERS:
            return "future"
        if child.dep_ in ("amod", "compound") and word in _HYPOTHETICAL_MODIFIERS:
            return "hypothetical"
    return None


def _clause_mode(node: Token, came_by: str, *, is_trigger: bool) -> str | None:
    """The clue carried by one node of the climb, "stop" to end it, or None."""
    lemma = node.lemma_.casefold()
    if not is_trigger:
        if lemma in SPEECH_VERBS and came_by in ("ccomp", "conj", ""):
            return "stop"
        governed = _governor_mode(node, lemma, came_by)
        if governed:
            return governed
    if node.pos_ in ("VERB", "AUX", "ADJ"):
        return _own_markers(node)
    return None


def _governor_mode(node: Token, lemma: str, came_by: str) -> str | None:
    if came_by not in ("xcomp", "ccomp", "pcomp", "dobj", "obj", "pobj", "advcl", "oprd"):
        return None
    negated = any(c.dep_ == "neg" for c in node.children)
    if lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in node.children):
        return "negation" if not negated else "hypothetical"
    if lemma in _NEGATING_GOVERNORS and came_by != "advcl":
        return "negation" if not negated else None
    if came_by == "advcl":
        return None
    if lemma in _HYPOTHETICAL_GOVERNORS:
        return "hypothetical"
    if lemma in _FUTURE_GOVERNORS:
        return "negation" if negated else "future"
    return None


def _own_markers(verb: Token) -> str | None:
    """Negation, modal auxiliaries and conditional markers on the verb itself."""
    children = list(verb.children)
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in children):
        return "negation"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
        return "hypothetical"
    auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if auxes & _HYPOTHETICAL_AUX:
        return "hypothetical"
    if auxes & _FUTURE_AUX or _going_to(verb):
        return "future"
    return None


def _going_to(verb: Token) -> bool:
    """ "is going to attack": the head "going" with a "to" complement."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and head.i < verb.i
