"""Duplicates: reports of the same real-world event folded into one cluster.

Two reports can be the same event only if they share a *block*:
  * the same PLOVER type (compatible types are equal types; modes are checked
    below) and the same aux_mode (a planned visit is not the visit);
  * the same set of actor codes and the same set of recipient codes; for the
    mutual types CONSULT and COOPERATE the same set of codes on either side
    ("A spoke with B" and "B spoke with A" are one call);
  * a day-precise date (reports dated only to a week, month or year share a
    block only with reports of the same period).
Reports without a date, or without any actor or recipient code, are never
merged: nothing says which event they are.

Within a block, reports are taken in date order (the most precisely placed
first, then by event id) and each joins a compatible open cluster, else starts
a new one. A report is compatible with a cluster when, for every report in it:
  * dates: the two are at most `window_days` apart (default 1: the same or the
    next day), so a cluster never spans more than the window;
  * modes: equal, or one of the two has no mode (CONSULT vs CONSULT/phone is
    compatible, CONSULT/phone vs CONSULT/visit is not);
  * places: either is unknown; or both are in the same country and either is
    a whole country, or they are the same place (geonameid or name), or one
    lies in the other (its city or province is the other's name).
Of several compatible clusters it joins the one with most reports (then the
oldest), so a vague report ("police arrested protesters") goes with the event
most reported. The cluster id is the id of its first report, so the clusters
come out the same whatever order documents were ingested in. Its
representative, shown when a query returns one row per cluster, is the report
with the highest confidence among those of its earliest date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import duckdb
import pyarrow as pa

from eventcoder.errors import StoreError

__all__ = [
    "BLOCK_SQL",
    "DEFAULT_WINDOW_DAYS",
    "MUTUAL_TYPES",
    "Report",
    "Site",
    "assign_clusters",
    "modes_compatible",
    "numbered",
    "places_compatible",
    "recluster_all",
    "refresh",
    "set_window_days",
    "window_days",
]

DEFAULT_WINDOW_DAYS = 1

#: Types whose two sides are interchangeable: "A spoke with B" and "B spoke with
#: A" report one call, so their block pools the actor and recipient codes.
MUTUAL_TYPES: tuple[str, ...] = ("CONSULT", "COOPERATE")

#: The block of an event row, as SQL over the events table; NULL = never merged.
BLOCK_SQL = f"""(CASE
    WHEN date IS NULL OR (len(actor_codes) = 0 AND len(recipient_codes) = 0) THEN NULL
    ELSE concat_ws('|', type, coalesce(aux_mode, '-'),
        CASE WHEN coalesce(date_precision, 'day') = 'day' THEN 'day'
             ELSE date_precision || ':' || CAST(date AS VARCHAR) END,
        CASE WHEN type IN ({", ".join(f"'{t}'" for t in MUTUAL_TYPES)})
             THEN array_to_string(list_sort(list_distinct(
                      list_concat(actor_codes, recipient_codes))), ',') || '<>'
             ELSE array_to_string(actor_codes, ',') || '>'
                  || array_to_string(recipient_codes, ',') END)
    END)"""


class Site(NamedTuple):
    """The parts of an event's place that decide whether two places can be one."""

    country_code: str | None
    resolution: int
    geonameid: int | None
    name: str
    city: str | None
    province: str | None


class Report(NamedTuple):
    """One event report as the clustering sees it."""

    event_id: str
    date: dt.date
    mode: str | None
    site: Site | None
    confidence: float


def modes_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _lower(value: str | None) -> str | None:
    return value.lower() if value else None


def places_compatible(a: Site | None, b: Site | None) -> bool:
    """Could `a` and `b` be where one event happened? See the module docstring."""
    if a is None or b is None or a.country_code is None or b.country_code is None:
        return True
    if a.country_code != b.country_code:
        return False
    if a.resolution <= 1 or b.resolution <= 1:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    a_name, b_name = a.name.lower(), b.name.lower()
    if a_name == b_name:
        return True
    return a_name in (_lower(b.city), _lower(b.province)) or b_name in (
        _lower(a.city),
        _lower(a.province),
    )


