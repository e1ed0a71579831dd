"""A world map that works offline: country outlines shipped with the package
(data/countries-110m.json, Natural Earth via world-atlas; see data/NOTICE.md),
drawn as SVG in the Equal Earth projection, with event places as circles.

The basemap is one SVG file, built once and cached by the browser; the map page
draws its circles over it in the same coordinates.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["HEIGHT", "WIDTH", "MapPoint", "basemap_svg", "map_points", "project"]

WIDTH = 960.0
#: Equal Earth's extent: x in [-2.7064, 2.7064], y in [-1.3173, 1.3173] (unit sphere).
_X_MAX, _Y_MAX = 2.7064, 1.3173
_SCALE = WIDTH / (2 * _X_MAX)
HEIGHT = round(2 * _Y_MAX * _SCALE, 1)
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude (degrees) -> x, y on the map (Equal Earth, Šavrič et al. 2018)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    denominator = 3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1)
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / denominator
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return (x + _X_MAX) * _SCALE, (_Y_MAX - y) * _SCALE


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs, decoded from quantized deltas into longitude and latitude."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> str:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    # A ring that crosses the antimeridian (Russia's Chukotka, Fiji) is drawn as
    # one piece on each edge of the map, not as a line across the whole world.
    pieces: list[list[tuple[float, float]]] = [[]]
    for i, (lon, lat) in enumerate(points):
        if i and abs(lon - points[i - 1][0]) > 180:
            pieces.append([])
        pieces[-1].append(project(lon, lat))
    return "".join(
        "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in piece) + "Z" for piece in pieces if piece
    )


def _polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


@functools.lru_cache(maxsize=1)
def basemap_svg() -> str:
    """The countries as one SVG document (Antarctica left out: no events there)."""
    source = resources.files("eventcoder.web") / "data" / "countries-110m.json"
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    paths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == "010":
            continue
        d = "".join(_ring(ring, arcs) for polygon in _polygons(geometry) for ring in polygon)
        if d:
            paths.append(f'<path d="{d}"/>')
    outline = _outline()
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" '
        f'width="{WIDTH:g}" height="{HEIGHT:g}">'
        f'<path d="{outline}" fill="#eef4f8" stroke="#cbd5e0"/>'
        f'<g fill="#d9e2ec" stroke="#ffffff" stroke-width="0.6">{"".join(paths)}</g></svg>'
    )


def _outline() -> str:
    """The edge of the projected world: meridians -180 and 180 joined."""
    right = [project(180, lat) for lat in range(-90, 91, 5)]
    left = [project(-180, lat) for lat in range(90, -91, -5)]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in right + left) + "Z"


@dataclass(frozen=True)
class MapPoint:
    """An event place on the map: where to draw it, how big, and what it links to."""

    x: float
    y: float
    r: float
    place: str
    country_code: str
    events: int
    key: str


def map_points(places: Iterable[dict[str, Any]], *, max_radius: float = 18.0) -> list[MapPoint]:
    """Circles with area proportional to the number of events, largest drawn first."""
    rows = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not rows:
        return []
    most = max(int(p["events"]) for p in rows)
    points = []
    for p in sorted(rows, key=lambda p: -int(p["events"])):
        x, y = project(float(p["lon"]), float(p["lat"]))
        radius = max(2.5, max_radius * math.sqrt(int(p["events"]) / most))
        key = str(p["geonameid"]) if p.get("geonameid") else str(p["place"])
        points.append(
            MapPoint(round(x, 1), round(y, 1), round(radius, 1), str(p["place"]),
                     p.get("country_code") or "", int(p["events"]), key)
        )  # fmt: skip
    return points
