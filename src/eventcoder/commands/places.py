"""`eventcoder places ...`: inspection and batch use of the places resolver.

    eventcoder places resolve "Budapest" --format json
    eventcoder places resolve "Tripoli" --country LBN --format table
    eventcoder places resolve --input names.jsonl --format json

An input line is `{"id", "name", "countries"?}` (countries: ISO3 hints, most
relevant first); each output line is the resolved place `{"id", "name",
"resolved_place", "geonameid", "lat", "lon", "country_code", "country",
"admin1", "feature_class", "feature_code", "population", "resolution",
"alternatives"}`, with nulls when the gazetteer does not know the name. A bad
line is reported (file and line) and skipped; the others are still resolved.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eventcoder.commands._rows import ResolveFormat, write_rows
from eventcoder.errors import InputError

if TYPE_CHECKING:
    from eventcoder.resolve.places import Candidate, Gazetteer

app = typer.Typer(help="Inspect the places resolver.", no_args_is_help=True)

#: The fields of one resolved place, in output order (after "id").
FIELDS = (
    "name", "resolved_place", "geonameid", "lat", "lon", "country_code", "country", "admin1",
    "feature_class", "feature_code", "population", "resolution", "alternatives",
)  # fmt: skip
#: Longest JSONL line read, in bytes.
MAX_LINE_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class _Query:
    id: str | None
    name: str
    countries: tuple[str, ...]


@app.command()
def resolve(
    name: Annotated[str | None, typer.Argument(help="A place name, e.g. 'Budapest'")] = None,
    input_file: Annotated[
        Path | None,
        typer.Option("--input", "-i", help="JSONL of {id, name, countries?} lines; - for stdin"),
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", "-c", help="ISO3 country hint, most relevant first (repeatable)"),
    ] = None,
    alternatives: Annotated[
        int, typer.Option(help="How many other readings of the name to list")
    ] = 4,
    output_format: Annotated[
        ResolveFormat | None,
        typer.Option("--format", "-f", help="json (one object a line) or table"),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Exit non-zero if any input line could not be read")
    ] = False,
    config: Annotated[Path | None, typer.Option(help="A settings file (TOML)")] = None,
) -> None:
    """Resolve place names to GeoNames places: country, region, coordinates, level."""
    from eventcoder.cli import _load_config
    from eventcoder.resolve.places import Gazetteer

    if (name is None) == (input_file is None):
        raise typer.BadParameter("give either a place name or --input FILE, not both")
    settings = _load_config(config, None, None)
    gazetteer = Gazetteer.load(
        min_population=settings.min_population, extra_aliases=settings.place_alias_files
    )
    fmt = output_format or (ResolveFormat.table if sys.stdout.isatty() else ResolveFormat.json)
    hints = tuple(country or ())
    if input_file is None:
        row = _row(gazetteer, _Query(None, name or "", hints), alternatives)
        if row["resolved_place"] is None:
            typer.echo(f"no place named {name!r} in the gazetteer", err=True)
            raise typer.Exit(1)
        _write([row], fmt)
        return
    skipped: list[str] = []
    rows = (_row(gazetteer, q, alternatives) for q in _queries(input_file, hints, skipped))
    count = _write(rows, fmt)
    line = f"resolved {count} name(s)"
    if skipped:
        line += f"; skipped {len(skipped)} line(s) (see the messages above)"
    typer.echo(line, err=True)
    if strict and skipped:
        raise typer.Exit(1)


def _row(gazetteer: Gazetteer, query: _Query, limit: int) -> dict[str, Any]:
    ranked = gazetteer.ranked(query.name, country_hints=query.countries)
    row: dict[str, Any] = {"id": query.id} if query.id is not None else {}
    row["name"] = query.name
    if not ranked:
        row.update(dict.fromkeys(FIELDS[1:]))
        row["alternatives"] = []
        return row
    row.update(_describe(ranked[0], query.name))
    row["alternatives"] = [
        {k: v for k, v in _describe(c, query.name).items() if k in _SHORT}
        for c in ranked[1 : 1 + max(0, limit)]
    ]
    return row


_SHORT = ("resolved_place", "geonameid", "country_code", "admin1", "resolution", "population")


def _describe(candidate: Candidate, name: str) -> dict[str, Any]:
    place = candidate.to_place(name)
    return {
        "resolved_place": place.resolved_place,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "country": place.country,
        "admin1": place.province,
        "feature_class": place.feature_class,
        "feature_code": place.feature_code,
        "population": candidate.population,
        "resolution": place.resolution,
    }


def _queries(path: Path, hints: tuple[str, ...], skipped: list[str]) -> Iterator[_Query]:
    """The good lines of the input; a bad one is reported with its file and line."""
    from eventcoder.readers.files import iter_file_lines
    from eventcoder.readers.stdin import iter_stream_lines

    if str(path) == "-":
        origin = "<stdin>"
        lines = iter_stream_lines(sys.stdin, origin, MAX_LINE_BYTES)
    elif not path.is_file():
        raise InputError(f"{path}: no such file; give a JSONL file of {{id, name}} lines")
    else:
        origin = str(path)
        lines = iter_file_lines(path, origin, MAX_LINE_BYTES)
    for item in lines:
        if not isinstance(item, tuple):
            _skip(f"{item.origin}: {item.message}", skipped)
            continue
        number, line = item
        if line.strip():
            query = _parse(line, f"{origin}:{number}", hints, skipped)
            if query is not None:
                yield query


def _parse(line: str, where: str, hints: tuple[str, ...], skipped: list[str]) -> _Query | None:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        _skip(f'{where}: not valid JSON; write {{"id": ..., "name": "Budapest"}}', skipped)
        return None
    name = record.get("name", record.get("text")) if isinstance(record, dict) else None
    if not isinstance(name, str) or not name.strip():
        _skip(f'{where}: no "name" string; write {{"id": ..., "name": "Budapest"}}', skipped)
        return None
    countries = record.get("countries") or ()
    if isinstance(countries, str):
        countries = (countries,)
    if not isinstance(countries, list | tuple) or not all(isinstance(c, str) for c in countries):
        _skip(f'{where}: "countries" must be a list of ISO3 codes like ["HUN"]', skipped)
        return None
    record_id = record.get("id")
    return _Query(None if record_id is None else str(record_id), name, (*countries, *hints))


def _skip(message: str, skipped: list[str]) -> None:
    typer.echo(message, err=True)
    skipped.append(message)


def _write(rows: Iterable[dict[str, Any]], fmt: ResolveFormat) -> int:
    return write_rows(rows, fmt, columns=["name", *FIELDS[1:]], cell=_cell, width=200)


def _cell(column: str, value: Any) -> str:
    if column == "alternatives":
        return "; ".join(f"{a['resolved_place']} ({a['country_code']})" for a in value)
    return str(value)
