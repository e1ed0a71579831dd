"""Plain-text articles and the optional `date YYYY-MM-DD` header that opens them.

A .txt file is one article. Wire dumps often start with the publication date, either
on a line of its own (`date 2025-10-17`) or run into the first sentence
(` date 2025-10-17 Timing in diplomacy...`). The header is cut off by slicing only,
so the article text is always `original[offset:]` and character spans found later
can be mapped back to the file by adding `offset`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventcoder.model import Article, ReadProblem
from eventcoder.readers.files import decode_utf8, logical_name, read_bytes, shown

__all__ = [
    "DateHeader",
    "find_date_header",
    "parse_date_header",
    "parse_iso_date",
    "read_text_file",
    "text_to_article",
]

#: Optional BOM and leading whitespace, the word `date` (any case), an optional colon,
#: an ISO date that ends at whitespace or the end, then the whitespace after it.
_HEADER = re.compile(
    r"\A\ufeff?\s*date(?:[ \t]*:[ \t]*|[ \t]+)([0-9]{4}-[0-9]{2}-[0-9]{2})(?=\s|\Z)\s*",
    re.IGNORECASE,
)

#: An ISO date, optionally followed by a time part (`T08:00:00Z` or ` 08:00`).
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt ][0-9]{2}.*)?", re.DOTALL)


@dataclass(frozen=True, slots=True)
class DateHeader:
    """A date header found at the top of a text.

    `date` is None when the header names an impossible day (2025-02-30); `raw` keeps
    what was written so the problem can quote it. `line` is 1-based.
    """

    date: dt.date | None
    raw: str
    offset: int
    line: int


def parse_iso_date(value: str) -> dt.date | None:
    """`YYYY-MM-DD`, or the date part of a longer ISO datetime; None if not a real day."""
    match = _ISO_DATE.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date_header(text: str) -> DateHeader | None:
    """Find the date header, if the text opens with one."""
    match = _HEADER.match(text)
    if match is None:
        return None
    raw = match.group(1)
    line = text.count("\n", 0, match.start(1)) + 1
    return DateHeader(date=parse_iso_date(raw), raw=raw, offset=match.end(), line=line)


def parse_date_header(text: str) -> tuple[dt.date | None, str, int]:
    """Split a leading date header off `text`.

    Returns (date or None, the remaining text, offset) where the remaining text is
    exactly `text[offset:]`. Without a header the text comes back whole at offset 0.
    An impossible date still counts as a header (it is removed) but gives None.
    """
    header = find_date_header(text)
    if header is None:
        return None, text, 0
    return header.date, text[header.offset :], header.offset


def _impossible_date(header: DateHeader, origin: str) -> ReadProblem:
    """The warning for a header whose date does not exist; the article is kept."""
    message = (
        f"impossible date {header.raw} in the date header; write it as YYYY-MM-DD "
        "(the date was ignored, the article is still read)"
    )
    return ReadProblem(f"{origin}:{header.line}", message, skipped=False)


def text_to_article(
    text: str, *, doc_id: str, origin: str, default_date: dt.date | None
) -> Iterator[Article | ReadProblem]:
    """Turn decoded text into one Article, or say why it holds nothing to code."""
    if not text.strip():
        yield ReadProblem(origin, "empty file, nothing to code")
        return
    header = find_date_header(text)
    body, day = text, None
    if header is not None:
        body, day = text[header.offset :], header.date
        if not body.strip():
            yield ReadProblem(origin, "empty text after the date header, nothing to code")
            return
        if day is None:
            yield _impossible_date(header, origin)
    yield Article(
        id=doc_id,
        text=body,
        date=day if day is not None else default_date,
        origin=origin,
    )


def read_text_file(
    path: Path, *, default_date: dt.date | None, max_bytes: int
) -> Iterator[Article | ReadProblem]:
    """Read a .txt (or unknown-extension) file as one article."""
    origin = shown(path)
    data = read_bytes(path, origin, max_bytes)
    if isinstance(data, ReadProblem):
        yield data
        return
    text = decode_utf8(data, origin)
    if isinstance(text, ReadProblem):
        yield text
        return
    yield from text_to_article(
        text, doc_id=logical_name(path), origin=origin, default_date=default_date
    )
