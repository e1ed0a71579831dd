"""Ingest: code articles and store them, idempotently, a few documents per transaction.

    articles -> triage (skip what is stored) -> run_local (code) -> batches -> write

A document is keyed by the SHA-256 of its text (the hash event ids are built
from), and its *origin* by (file path, document id). Re-ingesting stored text
codes nothing. Text already stored under another origin is linked, not coded
again. A file whose text changed is coded, its origin re-pointed, and the old
document, no longer pointed to by any origin, deleted with its events.

Each batch (a few documents, or a few seconds of coding) is written in one
transaction: documents, sentences, events, entities, origins and the affected
duplicate clusters together. A crash or kill loses at most the batch being
coded; the store holds only whole documents, and running the same command again
codes exactly what is missing. The DuckDB file is opened only while a batch is
written, so readers can get in between batches (see connection.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from eventcoder.config import Config
from eventcoder.model import Article, Event, ReadProblem
from eventcoder.readers.jsonl import duplicate_id_message
from eventcoder.store import dedup
from eventcoder.store.connection import DEFAULT_WRITE_WAIT, open_db, transaction
from eventcoder.store.rows import TABLE_SCHEMAS, Coded, build_tables, stamp
from eventcoder.store.schema import migrate

__all__ = ["IngestReport", "Ingester", "doc_key", "locate"]

logger = logging.getLogger(__name__)

_LINE_SUFFIX = re.compile(r"(?::\d+|#\d+)$")
_LINK_SCHEMA = pa.schema(
    [("path", pa.string()), ("doc_id", pa.string()), ("doc_key", pa.string()),
     ("origin", pa.string()), ("ingested_at", pa.timestamp("us", tz="UTC"))]
)  # fmt: skip


@dataclass
class IngestReport:
    """What an ingest did, for the closing summary."""

    read: int = 0  # articles read
    unchanged: int = 0  # already stored under the same origin: nothing to do
    linked: int = 0  # text already stored, read from a new origin: linked, not coded
    coded: int = 0  # articles coded
    added: int = 0  # new documents stored
    replaced: int = 0  # origins whose text changed; their old document was replaced
    events: int = 0  # events stored
    batches: int = 0  # transactions committed


@dataclass(frozen=True, slots=True)
class _Link:
    path: str
    doc_id: str
    doc_key: str
    origin: str


def locate(article: Article) -> tuple[str, str]:
    """The origin key of an article: (absolute file path or <stdin>, document id)."""
    raw = _LINE_SUFFIX.sub("", article.origin) or "<unknown>"
    path = raw if raw.startswith("<") else str(Path(raw).resolve())
    return path, article.id


def doc_key(text: str) -> str:
    """A document's key: the SHA-256 of its text, as in `records.content_hash`, from
    which event ids are made (recomputed here so storing needs no spaCy)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _doc_key(article: Article) -> str:
    return doc_key(article.text)


