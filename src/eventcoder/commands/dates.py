"""`eventcoder dates ...`: inspection and batch use of the dates resolver.

    eventcoder dates resolve "last Tuesday" --dct 2025-10-17 --format json
    eventcoder dates resolve --input texts.jsonl --format json

An input line is `{"id", "text", "dct"}` (dct: the document date, YYYY-MM-DD);
each output line is one time expression found in the text, `{"id", "text",
"start", "end", "value", "precision", "date", "enddate"}`: character offsets
into the input text, the TIMEX3-style value (2025-10-17, 2025-W42, 2025-10,
2025-SU, 2025) and the first and last day of the period. A bad line is reported
(file and line) and skipped; the others are still resolved.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from eventcoder.commands._rows import ResolveFormat, write_rows
from eventcoder.errors import InputError
from eventcoder.model import Article, DateRef, ReadProblem

app = typer.Typer(help="Inspect the dates resolver.", no_args_is_help=True)

#: The fields of one resolved expression, in output order (after "id").
FIELDS = ("text", "start", "end", "value", "precision", "date", "enddate")


class Tense(StrEnum):
    past = "past"
    present = "present"
    future = "future"


@app.command()
def resolve(
    text: Annotated[
        str | None,
        typer.Argument(help="A time expression or a text, e.g. 'last Tuesday'"),
    ] = None,
    input_file: Annotated[
        Path | None,
        typer.Option("--input", "-i", help="JSONL of {id, text, dct} lines; - for stdin"),
    ] = None,
    dct: Annotated[
        str | None,
        typer.Option(help="Document date YYYY-MM-DD (default: today; with --input: lines without)"),
    ] = None,
    tense: Annotated[
        Tense | None,
        typer.Option(help="Tense of the verb the expression modifies (picks which Tuesday)"),
    ] = None,
    output_format: Annotated[
        ResolveFormat | None,
        typer.Option("--format", "-f", help="json (one object a line) or table"),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Exit non-zero if any input line could not be read")
    ] = False,
) -> None:
    """Find time expressions and resolve them against the document date."""
    from eventcoder.cli import _parse_date

    if (text is None) == (input_file is None):
        raise typer.BadParameter("give either a text or --input FILE, not both")
    fmt = output_format or (ResolveFormat.table if sys.stdout.isatty() else ResolveFormat.json)
    default_dct = _parse_date(dct)
    if input_file is None:
        day = default_dct or dt.date.today()
        refs = _expressions(text or "", day, tense.value if tense else None)
        _write([_row(None, ref) for ref in refs], fmt)
        return
    problems: list[ReadProblem] = []
    rows = (
        _row(article.id, ref)
        for article in _articles(input_file, default_dct, problems)
        for ref in _expressions(article.text, article.date or dt.date.today(), None)
    )
    count = _write(rows, fmt)
    skipped = sum(p.skipped for p in problems)
    line = f"resolved {count} time expression(s)"
    if skipped:
        line += f"; skipped {skipped} line(s) (see the messages above)"
    typer.echo(line, err=True)
    if strict and skipped:
        raise typer.Exit(1)


def _expressions(text: str, dct: dt.date, tense: str | None) -> list[DateRef]:
    """The whole text as one expression if it is one, else every expression in it."""
    from eventcoder.resolve.dates import find_dates, resolve_date

    whole = resolve_date(text, dct, tense=tense)
    if whole is not None:
        stripped = text.strip()
        start = text.find(stripped)
        return [replace(whole, text=stripped, start=start, end=start + len(stripped))]
    return find_dates(text, dct)


def _articles(
    path: Path, default_dct: dt.date | None, problems: list[ReadProblem]
) -> Iterator[Article]:
    """The good lines of the input as Articles (dct as date); problems printed as they come."""
    from eventcoder.readers import FieldNames
    from eventcoder.readers.jsonl import read_jsonl_file, read_jsonl_lines
    from eventcoder.readers.stdin import iter_stream_lines

    fields = FieldNames(id="id", text="text", date="dct")
    max_bytes = 50_000_000
    items: Iterable[Article | ReadProblem]
    if str(path) == "-":
        lines = iter_stream_lines(sys.stdin, "<stdin>", max_bytes)
        items = read_jsonl_lines(
            lines, origin="<stdin>", id_base="stdin", fields=fields, default_date=default_dct
        )
    else:
        if not path.is_file():
            raise InputError(f"{path}: no such file; give a JSONL file of {{id, text, dct}} lines")
        items = read_jsonl_file(path, fields=fields, default_date=default_dct, max_bytes=max_bytes)
    for item in items:
        if isinstance(item, ReadProblem):
            typer.echo(f"{item.origin}: {item.message}", err=True)
            problems.append(item)
        elif item.date is None:
            message = 'no "dct" (document date); add "dct": "YYYY-MM-DD" or give --dct'
            typer.echo(f"{item.origin}: {message}", err=True)
            problems.append(ReadProblem(item.origin, message))
        else:
            yield item


def _row(record_id: str | None, ref: DateRef) -> dict[str, Any]:
    from eventcoder.resolve.dates import timex_value

    row: dict[str, Any] = {"id": record_id} if record_id is not None else {}
    row.update(
        text=ref.text,
        start=ref.start,
        end=ref.end,
        value=timex_value(ref),
        precision=ref.precision,
        date=ref.value.isoformat(),
        enddate=ref.enddate.isoformat() if ref.enddate else None,
    )
    return row


def _write(rows: Iterable[dict[str, Any]], fmt: ResolveFormat) -> int:
    return write_rows(rows, fmt, columns=list(FIELDS))
