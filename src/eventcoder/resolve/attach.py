"""Which time and place expressions belong to which event, through the parse.

A DATE entity belongs to the event whose trigger (or governing verb, or a
folded-in embedded event) it modifies: "phoned Trump on Thursday", "the summit
last August". A place belongs to an event when a locative preposition attaches
it to the trigger or to one of the trigger's own arguments ("struck a refinery
in Samara", "a summit in Budapest"), or when it modifies a noun trigger ("the
Alaska summit"). Capitals used as actors ("Moscow said") are never places.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

__all__ = ["date_entities_for", "place_entities_for", "tense_of"]

_LOCATIVE = frozenset(
    {"in", "near", "at", "outside", "inside", "around", "across", "along", "off", "over",
     "into", "onto", "on", "within", "throughout", "from", "to", "towards", "toward"}
)  # fmt: skip
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ARG_DEPS = frozenset({"dobj", "obj", "pobj", "nsubjpass", "attr", "dative"})
_PAST_TAGS = frozenset({"VBD", "VBN"})


def _anchor(token: Token) -> Token:
    """The content word an expression hangs from, past its preposition."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != head.i:
        return head.head
    return head


def date_entities_for(heads: Iterable[Token], sent: Span) -> list[Span]:
    """DATE entities of the sentence attached to any of `heads`."""
    targets = {t.i for t in heads}
    found = []
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        anchor = _anchor(ent.root)
        if anchor.i in targets or (anchor.dep_ in _ARG_DEPS and anchor.head.i in targets):
            found.append(ent)
    return found


def place_entities_for(heads: Iterable[Token], sent: Span, exclude: set[int]) -> list[Span]:
    """Place entities attached to any of `heads` or to their direct arguments."""
    targets = {t.i for t in heads}
    found = []
    for ent in sent.ents:
        if ent.label_ not in _PLACE_LABELS or any(i in exclude for i in range(ent.start, ent.end)):
            continue
        root = ent.root
        if root.dep_ == "compound" and root.head.i in targets:
            found.append(ent)
            continue
        prep = root.head
        if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE:
            continue
        if prep.lower_ in ("to", "from", "towards", "toward", "into", "onto") and not _motion(prep):
            continue
        if _reaches(prep.head, targets):
            found.append(ent)
    return found


def _reaches(anchor: Token, targets: set[int]) -> bool:
    """The anchor is an event word, its argument, or an argument's prepositional object
    ("struck refineries in Samara", "met at a summit in Alaska")."""
    for _ in range(3):
        if anchor.i in targets:
            return True
        if anchor.dep_ in _ARG_DEPS:
            anchor = anchor.head
            if anchor.dep_ == "prep":
                anchor = anchor.head
            continue
        return False
    return anchor.i in targets


def _motion(prep: Token) -> bool:
    """ "to"/"from" name a place only after movement words ("travelled to Beijing")."""
    return prep.head.lemma_ in {"travel", "trip", "visit", "arrive", "fly", "journey", "go"}


def tense_of(verb: Token) -> str:
    """past, present or future, from the verb and its auxiliaries."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "shall", "'ll", "wo"}:
        return "future"
    if verb.tag_ in _PAST_TAGS or auxes & {"did", "had", "was", "were"}:
        return "past"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in {"plan", "agree", "expect", "schedule", "set"}:
        return "future"
    return "present"