class Ingester:
    """Codes articles into one store. Build it, then `run` it over articles.

    >>> ingester = Ingester(Path("corpus.duckdb"), jobs=2)
    >>> report = ingester.run(articles)
    """

    def __init__(
        self,
        db: Path,
        *,
        config: Config | None = None,
        jobs: int = 1,
        batch_size: int = 32,
        batch_seconds: float = 2.0,
        window_days: int | None = None,
        wait: float = DEFAULT_WRITE_WAIT,
    ) -> None:
        self.db = Path(db)
        self.config = config or Config.default()
        self.jobs = jobs
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.wait = wait
        self._origins: dict[tuple[str, str], str] = {}
        self._stored: set[str] = set()
        self._in_flight: set[str] = set()
        self._links: list[_Link] = []
        # Shards only: the file being loaded, and its record ids -> where first read.
        self._loading: tuple[str, dict[str, str]] = ("", {})
        self._prepare(window_days)

    def _prepare(self, window_days: int | None) -> None:
        """Create or migrate the store, apply the dedup window, learn what is stored."""
        self.db.parent.mkdir(parents=True, exist_ok=True)
        with open_db(self.db, read_only=False, wait=self.wait) as con:
            migrate(con, self.db)
            if window_days is not None:
                with transaction(con):
                    dedup.set_window_days(con, window_days)
            self.window = dedup.window_days(con)
            for path, doc_id, key in con.execute(
                "SELECT path, doc_id, doc_key FROM origins"
            ).fetchall():
                self._origins[(path, doc_id)] = key
            self._stored = {
                key for (key,) in con.execute("SELECT doc_key FROM documents").fetchall()
            }

    def count_pending(self, articles: Iterable[Article]) -> int:
        """How many distinct texts among `articles` need coding (for a progress total)."""
        keys = {_doc_key(a) for a in articles}
        return len(keys - self._stored)

    def _wanted(self, article: Article, report: IngestReport) -> bool:
        """Whether the article's text must be coded and stored; notes its origin."""
        path, doc_id = locate(article)
        return self._wanted_link(_Link(path, doc_id, _doc_key(article), article.origin), report)

    def _wanted_link(self, link: _Link, report: IngestReport) -> bool:
        """Whether the text read at this origin must be stored; notes the origin."""
        report.read += 1
        key = link.doc_key
        if self._origins.get((link.path, link.doc_id)) == key and key in self._stored:
            report.unchanged += 1
            return False
        self._links.append(link)
        if key in self._stored or key in self._in_flight:
            report.linked += 1
            return False
        self._in_flight.add(key)
        return True

    def run(
        self,
        articles: Iterable[Article],
        *,
        on_coded: Callable[[Article], None] | None = None,
    ) -> IngestReport:
        """Code and store `articles`; `on_coded` is called after each one is coded."""
        from eventcoder.engines.local import run_local

        report = IngestReport()
        wanted = (a for a in articles if self._wanted(a, report))
        first = next(wanted, None)
        if first is None:  # nothing new: do not load the model
            self._store((), report, on_coded)
            return report
        coded = run_local(itertools.chain([first], wanted), self.config, jobs=self.jobs)
        self._store(coded, report, on_coded)
        return report

    def add(self, coded: Iterable[tuple[Article, Sequence[Event]]]) -> IngestReport:
        """Store articles coded elsewhere (another engine, or built by hand), by the
        same rules as `run`: stored text is skipped, changed text replaces."""
        report = IngestReport()
        self._store(((a, e) for a, e in coded if self._wanted(a, report)), report, None)
        return report

    def _store(
        self,
        coded: Iterable[tuple[Article, Sequence[Event]]],
        report: IngestReport,
        on_coded: Callable[[Article], None] | None,
    ) -> None:
        """Write coded articles in batches of `batch_size` or `batch_seconds`."""
        batch: list[Coded] = []
        started = time.monotonic()
        for article, events in coded:
            report.coded += 1
            batch.append(Coded(article, tuple(events), _doc_key(article)))
            if on_coded is not None:
                on_coded(article)
            if len(batch) >= self.batch_size or time.monotonic() - started >= self.batch_seconds:
                self._write(batch, report)
                batch, started = [], time.monotonic()
        self._write(batch, report)

    def load_shard(self, tables: dict[str, pa.Table], report: IngestReport) -> list[ReadProblem]:
        """Store a shard coded elsewhere (`eventcoder.store.shards`) in one transaction,
        by the same rules as `run`; returns the shard's read problems.

        A record whose (file, id) was already loaded in this run is skipped as a
        duplicate id, as the reader does within one file: a JSONL file split among
        shards is checked across them.
        """
        problems = [ReadProblem(**row) for row in tables["problems"].to_pylist()]
        wanted: set[str] = set()
        for row in tables["origins"].to_pylist():
            link = _Link(**row)
            first = self._first_read(link)
            if first != link.origin:
                problems.append(ReadProblem(link.origin, duplicate_id_message(link.doc_id, first)))
            elif self._wanted_link(link, report):
                wanted.add(link.doc_key)
        report.coded += len(wanted)
        fresh = pa.array(sorted(wanted), pa.string())
        coded = {name: tables[name] for name in TABLE_SCHEMAS}
        self._write_tables({n: _only(t, fresh, coded["events"]) for n, t in coded.items()},
                           wanted, report)  # fmt: skip
        return problems

    def _first_read(self, link: _Link) -> str:
        """Where this record's id was first read in its file. Shards come in input
        order, so a file's records are loaded together: only its ids are kept."""
        if link.path != self._loading[0]:
            self._loading = (link.path, {})
        return self._loading[1].setdefault(link.doc_id, link.origin)

    def _write(self, items: Sequence[Coded], report: IngestReport) -> None:
        """Store a batch of coded documents and the links that are ready, atomically."""
        tables = build_tables(items, dt.datetime.now(dt.UTC)) if items else None
        self._write_tables(tables, {item.doc_key for item in items}, report)

    def _write_tables(
        self, tables: dict[str, pa.Table] | None, keys: set[str], report: IngestReport
    ) -> None:
        """Store the rows of coded documents and the links that are ready, atomically."""
        links = [link for link in self._links if link.doc_key in self._stored | keys]
        if not keys and not links:
            return
        now = dt.datetime.now(dt.UTC)
        with open_db(self.db, read_only=False, wait=self.wait) as con, transaction(con):
            added, n_events = _insert_documents(con, tables, now)
            removed_events, blocks, replaced = _relink(con, links, now)
            blocks |= _blocks_of_docs(con, added)
            dedup.refresh(
                con,
                blocks=sorted(blocks),
                added_docs=added,
                removed_events=removed_events,
                window=self.window,
            )
        self._commit_state(keys, links, report)
        report.added += len(added)
        report.events += n_events
        report.replaced += replaced
        logger.info("stored %d document(s), %d event(s)", len(added), n_events)

    def _commit_state(self, keys: set[str], links: list[_Link], report: IngestReport) -> None:
        self._stored |= keys
        self._in_flight -= keys
        written = set(links)
        self._links = [link for link in self._links if link not in written]
        for link in links:
            self._origins[(link.path, link.doc_id)] = link.doc_key
        report.batches += 1


