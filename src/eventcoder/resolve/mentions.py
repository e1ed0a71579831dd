"""The words of an actor mention in the parse: its span, its evidence, its head."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

__all__ = [
    "ENT_LABELS",
    "GROUP_HEADS",
    "LOCATIVE_PREPS",
    "MODIFIER_DEPS",
    "ORIGIN_PREPS",
    "OWNER_SUFFIXES",
    "SHELTERS",
    "SPONSOR_SUFFIXES",
    "STANCES",
    "core_words",
    "doc_ents",
    "entity_of",
    "evidence_tokens",
    "in_locative",
    "is_capitalised",
    "is_definite",
    "is_ethnic",
    "is_sponsor",
    "joined_text",
    "mention_span",
    "of_object",
    "phrase_head",
    "proper_runs",
    "retarget",
    "words_text",
]

MODIFIER_DEPS = ("compound", "amod", "nmod", "poss", "nummod")
LOCATIVE_PREPS = frozenset({"in", "at", "near", "to", "from", "into", "across", "outside"})
#: Places that house the people their "for" phrase names.
SHELTERS = frozenset({"camp", "shelter", "settlement", "school", "orphanage", "hostel", "home"})
#: Prepositions whose object tells where an agent is from ("trade unions in Denmark").
ORIGIN_PREPS = frozenset({"of", "in", "from", "across", "throughout", "inside"})
ENT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
#: "X-made missiles" are X's; "X-backed militias" are not X's (the sponsor is not the actor).
OWNER_SUFFIXES = frozenset({"made", "built", "led", "owned", "run", "based", "flagged",
                             "controlled", "operated", "manufactured", "supplied"})  # fmt: skip
SPONSOR_SUFFIXES = frozenset({"backed", "funded", "supported", "sponsored", "allied",
                               "aligned", "trained", "armed", "financed", "linked"})  # fmt: skip
#: Head words that stand for a part of what follows: "members of SANDF" is SANDF.
GROUP_HEADS = frozenset({
    "member", "members", "group", "groups", "some", "several", "many", "most", "all", "each",
    "one", "none", "dozens", "hundreds", "thousands", "scores", "tens", "majority", "number",
    "handful", "band", "team", "unit", "units", "contingent", "part", "rest", "remnants",
    "elements", "factions", "faction", "wing",
})  # fmt: skip
#: Prefixes that say which side someone is on, not whose they are.
STANCES = frozenset({"anti", "pro"})


def mention_span(head: Token) -> Span:
    """The words naming an actor: the head, its entity, titles and modifiers."""
    doc = head.doc
    start, end = head.i, head.i + 1
    if head.ent_type_ in ENT_LABELS:
        ent = entity_of(head)
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end)
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS and child.dep_ != "poss":
            start = min(start, child.left_edge.i)
    while start < end and doc[start].dep_ in ("det", "punct", "case", "cc"):
        start += 1
    return doc[start:end]


def entity_of(token: Token) -> Span | None:
    """The named entity the token is part of, if any."""
    if not token.ent_type_:
        return None
    for ent in doc_ents(token.doc):
        if ent.start <= token.i < ent.end:
            return ent
    return None


_last_ents: tuple[Doc, tuple[Span, ...]] | None = None


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, made once per document: spaCy builds new spans on every access,
    and the resolvers ask for them once per mention."""
    global _last_ents
    last = _last_ents  # one read: other threads may replace it meanwhile
    if last is not None and last[0] is doc:
        return last[1]
    ents = tuple(doc.ents)
    _last_ents = (doc, ents)
    return ents


# ------------------------------------------------------------------ token helpers
def retarget(head: Token, span: Span) -> tuple[Token, Span]:
    """A partitive names its "of" object: "members of SANDF" is SANDF, "several of the
    largest trade unions" are unions."""
    if head.lower_ in GROUP_HEADS or head.pos_ == "NUM":
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    start = min(obj.left_edge.i, obj.i)
                    end = max(t.i for t in obj.subtree) + 1
                    return obj, obj.doc[start:end]
    return head, span


def phrase_head(span: Span) -> Token:
    """The head of a bare phrase: its root, or its last noun when the parser made a
    verb the root ("wanted persons")."""
    root = span.root
    if root.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
        return root
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns else root


def of_object(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def core_words(span: Span) -> list[Token]:
    """The mention without leading articles, numbers and quantifiers ("two men" -> men)."""
    words = list(span)
    while words and (
        words[0].dep_ in ("det", "predet", "case", "cc", "nummod", "quantmod")
        or words[0].pos_ in ("DET", "NUM", "PUNCT")
    ):
        words.pop(0)
    while words and words[-1].is_punct:
        words.pop()
    return words or list(span)


def words_text(words: list[Token]) -> str:
    """The text of some tokens of one document, with their spacing."""
    if not words:
        return ""
    doc = words[0].doc
    return doc[words[0].i : words[-1].i + 1].text


def joined_text(words: list[Token]) -> str:
    return " ".join(t.text for t in words if not t.is_punct)


def is_sponsor(token: Token) -> bool:
    """A country word that names a sponsor or a side, not the actor: "Iranian-backed
    militias", "an anti-Syria journalist", "pro-Moscow separatists"."""
    if "-" in token.text.strip("-"):
        prefix, _, suffix = token.text.rpartition("-")
        return suffix.casefold() in SPONSOR_SUFFIXES or prefix.casefold() in STANCES
    i = token.i
    doc = token.doc
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in STANCES:
        return True  # split by the tokenizer: anti - Syria
    return token.head.lower_ in SPONSOR_SUFFIXES and token.dep_ in ("npadvmod", "compound")


def in_locative(token: Token) -> bool:
    """Is the name the object of "in", "near", "at"...: a place, not an actor?"""
    head = token
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def is_ethnic(words: list[Token]) -> bool:
    return any(t.lower_ == "ethnic" for t in words)


def is_capitalised(token: Token) -> bool:
    return any(ch.isupper() for ch in token.text)


def evidence_tokens(span: Span, head: Token) -> list[Token]:
    """The mention's words plus possessives, appositions and "of"/"in" phrases of the head."""
    tokens = list(span)
    seen = {t.i for t in tokens}
    for child in head.children:
        extra: Iterable[Token] = ()
        if child.dep_ == "poss":
            extra = child.subtree
        elif child.dep_ == "appos":
            extra = (t for t in child.subtree if t.dep_ != "punct")
        elif child.dep_ == "prep" and child.lower_ in ORIGIN_PREPS:
            extra = child.subtree
        elif child.dep_ == "prep" and child.lower_ == "for" and head.lemma_ in SHELTERS:
            extra = child.subtree  # "a camp for Congolese refugees" shelters Congolese
        for token in extra:
            if token.i not in seen:
                seen.add(token.i)
                tokens.append(token)
    return tokens


def proper_runs(tokens: list[Token]) -> list[list[Token]]:
    """Runs of capitalised words (place names are among them)."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if is_capitalised(token) and token.pos_ in ("PROPN", "NOUN", "ADJ") and not token.is_stop:
            if current and token.i != current[-1].i + 1:
                runs.append(current)
                current = []
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def is_definite(span: Span, head: Token) -> bool:
    return any(c.lower_ in ("the", "this", "that") for c in head.children if c.dep_ == "det")
