"""JSON Lines and JSON inputs: one article per JSON object.

JSONL is streamed line by line (a corpus dump can be far bigger than memory); a bad
line costs only that line. A `.json` file holds one object or a list of them and is
read whole. Both share `RecordReader`, which checks one object's fields and keeps
the ids already seen in a file so duplicates are reported instead of silently
producing two documents with the same id.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventcoder.model import Article, ReadProblem
from eventcoder.readers.files import (
    LineSpan,
    decode_utf8,
    iter_file_lines,
    logical_name,
    read_bytes,
    replace_surrogates,
    shown,
)
from eventcoder.readers.text import parse_iso_date

if TYPE_CHECKING:
    from eventcoder.readers import FieldNames

__all__ = [
    "RecordReader",
    "duplicate_id_message",
    "read_json_file",
    "read_jsonl_file",
    "read_jsonl_lines",
]

logger = logging.getLogger(__name__)

_Outcome = Article | ReadProblem


@dataclass(frozen=True, slots=True)
class _Invalid:
    """Why a record's required field is unusable; the caller adds the origin."""

    message: str


def json_type(value: Any) -> str:
    """Name a JSON value's type the way a user writing JSON thinks of it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def load_json(text: str) -> tuple[Any, ValueError | RecursionError | None]:
    """Parse JSON, returning the error instead of raising: bad input is data, not a bug.

    Besides JSONDecodeError, json.loads raises a plain ValueError for integers too long
    to convert and RecursionError for absurdly deep nesting.
    """
    try:
        return json.loads(text), None
    except (ValueError, RecursionError) as exc:
        return None, exc


def _error_text(exc: ValueError | RecursionError, *, with_line: bool) -> str:
    """Short reason for a parse failure, with the column (and line) to look at."""
    if isinstance(exc, json.JSONDecodeError):
        where = f"line {exc.lineno} column {exc.colno}" if with_line else f"column {exc.colno}"
        return f"{exc.msg} at {where}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)


def duplicate_id_message(record_id: str, first: str) -> str:
    """Why a record whose id was used before (at `first`) is skipped."""
    return (
        f'duplicate id "{record_id}" (first used at {first}); this record was skipped, '
        "give each record its own id"
    )


@dataclass
class RecordReader:
    """Turns JSON objects from one file into Articles, remembering the ids it has seen.

    `seen` maps each id to the line (or list index) that used it first: a number,
    not the origin text, so a file of a million records costs little memory.
    """

    fields: FieldNames
    default_date: dt.date | None
    origin: str = ""
    unit: str = "line"
    seen: dict[str, int] = field(default_factory=dict)

    @property
    def shape_hint(self) -> str:
        """What a good record looks like, in the user's own field names."""
        return f'each {self.unit} needs {{"{self.fields.id}": ..., "{self.fields.text}": ...}}'

    def where(self, position: int) -> str:
        """The origin of the record at a line (1-based) or list index (0-based)."""
        return f"{self.origin}{':' if self.unit == 'line' else '#'}{position}"

    def convert(
        self, value: Any, where: str, default_id: str, position: int | None = None
    ) -> Iterator[_Outcome]:
        """Yield warnings then the Article for one parsed value, or one problem.

        `position` (line or index) is remembered with the id to report duplicates.
        """
        if not isinstance(value, dict):
            yield ReadProblem(
                where, f"not a JSON object (got {json_type(value)}); {self.shape_hint}"
            )
            return
        text = self._text(value)
        record_id = self._record_id(value, default_id)
        if isinstance(text, _Invalid):
            yield ReadProblem(where, text.message)
            return
        if isinstance(record_id, _Invalid):
            yield ReadProblem(where, record_id.message)
            return
        if record_id in self.seen:
            yield self._duplicate(record_id, where)
            return
        if position is not None:
            self.seen[record_id] = position
        yield from self._build(value, where, record_id, text)

    def _text(self, record: dict[str, Any]) -> str | _Invalid:
        """The required text: present, a string, and not blank."""
        name = self.fields.text
        if name not in record:
            return _Invalid(f'no "{name}" field; {self.shape_hint}')
        text = record[name]
        if not isinstance(text, str):
            return _Invalid(f'"{name}" must be a string, not {json_type(text)}')
        if not text.strip():
            return _Invalid(f'"{name}" is empty, nothing to code')
        return text

    def _record_id(self, record: dict[str, Any], default_id: str) -> str | _Invalid:
        """The record's own id as a string, or the file:line default when it has none."""
        value = record.get(self.fields.id)
        if value is None or (isinstance(value, str) and not value.strip()):
            return default_id
        if isinstance(value, dict | list):
            kind = json_type(value)
            return _Invalid(f'"{self.fields.id}" must be a string or number, not {kind}')
        return replace_surrogates(str(value))[0]

    def _duplicate(self, record_id: str, where: str) -> ReadProblem:
        """Two records with one id would make their events indistinguishable: skip it."""
        first = self.where(self.seen[record_id])
        return ReadProblem(where, duplicate_id_message(record_id, first))

    def _date(
        self, record: dict[str, Any], where: str
    ) -> tuple[dt.date | None, ReadProblem | None]:
        """The record's own date, or a warning when it is there but unusable."""
        value = record.get(self.fields.date)
        if value is None or value == "":
            return None, None
        day = parse_iso_date(value) if isinstance(value, str) else None
        if day is not None:
            return day, None
        shown = replace_surrogates(json.dumps(value, ensure_ascii=False)[:60])[0]
        message = (
            f'"{self.fields.date}" value {shown} is not a valid date; write it as '
            "YYYY-MM-DD (the date was ignored, the record is still read)"
        )
        return None, ReadProblem(where, message, skipped=False)

    def _optional(
        self, record: dict[str, Any], name: str, where: str
    ) -> tuple[str | None, ReadProblem | None]:
        """An optional string field; any other type is reported and ignored."""
        value = record.get(name)
        if value is None:
            return None, None
        if isinstance(value, str):
            return _valid_unicode(value, name, where)
        message = f'"{name}" should be a string, not {json_type(value)}; it was ignored'
        return None, ReadProblem(where, message, skipped=False)

    def _build(
        self, record: dict[str, Any], where: str, record_id: str, text: str
    ) -> Iterator[_Outcome]:
        """Collect the optional fields, yield their warnings, then the Article."""
        text, text_problem = _valid_unicode(text, self.fields.text, where)
        day, date_problem = self._date(record, where)
        title, title_problem = self._optional(record, self.fields.title, where)
        url, url_problem = self._optional(record, self.fields.url, where)
        source, source_problem = self._optional(record, self.fields.source, where)
        problems = (text_problem, date_problem, title_problem, url_problem, source_problem)
        yield from (problem for problem in problems if problem is not None)
        yield Article(
            id=record_id,
            text=text,
            date=day if day is not None else self.default_date,
            title=title,
            url=url,
            source=source,
            origin=where,
        )


