"""Input readers: files, directories and stdin in; `Article`s and `ReadProblem`s out.

`read_inputs` never raises for a user's bad data. A missing file, a broken line or a
binary file becomes a `ReadProblem(origin, message)` in the stream, in input order,
between the good records around it, so a batch run codes everything it can and
reports the rest. Formats are chosen by file name (after removing `.gz`):
.txt/.text (one article), .jsonl/.ndjson (one per line), .json (an object or a list),
.html/.htm (main text via trafilatura). Unknown extensions are read as text when
named explicitly and skipped when found in a directory.

A problem's `origin` is the path, `path:LINE` (JSONL lines, 1-based) or
`path#INDEX` (.json list items, 0-based); its `message` does not repeat the origin,
so show them as `f"{origin}: {message}"`. Origins, ids and texts are always valid
Unicode: a file name that is not UTF-8 is shown with `\\xNN` escapes, and a JSON
`\\ud800` escape (a lone surrogate) is replaced by U+FFFD with a warning.

Size limits bound memory: one article (`max_bytes`, default 50 MB) and one JSONL
line (`max_line_bytes`, default 10 MB) are never read past their limit, and JSONL is
streamed, so a file of a million lines holds one line at a time (plus the ids seen,
kept to report duplicates).
"""

from __future__ import annotations

import datetime as dt
import logging
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from eventcoder.model import Article, ReadProblem
from eventcoder.readers import files, html, jsonl, text
from eventcoder.readers.files import LineSpan
from eventcoder.readers.stdin import read_stdin
from eventcoder.readers.text import parse_date_header

__all__ = [
    "FieldNames",
    "FilePart",
    "LineSpan",
    "parse_date_header",
    "plan_parts",
    "read_inputs",
    "read_parts",
]

logger = logging.getLogger(__name__)

_Outcome = Article | ReadProblem


@dataclass(frozen=True, slots=True)
class FieldNames:
    """Names of the JSON fields that hold each Article attribute.

    Corpora name their fields differently (`body`, `content`, `published`); mapping
    them here saves users from rewriting their data.
    """

    id: str = "id"
    text: str = "text"
    date: str = "date"
    title: str = "title"
    url: str = "url"
    source: str = "source"


#: The default size limits (also in default_config.toml's [limits]).
DEFAULT_MAX_ARTICLE_BYTES = 50_000_000
DEFAULT_MAX_LINE_BYTES = 10_000_000


@dataclass(frozen=True, slots=True)
class _Options:
    """The per-call settings every reader needs, passed as one value."""

    fields: FieldNames
    default_date: dt.date | None
    max_bytes: int
    line_bytes: int
    line_option: str
    html_tags: int


def read_inputs(
    paths: Sequence[str],
    *,
    date: dt.date | None = None,
    fields: FieldNames = FieldNames(),
    stdin: TextIO | None = None,
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    max_html_tags: int = html.DEFAULT_MAX_TAGS,
) -> Iterator[Article | ReadProblem]:
    """Yield an Article per good record and a ReadProblem per bad one, in input order.

    `paths` are files, directories (walked recursively, sorted, hidden entries
    skipped) or `-` for `stdin` (default `sys.stdin`). `date` is used for records
    without a date of their own. `max_bytes` caps one article: a whole .txt, .html
    or .json file (decompressed) or stdin text; `max_line_bytes` caps one JSONL line
    (a line is one article, so the smaller of the two applies); `max_html_tags`
    caps the tags of a saved page (the extractor slows with their square). Input
    over a limit is skipped with a problem, never read whole into memory.
    Raises TypeError/ValueError only for wrong arguments (programming errors).
    """
    if isinstance(paths, str | bytes):
        raise TypeError("read_inputs takes a sequence of paths, not one string; wrap it in a list")
    limits = {"max_bytes": max_bytes, "max_line_bytes": max_line_bytes}
    for name, value in {**limits, "max_html_tags": max_html_tags}.items():
        if value < 1:
            raise ValueError(f"{name} must be positive, got {value}")
    line_bytes, line_option = files.line_limit(max_bytes, max_line_bytes)
    options = _Options(fields, date, max_bytes, line_bytes, line_option, max_html_tags)
    return _read_all(list(paths), options, stdin)


def _read_all(paths: list[str], options: _Options, stdin: TextIO | None) -> Iterator[_Outcome]:
    """The generator behind `read_inputs`, so argument errors surface at the call."""
    for raw in paths:
        if raw == "-":
            yield from read_stdin(
                stdin if stdin is not None else sys.stdin,
                fields=options.fields,
                default_date=options.default_date,
                max_bytes=options.max_bytes,
                max_line_bytes=options.line_bytes,
            )
        elif not raw:
            yield ReadProblem('""', "empty path; give a file, a directory, or - for stdin")
        else:
            yield from _read_path(Path(raw), options)


