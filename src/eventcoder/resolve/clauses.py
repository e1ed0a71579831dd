"""The event's clause chain: which verbs are part of one incident (issue 5).

"Hit a bus in Donetsk, killing 8": the killing continues the hit. "Was shot and
killed": coordinated verbs are one event. "Killed when a bomb exploded near X": a
concurrent clause happens with the event. What came after it elsewhere ("was
captured and sent to a camp"), a clause with a subject of its own ("police shot X
and agents captured Y"), and a reporting verb's clause are not part of it. Dates and
places of the chain's verbs are the event's when it has none of its own
(resolve/attach.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

__all__ = [
    "VERBAL",
    "WITH_MARKS",
    "aftermath",
    "borrows_auxiliary",
    "clause_relatives",
    "concurrent",
    "has_subject",
    "tense_of",
]

#: Verbs whose own phrases say where something was said, not where the event was.
_REPORTING = frozenset(
    {"say", "tell", "report", "announce", "state", "claim", "add", "note", "confirm",
     "accuse", "allege", "deny", "warn", "insist", "declare", "write", "reveal", "quote",
     "cite", "show", "indicate", "believe", "think", "know"}
)  # fmt: skip
_CLAUSE_UP = frozenset({"advcl", "conj", "xcomp", "acl", "pcomp"})
_CLAUSE_DOWN = frozenset({"conj", "xcomp"})
#: Subordinate clauses that happen with the event ("killed when a bomb hit a bus").
WITH_MARKS = frozenset({"when", "as", "while", "after"})
_PAST_TAGS = frozenset({"VBD", "VBN"})
VERBAL = frozenset({"VERB", "AUX"})


def clause_relatives(heads: Iterable[Token]) -> list[Token]:
    """Verbs of the event's clause chain, not the event words themselves.

    Up through continuing and coordinated clauses ("hit a bus, killing 8": from
    killing to hit), at most three steps and never into a reporting verb; down to
    verbs coordinated with them ("shot and killed"). A coordinated clause with its
    own subject is another event ("police shot X and agents captured Y in Puebla").
    """
    own = {t.i for t in heads}
    found: dict[int, Token] = {}
    for token in heads:
        node = token
        for _ in range(3):
            head = node.head
            if node.dep_ not in _CLAUSE_UP or head.i == node.i or head.lemma_ in _REPORTING:
                break
            if node.dep_ == "conj" and (
                (has_subject(node) and not borrows_auxiliary(head, node)) or aftermath(head, node)
            ):
                break
            found.setdefault(head.i, head)
            node = head
    for token in heads:  # "captured after being wounded in a firefight near Khost"
        for day in token.children:  # "killed Sunday when a helicopter was downed near X"
            if day.dep_ == "npadvmod" and day.ent_type_ in ("DATE", "TIME"):
                found.update(
                    (c.i, c) for c in day.children if c.dep_ == "relcl" and concurrent(c, True)
                )
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in WITH_MARKS:
                found.update(
                    (c.i, c) for c in prep.children if c.dep_ == "pcomp" and c.pos_ in VERBAL
                )
    for token in [*heads, *found.values()]:
        gapped = _gapped(token)
        for child in [*token.children, *gapped]:
            if child.pos_ not in VERBAL:
                continue
            if child.dep_ == "conj" and (
                (has_subject(child) and not borrows_auxiliary(token, child))
                or aftermath(token, child)
            ):
                continue
            if concurrent(child) and child.lemma_ in _REPORTING:
                continue  # "killed six months after Washington declared an end to combat in X"
            if child.dep_ in _CLAUSE_DOWN or concurrent(child) or child in gapped:
                found.setdefault(child.i, child)
        for child in gapped:  # "... and one injured when insurgents fired near Kut"
            found.update((c.i, c) for c in child.children if concurrent(c))
    for clause in [t for t in found.values() if concurrent(t) and t.head.i in own]:
        # "killed when their convoy was ambushed while escorting trucks near X"
        found.update((c.i, c) for c in clause.children if concurrent(c) and not has_subject(c))
    return [t for i, t in sorted(found.items()) if i not in own]


def _gapped(verb: Token) -> list[Token]:
    """The participle of a gapped coordinated toll, which the parser hangs on its
    number: "two soldiers were killed and one injured" -> "injured" ("and nine
    others injured", "and nine other injured")."""
    return [
        p
        for c in verb.children
        if c.dep_ == "conj" and c.pos_ in ("NUM", "NOUN", "PRON", "ADJ")
        for p in c.children
        if p.dep_ == "acl" and p.tag_ == "VBN"
    ]


#: What follows a capture or a shooting, somewhere else: "was captured and deported to
#: Mauthausen", "was shot and died in a Paris hospital".
_AFTERMATH = frozenset(
    {"send", "deport", "transfer", "hold", "treat", "die", "evacuate", "spend", "bring",
     "turn", "hand", "fly", "release", "free", "escape", "extradite", "jail", "imprison",
     "sentence", "try", "return", "move", "airlift", "rush", "admit", "hospitalize",
     "hospitalise", "interrogate", "question", "charge", "convict", "flee", "ship", "carry",
     "drive", "parade", "acknowledge", "testify", "plead", "confess", "appear"}
)  # fmt: skip


def aftermath(first: Token, second: Token) -> bool:
    """Is one of two coordinated verbs what came after the other, elsewhere ("was
    captured and sent to a camp north of Budapest")? Such verbs share no place."""
    return first.lemma_ in _AFTERMATH or second.lemma_ in _AFTERMATH


def borrows_auxiliary(earlier: Token, later: Token) -> bool:
    """Does the later of two coordinated verbs borrow the earlier's passive auxiliary
    ("five were killed and 20 wounded in Hilla", "buses were burned and 20 passengers
    hurt in a riot")? Then both are one report of one incident."""
    # "and seven others wounded": a participle, or a past tense with no object (mistagged)
    participle = later.tag_ == "VBN" or (
        later.tag_ == "VBD" and not any(c.dep_ in ("dobj", "obj") for c in later.children)
    )
    gapped = participle and not any(c.dep_ in ("aux", "auxpass") for c in later.children)
    # not a contrast: "one smuggler was caught, but a second landed near X"
    contrast = any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in earlier.children)
    return gapped and not contrast and any(c.dep_ == "auxpass" for c in earlier.children)