@dataclass
class _Cluster:
    first: Report
    mode: str | None = None
    sites: list[Site] = field(default_factory=list)
    best: Report | None = None
    size: int = 0

    def accepts(self, report: Report, window: int) -> bool:
        return (
            (report.date - self.first.date).days <= window
            and modes_compatible(self.mode, report.mode)
            and all(places_compatible(site, report.site) for site in self.sites)
        )

    def add(self, report: Report) -> None:
        self.size += 1
        self.mode = self.mode or report.mode
        if report.site is not None and report.site not in self.sites:
            self.sites.append(report.site)
        if self.best is None or (
            report.date == self.best.date and report.confidence > self.best.confidence
        ):
            self.best = report


def assign_clusters(reports: Sequence[Report], window: int) -> dict[str, tuple[str, bool]]:
    """Cluster one block's reports: event id -> (cluster id, is the representative).

    `reports` must be in date order (see the module docstring for the rest).
    """
    open_clusters: list[_Cluster] = []
    member_of: dict[str, _Cluster] = {}
    for report in reports:
        open_clusters = [c for c in open_clusters if (report.date - c.first.date).days <= window]
        fits = [c for c in open_clusters if c.accepts(report, window)]
        target = max(fits, key=lambda c: c.size, default=None)  # max keeps the oldest of ties
        if target is None:
            target = _Cluster(first=report)
            open_clusters.append(target)
        target.add(report)
        member_of[report.event_id] = target
    return {
        event_id: (c.first.event_id, c.best is not None and c.best.event_id == event_id)
        for event_id, c in member_of.items()
    }


def numbered(con: duckdb.DuckDBPyConnection, events: pa.Table) -> pa.Table:
    """`events` (rows about to be inserted) with event_no: the next whole numbers after
    the store's, in the table's order, so that the same inserts number the same way."""
    ((last,),) = con.execute("SELECT coalesce(max(event_no), 0) FROM events").fetchall()
    first = int(last) + 1
    numbers = pa.array(range(first, first + events.num_rows), pa.int64())
    return events.append_column("event_no", numbers)


def window_days(con: duckdb.DuckDBPyConnection) -> int:
    """The dedup window the store's clusters were built with."""
    row = con.execute("SELECT value FROM settings WHERE key = 'dedup_window_days'").fetchone()
    return int(row[0]) if row else DEFAULT_WINDOW_DAYS


def set_window_days(con: duckdb.DuckDBPyConnection, days: int) -> bool:
    """Record a new window and re-cluster everything; False if it was already set."""
    if days < 0:
        raise StoreError(f"the dedup window must be 0 days or more, not {days}")
    current = con.execute("SELECT value FROM settings WHERE key = 'dedup_window_days'").fetchone()
    if current is not None and int(current[0]) == days:
        return False
    con.execute("DELETE FROM settings WHERE key = 'dedup_window_days'")
    con.execute("INSERT INTO settings VALUES ('dedup_window_days', ?)", [str(days)])
    if current is None and days == DEFAULT_WINDOW_DAYS:
        return False
    recluster_all(con, days)
    return True


_REPORTS_SQL = """
SELECT event_id, event_no, block, date, mode, confidence, loc_country_code, loc_resolution,
       loc_geonameid, coalesce(loc_resolved, loc_extracted, '') AS loc_name,
       loc_city, loc_province
FROM events WHERE block IN (SELECT block FROM _touched)
ORDER BY block, date, coalesce(loc_resolution, 0) DESC, event_id
"""

_SUMMARY_SQL = """
CREATE OR REPLACE TEMP TABLE _summary AS
SELECT cluster_id,
       any_value(block) AS block,
       min(event_id) FILTER (WHERE is_representative) AS representative,
       min(date) AS date_first, max(date) AS date_last, count(*) AS n_reports,
       count(DISTINCT doc_key) AS n_documents, count(DISTINCT source) AS n_outlets,
       CAST(to_json(list_sort(list_distinct(list(doc_id)))) AS VARCHAR) AS documents,
       CAST(to_json(list_sort(list_distinct(list(source)))) AS VARCHAR) AS outlets
FROM events
WHERE block IN (SELECT block FROM _touched)
   OR (block IS NULL AND doc_key IN (SELECT doc_key FROM _added))
GROUP BY cluster_id
"""

