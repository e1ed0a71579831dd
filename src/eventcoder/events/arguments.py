"""Who acts on whom: actor and recipient tokens for a trigger, from the parse.

Verbs: the subject acts (through control verbs, conjoined verbs and relative
clauses), the object or a prepositional phrase receives; in the passive the
"by" phrase acts and the subject receives. Nouns: a possessive, a nationality
modifier or a "by"/"from"/"between" phrase acts; "on"/"against"/"to"/"with"
phrases receive; a noun that is the object of a light verb ("held talks",
"launched an attack", "imposed sanctions") takes that verb's subject as actor.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

__all__ = [
    "FRAME_NOUNS",
    "LIGHT_VERBS",
    "Arguments",
    "another_time",
    "find_arguments",
    "light_verb_of",
    "names_someone",
]

LIGHT_VERBS = frozenset(
    {
        "hold", "have", "launch", "conduct", "carry", "stage", "make", "give", "impose",
        "announce", "begin", "start", "continue", "resume", "mount", "unleash", "order",
        "approve", "pledge", "offer", "provide", "deliver", "send", "extend", "issue",
        "reach", "sign", "seal", "broker", "host", "organize", "organise", "lead",
        "step", "intensify", "escalate", "lift", "ease", "slap", "level", "lodge",
        "file", "receive", "accept", "call", "go", "join", "deploy", "declare", "agree",
        "propose", "unveil", "adopt", "pass", "introduce", "renew", "expand", "undertake",
        "tighten", "enforce",
    }
)  # fmt: skip
_SUBJ = ("nsubj", "csubj")
_PASS_SUBJ = ("nsubjpass", "csubjpass")
_CONTROL_DEPS = ("xcomp", "ccomp", "advcl", "conj", "pcomp", "acomp")
_RECIPIENT_PREPS = frozenset({"on", "against", "to", "with", "at", "toward", "towards", "into"})
_ACTOR_PREPS = frozenset({"by", "from"})
_THEME_PREPS = frozenset({"to", "for", "into", "toward", "towards", "against", "on"})
_JOINT_PREPS = frozenset({"between", "among"})
_NOUN_ACTOR_DEPS = ("poss", "amod", "compound", "nmod")
_ADJUNCT_PREPS = frozenset(
    {"after", "before", "following", "amid", "during", "despite", "since", "until", "ahead"}
)


@dataclass(frozen=True, slots=True)
class Arguments:
    actors: tuple[Token, ...]
    recipients: tuple[Token, ...]
    governor: Token  # the verb whose clause carries modality and attribution


#: Nouns that only count or frame an event ("a new round of talks", "a wave of
#: strikes", "10 days of war games"): the event takes their place in the clause.
PARTITIVES = frozenset(
    {"round", "series", "wave", "spate", "string", "barrage", "flurry", "volley", "salvo",
     "day", "days", "week", "weeks", "hour", "hours", "month", "months", "number", "kind",
     "type", "form", "campaign", "cycle", "bout", "set", "pair", "couple", "host", "raft"}
)  # fmt: skip

#: Object nouns that only frame an activity named by their compound.
FRAME_NOUNS = frozenset(
    {"effort", "process", "programme", "program", "mission", "bid", "attempt", "initiative",
     "operation", "activity", "project"}
)  # fmt: skip


#: Prepositions that put their noun at another time than the clause's event.
_OTHER_TIME = frozenset({"since", "before", "until", "ahead"})


def another_time(prep: Token) -> bool:
    """Does the prepositional phrase put its noun at another time than the event it
    hangs on: "since the attacks", "before the war", "ahead of the vote", or a span of
    time "after" ("a week after the bomb attack")? Right "after" is the same incident
    ("captured after a gunbattle")."""
    word = prep.lower_
    return word in _OTHER_TIME or (
        word in ("after", "following") and any(c.dep_ == "npadvmod" for c in prep.children)
    )


def through_partitive(noun: Token) -> Token:
    """The noun's stand-in in the clause: "talks" in "a round of talks" -> "round"."""
    head = noun.head
    if (
        noun.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.i != head.i
        and head.head.lemma_.casefold() in PARTITIVES
    ):
        return head.head
    return noun


