"""Words that tie a phrase to a place, and what they say (issue 5).

Which prepositions locate an event ("in", "near", and "to" only after a movement:
`locative`); which nouns' relative clauses and participles say where their noun
was (`described`, `under_way`); which operations an event happens during (`scene`);
and the word lists these rules read. `attach` decides, with them, which place
belongs to which event.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventcoder.resolve.place_names import AREA_NOUNS, PLACE_LABELS, SITE_NOUNS, called_place

__all__ = [
    "DIRECTIONAL",
    "DURING",
    "HARMED",
    "NEAR",
    "OPERATIONS",
    "TAKINGS",
    "described",
    "locative",
    "scene",
    "under_way",
]

_LOCATIVE = frozenset(
    {"in", "near", "at", "outside", "inside", "around", "across", "along", "off", "over",
     "into", "onto", "on", "within", "throughout", "from", "to", "towards", "toward",
     "beside", "behind", "outside of", "nearby", "between", "among", "amid", "through",
     "beyond", "north", "south", "east", "west", "northeast", "northwest", "southeast",
     "southwest", "above", "under", "below", "past", "via"}
)  # fmt: skip
#: Prepositions that name a place only after movement words ("travelled to Beijing").
DIRECTIONAL = frozenset({"to", "from", "towards", "toward", "into", "onto", "via"})
#: These locate only buildings and streets ("on Main Street"), not "on Iran".
_WEAK_LOCATIVE = frozenset({"on", "over", "past", "above", "under", "below"})
_MOTION = frozenset(
    {"travel", "trip", "visit", "arrive", "fly", "journey", "go", "come", "return", "head",
     "move", "march", "flee", "deploy", "send", "dispatch", "evacuate", "smuggle", "drive",
     "sail", "walk", "cross", "advance", "push", "infiltrate", "transfer", "deport", "fire",
     "launch", "shell", "retreat", "withdraw", "escape", "enter", "stretch", "incursion",
     "foray"}
)  # fmt: skip
#: Words after which "on"/"against" name the place struck ("raids on Fallujah").
_ASSAULT_WORDS = frozenset(
    {"raid", "attack", "assault", "strike", "airstrike", "offensive", "bombing",
     "bombardment", "shelling", "advance", "push", "march", "crackdown", "fire",
     "drone", "missile", "rocket", "air", "airstrikes"}
)  # fmt: skip
#: What happens "over" a country: "shot down over Laos".
_OVERFLIGHT = frozenset({"shoot", "down", "fly", "crash", "explode", "intercept", "drop"})
#: Flights and air strikes whose "over" says where they were: "shot down on a mission
#: over Lebanon", "air raids over Hama".
_SORTIES = frozenset(
    {"mission", "flight", "sortie", "patrol", "overflight", "reconnaissance", "airstrike",
     "raid", "bombing", "strike"}
)  # fmt: skip
#: Things one is "on" in a place: "shot on a Guatemala City street".
_SURFACES = frozenset(
    {"street", "road", "highway", "avenue", "boulevard", "bus", "train", "battlefield",
     "beach", "border", "frontline", "front", "island", "boat", "ship", "square", "bridge",
     "outskirts", "motorway", "flight", "plane", "doorstep", "steps", "roof", "rooftop",
     "grounds", "porch", "pavement", "sidewalk", "tarmac", "runway", "premises"}
)  # fmt: skip
#: Prepositions that put an event in the time of another ("during the call").
DURING = frozenset({"during", "at", "in", "throughout", "on"})


#: Vehicles and weapons, whose relative clause says where they were (`described`);
#: not people: "a man who lived in Boston" was not shot in Boston.
_CARRIERS = frozenset(
    {"car", "bus", "vehicle", "truck", "convoy", "boat", "ship", "plane", "bomb", "bomber",
     "explosive", "device", "mine", "rocket", "missile", "shell", "grenade", "drone"}
)  # fmt: skip


#: Incidents whose relative clause of damage or of happening says where they were.
_INCIDENTS = frozenset(
    {"explosion", "blast", "attack", "bombing", "raid", "strike", "airstrike", "ambush",
     "shelling", "bomb", "clash", "clashes", "fighting", "battle", "violence", "riot"}
)  # fmt: skip
_DAMAGE = frozenset(
    {"rip", "tear", "hit", "strike", "destroy", "kill", "wound", "target", "rock", "damage",
     "level", "flatten", "shake", "injure", "gut", "devastate", "center", "centre", "erupt",
     "rage", "break", "occur", "happen", "spread", "continue"}
)  # fmt: skip


def described(clause: Token) -> bool:
    """Does a relative clause say where its noun is? A vehicle's or weapon's always
    ("a car that targeted a checkpoint in Adhaim"); a site's or area's when the
    noun is not its subject ("a shop they ran in Colombo", but not "the city, which
    left them in control of Zaire")."""
    noun = clause.head.lemma_
    if noun in _CARRIERS:
        return True
    if noun in _INCIDENTS:  # "an explosion that ripped through a market in Quetta"
        return clause.lemma_ in _DAMAGE
    if noun not in SITE_NOUNS and noun not in AREA_NOUNS:
        return False
    return not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in clause.children
    )


def under_way(clause: Token) -> bool:
    """Does a participle say where its noun was at the time: a vehicle's or weapon's
    ("a bomb hidden in a cart in Baqubah", "a bus carrying pilgrims in Samarra"), or what
    someone was doing ("a teacher walking near the market in Basra")? Not what a
    person is in general ("a man born in Boston")."""
    if clause.head.lemma_ in _CARRIERS:
        return True
    return clause.tag_ == "VBG" and clause.lemma_ not in _STATES


