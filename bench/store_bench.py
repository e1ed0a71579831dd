"""Event store benchmark: ingest rate on the samples, query latency on 1M events.

1. Ingest: the sample articles (and two edited copies of each, so every text is
   new) into a fresh store with --jobs 1, the model loaded beforehand.
2. A synthetic store of 1,000,000 event reports, generated directly as Arrow
   tables (no text is coded), clustered like a real one; then the latency of a
   dyad timeline and of filtered pages of 50 events, through the Python API:
   per call (each call opens the file, as the CLI and a web server do) and in a
   session (one connection held).

Run with `make bench` or `.venv/bin/python bench/store_bench.py [--events N]`.
Targets on the team machine: timeline < 200 ms, page of 50 < 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from eventcoder.model import PLOVER_TYPES, QUAD_CODES, Article
from eventcoder.store import Ingester, Store, dedup
from eventcoder.store.connection import open_db
from eventcoder.store.schema import migrate

ROOT = Path(__file__).resolve().parents[1]

COUNTRIES = [
    "USA", "RUS", "CHN", "UKR", "ISR", "IRN", "TUR", "DEU", "FRA", "GBR", "IND", "PAK",
    "SDN", "COD", "EGY", "SAU", "QAT", "SYR", "IRQ", "AFG", "NGA", "ETH", "KEN", "BRA",
    "MEX", "VEN", "COL", "JPN", "KOR", "PRK", "TWN", "PHL", "IDN", "MMR", "BLR", "POL",
    "HUN", "GEO", "ARM", "AZE", "LBN", "YEM", "LBY", "MLI", "NER", "CMR", "RWA", "UGA",
    "SOM", "ZAF", "IGO", "UNO", "EUR", "NGO", "MNC",
]  # fmt: skip
CITIES = [
    ("Washington", "USA"), ("Moscow", "RUS"), ("Beijing", "CHN"), ("Kyiv", "UKR"),
    ("Gaza", "PSE"), ("Tehran", "IRN"), ("Ankara", "TUR"), ("Berlin", "DEU"),
    ("Budapest", "HUN"), ("Geneva", "CHE"), ("Doha", "QAT"), ("Cairo", "EGY"),
    ("Khartoum", "SDN"), ("Goma", "COD"), ("Tbilisi", "GEO"), ("Minsk", "BLR"),
]  # fmt: skip
OUTLETS = ["Northbridge Wire", "Harbor Daily", "Meridian Radio", "Coastal Times"]
SECTORS = ["GOV", "MIL", "CVL", "REB", "COP", "OPP", "JUD", "LEG", None]
MODES = {"CONSULT": ["visit", "phone", "multilateral"], "ASSAULT": ["aerial", "firearms"],
         "PROTEST": ["demo", "strike"], "COERCE": ["arrest", "seize"]}  # fmt: skip


def _strings(values: np.ndarray | list[Any]) -> pa.Array:
    return pa.array(list(values), pa.string())


def _lists(groups: list[list[str]]) -> pa.Array:
    offsets = np.zeros(len(groups) + 1, dtype=np.int32)
    offsets[1:] = np.cumsum([len(g) for g in groups])
    flat = [v for g in groups for v in g]
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(flat, pa.string()))


@dataclass
class _Draws:
    """The random choices behind a synthetic store, one entry per event report."""

    n: int
    rng: np.random.Generator
    types: list[str] = field(default_factory=list)
    actors: list[list[str]] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    sectors: tuple[list[str | None], list[str | None]] = ([], [])
    places: list[tuple[str, str] | None] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)

    @classmethod
    def make(cls, n: int, seed: int) -> _Draws:
        rng = np.random.default_rng(seed)
        draws = cls(n, rng)
        weights = 1 / np.arange(1, len(COUNTRIES) + 1) ** 1.1
        pick = rng.choice(len(COUNTRIES), size=(n, 2), p=weights / weights.sum())
        keep = rng.random(n) < 0.7
        draws.types = [str(t) for t in rng.choice(PLOVER_TYPES, size=n)]
        draws.actors = [[COUNTRIES[a]] for a in pick[:, 0]]
        draws.recipients = [
            [COUNTRIES[r]] if k and r != a else [] for (a, r), k in zip(pick, keep, strict=True)
        ]
        sector = rng.integers(0, len(SECTORS), (n, 2))
        draws.sectors = (
            [SECTORS[i] for i in sector[:, 0]],
            [
                SECTORS[i] if r else None
                for i, r in zip(sector[:, 1], draws.recipients, strict=True)
            ],
        )
        city = rng.integers(0, len(CITIES), n)
        draws.places = [
            CITIES[c] if x < 0.4 else None for c, x in zip(city, rng.random(n), strict=True)
        ]
        draws.event_ids = [rng.bytes(10).hex() for _ in range(n)]
        return draws


def _events_table(d: _Draws, doc_keys: list[str], texts: list[str]) -> pa.Table:
    n, rng = d.n, d.rng
    days = np.sort(rng.integers(0, 365 * 8, n))  # sorted: ingest order follows the news
    modes = [
        MODES[t][int(x * len(MODES[t]))] if t in MODES and x < 0.9 else None
        for t, x in zip(d.types, rng.random(n), strict=True)
    ]
    aux = rng.choice(np.array(["historical", "future", "hypothetical", "negation", None]),
                     size=n, p=[0.05, 0.05, 0.03, 0.02, 0.85])  # fmt: skip
    sectors = [sorted({s for s in pair if s}) for pair in zip(*d.sectors, strict=True)]
    return pa.table({
        "event_id": _strings(d.event_ids),
        "doc_key": _strings([doc_keys[i // 4] for i in range(n)]),
        "sentence_index": pa.array(np.arange(n) % 4, pa.int32()),
        "date": pa.array(np.datetime64("2018-01-01") + days.astype("timedelta64[D]"), pa.date32()),
        "date_precision": _strings(["day"] * n),
        "date_defaulted": pa.array(np.zeros(n, dtype=bool)),
        "type": _strings(d.types), "mode": _strings(modes), "aux_mode": _strings(aux),
        "context": _lists([[] for _ in range(n)]),
        "event_text": _strings(["said"] * n),
        "trigger_start": pa.array(np.zeros(n, dtype=np.int32)),
        "trigger_end": pa.array(np.full(n, 4, dtype=np.int32)),
        "quad_code": pa.array([QUAD_CODES[t] for t in d.types], pa.int8()),
        "event_scale": pa.array(np.round(rng.uniform(-10, 10, n), 1)),
        "cameo": _strings(["040"] * n),
        "confidence": pa.array(np.round(rng.uniform(0.3, 1.0, n), 3)),
        "coder": _strings(["synthetic"] * n),
        "actor_codes": _lists(d.actors), "recipient_codes": _lists(d.recipients),
        "sectors": _lists(sectors),
        "actor_names": _lists([[f"{c} officials" for c in a] for a in d.actors]),
        "recipient_names": _lists([[f"{c} officials" for c in r] for r in d.recipients]),
        "doc_id": _strings([f"synthetic-{i // 4}.txt" for i in range(n)]),
        "source": _strings([OUTLETS[(i // 4) % len(OUTLETS)] for i in range(n)]),
        "text": _strings(texts),
        "loc_extracted": _strings([p[0] if p else None for p in d.places]),
        "loc_resolved": _strings([p[0] if p else None for p in d.places]),
        "loc_country_code": _strings([p[1] if p else None for p in d.places]),
        "loc_resolution": pa.array([4 if p else None for p in d.places], pa.int8()),
    })  # fmt: skip


def _entities_table(d: _Draws) -> pa.Table:
    with_recipient = [i for i, r in enumerate(d.recipients) if r]
    codes = [a[0] for a in d.actors] + [d.recipients[i][0] for i in with_recipient]
    return pa.table({
        "event_id": _strings(d.event_ids + [d.event_ids[i] for i in with_recipient]),
        "role": _strings(["actor"] * d.n + ["recipient"] * len(with_recipient)),
        "position": pa.array(np.zeros(len(codes), dtype=np.int16)),
        "entity_text": _strings([f"{c} officials" for c in codes]),
        "code": _strings(codes),
        "sector": _strings(d.sectors[0] + [d.sectors[1][i] for i in with_recipient]),
    })  # fmt: skip


def synthetic_tables(n: int, seed: int = 11) -> dict[str, pa.Table]:
    """n event reports, 4 per document, dated 2018-2025, Zipf-distributed actors."""
    draws = _Draws.make(n, seed)
    n_docs = (n + 3) // 4
    doc_keys = [f"{k:064x}" for k in range(n_docs)]
    texts = [
        f"Synthetic report {i} about {a[0]} and {', '.join(r) or 'others'}."
        for i, (a, r) in enumerate(zip(draws.actors, draws.recipients, strict=True))
    ]
    events = _events_table(draws, doc_keys, texts)
    now = dt.datetime.now(dt.UTC)
    documents = pa.table({
        "doc_key": _strings(doc_keys),
        "doc_id": _strings([f"synthetic-{k}.txt" for k in range(n_docs)]),
        "source": _strings([OUTLETS[k % len(OUTLETS)] for k in range(n_docs)]),
        "text": _strings(["(synthetic)"] * n_docs),
        "n_events": pa.array(np.full(n_docs, 4, dtype=np.int32)),
        "ingested_at": pa.array([now] * n_docs, pa.timestamp("us", tz="UTC")),
    })  # fmt: skip
    sentences = pa.table({
        "doc_key": events["doc_key"], "sentence_index": events["sentence_index"],
        "start_char": pa.array(np.zeros(n, dtype=np.int32)), "text": _strings(texts),
    })  # fmt: skip
    origins = pa.table({
        "path": _strings(["/synthetic"] * n_docs), "doc_id": documents["doc_id"],
        "doc_key": documents["doc_key"], "origin": documents["doc_id"],
        "ingested_at": documents["ingested_at"],
    })  # fmt: skip
    return {"documents": documents, "origins": origins, "sentences": sentences,
            "events": events, "entities": _entities_table(draws)}  # fmt: skip


def build_synthetic_store(path: Path, n: int) -> dict[str, float]:
    timings: dict[str, float] = {}
    start = time.perf_counter()
    tables = synthetic_tables(n)
    timings["generate"] = time.perf_counter() - start
    start = time.perf_counter()
    with open_db(path, read_only=False, wait=5) as con:
        migrate(con, path)
        con.begin()
        for name, table in tables.items():
            if name == "events":
                table = dedup.numbered(con, table)
            con.register(f"_bench_{name}", table)
            extra = (
                f", {dedup.BLOCK_SQL} AS block, event_id AS cluster_id, event_no AS cluster_no, "
                "true AS is_representative"
                if name == "events" else ""
            )  # fmt: skip
            con.execute(f"INSERT INTO {name} BY NAME SELECT *{extra} FROM _bench_{name}")
            con.unregister(f"_bench_{name}")
        con.commit()
        timings["insert"] = time.perf_counter() - start
        start = time.perf_counter()
        con.begin()
        dedup.recluster_all(con, dedup.DEFAULT_WINDOW_DAYS)
        con.commit()
        timings["cluster"] = time.perf_counter() - start
    return timings


def latency(fn: Callable[[], Any], runs: int = 7) -> tuple[float, Any]:
    """Median wall time in ms over `runs` calls (after one warm-up), and the last result."""
    result = fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def bench_ingest(tmp: Path) -> None:
    from eventcoder.config import Config
    from eventcoder.pipeline import Pipeline
    from eventcoder.readers import read_inputs

    base = [a for a in read_inputs([str(ROOT / "samples")]) if isinstance(a, Article)]
    articles = base + [
        Article(id=f"copy{k}-{a.id}", text=a.text + f"\n\n(Edition {k}.)", date=a.date,
                origin=f"{a.origin}.copy{k}")
        for k in (1, 2) for a in base
    ]  # fmt: skip
    Pipeline.cached(Config.default())  # load the model outside the timing
    db = tmp / "ingest.duckdb"
    start = time.perf_counter()
    report = Ingester(db, jobs=1).run(articles)
    seconds = time.perf_counter() - start
    again = Ingester(db, jobs=1).run(articles)
    counts = Store.open(db).counts()
    print(
        f"ingest samples x3 (--jobs 1)  {len(articles) / seconds:7.1f} articles/s  "
        f"({len(articles)} articles, {report.events} events, {seconds:.1f} s)"
    )
    print(
        f"re-ingest                     added {again.added} documents, {again.events} events; "
        f"store holds {counts['documents']} documents, {counts['events']} events"
    )


def bench_queries(tmp: Path, n: int) -> None:
    db = tmp / "synthetic.duckdb"
    timings = build_synthetic_store(db, n)
    store = Store.open(db)
    counts = store.counts()
    print(
        f"synthetic store               {counts['events']:,} events, {counts['clusters']:,} "
        f"clusters, {counts['documents']:,} documents, {db.stat().st_size / 1e6:.0f} MB "
        f"(generate {timings['generate']:.1f} s, insert {timings['insert']:.1f} s, "
        f"cluster {timings['cluster']:.1f} s)"
    )
    checks = [
        ("timeline USA-RUS by week", 200,
         lambda: store.timeline(dyad="USA-RUS", by="week")),
        ("timeline USA-RUS by month, reports", 200,
         lambda: store.timeline(dyad="USA-RUS", by="month", mentions=True)),
        ("page of 50: RUS CONSULT since 2024", 100,
         lambda: store.events(actor="RUS", type="CONSULT", since="2024-01-01", limit=50)),
        ("page of 50: in Kyiv", 100,
         lambda: store.events(place="Kyiv", limit=50, offset=100)),
        ("page of 50: sector CVL in Kyiv", 100,
         lambda: store.events(sector="CVL", place="Kyiv", limit=50, offset=100)),
        ("page of 50 reports: words", 100,
         lambda: store.events(text="about USA", mentions=True, limit=50)),
    ]  # fmt: skip
    print(f"{'query':38s} {'per call':>10s} {'in session':>11s}   target")
    for label, target, fn in checks:
        cold, result = latency(fn)  # each call opens the file, like the CLI
        with store.session():  # one connection held, like a long-lived reader
            warm, _ = latency(fn)
        verdict = "ok" if cold < target else ("ok in session" if warm < target else "SLOW")
        print(f"{label:38s} {cold:7.1f} ms {warm:8.1f} ms   < {target} ms: {verdict}"
              f" ({len(result)} rows)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic store size")
    parser.add_argument("--skip-ingest", action="store_true", help="only the query benchmark")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if not args.skip_ingest:
            bench_ingest(tmp)
        bench_queries(tmp, args.events)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
