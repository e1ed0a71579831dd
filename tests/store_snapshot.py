"""A store's contents for comparing two stores: every table's rows, sorted.

Left out: the ingest timestamps, and event_no and cluster_no, the whole numbers a
store gives its reports in the order it inserts them (two stores with the same
events may number them differently; cluster_id says which cluster a report is in).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

TABLES = ("documents", "origins", "sentences", "events", "entities", "clusters")
#: Columns that say when or in what order rows were stored, not what they hold.
SURROGATES = frozenset({"ingested_at", "event_no", "cluster_no"})


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, without the SURROGATES."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        result = {}
        for table in TABLES:
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            kept = ", ".join(c for c in columns if c not in SURROGATES)
            result[table] = sorted(con.execute(f"SELECT {kept} FROM {table}").fetchall(), key=repr)
        return result
    finally:
        con.close()


def numbering_faults(db: Path) -> list[tuple[Any, ...]]:
    """Events whose numbers break the store's rules (none in a sound store): event_no
    missing or shared, or cluster_no not the event_no of the cluster's first report
    (the report whose event_id is the cluster_id)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            """SELECT e.event_id, e.event_no, e.cluster_id, e.cluster_no, f.event_no
               FROM events e LEFT JOIN events f ON f.event_id = e.cluster_id
               WHERE e.event_no IS NULL OR e.cluster_no IS DISTINCT FROM f.event_no
                  OR e.event_no IN (SELECT event_no FROM events GROUP BY event_no
                                    HAVING count(*) > 1)"""
        ).fetchall()
    finally:
        con.close()