#: Participles of a standing state, not of the moment ("a firm operating in Iraq"), or
#: of a consequence ("bringing British losses in Iraq to 40").
_STATES = frozenset(
    {"live", "base", "work", "operate", "serve", "reside", "belong", "come", "return", "lead",
     "connect", "link", "run", "border", "overlook", "surround", "house", "stretch", "hail",
     "bring", "raise", "push", "take", "leave", "make"}
)  # fmt: skip


#: What lies between two places: "the crossing between Israel and the Gaza Strip".
_BOUNDS = frozenset({"fence", "line", "waterway", "frontier", "border", "crossing", "road"})
#: Verbs whose objects are people: "shot Siche Bustamante-Gandinao" (tagged FAC).
HARMED = frozenset(
    {"shoot", "kill", "wound", "stab", "behead", "assassinate", "murder", "injure", "hang",
     "execute", "hack", "lynch", "torture"}
)  # fmt: skip
#: Nouns for the people of a place: "residents of Khashaba".
_DWELLERS = frozenset(
    {"resident", "inhabitant", "villager", "people", "citizen", "population", "townspeople",
     "townsfolk", "residents", "villagers", "inhabitants", "citizens"}
)  # fmt: skip


#: Words after which "to" says where, not whither: "close to Kupang".
NEAR = frozenset({"close", "next", "adjacent", "near"})


#: Fights over a place: "killed in the battle for Tikrit".
_CONTESTS = frozenset({"battle", "fight", "fighting", "struggle", "offensive", "push", "race"})


def locative(prep: Token, span: Span) -> bool:
    word = prep.lower_
    if word == "of" and scene(prep.head):
        return True  # "captured during the 1989 invasion of Panama"
    if word in ("on", "against") and prep.head.lemma_ in _ASSAULT_WORDS:
        # "raids on Fallujah", "an attack on Kyiv", "shelling on Khanasir town"
        # or an apposition calls it one ("a raid on Ngabe, a village in X")
        return (
            span.label_ in PLACE_LABELS
            or span.root.head.lower_ in AREA_NOUNS
            or called_place(span.root)
        )
    if word == "for" and prep.head.lemma_ in _CONTESTS:
        # "killed in the battle for Tikrit", but not "since the start of the battle for X"
        # (the small model tags many such towns PRODUCT)
        return span.label_ not in ("PERSON", "NORP", "ORG") and prep.head.head.lower_ in DURING
    if word == "of" and prep.head.lemma_ in _DWELLERS:
        return True  # "residents of Khashaba", "the people of Mubingi commune"
    if word == "of" and prep.head.lower_ == "out" and prep.head.dep_ == "prep":
        return True  # "shot as he walked out of a Lima police station"
    if word not in _LOCATIVE:
        return False
    if word == "between":  # "the area between X and Y", but "clashes between X and Y"
        head = prep.head.lemma_
        return head in AREA_NOUNS or head in SITE_NOUNS or head in _BOUNDS or head in _MOTION
    if word in DIRECTIONAL:
        # "close to the town of Kupang", "next to a mosque"
        return (
            prep.head.lemma_ in _MOTION
            or (word == "to" and prep.head.lower_ in NEAR)
            # "staged an incursion into X", the phrase hung on the verb
            or any(c.dep_ in ("dobj", "obj") and c.lemma_ in _MOTION for c in prep.head.children)
        )
    if word in _WEAK_LOCATIVE:
        over = prep.head
        if word == "over" and (
            over.lemma_ in _OVERFLIGHT
            or over.lemma_ in _SORTIES
            or (over.dep_ in ("dobj", "nsubjpass") and over.head.lemma_ in _OVERFLIGHT)
        ):
            return True  # "shot down over Laos", "shot down two helicopters over Iraq"
        surface = any(
            c.dep_ == "pobj" and (c.lemma_ in _SURFACES or c.lower_ in _SURFACES)
            for c in prep.children
        )  # "outskirts" has the lemma "outskirt"
        return span.label_ == "FAC" or (word == "on" and surface)  # "on a Belgrade bus"
    return True


def scene(noun: Token) -> bool:
    """Is the noun an operation the event happened during ("during the invasion of
    Panama", "during Kafr Saghir's liberation", "in the Helmand offensive")? Its
    place is the event's."""
    return (
        noun.lemma_ in OPERATIONS
        and noun.dep_ == "pobj"
        and noun.head.lower_ in ("during", "in", "amid", "throughout")
    )


#: Operations whose "of" or owner names where they were (not "war": "the 1967 Middle
#: East war" was not all fought in the Middle East's every place).
OPERATIONS = frozenset(
    {"invasion", "liberation", "siege", "offensive", "assault", "raid", "ambush", "battle",
     "fighting", "clash", "clashes", "operation", "capture", "recapture", "storming",
     "bombardment", "shelling", "occupation", "takeover", "attack", "incursion"}
)  # fmt: skip


#: Operations whose owner or compound is the place taken or held ("Kafr Saghir's
#: liberation", "the Bamut siege"), not the side that acts ("the US invasion").
TAKINGS = frozenset(
    {"liberation", "capture", "recapture", "siege", "storming", "fall", "defence", "defense",
     "battle", "encirclement"}
)  # fmt: skip
