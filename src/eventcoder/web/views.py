"""What the pages and the API show of stored values: JSON-ready values, highlighted
sentences (spans to segments), display names of codes, quad classes.

Article text is attacker-controlled: it only ever reaches a page as the text of
a segment, which the templates escape (autoescape is on); nothing here builds HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import pandas as pd

from eventcoder.knowledge.csvdata import data_path, read_rows
from eventcoder.model import Event

__all__ = [
    "QUADS",
    "ROLES",
    "Segment",
    "Span",
    "auto_period",
    "code_name",
    "event_spans",
    "frame_records",
    "jsonable",
    "link",
    "names_or_codes",
    "safe_url",
    "segments",
    "short",
]

#: quad code -> (name, CSS class): the four PLOVER quad classes.
QUADS: dict[int, tuple[str, str]] = {
    1: ("verbal cooperation", "q1"),
    2: ("material cooperation", "q2"),
    3: ("verbal conflict", "q3"),
    4: ("material conflict", "q4"),
}
#: Highlighted roles, in the order the legend lists them.
ROLES: dict[str, str] = {
    "trigger": "the words that report the event",
    "actor": "who acts",
    "recipient": "who the action is aimed at",
    "place": "where it happened",
    "source": "who says so",
    "attribution": "the words that attribute it",
}


def jsonable(value: Any) -> Any:
    """A stored value as JSON: dates as ISO strings, NaN, infinities and NA as null, numpy
    as Python."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float):  # JSON has no NaN or Infinity
        return value if math.isfinite(value) else None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return jsonable(value.item())
    return value


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame's rows as JSON-ready dicts (column by column: a page of 50 rows is
    converted in about a millisecond)."""
    columns = {str(name): [jsonable(v) for v in frame[name].tolist()] for name in frame.columns}
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted part of a document: [start, end) in document characters."""

    start: int
    end: int
    role: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a sentence and the roles of the spans covering it (none: plain text)."""

    text: str
    roles: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    @property
    def css(self) -> str:
        return " ".join(f"hl-{role}" for role in self.roles)

    @property
    def title(self) -> str:
        return "; ".join(label for label in self.labels if label)


def segments(text: str, offset: int, spans: Iterable[Span]) -> list[Segment]:
    """Cut `text` (which starts at document character `offset`) at every span boundary.

    Spans are clipped to the text; those outside it (an actor named in an earlier
    sentence) are left out. Overlapping spans give a segment several roles.
    """
    inside = []
    for span in spans:
        start, end = max(span.start - offset, 0), min(span.end - offset, len(text))
        if start < end:
            inside.append((start, end, span))
    cuts = sorted({0, len(text), *(s for s, _, _ in inside), *(e for _, e, _ in inside)})
    pieces = []
    for left, right in itertools.pairwise(cuts):
        covering = [span for s, e, span in inside if s <= left and right <= e]
        roles = tuple(dict.fromkeys(span.role for span in covering))
        labels = tuple(dict.fromkeys(f"{span.role}: {span.label}" for span in covering))
        pieces.append(Segment(text[left:right], roles, labels))
    return pieces


def _entity_label(entity: Any) -> str:
    parts = [entity.code or "", entity.sector or "", entity.identifier_text or ""]
    return " ".join(p for p in parts if p) or entity.entity_text


def event_spans(event: Event) -> list[Span]:
    """Every span an event record carries: trigger, actors, recipients, place, attribution."""
    spans = [Span(event.trigger_start, event.trigger_end, "trigger", ", ".join(event.event))]
    for role, entities in (("actor", event.actor), ("recipient", event.recipient)):
        spans += [
            Span(e.start, e.end, role, _entity_label(e))
            for e in entities
            if e.start is not None and e.end is not None
        ]
    place = event.event_loc
    if place and place.start is not None and place.end is not None:
        spans.append(Span(place.start, place.end, "place", place.resolved_place))
    attribution = event.attribution
    if attribution:
        spans.append(Span(attribution.start, attribution.end, "attribution", attribution.text))
        who = attribution.entity
        if who and who.start is not None and who.end is not None:
            spans.append(Span(who.start, who.end, "source", _entity_label(who)))
    return spans


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for _line, row in read_rows(data_path("countries.csv"), ("code", "name")):
        names.setdefault(row["code"].strip().upper(), row["name"].strip())
    return names


#: PLOVER codes of groups that are not countries.
_GROUPS = {
    "IGO": "intergovernmental organisations", "UNO": "United Nations",
    "EUR": "European Union", "NGO": "non-governmental organisations",
    "MNC": "multinational companies", "ISM": "international militants",
    "IMG": "international militants", "PRE": "breakaway entities",
}  # fmt: skip


def code_name(code: str) -> str:
    """The display name of a PLOVER actor code ("RUS" -> "Russia"); else the code."""
    return _country_names().get(code) or _GROUPS.get(code) or code


def safe_url(url: str | None) -> str | None:
    """A document's URL if it is http(s); None for anything a browser might run."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def names_or_codes(codes: Sequence[str], names: Sequence[str]) -> str:
    """How a side of an event reads in a table: its codes, else the words written."""
    return ", ".join(codes) if codes else ", ".join(names)


def link(path: str, **query: Any) -> str:
    """A URL inside the app, every part quoted; empty query values are left out."""
    pairs = [(k, str(v)) for k, v in query.items() if v not in (None, "")]
    return quote(path) + ("?" + urlencode(pairs) if pairs else "")


def short(text: str, width: int = 140) -> str:
    """A sentence on one line, cut to `width` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def auto_period(rows: Sequence[dict[str, Any]]) -> str:
    """The period a chart of these rows reads best by: weeks over up to three years."""
    days = [r["period"] for r in rows if isinstance(r.get("period"), dt.date)]
    if not days:
        return "week"
    span = (max(days) - min(days)).days
    return "week" if span <= 3 * 366 else "month" if span <= 25 * 366 else "year"
