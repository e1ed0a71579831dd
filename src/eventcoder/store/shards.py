"""Parquet shards: the store's rows for one partition of the input, one directory each.

    SHARDS/000003-1a2b3c4d5e6f/
        origins.parquet  documents.parquet  sentences.parquet
        events.parquet   entities.parquet   problems.parquet

A worker codes a partition and writes its shard into a hidden temporary
directory, then renames it into place: a shard is whole or absent, never half
written, and one already present is not written again (so a retried or rerun
task adds nothing). The client then loads the shards into a store in partition
order (`Ingester.load_shard`), or DuckDB reads them where they are
(`open_shards`: `eventcoder query --db SHARDS`).

The tables have the store's columns (`rows.TABLE_SCHEMAS`); `origins` says where
each article was read (its file, id and doc_key) and `problems` what could not be
read. A shard's name starts with its partition's index, so sorting names gives
input order; the rest is a digest of what the partition holds and how it was
coded, so a changed input or setting makes a new shard instead of reusing one.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder.errors import StoreError
from eventcoder.model import ReadProblem
from eventcoder.store.dedup import BLOCK_SQL
from eventcoder.store.rows import TABLE_SCHEMAS, Coded, build_tables

__all__ = [
    "ORIGIN_SCHEMA",
    "PROBLEM_SCHEMA",
    "SHARD_TABLES",
    "open_shards",
    "read_shard",
    "shard_dirs",
    "shard_tables",
    "write_shard",
]

logger = logging.getLogger(__name__)

ORIGIN_SCHEMA = pa.schema(
    [("path", pa.string()), ("doc_id", pa.string()), ("doc_key", pa.string()),
     ("origin", pa.string())]
)  # fmt: skip
PROBLEM_SCHEMA = pa.schema(
    [("origin", pa.string()), ("message", pa.string()), ("skipped", pa.bool_())]
)
SHARD_TABLES = ("origins", *TABLE_SCHEMAS, "problems")
_TMP_PREFIX = ".tmp-"


def shard_tables(
    coded: Sequence[Coded],
    origins: Sequence[tuple[str, str, str, str]],
    problems: Sequence[ReadProblem],
    now: dt.datetime,
) -> dict[str, pa.Table]:
    """A shard's tables: the rows of the coded documents, every article's origin
    (path, doc_id, doc_key, origin) in input order, and the read problems."""
    tables = build_tables(coded, now)
    tables["origins"] = pa.Table.from_pylist(
        [dict(zip(ORIGIN_SCHEMA.names, row, strict=True)) for row in origins],
        schema=ORIGIN_SCHEMA,
    )
    tables["problems"] = pa.Table.from_pylist(
        [{"origin": p.origin, "message": p.message, "skipped": p.skipped} for p in problems],
        schema=PROBLEM_SCHEMA,
    )
    return tables


def write_shard(root: Path, name: str, tables: dict[str, pa.Table]) -> bool:
    """Write a shard atomically; False (and nothing written) if it is already there.

    The files go to a hidden temporary directory that is renamed to `name` at the
    end, so a killed writer leaves only a `.tmp-*` directory that readers ignore.
    """
    final = root / name
    if final.exists():
        return False
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f"{_TMP_PREFIX}{name}-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        for table in SHARD_TABLES:
            pq.write_table(tables[table], tmp / f"{table}.parquet")
        os.rename(tmp, final)  # atomic; fails if another attempt got there first
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if final.exists():
            return False
        raise
    return True


def read_shard(path: Path) -> dict[str, pa.Table]:
    """A shard's tables, keyed by name."""
    try:
        return {name: pq.read_table(path / f"{name}.parquet") for name in SHARD_TABLES}
    except (OSError, pa.ArrowInvalid) as exc:
        raise StoreError(
            f"the shard {path} cannot be read ({exc}); delete it and run the ingest again"
        ) from None


def shard_dirs(root: Path) -> list[Path]:
    """The complete shards under `root`, in input order."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


#: The store's tables as views over the shards. A text coded in several shards
#: counts once (its first shard's rows), as in a store. Duplicate reports are not
#: clustered: each report is its own cluster (load the shards into a store for that).
_VIEWS = {
    "_docs": """SELECT *, parse_dirpath(filename) AS _shard
        FROM read_parquet({files}, filename = true)
        QUALIFY row_number() OVER (PARTITION BY doc_key ORDER BY filename) = 1""",
    "documents": "SELECT * EXCLUDE (filename, _shard) FROM _docs",
    # event_no: the shard's place in the list and the row's in its file, a number that
    # is unique and the same each time the view is read.
    "_events": """SELECT e.* EXCLUDE (filename, file_row_number),
            (list_position({files}, e.filename)::BIGINT << 32) + e.file_row_number AS event_no
        FROM read_parquet({files}, filename = true, file_row_number = true) e
        JOIN _docs d ON e.doc_key = d.doc_key AND parse_dirpath(e.filename) = d._shard""",
    "sentences": """SELECT s.* EXCLUDE (filename) FROM read_parquet({files}, filename = true) s
        JOIN _docs d ON s.doc_key = d.doc_key AND parse_dirpath(s.filename) = d._shard""",
    "entities": """SELECT n.* EXCLUDE (filename) FROM read_parquet({files}, filename = true) n
        JOIN (SELECT event_id FROM _events) e USING (event_id)""",
    "origins": """SELECT DISTINCT ON (path, doc_id) *, NULL::TIMESTAMP AS ingested_at
        FROM read_parquet({files}) ORDER BY path, doc_id""",
    "events": f"""SELECT *, {BLOCK_SQL} AS block, event_id AS cluster_id,
        event_no AS cluster_no, true AS is_representative, 1 AS cluster_reports,
        1 AS cluster_documents, date AS cluster_last,
        CAST(to_json([doc_id]) AS VARCHAR) AS cluster_doc_ids,
        CAST(to_json(list_filter([source], lambda x: x IS NOT NULL)) AS VARCHAR) AS cluster_outlets
        FROM _events""",
    "clusters": """SELECT cluster_id, block, event_id AS representative, date AS date_first,
        date AS date_last, 1 AS n_reports, 1 AS n_documents,
        CASE WHEN source IS NULL THEN 0 ELSE 1 END AS n_outlets,
        cluster_doc_ids AS documents, cluster_outlets AS outlets FROM events""",
}
_SOURCE = {"_docs": "documents", "_events": "events", "sentences": "sentences",
           "entities": "entities", "origins": "origins"}  # fmt: skip


def open_shards(root: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection whose tables are views over the shards in
    `root`, read in place. SQL can read only the files under `root`."""
    shards = shard_dirs(root)
    if not shards:
        raise StoreError(
            f"{root} is a directory with no shards in it; give the path of a store file "
            "with --db, or a directory written by `eventcoder ingest --engine dask --shards DIR`"
        )
    con = duckdb.connect(":memory:")
    con.execute("SET allowed_directories = ?", [[str(root.resolve())]])
    con.execute("SET enable_external_access = false")  # only allowed_directories from here
    con.execute("SET enable_progress_bar = false")
    for view, sql in _VIEWS.items():
        files = ""
        if view in _SOURCE:
            files = "[" + ", ".join(_quote(s / f"{_SOURCE[view]}.parquet") for s in shards) + "]"
        con.execute(f"CREATE VIEW {view} AS {sql.format(files=files)}")
    return con


def _quote(path: Path) -> str:
    return "'" + str(path.resolve()).replace("'", "''") + "'"
