"""Coded documents -> Arrow tables, one per store table, for batched inserts.

Columns are built as Python lists and turned into Arrow arrays with explicit
types, so a batch whose values are all missing still has the table's types.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from eventcoder.model import Article, Entity, Event

__all__ = [
    "PLACE_COLUMNS",
    "TABLE_SCHEMAS",
    "Coded",
    "build_tables",
    "codes",
    "names",
    "stamp",
]

_S, _I, _I8, _I16, _I64, _F, _B, _D = (
    pa.string(), pa.int32(), pa.int8(), pa.int16(), pa.int64(), pa.float64(), pa.bool_(),
    pa.date32(),
)  # fmt: skip
_TS = pa.timestamp("us", tz="UTC")

TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [("doc_key", _S), ("doc_id", _S), ("pub_date", _D), ("title", _S), ("url", _S),
         ("source", _S), ("text", _S), ("n_events", _I), ("coder", _S), ("ingested_at", _TS)]
    ),
    "sentences": pa.schema(
        [("doc_key", _S), ("sentence_index", _I), ("start_char", _I), ("text", _S)]
    ),
    "events": pa.schema(
        [("event_id", _S), ("doc_key", _S), ("sentence_index", _I), ("date", _D),
         ("date_precision", _S), ("enddate", _D), ("date_defaulted", _B), ("type", _S),
         ("mode", _S), ("aux_mode", _S), ("context", pa.list_(_S)), ("event_text", _S),
         ("trigger_start", _I), ("trigger_end", _I), ("quad_code", _I8),
         ("event_scale", _F), ("cameo", _S), ("confidence", _F), ("coder", _S),
         ("actor_codes", pa.list_(_S)), ("recipient_codes", pa.list_(_S)),
         ("sectors", pa.list_(_S)), ("actor_names", pa.list_(_S)),
         ("recipient_names", pa.list_(_S)), ("doc_id", _S), ("source", _S), ("text", _S),
         ("loc_extracted", _S), ("loc_resolved", _S), ("loc_country_code", _S),
         ("loc_resolution", _I8), ("loc_lat", _F), ("loc_lon", _F), ("loc_geonameid", _I64),
         ("loc_city", _S), ("loc_province", _S), ("loc_country", _S),
         ("loc_feature_class", _S), ("loc_feature_code", _S), ("loc_start", _I),
         ("loc_end", _I), ("attribution_text", _S), ("attribution_start", _I),
         ("attribution_end", _I), ("extra", _S)]
    ),
    "entities": pa.schema(
        [("event_id", _S), ("role", _S), ("position", _I16), ("entity_text", _S), ("code", _S),
         ("sector", _S), ("identifier_id", _S), ("identifier_text", _S), ("office", _S),
         ("start_char", _I), ("end_char", _I)]
    ),
}  # fmt: skip


#: events table column -> Place attribute.
PLACE_COLUMNS: dict[str, str] = {
    "loc_extracted": "extracted_place", "loc_resolved": "resolved_place",
    "loc_country_code": "country_code", "loc_resolution": "resolution", "loc_lat": "lat",
    "loc_lon": "lon", "loc_geonameid": "geonameid", "loc_city": "city",
    "loc_province": "province", "loc_country": "country", "loc_feature_class": "feature_class",
    "loc_feature_code": "feature_code", "loc_start": "start", "loc_end": "end",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Coded:
    """One coded article on its way into the store."""

    article: Article
    events: tuple[Event, ...]
    doc_key: str


def codes(entities: Sequence[Entity]) -> list[str]:
    """The sorted distinct codes of a list of entities."""
    return sorted({e.code for e in entities if e.code})


def names(entities: Sequence[Entity]) -> list[str]:
    """Display names: the canonical name, else the words written."""
    return [e.identifier_text or e.entity_text for e in entities]


def _event_row(event: Event, article: Article, doc_key: str) -> dict[str, Any]:
    loc = event.event_loc
    attr = event.attribution
    return {
        "event_id": event.id, "doc_key": doc_key, "sentence_index": event.sentence_index,
        "date": event.date, "date_precision": event.date_precision, "enddate": event.enddate,
        "date_defaulted": event.date_defaulted, "type": event.event[0],
        "mode": event.mode[0] if event.mode else None, "aux_mode": event.aux_mode,
        "context": list(event.context), "event_text": event.event_text,
        "trigger_start": event.trigger_start, "trigger_end": event.trigger_end,
        "quad_code": event.quad_code, "event_scale": event.event_scale, "cameo": event.cameo,
        "confidence": event.confidence, "coder": event.coder,
        "actor_codes": codes(event.actor), "recipient_codes": codes(event.recipient),
        "sectors": sorted({e.sector for e in (*event.actor, *event.recipient) if e.sector}),
        "actor_names": names(event.actor), "recipient_names": names(event.recipient),
        "doc_id": article.id, "source": article.source, "text": event.text,
        **{column: getattr(loc, name) if loc else None for column, name in PLACE_COLUMNS.items()},
        "attribution_text": attr.text if attr else None,
        "attribution_start": attr.start if attr else None,
        "attribution_end": attr.end if attr else None,
        "extra": json.dumps(event.extra, ensure_ascii=False, default=str) if event.extra else None,
    }  # fmt: skip


def _entity_rows(event: Event) -> list[dict[str, Any]]:
    roles: list[tuple[str, Sequence[Entity]]] = [
        ("actor", event.actor),
        ("recipient", event.recipient),
    ]
    if event.attribution and event.attribution.entity:
        roles.append(("attribution", (event.attribution.entity,)))
    return [
        {
            "event_id": event.id,
            "role": role,
            "position": position,
            "entity_text": e.entity_text,
            "code": e.code,
            "sector": e.sector,
            "identifier_id": e.identifier_id,
            "identifier_text": e.identifier_text,
            "office": e.office,
            "start_char": e.start,
            "end_char": e.end,
        }
        for role, entities in roles
        for position, e in enumerate(entities)
    ]


def _document_row(item: Coded, now: dt.datetime) -> dict[str, Any]:
    article = item.article
    coder = item.events[0].coder if item.events else None
    return {
        "doc_key": item.doc_key, "doc_id": article.id, "pub_date": article.date,
        "title": article.title, "url": article.url, "source": article.source,
        "text": article.text, "n_events": len(item.events), "coder": coder, "ingested_at": now,
    }  # fmt: skip


def _sentence_rows(item: Coded) -> list[dict[str, Any]]:
    seen: dict[int, dict[str, Any]] = {}
    for event in item.events:
        seen.setdefault(
            event.sentence_index,
            {
                "doc_key": item.doc_key,
                "sentence_index": event.sentence_index,
                "start_char": event.sentence_start,
                "text": event.text,
            },
        )
    return [seen[index] for index in sorted(seen)]


def build_tables(items: Sequence[Coded], now: dt.datetime) -> dict[str, pa.Table]:
    """Arrow tables for a batch of coded documents, keyed by store table name."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_SCHEMAS}
    for item in items:
        rows["documents"].append(_document_row(item, now))
        rows["sentences"].extend(_sentence_rows(item))
        for event in item.events:
            rows["events"].append(_event_row(event, item.article, item.doc_key))
            rows["entities"].extend(_entity_rows(event))
    return {
        name: pa.Table.from_pylist(rows[name], schema=schema)
        for name, schema in TABLE_SCHEMAS.items()
    }


def stamp(documents: pa.Table, now: dt.datetime) -> pa.Table:
    """The documents table with every `ingested_at` set to `now` (the time of storing,
    not of coding: a shard may have been coded days before it is loaded)."""
    index = documents.schema.get_field_index("ingested_at")
    column = pa.array([now] * documents.num_rows, TABLE_SCHEMAS["documents"].field(index).type)
    return documents.set_column(index, "ingested_at", column)