def _valid_unicode(value: str, name: str, where: str) -> tuple[str, ReadProblem | None]:
    """A JSON `\\ud800` escape decodes to a lone surrogate, which no UTF-8 output or
    store can hold: replace it with U+FFFD and say so, keeping the record."""
    clean, offset = replace_surrogates(value)
    if offset is None:
        return value, None
    message = (
        f'"{name}" holds an unpaired surrogate escape (at character {offset}), which is '
        "not text; it was replaced with U+FFFD and the record is still read"
    )
    return clean, ReadProblem(where, message, skipped=False)


def read_jsonl_lines(
    lines: Iterable[tuple[int, str] | ReadProblem],
    *,
    origin: str,
    id_base: str,
    fields: FieldNames,
    default_date: dt.date | None,
    report_empty: bool = True,
) -> Iterator[_Outcome]:
    """Read numbered JSONL lines (from a file or stdin); blank lines are skipped, and
    input with nothing but blank lines is reported, so it is not passed over in silence
    (unless `report_empty` is False: some lines of a file, which may all be blank)."""
    reader = RecordReader(fields, default_date, origin=origin)
    empty = True
    for item in lines:
        if isinstance(item, ReadProblem):
            empty = False
            yield item
            continue
        number, line = item
        if not line.strip():
            continue
        empty = False
        where = f"{origin}:{number}"
        value, error = load_json(line)
        if error is not None:
            reason = _error_text(error, with_line=False)
            yield ReadProblem(where, f"not valid JSON ({reason}); fix or remove this line")
            continue
        yield from reader.convert(value, where, f"{id_base}:{number}", number)
    if empty and report_empty:
        yield ReadProblem(origin, "empty file (only blank lines), nothing to code")


def read_jsonl_file(
    path: Path,
    *,
    fields: FieldNames,
    default_date: dt.date | None,
    max_bytes: int,
    span: LineSpan | None = None,
    option: str = "--max-line-bytes",
) -> Iterator[_Outcome]:
    """Stream a .jsonl/.ndjson file (or a `span` of its lines); `max_bytes` limits
    each line (set by `option`), not the file. Duplicate ids are found within what
    is read."""
    origin = shown(path)
    logger.debug("reading JSONL %s", origin)
    yield from read_jsonl_lines(
        iter_file_lines(path, origin, max_bytes, span, option=option),
        origin=origin,
        id_base=logical_name(path),
        fields=fields,
        default_date=default_date,
        report_empty=span is None,
    )


def _load_json_file(path: Path, origin: str, max_bytes: int) -> Any | ReadProblem:
    """Read, decode and parse a whole .json file, or say what is wrong with it."""
    data = read_bytes(path, origin, max_bytes)
    text = data if isinstance(data, ReadProblem) else decode_utf8(data, origin)
    if isinstance(text, ReadProblem):
        return text
    if not text.strip():
        return ReadProblem(origin, "empty file, nothing to code")
    value, error = load_json(text)
    if isinstance(error, json.JSONDecodeError):
        reason = _error_text(error, with_line=True)
        return ReadProblem(f"{origin}:{error.lineno}", f"not valid JSON ({reason}); fix the file")
    if error is not None:
        return ReadProblem(origin, f"not valid JSON ({_error_text(error, with_line=True)})")
    return value


def read_json_file(
    path: Path, *, fields: FieldNames, default_date: dt.date | None, max_bytes: int
) -> Iterator[_Outcome]:
    """Read a .json file holding one record object or a list of them (origin `file#INDEX`)."""
    origin, name = shown(path), logical_name(path)
    value = _load_json_file(path, origin, max_bytes)
    reader = RecordReader(fields, default_date, origin=origin, unit="object")
    if isinstance(value, ReadProblem):
        yield value
    elif isinstance(value, dict):
        yield from reader.convert(value, origin, name)
    elif not isinstance(value, list):
        hint = f"not a JSON object or list (got {json_type(value)}); {reader.shape_hint}"
        yield ReadProblem(origin, hint)
    elif not value:
        yield ReadProblem(origin, "empty list, nothing to code")
    else:
        for index, item in enumerate(value):
            yield from reader.convert(item, reader.where(index), f"{name}#{index}", index)
