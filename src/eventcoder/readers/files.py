"""Getting bytes and text out of input files: gzip, size limits, UTF-8, directories.

Every function here turns the ways a user's file can be wrong (missing, unreadable,
too big, binary, not UTF-8, a broken gzip) into a `ReadProblem` instead of an
exception, so one bad file never stops a batch. Callers get either the data or the
problem and decide what to yield.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import AnyStr

from eventcoder.model import ReadProblem

logger = logging.getLogger(__name__)

#: How much of a file is checked for NUL bytes before it is treated as text.
SNIFF_BYTES = 8192

#: Lower-case extension (after any .gz is removed) -> reader kind.
KIND_BY_SUFFIX: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}

FORMATS_HINT = "eventcoder reads UTF-8 .txt, .jsonl, .html and their .gz"

#: What reading a possibly gzip-compressed file can raise for bad data or bad luck.
#: gzip.BadGzipFile is an OSError; a truncated gzip raises EOFError.
READ_ERRORS: tuple[type[Exception], ...] = (OSError, EOFError, zlib.error)


#: Lone surrogates: what a JSON escape like `\ud800` or an undecodable file name (Python's
#: surrogateescape) leaves in a str. They cannot be written as UTF-8, so no record,
#: origin or message may hold one.
SURROGATES = re.compile("[\ud800-\udfff]")


def shown(path: Path | str) -> str:
    """A path as text that can always be printed and stored.

    File names are bytes on POSIX; one that is not UTF-8 reaches Python with its bad
    bytes as surrogates, which would break output and the store. They are written as
    `\\xNN` instead, the same way every time, so the name stays stable between runs.
    """
    text = os.fspath(path)
    if SURROGATES.search(text) is None:
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file system put there
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def replace_surrogates(text: str) -> tuple[str, int | None]:
    """`text` with each lone surrogate replaced by U+FFFD, and the offset of the first."""
    match = SURROGATES.search(text)
    if match is None:
        return text, None
    return SURROGATES.sub("\ufffd", text), match.start()


def is_gzip(path: Path) -> bool:
    """Whether the file is read through gzip: decided by name, as users expect."""
    return path.name.lower().endswith(".gz")


def logical_name(path: Path) -> str:
    """The file name without `.gz`: it is both the doc id and the format key."""
    name = shown(path.name)
    return name[:-3] if is_gzip(path) else name


def file_kind(path: Path) -> str | None:
    """The reader kind for a file name ('text', 'jsonl', 'json', 'html') or None."""
    suffix = os.path.splitext(logical_name(path))[1].lower()
    return KIND_BY_SUFFIX.get(suffix)


def too_big_message(max_bytes: int, what: str = "file") -> str:
    """The one wording for input over the size limit, naming the settings that raise it."""
    return (
        f"{what} is larger than the {max_bytes:,}-byte limit on one article and was skipped; "
        "raise it with --max-bytes or [limits] max_article_bytes in a --config file"
    )


def line_too_big_message(max_bytes: int, option: str = "--max-line-bytes") -> str:
    """The wording for an over-long JSONL line; `option` is the limit that applied."""
    setting = "max_line_bytes" if option == "--max-line-bytes" else "max_article_bytes"
    return (
        f"line is longer than the {max_bytes:,}-byte limit and was skipped; raise it with "
        f"{option} (or [limits] {setting} in a --config file), or split the record"
    )


def line_limit(max_bytes: int, max_line_bytes: int) -> tuple[int, str]:
    """The limit on one JSONL line (one article, so never above `max_bytes`) and the
    option that sets it."""
    if max_line_bytes <= max_bytes:
        return max_line_bytes, "--max-line-bytes"
    return max_bytes, "--max-bytes"


def describe_read_error(exc: BaseException) -> str:
    """Say in plain words why a file could not be read (errno names are not for users)."""
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return f"not a valid gzip file ({exc}); decompress it or remove the .gz suffix"
    if isinstance(exc, EOFError):
        return "gzip file is truncated; the download or copy was probably cut short"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied; check the file's permissions"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, expected a file"
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return f"cannot read the file ({reason})"


def open_binary(path: Path) -> io.BufferedIOBase:
    """Open for reading bytes, transparently decompressing `.gz` files."""
    if is_gzip(path):
        return gzip.open(path, "rb")
    return path.open("rb")


def _read_prefix(path: Path, origin: str, limit: int) -> bytes | ReadProblem:
    """Read at most `limit` bytes (decompressed) from the start of a file."""
    try:
        with open_binary(path) as stream:
            return stream.read(limit)
    except READ_ERRORS as exc:
        return ReadProblem(origin, describe_read_error(exc))


def _plain_size(path: Path) -> int | None:
    """The size of an uncompressed regular file (None for gzip, pipes, or on error)."""
    if is_gzip(path):
        return None
    try:
        info = path.stat()
    except OSError:
        return None  # the read that follows reports it
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def read_bytes(path: Path, origin: str, max_bytes: int) -> bytes | ReadProblem:
    """Read a whole file, but never more than `max_bytes` (decompressed) into memory.

    A plain file over the limit is refused from its size alone, without reading it.
    """
    size = _plain_size(path)
    if size is not None and size > max_bytes:
        return ReadProblem(origin, too_big_message(max_bytes))
    data = _read_prefix(path, origin, max_bytes + 1)
    if isinstance(data, bytes) and len(data) > max_bytes:
        return ReadProblem(origin, too_big_message(max_bytes))
    return data


def binary_problem(data: bytes, origin: str) -> ReadProblem | None:
    """A problem if the start of the data has a NUL byte: a sure sign it is not text."""
    nul = data.find(b"\x00", 0, SNIFF_BYTES)
    if nul < 0:
        return None
    return ReadProblem(origin, f"binary file, not text (NUL byte at offset {nul}); {FORMATS_HINT}")


def _not_utf8(exc: UnicodeDecodeError, where: str) -> str:
    """Name the first bad byte and its offset so the user can find it in a hex view."""
    bad = exc.object[exc.start]
    return f"not UTF-8 text (byte 0x{bad:02x} at offset {exc.start}{where}); {FORMATS_HINT}"


def decode_utf8(data: bytes, origin: str) -> str | ReadProblem:
    """Decode a whole file as UTF-8 and drop a leading BOM (which is not text)."""
    problem = binary_problem(data, origin)
    if problem is not None:
        return problem
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ReadProblem(origin, _not_utf8(exc, ""))
    return text.removeprefix("\ufeff")


def _sniff(path: Path, origin: str) -> ReadProblem | None:
    """Check a file's first bytes, so a binary file gives one problem, not one per line."""
    head = _read_prefix(path, origin, SNIFF_BYTES)
    if isinstance(head, ReadProblem):
        return head
    return binary_problem(head, origin)


