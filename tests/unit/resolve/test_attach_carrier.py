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


def test_a_name_hung_on_the_verb_after_an_area_word_is_carried_by_it() -> None:
    """ "demonstrated in the Beninese capital Cotonou against the decree" with "Cotonou" hung on
    the verb as an adverb: the name renames "capital", which carries it."""
    words = ["they", "demonstrated", "in", "the", "Beninese", "capital", "Cotonou", "against", "it"]
    heads = [1, 1, 1, 5, 5, 2, 1, 6, 7]
    deps = ["nsubj", "ROOT", "prep", "det", "amod", "pobj", "advmod", "prep", "pobj"]
    pos = ["PRON", "VERB", "ADP", "DET", "ADJ", "NOUN", "PROPN", "ADP", "PRON"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    carrier, _role = _carrier(doc[6])
    assert carrier.text == "capital"


def test_a_contrast_borrows_no_auxiliary() -> None:
    """ "one boat was captured, but a second landed near X": two events, with places of
    their own; "trucks were destroyed and people hurt" is one report of one incident."""
    from eventcoder.resolve.clauses import borrows_auxiliary

    def doc_of(cc: str) -> Doc:
        words = ["boats", "were", "captured", cc, "people", "hurt"]
        heads = [2, 2, 2, 2, 5, 2]
        deps = ["nsubjpass", "auxpass", "ROOT", "cc", "nsubj", "conj"]
        tags = ["NNS", "VBD", "VBN", "CC", "NNS", "VBN"]
        return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags)

    joined, contrasted = doc_of("and"), doc_of("but")
    assert borrows_auxiliary(joined[2], joined[5])
    assert not borrows_auxiliary(contrasted[2], contrasted[5])


def test_a_phrase_hung_on_a_naming_participle_reaches_the_event() -> None:
    """ "captured the suspect, identified as Rahim, in Kunduz" with "in Kunduz" hung
    on "identified": the phrase says where the capture was."""
    from eventcoder.resolve.attach import _reaches

    words = ["they", "captured", "the", "suspect", ",", "identified", "as", "Rahim", ",", "in",
             "Kunduz"]  # fmt: skip
    heads = [1, 1, 3, 1, 1, 1, 5, 6, 5, 5, 9]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "advcl", "prep", "pobj", "punct", "prep",
            "pobj"]  # fmt: skip
    tags = ["PRP", "VBD", "DT", "NN", ",", "VBN", "IN", "NNP", ",", "IN", "NNP"]
    lemmas = ["they", "capture", "the", "suspect", ",", "identify", "as", "Rahim", ",", "in",
              "Kunduz"]  # fmt: skip
    doc = Doc(
        spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, lemmas=lemmas
    )
    assert _reaches(doc[5], {1})


def test_a_place_hung_on_a_fronted_day_reaches_the_event() -> None:
    """ "Last month in Tikrit, guards were killed" with "in Tikrit" hung on "month":
    the day and the place both say when and where the killing was."""
    from eventcoder.resolve.attach import _reaches

    words = ["Last", "month", "in", "Tikrit", ",", "guards", "were", "killed"]
    heads = [1, 7, 1, 2, 7, 7, 7, 7]
    deps = ["amod", "npadvmod", "prep", "pobj", "punct", "nsubjpass", "auxpass", "ROOT"]
    pos = ["ADJ", "NOUN", "ADP", "PROPN", "PUNCT", "NOUN", "AUX", "VERB"]
    ents = ["B-DATE", "I-DATE", "O", "B-GPE", "O", "O", "O", "O"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    assert _reaches(doc[1], {7})


def test_a_subject_the_parser_hung_on_a_date_is_still_the_verbs_own() -> None:
    """ "police shot him in May and agents and soldiers captured his brother", with
    "agents" read as a second date: the capture is another event, not part of the
    shooting's clause chain, and shares none of its places."""
    from eventcoder.resolve.clauses import clause_relatives, has_subject

    words = ["police", "shot", "him", "in", "May", "and", "agents", "and", "soldiers",
             "captured", "his", "brother"]  # fmt: skip
    heads = [1, 1, 1, 1, 3, 4, 4, 6, 6, 1, 11, 9]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pobj", "cc", "conj", "cc", "conj", "conj",
            "poss", "dobj"]  # fmt: skip
    pos = ["NOUN", "VERB", "PRON", "ADP", "PROPN", "CCONJ", "NOUN", "CCONJ", "NOUN", "VERB",
           "PRON", "NOUN"]  # fmt: skip
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert has_subject(doc[9])
    assert doc[9] not in clause_relatives([doc[1]])
    # "shot and killed": a coordinated verb right after "and" has no subject of its own
    words = ["police", "shot", "and", "killed", "him"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 1, 1, 1, 3],
        deps=["nsubj", "ROOT", "cc", "conj", "dobj"],
        pos=["NOUN", "VERB", "CCONJ", "VERB", "PRON"],
    )
    assert not has_subject(doc[3])


