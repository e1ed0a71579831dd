"""Writing events: JSONL (one PLOVER record a line), CSV (flat), and a rich table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from eventcoder.model import Entity, Event

__all__ = [
    "CSV_COLUMNS",
    "CsvWriter",
    "JsonlWriter",
    "flat_row",
    "render_table",
]

CSV_COLUMNS = (
    "id", "doc_id", "date", "date_precision", "event", "mode", "aux_mode", "context",
    "actor_text", "actor_code", "actor_sector", "recipient_text", "recipient_code",
    "recipient_sector", "event_loc", "event_loc_country", "event_text", "attribution",
    "quad_code", "event_scale", "cameo", "confidence", "sentence_index", "text",
)  # fmt: skip


class JsonlWriter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, event: Event) -> None:
        self.out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.out.flush()


class CsvWriter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        self.writer.writeheader()

    def write(self, event: Event) -> None:
        self.writer.writerow(flat_row(event))

    def close(self) -> None:
        self.out.flush()


def _join(entities: Iterable[Entity], attr: str) -> str:
    return "; ".join(str(getattr(e, attr) or "") for e in entities)


def flat_row(event: Event) -> dict[str, Any]:
    """One event as a flat row: lists joined with "; "."""
    loc = event.event_loc
    attribution = event.attribution
    return {
        "id": event.id,
        "doc_id": event.doc_id,
        "date": event.date.isoformat() if event.date else "",
        "date_precision": event.date_precision or "",
        "event": "; ".join(event.event),
        "mode": "; ".join(event.mode),
        "aux_mode": event.aux_mode or "",
        "context": "; ".join(event.context),
        "actor_text": _join(event.actor, "entity_text"),
        "actor_code": _join(event.actor, "code"),
        "actor_sector": _join(event.actor, "sector"),
        "recipient_text": _join(event.recipient, "entity_text"),
        "recipient_code": _join(event.recipient, "code"),
        "recipient_sector": _join(event.recipient, "sector"),
        "event_loc": loc.resolved_place if loc else "",
        "event_loc_country": (loc.country_code or "") if loc else "",
        "event_text": event.event_text,
        "attribution": (
            attribution.entity.entity_text if attribution and attribution.entity else ""
        ),
        "quad_code": event.quad_code if event.quad_code is not None else "",
        "event_scale": event.event_scale if event.event_scale is not None else "",
        "cameo": event.cameo or "",
        "confidence": event.confidence,
        "sentence_index": event.sentence_index,
        "text": event.text,
    }


def _who(entities: Iterable[Entity]) -> str:
    parts = []
    for e in entities:
        code = "/".join(x for x in (e.code, e.sector) if x) or "?"
        parts.append(f"{e.entity_text} [{code}]")
    return "\n".join(parts)


def render_table(events: list[Event]) -> Any:
    """A rich Table of events for the terminal."""
    from rich.table import Table

    table = Table(show_lines=True, title=f"{len(events)} events")
    for name in ("date", "event", "actor", "recipient", "aux", "place", "trigger", "conf"):
        table.add_column(name, overflow="fold")
    for e in events:
        kind = e.event[0] + (f"/{e.mode[0]}" if e.mode else "")
        place = ""
        if e.event_loc:
            place = f"{e.event_loc.resolved_place} ({e.event_loc.country_code or '?'})"
        table.add_row(
            (e.date.isoformat() if e.date else "-") + (f"\n{e.date_precision}" if e.date else ""),
            kind,
            _who(e.actor),
            _who(e.recipient),
            e.aux_mode or "",
            place,
            e.event_text,
            f"{e.confidence:.2f}",
        )
    return table
