"""Exports: PLOVER JSONL, CSV, Parquet partitioned by month, and GDELT-style TSV.

PLOVER JSONL and CSV rebuild each stored report as an `Event`, so they have the
exact form `eventcoder code` writes, plus a `cluster` field (JSONL) or cluster
columns (CSV). The GDELT-style TSV has the 61 columns of a GDELT 2.0 event file,
in order, under a header line. By default one row per cluster (its
representative); `mentions=True` writes every report.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds

from eventcoder.model import Attribution, Entity, Event, Place
from eventcoder.output import CSV_COLUMNS, flat_row
from eventcoder.store.query import Filters, scoped_where
from eventcoder.store.rows import PLACE_COLUMNS

__all__ = ["EXPORT_FORMATS", "GDELT_COLUMNS", "StoredEvent", "export", "stored_events"]

EXPORT_FORMATS = ("plover-jsonl", "csv", "parquet", "gdelt")

_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS), *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS), "DATEADDED", "SOURCEURL",
)  # fmt: skip
#: PLOVER actor codes that are not countries (GDELT's CountryCode stays empty).
_NOT_COUNTRIES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})

_ENTITY_STRUCT = (
    "{{'entity_text': n.entity_text, 'code': n.code, 'sector': n.sector, "
    "'identifier_id': n.identifier_id, 'identifier_text': n.identifier_text, "
    "'office': n.office, 'start': n.start_char, 'end': n.end_char}}"
)
_ROWS = f"""
WITH ent AS (
  SELECT n.event_id,
    list({_ENTITY_STRUCT} ORDER BY n.position) FILTER (WHERE n.role = 'actor') AS actors,
    list({_ENTITY_STRUCT} ORDER BY n.position) FILTER (WHERE n.role = 'recipient') AS recipients,
    first({_ENTITY_STRUCT}) FILTER (WHERE n.role = 'attribution') AS attributor
  FROM entities n WHERE n.event_id IN (SELECT e.event_id FROM events e WHERE {{where}})
  GROUP BY n.event_id
)
SELECT e.*, d.url, d.ingested_at, s.text AS sentence_text,
       s.start_char AS sentence_start, ent.actors, ent.recipients, ent.attributor,
       c.n_reports, c.n_documents, c.documents, c.outlets
FROM events e
JOIN documents d ON d.doc_key = e.doc_key
LEFT JOIN sentences s ON s.doc_key = e.doc_key AND s.sentence_index = e.sentence_index
LEFT JOIN ent ON ent.event_id = e.event_id
LEFT JOIN clusters c ON c.cluster_id = e.cluster_id
WHERE {{where}}
ORDER BY e.date NULLS LAST, e.event_id
"""


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A stored report rebuilt as an Event, with its cluster and document."""

    event: Event
    cluster: dict[str, Any]
    source: str | None
    url: str | None
    ingested_at: dt.datetime | None


def _entity(d: dict[str, Any]) -> Entity:
    return Entity(**d)


def _place(row: dict[str, Any]) -> Place | None:
    if row["loc_resolved"] is None and row["loc_extracted"] is None:
        return None
    return Place(**{name: row[column] for column, name in PLACE_COLUMNS.items()})


def _attribution(row: dict[str, Any]) -> Attribution | None:
    if row["attribution_text"] is None:
        return None
    who = _entity(row["attributor"]) if row["attributor"] else None
    return Attribution(
        who, row["attribution_text"], row["attribution_start"], row["attribution_end"]
    )


def event_from_row(row: dict[str, Any]) -> Event:
    """Rebuild the Event a stored report was made from."""
    return Event(
        id=row["event_id"], doc_id=row["doc_id"], date=row["date"],
        date_precision=row["date_precision"], enddate=row["enddate"],
        date_defaulted=row["date_defaulted"], event=(row["type"],),
        mode=(row["mode"],) if row["mode"] else (), aux_mode=row["aux_mode"],
        context=tuple(row["context"]),
        actor=tuple(_entity(a) for a in row["actors"] or ()),
        recipient=tuple(_entity(r) for r in row["recipients"] or ()),
        event_loc=_place(row), event_text=row["event_text"],
        trigger_start=row["trigger_start"], trigger_end=row["trigger_end"],
        text=row["sentence_text"] or "", sentence_index=row["sentence_index"],
        sentence_start=row["sentence_start"] or 0, attribution=_attribution(row),
        quad_code=row["quad_code"], event_scale=row["event_scale"], cameo=row["cameo"],
        coder=row["coder"], confidence=row["confidence"],
        extra=json.loads(row["extra"]) if row["extra"] else {},
    )  # fmt: skip


def _cluster(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["cluster_id"],
        "reports": row["n_reports"],
        "documents": json.loads(row["documents"] or "[]"),
        "outlets": json.loads(row["outlets"] or "[]"),
    }


def stored_events(
    con: duckdb.DuckDBPyConnection, f: Filters, *, mentions: bool = False
) -> Iterator[StoredEvent]:
    """Stream the selected reports (or cluster representatives), in date order."""
    where = scoped_where(f, mentions)
    # The selection twice: for the entities of the selected reports only (one cluster's
    # reports are read in milliseconds, not by grouping every entity of the store), and
    # for the reports themselves.
    sql, params = _ROWS.format(where=where.sql()), [*where.params, *where.params]
    reader = con.sql(sql, params=params).to_arrow_reader(10_000)
    for batch in reader:
        for row in batch.to_pylist():
            yield StoredEvent(
                event_from_row(row), _cluster(row), row["source"], row["url"], row["ingested_at"]
            )


