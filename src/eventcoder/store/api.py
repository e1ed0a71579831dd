"""`Store`: the Python API for reading a store, returning pandas DataFrames.

    >>> store = Store.open("corpus.duckdb")
    >>> store.events(actor="RUS", type="CONSULT", since="2025-01-01")
    >>> store.timeline(dyad="USA-RUS", by="week")

A Store keeps no connection open: each call opens the file read-only, runs, and
closes it, so an ingest in another process can write between calls. While an
ingest is writing a batch, a call waits up to `wait` seconds for it. Opening
costs DuckDB some tens of milliseconds; for many calls in a row, hold one
connection with `with store.session(): ...` (an ingest then waits for its end).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import duckdb
import pandas as pd

from eventcoder.store import export as _export
from eventcoder.store.connection import DEFAULT_READ_WAIT, DEFAULT_WRITE_WAIT, open_db
from eventcoder.store.query import (
    Filters,
    StoreStats,
    run_select,
    select_events,
    select_stats,
    select_timeline,
)
from eventcoder.store.schema import SCHEMA_VERSION, migrate, read_version
from eventcoder.store.shards import open_shards

__all__ = ["Store"]

_Values = str | Sequence[str] | None
_Day = str | dt.date | None


class Store:
    """A store file opened for reading. Build it with `Store.open(path)`.

    `path` may also be a directory of Parquet shards (`eventcoder ingest --engine
    dask --shards DIR`), read in place: every report is then its own cluster.
    """

    def __init__(self, path: Path, *, wait: float = DEFAULT_READ_WAIT) -> None:
        self.path = path
        self.wait = wait
        self._held: duckdb.DuckDBPyConnection | None = None

    @classmethod
    def open(cls, path: str | Path, *, wait: float = DEFAULT_READ_WAIT) -> Store:
        """Check that `path` is a store (upgrading an older one) and return it.

        Raises StoreError if it is missing, not a store, from a newer eventcoder,
        or stays locked by a writer for more than `wait` seconds.
        """
        store = cls(Path(path), wait=wait)
        if store.path.is_dir():  # a shard directory, read in place: nothing to migrate
            with store.connect():
                return store
        with store.connect() as con:
            version = read_version(con, store.path)
        if version < SCHEMA_VERSION:
            with open_db(store.path, read_only=False, wait=max(wait, DEFAULT_WRITE_WAIT)) as con:
                migrate(con, store.path)
        return store

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection: the session's, or a new one closed on leaving."""
        if self._held is not None:
            yield self._held
            return
        with self._open() as con:
            yield con

    @contextmanager
    def _open(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if not self.path.is_dir():
            with open_db(self.path, read_only=True, wait=self.wait) as con:
                yield con
            return
        con = open_shards(self.path)
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def session(self) -> Iterator[Store]:
        """Hold one read-only connection for the calls in the block (faster; an
        ingest in another process waits until the block ends)."""
        if self._held is not None:
            yield self
            return
        with self._open() as con:
            self._held = con
            try:
                yield self
            finally:
                self._held = None

    def events(
        self,
        *,
        actor: _Values = None,
        recipient: _Values = None,
        sector: _Values = None,
        type: _Values = None,
        mode: _Values = None,
        aux_mode: _Values = None,
        since: _Day = None,
        until: _Day = None,
        place: str | None = None,
        text: str | None = None,
        dyad: str | None = None,
        cluster: str | None = None,
        mentions: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> pd.DataFrame:
        """Events matching the filters: one row per cluster, or per report with `mentions`.

        `actor`/`recipient`: codes (RUS, IGO) or identifiers (Q7747, "Vladimir Putin");
        `aux_mode="none"` selects events reported as having happened; `cluster`
        selects one cluster (with `mentions`, its reports).
        """
        f = Filters.build(
            actor=actor, recipient=recipient, sector=sector, type=type, mode=mode,
            aux_mode=aux_mode, since=since, until=until, place=place, text=text, dyad=dyad,
            cluster=cluster,
        )  # fmt: skip
        with self.connect() as con:
            return select_events(con, f, mentions=mentions, limit=limit, offset=offset)

    def timeline(
        self,
        *,
        dyad: str | None = None,
        by: str = "week",
        actor: _Values = None,
        recipient: _Values = None,
        type: _Values = None,
        aux_mode: _Values = None,
        since: _Day = None,
        until: _Day = None,
        mentions: bool = False,
    ) -> pd.DataFrame:
        """Per period (`by`: day, week, month, year): events, scale_sum, scale_mean.

        `dyad="USA-RUS"` selects events where one side acts and the other acts
        with it or receives the action, in either direction.
        """
        f = Filters.build(
            dyad=dyad, actor=actor, recipient=recipient, type=type, aux_mode=aux_mode,
            since=since, until=until,
        )  # fmt: skip
        with self.connect() as con:
            return select_timeline(con, f, by=by, mentions=mentions)

    def stats(
        self,
        *,
        since: _Day = None,
        until: _Day = None,
        mentions: bool = False,
        top: int = 20,
    ) -> StoreStats:
        """Totals, and counts by type, month and dyad (the `top` most frequent)."""
        f = Filters.build(since=since, until=until)
        with self.connect() as con:
            return select_stats(con, f, mentions=mentions, top=top)

    def reports(self, cluster_id: str) -> pd.DataFrame:
        """Every report of one cluster."""
        with self.connect() as con:
            return select_events(con, Filters(cluster=cluster_id), mentions=True)

    def sql(self, query: str) -> pd.DataFrame:
        """Run one SELECT statement (the connection is read-only)."""
        with self.connect() as con:
            return run_select(con, query)

    def export(
        self,
        fmt: str,
        out: TextIO | Path,
        *,
        filters: Filters | None = None,
        mentions: bool = False,
    ) -> int:
        """Write events as plover-jsonl, csv, gdelt (to a stream) or parquet (to a
        directory, partitioned by month); returns the number of rows written."""
        with self.connect() as con:
            return _export.export(con, fmt, out=out, filters=filters, mentions=mentions)

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, origins, sentences, events, entities, clusters."""
        tables = ("documents", "origins", "sentences", "events", "entities", "clusters")
        with self.connect() as con:
            return {
                t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
                for t in tables
            }
