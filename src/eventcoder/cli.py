"""The `eventcoder` command: parses options, calls the library, prints.

Errors a user can fix (a bad file, a missing model, a bad option) are printed
as one clear message on stderr, never as a traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from eventcoder.__about__ import __version__
from eventcoder.commands.store import MaxBytes, MaxLineBytes
from eventcoder.config import Config
from eventcoder.errors import EventcoderError
from eventcoder.model import Article, Event, ReadProblem

app = typer.Typer(
    name="eventcoder",
    help="Code news text on international politics into PLOVER event records.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _load_config(
    config: Path | None, actors: list[Path] | None, lexicon: list[Path] | None
) -> Config:
    base = Config.load(config) if config else Config.default()
    return base.with_overrides(
        actor_files=(*base.actor_files, *(actors or ())) if actors else None,
        lexicon_files=(*(lexicon or ()), *base.lexicon_files) if lexicon else None,
    )


class _Tally:
    """Counts of what was read, skipped and coded, for the closing summary."""

    def __init__(self) -> None:
        self.articles = self.skipped = self.warnings = self.undated = self.events = 0

    def articles_from(self, items: Iterable[Article | ReadProblem]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, ReadProblem):
                _err(f"{item.origin}: {item.message}")
                self.skipped += item.skipped
                self.warnings += not item.skipped
                continue
            self.articles += 1
            self.undated += item.date is None
            yield item


@app.command()
def code(
    paths: Annotated[
        list[str], typer.Argument(help="Files (.txt .jsonl .json .html, or .gz), folders, or -")
    ],
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="jsonl (default when piped), csv, or table"),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs without one")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores)")
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Exit non-zero if any record could not be read")
    ] = False,
    config: Annotated[Path | None, typer.Option(help="A settings file (TOML)")] = None,
    actors: Annotated[
        list[Path] | None, typer.Option("--actors", help="Extra knowledge file (repeatable)")
    ] = None,
    lexicon: Annotated[
        list[Path] | None, typer.Option("--lexicon", help="Extra trigger file (repeatable)")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout")
    ] = None,
    id_field: Annotated[str, typer.Option(help="JSONL field holding the id")] = "id",
    text_field: Annotated[str, typer.Option(help="JSONL field holding the text")] = "text",
    date_field: Annotated[str, typer.Option(help="JSONL field holding the date")] = "date",
    max_bytes: MaxBytes = None,
    max_line_bytes: MaxLineBytes = None,
) -> None:
    """Code articles into PLOVER events and print them."""
    from eventcoder.engines.local import run_local
    from eventcoder.readers import FieldNames, read_inputs

    settings = _load_config(config, actors, lexicon)
    fields = FieldNames(id=id_field, text=text_field, date=date_field)
    fmt = output_format or (
        OutputFormat.table if sys.stdout.isatty() and not output else OutputFormat.jsonl
    )
    tally = _Tally()
    items = read_inputs(
        paths,
        date=_parse_date(date),
        fields=fields,
        max_bytes=max_bytes or settings.max_article_bytes,
        max_line_bytes=max_line_bytes or settings.max_line_bytes,
        max_html_tags=settings.max_html_tags,
    )
    articles = tally.articles_from(items)
    n_jobs = jobs or os.cpu_count() or 1
    results = run_local(articles, settings, jobs=n_jobs)
    _write(results, fmt, output, tally)
    _summarise(tally)
    if tally.articles == 0 or (strict and tally.skipped):
        raise typer.Exit(1)


def _write(
    results: Iterable[tuple[Article, list[Event]]],
    fmt: OutputFormat,
    output: Path | None,
    tally: _Tally,
) -> None:
    from eventcoder.output import CsvWriter, JsonlWriter, render_table

    if fmt is OutputFormat.table:
        from rich.console import Console

        events = [e for _article, evs in results for e in evs]
        tally.events = len(events)
        width = None if sys.stdout.isatty() and not output else 160
        sink = output.open("w", encoding="utf-8") if output else None
        Console(file=sink, width=width).print(render_table(events))
        if sink:
            sink.close()
        return
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".part") if output else None
    handle = tmp.open("w", encoding="utf-8", newline="") if tmp else sys.stdout
    writer = JsonlWriter(handle) if fmt is OutputFormat.jsonl else CsvWriter(handle)
    try:
        for _article, events in results:
            for event in events:
                writer.write(event)
                tally.events += 1
        writer.close()
    finally:
        if tmp:
            handle.close()
    if tmp and output:
        tmp.replace(output)  # all or nothing: no half-written output file


def _summarise(tally: _Tally) -> None:
    if tally.undated:
        _err(
            f"warning: {tally.undated} article(s) had no publication date; their events have "
            "date null. Give --date YYYY-MM-DD or open the file with a 'date YYYY-MM-DD' line."
        )
    line = f"coded {tally.articles} article(s), {tally.events} event(s)"
    if tally.skipped:
        line += f"; skipped {tally.skipped} record(s) (see the messages above)"
    _err(line)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (plover_gsr or conflibert format)")],
    quad: Annotated[
        bool, typer.Option(help="Score quad classes (ConfliBERT's penta field)")
    ] = False,
    show_errors: Annotated[int, typer.Option(help="Print this many wrong sentences")] = 0,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j")] = None,
    config: Annotated[Path | None, typer.Option(help="A settings file (TOML)")] = None,
) -> None:
    """Score the coder on a gold file: per-type P/R/F1, macro-F1, actor-country accuracy."""
    from eventcoder.evaluate import evaluate_file, format_report

    settings = _load_config(config, None, None)
    report = evaluate_file(gold, settings, quad=quad, jobs=jobs or os.cpu_count() or 1)
    typer.echo(format_report(report, show_errors=show_errors))


def _register_subcommands() -> None:
    from eventcoder.commands import actors, dates, places, serve, store

    app.add_typer(actors.app, name="actors")
    app.add_typer(dates.app, name="dates")
    app.add_typer(places.app, name="places")
    store.register(app)
    serve.register(app)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(f"eventcoder {__version__}")


def main() -> None:
    """Entry point: run the app, turning our errors into clean messages."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    _register_subcommands()
    try:
        app()
    except EventcoderError as exc:
        _err(f"error: {exc}")
        sys.exit(2)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
