"""Which time and place expressions belong to which event, through the parse.

A DATE entity belongs to the event whose trigger (or governing verb, or a
folded-in embedded event) it modifies: "phoned Trump on Thursday", "the summit
last August"; failing that, to the clause the event hangs from ("shelling hit a
bus on Thursday, killing 8": the killing is on Thursday too).

A place belongs to an event when the parse ties it to the event, and the
candidates are ranked by how closely (`PlaceCandidate.level`):

0. a locative preposition attaches it to the trigger or to one of the trigger's
   own arguments ("struck a refinery in Samara", "a summit in Budapest"), or it
   modifies a noun trigger ("the Alaska summit");
1. it is attached the same way to a verb of the event's own clause chain: a verb
   the trigger continues ("hit a bus in Donetsk, killing 8"), one coordinated with
   it ("was shot and killed in a camp"), or it is the object of the trigger
   ("stormed the village of Mainok");
2. it locates the event's actor or recipient ("police in Nairobi arrested",
   "a Gaza-based group fired");
3. a fronted phrase sets the scene of the whole sentence ("In Mosul, police
   said gunmen shot ...").

A place is reached through the noun phrase that carries it: "the city of
Nablus", "her Reshimbagh residence", "Iraq's Nineveh province", "Sarajevo's
streets". Places never come from a reporting verb's own phrases ("said in
Moscow that ..."), and capitals used as actors ("Moscow said") are never places:
the caller excludes the event's argument tokens.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.tokens import Span, Token

from eventcoder.events.arguments import another_time
from eventcoder.resolve.clauses import VERBAL, WITH_MARKS, clause_relatives, concurrent
from eventcoder.resolve.place_links import (
    DIRECTIONAL,
    DURING,
    HARMED,
    NEAR,
    OPERATIONS,
    TAKINGS,
    described,
    locative,
    scene,
    under_way,
)
from eventcoder.resolve.place_names import (
    AREA_NOUNS,
    NAMED_SITES,
    PLACE_LABELS,
    PORTIONS,
    SETTLEMENTS,
    SITE_NOUNS,
    area_named,
    called_place,
    named_site,
    names_area,
    place_spans,
    site_name,
    site_or_area,
)

__all__ = [
    "OPERATIONS",
    "PlaceCandidate",
    "anaphoric_time_for",
    "date_entities_for",
    "place_candidates",
    "target_candidates",
]

_ARG_DEPS = frozenset({"dobj", "obj", "pobj", "nsubjpass", "attr", "dative", "oprd"})
#: Sites that take their place's name with "of": "the airport of Udbina".
_SITES_OF = frozenset({"airport", "airbase", "headquarters", "port", "harbour", "harbor"})
#: Ways into a site, whose "to" names it: "at an entrance to the Old City".
_ENTRANCES = frozenset({"entrance", "entrances", "gate", "gates", "door", "doors", "approach"})
#: Parts of a site, whose "of" names the site: "on the doorstep of his flat".
_SITE_PARTS = _ENTRANCES | frozenset(
    {"doorstep", "doorsteps", "courtyard", "steps", "lobby", "roof", "rooftop", "yard",
     "grounds", "porch", "perimeter", "forecourt", "basement", "premises"}
)  # fmt: skip
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "outside", "near", "close"}
)  # fmt: skip


class PlaceCandidate(NamedTuple):
    """A span that may be the event's place, with how closely it is tied to the event.

    `level` 0 (the event's own words) .. 3 (the sentence's scene); `named` is True
    when the entity recogniser calls it a place, False when only a gazetteer hit
    should make it one (a proper noun after "in", a place it labelled PERSON).
    `carrier` is the token index of the noun phrase that carries it and `role`
    how it hangs from that phrase (0 the phrase itself, "the town of X" or
    "X-based", 1 an apposition, 2 a compound, 3 an adjective, 4 a possessor): of two places in one
    phrase the lower role is the more specific ("Iraq's Nineveh province",
    "the West Bank town of Tulkarm"); 5 is a container reached through a second
    area word ("the Zahra neighbourhood of the port city of Jiddah"). `fronted`
    marks a sentence-opening scene ("In Dagestan, police shot two gunmen in the
    town of Buinaksk"), which yields to a place attached further in.
    """

    span: Span
    level: int
    named: bool
    carrier: int
    role: int = 0
    fronted: bool = False
    area: bool = False  # the carrier is an area word ("province", "town", "outskirts")
    topical: bool = False  # "protested against the war in Washington": see `place_candidates`
    prep: str = ""  # the locative preposition that ties it, lower-cased ("in", "near")

    @property
    def rank(self) -> tuple[int, bool]:
        """Lower is closer. A fronted scene yields to any place tied to the event or
        its clause chain further in ("In Diyala province, ... a bomb struck their van
        near Mandali"), but not to where a participant is from."""
        if self.fronted and self.level < 2:
            return (self.level + 1, True)
        return (self.level, False)


def _anchor(token: Token) -> Token:
    """The content word an expression hangs from, past its preposition (and past the
    noun it modifies: "on Wednesday evening")."""
    while token.dep_ in ("compound", "nmod") and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != head.i:
        return head.head
    return head


def date_entities_for(heads: Iterable[Token], sent: Span) -> list[Span]:
    """DATE (and TIME: "Wednesday night") entities of the sentence attached to any of
    `heads` or, failing that, to the event's clause chain (see the module doc)."""
    heads = list(heads)
    for targets in ({t.i for t in heads}, {t.i for t in clause_relatives(heads)}):
        found = []
        for ent in sent.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            anchor = _anchor(ent.root)
            if anchor.i in targets or (anchor.dep_ in _ARG_DEPS and anchor.head.i in targets):
                found.append(ent)
        if found:
            return found
    return []


#: Nouns that, with "the", refer back to an event told before ("during the call").
_EVENT_NOUNS = frozenset(
    {"call", "conversation", "talks", "meeting", "visit", "summit", "phone", "attack",
     "clashes", "raid", "strike", "strikes", "fighting", "protest", "protests", "rally",
     "session", "interview", "exchange", "discussion", "discussions", "negotiations",
     "operation", "offensive", "assault", "bombing", "shelling", "incident", "ceremony"}
)  # fmt: skip


def anaphoric_time_for(heads: Iterable[Token]) -> Span | None:
    """A phrase placing the event in the time of one told before: "during the call",
    "at the meeting" (a definite event noun after "during", "at", "in")."""
    heads = list(heads)
    for verb in [*heads, *clause_relatives(heads)]:
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in DURING:
                continue
            for noun in prep.children:
                definite = any(c.lower_ in ("the", "that", "this") for c in noun.children)
                if noun.dep_ == "pobj" and noun.lemma_.lower() in _EVENT_NOUNS and definite:
                    return verb.doc[prep.i : noun.right_edge.i + 1]
    return None


def place_candidates(
    heads: Iterable[Token],
    sent: Span,
    exclude: set[int],
    arguments: Iterable[Token] = (),
    verbal: bool = False,
    issues: bool = False,
) -> list[PlaceCandidate]:
    """Places of the sentence tied to the event, best first (level, then position).

    `heads` are the event's words (trigger head, governor, folded-in events);
    `exclude` the token indices of its actors and recipients, never places
    themselves; `arguments` their head tokens, whose own locatives are level 2.
    Level 1 also takes the locatives of a subject that is not an actor ("a bomb
    near Karrada killed"). For a `verbal` event (a protest, a demand, an
    accusation) the object and an "against" or "over" phrase are the issue, and
    places inside them are the issue's: "protested in Berlin against the raids on
    Yugoslavia" happened in Berlin, "condemned the killings in Gaza" nowhere said.
    An "in" phrase hung on the issue itself may say where the protest was ("protested
    against the war in Washington"): such a candidate is `topical`, and the caller
    keeps it only for a town, not for a country or region ("the war in Iraq"). With
    `issues` (a protest, a demand, an accusation, a rejection), an event word folded in
    from what the event is about is the issue too, and its places are topical; what was
    agreed or offered is not ("agreed to hold a summit in Budapest").
    """
    heads = list(heads)
    issue: list[Token] = []
    if verbal and issues and heads:
        # "urged the coalition to pay damages for its air raids in Yemen": an event word
        # folded in from what the demand is about carries the issue's places, topical
        own = {heads[0].i} | {t.i for t in heads[1:2] if t in heads[0].ancestors}  # governor
        issue = [
            t
            for t in heads
            if t.i not in own and heads[0] in t.ancestors and not _reaches(t, own, verbal=True)
        ]
        heads = [t for t in heads if t not in issue]
    arguments = list(arguments)
    relatives = clause_relatives(heads)
    heads += _where(heads + relatives)
    tiers = (
        {t.i for t in heads},
        {t.i for t in relatives} | _instruments([*heads, *relatives], arguments),
        {t.i for t in arguments},
    )
    found: list[PlaceCandidate] = []
    for span, named in place_spans(sent):
        if any(i in exclude for i in range(span.start, span.end)):
            continue
        candidate = _tie(span, named, tiers, heads, verbal)
        if candidate is None and issue:
            # "protested the minister's visit to the campus in Kandy": the visit's town
            # may be the protest's
            candidate = _tie(span, named, ({t.i for t in issue}, set(), set()), issue, verbal)
            candidate = candidate and candidate._replace(topical=True)
        if candidate is not None:
            found.append(candidate)
    # "a leader of the group in Kandahar was killed near the dam": the event's own phrase
    # where a journey began yields to where it went: "shot as they drove from X to Y"
    found.sort(
        key=lambda c: (
            c.rank,
            _via_subject(sent.doc[c.carrier], tiers[0]),
            c.prep == "from",
            c.span.start,
        )
    )
    return found


def _via_subject(carrier: Token, heads: set[int]) -> bool:
    """Does the way from a place's carrier up to the event pass its passive subject?"""
    node = carrier
    for _ in range(8):
        if node.i in heads or node.head.i == node.i:
            return False
        if node.dep_ == "nsubjpass":
            return node.head.i in heads
        node = node.head
    return False


#: How a place hangs from the phrase carrying it -> its role (see PlaceCandidate).
_ROLES = {"of": 0, "npadvmod": 0, "appos": 1, "compound": 2, "nmod": 2, "amod": 3, "poss": 4}


def _modifies(node: Token, head: Token) -> bool:
    """`node` is a modifier of a noun phrase: "Reshimbagh residence", "Gaza-based"."""
    if node.dep_ == "npadvmod":
        return head.lower_ in ("based", "born", "led", "backed")
    return node.dep_ in ("compound", "poss", "nmod", "amod", "appos") and head.pos_ in (
        "NOUN",
        "PROPN",
        "ADJ",
        "VERB",
    )


def _carrier(root: Token) -> tuple[Token, int]:
    """The noun phrase head that carries a place name, and the role of the name in it:
    "Nablus" -> "city" in "the city of Nablus", "Reshimbagh" -> "residence",
    "Gaza" -> "group" in "a Gaza-based group"."""
    node, role, hops = root, 0, 0
    for step in range(4):
        head = node.head
        if head.i == node.i:
            break
        if step == 0 and (
            (
                (
                    node.dep_ in ("npadvmod", "appos")
                    or (node.dep_ == "advmod" and node.pos_ == "PROPN")
                )
                and head.pos_ in VERBAL
            )
            or (node.dep_ == "compound" and head.ent_type_ in ("DATE", "TIME"))
        ):
            # "in the capital, Islamabad, on Monday"; "in the capital Lisbon Friday", where
            # the parser hangs the name on the day
            named = _named_before(node)
            if named is not None:  # and on up: "in the heart of the capital Bishkek Monday"
                node, role = named, _ROLES["appos"]
                continue
            if node.dep_ == "compound":  # "outside the Vatican Sunday": the day is no owner
                node = head
                continue
        if _modifies(node, head):
            relation = node.dep_
        elif (
            node.dep_ == "pobj"
            and head.head.i != head.i
            and (
                (
                    head.lower_ == "of"
                    and (
                        (head.head.lower_ in AREA_NOUNS or head.head.lemma_ in AREA_NOUNS)
                        or (step == 0 and head.head.lower_ in _SITES_OF)
                        # "a town northeast of Baghdad": the direction word locates its head
                        or (
                            head.head.lower_ in _DIRECTIONS
                            and head.head.dep_ in ("advmod", "npadvmod")
                        )
                        # "on the steps of his Minsk office": a part is where its whole is;
                        # "a bakery of Karrada district": a site is in its area
                        or head.head.lower_ in _SITE_PARTS
                        or (step > 0 and head.head.lemma_ in SITE_NOUNS | {"marketplace"})
                    )
                )
                or (head.lower_ == "to" and head.head.lower_ in _ENTRANCES)  # "an entrance to X"
            )
        ):
            relation, head = "of", head.head
            hops += 1
        else:
            break
        if step == 0:
            role = _ROLES[relation]
        node = head
        if relation == "of" and node.lower_ in _DIRECTIONS:
            break  # "the Gul Kach area, 60 km west of Wana": Wana locates, names nothing
    return node, (5 if hops > 1 else role)


def _named_before(name: Token) -> Token | None:
    """The area noun a name renames across a comma, when the parser hung the name on
    the verb: "in the capital, Islamabad" -> "capital"."""
    before = name.i - 1
    if before > 0 and name.doc[before].text == ",":
        before -= 1
    noun = name.doc[before] if before >= 0 else None
    if noun is not None and noun.lower_ in AREA_NOUNS and noun.dep_ == "pobj":
        return noun
    return None


def _tie(
    span: Span, named: bool, tiers: tuple[set[int], ...], heads: list[Token], verbal: bool
) -> PlaceCandidate | None:
    """The candidate if the place is tied to the event (module doc), else None.

    A span only the gazetteer can make a place (`named` False) must come after a
    locative preposition or an area noun ("the town of Omagh"): "murdered by her
    husband, Ramu" is no place.
    """
    root = _name_root(span)
    carrier, role = _carrier(root)
    lifted = carrier.i != root.i
    # "the Nazi concentration camp": a nationality as compound is named only by the gazetteer
    named = named or (
        area_named(root)
        and not (span.label_ == "NORP" and root.dep_ == "compound" and not names_area(root))
    )
    # "a raid on Ngabe, a village in the Plateaux region": an apposition calls it a place
    named = named or called_place(root)
    # "the town of Al-Qosh several thousand marchers", the name misparsed as a modifier of
    # the people after it: right after "the town of", it is that town
    before = span.doc[span.start - 1] if span.start > span.sent.start else None
    named = named or (
        before is not None
        and before.lower_ == "of"
        and before.head.lower_ in SETTLEMENTS
        and before.head.dep_ == "pobj"
        and root.dep_ in ("nmod", "compound")
        and span.label_ != "NORP"
    )
    # "in front of the US embassy": "front" is part of a preposition, not an area
    area = carrier.lower_ in AREA_NOUNS and not (
        carrier.lower_ == "front" and carrier.head.lower_ == "in"
    )
    prep = carrier.head
    if named and carrier.i in tiers[0] and (lifted or carrier.pos_ == "PROPN"):
        # "the Alaska summit"; "the Bayaa neighbourhood, where a bomb killed 23"
        return PlaceCandidate(span, 0, named, carrier.i, role, area=area)
    if named and lifted and role in (2, 4) and scene(carrier) and carrier.lemma_ in TAKINGS:
        # "killed during Kafr Saghir's liberation", "captured in the Helmand offensive"
        anchor = carrier.head.head
        for level, targets in enumerate(tiers[:2]):
            if _reaches(anchor, targets):
                return PlaceCandidate(span, level, named, carrier.i, 0, area=True)
    # "outside the ministry and in Jericho": the second phrase hangs like the first
    joined = prep.dep_ == "conj" and prep.pos_ == "ADP" and prep.head.dep_ == "prep"
    if carrier.lower_ in _DIRECTIONS and carrier.dep_ in ("advmod", "npadvmod") and lifted:
        prep = carrier  # "on a road north of Kabul": the direction word locates its head
    elif carrier.dep_ != "pobj" or (prep.dep_ != "prep" and not joined) or not locative(prep, span):
        if (
            _entered(carrier, tiers[0])
            and lifted
            and (role == 2 or (named and role == 4))
            and (span.label_ != "NORP" or names_area(root))
        ):
            # "shot as he entered a Baghdad mosque", "when troops raided their West Bank
            # hideout"; not "bombed mostly Shia neighbourhoods". A name the recogniser
            # calls no place is left to the gazetteer ("the Comayagua prison", ORG)
            return PlaceCandidate(span, 1, named, carrier.i, role, area=area)
        if not named:
            return None
        if carrier.dep_ in ("dobj", "obj") and carrier.head.i in tiers[0] and not verbal:
            level = 0 if carrier.lower_ in AREA_NOUNS else 1  # "stormed the village of X"
            return PlaceCandidate(span, level, named, carrier.i, role, area=area)
        if (
            carrier.dep_ == "nsubjpass"
            and carrier.head.i in tiers[0]
            and area
            and carrier.pos_ == "NOUN"
            and carrier.lower_ not in _DIRECTIONS  # "South of Baghdad, ten were killed"
            and not verbal
        ):
            # "the Bukwo farms area on the foothills of X was captured": the area taken
            return PlaceCandidate(span, 0, named, carrier.i, role, area=area)
        if carrier.i in tiers[2] and lifted and role != 4:  # "a Gaza-based group"
            return PlaceCandidate(span, 2, named, carrier.i, role, area=area)
        return None
    anchor, word = (prep.head.head if joined else prep.head), prep.lower_
    fronted = _fronted(prep, span.sent)
    # "in Ngabe, 100 km north of Brazzaville": a reference point yields like a scene;
    # so does a container after a comma ("in Fallujah, in the province of Al-Anbar")
    yields = fronted or prep.i == carrier.i or _container_after(prep)
    verbal = verbal and prep.lower_ not in _SITE_PREPS  # "against the plan outside the Palais"
    for level, targets in enumerate(tiers[:3]):
        if _reaches(anchor, targets, verbal, word in DIRECTIONAL and prep.head.lower_ not in NEAR):
            return PlaceCandidate(span, level, named, carrier.i, role, yields, area, prep=word)
        # not "protested against the military operation in Gaza": the operation's place
        if (
            verbal
            and word == "in"
            and _topic_of(anchor, targets)
            and anchor.lemma_ not in OPERATIONS
        ):
            # "marched against Cameron in Scotland": a man is no issue with a place
            topical = anchor.ent_type_ != "PERSON"
            return PlaceCandidate(span, level, named, carrier.i, role, yields, area, topical, word)
    if fronted and any(
        anchor in h.ancestors
        # "In the town of X, a building housing troops was destroyed", the phrase hung on
        # the subject's head
        or (anchor.head.i == h.i and anchor.i < h.i and anchor.dep_ in ("dep", "nsubjpass"))
        for h in heads
    ):
        return PlaceCandidate(span, 3, named, carrier.i, role, fronted, area, prep=word)
    return None


def _entered(site: Token, heads: set[int]) -> bool:
    """Is `site` a common-noun site or area that a clause of the event, right below it,
    acts on: "shot as he left a Mosul mosque", "shot as he tried to flee the Bogota
    jail"?"""
    clause = site.head
    if clause.dep_ == "xcomp" and clause.head.dep_ == "advcl":
        clause = clause.head
    if clause.dep_ == "pcomp" and clause.head.lower_ in WITH_MARKS:
        # "beheaded four men after capturing Kafr Hamra village"
        return site.dep_ in ("dobj", "obj") and site_or_area(site) and clause.head.head.i in heads
    return (
        site.dep_ in ("dobj", "obj")
        and site.pos_ == "NOUN"
        and site_or_area(site)
        and clause.dep_ in ("advcl", "conj", "xcomp")
        and clause.head.i in heads
    )


def _container_after(prep: Token) -> bool:
    """Is `prep` an "in" phrase right after a comma that follows a place name ("in
    Fallujah, in the restive province of Al-Anbar")? It names the container."""
    doc = prep.doc
    if prep.lower_ != "in" or prep.i < 2 or doc[prep.i - 1].text != ",":
        return False
    return doc[prep.i - 2].ent_type_ in PLACE_LABELS


def _name_root(span: Span) -> Token:
    """The span's root, not counting a leading "the" the recogniser took in ("the
    Deir al-Asafir suburb": the name hangs on "suburb" through "Asafir")."""
    if len(span) > 1 and span[0].lower_ == "the" and span[0].dep_ == "det":
        return span[1:].root
    return span.root


def _where(verbs: list[Token]) -> list[Token]:
    """The noun a "where" clause of the event describes: "the Bayaa neighbourhood,
    where a car bomb killed 23", "an attack in Kenya in which gunmen shot 28"; its
    names and locatives are the event's own."""
    found = []
    for verb in verbs:
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
            continue
        where = any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children)
        which = any(
            c.dep_ == "prep"
            and c.lower_ in ("in", "at", "during")
            and any(o.lower_ == "which" for o in c.children)
            for c in verb.children
        )
        if where or which:  # the noun, and the phrase it names ("the X suburb of Damascus")
            found += [verb.head, _carrier(verb.head)[0]]
    return found


def _instruments(verbs: Iterable[Token], arguments: list[Token]) -> set[int]:
    """Subjects of the event's verbs that are not its actors: what struck, not who
    ("a bomb near Karrada killed one soldier", "the blast in Pristina destroyed")."""
    taken = {t.i for t in arguments}
    return {
        c.i
        for verb in verbs
        for c in verb.children
        if c.dep_ == "nsubj" and c.i not in taken and c.pos_ == "NOUN"
    }


def target_candidates(
    targets: Iterable[Token], sent: Span, sites: bool = False
) -> list[PlaceCandidate]:
    """The places among an event's targets ("shelled Kharkiv", "Baghdad was bombed",
    "attacked Bama Town"); the caller decides which events have targets that are
    places. Only buildings and sites ("Sarajevo airport") and names whose last
    word is an area word are kept when the gazetteer does not know them, or any
    name when `sites` says the event's targets are places ("bombed Halabja")."""
    found = []
    spans = list(place_spans(sent))
    for token in targets:
        for span, _named in spans:
            if span.start <= token.i < span.end:
                if not _target_place(span, token, sites):
                    break
                area = span[-1].lower_ in AREA_NOUNS
                named = sites or area or span.label_ == "FAC" or named_site(span)
                if named_site(span) and span[0].text == "the":
                    # "struck the Nabi Saleh Mosque": the article is no part of the name
                    span = Span(span.doc, span.start + 1, span.end, label=span.label_)
                found.append(PlaceCandidate(span, 1, named, token.i, area=area))
                break
        else:
            found.extend(_named_in(token, spans))
    return found


def _target_place(span: Span, token: Token, sites: bool) -> bool:
    """May a target's name be a place? Any name when the event's targets are places;
    else one the recogniser calls a place, one ending in an area word, or one shot
    "at" ("at their Inglewood home"), but never a bare subject or object the
    recogniser does not call a place: "Molina was shot" names a person; nor one with
    an age ("the 25-year-old Jimenez") or a unit's number ("the 10th Mountain
    Division")."""
    if any(c.lower_ == "old" and c.dep_ == "amod" for c in span.root.children):
        return False
    if any(c.dep_ == "appos" and c.like_num for c in span.root.children):
        return False  # "Cordoba, 52, was shot": an age
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.ent_type_ == "ORDINAL":
        return False  # "the 10th Mountain Division": a unit
    if sites or span.label_ in PLACE_LABELS or span[-1].lower_ in AREA_NOUNS:
        # a "facility" shot or killed is a person the recogniser mislabelled
        return span.label_ != "FAC" or token.head.lemma_ not in HARMED
    if named_site(span):
        return True  # "struck the Nabi Saleh Mosque", "captured Biju Hill"
    return span.label_ != "PERSON" and token.dep_ == "pobj"


def _called(area: Token) -> list[Span]:
    """The proper name an area word's apposition gives it: "the country's second
    largest city, Kisangani", "two northern towns, Umm Bir and Dabo"."""
    if area.lower_ not in AREA_NOUNS:
        return []
    doc = area.doc
    names = [doc[c.left_edge.i : c.i + 1] for c in area.children if c.dep_ == "appos"]
    return [
        Span(doc, n.start, n.end, label="GPE")
        for n in names
        if n[-1].pos_ == "PROPN" and all(t.pos_ == "PROPN" or t.is_punct for t in n)
    ]


def _named_in(token: Token, spans: list[tuple[Span, bool]]) -> list[PlaceCandidate]:
    """The place a target with no name of its own is in or named for: "shot at
    Sarajevo airport", "captured the northern village of X", "captured half of Zaire"."""
    of = {o.i for p in token.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"}
    for called in _called(token):  # "captured the country's third city, Kisangani"
        return [PlaceCandidate(called, 1, True, token.i, 1, area=True)]
    for span, _named in spans:
        root = span.root
        if span.label_ not in PLACE_LABELS and not (of and root.i in of):
            continue
        if root.i in of and (token.lower_ in AREA_NOUNS or token.lemma_ in PORTIONS):
            return [PlaceCandidate(span, 1, True, token.i, 0, area=True)]
        if (
            token.lemma_ in SITE_NOUNS
            and root.head.i == token.i
            and root.dep_ in ("compound", "nmod")
        ):
            return [PlaceCandidate(span, 1, True, token.i, 2)]
        if (
            token.lemma_ in NAMED_SITES
            and root.head.i == token.i
            and root.dep_ == "poss"
            and span.label_ in PLACE_LABELS
        ):  # "destroyed one of Baghdad's bridges", "Yugoslavia's refineries were bombed"
            return [PlaceCandidate(span, 1, True, token.i, 4, area=True)]
    name = site_name(token)  # "the Kokkadicholai base", "the Al-Dahr Al-Aswad hill"
    return [PlaceCandidate(name, 1, True, token.i, 2)] if name is not None else []


def _fronted(prep: Token, sent: Span) -> bool:
    """A phrase opening the sentence, before its verb: "In Mosul, ...", "But in X ...",
    and the phrases inside it ("In the Waer district on the outskirts of Homs, ...")."""
    for _ in range(4):
        if prep.i <= sent.start + 1 and prep.i < prep.head.i:
            return True
        if prep.head.dep_ == "prep" and prep.head.pos_ == "ADP":
            prep = prep.head  # "Earlier in Khan Younis, in the southern Gaza Strip, ..."
            continue
        noun = prep.head
        if noun.head.dep_ != "prep" or noun.dep_ not in ("pobj", "appos", "conj"):
            return False
        prep = noun.head
    return False


#: Prepositions that place things at a site, never name an issue's place.
_SITE_PREPS = frozenset({"outside", "near", "inside", "at", "beside", "behind", "around", "nearby"})
#: Prepositions naming what a protest or a statement is about, not where it was.
_TOPICAL = frozenset({"against", "over", "about", "for", "of"})


#: What a protest shows for people elsewhere: "in solidarity with refugees in X".
_SOLIDARITY = frozenset({"solidarity", "sympathy", "support"})


def _in_solidarity(noun: Token) -> bool:
    """Is `noun` whom a protest stands with ("in solidarity with refugees", "a show
    of solidarity with X")?"""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "with":
        return False
    held = prep.head
    shown = [o for p in held.children if p.lower_ == "of" for o in p.children]
    return any(t.lemma_ in _SOLIDARITY for t in (held, *shown))


def _topic_of(noun: Token, targets: set[int]) -> bool:
    """Is `noun` what the event is about: "protested against the war"?"""
    prep = noun.head
    if prep.lower_ == "of" and (prep.head.like_num or prep.head.ent_type_ == "CARDINAL"):
        return False  # "hundreds of villagers in X marched": who, counted
    return noun.dep_ == "pobj" and prep.lower_ in _TOPICAL and prep.head.i in targets


#: Where a way that has passed "to" or "from" stops at a noun.
_MOVED_STOPS = frozenset({"pobj", "nsubjpass"})


#: Participles that name a participant, whose phrases the parser hangs on them.
_NAMINGS = frozenset({"identify", "name", "describe", "know", "dub", "nickname"})


def _reaches(anchor: Token, targets: set[int], verbal: bool = False, moved: bool = False) -> bool:
    """The anchor is an event word, its argument, or an argument's prepositional object
    ("struck refineries in Samara", "blew himself up at the entrance to a centre in
    Iraq"), or an adverb of the event ("back in Tal Afar, residents demonstrated").
    For a verbal event the way up never passes its object or a phrase saying what it
    is about (`place_candidates`). A participle is passed when it says where its noun
    was (`under_way`). Once the way has passed "to" or "from" (`moved`), it passes no
    participle and leaves no prepositional phrase: "trucks carrying fuel to forces in
    Afghanistan", "shot during a journey from Fresno" place nothing."""
    for _ in range(4):
        if anchor.i in targets:
            return True
        if anchor.dep_ in ("advmod", "npadvmod", "conj") and (
            anchor.pos_ == "ADV"
            or (anchor.pos_ == "NOUN" and not anchor.ent_type_)
            # "Last month in Tikrit, two guards were killed": the day hung first
            or (
                anchor.dep_ == "npadvmod"
                and anchor.ent_type_ == "DATE"
                and anchor.i < anchor.head.i
            )
        ):  # "back in Tal Afar"; "wounded 20, many of them officers, near a station in X"
            anchor = anchor.head
            continue
        if anchor.dep_ == "prep" and anchor.pos_ == "ADP" and anchor.head.i != anchor.i:
            if anchor.lower_ in DIRECTIONAL:
                return False  # "refugees from across Lebanon": where they came from
            anchor = anchor.head  # "stepped out of his office in X": "out of" is one word
            continue
        if anchor.dep_ == "amod" and anchor.lower_ in NEAR:
            anchor = anchor.head  # "destroyed 14 bunkers close to X"
            continue
        if anchor.dep_ == "advcl" and anchor.tag_ == "VBN" and anchor.lemma_ in _NAMINGS:
            anchor = anchor.head  # "captured the man, identified as X, in Y": a misparse
            continue
        if anchor.dep_ == "xcomp" and not (verbal or moved) and concurrent(anchor.head):
            anchor = anchor.head  # "shot while trying to escape close to Kupang"
            continue
        if anchor.dep_ == "acl" and under_way(anchor) and not moved:
            # "a bomb hidden in a cart in Baqubah", "a teacher walking near the market in Basra"
            anchor = anchor.head
            continue
        if anchor.dep_ == "relcl" and described(anchor):
            # "at a shop they ran in Colombo", "a car bomb that hit a checkpoint in Adhaim"
            anchor = anchor.head
            continue
        if anchor.dep_ in _ARG_DEPS and anchor.head.i != anchor.i:
            if verbal and (
                anchor.dep_ in ("dobj", "obj", "dative", "oprd")
                or _topic_of(anchor, targets)
                or _in_solidarity(anchor)
            ):
                # "condemned the killings in Gaza", "against the raids on X", "in
                # solidarity with refugees in the West Bank"
                return False
            if moved and anchor.dep_ in _MOVED_STOPS and anchor.pos_ in ("NOUN", "PROPN"):
                # "shot while on a trip from Wilmington": the trip's, not his; "Smith,
                # from a family in Tulsa, was captured": where he is from
                return False
            if anchor.dep_ == "pobj" and another_time(anchor.head):
                # "captured since the attacks in the United States", "killed him a week
                # after the bomb attack in Madrid": another incident's place
                return False
            anchor = anchor.head
            if anchor.dep_ in ("prep", "agent"):
                moved = moved or anchor.lower_ in DIRECTIONAL  # "carrying fuel to X"
                anchor = anchor.head
            continue
        return False
    return anchor.i in targets