def _read_path(path: Path, options: _Options) -> Iterator[_Outcome]:
    """Read one command-line path: a directory or a single file of any extension."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        yield ReadProblem(files.shown(path), files.describe_read_error(exc))
        return
    if stat.S_ISDIR(mode):
        yield from _read_directory(path, options)
    else:
        yield from _read_file(path, options)


def _read_directory(root: Path, options: _Options) -> Iterator[_Outcome]:
    """Read every supported file under a directory; say so if there are none."""
    found = False
    for item in files.walk_directory(root):
        if isinstance(item, ReadProblem):
            yield item
            continue
        found = True
        yield from _read_file(item, options)
    if not found:
        message = "no .txt, .jsonl, .json or .html files found in this directory"
        yield ReadProblem(files.shown(root), message)


def _read_file(path: Path, options: _Options, span: LineSpan | None = None) -> Iterator[_Outcome]:
    """Dispatch on the file name; unknown extensions are tried as UTF-8 text."""
    kind = files.file_kind(path) or "text"
    logger.debug("reading %s as %s", files.shown(path), kind)
    day = options.default_date
    if kind == "jsonl":
        return jsonl.read_jsonl_file(
            path,
            fields=options.fields,
            default_date=day,
            max_bytes=options.line_bytes,
            span=span,
            option=options.line_option,
        )
    if kind == "json":
        return jsonl.read_json_file(
            path, fields=options.fields, default_date=day, max_bytes=options.max_bytes
        )
    if kind == "html":
        return html.read_html_file(
            path, default_date=day, max_bytes=options.max_bytes, max_tags=options.html_tags
        )
    return text.read_text_file(path, default_date=day, max_bytes=options.max_bytes)


# ---------------------------------------------------------------- partitions


@dataclass(frozen=True, slots=True)
class FilePart:
    """A file to read whole, or a span of the lines of an uncompressed JSONL file.

    `size` and `mtime_ns` are the file's when the part was planned: they make a
    part's identity change when the file does.
    """

    path: str
    size: int
    mtime_ns: int
    span: LineSpan | None = None

    @property
    def articles(self) -> int:
        """About how many articles the part holds (a whole file counts one)."""
        return self.span.lines if self.span else 1


def plan_parts(paths: Sequence[str], *, lines_per_part: int) -> Iterator[FilePart | ReadProblem]:
    """The inputs as parts, in `read_inputs` order; a JSONL file of more than
    `lines_per_part` lines is cut into spans of that many lines. Paths that cannot
    be read, and `-`, come out as problems (stdin cannot be shared with workers)."""
    for raw in paths:
        if raw == "-" or not raw:
            yield ReadProblem(raw or '""', "stdin and empty paths cannot be split among workers; "
                              "save the input to a file, or use --engine local")  # fmt: skip
            continue
        for item in _plan_path(Path(raw)):
            if isinstance(item, ReadProblem):
                yield item
            else:
                yield from _file_parts(item, lines_per_part)


def _plan_path(path: Path) -> Iterator[Path | ReadProblem]:
    try:
        is_dir = stat.S_ISDIR(path.stat().st_mode)
    except OSError as exc:
        yield ReadProblem(str(path), files.describe_read_error(exc))
        return
    if not is_dir:
        yield path
        return
    found = False
    for item in files.walk_directory(path):
        found = found or isinstance(item, Path)
        yield item
    if not found:
        yield ReadProblem(
            str(path), "no .txt, .jsonl, .json or .html files found in this directory"
        )


def _file_parts(path: Path, lines_per_part: int) -> Iterator[FilePart]:
    """One file's parts: spans of `lines_per_part` lines for plain JSONL, else the file."""
    info = path.stat()
    if files.file_kind(path) != "jsonl" or files.is_gzip(path) or info.st_size == 0:
        yield FilePart(str(path), info.st_size, info.st_mtime_ns)
        return
    starts = list(files.line_starts(path, every=lines_per_part))
    total = _line_count(path, starts[-1])
    ends = [line for _, line in starts[1:]] + [total + 1]
    for (offset, first), end in zip(starts, ends, strict=True):
        span = LineSpan(start=offset, first_line=first, lines=end - first)
        yield FilePart(str(path), info.st_size, info.st_mtime_ns, span)


def _line_count(path: Path, last_start: tuple[int, int]) -> int:
    """How many lines the file has, counting from the last known line start."""
    offset, line = last_start
    with path.open("rb") as stream:
        stream.seek(offset)
        rest = stream.read()
    return line - 1 + rest.count(b"\n") + (0 if rest.endswith(b"\n") or not rest else 1)


def read_parts(
    parts: Sequence[FilePart],
    *,
    date: dt.date | None = None,
    fields: FieldNames = FieldNames(),
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    max_html_tags: int = html.DEFAULT_MAX_TAGS,
) -> Iterator[Article | ReadProblem]:
    """Read planned parts: what `read_inputs` gives for the same lines, part by part."""
    line_bytes, line_option = files.line_limit(max_bytes, max_line_bytes)
    options = _Options(fields, date, max_bytes, line_bytes, line_option, max_html_tags)
    for part in parts:
        yield from _read_file(Path(part.path), options, part.span)
