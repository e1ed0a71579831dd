"""Web load: many concurrent clients on loopback for a fixed time; requests served,
errors, and p50/p95/p99 latency.

The app runs under uvicorn in its own process (web_bench.server: as `eventcoder
serve` runs it, without the model warm-up). `--clients` clients (asyncio tasks
sharing one httpx.AsyncClient with as many connections) send requests one after
another for `--seconds` seconds: a mix of GET /api/events with filters and pages,
/api/events/{id}, /api/timeline, /api/stats, /api/dyads, /api/actors and the pages
(overview, events, an event, a dyad, the map). Ids, dyads and actors are taken
from the store first. Nothing may be lost: every request sent is answered (or
counted as an error), and any 5xx is counted.

Stores: the sample corpus (samples/, coded and stored in out/bench/samples.duckdb
on first use) and the 1M-event synthetic store of store_bench.py. Results go to
out/bench/web_load.json. tests/e2e/test_web_load.py runs a shorter load in
`make test`.

Run with `make bench` or `.venv/bin/python bench/web_load.py [--clients N]
[--seconds S] [--stores samples,1000k]`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from bench.web_bench import percentile, server, store_path  # noqa: E402

OUT = ROOT / "out" / "bench" / "web_load.json"
FILTERS: list[dict[str, str]] = [
    {}, {"actor": "RUS"}, {"actor": "USA", "type": "CONSULT"}, {"dyad": "USA-RUS"},
    {"type": "ASSAULT", "aux_mode": "none"}, {"since": "2024-01-01"}, {"text": "talks"},
    {"mentions": "true"}, {"place": "Kyiv"}, {"sector": "GOV", "since": "2020-01-01"},
]  # fmt: skip


@dataclass
class Targets:
    """What the store holds, for requests that name something: event ids, dyads, actors."""

    event_ids: list[str]
    dyads: list[str]
    actors: list[str]

    @classmethod
    def fetch(cls, url: str) -> Targets:
        with httpx.Client(base_url=url, timeout=120) as client:
            events = client.get("/api/events", params={"limit": 500, "mentions": "true"})
            dyads = client.get("/api/dyads", params={"top": 20})
            actors = client.get("/api/actors", params={"top": 20})
        return cls(
            [e["event_id"] for e in events.json()["events"]] or ["none"],
            [d["dyad"] for d in dyads.json()["dyads"]] or ["RUS-USA"],
            [a["key"] for a in actors.json()["actors"]] or ["RUS"],
        )


Request = tuple[str, str, dict[str, str]]  # (kind, path, params)


def _mix(targets: Targets) -> list[tuple[int, Callable[[random.Random], Request]]]:
    """(weight, request maker): mostly the API's event lists, then pages and aggregates."""

    def events(rng: random.Random) -> Request:
        page = {"limit": "50", "offset": str(50 * rng.randrange(10))}
        return "GET /api/events", "/api/events", rng.choice(FILTERS) | page

    def event(rng: random.Random) -> Request:
        return "GET /api/events/{id}", f"/api/events/{rng.choice(targets.event_ids)}", {}

    def timeline(rng: random.Random) -> Request:
        params = rng.choice(FILTERS) | {"by": rng.choice(["week", "month"])}
        return "GET /api/timeline", "/api/timeline", params

    def page(rng: random.Random) -> Request:
        path = rng.choice(["/", "/events", "/map", f"/dyads/{rng.choice(targets.dyads)}",
                           f"/events/{rng.choice(targets.event_ids)}",
                           f"/actors/{rng.choice(targets.actors)}"])  # fmt: skip
        params = rng.choice(FILTERS) if path in ("/events", "/map") else {}
        return "GET pages", path, params

    return [
        (30, events), (15, event), (10, timeline), (20, page),
        (10, lambda rng: ("GET /api/stats", "/api/stats", {})),
        (8, lambda rng: ("GET /api/dyads", "/api/dyads", rng.choice(FILTERS))),
        (7, lambda rng: ("GET /api/actors", "/api/actors", {"q": rng.choice(["", "ru", "a"])})),
    ]  # fmt: skip


@dataclass
class LoadResult:
    """What a load run did: requests sent and answered, statuses, errors, latency (ms)."""

    clients: int
    seconds: float
    sent: int = 0
    answered: int = 0
    retried: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=dict)

    @property
    def lost(self) -> int:
        """Requests sent that got neither an answer nor an error: none, ever."""
        return self.sent - self.answered - sum(self.errors.values())

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def summary(self) -> dict[str, Any]:
        every = [ms for times in self.latencies.values() for ms in times]
        return {
            "clients": self.clients, "seconds": round(self.seconds, 1), "sent": self.sent,
            "answered": self.answered, "lost": self.lost,
            "requests_per_s": round(self.answered / self.seconds, 1),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "server_errors": self.server_errors, "errors": dict(self.errors),
            "retried": self.retried,
            **_percentiles(every),
            "by_kind": {kind: {"requests": len(times), **_percentiles(times)}
                        for kind, times in sorted(self.latencies.items())},
        }  # fmt: skip


