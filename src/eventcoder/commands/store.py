"""`eventcoder ingest/query/stats/timeline/sql/export`: the event store's commands.

Thin callers of `eventcoder.store`: they parse options, call the library, print.
Only `ingest` loads the spaCy model; the others only read the DuckDB file.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console
    from rich.progress import Progress, Task
    from rich.text import Text

    from eventcoder.model import Article, ReadProblem
    from eventcoder.store import Ingester, IngestReport

DEFAULT_DB = Path("eventcoder.duckdb")

Db = Annotated[
    Path,
    typer.Option("--db", help="The store file (a DuckDB database), or a directory of shards"),
]
StoreFile = Annotated[Path, typer.Option("--db", help="The store file (a DuckDB database)")]
Wait = Annotated[
    float, typer.Option("--wait", help="Seconds to wait while an ingest is writing the store")
]
Mentions = Annotated[
    bool, typer.Option("--mentions", help="Every report, not one row per duplicate cluster")
]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout")]
MaxBytes = Annotated[
    int | None,
    typer.Option(
        help="Largest article read, in bytes (default 50 MB, limits.max_article_bytes)",
        min=1,
    ),
]
MaxLineBytes = Annotated[
    int | None,
    typer.Option(
        help="Largest JSONL line read, in bytes (default 10 MB, limits.max_line_bytes)",
        min=1,
    ),
]


class QueryFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class TableFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    plover_jsonl = "plover-jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


def _err(message: str) -> None:
    typer.echo(message, err=True)


# ---------------------------------------------------------------- ingest


class _Problems:
    """Prints read problems as they come (above a progress bar, if any) and counts them."""

    def __init__(self, console: Console | None) -> None:
        self.console = console
        self.skipped = 0

    def articles(self, items: Iterable[Article | ReadProblem]) -> Iterator[Article]:
        from eventcoder.model import ReadProblem

        for item in items:
            if isinstance(item, ReadProblem):
                self.report(item)
                continue
            yield item

    def report(self, item: ReadProblem) -> None:
        self.skipped += item.skipped
        line = f"{item.origin}: {item.message}"
        if self.console is not None:
            self.console.print(line, markup=False, highlight=False)
        else:
            _err(line)


def _speed_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class _Speed(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} articles/s" if speed else "- articles/s", style="cyan")

    return _Speed()


@contextmanager
def _progress(enabled: bool) -> Iterator[Progress | None]:
    """A progress bar with rate and ETA on a terminal; nothing when piped or logged."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("coding"), BarColumn(), MofNCompleteColumn(), _speed_column(),
        TextColumn("ETA"), TimeRemainingColumn(), TimeElapsedColumn(),
    )  # fmt: skip
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        yield progress


def _summary(report: IngestReport, skipped: int, db: Path, counts: dict[str, int]) -> str:
    line = (
        f"ingested {report.read} article(s): {report.added} new document(s) with "
        f"{report.events} event(s), {report.replaced} changed, {report.unchanged} unchanged, "
        f"{report.linked} already stored elsewhere"
    )
    if skipped:
        line += f"; skipped {skipped} record(s) (see the messages above)"
    return (
        f"{line}\nstore {db}: {counts['documents']} document(s), {counts['events']} "
        f"event report(s) in {counts['clusters']} cluster(s)"
    )