def light_verb_of(trigger: Token) -> Token | None:
    """The light verb a noun trigger is the object of, if any."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    trigger = through_partitive(trigger)
    head = trigger.head
    if trigger.dep_ in ("dobj", "obj", "nsubjpass", "attr") and head.lemma_ in LIGHT_VERBS:
        return head
    if (
        trigger.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ not in _ADJUNCT_PREPS
        and head.head.lemma_ in LIGHT_VERBS
    ):
        return head.head  # "went on strike", "called for talks"
    return None


def find_arguments(trigger: Token, args: str, support: Token | None = None) -> Arguments:
    """Actor and recipient head tokens for a trigger; `args` as in the lexicon.

    `support` is the verb a noun trigger's lexicon sense requires as its head
    ("remained on alert"): it acts as a light verb for that noun."""
    if trigger.pos_ in ("VERB", "AUX") or (trigger.pos_ == "ADJ" and trigger.dep_ == "ROOT"):
        actors, recipients, governor = _verb_arguments(trigger)
    else:
        actors, recipients, governor = _noun_arguments(trigger, support)
    if args == "theme" and governor.i == trigger.i and trigger.pos_ in ("VERB", "AUX"):
        recipients = _theme_recipients(trigger)
    elif args == "reverse":
        actors, recipients = recipients, actors
    elif args == "joint":
        actors, recipients = actors + recipients, []
    if args != "joint" and not any(names_someone(r) for r in _dedupe(recipients)):
        recipients += _purpose_targets(governor)  # "blocked a road to protest against X"
    actors = _dedupe(actors)
    recipients = [r for r in _dedupe(recipients) if r not in actors]
    return Arguments(tuple(actors), tuple(recipients), governor)


def _verb_arguments(verb: Token) -> tuple[list[Token], list[Token], Token]:
    recipients = _children(verb, ("dobj", "obj", "dative")) + _up_to_objects(verb)
    agent = [p for p in verb.children if p.dep_ == "agent"]
    if agent or any(c.dep_ in _PASS_SUBJ for c in verb.children):
        actors = [o for a in agent for o in _children(a, ("pobj",))]
        recipients = _children(verb, _PASS_SUBJ) + recipients
    else:
        actors = subject_of(verb)
    actors += _prep_objects(verb, _JOINT_PREPS)
    # Objects that name no actor ("handed over 14 suspects to Paraguay") are dropped
    # when resolved, so the prepositional phrases are kept as candidates too.
    called_for = _prep_objects(verb, frozenset({"for"}))
    recipients += _prep_objects(verb, _RECIPIENT_PREPS) + called_for
    recipients += _object_targets(_children(verb, ("dobj", "obj")) + called_for)
    if verb.lemma_ in _CONVENERS:  # "host a meeting between Israel and the PLO"
        recipients += [
            t for o in _children(verb, ("dobj", "obj")) for t in _prep_objects(o, _JOINT_PREPS)
        ]
    left = _prep_objects(verb, frozenset({"from"})) if verb.lemma_ in _LEAVE_VERBS else []
    if left:  # "withdrew its troops from Lebanon": Lebanon is left, the troops are its own
        recipients = [r for r in recipients if r.dep_ not in ("dobj", "obj")] + left
    if not _dedupe(recipients):  # "on Tuesday" names no one
        recipients = _addressees(verb) or _embedded_recipients(verb)
    return actors, recipients, verb


#: Who brings others together: the parties of what they host or broker are recipients.
_CONVENERS = frozenset({"host", "broker", "mediate", "arrange", "convene", "facilitate"})
#: Nouns of acts done to what their "of" phrase names: "the invasion of South Lebanon".
_TAKING_NOUNS = frozenset(
    {"invasion", "occupation", "bombing", "bombardment", "shelling", "blockade", "siege",
     "annexation", "seizure", "capture", "conquest", "encirclement"}
)  # fmt: skip
#: Objects that carry the act's target or author: "threatened further action against
#: Russia", "rejected calls by the Secretary-General", "imposed sanctions on Iran".
_PROPOSALS = frozenset(
    {"call", "demand", "request", "proposal", "plan", "offer", "appeal", "ultimatum",
     "bid", "initiative", "suggestion", "overture", "invitation", "accusation", "claim",
     "allegation", "charge", "criticism", "demands", "calls"}
)  # fmt: skip


def _datives(verb: Token) -> list[Token]:
    """Indirect objects: "gave Ukraine arms", and "gave a welcome to X", where the
    parser marks "to" itself as the dative."""
    found = []
    for d in _children(verb, ("dative",)):
        found += _children(d, ("pobj",)) if d.pos_ == "ADP" else [d]
    return found


def _up_to_objects(verb: Token) -> list[Token]:
    """The object of "kidnapped up to 16 advisers", which the parser hangs from the
    particle: up (prt) -> to (prep) -> advisers (pobj)."""
    return [
        o
        for prt in verb.children
        if prt.dep_ == "prt" and prt.lower_ == "up"
        for o in _prep_objects(prt, frozenset({"to"}))
    ]


def _object_targets(objects: list[Token]) -> list[Token]:
    """Who a direct object (or what is called for) points at: its "against" phrase
    ("action against Russia", "called for sanctions against Nigeria"), or the author
    of a proposal rejected or accepted ("calls by Kofi Annan")."""
    found: list[Token] = []
    for obj in objects:
        found += _prep_objects(obj, frozenset({"against"}))
        if obj.lemma_ in _PROPOSALS:
            found += _prep_objects(obj, frozenset({"by", "from"}))
    return found


#: Verbs whose "from" phrase names who is left ("withdraw its troops from Lebanon").
_LEAVE_VERBS = frozenset({"withdraw", "pull", "retreat", "evacuate", "leave"})


def _embedded_recipients(verb: Token) -> list[Token]:
    """The recipient of the act a threat, demand or offer is about: "threatened to
    break off relations with Congo", "offered to send grain to Afghanistan"."""
    for clause in _children(verb, ("xcomp",)):
        if clause.pos_ not in ("VERB", "AUX"):
            continue
        found = _prep_objects(clause, _RECIPIENT_PREPS) + _children(clause, ("dative",))
        if clause.lemma_ in _LEAVE_VERBS:
            found += _prep_objects(clause, frozenset({"from"}))
        objects = _children(clause, ("dobj", "obj"))
        found += objects + [t for o in objects for t in _prep_objects(o, _RECIPIENT_PREPS)]
        # "refused to commit to any assistance to the US-led war"
        found += [t for o in list(found) for t in _prep_objects(o, _RECIPIENT_PREPS)]
        if _dedupe(found):
            return found
    return []