def _percentiles(times: list[float]) -> dict[str, float | None]:
    if not times:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None, "max_ms": None}
    return {f"p{q}_ms": round(percentile(times, q), 1) for q in (50, 95, 99)} | {
        "max_ms": round(max(times), 1)
    }


async def _get(
    client: httpx.AsyncClient, path: str, params: dict[str, str], result: LoadResult
) -> httpx.Response:
    """GET, retried once (as browsers do) when a kept-alive connection was closed by the
    server as the request went out: uvicorn closes one idle for 5 s, and on a machine
    this busy a client may take that long to send its next request. Retries are counted."""
    for attempt in (1, 2):
        try:
            response = await client.get(path, params=params)
            await response.aread()
            return response
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
            if attempt == 2:
                raise
            result.retried += 1
    raise AssertionError("unreachable")


async def _one_client(
    client: httpx.AsyncClient,
    rng: random.Random,
    mix: list[tuple[int, Callable[[random.Random], Request]]],
    deadline: float,
    result: LoadResult,
) -> None:
    makers = [maker for _weight, maker in mix]
    weights = [weight for weight, _maker in mix]
    while time.monotonic() < deadline:
        kind, path, params = rng.choices(makers, weights)[0](rng)
        result.sent += 1
        start = time.perf_counter()
        try:
            response = await _get(client, path, params, result)
        except httpx.HTTPError as exc:
            result.errors[type(exc).__name__] += 1
            continue
        result.answered += 1
        result.statuses[response.status_code] += 1
        result.latencies.setdefault(kind, []).append((time.perf_counter() - start) * 1000)


async def _load(url: str, clients: int, seconds: float, seed: int) -> LoadResult:
    targets = await asyncio.to_thread(Targets.fetch, url)
    mix = _mix(targets)
    result = LoadResult(clients, seconds)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        deadline = time.monotonic() + seconds
        started = time.monotonic()
        await asyncio.gather(
            *(_one_client(client, random.Random(seed + i), mix, deadline, result)
              for i in range(clients))
        )  # fmt: skip
        result.seconds = time.monotonic() - started
    return result


def run_load(url: str, *, clients: int, seconds: float, seed: int = 7) -> LoadResult:
    """`clients` concurrent clients sending the request mix to `url` for `seconds`."""
    return asyncio.run(_load(url, clients, seconds, seed))


def samples_store() -> Path:
    """The sample corpus, coded and stored once in out/bench/samples.duckdb."""
    path = ROOT / "out" / "bench" / "samples.duckdb"
    if not path.exists():
        from eventcoder.model import Article
        from eventcoder.readers import read_inputs
        from eventcoder.store import Ingester

        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.unlink(missing_ok=True)
        articles = (a for a in read_inputs([str(ROOT / "samples")]) if isinstance(a, Article))
        Ingester(partial, jobs=1).run(articles)
        partial.replace(path)
    return path


def _print(name: str, summary: dict[str, Any]) -> None:
    print(f"{name}: {summary['answered']:,} requests in {summary['seconds']} s "
          f"({summary['requests_per_s']}/s) from {summary['clients']} clients; "
          f"5xx {summary['server_errors']}, errors {sum(summary['errors'].values())}, "
          f"lost {summary['lost']}, retried {summary['retried']}; p50 {summary['p50_ms']} ms, "
          f"p95 {summary['p95_ms']} ms, p99 {summary['p99_ms']} ms")  # fmt: skip
    for kind, figures in summary["by_kind"].items():
        print(f"    {kind:24s} {figures['requests']:7,} requests  p50 {figures['p50_ms']:7.1f} ms"
              f"  p95 {figures['p95_ms']:7.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=30, help="how long each load lasts")
    parser.add_argument("--stores", default="samples,1000k", help="samples and/or 1000k")
    args = parser.parse_args()
    stores = {"samples": samples_store, "1000k": lambda: store_path(1_000_000)}
    report: dict[str, Any] = {"clients": args.clients, "seconds": args.seconds, "stores": {}}
    for name in args.stores.split(","):
        db = stores[name]()
        with server(db) as url:
            summary = run_load(url, clients=args.clients, seconds=args.seconds).summary()
        report["stores"][name] = {"path": str(db.relative_to(ROOT)), **summary}
        _print(f"{name} store", summary)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"results: {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
