"""What a sentence says about a name: whether it is a locality, a man or a name's
piece (issue 5).

A name the gazetteer lacks, or one the recogniser calls a person, may still be where
an event happened: "in Tal Afar", "in Sabr al-Din, just north of Baghdad", "Grahovo
and Glamoc, another Serb town". A name with a town's spelling may still be a man:
"Ramadan was captured in Mosul", "Mendoza was captured while trying to flee". The
place stage (place_stage.py) asks these questions of its candidates.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventcoder.resolve.attach import PlaceCandidate
from eventcoder.resolve.date_calendar import _FULL_MONTHS, _WEEKDAYS
from eventcoder.resolve.place_names import (
    ARTICLED,
    NAME_PARTICLES,
    PLACE_LABELS,
    site_or_area,
)

__all__ = [
    "CALENDAR",
    "IN_PLACE",
    "doing",
    "headline",
    "located",
    "no_ones_name",
    "place_like",
    "placed",
    "proper",
    "reference_point",
]


#: Capitalised words that are no place names: months, weekdays, feasts ("the 18 May
#: fighting" is not in the town of May).
CALENDAR = frozenset(
    {m.lower() for m in _FULL_MONTHS}
    | {d for d in _WEEKDAYS if d.endswith("day")}
    | {"christmas", "easter", "ramadan", "ashura", "eid", "hajj", "diwali", "passover",
       "hanukkah", "nowruz", "muharram", "lent", "thanksgiving"}
)  # fmt: skip


def place_like(span: Span, cand: PlaceCandidate) -> bool:
    """May a name the recogniser calls a person be a locality after "in" or "near" (or
    "at" after a site: "the coalition base at Shkin")?
    One that begins with a word for a place ("Tal Afar", "Kafr Sousah", "Jabal
    al-Sha'ar"), or a single word ("in nearby Eerde"): two-word names of people
    ("Ahmed Helwani") are the recogniser's usual PERSON and stay out."""
    if cand.prep == "at" and not site_or_area(span.root.head.head):
        return False  # "at X" after aiming words is who was aimed at; "the base at X" is not
    words = [t for t in span if not t.is_punct and t.lower_ not in NAME_PARTICLES]
    return len(words) == 1 or words[0].lower_ in _PLACE_PREFIXES or located(span)


def located(span: Span) -> bool:
    """Is the name followed by where it lies from another place ("in Sabr al-Din, just
    north of Baghdad")? People are not north of a city."""
    return reference_point(span) is not None


def reference_point(span: Span) -> Token | None:
    """The first word of the place a name is said to lie some way from: "Baghdad" in
    "Sabr al-Din, just north of Baghdad"; None when the sentence says no such thing."""
    doc = span.doc
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    for token in doc[i + 1 : i + 12]:
        if token.lower_ in _COMPASS:
            after = token.i + 1
            if after + 1 < len(doc) and doc[after].lower_ == "of":
                return doc[after + 1]
            return None
        if not (token.like_num or token.lower_ in _DISTANCES or token.text in ("-", "(", ")")):
            return None  # "X, 300 km (186 miles) north of Y"; not "X, who led men south of Y"
    return None


#: Words of a distance before a compass word: "some 35 km", "about 60 miles".
_DISTANCES = frozenset(
    {"about", "some", "just", "roughly", "nearly", "around", "approximately", "only", "barely",
     "less", "more", "than", "a", "few", "km", "kms", "kilometers", "kilometres", "kilometre",
     "kilometer", "miles", "mile", "mi", "meters", "metres", "yards", "hours", "hour", "drive",
     "dozen", "several", "the", "far", "further", "farther", "due"}
)  # fmt: skip


#: Compass words of "X, 40 km north of Y".
_COMPASS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "north-east", "north-west", "south-east", "south-west"}
)  # fmt: skip


#: First words of place names: hill, mountain, spring, monastery, village, caravanserai,
#: gate, valley, cape, house, well, castle, meadow, port, fort, lake, mount.
_PLACE_PREFIXES = frozenset(
    {"tal", "tell", "tel", "jabal", "jebel", "jabel", "ayn", "ain", "ein", "deir", "dayr",
     "kafr", "kfar", "khan", "bab", "wadi", "ras", "beit", "bayt", "bir", "qasr", "marj",
     "mount", "mt", "lake", "port", "fort", "cape", "san", "santa", "saint", "st", "sao"}
)  # fmt: skip


def proper(span: Span) -> bool:
    """A name: capitalised proper nouns, not a common noun ("the area"); particles
    may be lower-case ("al-Tarikh")."""
    words = [
        t
        for t in span
        if not t.is_punct and t.lower_ not in NAME_PARTICLES and not ARTICLED.match(t.text)
    ]
    return bool(words) and all(
        t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in CALENDAR for t in words
    )


#: Labels of a captured name that is a town when the gazetteer does not know it.
_TAKEN_LABELS = PLACE_LABELS | {"ORG"}


def no_ones_name(span: Span, subjects: list[Token]) -> bool:
    """Is a captured object's one-word name one the recogniser calls a place or an
    organisation? What an armed side captures under such a name is a town ("rebels
    captured Ouadda", tagged ORG; "Eritrea captured Tserona"): a man is tagged a
    person (or has two names: "captured Orlan Dzhemal", tagged ORG), and a group is
    not captured whole. Not a name the article gives a person elsewhere ("Elhanan
    Goldmann ... Hezbollah captured Goldmann")."""
    if span.root in subjects or span.root.ent_type_ not in _TAKEN_LABELS or span[0].pos_ != "PROPN":
        return False
    if len(span) > 1:
        return False
    people = [e for e in span.doc.ents if e.label_ == "PERSON"]
    return not any(span.text in e.text.split() or span.text == e.text for e in people)


#: Prepositions that put an event inside or by a place ("in X", "near X").
IN_PLACE = frozenset(
    {"in", "at", "near", "inside", "outside", "around", "within", "along", "through", "across"}
)


def placed(verb: Token) -> bool:
    """Does the clause name a place in its own right ("was captured in Mosul", "was
    captured by fighters in Mosul")?"""
    return any(
        t.dep_ == "pobj"
        and t.head.lower_ in IN_PLACE
        and t.i > verb.i
        and any(w.ent_type_ in ("GPE", "LOC", "FAC") for w in t.subtree)
        for t in verb.subtree
    )  # "in Mosul", "in the northern city of Mosul"


#: What a captured man, not a town, does while taken: "while trying to flee".
_DOINGS = frozenset(
    {"try", "attempt", "flee", "escape", "hide", "travel", "drive", "walk", "cross",
     "sleep", "visit", "leave", "return", "fight", "sit", "ride", "seek"}
)  # fmt: skip


def doing(verb: Token) -> bool:
    """Does a clause of the verb, with no subject of its own, say what the passive's
    subject was doing ("was captured while trying to flee")?"""
    return any(
        c.dep_ == "advcl"
        and c.lemma_ in _DOINGS
        and not any(a.dep_ in ("nsubj", "nsubjpass", "auxpass") for a in c.children)
        for c in verb.children
    )


def headline(sent: Span) -> bool:
    """A title-case line ("ISIS Media Chief Killed in Iraqi Raid"), where capitals
    say nothing about names."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and all(t.text[:1].isupper() for t in words)