def _parsed(words, heads, deps, pos, tags=None, ents=None) -> Doc:  # type: ignore[no-untyped-def]
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        ents=ents,
    )


def test_a_town_name_the_parser_hung_on_the_people_after_it_is_the_town() -> None:
    """ "in the town of Al-Kut several Shiite Muslims marched", with "Al-Kut" hung on
    "Muslims" and "Muslims" on "of": the town is named by "the town of"; a plural
    nationality names people, not a place."""
    from eventcoder.resolve.attach import place_candidates

    words = ["in", "the", "town", "of", "Al-Kut", "several", "Shiite", "Muslims", "marched"]
    doc = _parsed(
        words,
        heads=[8, 2, 0, 2, 7, 7, 7, 3, 8],
        deps=["prep", "det", "pobj", "prep", "nmod", "amod", "amod", "pobj", "ROOT"],
        pos=["ADP", "DET", "NOUN", "ADP", "PROPN", "ADJ", "ADJ", "PROPN", "VERB"],
        tags=["IN", "DT", "NN", "IN", "NNP", "JJ", "JJ", "NNPS", "VBD"],
        ents=["O", "O", "O", "O", "B-ORG", "O", "B-NORP", "I-NORP", "O"],
    )
    found = place_candidates([doc[8]], doc[:], set(), verbal=True)
    assert [(c.span.text, c.named) for c in found] == [("Al-Kut", True)]


def test_an_owner_before_a_stronghold_is_no_name_of_it() -> None:
    """ "an IRA stronghold": the stronghold's owner; "the stronghold of Tora Bora" and
    "Falluja district" name places; "in front of X" is a preposition, not an area."""
    from eventcoder.resolve.place_names import area_named

    owned = _parsed(["an", "IRA", "stronghold"], [2, 2, 2], ["det", "compound", "ROOT"],
                    ["DET", "PROPN", "NOUN"])  # fmt: skip
    assert not area_named(owned[1])
    of = _parsed(["the", "stronghold", "of", "Jalalabad"], [1, 1, 1, 2],
                 ["det", "ROOT", "prep", "pobj"], ["DET", "NOUN", "ADP", "PROPN"])  # fmt: skip
    assert area_named(of[3])
    district = _parsed(["Falluja", "district"], [1, 1], ["compound", "ROOT"], ["PROPN", "NOUN"])
    assert area_named(district[0])
    front = _parsed(
        ["in", "front", "of", "Parliament"],
        [0, 0, 1, 2],
        ["ROOT", "pobj", "prep", "pobj"],
        ["ADP", "NOUN", "ADP", "PROPN"],
    )
    assert not area_named(front[3])


