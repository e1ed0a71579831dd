"""Questions to the store as parameterised SQL: events, timelines, stats, raw SELECTs.

Every user value reaches DuckDB as a `?` parameter, never inside the SQL text.
By default a query returns one row per duplicate cluster (its representative
report) and a cluster matches when any of its reports matches the filters;
`mentions=True` returns every report instead.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

import duckdb
import pandas as pd

from eventcoder.errors import StoreError
from eventcoder.model import AUX_MODES, PLOVER_TYPES
from eventcoder.store.dedup import MUTUAL_TYPES

__all__ = [
    "TIMELINE_PERIODS",
    "Filters",
    "StoreStats",
    "Where",
    "build_where",
    "parse_dyad",
    "run_select",
    "scoped_where",
    "select_events",
    "select_stats",
    "select_timeline",
]

TIMELINE_PERIODS: dict[str, tuple[str, str]] = {
    # by -> (date_trunc part, pandas frequency of the filled-in periods)
    "day": ("day", "D"),
    "week": ("week", "W-MON"),
    "month": ("month", "MS"),
    "year": ("year", "YS"),
}
_CODE = re.compile(r"\A[A-Za-z]{3}\Z")
_LIST_COLUMNS = ("actor", "recipient", "actor_names", "recipient_names", "documents", "outlets")


def _strings(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _day(value: str | dt.date | None, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise StoreError(f"{name} {value!r} is not a date; write YYYY-MM-DD") from None


#: The largest BIGINT: row counts, offsets and geonameids above it are not numbers DuckDB
#: takes (and no store holds that many rows).
_BIGINT_MAX = 2**63 - 1


def _count(value: int, name: str) -> int:
    """A row count or offset from the caller: a whole number from 0 up."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _BIGINT_MAX:
        raise StoreError(f"{name} must be a whole number from 0 up, not {value!r}")
    return value


def _checked(values: tuple[str, ...], allowed: Sequence[str], what: str) -> tuple[str, ...]:
    for value in values:
        if value not in allowed:
            raise StoreError(f"unknown {what} {value!r}; choose from {', '.join(allowed)}")
    return values


def parse_dyad(value: str) -> tuple[str, str]:
    """'USA-RUS' -> ('USA', 'RUS')."""
    parts = value.upper().split("-")
    if len(parts) != 2 or not all(_CODE.match(p) for p in parts):
        raise StoreError(f"dyad {value!r} should be two codes joined by a dash, like USA-RUS")
    return parts[0], parts[1]


@dataclass(frozen=True)
class Filters:
    """What to select. Empty fields select everything; values of one field are ORed,
    fields are ANDed. Build with `Filters.build(...)`, which checks the values."""

    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    mode: tuple[str, ...] = ()
    aux_mode: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    text: str | None = None
    dyad: tuple[str, str] | None = None
    cluster: str | None = None

    @classmethod
    def build(
        cls,
        *,
        actor: str | Sequence[str] | None = None,
        recipient: str | Sequence[str] | None = None,
        sector: str | Sequence[str] | None = None,
        type: str | Sequence[str] | None = None,
        mode: str | Sequence[str] | None = None,
        aux_mode: str | Sequence[str] | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        place: str | None = None,
        text: str | None = None,
        dyad: str | None = None,
        cluster: str | None = None,
    ) -> Filters:
        types = tuple(t.upper() for t in _strings(type))
        aux = tuple(a.lower() for a in _strings(aux_mode))
        return cls(
            actor=_strings(actor),
            recipient=_strings(recipient),
            sector=tuple(s.upper() for s in _strings(sector)),
            type=_checked(types, PLOVER_TYPES, "event type"),
            mode=tuple(m.lower() for m in _strings(mode)),
            aux_mode=_checked(aux, (*AUX_MODES, "none"), "aux mode"),
            since=_day(since, "since"),
            until=_day(until, "until"),
            place=place or None,
            text=text or None,
            dyad=parse_dyad(dyad) if dyad else None,
            cluster=cluster or None,
        )

    def split(self) -> tuple[Filters, Filters]:
        """(cluster part, report part): the filters on fields all reports of a
        cluster share, and the rest, which some one report must match.

        Shared: type, aux_mode, the cluster's date (its earliest report's), its
        id, and the actor and recipient codes (for the mutual types CONSULT and
        COOPERATE, whose reports may swap the sides, either side). Identifiers,
        sectors, mode, place and words vary from report to report.
        """
        codes_only = all(_CODE.match(v) for v in (*self.actor, *self.recipient))
        moved = ("actor", "recipient") if codes_only else ()
        shared = {"type", "aux_mode", "since", "until", "cluster", "dyad", *moved}
        cluster = replace(Filters(), **{k: getattr(self, k) for k in shared})
        report = replace(self, **{k: getattr(Filters(), k) for k in shared})
        return cluster, report

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


