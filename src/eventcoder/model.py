"""Typed records passed between the stages: the only contract between them.

An `Article` goes in; `Event` records come out. In between, the resolvers produce
`Entity`, `DateRef` and `Place` values. Every record is a frozen dataclass, so a
stage cannot change what an earlier stage produced; `to_dict()` gives the JSON
form written by the sinks. This module imports nothing of eventcoder's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "AUX_MODES",
    "DATE_PRECISIONS",
    "PLOVER_TYPES",
    "QUAD_CODES",
    "Article",
    "Attribution",
    "DateRef",
    "Entity",
    "Event",
    "Place",
    "ReadProblem",
]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

#: PLOVER type -> quad class: 1 verbal cooperation, 2 material cooperation,
#: 3 verbal conflict, 4 material conflict.
QUAD_CODES: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 2,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "SANCTION": 3,
    "PROTEST": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

AUX_MODES: tuple[str, ...] = ("historical", "future", "hypothetical", "negation")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "season", "year")


@dataclass(frozen=True, slots=True)
class Article:
    """One document to code. `origin` says where it came from (file and line)."""

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A record a reader could not read (skipped), or a warning about one it kept."""

    origin: str
    message: str
    skipped: bool = True


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, recipient or attributor, resolved against the knowledge base."""

    entity_text: str
    code: str | None = None
    sector: str | None = None
    identifier_id: str | None = None
    identifier_text: str | None = None
    office: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who asserts an event: the source entity and the attributing words."""

    entity: Entity | None
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity.to_dict() if self.entity else None,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class DateRef:
    """A resolved time reference. `value` is the first day of the period."""

    value: dt.date
    precision: str = "day"
    enddate: dt.date | None = None
    text: str = ""
    start: int | None = None
    end: int | None = None
    defaulted: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place. `resolution`: 1 country, 2 region, 3 district, 4 city, 5 sub-city."""

    extracted_place: str
    resolved_place: str
    country_code: str | None
    resolution: int
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    city: str | None = None
    province: str | None = None
    country: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Event:
    """A finished PLOVER record with provenance. `to_dict()` is the JSONL form."""

    id: str
    doc_id: str
    date: dt.date | None
    date_precision: str | None
    event: tuple[str, ...]
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    mode: tuple[str, ...] = ()
    aux_mode: str | None = None
    context: tuple[str, ...] = ()
    event_loc: Place | None = None
    event_text: str = ""
    trigger_start: int = 0
    trigger_end: int = 0
    text: str = ""
    sentence_index: int = 0
    sentence_start: int = 0
    attribution: Attribution | None = None
    quad_code: int | None = None
    event_scale: float | None = None
    cameo: str | None = None
    coder: str = ""
    confidence: float = 0.0
    enddate: dt.date | None = None
    date_defaulted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "enddate": self.enddate.isoformat() if self.enddate else None,
            "date_defaulted": self.date_defaulted,
            "event": list(self.event),
            "mode": list(self.mode),
            "aux_mode": self.aux_mode,
            "context": list(self.context),
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [r.to_dict() for r in self.recipient],
            "event_loc": self.event_loc.to_dict() if self.event_loc else None,
            "event_text": self.event_text,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "text": self.text,
            "sentence_index": self.sentence_index,
            "sentence_start": self.sentence_start,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "quad_code": self.quad_code,
            "event_scale": self.event_scale,
            "cameo": self.cameo,
            "coder": self.coder,
            "confidence": self.confidence,
            **self.extra,
        }
