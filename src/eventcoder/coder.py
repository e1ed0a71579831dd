"""The public Python API: `Coder().code_text(...)`, `Coder().code_files(...)`."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from eventcoder.config import Config
from eventcoder.model import Article, Event, ReadProblem
from eventcoder.pipeline import Pipeline
from eventcoder.readers import FieldNames, read_inputs

__all__ = ["Coder"]

logger = logging.getLogger(__name__)


class Coder:
    """Codes text into PLOVER events. Loading takes a few seconds; reuse one Coder.

    >>> coder = Coder()
    >>> events = coder.code_text("Russia and China held talks in Beijing.", date="2025-10-17")
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config.default()
        self.pipeline = Pipeline.cached(self.config)

    def code_text(
        self, text: str, *, date: str | dt.date | None = None, doc_id: str = "text"
    ) -> list[Event]:
        """The events of one text; `date` is its publication date (ISO string or date)."""
        article = Article(id=doc_id, text=text, date=_as_date(date), origin=doc_id)
        return self.code_articles([article])[0][1]

    def code_articles(self, articles: Iterable[Article]) -> list[tuple[Article, list[Event]]]:
        return list(self.pipeline.run(articles))

    def code_files(
        self,
        paths: Sequence[str | Path],
        *,
        date: str | dt.date | None = None,
        fields: FieldNames | None = None,
    ) -> Iterator[Event]:
        """Events of every article in the files (txt, JSONL, HTML, gzip, directories).

        Records that cannot be read are skipped with a logged warning; use
        `eventcoder.readers.read_inputs` to see each problem yourself.
        """
        items = read_inputs(
            [str(p) for p in paths],
            date=_as_date(date),
            fields=fields or FieldNames(),
            max_bytes=self.config.max_article_bytes,
            max_line_bytes=self.config.max_line_bytes,
            max_html_tags=self.config.max_html_tags,
        )
        for _article, events in self.pipeline.run(_articles_only(items)):
            yield from events


def _articles_only(items: Iterable[Article | ReadProblem]) -> Iterator[Article]:
    """The articles; each problem is logged, so no skipped record goes unmentioned."""
    for item in items:
        if isinstance(item, ReadProblem):
            logger.warning("%s: %s", item.origin, item.message)
        else:
            yield item


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"date {value!r} is not an ISO date (YYYY-MM-DD)") from None
