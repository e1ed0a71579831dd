"""The store's tables, its schema version, and the migrations between versions.

A store is one DuckDB file. `schema_version` records every migration applied;
the highest number is the file's version. `MIGRATIONS[n]` turns a version n-1
store into a version n store; a new store runs them all from 1. Each migration
runs in the caller's transaction, so a store is never left half-migrated.

Version history:
    1  documents, origins, sentences, events, entities, settings
    2  duplicate clusters: the clusters table, events.block, cluster_id,
       is_representative and the cluster_* copies
    3  events.event_no and cluster_no: whole numbers for each report and its
       cluster, so that "clusters with a report that matches" is a join on
       integers (three times faster than on the cluster_id strings)

Only the last migration re-clusters the store: `dedup` is written for the newest
schema, so an earlier step must not call it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

import duckdb

from eventcoder.errors import StoreError

__all__ = ["SCHEMA_VERSION", "migrate", "read_version"]

logger = logging.getLogger(__name__)

_V1 = (
    """CREATE TABLE schema_version (
        version    INTEGER NOT NULL,
        applied_at TIMESTAMP NOT NULL
    )""",
    # Store-wide settings, such as the dedup window the clusters were built with.
    """CREATE TABLE settings (
        key   VARCHAR NOT NULL,
        value VARCHAR NOT NULL
    )""",
    # One row per distinct text; doc_key is the SHA-256 of the text, as in event ids.
    """CREATE TABLE documents (
        doc_key     VARCHAR NOT NULL,
        doc_id      VARCHAR NOT NULL,
        pub_date    DATE,
        title       VARCHAR,
        url         VARCHAR,
        source      VARCHAR,
        text        VARCHAR NOT NULL,
        n_events    INTEGER NOT NULL,
        coder       VARCHAR,
        ingested_at TIMESTAMP NOT NULL
    )""",
    # Where each document was read: (path, doc_id) names one place in the inputs,
    # a file or one record of a JSONL file. Changing a file's text re-points its
    # origin; a document no origin points to any more is deleted.
    """CREATE TABLE origins (
        path        VARCHAR NOT NULL,
        doc_id      VARCHAR NOT NULL,
        doc_key     VARCHAR NOT NULL,
        origin      VARCHAR NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    )""",
    # The sentences that hold events (the text of the others stays in documents).
    """CREATE TABLE sentences (
        doc_key        VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        start_char     INTEGER NOT NULL,
        text           VARCHAR NOT NULL
    )""",
    # One row per event report. The columns from actor_codes to text are copies
    # (of entities, the document and the sentence) written with the row, so that
    # filters, dedup and a page of results read this one table: actor_codes and
    # recipient_codes are the sorted distinct codes of each side, sectors those
    # of both, *_names the canonical names (else the words written).
    """CREATE TABLE events (
        event_id          VARCHAR NOT NULL,
        doc_key           VARCHAR NOT NULL,
        sentence_index    INTEGER NOT NULL,
        date              DATE,
        date_precision    VARCHAR,
        enddate           DATE,
        date_defaulted    BOOLEAN NOT NULL,
        type              VARCHAR NOT NULL,
        mode              VARCHAR,
        aux_mode          VARCHAR,
        context           VARCHAR[] NOT NULL,
        event_text        VARCHAR NOT NULL,
        trigger_start     INTEGER NOT NULL,
        trigger_end       INTEGER NOT NULL,
        quad_code         TINYINT,
        event_scale       DOUBLE,
        cameo             VARCHAR,
        confidence        DOUBLE NOT NULL,
        coder             VARCHAR NOT NULL,
        actor_codes       VARCHAR[] NOT NULL,
        recipient_codes   VARCHAR[] NOT NULL,
        sectors           VARCHAR[] NOT NULL,
        actor_names       VARCHAR[] NOT NULL,
        recipient_names   VARCHAR[] NOT NULL,
        doc_id            VARCHAR NOT NULL,
        source            VARCHAR,
        text              VARCHAR NOT NULL,
        loc_extracted     VARCHAR,
        loc_resolved      VARCHAR,
        loc_country_code  VARCHAR,
        loc_resolution    TINYINT,
        loc_lat           DOUBLE,
        loc_lon           DOUBLE,
        loc_geonameid     BIGINT,
        loc_city          VARCHAR,
        loc_province      VARCHAR,
        loc_country       VARCHAR,
        loc_feature_class VARCHAR,
        loc_feature_code  VARCHAR,
        loc_start         INTEGER,
        loc_end           INTEGER,
        attribution_text  VARCHAR,
        attribution_start INTEGER,
        attribution_end   INTEGER,
        extra             VARCHAR
    )""",
    # Actors, recipients and the attributed source ("attribution") of each event.
    """CREATE TABLE entities (
        event_id        VARCHAR NOT NULL,
        role            VARCHAR NOT NULL,
        position        SMALLINT NOT NULL,
        entity_text     VARCHAR NOT NULL,
        code            VARCHAR,
        sector          VARCHAR,
        identifier_id   VARCHAR,
        identifier_text VARCHAR,
        office          VARCHAR,
        start_char      INTEGER,
        end_char        INTEGER
    )""",
)


def _v2(con: duckdb.DuckDBPyConnection) -> None:
    """Duplicate clusters: each stored event starts as its own (v3 clusters them).

    Each event row also gets a copy of its cluster's summary (cluster_*), so a
    page of clusters is read from the events table alone.
    """
    from eventcoder.store import dedup

    for column in (
        "block VARCHAR", "cluster_id VARCHAR", "is_representative BOOLEAN DEFAULT true",
        "cluster_reports INTEGER DEFAULT 1", "cluster_documents INTEGER DEFAULT 1",
        "cluster_last DATE", "cluster_doc_ids VARCHAR DEFAULT '[]'",
        "cluster_outlets VARCHAR DEFAULT '[]'",
    ):  # fmt: skip
        con.execute(f"ALTER TABLE events ADD COLUMN {column}")
    con.execute(
        """CREATE TABLE clusters (
            cluster_id     VARCHAR NOT NULL,
            block          VARCHAR,
            representative VARCHAR NOT NULL,
            date_first     DATE,
            date_last      DATE,
            n_reports      INTEGER NOT NULL,
            n_documents    INTEGER NOT NULL,
            n_outlets      INTEGER NOT NULL,
            documents      VARCHAR NOT NULL,
            outlets        VARCHAR NOT NULL
        )"""
    )
    con.execute(f"UPDATE events SET block = {dedup.BLOCK_SQL}, cluster_id = event_id")


def _v3(con: duckdb.DuckDBPyConnection) -> None:
    """Report and cluster numbers; re-clusters every event already stored."""
    from eventcoder.store import dedup

    con.execute("ALTER TABLE events ADD COLUMN event_no BIGINT")
    con.execute("ALTER TABLE events ADD COLUMN cluster_no BIGINT")
    con.execute("UPDATE events SET event_no = rowid + 1")
    dedup.recluster_all(con, dedup.window_days(con))


def _run_all(statements: tuple[str, ...]) -> Callable[[duckdb.DuckDBPyConnection], None]:
    def run(con: duckdb.DuckDBPyConnection) -> None:
        for statement in statements:
            con.execute(statement)

    return run


#: version -> the step that brings a store from version-1 to version.
MIGRATIONS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {
    1: _run_all(_V1),
    2: _v2,
    3: _v3,
}
SCHEMA_VERSION = max(MIGRATIONS)


def _table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {name for (name,) in rows}


#: The tables each version adds (a store of version n has those of 1..n); a migration
#: that adds a table lists it here, so a store missing it is reported as damaged.
_TABLES_ADDED = {
    1: {"schema_version", "settings", "documents", "origins", "sentences", "events", "entities"},
    2: {"clusters"},
}


def _damaged(path: Path, what: str) -> StoreError:
    return StoreError(
        f"{path} is a damaged eventcoder store ({what}); restore it from a backup, or "
        "ingest again into a new --db file"
    )


def read_version(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """The store's schema version; 0 for an empty database file.

    Raises StoreError for a DuckDB database that holds other tables (it is not
    ours to change), for a store written by a newer eventcoder, and for a store
    whose version or tables are missing (damaged: it is not changed either).
    """
    tables = _table_names(con)
    if not tables:
        return 0
    if "schema_version" not in tables:
        raise StoreError(
            f"{path} is a DuckDB database but not an eventcoder store (it has no "
            "schema_version table); give another --db path"
        )
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    if not row or row[0] is None or int(row[0]) < 1:
        raise _damaged(path, "its schema_version table records no version")
    version = int(row[0])
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer eventcoder (store schema version {version}; "
            f"this eventcoder reads up to version {SCHEMA_VERSION}); upgrade eventcoder "
            "with `pip install -U eventcoder`"
        )
    expected = set().union(*(_TABLES_ADDED.get(n, set()) for n in range(1, version + 1)))
    missing = sorted(expected - tables)
    if missing:
        raise _damaged(path, f"version {version}, but the table(s) {', '.join(missing)} are gone")
    return version


def migrate(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Bring the store up to SCHEMA_VERSION in one transaction; returns the old version."""
    version = read_version(con, path)
    if version == SCHEMA_VERSION:
        return version
    con.begin()
    step = version + 1
    try:
        for step in range(version + 1, SCHEMA_VERSION + 1):
            logger.info("migrating %s to store schema version %d", path, step)
            MIGRATIONS[step](con)
            con.execute("INSERT INTO schema_version VALUES (?, ?)", [step, dt.datetime.now(dt.UTC)])
        con.commit()
    except duckdb.Error as exc:
        con.rollback()
        reason = str(exc).split("\n", 1)[0]
        raise StoreError(
            f"cannot upgrade the store {path} from schema version {version} to {step} "
            f"({reason}); the file was left as it was"
        ) from exc
    except BaseException:
        con.rollback()
        raise
    return version
