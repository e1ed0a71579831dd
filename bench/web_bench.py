"""Web API latency: p50/p95 of `GET /api/events` on a store of 1M event reports.

The store is bench/store_bench.py's synthetic one, built once into
out/bench/store-1000k.duckdb and reused. The app runs under uvicorn in its own
process on a loopback port; one client (httpx, in this process) sends `--requests`
requests per filter combination, one after another, after a warm-up. Each
combination pages through its first results (offset 0, 50, ... up to 450), as a user
does. Beside each, the same pages from `select_events` alone on a held connection:
the store's share of the time. Target: p95 under 150 ms.

Run with `make bench` or `.venv/bin/python bench/web_bench.py [--events N] [--requests N]`.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from bench.store_bench import build_synthetic_store  # noqa: E402
from tools.browser import free_port  # noqa: E402

from eventcoder.store import Filters, Store  # noqa: E402
from eventcoder.store.connection import open_db  # noqa: E402
from eventcoder.store.query import select_events  # noqa: E402

TARGET_MS = 150.0
COMBINATIONS = [
    ("no filter", {}),
    ("actor RUS, CONSULT, since 2024", {"actor": "RUS", "type": "CONSULT", "since": "2024-01-01"}),
    ("dyad USA-RUS", {"dyad": "USA-RUS"}),
    ("ASSAULT that happened", {"type": "ASSAULT", "aux_mode": "none"}),
    ("sector CVL in Kyiv", {"sector": "CVL", "place": "Kyiv"}),
    ("reports: actor USA, 2020", {"actor": "USA", "since": "2020-01-01", "until": "2020-12-31",
                                  "mentions": "true"}),
]  # fmt: skip


def store_path(n: int) -> Path:
    """The synthetic store of n events, built on first use."""
    path = ROOT / "out" / "bench" / f"store-{n // 1000}k.duckdb"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    print(f"building a synthetic store of {n:,} events in {path} (about a minute) ...")
    build_synthetic_store(partial, n)
    partial.replace(path)
    return path


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def measure(client: httpx.Client, params: dict[str, str], requests: int) -> list[float]:
    """Milliseconds per request (status 200 checked), paging through the first 500 rows."""
    client.get("/api/events", params=params).raise_for_status()  # warm-up
    times = []
    for i in range(requests):
        page = {**params, "limit": "50", "offset": str(50 * (i % 10))}
        start = time.perf_counter()
        response = client.get("/api/events", params=page)
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return times


def measure_library(db: Path, params: dict[str, str], requests: int) -> list[float]:
    """The same pages from `select_events` on one held connection: the store's share."""
    filters = {k: v for k, v in params.items() if k != "mentions"}
    f = Filters.build(**filters)  # type: ignore[arg-type]
    mentions = params.get("mentions") == "true"
    times = []
    with open_db(db, read_only=True, wait=5) as con:
        select_events(con, f, mentions=mentions, limit=51)
        for i in range(requests):
            start = time.perf_counter()
            select_events(con, f, mentions=mentions, limit=51, offset=50 * (i % 10))
            times.append((time.perf_counter() - start) * 1000)
    return times


_SERVER = """import sys, uvicorn
from eventcoder.store import Store
from eventcoder.web import create_app
uvicorn.run(create_app(Store.open(sys.argv[1])), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning")
"""


@contextmanager
def server(db: Path, stderr: IO[str] | None = None) -> Iterator[str]:
    """The app under uvicorn in a child process (as `eventcoder serve` runs it, without
    the model warm-up); yields its URL. The child's stderr goes to `stderr` if given."""
    port = free_port()
    child = subprocess.Popen([sys.executable, "-c", _SERVER, str(db), str(port)], stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"{url}/api/events", params={"limit": 1}, timeout=30).raise_for_status()
                break
            except httpx.TransportError:
                if child.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:  # never leave a server behind
            child.kill()
            child.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic store size")
    parser.add_argument("--requests", type=int, default=200, help="requests per combination")
    args = parser.parse_args()
    db = store_path(args.events)
    Store.open(db)  # checks (and if needed upgrades) the store before timing
    print(f"GET /api/events on {args.events:,} events, {args.requests} requests each (limit 50)")
    print(f"{'filters':34s} {'p50':>8s} {'p95':>8s} {'max':>8s}   target p95 < {TARGET_MS:g} ms"
          "   (select_events alone: p50, p95)")  # fmt: skip
    every: list[float] = []
    with server(db) as url, httpx.Client(base_url=url, timeout=60) as client:
        for label, params in COMBINATIONS:
            times = measure(client, params, args.requests)
            alone = measure_library(db, params, min(args.requests, 50))
            every += times
            p95 = percentile(times, 95)
            verdict = "ok  " if p95 < TARGET_MS else "SLOW"
            print(f"{label:34s} {statistics.median(times):6.1f}ms {p95:6.1f}ms "
                  f"{max(times):6.1f}ms   {verdict}"
                  f"{statistics.median(alone):27.1f}ms {percentile(alone, 95):6.1f}ms")  # fmt: skip
    p95 = percentile(every, 95)
    print(f"{'all combinations':34s} {statistics.median(every):6.1f}ms {p95:6.1f}ms "
          f"{max(every):6.1f}ms   {'ok' if p95 < TARGET_MS else 'SLOW'}")  # fmt: skip


if __name__ == "__main__":
    main()
