"""Geoparsing benchmark: resolve the gold toponyms of LGL-style articles with our gazetteer.

    .venv/bin/python bench/geoparse_lgl.py ../shared/gold/dev/lgl_geoparsing.jsonl
        [--min-population 15000] [--errors 20]

Each input line is an article `{"id", "text", "toponyms": [{"text", "start", "end",
"geonameid"?, "country"?, "lat"?, "lon"?}]}`. Toponym recognition is not tested:
the gold spans are given, and each is resolved by `Gazetteer.resolve_document`
with the article's other toponyms as context (the gold answers are never read
before scoring). Toponyms the gold leaves unresolved are not scored.

Reported: the share of toponyms we resolve, country accuracy among those
(the acceptance figure) and over all scored toponyms, and the median and mean
error in km where both sides have coordinates.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import pycountry

from eventcoder.model import Place
from eventcoder.resolve.places import Gazetteer

EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def gold_iso3(country: str, gazetteer: Gazetteer) -> str | None:
    """A gold country name ("United States", "Palestinian Territory") as ISO3."""
    code = gazetteer.country_of(country)
    if code:
        return code
    try:
        return str(pycountry.countries.lookup(country).alpha_3)
    except LookupError:
        return None


def read_articles(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


class Tally:
    def __init__(self) -> None:
        self.scored = self.resolved = self.country_ok = 0
        self.km: list[float] = []
        self.errors: list[str] = []

    def add(self, topo: dict[str, Any], place: Place | None, gold_code: str | None) -> None:
        self.scored += 1
        if place is None:
            self.errors.append(f"unresolved  {topo['text']!r} (gold {topo.get('country')})")
            return
        self.resolved += 1
        ok = place.country_code == gold_code
        self.country_ok += ok
        if not ok:
            self.errors.append(
                f"country     {topo['text']!r} -> {place.resolved_place}, {place.country_code}"
                f" (gold {topo.get('name')}, {gold_code})"
            )
        if place.lat is not None and place.lon is not None and topo.get("lat"):
            self.km.append(
                haversine_km(place.lat, place.lon, float(topo["lat"]), float(topo["lon"]))
            )

    def report(self) -> str:
        resolved = self.resolved / max(self.scored, 1)
        among = self.country_ok / max(self.resolved, 1)
        overall = self.country_ok / max(self.scored, 1)
        median = statistics.median(self.km) if self.km else float("nan")
        mean = statistics.fmean(self.km) if self.km else float("nan")
        share161 = sum(k <= 161 for k in self.km) / max(len(self.km), 1)
        return (
            f"toponyms scored {self.scored}; resolved {self.resolved} = {resolved:.3f}\n"
            f"km error on {len(self.km)}: median {median:.1f}, mean {mean:.1f}, "
            f"within 161 km {share161:.3f}\n"
            f"lgl: country correct among resolved {self.country_ok}/{self.resolved} = "
            f"{among:.3f}; over all scored {overall:.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="LGL-style gold JSONL")
    parser.add_argument("--min-population", type=int, default=15000)
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    gazetteer = Gazetteer.load(min_population=args.min_population)
    tally = Tally()
    articles = read_articles(args.gold)
    for article in articles:
        toponyms = article.get("toponyms") or []
        places = gazetteer.resolve_document([t["text"] for t in toponyms])
        for topo, place in zip(toponyms, places, strict=True):
            if not topo.get("geonameid") or not topo.get("country"):
                continue
            tally.add(topo, place, gold_iso3(str(topo["country"]), gazetteer))
    for line in tally.errors[: args.errors]:
        print(line)
    elapsed = time.perf_counter() - started
    print(
        f"{len(articles)} articles in {elapsed:.1f}s (gazetteer min_population "
        f"{args.min_population})"
    )
    print(tally.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
