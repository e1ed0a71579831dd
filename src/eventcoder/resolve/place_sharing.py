"""Places that coordinated events share (issue 5).

"Shot and wounded two soldiers on a road north of Kabul": the shooting happened
where the wounding did. A casualty toll is one incident ("five were killed and 20
wounded in Hilla"); two clauses with subjects of their own are two ("A was
arrested and B was wounded in X"), and what came after an event elsewhere shares
nothing with it ("captured and sent to a camp").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from eventcoder.events.mention import EventMention
from eventcoder.model import Place
from eventcoder.resolve.clauses import aftermath, borrows_auxiliary, has_subject

__all__ = ["own_subject", "shared_objects", "shared_places"]


def shared_places(doc: Doc, mentions: list[EventMention]) -> tuple[EventMention, ...]:
    """Coordinated verbs share a place: in "shot and wounded two soldiers on a road
    north of Kabul" the shooting happened where the wounding did."""
    placed = {m.head: m.place for m in mentions if m.place is not None}
    out = []
    for m in mentions:
        if m.place is None:
            trigger = doc[m.head]
            partner = next(
                (
                    placed[t.i]
                    for t in trigger.conjuncts
                    if t.i in placed
                    and t.pos_ == "VERB"
                    and not own_subject(t, trigger)
                    and not aftermath(t, trigger)
                ),
                None,
            )
            partner = partner or _toll_partner(doc, trigger, placed)
            if partner is not None and trigger.pos_ == "VERB":
                m = replace(m, place=partner)
        out.append(m)
    return tuple(out)


def _toll_partner(doc: Doc, trigger: Token, placed: dict[int, Place]) -> Place | None:
    """The place of the toll verb a misparsed one is coordinated with: in "a bomber
    driving a minibus packed with explosives killed 50 and wounded 152 in Hilla" the
    parser hangs "killed" on "explosives" and "wounded" on "driving"."""
    if trigger.lemma_ not in _TOLL or trigger.dep_ != "acl":
        return None
    for i, place in placed.items():
        other = doc[i]
        if other.lemma_ in _TOLL and other.dep_ == "conj" and other.head in trigger.ancestors:
            return place
    return None


def own_subject(a: Token, b: Token) -> bool:
    """Of two coordinated verbs, the later has a subject of its own ("A was arrested
    and B was wounded"): two clauses, not one. A later clause that borrows the
    earlier's auxiliary is one report of one incident ("five were killed and 20
    wounded in Hilla"), and so is a casualty toll ("a soldier was killed and four
    others were wounded by a bomb in X")."""
    earlier, later = (b, a) if a.i > b.i else (a, b)
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in later.children):
        return False
    if borrows_auxiliary(earlier, later):
        return False
    # "a soldier was killed and four others were wounded by a bomb in X": a toll
    return not (earlier.lemma_ in _TOLL and later.lemma_ in _TOLL and _passive(earlier, later))


def shared_objects(verb: Token) -> list[Token]:
    """The object a verb with none of its own shares with the next verb: "captured and
    annexed East Jerusalem", "stormed and captured Surjah Kabira"."""
    if any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return []
    return [
        c
        for v in verb.children
        if v.dep_ == "conj" and v.pos_ == "VERB" and not has_subject(v)
        for c in v.children
        if c.dep_ in ("dobj", "obj")
    ]


#: Verbs of a casualty toll: "N were killed and M were wounded".
_TOLL = frozenset({"kill", "wound", "injure", "hurt", "shoot"})


def _passive(*verbs: Token) -> bool:
    return all(any(c.dep_ == "auxpass" for c in v.children) for v in verbs)