def _insert_documents(
    con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table] | None, now: dt.datetime
) -> tuple[list[str], int]:
    """Insert the documents not stored yet; returns their keys and the events added."""
    if tables is None or tables["documents"].num_rows == 0:
        return [], 0
    tables = {**tables, "documents": stamp(tables["documents"], now)}
    candidates = pa.array(sorted(set(tables["documents"]["doc_key"].to_pylist())), pa.string())
    con.register("_candidates", pa.table({"doc_key": candidates}))
    present = {
        key
        for (key,) in con.execute(
            "SELECT doc_key FROM documents WHERE doc_key IN (SELECT doc_key FROM _candidates)"
        ).fetchall()
    }
    con.unregister("_candidates")
    fresh = pa.array(sorted(set(candidates.to_pylist()) - present), pa.string())
    tables = {name: _only(table, fresh, tables["events"]) for name, table in tables.items()}
    tables["events"] = dedup.numbered(con, tables["events"])
    for name, table in tables.items():
        con.register(f"_new_{name}", table)
    con.execute("INSERT INTO documents BY NAME SELECT * FROM _new_documents")
    con.execute("INSERT INTO sentences BY NAME SELECT * FROM _new_sentences")
    con.execute(
        f"""INSERT INTO events BY NAME
            SELECT *, {dedup.BLOCK_SQL} AS block, event_id AS cluster_id,
                   event_no AS cluster_no, true AS is_representative
            FROM _new_events"""
    )
    con.execute("INSERT INTO entities BY NAME SELECT * FROM _new_entities")
    for name in tables:
        con.unregister(f"_new_{name}")
    return fresh.to_pylist(), tables["events"].num_rows


def _only(table: pa.Table, fresh: pa.Array, events: pa.Table) -> pa.Table:
    """Keep the rows of the fresh documents (entities: of their events)."""
    if "doc_key" in table.column_names:
        return table.filter(pc.is_in(table["doc_key"], value_set=fresh))
    keep = events.filter(pc.is_in(events["doc_key"], value_set=fresh))["event_id"]
    return table.filter(pc.is_in(table["event_id"], value_set=keep.combine_chunks()))


def _relink(
    con: duckdb.DuckDBPyConnection, links: Sequence[_Link], now: dt.datetime
) -> tuple[list[str], set[str], int]:
    """Point origins at their new documents and delete documents left without one.

    Returns the removed event ids, the blocks they were in, and how many origins
    changed text.
    """
    if not links:
        return [], set(), 0
    rows = [
        {"path": k.path, "doc_id": k.doc_id, "doc_key": k.doc_key, "origin": k.origin,
         "ingested_at": now}
        for k in links
    ]  # fmt: skip
    con.register("_links", pa.Table.from_pylist(rows, schema=_LINK_SCHEMA))
    old = con.execute(
        """SELECT o.doc_key FROM origins o JOIN _links l
           ON o.path = l.path AND o.doc_id = l.doc_id AND o.doc_key <> l.doc_key"""
    ).fetchall()
    con.execute(
        "DELETE FROM origins USING _links l "
        "WHERE origins.path = l.path AND origins.doc_id = l.doc_id"
    )
    con.execute("INSERT INTO origins BY NAME SELECT * FROM _links")
    con.unregister("_links")
    removed, blocks = _delete_orphans(con, sorted({key for (key,) in old}))
    return removed, blocks, len(old)


def _delete_orphans(
    con: duckdb.DuckDBPyConnection, candidates: Sequence[str]
) -> tuple[list[str], set[str]]:
    """Delete the candidate documents that no origin points to any more."""
    if not candidates:
        return [], set()
    con.register("_maybe", pa.table({"doc_key": pa.array(list(candidates), pa.string())}))
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _orphans AS
           SELECT doc_key FROM _maybe WHERE doc_key NOT IN (SELECT doc_key FROM origins)"""
    )
    con.unregister("_maybe")
    gone = con.execute(
        "SELECT event_id, block FROM events WHERE doc_key IN (SELECT doc_key FROM _orphans)"
    ).fetchall()
    con.execute(
        """DELETE FROM entities WHERE event_id IN
           (SELECT event_id FROM events WHERE doc_key IN (SELECT doc_key FROM _orphans))"""
    )
    for table in ("events", "sentences", "documents"):
        con.execute(f"DELETE FROM {table} WHERE doc_key IN (SELECT doc_key FROM _orphans)")
    con.execute("DROP TABLE _orphans")
    return [event_id for event_id, _ in gone], {block for _, block in gone if block}


def _blocks_of_docs(con: duckdb.DuckDBPyConnection, doc_keys: Sequence[str]) -> set[str]:
    if not doc_keys:
        return set()
    con.register("_docs", pa.table({"doc_key": pa.array(list(doc_keys), pa.string())}))
    rows = con.execute(
        """SELECT DISTINCT block FROM events
           WHERE block IS NOT NULL AND doc_key IN (SELECT doc_key FROM _docs)"""
    ).fetchall()
    con.unregister("_docs")
    return {block for (block,) in rows}
