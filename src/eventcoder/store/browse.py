"""Reads for browsing a store (the web UI and its JSON API): one event and its cluster,
a document, counts, dyads, actors, places, and counts per period by quad class.

Like `query`, every user value reaches DuckDB as a `?` parameter, and the filters
are `Filters` turned into SQL by `scoped_where`, so a selection means the same
here as in `eventcoder query`. Each function takes an open connection and returns
plain Python values (rows as dicts), ready for JSON.
"""

from __future__ import annotations

from typing import Any

import duckdb

from eventcoder.errors import StoreError
from eventcoder.store.query import TIMELINE_PERIODS, Filters, scoped_where

__all__ = [
    "ACTOR_KINDS",
    "count_events",
    "event_location",
    "report_documents",
    "select_actors",
    "select_document",
    "select_dyads",
    "select_latest",
    "select_places",
    "select_quad_timeline",
    "select_types",
    "store_fingerprint",
]

#: What `select_actors` lists: codes (countries and groups) or identified entities.
ACTOR_KINDS = ("all", "code", "entity")


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def store_fingerprint(con: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """Changes whenever an ingest or a re-clustering changes what the store holds."""
    row = con.execute(
        """SELECT (SELECT count(*) FROM documents), (SELECT max(ingested_at) FROM documents),
                  (SELECT count(*) FROM events), (SELECT count(*) FROM clusters),
                  (SELECT string_agg(key || '=' || value, ',' ORDER BY key) FROM settings)"""
    ).fetchone()
    return tuple(row or ())


def event_location(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """The cluster and document of one stored report, or None if there is no such id."""
    cursor = con.execute(
        "SELECT event_id, cluster_id, doc_key FROM events WHERE event_id = ?", [event_id]
    )
    rows = _dicts(cursor)
    return rows[0] if rows else None


def report_documents(con: duckdb.DuckDBPyConnection, cluster_id: str) -> list[dict[str, Any]]:
    """Each report of a cluster with the document it was read from, in date order."""
    cursor = con.execute(
        """SELECT e.event_id, e.date, e.doc_key, d.doc_id, d.title, d.url, d.source, d.pub_date
           FROM events e JOIN documents d ON d.doc_key = e.doc_key
           WHERE e.cluster_id = ? ORDER BY e.date NULLS LAST, e.event_id""",
        [cluster_id],
    )
    return _dicts(cursor)


def select_document(con: duckdb.DuckDBPyConnection, doc_key: str) -> dict[str, Any] | None:
    """One stored document with its events (`events`: spans and codes), or None."""
    rows = _dicts(
        con.execute(
            """SELECT doc_key, doc_id, pub_date, title, url, source, text, n_events, coder,
                      ingested_at FROM documents WHERE doc_key = ?""",
            [doc_key],
        )
    )
    if not rows:
        return None
    document = rows[0]
    document["events"] = _dicts(
        con.execute(
            """SELECT event_id, cluster_id, sentence_index, date, type, quad_code, mode,
                      aux_mode, event_text, trigger_start, trigger_end,
                      actor_codes AS actor, recipient_codes AS recipient
               FROM events WHERE doc_key = ? ORDER BY trigger_start, event_id""",
            [doc_key],
        )
    )
    return document


def count_events(con: duckdb.DuckDBPyConnection, f: Filters, *, mentions: bool = False) -> int:
    """How many rows `select_events` returns for the same filters (without a limit)."""
    where = scoped_where(f, mentions)
    row = con.execute(f"SELECT count(*) FROM events e WHERE {where.sql()}", where.params).fetchone()
    return int(row[0]) if row else 0


def select_latest(
    con: duckdb.DuckDBPyConnection, f: Filters, *, mentions: bool = False, limit: int = 10
) -> list[dict[str, Any]]:
    """The most recent events (by event date), newest first."""
    where = scoped_where(f, mentions)
    cursor = con.execute(
        f"""SELECT e.event_id, e.date, e.type, e.quad_code, e.mode, e.aux_mode,
                   e.actor_codes AS actor, e.recipient_codes AS recipient, e.actor_names,
                   e.recipient_names, coalesce(e.loc_resolved, e.loc_extracted) AS place,
                   e.cluster_reports AS n_reports, e.text
            FROM events e WHERE e.date IS NOT NULL AND {where.sql()}
            ORDER BY e.date DESC, e.event_id DESC LIMIT ?""",
        [*where.params, limit],
    )
    return _dicts(cursor)


def select_types(
    con: duckdb.DuckDBPyConnection, f: Filters, *, mentions: bool = False
) -> list[dict[str, Any]]:
    """Events per PLOVER type (with its quad class), most frequent first."""
    where = scoped_where(f, mentions)
    cursor = con.execute(
        f"""SELECT e.type, any_value(e.quad_code) AS quad_code, count(*) AS events,
                   avg(e.event_scale) AS scale_mean
            FROM events e WHERE {where.sql()} GROUP BY e.type ORDER BY events DESC, e.type""",
        where.params,
    )
    return _dicts(cursor)


def select_quad_timeline(
    con: duckdb.DuckDBPyConnection, f: Filters, *, by: str = "week", mentions: bool = False
) -> list[dict[str, Any]]:
    """Per period and quad class (1-4): events and the mean event_scale.

    Periods without events are left out (a chart's time axis shows the gaps).
    """
    if by not in TIMELINE_PERIODS:
        raise StoreError(f"unknown period {by!r}; choose from {', '.join(TIMELINE_PERIODS)}")
    part = TIMELINE_PERIODS[by][0]  # from the table above, never from the user
    where = scoped_where(f, mentions)
    cursor = con.execute(
        f"""SELECT CAST(date_trunc('{part}', e.date) AS DATE) AS period, e.quad_code AS quad,
                   count(*) AS events, avg(e.event_scale) AS scale_mean
            FROM events e WHERE e.date IS NOT NULL AND e.quad_code IS NOT NULL AND {where.sql()}
            GROUP BY period, quad ORDER BY period, quad""",
        where.params,
    )
    return _dicts(cursor)


#: Every undirected pair of codes in a report: actor with recipient, and two joint
#: actors ("Russia and China held talks"); a code paired with itself is left out.
_PAIRS = """list_distinct(list_filter(list_concat(
    flatten(list_transform(e.actor_codes, lambda a: list_transform(e.recipient_codes,
        lambda r: CASE WHEN a < r THEN a || '-' || r WHEN r < a THEN r || '-' || a END))),
    flatten(list_transform(e.actor_codes, lambda a: list_transform(e.actor_codes,
        lambda b: CASE WHEN a < b THEN a || '-' || b END)))
  ), lambda x: x IS NOT NULL))"""


def select_dyads(
    con: duckdb.DuckDBPyConnection,
    f: Filters,
    *,
    involving: str | None = None,
    mentions: bool = False,
    top: int = 20,
) -> list[dict[str, Any]]:
    """The most frequent dyads, either direction ("RUS-USA" covers both), with the
    events of each quad class and the mean event_scale; `involving` keeps the dyads
    of one code."""
    where = scoped_where(f, mentions)
    having, params = "", [*where.params]
    if involving:
        having = "WHERE dyad LIKE ? OR dyad LIKE ?"
        params += [f"{involving.upper()}-%", f"%-{involving.upper()}"]
    cursor = con.execute(
        f"""WITH pairs AS (
              SELECT unnest({_PAIRS}) AS dyad, e.quad_code, e.event_scale
              FROM events e WHERE {where.sql()})
            SELECT dyad, count(*) AS events,
                   count(*) FILTER (WHERE quad_code = 1) AS verbal_cooperation,
                   count(*) FILTER (WHERE quad_code = 2) AS material_cooperation,
                   count(*) FILTER (WHERE quad_code = 3) AS verbal_conflict,
                   count(*) FILTER (WHERE quad_code = 4) AS material_conflict,
                   avg(event_scale) AS scale_mean
            FROM pairs {having} GROUP BY dyad ORDER BY events DESC, dyad LIMIT ?""",
        [*params, top],
    )
    return _dicts(cursor)


_CODES = """
WITH sides AS (
  SELECT unnest(e.actor_codes) AS key, 'actor' AS role, e.cluster_id FROM events e
  UNION ALL
  SELECT unnest(e.recipient_codes), 'recipient', e.cluster_id FROM events e)
SELECT key, NULL AS name, 'code' AS kind, key AS code,
       count(DISTINCT cluster_id) FILTER (WHERE role = 'actor') AS as_actor,
       count(DISTINCT cluster_id) FILTER (WHERE role = 'recipient') AS as_recipient
FROM sides WHERE {search} GROUP BY key"""
_ENTITIES = """
SELECT n.identifier_id AS key, mode(n.identifier_text) AS name,
       CASE WHEN bool_or(n.office IS NOT NULL OR n.identifier_id LIKE 'person:%')
            THEN 'person' ELSE 'organisation' END AS kind, mode(n.code) AS code,
       count(DISTINCT e.cluster_id) FILTER (WHERE n.role = 'actor') AS as_actor,
       count(DISTINCT e.cluster_id) FILTER (WHERE n.role = 'recipient') AS as_recipient
FROM entities n JOIN events e ON e.event_id = n.event_id
WHERE n.identifier_id IS NOT NULL AND n.role IN ('actor', 'recipient') AND {search}
GROUP BY n.identifier_id"""


def select_actors(
    con: duckdb.DuckDBPyConnection, *, search: str | None = None, kind: str = "all", top: int = 50
) -> list[dict[str, Any]]:
    """Actors with the events (clusters) they act in and receive, most frequent first.

    `kind`: "code" lists the codes (countries, IGO, NGO ...), "entity" the people
    and organisations the knowledge base identified, "all" both. `search` keeps
    those whose code, identifier or name contains the words.
    """
    if kind not in ACTOR_KINDS:
        raise StoreError(f"unknown actor kind {kind!r}; choose from {', '.join(ACTOR_KINDS)}")
    parts: list[str] = []
    params: list[Any] = []
    needle = search.lower() if search else None
    if kind in ("all", "code"):
        parts.append(_CODES.format(search="contains(lower(key), ?)" if needle else "true"))
        params += [needle] if needle else []
    if kind in ("all", "entity"):
        condition = (
            "(contains(lower(n.identifier_id), ?) OR contains(lower(n.identifier_text), ?))"
            if needle
            else "true"
        )
        parts.append(_ENTITIES.format(search=condition))
        params += [needle, needle] if needle else []
    union = " UNION ALL ".join(f"({part})" for part in parts)
    cursor = con.execute(
        f"""SELECT *, as_actor + as_recipient AS events FROM ({union})
            ORDER BY events DESC, key LIMIT ?""",
        [*params, top],
    )
    return _dicts(cursor)


def select_places(
    con: duckdb.DuckDBPyConnection, f: Filters, *, mentions: bool = False, top: int = 500
) -> list[dict[str, Any]]:
    """Event places with coordinates and their number of events, most frequent first."""
    where = scoped_where(f, mentions)
    cursor = con.execute(
        f"""SELECT coalesce(e.loc_resolved, e.loc_extracted) AS place,
                   e.loc_country_code AS country_code, e.loc_geonameid AS geonameid,
                   avg(e.loc_lat) AS lat, avg(e.loc_lon) AS lon, count(*) AS events
            FROM events e
            WHERE e.loc_lat IS NOT NULL AND e.loc_lon IS NOT NULL AND {where.sql()}
            GROUP BY ALL ORDER BY events DESC, place LIMIT ?""",
        [*where.params, top],
    )
    return _dicts(cursor)