def skip_rest_of_line(readline: Callable[[int], AnyStr], newline: AnyStr) -> None:
    """Discard the remainder of an over-long line without holding it in memory."""
    while True:
        chunk = readline(1 << 20)
        if not chunk or chunk.endswith(newline):
            return


def _decode_line(raw: bytes, number: int, origin: str) -> tuple[int, str] | ReadProblem:
    """Decode one line; a bad byte spoils only its own line, not the whole file."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ReadProblem(f"{origin}:{number}", _not_utf8(exc, " in this line"))
    return number, line.removeprefix("\ufeff") if number == 1 else line


def _split_lines(
    stream: io.BufferedIOBase,
    origin: str,
    max_bytes: int,
    option: str,
    span: LineSpan | None = None,
) -> Iterator[tuple[int, str] | ReadProblem]:
    """Yield (1-based line number, line) pairs, reading at most one line at a time;
    with a `span`, only its lines."""
    number, last = 0, None
    if span is not None:
        stream.seek(span.start)
        number, last = span.first_line - 1, span.first_line - 1 + span.lines
    while (last is None or number < last) and (raw := stream.readline(max_bytes + 1)):
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            skip_rest_of_line(stream.readline, b"\n")
            yield ReadProblem(f"{origin}:{number}", line_too_big_message(max_bytes, option))
            continue
        yield _decode_line(raw, number, origin)


@dataclass(frozen=True, slots=True)
class LineSpan:
    """Some lines of an uncompressed file: `lines` lines from byte `start`, the first
    of them line number `first_line` (1-based). A partition of a big JSONL file."""

    start: int
    first_line: int
    lines: int


def iter_file_lines(
    path: Path,
    origin: str,
    max_bytes: int,
    span: LineSpan | None = None,
    *,
    option: str = "--max-line-bytes",
) -> Iterator[tuple[int, str] | ReadProblem]:
    """Stream a (possibly gzipped) file line by line, so a huge JSONL never sits in memory.

    With a `span`, only those lines (the file must not be gzipped). A binary file
    is reported by the span that starts the file, and by no other. A line over
    `max_bytes` is skipped (read in 1 MiB pieces, never held whole) with a problem
    naming its line and `option`, the setting that raises the limit.
    """
    problem = _sniff(path, origin)
    if problem is not None:
        if span is None or span.start == 0:
            yield problem
        return
    try:
        with open_binary(path) as stream:
            yield from _split_lines(stream, origin, max_bytes, option, span)
    except READ_ERRORS as exc:
        yield ReadProblem(origin, describe_read_error(exc))


def line_starts(path: Path, *, every: int, block: int = 1 << 20) -> Iterator[tuple[int, int]]:
    """(byte offset, line number) of line 1 and of every `every`-th line after it,
    found in one pass over the file in blocks (no line is decoded). Nothing after
    the last newline of the file counts as a line start."""
    yield 0, 1
    size = path.stat().st_size
    line, offset = 1, 0
    with path.open("rb") as stream:
        while data := stream.read(block):
            start = 0
            while (found := data.find(b"\n", start)) >= 0:
                line, start = line + 1, found + 1
                if (line - 1) % every == 0 and offset + start < size:
                    yield offset + start, line
            offset += len(data)


def _is_wanted(entry: os.DirEntry[str]) -> bool:
    """Skip hidden entries; keep directories and files whose format we read."""
    if entry.name.startswith("."):
        return False
    if entry.is_dir(follow_symlinks=False):
        return True
    return entry.is_file() and file_kind(Path(entry.name)) is not None


def walk_directory(root: Path) -> Iterator[Path | ReadProblem]:
    """Yield readable input files under `root`, recursively, in sorted name order.

    Symlinked directories are not followed, so a link loop cannot hang the walk.
    """
    try:
        with os.scandir(root) as scan:
            entries = sorted((e for e in scan if _is_wanted(e)), key=lambda e: e.name)
    except OSError as exc:
        yield ReadProblem(shown(root), describe_read_error(exc))
        return
    for entry in entries:
        path = root / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from walk_directory(path)
        else:
            logger.debug("found input file %s", path)
            yield path