class Where:
    """A conjunction of SQL conditions over `events e` and their parameters."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def any_of(self, parts: list[tuple[str, tuple[Any, ...]]]) -> None:
        if parts:
            self.add(
                "(" + " OR ".join(c for c, _ in parts) + ")", *(p for _, ps in parts for p in ps)
            )

    def sql(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "true"


_ENTITY = (
    "EXISTS (SELECT 1 FROM entities n WHERE n.event_id = e.event_id AND n.role = '{role}' "
    "AND (n.identifier_id = ? OR lower(n.identifier_text) = lower(?)))"
)


def _who(values: tuple[str, ...], column: str, role: str) -> list[tuple[str, tuple[Any, ...]]]:
    """Country (or PLOVER) codes match the codes list; anything else an identifier."""
    parts: list[tuple[str, tuple[Any, ...]]] = []
    for value in values:
        if _CODE.match(value):
            parts.append((f"list_contains(e.{column}, ?)", (value.upper(),)))
        else:
            parts.append((_ENTITY.format(role=role), (value, value)))
    return parts


def _place(where: Where, place: str) -> None:
    """A country code, a geonameid, or the name of the place, its city, province or country."""
    names = ("loc_resolved", "loc_city", "loc_province", "loc_country")
    parts: list[tuple[str, tuple[Any, ...]]] = [
        (f"lower(e.{name}) = ?", (place.lower(),)) for name in names
    ]
    if _CODE.match(place):
        parts.append(("e.loc_country_code = ?", (place.upper(),)))
    if place.isascii() and place.isdigit() and int(place) <= _BIGINT_MAX:
        parts.append(("e.loc_geonameid = ?", (int(place),)))
    where.any_of(parts)


#: One of the two acts, and the other acts with it or receives the action.
_DYAD = (
    "((list_contains(e.actor_codes, ?) AND (list_contains(e.actor_codes, ?) "
    "OR list_contains(e.recipient_codes, ?))) OR (list_contains(e.actor_codes, ?) "
    "AND list_contains(e.recipient_codes, ?)))"
)
#: Either side holds the code: a cheap test that makes the dyad test rarely needed.
_HAS = "(list_contains(e.actor_codes, ?) OR list_contains(e.recipient_codes, ?))"
_MUTUAL = "e.type IN (" + ", ".join(f"'{t}'" for t in MUTUAL_TYPES) + ")"


def _shared(where: Where, f: Filters) -> None:
    """Conditions on the fields every report of a cluster shares."""
    where.any_of([("e.type = ?", (t,)) for t in f.type])
    where.any_of(
        [
            ("e.aux_mode IS NULL", ()) if a == "none" else ("e.aux_mode = ?", (a,))
            for a in f.aux_mode
        ]
    )
    if f.since:
        where.add("e.date >= ?", f.since)
    if f.until:
        where.add("e.date <= ?", f.until)
    if f.cluster:
        where.add("e.cluster_id = ?", f.cluster)


def build_where(f: Filters) -> Where:
    """The filters as one condition on a report `e`."""
    where = Where()
    _shared(where, f)
    where.any_of(_who(f.actor, "actor_codes", "actor"))
    where.any_of(_who(f.recipient, "recipient_codes", "recipient"))
    where.any_of([("list_contains(e.sectors, ?)", (sector,)) for sector in f.sector])
    where.any_of([("e.mode = ?", (m,)) for m in f.mode])
    if f.place:
        _place(where, f.place)
    if f.text:
        where.add("contains(lower(e.text), ?)", f.text.lower())
    if f.dyad:
        a, b = f.dyad
        where.add(f"{_HAS} AND {_HAS} AND {_DYAD}", a, a, b, b, a, b, b, b, a)
    return where


def _cluster_where(f: Filters) -> Where:
    """The cluster part of the filters, as a condition on a cluster's representative."""
    where = Where()
    _shared(where, f)
    for values, column, other in (
        (f.actor, "actor_codes", "recipient_codes"),
        (f.recipient, "recipient_codes", "actor_codes"),
    ):
        where.any_of([
            (f"(list_contains(e.{column}, ?) OR ({_MUTUAL} AND list_contains(e.{other}, ?)))",
             (v.upper(), v.upper()))
            for v in values
        ])  # fmt: skip
    if f.dyad:
        a, b = f.dyad
        where.add(f"{_HAS} AND {_HAS} AND ({_DYAD} OR {_MUTUAL})", a, a, b, b, a, b, b, b, a)
    return where


