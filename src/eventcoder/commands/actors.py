"""`eventcoder actors ...`: inspection and batch use of the actors resolver.

    eventcoder actors resolve "Israeli troops" --date 2025-10-17 --format json
    eventcoder actors resolve --input queries.jsonl --format json

An input line is `{"id", "actor_text", "date"?, "context"?}`; each output line is
the resolved entity `{"id", "entity_text", "code", "sector", "identifier_id",
"identifier_text", "office"}`. A bad line is reported (file and line) and skipped;
the others are still resolved.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eventcoder.commands._rows import ResolveFormat, write_rows
from eventcoder.errors import InputError
from eventcoder.model import Entity, ReadProblem

if TYPE_CHECKING:
    from eventcoder.resolve.actors import ActorQuery

app = typer.Typer(help="Inspect the actors resolver.", no_args_is_help=True)

#: The fields of one resolved actor, in output order.
FIELDS = ("entity_text", "code", "sector", "identifier_id", "identifier_text", "office")


#: Day-first and month-first forms accepted besides ISO dates ("10 May 2015").
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y/%m/%d", "%d/%m/%Y")


@app.command()
def resolve(
    text: Annotated[
        str | None, typer.Argument(help="An actor phrase, e.g. 'Israeli troops'")
    ] = None,
    input_file: Annotated[
        Path | None,
        typer.Option(
            "--input", "-i", help="JSONL of {id, actor_text, date?, context?} lines; - for stdin"
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(help="Date the phrase refers to, YYYY-MM-DD (selects the office held)"),
    ] = None,
    context: Annotated[
        str | None, typer.Option(help="Text around the phrase, for 'he' or 'the president'")
    ] = None,
    output_format: Annotated[
        ResolveFormat | None,
        typer.Option("--format", "-f", help="json (one object a line) or table"),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Exit non-zero if any input line could not be read")
    ] = False,
    config: Annotated[Path | None, typer.Option(help="A settings file (TOML)")] = None,
    actors: Annotated[
        list[Path] | None, typer.Option("--actors", help="Extra knowledge file (repeatable)")
    ] = None,
) -> None:
    """Resolve actor phrases to PLOVER codes, sectors, identifiers and offices."""
    from eventcoder.cli import _load_config, _parse_date
    from eventcoder.knowledge.base import KnowledgeBase
    from eventcoder.nlp import load_nlp
    from eventcoder.resolve.actors import ActorQuery, ActorResolver
    from eventcoder.resolve.places import Gazetteer

    if (text is None) == (input_file is None):
        raise typer.BadParameter("give an actor phrase or --input FILE (one of the two)")
    settings = _load_config(config, actors, None)
    fmt = output_format or (ResolveFormat.table if sys.stdout.isatty() else ResolveFormat.json)
    problems: list[ReadProblem] = []
    if input_file is None:
        queries: Iterable[ActorQuery] = [
            ActorQuery(text=text or "", date=_parse_date(date), context=context)
        ]
    else:
        default_date = _parse_date(date)
        queries = _collect(read_actor_queries(input_file, default_date=default_date), problems)
    places = Gazetteer.load(
        min_population=settings.min_population, extra_aliases=settings.place_alias_files
    )
    resolver = ActorResolver(KnowledgeBase.load(settings.actor_files), places=places)
    pairs = resolver.resolve_queries(queries, load_nlp(settings.model_name))
    count = _write(pairs, fmt, with_id=input_file is not None)
    if input_file is not None:
        _summarise(count, problems)
        if count == 0 or (strict and any(p.skipped for p in problems)):
            raise typer.Exit(1)


def _collect(
    items: Iterable[ActorQuery | ReadProblem], problems: list[ReadProblem]
) -> Iterator[ActorQuery]:
    """The queries; problems are printed as they come and kept for the summary."""
    for item in items:
        if isinstance(item, ReadProblem):
            typer.echo(f"{item.origin}: {item.message}", err=True)
            problems.append(item)
            continue
        yield item


def _row(query: ActorQuery, entity: Entity, *, with_id: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"id": query.id} if with_id else {}
    row.update((name, getattr(entity, name)) for name in FIELDS)
    return row


def _write(pairs: Iterable[tuple[ActorQuery, Entity]], fmt: ResolveFormat, *, with_id: bool) -> int:
    rows = (_row(query, entity, with_id=with_id) for query, entity in pairs)
    return write_rows(rows, fmt, columns=["id", *FIELDS])


def _summarise(count: int, problems: list[ReadProblem]) -> None:
    skipped = sum(1 for p in problems if p.skipped)
    line = f"resolved {count} actor(s)"
    if skipped:
        line += f"; skipped {skipped} line(s) (see the warnings above)"
    typer.echo(line, err=True)


def read_actor_queries(
    path: Path, *, default_date: dt.date | None = None
) -> Iterator[ActorQuery | ReadProblem]:
    """The queries of a JSONL file (`-` for stdin), and a problem for each bad line.

    A line that is not a JSON object or lacks `actor_text` is skipped; a date that
    cannot be read is reported and the line resolved without one.
    """
    from eventcoder.resolve.actors import ActorQuery

    name = "<stdin>" if str(path) == "-" else str(path)
    for line_no, line in _lines(path):
        if not line.strip():
            continue
        origin = f"{name}:{line_no}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield ReadProblem(origin, f"not valid JSON ({exc}); fix or remove the line, skipped")
            continue
        if not isinstance(record, dict):
            yield ReadProblem(
                origin, 'not a JSON object; write {"id": ..., "actor_text": ...}; skipped'
            )
            continue
        text = record.get("actor_text")
        if not isinstance(text, str) or not text.strip():
            yield ReadProblem(origin, 'no "actor_text" string; every line needs one, skipped')
            continue
        day, problem = _query_date(record.get("date"), default_date)
        if problem:
            yield ReadProblem(origin, problem, skipped=False)
        context = record.get("context")
        yield ActorQuery(
            text=text,
            date=day,
            context=context if isinstance(context, str) and context.strip() else None,
            id=str(record.get("id", line_no)),
        )


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    if str(path) == "-":
        yield from enumerate(sys.stdin, start=1)
        return
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot open the input file ({exc.strerror})") from exc
    with handle:
        try:
            yield from enumerate(handle, start=1)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from exc


def _query_date(value: Any, default: dt.date | None) -> tuple[dt.date | None, str | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default, None
    if isinstance(value, str):
        day = parse_query_date(value)
        if day is not None:
            return day, None
    return default, (
        f"date {value!r} is not a date; write YYYY-MM-DD (or 'today'). Resolved without a date"
    )


def parse_query_date(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """An input line's date: ISO, 'today', or a written-out date ("1 July 2021")."""
    text = text.strip().replace(",", " ")
    if text.casefold() == "today":
        return today or dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    text = " ".join(text.split())
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
