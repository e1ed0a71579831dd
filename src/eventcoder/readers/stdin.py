"""Reading `-`: stdin is JSONL if its first non-blank character is `{`, else one text.

Stdin is already-decoded text and may be an endless pipe, so it is never read whole
when it is JSONL: the first lines are peeked at to decide, then put back in front of
the stream (`PrefixedReader`) and read line by line like a file.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol, TextIO

from eventcoder.model import Article, ReadProblem
from eventcoder.readers.files import (
    FORMATS_HINT,
    SURROGATES,
    line_limit,
    line_too_big_message,
    skip_rest_of_line,
    too_big_message,
)
from eventcoder.readers.jsonl import read_jsonl_lines
from eventcoder.readers.text import text_to_article

if TYPE_CHECKING:
    from eventcoder.readers import FieldNames

__all__ = ["STDIN_ID", "STDIN_ORIGIN", "PrefixedReader", "iter_stream_lines", "read_stdin"]

STDIN_ORIGIN = "<stdin>"
STDIN_ID = "stdin"


class LineReader(Protocol):
    """Anything with a text `readline(size)`: stdin, StringIO, `PrefixedReader`."""

    def readline(self, size: int = -1, /) -> str: ...


class PrefixedReader:
    """A text stream with some already-read text put back in front of it."""

    def __init__(self, prefix: str, rest: LineReader) -> None:
        self._prefix = io.StringIO(prefix)
        self._rest = rest

    def readline(self, size: int = -1, /) -> str:
        """Serve the prefix first, finishing a partial last prefix line from the rest."""
        line = self._prefix.readline(size)
        if line.endswith("\n") or (size >= 0 and len(line) >= size):
            return line
        return line + self._rest.readline(size - len(line) if size >= 0 else -1)


def stream_not_utf8(exc: UnicodeDecodeError) -> str:
    """Message for a stream that failed to decode; no file offset is known for it."""
    return f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); {FORMATS_HINT}"


def surrogate_problem(text: str, origin: str) -> ReadProblem | None:
    """Catch bad bytes that a lenient stdin (surrogateescape) let through as surrogates."""
    match = SURROGATES.search(text)
    if match is None:
        return None
    code = ord(match.group())
    shown = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
    message = f"not UTF-8 text ({shown} at offset {match.start()}); {FORMATS_HINT}"
    return ReadProblem(origin, message)


def _check_line(
    line: str, number: int, origin: str, max_bytes: int, option: str
) -> tuple[int, str] | ReadProblem:
    """Check one line read from a text stream: its size in UTF-8 and its characters."""
    where = f"{origin}:{number}"
    body = line.removesuffix("\n")
    if len(body) > max_bytes or len(body.encode("utf-8", "surrogatepass")) > max_bytes:
        return ReadProblem(where, line_too_big_message(max_bytes, option))
    problem = surrogate_problem(line, where)
    if problem is not None:
        return problem
    return number, line.removeprefix("\ufeff") if number == 1 else line


def iter_stream_lines(
    stream: LineReader, origin: str, max_bytes: int, *, option: str = "--max-line-bytes"
) -> Iterator[tuple[int, str] | ReadProblem]:
    """Numbered lines of a text stream, like `files.iter_file_lines` for a file."""
    number = 0
    try:
        while line := stream.readline(max_bytes + 1):
            number += 1
            if len(line) > max_bytes and not line.endswith("\n"):
                skip_rest_of_line(stream.readline, "\n")
            yield _check_line(line, number, origin, max_bytes, option)
    except UnicodeDecodeError as exc:
        yield ReadProblem(f"{origin}:{number + 1}", stream_not_utf8(exc))


def _peek(stream: TextIO, max_bytes: int) -> str:
    """Read up to and including the first non-blank line (never past the size limit)."""
    head = ""
    while len(head) <= max_bytes:
        line = stream.readline(max_bytes + 1 - len(head))
        head += line
        if not line or line.strip():
            break
    return head


def _as_text(
    head: str, stream: TextIO, default_date: dt.date | None, max_bytes: int
) -> Iterator[Article | ReadProblem]:
    """Read the rest of stdin (within the size limit) as one text article."""
    try:
        whole = head + stream.read(max(0, max_bytes + 1 - len(head)))
    except UnicodeDecodeError as exc:
        yield ReadProblem(STDIN_ORIGIN, stream_not_utf8(exc))
        return
    whole = whole.removeprefix("\ufeff")
    if len(whole) > max_bytes or len(whole.encode("utf-8", "surrogatepass")) > max_bytes:
        yield ReadProblem(STDIN_ORIGIN, too_big_message(max_bytes, "input"))
        return
    problem = surrogate_problem(whole, STDIN_ORIGIN)
    if problem is not None:
        yield problem
        return
    yield from text_to_article(
        whole, doc_id=STDIN_ID, origin=STDIN_ORIGIN, default_date=default_date
    )


def read_stdin(
    stream: TextIO,
    *,
    fields: FieldNames,
    default_date: dt.date | None,
    max_bytes: int,
    max_line_bytes: int | None = None,
) -> Iterator[Article | ReadProblem]:
    """Read stdin as JSONL (origins `<stdin>:LINE`) or as one article with id `stdin`.

    `max_bytes` caps the text article; `max_line_bytes` (default: `max_bytes`) caps
    one JSONL line.
    """
    line_bytes, option = line_limit(max_bytes, max_line_bytes or max_bytes)
    try:
        head = _peek(stream, max_bytes)
    except UnicodeDecodeError as exc:
        yield ReadProblem(STDIN_ORIGIN, stream_not_utf8(exc))
        return
    if not head.lstrip("\ufeff").lstrip().startswith("{"):
        yield from _as_text(head, stream, default_date, max_bytes)
        return
    lines = iter_stream_lines(PrefixedReader(head, stream), STDIN_ORIGIN, line_bytes, option=option)
    yield from read_jsonl_lines(
        lines, origin=STDIN_ORIGIN, id_base=STDIN_ID, fields=fields, default_date=default_date
    )
