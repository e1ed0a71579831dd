"""Finding trigger words in a parsed sentence and choosing their sense."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventcoder.events.arguments import FRAME_NOUNS, through_partitive
from eventcoder.events.lexicon import Condition, Lexicon, TriggerSense

__all__ = ["TriggerMatch", "find_triggers", "governing_verb"]

_POS_OK = {
    "VERB": {"VERB", "AUX"},
    "NOUN": {"NOUN", "PROPN"},
    "ADJ": {"ADJ", "VERB"},
}
_OBJ_DEPS = {"dobj", "obj", "attr", "oprd"}
_MOD_DEPS = {"compound", "amod", "nmod", "npadvmod", "advmod"}


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger in a sentence: its head token, its span and its sense."""

    head: Token
    start: int  # token index in the doc
    end: int
    sense: TriggerSense


def find_triggers(sent: Span, lexicon: Lexicon) -> list[TriggerMatch]:
    """Every trigger in the sentence, multiword expressions first, one per token."""
    matches: list[TriggerMatch] = []
    taken: set[int] = set()
    for match in _multiword(sent, lexicon):
        if not taken.intersection(range(match.start, match.end)):
            matches.append(match)
            taken.update(range(match.start, match.end))
    for token in sent:
        if token.i in taken:
            continue
        sense = _choose(token, lexicon.single.get(token.lemma_.casefold(), ()))
        if sense is None and token.lower_ != token.lemma_.casefold():
            sense = _choose(token, lexicon.single.get(token.lower_, ()))
        if sense is not None:
            matches.append(TriggerMatch(token, token.i, token.i + 1, sense))
    matches.sort(key=lambda m: m.start)
    return matches


def _multiword(sent: Span, lexicon: Lexicon) -> Iterator[TriggerMatch]:
    tokens = list(sent)
    for pos, token in enumerate(tokens):
        for sense in lexicon.multi.get(token.lower_, ()):
            n = len(sense.words)
            window = tokens[pos : pos + n]
            if len(window) == n and _words_match(window, sense.words):
                head = _span_head(window)
                if _pos_fits(head, sense.pos) and _fits(head, sense):
                    yield TriggerMatch(head, window[0].i, window[-1].i + 1, sense)
                    break


def _words_match(window: list[Token], words: tuple[str, ...]) -> bool:
    *first, last = window
    if any(tok.lower_ != word for tok, word in zip(first, words, strict=False)):
        return False
    return last.lower_ == words[-1] or last.lemma_.casefold() == words[-1]


def _span_head(window: list[Token]) -> Token:
    """The token of the window whose head lies outside it (the syntactic head)."""
    indices = {tok.i for tok in window}
    for tok in window:
        if tok.head.i not in indices or tok.head.i == tok.i:
            return tok
    return window[-1]


def _choose(token: Token, senses: Iterable[TriggerSense]) -> TriggerSense | None:
    for sense in senses:
        if _pos_fits(token, sense.pos) and _fits(token, sense):
            return sense
    return None


def _pos_fits(token: Token, pos: str) -> bool:
    return pos == "*" or token.pos_ in _POS_OK[pos]


def _fits(token: Token, sense: TriggerSense) -> bool:
    if not all(_holds(token, c) for c in sense.requires):
        return False
    return not any(_holds(token, c) for c in sense.excludes)


def _holds(token: Token, cond: Condition) -> bool:
    if cond.kind == "objent":
        return any(t.ent_type_.casefold() in cond.lemmas for t in _objects(token))
    if cond.kind == "word":
        return token.lower_ in cond.lemmas
    return any(_lemma_in(t, cond.lemmas) for t in _condition_tokens(token, cond.kind))


def _lemma_in(token: Token, lemmas: frozenset[str]) -> bool:
    return "*" in lemmas or token.lemma_.casefold() in lemmas or token.lower_ in lemmas


def _condition_tokens(token: Token, kind: str) -> list[Token]:
    if kind == "obj":
        return _objects(token)
    if kind == "pobj":
        return [
            o for p in token.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
        ]
    if kind == "prep":
        return [c for c in token.children if c.dep_ in ("prep", "agent", "dative")]
    if kind == "prt":
        return [c for c in token.children if c.dep_ == "prt"]
    if kind == "mod":
        return [c for c in token.children if c.dep_ in _MOD_DEPS]
    if kind == "head":
        verb = governing_verb(token)
        return [verb] if verb is not None else []
    if kind == "subj":  # who acts: the active subject or the passive's "by" agent
        agents = [o for c in token.children if c.dep_ == "agent" for o in c.children]
        # an active participle's noun acts: "the price of water shot up"
        noun = [token.head] if token.dep_ == "acl" and token.tag_ in ("VBD", "VBG") else []
        return (
            [c for c in token.children if c.dep_ == "nsubj"]
            + noun
            + [o for o in agents if o.dep_ == "pobj"]
        )
    return [c for c in token.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]


def _objects(token: Token) -> list[Token]:
    """Direct objects (and their conjuncts); for nouns, the object of "of"."""
    objs = [c for c in token.children if c.dep_ in _OBJ_DEPS]
    if token.pos_ == "VERB":  # the passive's subject is the object: "a deal was struck"
        objs += [c for c in token.children if c.dep_ == "nsubjpass"]
        if token.dep_ == "acl" and token.tag_ == "VBN":  # "footage captured by a phone"
            objs.append(token.head)
    if token.pos_ in ("NOUN", "PROPN"):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs.extend(c for c in prep.children if c.dep_ == "pobj")
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "to", "at", "with"):
            objs.extend(c for c in prep.children if c.dep_ == "pobj")
    objs += [c for o in objs for c in o.conjuncts]
    # "ended mediation efforts", "froze the peace process": the frame's kind is the object
    objs += [c for o in objs if o.lemma_ in FRAME_NOUNS for c in o.children if c.dep_ == "compound"]
    # "received a mission of observers": its members are the object too
    objs += [
        c
        for o in objs
        if o.lemma_ in FRAME_NOUNS or o.lemma_ in _GROUPS
        for p in o.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for c in p.children
        if c.dep_ == "pobj"
    ]
    return [o for o in objs if o.ent_type_ not in ("DATE", "TIME")]  # "on Sunday"


_GROUPS = frozenset({"team", "group", "delegation", "contingent", "unit", "batch"})


def governing_verb(token: Token) -> Token | None:
    """The verb a noun depends on, through a preposition if need be ("go on strike")."""
    token = through_partitive(token)
    head = token.head
    if head.i == token.i:
        return None
    if head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None