def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files (.txt .jsonl .json .html, or .gz), folders, or -")
    ],
    db: StoreFile = DEFAULT_DB,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores)")
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for inputs without one")
    ] = None,
    dedup_window: Annotated[
        int | None,
        typer.Option(
            help="Days apart two reports of one event may be (default 1, kept in the store)"
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Documents written per transaction", min=1)] = 32,
    config: Annotated[Path | None, typer.Option(help="A settings file (TOML)")] = None,
    strict: Annotated[
        bool, typer.Option(help="Exit non-zero if any record could not be read")
    ] = False,
    id_field: Annotated[str, typer.Option(help="JSONL field holding the id")] = "id",
    text_field: Annotated[str, typer.Option(help="JSONL field holding the text")] = "text",
    date_field: Annotated[str, typer.Option(help="JSONL field holding the date")] = "date",
    source_field: Annotated[str, typer.Option(help="JSONL field holding the outlet")] = "source",
    engine: Annotated[
        Engine, typer.Option(help="local: worker processes here; dask: a Dask cluster")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address, tcp://HOST:8786 (default: a local cluster)"),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option(
            help="Dask: directory for the Parquet shards (default: the --db path + .shards); "
            "must be shared with the workers"
        ),
    ] = None,
    shard_size: Annotated[
        int, typer.Option(help="Dask: articles (or JSONL lines) per task and shard", min=1)
    ] = 500,
    shards_only: Annotated[
        bool, typer.Option(help="Dask: write the shards only; query them with --db DIR")
    ] = False,
    max_bytes: MaxBytes = None,
    max_line_bytes: MaxLineBytes = None,
) -> None:
    """Code articles and store them in a DuckDB file; re-running adds only what is new.

    With --engine dask the articles are coded on a Dask cluster into Parquet shards,
    then loaded into the store (see docs/scale.md).
    """
    from eventcoder.config import Config
    from eventcoder.readers import FieldNames, read_inputs
    from eventcoder.store import Ingester, Store

    day = _date(date, "--date")
    fields = FieldNames(id=id_field, text=text_field, date=date_field, source=source_field)
    settings = Config.load(config) if config else Config.default()
    n_jobs = jobs or os.cpu_count() or 1
    if engine is Engine.dask or scheduler is not None:
        shard_dir = shards or db.with_name(db.name + ".shards")
        limits = (
            max_bytes or settings.max_article_bytes,
            max_line_bytes or settings.max_line_bytes,
        )
        job = _shard_job(shard_dir, settings, day, fields, limits)
        _ingest_dask(paths, job, db, n_jobs, scheduler, shard_size, shards_only, strict,
                     dedup_window)  # fmt: skip
        return
    ingester = Ingester(
        db, config=settings, jobs=n_jobs, batch_size=batch_size, window_days=dedup_window
    )
    article_bytes = max_bytes or settings.max_article_bytes
    line_bytes = max_line_bytes or settings.max_line_bytes

    def read() -> Iterator[Article | ReadProblem]:
        return read_inputs(
            paths,
            date=day,
            fields=fields,
            max_bytes=article_bytes,
            max_line_bytes=line_bytes,
            max_html_tags=settings.max_html_tags,
        )

    show_progress = sys.stderr.isatty()
    # The progress bar counts the inputs in a first pass; stdin cannot be read twice,
    # so only then is it held in memory. Without a bar everything is streamed.
    buffered = list(read()) if show_progress and "-" in paths else None

    def items() -> Iterable[Article | ReadProblem]:
        return buffered if buffered is not None else read()

    report, skipped = _run_ingest(ingester, items, show_progress)
    _err(_summary(report, skipped, db, Store.open(db).counts()))
    if report.read == 0 or (strict and skipped):
        raise typer.Exit(1)


def _run_ingest(
    ingester: Ingester,
    items: Callable[[], Iterable[Article | ReadProblem]],
    show_progress: bool,
) -> tuple[IngestReport, int]:
    """Run the ingest, under a progress bar on a terminal (whose total needs a first,
    quick pass over the inputs); returns the report and the records skipped."""
    with _progress(show_progress) as progress:
        problems = _Problems(progress.console if progress else None)
        if progress is None:
            return ingester.run(problems.articles(items())), problems.skipped
        task = progress.add_task("coding", total=ingester.count_pending(_articles_only(items())))

        def advance(_article: Article) -> None:
            progress.advance(task)

        return ingester.run(problems.articles(items()), on_coded=advance), problems.skipped


def _shard_job(
    root: Path, config: Any, day: dt.date | None, fields: Any, limits: tuple[int, int]
) -> Any:
    from eventcoder.engines.shards import ShardJob

    return ShardJob(
        str(root.resolve()), config, date=day, fields=fields,
        max_bytes=limits[0], max_line_bytes=limits[1],
    )  # fmt: skip


