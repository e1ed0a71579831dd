"""Charts as Vega-Lite specs rendered to SVG on the server (vl-convert), shown as images.

No JavaScript and no network: vl-convert bundles Vega-Lite. A chart reaches the
page as a `data:image/svg+xml` image, so even a label taken from the data can
never run as script. Rendering takes tens of milliseconds (the first call about
a second and a half, so the server warms it up); the same spec is rendered once.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import logging
import math
import threading
from dataclasses import dataclass
from typing import Any

from eventcoder.web.views import QUADS

__all__ = ["Chart", "quad_chart", "types_chart", "warm_up"]

logger = logging.getLogger(__name__)

_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
_QUAD_COLORS = ["#3a8f5c", "#2b6cb0", "#d69e2e", "#c0392b"]
_QUAD_NAMES = [QUADS[q][0] for q in sorted(QUADS)]
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_CONFIG = {
    "font": _FONT,
    "view": {"stroke": None},
    "axis": {"labelColor": "#4a5568", "titleColor": "#2d3748", "gridColor": "#edf2f7"},
    "legend": {
        "orient": "bottom",
        "direction": "horizontal",
        "labelColor": "#2d3748",
        "title": None,
        "labelLimit": 220,
        "columnPadding": 18,
        "labelFontSize": 12,
    },
}
_lock = threading.Lock()


@dataclass(frozen=True)
class Chart:
    """An SVG chart as a data URI for an <img>, with its text alternative."""

    uri: str
    alt: str


@functools.lru_cache(maxsize=128)
def _render(spec_json: str) -> str:
    import vl_convert

    with _lock:
        return vl_convert.vegalite_to_svg(json.loads(spec_json))


def render(spec: dict[str, Any], alt: str) -> Chart | None:
    """The chart, or None if it cannot be rendered (the page then shows its table only)."""
    try:
        svg = _render(json.dumps({"$schema": _SCHEMA, "config": _CONFIG, **spec}, sort_keys=True))
    except Exception:  # a chart must never break a page
        logger.exception("could not render a chart")
        return None
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Chart(f"data:image/svg+xml;base64,{encoded}", alt)


def warm_up() -> None:
    """Start vl-convert's engine (about 1.5 s) before the first page needs it."""
    render({"data": {"values": [{"x": 1}]}, "mark": "point"}, "warm-up")


_STEPS = {"day": 1, "week": 7}


def _count_axis(most: int, title: str) -> dict[str, Any]:
    """An axis of counts: whole numbers only (small counts get explicit ticks)."""
    axis: dict[str, Any] = {"title": title, "format": "d"}
    if most <= 8:
        axis["values"] = list(range(0, most + 1))
    return axis


#: At most this many ticks on a time axis: a store with one event dated 1200 and others
#: today would otherwise draw a tick (and an SVG element) for each of 800 years.
_MAX_TICKS = 30


def _time_axis(days: list[dt.date]) -> dict[str, Any]:
    """Ticks by day, month or year, whichever the span needs; labels never overlap."""
    span = (max(days) - min(days)).days
    interval, fmt = ("day", "%b %-d") if span <= 45 else (
        ("month", "%b %Y") if span <= 3 * 366 else ("year", "%Y"))  # fmt: skip
    step = 1 if interval != "year" else max(1, math.ceil(span / 365 / _MAX_TICKS))
    return {"title": None, "format": fmt, "labelOverlap": "greedy",
            "tickCount": {"interval": interval, "step": step}}  # fmt: skip


def _period_end(start: dt.date, by: str) -> dt.date:
    """The day after a period, less a little, so that neighbouring bars do not touch."""
    if by in _STEPS:
        length = dt.timedelta(days=max(_STEPS[by] - 1, 1))
        return start + length if start <= dt.date.max - length else dt.date.max  # 9999-12-31
    if by == "month":
        return start.replace(day=28)
    return start.replace(month=12, day=15)


def quad_chart(
    rows: list[dict[str, Any]], *, by: str, title: str, width: int = 1040
) -> Chart | None:
    """Stacked bars of events per period by quad class, over a line of the mean
    event_scale (cooperation above zero, conflict below)."""
    if not rows:
        return None
    values = [
        {"period": r["period"].isoformat(), "end": _period_end(r["period"], by).isoformat(),
         "quad": QUADS[int(r["quad"])][0], "order": int(r["quad"]), "events": r["events"],
         "scale": r["scale_mean"]}
        for r in rows
    ]  # fmt: skip
    days = [r["period"] for r in rows]
    x = {"field": "period", "type": "temporal", "scale": {"type": "utc"}, "axis": _time_axis(days)}
    totals: dict[dt.date, int] = {}
    for r in rows:
        totals[r["period"]] = totals.get(r["period"], 0) + int(r["events"])
    color = {"field": "quad", "type": "nominal", "sort": _QUAD_NAMES,
             "scale": {"domain": _QUAD_NAMES, "range": _QUAD_COLORS}}  # fmt: skip
    bars = {
        "width": width, "height": 200, "mark": {"type": "bar", "tooltip": True},
        "encoding": {"x": x, "x2": {"field": "end"}, "color": color,
                     "y": {"aggregate": "sum", "field": "events",
                           "axis": _count_axis(max(totals.values()), f"events per {by}")},
                     "order": {"field": "order", "sort": "ascending"}},
    }  # fmt: skip
    scale = {
        "width": width, "height": 90,
        "transform": [{"aggregate": [{"op": "mean", "field": "scale", "as": "mean"}],
                       "groupby": ["period"]}],
        "mark": {"type": "line", "point": True, "color": "#4a5568"},
        "encoding": {"x": x, "y": {"field": "mean", "type": "quantitative",
                                   "title": "mean scale", "scale": {"domain": [-10, 10]}}},
    }  # fmt: skip
    spec = {
        "data": {"values": values},
        "vconcat": [bars, scale],
        "resolve": {"scale": {"x": "shared"}},
    }
    return render(spec, f"{title}: events per {by} by quad class, and the mean event scale")


def types_chart(rows: list[dict[str, Any]], *, title: str, width: int = 360) -> Chart | None:
    """Horizontal bars: events per PLOVER type, coloured by quad class."""
    if not rows:
        return None
    values = [
        {"type": r["type"], "events": r["events"], "quad": QUADS.get(r["quad_code"] or 0, ("",))[0]}
        for r in rows
    ]
    spec = {
        "data": {"values": values}, "width": width, "height": {"step": 18},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "type", "type": "nominal", "sort": "-x", "title": None},
            "x": {"field": "events", "type": "quantitative",
                  "axis": _count_axis(max(int(r["events"]) for r in rows), "events")},
            "color": {"field": "quad", "type": "nominal",
                      "scale": {"domain": _QUAD_NAMES, "range": _QUAD_COLORS}, "legend": None},
        },
    }  # fmt: skip
    return render(spec, f"{title}: events per type")