#: Purposes that name a target: "began a hunger strike to protest against Sweden's
#: decision", "blocked a road to show their disapproval for US policies".
_PURPOSE_VERBS = frozenset(
    {"protest", "demand", "denounce", "condemn", "oppose", "show", "express", "voice",
     "demonstrate", "press"}
)  # fmt: skip
_STANCE_NOUNS = frozenset(
    {"disapproval", "opposition", "anger", "displeasure", "outrage", "discontent", "protest",
     "objection", "disgust", "frustration", "dissatisfaction", "rejection", "condemnation"}
)  # fmt: skip


def _purpose_targets(verb: Token) -> list[Token]:
    """Who an act is aimed at when only its purpose says so."""
    found: list[Token] = []
    clauses = _children(verb, ("advcl", "xcomp"))
    if verb.pos_ in ("VERB", "AUX"):  # "began a hunger strike to protest": parsed as relcl
        clauses += [c for o in _children(verb, ("dobj", "obj")) for c in _children(o, ("relcl",))]
    for clause in clauses:
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        if not purpose or clause.lemma_ not in _PURPOSE_VERBS:
            continue
        found += _prep_objects(clause, frozenset({"against", "over"}))
        for obj in _children(clause, ("dobj", "obj")):
            if obj.lemma_ in _STANCE_NOUNS:  # "their anger at India's policy"
                found += [
                    o
                    for p in obj.children
                    if p.dep_ == "prep" and p.lower_ in ("against", "for", "over", "to", "at")
                    for o in _children(p, ("pobj",))
                ]
            else:
                found.append(obj)
    return found


_DEONTIC = frozenset({"should", "must", "would", "will", "shall", "ought"})
_CONDITIONS = frozenset({"unless", "if"})


def _addressees(verb: Token) -> list[Token]:
    """Who a demand or threat is aimed at when no object says so: the subject of a
    clause saying what they must do ("demanded that the US cancel the sale", "warned
    that Serbia would pay") or on what condition ("threatened to strike unless Baghdad
    accepted")."""
    for clause in _children(verb, ("ccomp",)):
        told = _told_to(clause)
        if told:
            return told
    for head in (verb, *_children(verb, ("xcomp",))):
        for clause in _children(head, ("advcl",)):
            if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in clause.children):
                return _children(clause, _SUBJ)
    return []


def _told_to(clause: Token) -> list[Token]:
    """Whom a clause says what to do ("that the US cancel", "that Serbia must pay")."""
    deontic = any(c.dep_ == "aux" and c.lower_ in _DEONTIC for c in clause.children)
    return _children(clause, _SUBJ) if deontic or _mandative(clause) else []