def scoped_where(f: Filters, mentions: bool) -> Where:
    """The rows to count or list: every report, or one representative per cluster.

    With `mentions`, each report is matched on its own fields. Otherwise a
    cluster matches when its shared fields match (see `Filters.split`) and one
    of its reports matches the rest.
    """
    if mentions:
        return build_where(f)
    cluster, report = f.split()
    where = _cluster_where(cluster)
    where.add("e.is_representative")
    if not report.is_empty():
        inner = build_where(report)
        where.add(
            f"e.cluster_no IN (SELECT e.cluster_no FROM events e WHERE {inner.sql()})",
            *inner.params,
        )
    return where


_COMMON = """e.date, e.type, e.mode, e.aux_mode, e.actor_codes AS actor,
  e.recipient_codes AS recipient, e.actor_names, e.recipient_names,
  coalesce(e.loc_resolved, e.loc_extracted) AS place, e.loc_country_code AS place_country,
  e.event_scale, e.quad_code, e.cameo"""

_ORDER = "ORDER BY e.date NULLS LAST, e.event_id"

#: A page of results, read from the events table alone (see schema.py's copies).
_PAGE = {
    False: f"""SELECT e.cluster_id, {_COMMON}, e.cluster_last AS date_last,
  e.cluster_reports AS n_reports, e.cluster_documents AS n_documents,
  e.cluster_doc_ids AS documents, e.cluster_outlets AS outlets, e.event_id, e.doc_id,
  e.source, e.text
FROM events e WHERE {{where}} {_ORDER} {{limit}}""",
    True: f"""SELECT e.event_id, e.cluster_id, {_COMMON}, e.confidence, e.doc_id, e.source,
  e.text, e.cluster_reports AS n_reports
FROM events e WHERE {{where}} {_ORDER} {{limit}}""",
}


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists as Python lists (never NULL), dates as dates."""
    for column in ("documents", "outlets"):
        if column in frame.columns:
            frame[column] = [json.loads(v) for v in frame[column]]
    for column in _LIST_COLUMNS:
        if column in frame.columns:
            frame[column] = [[] if _missing(v) else list(v) for v in frame[column]]
    for column in ("date", "date_last", "period"):
        if column in frame.columns:
            frame[column] = [_as_date(v) for v in frame[column]]
    return frame


def _as_date(value: Any) -> dt.date | None:
    if _missing(value) or value is pd.NaT:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def select_events(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    *,
    mentions: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """One row per cluster (or per report with `mentions`), in date order.

    A page is found in two steps: the row ids of the page, from the narrow
    columns the filters and the order need, then those rows in full. In one
    step DuckDB may build its join on the wide side (every representative with
    its text), which took over a second for `--place Kyiv` on a 1M-event store.
    """
    where = scoped_where(f, mentions)
    params = list(where.params)
    offset = _count(offset, "offset")
    if limit is None:
        suffix = "OFFSET ?" if offset else ""
        sql = _PAGE[mentions].format(where=where.sql(), limit=suffix)
        return _tidy(con.execute(sql, params + ([offset] if offset else [])).df())
    ids = con.execute(
        f"SELECT e.rowid FROM events e WHERE {where.sql()} {_ORDER} LIMIT ? OFFSET ?",
        [*params, _count(limit, "limit"), offset],
    ).fetchall()
    sql = _PAGE[mentions].format(where="e.rowid IN (SELECT unnest(?::BIGINT[]))", limit="")
    return _tidy(con.execute(sql, [[row[0] for row in ids]]).df())


def _periods_between(first: dt.date, last: dt.date, by: str) -> int:
    """How many periods of `by` a timeline from `first` to `last` (period starts) lists."""
    if by == "year":
        return last.year - first.year + 1
    if by == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return (last - first).days // (7 if by == "week" else 1) + 1


def select_timeline(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    *,
    by: str = "week",
    mentions: bool = False,
    max_periods: int | None = None,
) -> pd.DataFrame:
    """Event counts and the sum and mean of event_scale per period, gaps filled.

    `max_periods` refuses (StoreError) a timeline that would list more periods, gaps
    included: one event dated 1200 or 9999 among today's would fill millions of days.
    """
    if by not in TIMELINE_PERIODS:
        raise StoreError(f"unknown period {by!r}; choose from {', '.join(TIMELINE_PERIODS)}")
    part, freq = TIMELINE_PERIODS[by]
    where = scoped_where(f, mentions)
    # `part` comes from TIMELINE_PERIODS, never from the user.
    sql = f"""
        SELECT CAST(date_trunc('{part}', e.date) AS DATE) AS period, count(*) AS events,
               coalesce(sum(e.event_scale), 0) AS scale_sum, avg(e.event_scale) AS scale_mean
        FROM events e WHERE e.date IS NOT NULL AND {where.sql()}
        GROUP BY period ORDER BY period"""
    frame = con.execute(sql, where.params).df()
    if frame.empty:
        return _tidy(frame)
    first, last = (_as_date(frame["period"].iloc[i]) for i in (0, -1))
    assert first is not None and last is not None  # dated events only, in period order
    periods = _periods_between(first, last, by)
    if max_periods is not None and periods > max_periods:
        raise StoreError(
            f"the selected events run from {first} to {last}: {periods:,} {by}s, more than "
            f"the {max_periods:,} a timeline lists; choose a longer period than {by!r} or "
            "narrow the dates with since/until"
        )
    frame["period"] = pd.to_datetime(frame["period"])
    frame = frame.set_index("period")
    full = pd.date_range(frame.index.min(), frame.index.max(), freq=freq)
    frame = frame.reindex(full.union(frame.index))
    frame["events"] = frame["events"].fillna(0).astype("int64")
    frame["scale_sum"] = frame["scale_sum"].fillna(0.0)
    frame = frame.rename_axis("period").reset_index()
    return _tidy(frame)


@dataclass(frozen=True)
class StoreStats:
    """What is in a store: totals, and counts by type, month and dyad."""

    totals: dict[str, Any]
    by_type: pd.DataFrame
    by_month: pd.DataFrame
    by_dyad: pd.DataFrame


_DYADS = """
SELECT dyad, count(*) AS events FROM (
  SELECT unnest(list_concat(
    flatten(list_transform(e.actor_codes,
        lambda a: list_transform(e.recipient_codes, lambda r: a || '-' || r))),
    list_filter(flatten(list_transform(e.actor_codes,
        lambda a: list_transform(e.actor_codes, lambda b: CASE WHEN a < b THEN a || '-' || b END))),
        lambda x: x IS NOT NULL)
  )) AS dyad
  FROM events e WHERE {where}
) GROUP BY dyad ORDER BY events DESC, dyad LIMIT ?
"""


def select_stats(
    con: duckdb.DuckDBPyConnection, f: Filters, *, mentions: bool = False, top: int = 20
) -> StoreStats:
    """Counts by type, by month, and by dyad (actor-recipient, or two joint actors)."""
    where = scoped_where(f, mentions)
    w, p = where.sql(), where.params
    totals_row = con.execute(
        f"""SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),
                   (SELECT count(*) FROM clusters), count(*), min(e.date), max(e.date)
            FROM events e WHERE {w}""",
        p,
    ).fetchone()
    assert totals_row is not None  # an aggregate always returns a row
    names = ("documents", "reports", "clusters", "selected", "first_date", "last_date")
    by_type = con.execute(
        f"SELECT e.type, count(*) AS events FROM events e WHERE {w} "
        "GROUP BY e.type ORDER BY events DESC, e.type",
        p,
    ).df()
    by_month = con.execute(
        f"SELECT strftime(e.date, '%Y-%m') AS month, count(*) AS events FROM events e "
        f"WHERE e.date IS NOT NULL AND {w} GROUP BY month ORDER BY month",
        p,
    ).df()
    by_dyad = con.execute(_DYADS.format(where=w), [*p, _count(top, "top")]).df()
    return StoreStats(dict(zip(names, totals_row, strict=True)), by_type, by_month, by_dyad)


def _one_select(statements: list[duckdb.Statement]) -> bool:
    if len(statements) != 1:
        return False
    try:
        return statements[0].type == duckdb.StatementType.SELECT
    except ValueError:  # a statement type the Python enum does not name ("CONNECT")
        return False


def run_select(con: duckdb.DuckDBPyConnection, query: str) -> pd.DataFrame:
    """Run one user SELECT on a read-only connection; anything else is refused."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise StoreError(f"cannot parse the SQL: {str(exc).splitlines()[0]}") from None
    if not _one_select(statements):
        raise StoreError(
            "only a single SELECT statement is allowed (the store is opened read-only); "
            'write e.g. "SELECT type, count(*) FROM events GROUP BY type"'
        )
    try:
        return con.execute(query).df()
    except duckdb.Error as exc:
        raise StoreError(f"the query failed: {str(exc).splitlines()[0]}") from None
