"""Which phrase carries a place name (attach._carrier), on parses built by hand (issue 5)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventcoder.resolve.attach import _carrier


def test_a_direction_word_carries_its_reference_point() -> None:
    """ "the Angor Adda area, some 60 km west of Wana" with "west" hung on "area": Wana
    only says where the area lies, so it is carried by "west", not named by "area"."""
    words = ["the", "Gul", "Kach", "area", ",", "some", "60", "km", "west", "of", "Wana"]
    heads = [3, 2, 3, 3, 3, 6, 7, 8, 3, 8, 9]
    deps = ["det", "compound", "compound", "ROOT", "punct", "advmod", "nummod", "npadvmod",
            "appos", "prep", "pobj"]  # fmt: skip
    pos = ["DET", "PROPN", "PROPN", "NOUN", "PUNCT", "ADV", "NUM", "NOUN", "NOUN", "ADP",
           "PROPN"]  # fmt: skip
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    carrier, _role = _carrier(doc[10])
    assert carrier.text == "west"


def test_a_mistagged_gapped_toll_has_no_subject_of_its_own() -> None:
    """ "three people were killed and seven others wounded", with "wounded" tagged a
    past tense: one toll of one incident, which shares its place."""
    from eventcoder.resolve.place_sharing import own_subject

    words = ["three", "people", "were", "killed", "and", "seven", "others", "wounded", "."]
    heads = [1, 3, 3, 3, 3, 6, 7, 3, 3]
    deps = ["nummod", "nsubjpass", "auxpass", "ROOT", "cc", "nummod", "nsubj", "conj", "punct"]
    tags = ["CD", "NNS", "VBD", "VBN", "CC", "CD", "NNS", "VBD", "."]
    lemmas = ["three", "people", "be", "kill", "and", "seven", "other", "wound", "."]
    doc = Doc(
        spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, lemmas=lemmas
    )
    assert not own_subject(doc[3], doc[7])
