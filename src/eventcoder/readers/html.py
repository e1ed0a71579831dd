"""Saved web pages: the article's main text, title and date, via trafilatura.

Boilerplate (menus, comments, tables, footers) would otherwise be coded as if it
were news. Everything works on the saved file only: trafilatura and htmldate get a
string or parsed tree, never a URL, so nothing is fetched from the network.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from trafilatura.utils import decode_file

from eventcoder.model import Article, ReadProblem
from eventcoder.readers.files import binary_problem, logical_name, read_bytes, shown
from eventcoder.readers.text import parse_iso_date

__all__ = ["DEFAULT_MAX_TAGS", "PageMeta", "html_to_article", "read_html_file", "too_many_tags"]

logger = logging.getLogger(__name__)

#: The default of `[limits] max_html_tags`.
DEFAULT_MAX_TAGS = 20_000

_TAG_START = re.compile(r"<[A-Za-z]")

NO_TEXT = (
    "no article text found in the HTML; save the article page itself, "
    "or paste the article into a .txt file"
)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """The page metadata eventcoder keeps."""

    title: str | None = None
    date: dt.date | None = None
    url: str | None = None


def _main_text(markup: str) -> str | None:
    """The page's main text, or None when trafilatura finds none.

    trafilatura is a large parser fed arbitrary user files; whatever it raises on a
    malformed page means "no text here", not a bug in eventcoder, so it is logged
    and treated as no text rather than aborting the batch.
    """
    markup = _without_scripts(markup)
    try:
        return trafilatura.extract(
            markup, include_comments=False, include_tables=False, output_format="txt"
        )
    except Exception:  # any failure inside the third-party parser = no usable text
        logger.warning("trafilatura could not extract text", exc_info=True)
        return None


def _without_scripts(markup: str) -> str:
    """The markup without script and style blocks, cut from the raw text before any
    parser sees it: a malformed tag ("</div<script>...") can otherwise make a
    script's body read as text. An unclosed block runs to the end. Linear time."""
    for tag in ("script", "style"):
        lower = markup.lower()
        kept: list[str] = []
        pos = 0
        while (start := lower.find("<" + tag, pos)) >= 0:
            after = lower[start + len(tag) + 1 : start + len(tag) + 2]
            if after.isalnum() or after in ("-", "_"):  # "<scripts>", "<style-x>": other tags
                kept.append(markup[pos : start + 1])
                pos = start + 1
                continue
            kept.append(markup[pos:start] + " ")
            close = lower.find("</" + tag, start)
            end = lower.find(">", close) if close >= 0 else -1
            pos = end + 1 if end >= 0 else len(markup)
        kept.append(markup[pos:])
        markup = "".join(kept)
    return markup


def _metadata(markup: str) -> PageMeta:
    """Title, date and canonical URL when the page declares them.

    Date search is not extensive: only dates the page states as its own (meta tags,
    structured data, URL), since a guessed date would override the user's `--date`.
    """
    try:
        meta = trafilatura.extract_metadata(markup, extensive=False)
    except Exception:  # as in _main_text: a page trafilatura chokes on has no metadata
        logger.warning("trafilatura could not extract metadata", exc_info=True)
        return PageMeta()
    day = parse_iso_date(meta.date) if isinstance(meta.date, str) else None
    title = meta.title if isinstance(meta.title, str) and meta.title.strip() else None
    url = meta.url if isinstance(meta.url, str) and meta.url.strip() else None
    return PageMeta(title=title, date=day, url=url)


def html_to_article(
    markup: str, *, doc_id: str, origin: str, default_date: dt.date | None
) -> Iterator[Article | ReadProblem]:
    """Extract one Article from a page's markup, or say that it holds no article."""
    body = _main_text(markup)
    if body is None or not body.strip():
        yield ReadProblem(origin, NO_TEXT)
        return
    meta = _metadata(markup)
    yield Article(
        id=doc_id,
        text=body,
        date=meta.date if meta.date is not None else default_date,
        title=meta.title,
        url=meta.url,
        origin=origin,
    )


def too_many_tags(markup: str, max_tags: int) -> str | None:
    """Why a page is refused for its number of tags, or None.

    trafilatura's time grows with the square of the number of elements (40,000
    empty paragraphs take half a minute, 100,000 several minutes), so a page built
    to stall it is refused up front. Counting `<` before a letter is linear and
    errs on the high side (it also counts tags inside scripts).
    """
    for count, _match in enumerate(_TAG_START.finditer(markup), 1):
        if count > max_tags:
            return (
                f"more than {max_tags:,} tags, more than an article page has; save the "
                "article alone, paste its text into a .txt file, or raise [limits] "
                "max_html_tags in a --config file"
            )
    return None


def read_html_file(
    path: Path,
    *,
    default_date: dt.date | None,
    max_bytes: int,
    max_tags: int = DEFAULT_MAX_TAGS,
) -> Iterator[Article | ReadProblem]:
    """Read a saved .html/.htm page of at most `max_bytes` and `max_tags` tags.

    Pages in a legacy charset (declared in a meta tag) are decoded by trafilatura's
    own detection rather than rejected, because saved pages often are not UTF-8.
    """
    origin = shown(path)
    data = read_bytes(path, origin, max_bytes)
    if isinstance(data, ReadProblem):
        yield data
        return
    problem = binary_problem(data, origin)
    if problem is not None:
        yield problem
        return
    if not data.strip():
        yield ReadProblem(origin, "empty file, nothing to code")
        return
    markup = decode_file(data, max_bytes).removeprefix("\ufeff")
    crowded = too_many_tags(markup, max_tags)
    if crowded is not None:
        yield ReadProblem(origin, crowded)
        return
    yield from html_to_article(
        markup, doc_id=logical_name(path), origin=origin, default_date=default_date
    )