_COPY_SQL = """
UPDATE events SET cluster_reports = c.n_reports, cluster_documents = c.n_documents,
       cluster_last = c.date_last, cluster_doc_ids = c.documents, cluster_outlets = c.outlets
FROM _summary c WHERE events.cluster_id = c.cluster_id
"""


def _rows_to_reports(table: pa.Table) -> Iterable[tuple[str, int, Report]]:
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    for event_id, event_no, block, date, mode, conf, cc, res, gid, name, city, prov in zip(
        *columns, strict=True
    ):
        site = Site(cc, int(res), gid, name, city, prov) if cc or name else None
        yield block, event_no, Report(event_id, date, mode, site, conf)


def _assign(con: duckdb.DuckDBPyConnection, window: int) -> pa.Table:
    """Cluster every report in the touched blocks; returns the new assignment."""
    table = con.sql(_REPORTS_SQL).to_arrow_table()
    ids: list[str] = []
    cluster_ids: list[str] = []
    cluster_nos: list[int] = []
    flags: list[bool] = []
    block_reports: list[Report] = []
    numbers: dict[str, int] = {}  # event id -> event_no, of the current block
    current: str | None = None

    def flush() -> None:
        for event_id, (cluster_id, rep) in assign_clusters(block_reports, window).items():
            ids.append(event_id)
            cluster_ids.append(cluster_id)
            cluster_nos.append(numbers[cluster_id])  # a cluster is numbered as its first report
            flags.append(rep)

    for block, event_no, report in _rows_to_reports(table):
        if block != current and block_reports:
            flush()
            block_reports = []
            numbers = {}
        current = block
        block_reports.append(report)
        numbers[report.event_id] = event_no
    if block_reports:
        flush()
    return pa.table(
        {
            "event_id": ids,
            "cluster_id": cluster_ids,
            "cluster_no": cluster_nos,
            "is_representative": flags,
        },
        schema=pa.schema(
            [
                ("event_id", pa.string()),
                ("cluster_id", pa.string()),
                ("cluster_no", pa.int64()),
                ("is_representative", pa.bool_()),
            ]
        ),
    )


def refresh(
    con: duckdb.DuckDBPyConnection,
    *,
    blocks: Sequence[str],
    added_docs: Sequence[str],
    removed_events: Sequence[str],
    window: int,
) -> None:
    """Re-cluster the touched blocks and rebuild their cluster rows (in the caller's
    transaction). New unblocked events are their own clusters; clusters of removed
    unblocked events are dropped."""
    con.register("_touched", pa.table({"block": pa.array(sorted(set(blocks)), pa.string())}))
    con.register("_added", pa.table({"doc_key": pa.array(list(added_docs), pa.string())}))
    con.register("_removed", pa.table({"event_id": pa.array(list(removed_events), pa.string())}))
    try:
        if blocks:
            con.register("_assignment", _assign(con, window))
            con.execute(
                """UPDATE events SET cluster_id = a.cluster_id, cluster_no = a.cluster_no,
                       is_representative = a.is_representative
                   FROM _assignment a WHERE events.event_id = a.event_id"""
            )
            con.unregister("_assignment")
        con.execute(
            """DELETE FROM clusters WHERE block IN (SELECT block FROM _touched)
               OR cluster_id IN (SELECT event_id FROM _removed)
               OR cluster_id IN (SELECT event_id FROM events
                                 WHERE doc_key IN (SELECT doc_key FROM _added))"""
        )
        con.execute(_SUMMARY_SQL)
        con.execute("INSERT INTO clusters BY NAME SELECT * FROM _summary")
        con.execute(_COPY_SQL)
        con.execute("DROP TABLE _summary")
    finally:
        for name in ("_touched", "_added", "_removed"):
            con.unregister(name)


def recluster_all(con: duckdb.DuckDBPyConnection, window: int) -> None:
    """Rebuild every cluster (after a migration or a change of window)."""
    con.execute(
        "UPDATE events SET cluster_id = event_id, cluster_no = event_no, is_representative = true"
    )
    con.execute("DELETE FROM clusters")
    rows = con.execute("SELECT DISTINCT block FROM events WHERE block IS NOT NULL").fetchall()
    docs = [key for (key,) in con.execute("SELECT doc_key FROM documents").fetchall()]
    blocks = [block for (block,) in rows]
    refresh(con, blocks=blocks, added_docs=docs, removed_events=(), window=window)