def _marked_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _mandative(clause: Token) -> bool:
    """A bare verb saying what someone must do: "that the US cancel", and "that the
    government end", which the tagger takes for a plural present (VBP)."""
    if any(c.dep_ == "aux" for c in clause.children):
        return False
    if clause.tag_ == "VB":
        return True
    subjects = _children(clause, ("nsubj",))
    return clause.tag_ == "VBP" and any(t.tag_ in ("NN", "NNP") for t in subjects[:1])


def _noun_arguments(
    noun: Token, support: Token | None = None
) -> tuple[list[Token], list[Token], Token]:
    mediation = noun.lemma_ in _MEDIATION
    noun = _framed(noun)
    governor = noun
    verb = light_verb_of(noun) or support
    # "mediation between Syria and Arafat", "hosted talks between X and Y": the parties
    # are brought together, not the ones who bring them
    convened = mediation or (verb is not None and verb.lemma_ in _CONVENERS)
    actors = [
        c for c in noun.children if c.dep_ in _NOUN_ACTOR_DEPS and c.i < noun.i and _agentive(c)
    ]
    actors += _prep_objects(noun, _ACTOR_PREPS | (frozenset() if convened else _JOINT_PREPS))
    recipients = _prep_objects(noun, _RECIPIENT_PREPS)
    if convened:
        recipients += _prep_objects(noun, _JOINT_PREPS)
    if noun.lemma_ in _TAKING_NOUNS:  # "the invasion of South Lebanon"
        recipients += _prep_objects(noun, frozenset({"of"}))
    if not recipients:  # "its demands that Burundi's government grant ...": Burundi's
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and _marked_that(c)]
        recipients = [s for c in clauses for s in _told_to(c)]
    if verb is not None:
        governor = verb
        if verb.lemma_ in _CAUSATIVES and noun.dep_ != "nsubjpass":
            # "the government ordered patrols by police": the police act on its order
            actors = [*subject_of(verb), *actors]
        if not actors:
            actors = subject_of(verb) if noun.dep_ != "nsubjpass" else _agents(verb)
        if not recipients:
            recipients = _prep_objects(verb, _RECIPIENT_PREPS) + _datives(verb)
    elif noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        governor = noun.head
        if not recipients:
            recipients = _children(noun.head, ("dobj", "obj")) or _prep_objects(
                noun.head, _RECIPIENT_PREPS
            )
    return actors, recipients, governor


#: Light verbs whose subject has others act: its actor stands with theirs.
_CAUSATIVES = frozenset({"order", "authorize", "authorise", "command"})
#: Nouns whose "between" phrase names the parties mediated, not the mediators.
_MEDIATION = frozenset({"mediation", "mediator", "arbitration", "good offices"})


def _framed(noun: Token) -> Token:
    """The frame noun a trigger names the kind of: "mediation" in "a mediation mission
    between Syria and Arafat" stands where "mission" stands."""
    head = noun.head
    if noun.dep_ == "compound" and head.i != noun.i and head.lemma_ in FRAME_NOUNS:
        return head
    return noun


def _theme_recipients(trigger: Token) -> list[Token]:
    """Recipients of a transfer: "sent missiles to Kyiv", "gave Ukraine arms",
    "supplied Kyiv with drones"."""
    found = _children(trigger, ("dative",)) + _prep_objects(trigger, _THEME_PREPS)
    found = [t for t in found if t.dep_ != "dative" or t.pos_ != "ADP"]
    found += [
        o
        for d in _children(trigger, ("dative",))
        if d.pos_ == "ADP"
        for o in _children(d, ("pobj",))
    ]
    if not found and any(p.dep_ == "prep" and p.lower_ == "with" for p in trigger.children):
        found = _children(trigger, ("dobj", "obj"))
    return found + _object_targets(found)  # "mobilised reservists for a war against Iraq"


def names_someone(token: Token) -> bool:
    """Could the phrase resolve to an actor: a name, a pronoun, a possessor?"""
    return (
        token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON", "FAC", "LOC")
        or token.pos_ in ("PROPN", "PRON")
        or any(c.dep_ in ("poss", "amod", "compound") and _agentive(c) for c in token.children)
    )


def _agentive(token: Token) -> bool:
    """Modifiers that can name an actor: names, nationalities, possessives."""
    if token.dep_ == "poss":
        return token.pos_ in ("PROPN", "NOUN", "PRON")
    return token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON", "FAC", "LOC")


