"""Fixtures the resolver tests share: the configured spaCy model and the default
knowledge base's actor resolver, each loaded once per session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventcoder.config import Config
from eventcoder.knowledge.base import KnowledgeBase
from eventcoder.nlp import load_nlp
from eventcoder.resolve.actors import ActorResolver


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp(Config.default().model_name)


@pytest.fixture(scope="session")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase.load())
