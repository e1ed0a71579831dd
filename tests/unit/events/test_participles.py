"""A participle that modifies a noun: who acts and what is acted on (issue 5 review).

The parses are built by hand, so these tests fix the reading of the parse, not the
parser's mood. Sentences written by the team.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventcoder.events.lexicon import Lexicon
from eventcoder.events.triggers import find_triggers

_LEXICON = Lexicon.load()


def _doc(rows: list[tuple[str, str, str, str, int]]) -> Doc:
    """A parsed sentence from (word, lemma, tag, dep, head) rows."""
    words, lemmas, tags, deps, heads = zip(*rows, strict=True)
    pos = {
        "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "VBD": "VERB", "VBN": "VERB", "RP": "ADP",
        "IN": "ADP", "DT": "DET", "JJ": "ADJ", "CD": "NUM", ".": "PUNCT",
    }  # fmt: skip
    return Doc(
        Vocab(), words=list(words), lemmas=list(lemmas), tags=list(tags),
        pos=[pos[t] for t in tags], deps=list(deps), heads=list(heads),
    )  # fmt: skip


def _events(doc: Doc) -> list[str]:
    return [m.sense.event for m in find_triggers(doc[:], _LEXICON)]


def test_an_active_participles_noun_is_who_acts() -> None:
    """ "the price of bread shot up by 300 percent", the parser hanging "shot" on
    "bread": prices, not guns."""
    doc = _doc([
        ("the", "the", "DT", "det", 1),
        ("price", "price", "NN", "ROOT", 1),
        ("of", "of", "IN", "prep", 1),
        ("water", "water", "NN", "pobj", 2),
        ("shot", "shoot", "VBD", "acl", 3),
        ("up", "up", "RP", "prt", 4),
        ("sharply", "sharply", "JJ", "advmod", 4),
        (".", ".", ".", "punct", 1),
    ])  # fmt: skip
    assert "ASSAULT" not in _events(doc)


def test_a_passive_participles_noun_is_what_is_acted_on() -> None:
    """ "phone footage captured seconds after the blast": a recording, not a capture."""
    doc = _doc([
        ("phone", "phone", "NN", "compound", 1),
        ("footage", "footage", "NN", "ROOT", 1),
        ("captured", "capture", "VBN", "acl", 1),
        ("after", "after", "IN", "prep", 2),
        ("the", "the", "DT", "det", 5),
        ("blast", "blast", "NN", "pobj", 3),
        (".", ".", ".", "punct", 1),
    ])  # fmt: skip
    assert "COERCE" not in _events(doc)


def test_a_participle_of_an_armed_noun_still_counts() -> None:
    """ "gunmen shot dead ...": a noun that acts with guns keeps the event."""
    doc = _doc([
        ("the", "the", "DT", "det", 1),
        ("gunmen", "gunman", "NNS", "ROOT", 1),
        ("shot", "shoot", "VBD", "acl", 1),
        ("three", "three", "CD", "nummod", 4),
        ("guards", "guard", "NNS", "dobj", 2),
        (".", ".", ".", "punct", 1),
    ])  # fmt: skip
    assert "ASSAULT" in _events(doc)