def _ingest_dask(
    paths: list[str], job: Any, db: Path, jobs: int, scheduler: str | None, shard_size: int,
    shards_only: bool, strict: bool, dedup_window: int | None,
) -> None:  # fmt: skip
    """`ingest --engine dask`: code on the cluster into shards, load them into the store."""
    from eventcoder.store import Ingester, Store

    try:
        from eventcoder.engines.dask import dask_client, ingest_dask
    except ImportError as exc:
        raise typer.BadParameter(
            f"the Dask engine needs dask: pip install 'dask[distributed]' ({exc})",
            param_hint="--engine",
        ) from None
    logging.getLogger("distributed").setLevel(logging.WARNING)  # its INFO lines are noise here
    ingester = None if shards_only else Ingester(db, config=job.config, window_days=dedup_window)
    with _progress(sys.stderr.isatty()) as progress:
        problems = _Problems(progress.console if progress else None)
        task = progress.add_task("coding", total=None) if progress else None

        def advance(result: Any) -> None:
            if progress is not None and task is not None:
                progress.advance(task, result.articles)

        with dask_client(scheduler, workers=jobs) as client:
            report = ingest_dask(
                ingester, paths, job, client, shard_size=shard_size,
                on_problem=problems.report, on_shard=advance,
            )  # fmt: skip
    shard_line = f"{report.shards} shard(s) in {job.root}, {report.written} coded in this run"
    if ingester is None:
        _err(f"{shard_line}; query them with --db {job.root}")
    else:
        _err(_summary(report.ingest, problems.skipped, db, Store.open(db).counts()))
        _err(shard_line)
    if report.shards == 0 or (strict and problems.skipped):
        raise typer.Exit(1)


def _articles_only(items: Iterable[Article | ReadProblem]) -> Iterator[Article]:
    """The articles only: problems are reported by the real pass, not the counting one."""
    from eventcoder.model import Article

    return (item for item in items if isinstance(item, Article))


# ---------------------------------------------------------------- output helpers


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; write YYYY-MM-DD", param_hint=name
        ) from None


