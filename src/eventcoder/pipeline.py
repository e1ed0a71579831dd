"""The journey of an article, in one screen.

    Article -> spaCy Doc -> events -> dates -> actors -> places -> PLOVER records

`Pipeline.run(articles)` parses the texts in batches with `nlp.pipe` and hands
each parsed document through the stages in order. Each stage is a small object
with one method, `__call__(work) -> work`, that reads what earlier stages
produced and returns new mentions with its own fields filled in. Dates come
before actors because a person's role depends on the event's date.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc

from eventcoder.config import Config
from eventcoder.events.context import ContextCues, EventTable, ModeCues
from eventcoder.events.extract import EventExtractor
from eventcoder.events.lexicon import Lexicon
from eventcoder.events.mention import EventMention
from eventcoder.knowledge.base import KnowledgeBase
from eventcoder.model import Article, Event
from eventcoder.nlp import load_nlp
from eventcoder.place_stage import PlaceStage
from eventcoder.records import RecordBuilder
from eventcoder.resolve.actors import ActorResolver, DocumentMemory
from eventcoder.resolve.places import Gazetteer
from eventcoder.stages import ActorStage, DateStage, VictimStage

__all__ = ["Pipeline", "Stage", "Work"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Work:
    """One document on its way through the stages."""

    article: Article
    doc: Doc
    mentions: tuple[EventMention, ...]
    memory: DocumentMemory


class Stage(Protocol):
    name: str

    def __call__(self, work: Work) -> Work: ...


class Pipeline:
    """Named stages run in order over each parsed article."""

    def __init__(self, nlp: Language, stages: list[Stage], builder: RecordBuilder,
                 extractor: EventExtractor, config: Config) -> None:  # fmt: skip
        self.nlp = nlp
        self.stages = stages
        self.builder = builder
        self.extractor = extractor
        self.config = config

    @classmethod
    def cached(cls, config: Config) -> Pipeline:
        """One pipeline per configuration and process (loading takes seconds)."""
        return _cached_pipeline(config)

    @classmethod
    def from_config(cls, config: Config | None = None) -> Pipeline:
        config = config or Config.default()
        nlp = load_nlp(config.model_name)
        kb = KnowledgeBase.load(config.actor_files)
        gazetteer = Gazetteer.load(
            min_population=config.min_population, extra_aliases=config.place_alias_files
        )
        extractor = EventExtractor(
            Lexicon.load(config.lexicon_files),
            ContextCues.load(),
            ModeCues.load(),
            fold_embedded=config.fold_embedded,
            background_events=config.background_events,
        )
        stages: list[Stage] = [
            DateStage(config.historical_days),
            ActorStage(ActorResolver(kb, places=gazetteer)),
            PlaceStage(gazetteer, kb),
            VictimStage(),
        ]
        builder = RecordBuilder(EventTable.load(), min_confidence=config.min_confidence)
        return cls(nlp, stages, builder, extractor, config)

    def run(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Code each article; yields (article, its events) in input order."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.config.batch_size):
            yield article, self.code_doc(article, doc)

    def code_doc(self, article: Article, doc: Doc) -> list[Event]:
        work = Work(article, doc, tuple(self.extractor.extract(doc)), DocumentMemory())
        for stage in self.stages:
            work = stage(work)
            _check_contract(stage, work)
        return self.builder.build(work.article, work.doc, work.mentions)


@functools.lru_cache(maxsize=2)
def _cached_pipeline(config: Config) -> Pipeline:
    return Pipeline.from_config(config)


def _check_contract(stage: Stage, work: Work) -> None:
    """A stage may change mentions but never drop a document's identity."""
    if not isinstance(work, Work):
        raise TypeError(f"stage {stage.name} returned {type(work).__name__}, not Work")