def subject_of(verb: Token) -> list[Token]:
    """The verb's subject, found through control, conjunction and relative clauses."""
    seen = 0
    while seen < 6:
        seen += 1
        subjects = _children(verb, _SUBJ)
        if subjects:
            return subjects
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return [verb.head, *verb.head.conjuncts]
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "resorted to throwing"
            verb = verb.head.head
            continue
        if verb.dep_ in _CONTROL_DEPS and verb.head.i != verb.i:
            passive = _children(verb.head, _PASS_SUBJ)
            if passive and verb.dep_ == "xcomp":
                return passive  # "X was asked to leave" -> X leaves
            verb = verb.head
            continue
        break
    return []


def _agents(verb: Token) -> list[Token]:
    return [o for a in verb.children if a.dep_ == "agent" for o in _children(a, ("pobj",))]


def _children(token: Token, deps: tuple[str, ...]) -> list[Token]:
    found = [c for c in token.children if c.dep_ in deps]
    return found + [c for f in found for c in f.conjuncts if c not in found]


#: Words whose "at" phrase names a target ("fired at a patrol", "took a swipe at
#: Ankara", "rioted at this jail": the jail's keepers); elsewhere "at" says where
#: ("killed 28 rebels at Tal Sukeek").
_AIMING = frozenset(
    {"shoot", "shot", "fire", "aim", "hurl", "throw", "lob", "point", "swing", "lash",
     "jab", "swipe", "dig", "snipe", "rail", "jeer", "sneer", "scoff", "laugh", "yell",
     "shout", "bark", "snap", "poke", "level", "direct", "launch", "strike", "hit", "take",
     "barb", "potshot", "retaliate", "lunge", "charge", "protest", "riot", "demonstrate",
     "demonstration", "rally", "picket", "protester", "demonstrator"}
)  # fmt: skip


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    found: list[Token] = []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        if prep.lower_ == "at" and token.lemma_.casefold() not in _AIMING:
            continue
        found.extend(_children(prep, ("pobj",)))
    return found


_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


#: Heads that only count or group the real participants ("thousands of students",
#: "a group of Yoruba leaders", "dozens of Palestinian youths").
_QUANTITY_HEADS = frozenset(
    {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "ten", "tens",
     "million", "millions", "score", "scores", "group", "number", "crowd", "band", "handful",
     "majority", "minority", "some", "many", "most", "several", "all", "both", "none",
     "each", "one", "two", "three", "four", "five", "contingent", "unit", "delegation",
     "team", "wave", "column", "convoy", "section", "part", "rest", "members", "member"}
)  # fmt: skip


#: Acts whose "of" phrase names who is to act: "demanded the withdrawal of Serbian
#: forces from Bosnia" is aimed at the Serbian forces, not at Bosnia.
_ACT_NOUNS = frozenset(
    {"withdrawal", "pullout", "resignation", "ouster", "removal", "departure", "disarmament",
     "demobilization", "demobilisation", "surrender", "deployment", "redeployment"}
)  # fmt: skip


def content_head(token: Token) -> Token:
    """The participant a quantity or group noun stands for ("thousands of Kurds" -> Kurds)."""
    if token.lemma_ in _ACT_NOUNS:
        actors = _prep_objects(token, frozenset({"of"}))
        if actors:
            token = actors[0]
    for _ in range(3):
        counting = token.lemma_.casefold() in _QUANTITY_HEADS or token.lower_ in _QUANTITY_HEADS
        if not counting and token.pos_ != "NUM":
            return token
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if pobj is None:
            return token
        token = pobj
    return token


def _dedupe(tokens: list[Token]) -> list[Token]:
    """Unique tokens, without numbers and times ("on Thursday" names no one)."""
    seen: set[int] = set()
    out = []
    heads = []
    for t in tokens:
        tok = content_head(t)
        heads.append(tok)
        if tok.i != t.i:  # "scores of Sierra Leonean and Liberian refugees"
            heads += [c for c in tok.conjuncts if c.i > tok.i]
    for tok in heads:
        if tok.ent_type_ in _NOT_ACTORS or tok.pos_ in ("NUM", "ADV"):
            continue
        if tok.pos_ == "ADJ" and tok.ent_type_ not in ("NORP", "GPE"):
            continue  # but "Palestinian riots": a nationality acts
        if tok.i not in seen:
            seen.add(tok.i)
            out.append(tok)
    return out