def _jsonable(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return _jsonable(value.item())
    import pandas as pd

    return None if value is pd.NA or value is pd.NaT else value


def _cell(value: Any) -> str:
    value = _jsonable(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@contextmanager
def _sink(output: Path | None) -> Iterator[TextIO]:
    """stdout, or a file written all-or-nothing (via a .part file renamed at the end)."""
    if output is None:
        yield sys.stdout
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        yield handle
    tmp.replace(output)


def _write_frame(frame: pd.DataFrame, fmt: str, output: Path | None, title: str = "") -> None:
    if fmt == "parquet":
        if output is None:
            raise typer.BadParameter(
                "parquet needs a file: give --output FILE", param_hint="--format"
            )
        output.parent.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(output, index=False)
        return
    with _sink(output) as out:
        if fmt == "jsonl":
            for row in frame.to_dict(orient="records"):
                record = {k: _jsonable(v) for k, v in row.items()}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            flat = frame.copy()
            for column in flat.columns:
                flat[column] = [_cell(v).replace(", ", "; ") if isinstance(v, list) else
                                _jsonable(v) for v in flat[column]]  # fmt: skip
            flat.to_csv(out, index=False)
        else:
            _print_table(frame, title, out)


def _print_table(frame: pd.DataFrame, title: str, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    width = None if out is sys.stdout and sys.stdout.isatty() else 160
    Console(file=out, width=width).print(table)


_TABLE_COLUMNS = {
    False: ("date", "type", "mode", "aux_mode", "actor", "recipient", "place", "event_scale",
            "n_reports", "n_documents", "text", "cluster_id"),
    True: ("date", "type", "mode", "aux_mode", "actor", "recipient", "place", "event_scale",
           "doc_id", "text", "cluster_id"),
}  # fmt: skip


def _for_table(frame: pd.DataFrame, mentions: bool) -> pd.DataFrame:
    """The columns a person reads; actors shown by code, or by name when uncoded."""
    view = frame.copy()
    for side in ("actor", "recipient"):
        view[side] = [
            codes or names for codes, names in zip(view[side], view[f"{side}_names"], strict=True)
        ]
    view["text"] = [_short(str(t)) for t in view["text"].fillna("")]
    return view[list(_TABLE_COLUMNS[mentions])]


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------- queries


def query(
    db: Db = DEFAULT_DB,
    actor: Annotated[
        list[str] | None, typer.Option(help="Actor code (RUS, IGO) or identifier (Q7747, name)")
    ] = None,
    recipient: Annotated[
        list[str] | None, typer.Option(help="Recipient code or identifier")
    ] = None,
    sector: Annotated[
        list[str] | None, typer.Option(help="Sector of an actor or recipient (GOV, MIL, CVL ...)")
    ] = None,
    event_type: Annotated[
        list[str] | None, typer.Option("--type", help="PLOVER event type (CONSULT, ASSAULT ...)")
    ] = None,
    mode: Annotated[list[str] | None, typer.Option(help="PLOVER mode (phone, visit ...)")] = None,
    aux_mode: Annotated[
        list[str] | None,
        typer.Option(help="historical, future, hypothetical, negation, or none (happened)"),
    ] = None,
    since: Annotated[str | None, typer.Option(help="First event date YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date YYYY-MM-DD")] = None,
    place: Annotated[
        str | None, typer.Option(help="Place name, country code, or geonameid")
    ] = None,
    text: Annotated[str | None, typer.Option(help="Words in the sentence")] = None,
    dyad: Annotated[str | None, typer.Option(help="Two codes, either direction: USA-RUS")] = None,
    cluster: Annotated[str | None, typer.Option(help="One cluster id")] = None,
    mentions: Mentions = False,
    output_format: Annotated[
        QueryFormat | None,
        typer.Option("--format", "-f", help="table (default on a terminal), jsonl, csv, parquet"),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Most rows (default: 50 for table, all otherwise)", min=0)
    ] = None,
    offset: Annotated[int, typer.Option(help="Rows to skip (for paging)", min=0)] = 0,
    output: Output = None,
    wait: Wait = 10.0,
) -> None:
    """Events in the store matching the filters, one row per duplicate cluster."""
    from eventcoder.store import Store

    fmt = output_format or (
        QueryFormat.table if sys.stdout.isatty() and not output else QueryFormat.jsonl
    )
    if limit is None and fmt is QueryFormat.table:
        limit = 50
    store = Store.open(db, wait=wait)
    frame = store.events(
        actor=actor, recipient=recipient, sector=sector, type=event_type, mode=mode,
        aux_mode=aux_mode, since=_date(since, "--since"), until=_date(until, "--until"),
        place=place, text=text, dyad=dyad, cluster=cluster, mentions=mentions, limit=limit,
        offset=offset,
    )  # fmt: skip
    if fmt is QueryFormat.table:
        title = f"{len(frame)} {'report' if mentions else 'event'}(s)"
        _write_frame(_for_table(frame, mentions), "table", output, title)
    else:
        _write_frame(frame, fmt.value, output)


def stats(
    db: Db = DEFAULT_DB,
    since: Annotated[str | None, typer.Option(help="First event date YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date YYYY-MM-DD")] = None,
    top: Annotated[int, typer.Option(help="Dyads to list", min=1)] = 15,
    mentions: Mentions = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object instead of tables")
    ] = False,
    wait: Wait = 10.0,
) -> None:
    """What the store holds: totals, and counts by event type, month and dyad."""
    from eventcoder.store import Store

    result = Store.open(db, wait=wait).stats(
        since=_date(since, "--since"), until=_date(until, "--until"), mentions=mentions, top=top
    )
    if as_json:
        data = {
            "totals": {k: _jsonable(v) for k, v in result.totals.items()},
            **{
                name: [{k: _jsonable(v) for k, v in r.items()} for r in frame.to_dict("records")]
                for name, frame in (
                    ("by_type", result.by_type),
                    ("by_month", result.by_month),
                    ("by_dyad", result.by_dyad),
                )
            },
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    t = result.totals
    unit = "reports" if mentions else "events (clusters)"
    span = f"{_cell(t['first_date'])} .. {_cell(t['last_date'])}"
    typer.echo(
        f"{t['documents']} documents, {t['reports']} event reports in {t['clusters']} clusters; "
        f"{t['selected']} {unit} selected, dated {span}"
    )
    _print_table(result.by_type, "by type", sys.stdout)
    _print_table(result.by_month, "by month", sys.stdout)
    _print_table(result.by_dyad, f"top {top} dyads", sys.stdout)


def timeline(
    dyad: Annotated[str | None, typer.Option(help="Two codes, either direction: USA-RUS")] = None,
    by: Annotated[Period, typer.Option(help="Period: day, week, month or year")] = Period.week,
    db: Db = DEFAULT_DB,
    event_type: Annotated[
        list[str] | None, typer.Option("--type", help="PLOVER event type")
    ] = None,
    actor: Annotated[list[str] | None, typer.Option(help="Actor code or identifier")] = None,
    aux_mode: Annotated[
        list[str] | None, typer.Option(help="historical, future, hypothetical, negation, none")
    ] = None,
    since: Annotated[str | None, typer.Option(help="First event date YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date YYYY-MM-DD")] = None,
    mentions: Mentions = False,
    output_format: Annotated[
        TableFormat, typer.Option("--format", "-f", help="table, jsonl or csv")
    ] = TableFormat.table,
    output: Output = None,
    wait: Wait = 10.0,
) -> None:
    """Events per week or month: count, and the sum and mean of event_scale."""
    from eventcoder.store import Store

    frame = Store.open(db, wait=wait).timeline(
        dyad=dyad, by=by.value, type=event_type, actor=actor, aux_mode=aux_mode,
        since=_date(since, "--since"), until=_date(until, "--until"), mentions=mentions,
    )  # fmt: skip
    title = f"{dyad or 'all events'} by {by.value}"
    _write_frame(frame, output_format.value, output, title)


def sql(
    statement: Annotated[
        str, typer.Argument(help='One SELECT, e.g. "SELECT count(*) FROM events"')
    ],
    db: Db = DEFAULT_DB,
    output_format: Annotated[
        TableFormat | None, typer.Option("--format", "-f", help="table, jsonl or csv")
    ] = None,
    output: Output = None,
    wait: Wait = 10.0,
) -> None:
    """Run one read-only SELECT on the store (tables: docs/store.md)."""
    from eventcoder.store import Store

    fmt = output_format or (
        TableFormat.table if sys.stdout.isatty() and not output else TableFormat.jsonl
    )
    frame = Store.open(db, wait=wait).sql(statement)
    _write_frame(frame, fmt.value, output)


def export(
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="plover-jsonl, csv, parquet or gdelt")
    ],
    db: Db = DEFAULT_DB,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File (a directory for parquet); default stdout"),
    ] = None,
    since: Annotated[str | None, typer.Option(help="First event date YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date YYYY-MM-DD")] = None,
    event_type: Annotated[
        list[str] | None, typer.Option("--type", help="PLOVER event type")
    ] = None,
    dyad: Annotated[str | None, typer.Option(help="Two codes, either direction: USA-RUS")] = None,
    mentions: Mentions = False,
    wait: Wait = 10.0,
) -> None:
    """Export the store as PLOVER JSONL, CSV, Parquet (by month) or GDELT-style TSV."""
    from eventcoder.store import Filters, Store

    store = Store.open(db, wait=wait)
    filters = Filters.build(
        since=_date(since, "--since"), until=_date(until, "--until"), type=event_type, dyad=dyad
    )
    if output_format is ExportFormat.parquet:
        if output is None:
            raise typer.BadParameter(
                "parquet needs a directory: give --output DIR", param_hint="--format"
            )
        n = store.export("parquet", output, filters=filters, mentions=mentions)
    else:
        with _sink(output) as out:
            n = store.export(output_format.value, out, filters=filters, mentions=mentions)
    _err(
        f"exported {n} {'report' if mentions else 'event'}(s)" + (f" to {output}" if output else "")
    )


def register(app: typer.Typer) -> None:
    """Add the store's commands to the main app."""
    app.command()(ingest)
    app.command()(query)
    app.command()(stats)
    app.command()(timeline)
    app.command()(sql)
    app.command()(export)
