"""Names that may be places, and the words that make a name a place.

The spans of a sentence that may name places (`place_spans`: entities, grown over
hyphenated names by `glued`, and runs of proper nouns); the area, site and landmark
words that say a name is a place ("the town of X", "Biju Hill", "the Kokkadicholai
base"); the names a captured or struck object carries (`object_spans`, `site_name`,
`portion_places`). resolve/attach.py ties these names to events; place_stage.py
resolves them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

__all__ = [
    "AREA_NOUNS",
    "ARTICLED",
    "NAMED_SITES",
    "NAME_PARTICLES",
    "NATURAL_FEATURES",
    "PLACE_LABELS",
    "PORTIONS",
    "SETTLEMENTS",
    "SITE_NOUNS",
    "area_named",
    "called_place",
    "glued",
    "named_site",
    "object_spans",
    "place_spans",
    "portion_places",
    "site_name",
    "site_or_area",
]


#: Entity labels of places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

#: Entity labels the small model often gives places ("Nineveh" as PERSON, "in Saratov"
#: as LANGUAGE, "in Kramatorsk" as PRODUCT): such a span is a place only when the
#: gazetteer knows it (`named` is False in `place_spans`).
_WEAK_LABELS = frozenset({"PERSON", "ORG", "LANGUAGE", "PRODUCT", "WORK_OF_ART"})

#: Nouns through which "the X of PLACE" names PLACE ("the city of Nablus").
AREA_NOUNS = frozenset(
    {"city", "town", "village", "province", "region", "district", "state", "county",
     "capital", "area", "outskirts", "suburb", "suburbs", "center", "centre", "heart",
     "streets", "street", "neighbourhood", "neighborhood", "port", "island", "islands",
     "governorate", "oblast", "municipality", "prefecture", "territory", "enclave",
     "border", "borders", "part", "parts", "north", "south", "east", "west", "coast",
     "countryside", "vicinity", "west bank", "camp", "township", "valley", "desert",
     "mountains", "hills", "shores", "waters", "gulf", "strip", "peninsula", "kingdom",
     "republic", "emirate", "precinct", "quarter", "regions", "provinces", "areas",
     "towns", "villages", "cities", "districts", "states", "countries", "country",
     "nation", "entrance", "side", "edge", "rest", "eastern", "western", "northern",
     "southern", "central", "downtown", "zone", "front", "frontline", "settlement",
     "settlements", "hamlet", "locality", "sector", "division", "neighbourhoods",
     "neighborhoods", "block", "estate", "commune", "canton", "municipalities", "slum",
     "slums", "belt", "battlefield", "heartland", "hinterland", "hometown", "homeland",
     "plateau", "plain", "plains",
     "forest", "forests", "jungle", "jungles", "square", "stronghold", "bastion", "portion",
     "borough", "localities", "hamlets", "community", "communities", "swath", "swathe",
     "perimeter", "environs", "farmlands", "farms", "slope", "slopes", "foothills"}
)  # fmt: skip

#: Sites named for their place ("Sarajevo airport", "the Mosul dam"): an attack on
#: the site happened at the place.
SITE_NOUNS = frozenset(
    {"airport", "airbase", "airfield", "base", "port", "harbour", "harbor", "dam",
     "bridge", "station", "camp", "prison", "jail", "hospital", "school", "market",
     "mosque", "church", "refinery", "plant", "checkpoint", "crossing", "highway",
     "road", "palace", "stadium", "university", "square", "barracks", "garrison",
     "outpost", "compound", "mall", "hotel", "district", "neighbourhood", "neighborhood",
     "restaurant", "headquarters", "office", "hill", "corridor", "cafe", "building",
     "embassy", "consulate", "residence", "home", "house", "offices", "street", "avenue",
     "boulevard", "bus", "train", "court", "courthouse", "factory", "depot", "warehouse",
     "shop", "store", "supermarket", "cinema", "theatre", "theater", "nightclub", "clinic",
     "terminal", "museum", "pharmacy", "bakery", "parliament", "ministry", "legislature"}
)  # fmt: skip

#: Landmarks a name may end in: "Biju Hill", "Utah Beach", "the Ane Ses Pass".
_LANDMARKS = frozenset(
    {"hill", "hilltop", "ridge", "peak", "mount", "mountain", "pass", "beach", "heights",
     "roundabout", "junction", "crossroads", "gorge", "field", "fields", "farm", "farms",
     "island", "valley", "plain", "plains", "forest", "village", "town", "city", "quarter"}
)  # fmt: skip

#: Last words that make a name a site or landmark, whatever the recogniser's label:
#: "the Kindi Hospital", "Tishreen Dam", "the Al-Rasoul Checkpoint". Sites of a person
#: ("the Molina residence") or of a country abroad ("the U.S. Embassy") are left out:
#: their names are the owner's.
NAMED_SITES = (
    SITE_NOUNS
    - {"home", "house", "residence", "office", "offices", "bus", "train", "embassy", "consulate"}
) | _LANDMARKS

#: Portions of a territory taken or held ("half of Zaire", "parts of Latakia").
PORTIONS = frozenset(
    {"half", "third", "quarter", "part", "much", "most", "percent", "bulk", "swath",
     "swathe", "chunk", "portion", "section", "stretch", "territory", "control"}
)  # fmt: skip

#: Last words of seas and landforms, which have no country: "the Persian Gulf".
NATURAL_FEATURES = frozenset(
    {"gulf", "sea", "ocean", "strait", "straits", "channel", "bay", "lake", "river",
     "mountains", "mountain", "hills", "range", "desert", "peninsula", "waters", "waterway",
     "valley", "plateau", "gorge"}
)  # fmt: skip

#: Lower-case particles inside hyphenated place names ("Mazar-e-Sharif", "Port-au-Prince").
NAME_PARTICLES = frozenset(
    {"e", "i", "al", "el", "ad", "ar", "as", "ash", "at", "az", "ul", "au", "aux", "de", "du",
     "des", "la", "le", "les", "sur", "en", "ibn", "bin", "bani", "beni", "abu", "ben"}
)  # fmt: skip

_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az"})


def glued(span: Span) -> Span:
    """The span grown over the rest of a hyphenated name it is part of: the entity
    recogniser often takes only "Mazar" of "Mazar-e-Sharif"."""
    doc = span.doc
    start, end = span.start, span.end
    while start >= 2 and doc[start - 1].text == "-" and _joined(doc[start - 2], doc[start]):
        if not _name_part(doc[start - 2]):
            break
        start -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and _joined(doc[end - 1], doc[end + 1]):
        if not _name_part(doc[end + 1]):
            break
        end += 2
    if end < len(doc) and ARTICLED.match(doc[end].text) and not doc[end].is_punct:
        end += 1  # "Tal Al-'Eiss", the second word one token
    while start < end and doc[start].lower_ in NAME_PARTICLES - _ARTICLES:
        start += 2  # never open on "e" or "de", nor close on any particle ("al-Bab" opens on "al")
    while end > start and doc[end - 1].lower_ in NAME_PARTICLES and doc[end - 1].is_lower:
        end -= 2
    if (start, end) == (span.start, span.end) or start >= end:
        return span
    if not any(t.lower_ in NAME_PARTICLES or ARTICLED.match(t.text) for t in doc[start:end]):
        return span  # "US-Kurdish", "Bosnia-Herzegovina": two names, or known whole
    grown = doc[start:end]
    return Span(doc, start, end, label=span.label_) if span.label_ else grown


#: One token of an Arabic name with its article: "Al-'Eiss", "al-Bab".
ARTICLED = re.compile(r"^(?:[Aa]l|[Ee]l)-[\w'’‘]+$")


def _joined(left: Token, right: Token) -> bool:
    """Are the tokens around a hyphen written as one word ("Mazar-e", no spaces)?"""
    return not left.whitespace_ and not left.nbor(1).whitespace_ and right.i == left.i + 2


def _name_part(token: Token) -> bool:
    return token.lower_ in NAME_PARTICLES or (token.text[:1].isupper() and token.is_alpha)


#: Words whose proper name follows them and names no place: "Hotel Kenya", "the
#: vessel Port Louis", "the tanker Nordic Star".
_NAMED_THINGS = frozenset(
    {"hotel", "vessel", "ship", "tanker", "freighter", "ferry", "boat", "yacht", "frigate",
     "destroyer", "cruiser", "submarine", "trawler", "liner", "steamer", "warship"}
)  # fmt: skip


def _names_a_thing(ent: Span) -> bool:
    """Is the entity the name of a hotel or a ship, the word for which stands before it
    outside the entity ("Hotel Kenya" tagged as two places, "the freighter Port
    Said")?"""
    root = ent.root
    if root.dep_ == "appos" and root.head.i < ent.start and root.head.lower_ in _NAMED_THINGS:
        return True
    return any(
        c.dep_ == "compound" and c.i < ent.start and c.lower_ in _NAMED_THINGS
        for c in root.children
    )


def feature_named(ent: Span) -> bool:
    """Does the name say it is a sea or a landform: "the Persian Gulf", "the Ural
    Mountains", "the Gulf of Oman", "the Bay of Bengal"?"""
    words = [t.lower_ for t in ent if t.lower_ != "the"]
    first_of = len(words) > 2 and words[1] == "of" and words[0] in NATURAL_FEATURES
    return bool(words) and (words[-1] in NATURAL_FEATURES or first_of)


def place_spans(sent: Span) -> Iterator[tuple[Span, bool]]:
    """Entity spans that may be places, then proper-noun runs no entity covers; not a
    lone word for a kind of place ("the Latin Quarter" tagged "Quarter", "the
    North and South Darfur states" tagged "North")."""
    for span, named in _spans(sent):
        if len(span) == 1 and span[0].lower_ in _KIND_WORDS:
            continue
        yield span, named


def _spans(sent: Span) -> Iterator[tuple[Span, bool]]:
    covered: set[int] = set()
    for ent in (glued(e) for e in sent.ents):
        if ent.start in covered:
            continue  # inside a name grown over its hyphens
        covered.update(range(ent.start, ent.end))
        if len(ent) == 1 and ent[0].tag_ == "JJ":
            continue  # "Ukrainian drones": a nationality the model tagged GPE
        if _names_a_thing(ent):
            continue
        if ent.label_ in PLACE_LABELS:
            # LOC spans the gazetteer does not know are mostly regions of the world
            # ("the Middle East"): kept only when it knows them, or when they name a
            # sea or a landform ("in the Persian Gulf", "over the Ural Mountains")
            yield ent, ent.label_ != "LOC" or feature_named(ent)
        elif (
            ent.label_ in _WEAK_LABELS
            # "in the Orangi area of X", tagged EVENT: the area word says it is a place
            or (ent.label_ == "EVENT" and ent.root.dep_ == "compound" and area_named(ent.root))
        ) or (
            # "near the town of Samarra", "in east Aleppo", tagged NORP: the phrase
            # says it is a place (a nationality is dropped by the caller)
            ent.label_ == "NORP"
            and ent.root.tag_ not in ("NNS", "NNPS")  # "thousands of Shiite Muslims": people
            and (
                (
                    ent.root.dep_ == "pobj"
                    and (area_named(ent.root) or ent.root.head.lower_ in ("in", "near"))
                )  # "outside a Lahore court", tagged NORP: the gazetteer decides
                or (ent.root.dep_ == "compound" and ent.root.head.lemma_ in SITE_NOUNS)
                or names_area(ent.root)  # "attacked Agbeda village", tagged NORP
            )
        ):
            yield ent, False
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        if doc[i].pos_ != "PROPN" or i in covered or not doc[i].text[:1].isupper():
            i += 1  # "the northern Huriyah neighbourhood": "northern" starts no name
            continue
        j = i
        while j + 1 < sent.end and j + 1 not in covered:
            if doc[j + 1].pos_ == "PROPN" or ARTICLED.match(doc[j + 1].text):
                j += 1  # "Tal Al-'Eiss": the article's word is often tagged a number
            elif (  # "Marj Al-Sultan Military Airport": one name over its hyphen
                doc[j + 1].text == "-"
                and j + 2 < sent.end
                and doc[j + 2].pos_ == "PROPN"
                and j + 2 not in covered
                and not doc[j + 1].whitespace_
                and not doc[j].whitespace_
            ):
                j += 2
            else:
                break
        yield doc[i : j + 1], False
        i = j + 1


#: Area words a name before them owns rather than names: "an IRA stronghold",
#: "a Tiger bastion" (but "the rebel stronghold of X" names X).
_HELD_AREAS = frozenset({"stronghold", "bastion", "heartland", "homeland", "hometown"})


#: Area words naming a settlement: "the town of X", "X, a village in Y".
SETTLEMENTS = frozenset({"town", "city", "village", "township", "hamlet", "suburb"})

#: Words calling a name a region: "Eastern Slavonia, a Serb-held region".
_REGIONS = frozenset({"province", "region", "territory", "enclave", "stronghold", "settlement"})


def called_place(root: Token) -> bool:
    """Does an apposition call the name (or the list it heads) a place: "Grahovo and
    Glamoc, another mainly Serb town", "Al-Anad, a top secret base", "Ngabe, a village
    in the Plateaux region"?"""
    names = [root, *(c for c in root.children if c.dep_ == "conj")]
    return any(
        c.dep_ == "appos" and (c.lemma_ in NAMED_SITES or c.lemma_ in _REGIONS)
        for name in names
        for c in name.children
    )


def area_named(root: Token) -> bool:
    """The phrase itself says the name is a place: "the town of X", "X province"."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of":
        area = head.head
        if area.lower_ == "front" and area.head.lower_ == "in":
            return False  # "in front of the Alliance's offices": part of a preposition
        return area.lower_ in AREA_NOUNS and area.i != head.i
    return (
        root.dep_ == "compound"
        and head.lower_ in AREA_NOUNS
        and head.lower_ not in _HELD_AREAS
        and head.i != root.i
    )


def names_area(root: Token) -> bool:
    """Does a word the recogniser tags a nationality name the area noun it stands
    before ("attacked Agbeda village")? Not when it describes it: "Shia neighbourhoods",
    "a Serb village", "the Sunni town of X", "the nearby Hindu village", "the
    Islamic State", "the CRPF camp"."""
    area = root.head
    return (
        area_named(root)
        and root.dep_ == "compound"
        and root.i == area.i - 1
        and not (
            area.tag_ in ("NNS", "NNPS")
            or area.text[:1].isupper()
            or not root.text[:1].isupper()
            or root.is_upper
            or any(
                (c.dep_ == "det" and c.lower_ in ("a", "an"))
                or c.dep_ == "amod"
                or (c.dep_ == "prep" and c.lower_ in ("of", "at"))
                for c in area.children
            )
        )
    )


#: Every word that says its noun is somewhere (`site_or_area`).
_PLACE_WORDS = SITE_NOUNS | AREA_NOUNS | _LANDMARKS


#: Words for a kind of place or a direction, no place's name on their own.
_KIND_WORDS = _PLACE_WORDS | NATURAL_FEATURES | {"northern", "southern", "eastern", "western"}


def site_or_area(token: Token) -> bool:
    """Is the word a site, landmark or area ("residence", "hill", "district")?"""
    return token.lower_ in _PLACE_WORDS or token.lemma_.lower() in _PLACE_WORDS


def named_site(span: Span) -> bool:
    """A name whose last word says it is a site or landmark ("Biju Hill", "the Kindi
    Hospital"), capitalised as part of the name."""
    last = span[-1]
    words = {last.lower_, last.lemma_.lower()}
    return (
        len(span) > 1
        and last.text[:1].isupper()
        and bool(words & NAMED_SITES or words & NATURAL_FEATURES)
    )


def site_name(token: Token) -> Span | None:
    """The proper name a lower-case site or landmark word carries before it: "the
    Kokkadicholai base" -> "Kokkadicholai", "the Al-Dahr Al-Aswad hill"."""
    if token.pos_ != "NOUN" or token.lemma_ not in NAMED_SITES:
        return None
    if any(o.pos_ == "PROPN" for o in portion_places(token)):
        return None  # "the Red Sea island of Hanish al-Kabir" is named by its "of"
    names = [c for c in token.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
    if not names:
        return None
    start = min(t.left_edge.i for t in names)
    while start < token.i and token.doc[start].pos_ not in ("PROPN", "PUNCT"):
        start += 1  # past "the", "strategic"
    end = max(t.i for t in names) + 1  # "the Tarmiyah pumping station" -> "Tarmiyah"
    if start >= end or any(t.pos_ not in ("PROPN", "PUNCT") for t in token.doc[start:end]):
        return None
    return token.doc[start:end]


def portion_places(token: Token) -> list[Token]:
    """The place a portion is of: "half of Zaire", "large parts of Latakia" -> the name."""
    if token.lemma_ not in PORTIONS and token.lower_ not in AREA_NOUNS | NAMED_SITES:
        return []
    return [o for p in token.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]


def object_spans(tokens: Iterable[Token], sent: Span) -> list[Span]:
    """The name (an entity of any label, or a run of proper nouns) each token heads:
    for telling a seized town from a captured man by the gazetteer, not by the
    entity recogniser's label ("captured Bukavu" is often tagged PERSON)."""
    spans = list(place_spans(sent))
    found = []
    for token in tokens:
        span = next((sp for sp, _ in spans if sp.start <= token.i < sp.end), None)
        if span is None and token.pos_ == "PROPN":
            span = sent.doc[token.i : token.i + 1]
        if span is not None and span.root.i == token.i:
            found.append(span)
    return found