def _write_jsonl(items: Iterator[StoredEvent], out: TextIO) -> int:
    n = 0
    for item in items:
        record = item.event.to_dict()
        record["cluster"] = item.cluster
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


_CLUSTER_COLUMNS = ("cluster_id", "cluster_reports", "cluster_documents", "outlets")


def _write_csv(items: Iterator[StoredEvent], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=(*CSV_COLUMNS, *_CLUSTER_COLUMNS))
    writer.writeheader()
    n = 0
    for item in items:
        row = flat_row(item.event)
        row.update(
            cluster_id=item.cluster["id"],
            cluster_reports=item.cluster["reports"],
            cluster_documents="; ".join(item.cluster["documents"]),
            outlets="; ".join(item.cluster["outlets"]),
        )
        writer.writerow(row)
        n += 1
    return n


def _gdelt_actor(entity: Entity | None) -> list[Any]:
    if entity is None:
        return [""] * len(_ACTOR_FIELDS)
    code = entity.code or ""
    country = code if len(code) == 3 and code not in _NOT_COUNTRIES else ""
    name = (entity.identifier_text or entity.entity_text).upper()
    sector = entity.sector or ""
    return [code + sector, name, country, "", "", "", "", sector, "", ""]


def _gdelt_geo(place: Place | None) -> list[Any]:
    if place is None:
        return [0, "", "", "", "", "", "", ""]
    kind = {1: 1, 2: 5, 3: 5}.get(place.resolution, 4)  # GDELT: 1 country, 4 city, 5 region
    full = ", ".join(p for p in (place.resolved_place, place.province, place.country) if p)
    return [kind, full, place.country_code or "", "", "", place.lat or "", place.lon or "",
            place.geonameid or ""]  # fmt: skip


def _numeric_id(text: str) -> int:
    """GDELT ids are integers: a stable 60-bit number from our string id."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:15], 16)


def gdelt_row(item: StoredEvent) -> list[Any]:
    """One report or cluster as a GDELT 2.0 event row (61 columns)."""
    e = item.event
    day = e.date
    actor1 = e.actor[0] if e.actor else None
    actor2 = e.recipient[0] if e.recipient else (e.actor[1] if len(e.actor) > 1 else None)
    cameo = e.cameo or ""
    stamp = item.ingested_at.strftime("%Y%m%d%H%M%S") if item.ingested_at else ""
    n_sources = len(item.cluster["outlets"]) or len(item.cluster["documents"])
    fraction = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else ""
    return [
        _numeric_id(item.cluster["id"] or e.id),
        day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
        day.year if day else "", fraction, *_gdelt_actor(actor1), *_gdelt_actor(actor2),
        int(e.sentence_index == 0), cameo, cameo[:3], cameo[:2], e.quad_code or "",
        "" if e.event_scale is None else e.event_scale, item.cluster["reports"], n_sources,
        len(item.cluster["documents"]), "", *_gdelt_geo(None), *_gdelt_geo(None),
        *_gdelt_geo(e.event_loc), stamp, item.url or e.doc_id,
    ]  # fmt: skip


def _write_gdelt(items: Iterator[StoredEvent], out: TextIO) -> int:
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(GDELT_COLUMNS)
    n = 0
    for item in items:
        writer.writerow(gdelt_row(item))
        n += 1
    return n


_FLAT = """
SELECT e.* EXCLUDE (block, extra, cluster_doc_ids, cluster_outlets, event_no, cluster_no),
       from_json(cluster_doc_ids, '["VARCHAR"]') AS cluster_doc_ids,
       from_json(cluster_outlets, '["VARCHAR"]') AS cluster_outlets,
       coalesce(strftime(e.date, '%Y-%m'), 'undated') AS month
FROM events e
WHERE {where}
ORDER BY e.date NULLS LAST, e.event_id
"""


def _write_parquet(con: duckdb.DuckDBPyConnection, f: Filters, mentions: bool, out: Path) -> int:
    """A Hive-partitioned dataset: out/month=YYYY-MM/part-0.parquet."""
    where = scoped_where(f, mentions)
    table = con.sql(_FLAT.format(where=where.sql()), params=where.params).to_arrow_table()
    ds.write_dataset(
        table,
        out,
        format="parquet",
        partitioning=ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
        existing_data_behavior="delete_matching",
        basename_template="part-{i}.parquet",
    )
    return table.num_rows


def export(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    *,
    out: TextIO | Path,
    filters: Filters | None = None,
    mentions: bool = False,
) -> int:
    """Write the selected events in `fmt`; returns how many rows were written.

    `out` is a text stream for plover-jsonl, csv and gdelt, a directory for parquet.
    """
    f = filters or Filters()
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise TypeError("parquet export needs a directory path")
        return _write_parquet(con, f, mentions, out)
    if isinstance(out, Path):
        raise TypeError(f"{fmt} export writes to a text stream")
    writers = {"plover-jsonl": _write_jsonl, "csv": _write_csv, "gdelt": _write_gdelt}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose from {EXPORT_FORMATS}")
    return writers[fmt](stored_events(con, f, mentions=mentions), out)