def has_subject(verb: Token) -> bool:
    """Has the verb a subject of its own (a coordinated clause that is another event)?
    Also when the parser hung it elsewhere: in "police shot him in May and agents and
    soldiers captured his brother", "agents" is read as a second date; a noun joined to
    another phrase, right before a coordinated verb, is that verb's lost subject."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return True
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return (
        verb.dep_ == "conj"
        and before is not None
        and before.pos_ in ("NOUN", "PROPN")
        and before.dep_ == "conj"
        and before.head.i != verb.i
        and before.head.pos_ in ("NOUN", "PROPN")
    )


def concurrent(clause: Token, relative: bool = False) -> bool:
    """An adverbial clause introduced by "when", "as", "while" or "after", but not one
    a span of time away: "was shot two weeks after his brother was killed in a Dallas nightclub".
    With `relative`, a relative clause the parser hung on the event's day counts too
    ("killed Sunday when a helicopter was downed")."""
    if clause.dep_ != "advcl" and not (relative and clause.dep_ == "relcl"):
        return False
    marks = [c for c in clause.children if c.dep_ in ("mark", "advmod") and c.lower_ in WITH_MARKS]
    if not marks:
        return False
    before = [*clause.children, *marks[0].children]  # "six months after": on either
    return not any(
        c.ent_type_ in ("DATE", "TIME") and c.i < marks[0].i and c.dep_ != "mark" for c in before
    )


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