def test_a_distance_from_another_place_says_a_name_is_a_place() -> None:
    """ "Kidal, some 1,500 km (930 miles) northeast of Bamako": a town; "Ortega, who led
    units south of Davao": a man."""
    from spacy.tokens import Span

    from eventcoder.resolve.place_clues import located

    nlp = spacy.blank("en")
    town = nlp("Kidal, some 1,500 km (930 miles) northeast of Bamako, was captured.")
    assert located(Span(town, 0, 1))
    man = nlp("Ortega, who led units south of Davao, was captured.")
    assert not located(Span(man, 0, 1))


def test_a_force_the_knowledge_base_knows_is_no_unresolved_place() -> None:
    """ "stormed the Syrian Arab Army's posts": a named target the gazetteer lacks is kept
    as an unresolved place, but not when the knowledge base knows it as an institution."""
    from spacy.tokens import Span

    from eventcoder.knowledge.base import KnowledgeBase
    from eventcoder.place_stage import PlaceStage
    from eventcoder.resolve.attach import PlaceCandidate
    from eventcoder.resolve.places import Gazetteer

    stage = PlaceStage(Gazetteer.load(), KnowledgeBase.load())
    doc = spacy.blank("en")("They stormed the Syrian Arab Army posts and the Qasr Dabba posts.")
    force = Span(doc, 3, 6, label="ORG")
    assert stage._resolve(PlaceCandidate(force, 1, True, 6), [], [], []) is None
    unknown = Span(doc, 9, 11, label="GPE")
    place = stage._resolve(PlaceCandidate(unknown, 1, True, 11), [], [], [])
    assert place is not None and place.extracted_place == "Qasr Dabba"


def test_a_fronted_phrase_hung_on_the_subject_is_the_events() -> None:
    """ "In the town of Grad, a building housing troops was destroyed", with "In" hung on
    "housing", a misparsed head of the subject: the fronted phrase still sets the scene."""
    from eventcoder.resolve.attach import place_candidates

    words = ["In", "the", "town", "of", "Grad", ",", "a", "building", "housing", "troops",
             "was", "destroyed"]  # fmt: skip
    doc = _parsed(
        words,
        heads=[8, 2, 0, 2, 3, 8, 8, 8, 11, 11, 11, 11],
        deps=[
            "prep",
            "det",
            "pobj",
            "prep",
            "pobj",
            "punct",
            "det",
            "compound",
            "dep",
            "nsubjpass",
            "auxpass",
            "ROOT",
        ],
        pos=[
            "ADP",
            "DET",
            "NOUN",
            "ADP",
            "PROPN",
            "PUNCT",
            "DET",
            "NOUN",
            "NOUN",
            "NOUN",
            "AUX",
            "VERB",
        ],
        ents=["O", "O", "O", "O", "B-PERSON", "O", "O", "O", "O", "O", "O", "O"],
    )
    found = place_candidates([doc[11]], doc[:], set())
    assert [(c.span.text, c.level) for c in found] == [("Grad", 3)]


def test_another_time_is_a_span_before_or_after_not_right_after() -> None:
    """ "a week after the attack", "since the war": another incident; "after a gunbattle":
    the same one (events.arguments.another_time, shared by event merging and places)."""
    from eventcoder.events.arguments import another_time

    later = _parsed(
        ["a", "week", "after", "the", "attack"],
        heads=[1, 2, 2, 4, 2],
        deps=["det", "npadvmod", "ROOT", "det", "pobj"],
        pos=["DET", "NOUN", "ADP", "DET", "NOUN"],
    )
    assert another_time(later[2])
    right = _parsed(["after", "a", "gunbattle"], [0, 2, 0], ["ROOT", "det", "pobj"],
                    ["ADP", "DET", "NOUN"])  # fmt: skip
    assert not another_time(right[0])
    since = _parsed(["since", "the", "war"], [0, 2, 0], ["ROOT", "det", "pobj"],
                    ["ADP", "DET", "NOUN"])  # fmt: skip
    assert another_time(since[0])
