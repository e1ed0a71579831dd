"""How a candidate place's phrase stands to the event (issue 5): a building or a
business, the whole a part lies in, the container a place is named in, a protest's
destinations, and the event's participants, which are never its place.

Used by the place stage (place_stage.py); the rules are documented in
docs/dates_places.md.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventcoder.events.mention import EventMention
from eventcoder.resolve.attach import OPERATIONS, PlaceCandidate
from eventcoder.resolve.place_names import site_or_area

__all__ = [
    "BUILDINGS",
    "BUILT",
    "argument_tokens",
    "building",
    "contains",
    "destinations",
    "part_of",
    "qualifies_no_place",
]


#: Words of buildings and bodies, not of localities.
#: Businesses, named by their owners rather than by a place: "the Dos Rios bar".
_PREMISES = frozenset(
    {"bar", "restaurant", "cafe", "nightclub", "club", "shop", "store", "cinema",
     "supermarket"}
)  # fmt: skip
BUILDINGS = frozenset(
    {"theater", "theatre", "office", "center", "centre", "university", "college", "school",
     "hospital", "group", "summit", "ministry", "museum", "park", "stadium", "hotel",
     "airport", "base", "camp", "prison", "jail", "mosque", "church", "temple", "embassy",
     "consulate", "palace", "house", "hall", "building", "tower", "station", "market",
     "square", "bridge", "port", "headquarters", "council", "court", "company", "bank",
     "bazaar", "souk", "mall"} | _PREMISES
)  # fmt: skip


#: Buildings and works: a target of these is placed in its town.
BUILT = BUILDINGS | {"factory", "plant", "refinery", "depot", "warehouse", "mill", "mine"}


#: How a container hangs from the place it contains: "X in Y", "the X area of Y",
#: "X, 70 kilometres north of Y", "X near Y".
_CONTAINER_PREPS = frozenset({"in", "of", "near", "outside", "inside"})


_CONTAINER_DEPS = frozenset(
    {"pobj", "prep", "compound", "npadvmod", "advmod", "appos", "nmod", "conj"}
)


def building(cand: PlaceCandidate, doc: Doc) -> bool:
    """Does the candidate name a building ("Al-Midan Theater") or a business ("the Dos
    Rios bar")? Not a place a prison or a bridge is named for ("the Shakai
    prison")."""
    if cand.span.label_ == "FAC" or any(t.lower_ in BUILDINGS for t in cand.span):
        return True
    return doc[cand.carrier].lower_ in _PREMISES


def qualifies_no_place(cand: PlaceCandidate, carrier: Token) -> bool:
    """Is a name the gazetteer lacks a mere modifier of something that is no place: an
    apposition to a person ("Houston's brother, Rocky"), an owner of no site or
    occasion ("in Sabeeh's support"), a word inside a longer name ("Hizbut Tahrir")?
    (What a person has, "Zahhar's office", `_not_a_place` keeps out for every name.)
    "The Helmand battle", "the Bayaa neighbourhood" and "Baghdad's bridges" stay."""
    if cand.role == 1:
        return not site_or_area(carrier)
    if cand.role == 4:  # "at the gate of the West Bank's main prison"
        owned = cand.span.root.head
        site = site_or_area(carrier) or site_or_area(owned)
        return not site and carrier.lemma_ not in _OCCASION_NOUNS
    return cand.role == 2 and carrier.pos_ == "PROPN" and not site_or_area(carrier)


#: Nouns of events a place name may qualify ("the Helmand battle", "Kafr Nabuda
#: operations").
_OCCASION_NOUNS = OPERATIONS | {
    "bombing", "campaign", "war", "protest", "rally", "march", "strike", "massacre",
    "airstrike", "uprising", "riot",
}  # fmt: skip


def part_of(cand: PlaceCandidate, doc: Doc) -> bool:
    """Does the candidate name the whole a part lies in: "Damascus" in "the Deir
    al-Asafir suburb of Damascus" (but "the West Bank town of Tulkarm" names the town)?"""
    carrier = doc[cand.carrier]
    return cand.role == 0 and carrier.i != cand.span.root.i and carrier.lower_ in _PARTS


#: Area words whose "of" names the whole they are part of, not themselves.
_PARTS = frozenset(
    {"suburb", "suburbs", "district", "neighbourhood", "neighborhood", "quarter", "outskirts",
     "area", "part", "parts", "outskirt", "edge", "heart", "centre", "center", "countryside"}
)  # fmt: skip


def contains(small: Token, big: Token) -> bool:
    """Is `big` named as the container of `small` ("Olangur in Villupuram district")?"""
    node, steps = big, 0
    while node.i != small.i and steps < 6:
        if node.dep_ == "prep" and node.lower_ not in _CONTAINER_PREPS:
            return False
        if node.dep_ not in _CONTAINER_DEPS:
            return False
        node, steps = node.head, steps + 1
    return node.i == small.i and steps > 0


#: Meeting nouns whose place-name compound is the venue.
_VENUE_NOUNS = frozenset(
    {"summit", "talks", "meeting", "conference", "negotiations", "forum", "visit", "rally"}
)


#: Where a protest went or stood: "marched into Paris", "protested at Downing Street".
_DESTINATION_PREPS = frozenset(
    {"to", "into", "towards", "toward", "on", "at", "outside", "in", "near", "through"}
)  # fmt: skip


def destinations(doc: Doc, m: EventMention) -> list[Token]:
    """The recipients of a protest that are where it went or stood: the object of a
    place preposition on the trigger ("marched on the Pentagon", "demonstrated
    outside the Vatican"). They stay recipients; `_not_a_place` still keeps a country
    that is only an owner out ("marched on the US embassy")."""
    if m.event != "PROTEST":
        return []
    trigger = doc[m.head]
    return [
        doc[i]
        for i in m.recipient_heads
        if doc[i].dep_ == "pobj"
        and doc[i].head.lower_ in _DESTINATION_PREPS
        and doc[i].head.head.i == trigger.i
        # a place, a building or a seat, not "marched to Pink Floyd's 'Time'"
        and (doc[i].ent_type_ in ("GPE", "LOC", "FAC", "ORG") or site_or_area(doc[i]))
    ]


def argument_tokens(doc: Doc, m: EventMention) -> set[int]:
    """Tokens that are the event's participants, never its place ("Moscow said"),
    except the name of a meeting's venue ("the Alaska summit", "the Doha talks")."""
    used = {*m.actor_heads, *m.recipient_heads}
    trigger = doc[m.head]
    if trigger.pos_ == "NOUN" and trigger.lemma_.lower() in _VENUE_NOUNS:
        used -= {c.i for c in trigger.children if c.dep_ == "compound" and c.ent_type_ == "GPE"}
    if m.source_head is not None:
        used.add(m.source_head)
    return used
