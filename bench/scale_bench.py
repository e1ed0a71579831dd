"""Scale benchmark (issue 8): 1 and 2 workers, per-worker memory, a streamed 100k run.

1. Throughput: a generated corpus (default 800 articles of 4 sentences) coded by
   the local engine (in this process, then `--jobs 2` as `eventcoder` runs it,
   pool start included, then `--jobs 2` on a warm pool) and by the Dask engine
   (a warm LocalCluster of 1, then 2 single-threaded worker processes, writing
   shards). Warm: every worker has loaded its model, which a long run pays once;
   scaling efficiency = warm rate(2) / (2 * rate(1)). Peak RSS of each worker
   process (its VmHWM, or sampled twice a second for the local pool).
2. Streamed run: `--articles` (default 100,000) short generated articles in one
   JSONL file, ingested into a store by a 2-worker LocalCluster. Every
   `--sample` seconds the RSS of each worker process and of the client is
   sampled; the run is flat when the last fifth's peak is within 15% of the
   first fifth's (after warm-up), and the target is a peak under 1.5 GB.

Writes out/bench/scale.json and prints a summary. Run with `make bench` or
`.venv/bin/python bench/scale_bench.py [--articles N] [--skip-streamed]`.
The articles are written from templates by the team: no real news.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import psutil
from distributed import Client, LocalCluster
from throughput import ACTORS, CITIES, DAYS, TEMPLATES

from eventcoder.config import Config
from eventcoder.engines.dask import ingest_dask
from eventcoder.engines.local import _chunks, _code_chunk, _init_worker, in_order_bounded, run_local
from eventcoder.engines.shards import ShardJob
from eventcoder.model import Article
from eventcoder.pipeline import Pipeline
from eventcoder.store import Ingester

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out" / "bench"
GB = 1024**3
TARGET_RSS = 1.5 * GB


def sentences(rng: random.Random, n: int) -> str:
    parts = []
    for _ in range(n):
        a, b = rng.sample(ACTORS, 2)
        text = rng.choice(TEMPLATES).format(a=a, b=b, city=rng.choice(CITIES), day=rng.choice(DAYS))
        parts.append(text[0].upper() + text[1:])
    return " ".join(parts)


def articles(n: int, per: int | tuple[int, int], seed: int = 11) -> Iterator[dict[str, Any]]:
    """Generated articles as JSONL records, dated across 2025, one at a time."""
    rng = random.Random(seed)
    first = dt.date(2025, 1, 1)
    for i in range(n):
        k = per if isinstance(per, int) else rng.randint(*per)
        day = first + dt.timedelta(days=rng.randrange(365))
        yield {"id": f"scale-{i}", "text": sentences(rng, k), "date": day.isoformat(),
               "source": f"Outlet {i % 17}"}  # fmt: skip


def write_corpus(path: Path, n: int, per: int | tuple[int, int]) -> int:
    """Write the corpus line by line; returns the number of sentences."""
    total = 0
    with path.open("w", encoding="utf-8") as out:
        for record in articles(n, per):
            total += record["text"].count(". ") + 1
            out.write(json.dumps(record) + "\n")
    return total


def own_peak_rss() -> int:
    """This process's peak RSS. VmHWM, not getrusage: Linux carries ru_maxrss over
    fork and exec, so a worker would report its parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class ChildPeaks:
    """The peak RSS of each child process of this one, sampled twice a second."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            for child in psutil.Process().children():
                try:
                    rss = child.memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[child.pid] = max(rss, self.peaks.get(child.pid, 0))

    def __enter__(self) -> ChildPeaks:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def rate_entry(label: str, seconds: float, n_articles: int, n_sents: int) -> dict[str, Any]:
    """Rates of one run, printed as one line."""
    entry = {
        "run": label, "seconds": round(seconds, 2),
        "articles_per_s": round(n_articles / seconds, 1),
        "sentences_per_s": round(n_sents / seconds, 1),
    }  # fmt: skip
    print(f"  {label:28s} {entry['sentences_per_s']:8.1f} sentences/s "
          f"{entry['articles_per_s']:7.1f} articles/s ({seconds:.1f} s)")  # fmt: skip
    return entry


def local_runs(corpus: list[Article], config: Config, n_sents: int) -> list[dict[str, Any]]:
    results = []
    Pipeline.cached(config)
    start = time.perf_counter()
    list(run_local(corpus, config, jobs=1))
    entry = rate_entry("local --jobs 1", time.perf_counter() - start, len(corpus), n_sents)
    entry["worker_peak_rss_mb"] = [round(own_peak_rss() / 2**20)]
    results.append(entry)
    start = time.perf_counter()
    with ChildPeaks() as children:
        list(run_local(corpus, config, jobs=2))
    entry = rate_entry("local --jobs 2 (with startup)", time.perf_counter() - start,
                       len(corpus), n_sents)  # fmt: skip
    big = [v for v in children.peaks.values() if v > 100 * 2**20]  # not the resource tracker
    entry["worker_peak_rss_mb"] = sorted(round(v / 2**20) for v in big)
    results.append(entry)
    results.append(local_warm(corpus, config, n_sents, jobs=2))
    return results


def local_warm(corpus: list[Article], config: Config, n_sents: int, *, jobs: int) -> dict[str, Any]:
    """The local engine's pool, timed once every worker has loaded its model."""
    context = mp.get_context("spawn")
    with ChildPeaks() as children, ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_init_worker, initargs=(config,)
    ) as pool:  # fmt: skip
        warm = [pool.submit(_code_chunk, corpus[i : i + 1]) for i in range(jobs)]
        for future in warm:
            future.result()
        start = time.perf_counter()
        for _ in in_order_bounded(
            lambda chunk: pool.submit(_code_chunk, chunk), _chunks(corpus, 16), 2 * jobs
        ):
            pass
        seconds = time.perf_counter() - start
    entry = rate_entry(f"local --jobs {jobs}, warm", seconds, len(corpus), n_sents)
    big = [v for v in children.peaks.values() if v > 100 * 2**20]
    entry["worker_peak_rss_mb"] = sorted(round(v / 2**20) for v in big)
    return entry


def dask_run(
    workers: int, corpus: Path, config: Config, n_articles: int, n_sents: int
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, Client(cluster) as client:  # fmt: skip
        warm = Path(tmp) / "warm.jsonl"
        write_corpus(warm, 2 * workers, 1)  # every worker loads its model before the clock
        ingest_dask(None, [str(warm)], ShardJob(str(Path(tmp) / "warm"), config), client,
                    shard_size=1)  # fmt: skip
        job = ShardJob(str(Path(tmp) / "shards"), config)
        start = time.perf_counter()
        ingest_dask(None, [str(corpus)], job, client, shard_size=50)
        label = f"dask {workers} worker(s), warm"
        entry = rate_entry(label, time.perf_counter() - start, n_articles, n_sents)
        peaks = client.run(own_peak_rss)
        entry["worker_peak_rss_mb"] = sorted(round(v / 2**20) for v in peaks.values())
    return entry


def throughput(n_articles: int, tmp: Path) -> dict[str, Any]:
    per = 4
    corpus_path = tmp / "throughput.jsonl"
    n_sents = write_corpus(corpus_path, n_articles, per)
    corpus = [Article(id=r["id"], text=r["text"], date=dt.date.fromisoformat(r["date"]))
              for r in articles(n_articles, per)]  # fmt: skip
    config = Config.default()
    print(f"throughput: {n_articles} articles, {n_sents} sentences; {os.cpu_count()} cores")
    runs = local_runs(corpus, config, n_sents)
    runs += [dask_run(w, corpus_path, config, n_articles, n_sents) for w in (1, 2)]
    by = {r["run"]: r for r in runs}
    efficiency = {
        "local": by["local --jobs 2, warm"]["articles_per_s"]
        / (2 * by["local --jobs 1"]["articles_per_s"]),
        "dask": by["dask 2 worker(s), warm"]["articles_per_s"]
        / (2 * by["dask 1 worker(s), warm"]["articles_per_s"]),
    }
    for run in runs:
        print(f"  peak RSS per worker, {run['run']}: {run['worker_peak_rss_mb']} MB")
    for engine, value in efficiency.items():
        print(f"  scaling efficiency, {engine}, 1 -> 2 workers: {value:.0%}")
    return {"articles": n_articles, "sentences": n_sents, "runs": runs,
            "scaling_efficiency": {k: round(v, 3) for k, v in efficiency.items()}}  # fmt: skip


class Sampler:
    """Samples the RSS of some processes every `every` seconds, in a thread."""

    def __init__(self, pids: dict[str, int], every: float) -> None:
        self.procs = {name: psutil.Process(pid) for name, pid in pids.items()}
        self.every = every
        self.samples: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._start = time.perf_counter()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            row: dict[str, Any] = {"t": round(time.perf_counter() - self._start, 1)}
            for name, proc in self.procs.items():
                try:
                    row[name] = proc.memory_info().rss
                except psutil.Error:  # a worker replaced by its nanny
                    row[name] = None
            self.samples.append(row)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def flatness(samples: list[dict[str, Any]], name: str) -> dict[str, Any]:
    values = [s[name] for s in samples if s.get(name)]
    fifth = max(1, len(values) // 5)
    early, late = max(values[fifth : 2 * fifth] or values[:fifth]), max(values[-fifth:])
    return {"peak_mb": round(max(values) / 2**20), "early_peak_mb": round(early / 2**20),
            "late_peak_mb": round(late / 2**20), "flat": late <= 1.15 * early,
            "under_target": max(values) < TARGET_RSS}  # fmt: skip


def streamed(n_articles: int, tmp: Path, every: float) -> dict[str, Any]:
    corpus = tmp / "streamed.jsonl"
    n_sents = write_corpus(corpus, n_articles, (1, 4))
    size_mb = corpus.stat().st_size / 2**20
    print(f"streamed: {n_articles} articles, {n_sents} sentences, {size_mb:.0f} MB of JSONL")
    db = tmp / "streamed.duckdb"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, Client(cluster) as client:  # fmt: skip
        pids = {f"worker{i}": pid for i, pid in enumerate(client.run(os.getpid).values())}
        pids["client"] = os.getpid()
        job = ShardJob(str(tmp / "shards"), Config.default())
        progress = Progress(n_articles)
        with Sampler(pids, every) as sampler:
            start = time.perf_counter()
            report = ingest_dask(Ingester(db), [str(corpus)], job, client, on_shard=progress)
            seconds = time.perf_counter() - start
    entry = rate_entry("dask 2 workers, streamed", seconds, n_articles, n_sents)
    memory = {name: flatness(sampler.samples, name) for name in pids}
    for name, m in memory.items():
        print(f"  {name:8s} peak RSS {m['peak_mb']} MB (first fifth {m['early_peak_mb']} MB, "
              f"last fifth {m['late_peak_mb']} MB): flat={m['flat']} "
              f"under 1.5 GB={m['under_target']}")  # fmt: skip
    return {**entry, "articles": n_articles, "sentences": n_sents, "events": report.ingest.events,
            "corpus_mb": round(size_mb), "memory": memory, "samples": sampler.samples}  # fmt: skip


class Progress:
    """Prints a line every tenth of the corpus."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.next = total, 0, total // 10
        self.start = time.perf_counter()

    def __call__(self, result: Any) -> None:
        self.done += result.articles
        if self.done >= self.next:
            rate = self.done / (time.perf_counter() - self.start)
            print(f"    {self.done}/{self.total} articles, {rate:.0f} articles/s", flush=True)
            self.next += self.total // 10


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="streamed run size")
    parser.add_argument("--throughput-articles", type=int, default=800)
    parser.add_argument("--sample", type=float, default=2.0, help="seconds between samples")
    parser.add_argument("--skip-streamed", action="store_true")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="scale-bench-"))
    try:
        result: dict[str, Any] = {"cores": os.cpu_count()}
        result["throughput"] = throughput(args.throughput_articles, tmp)
        if not args.skip_streamed:
            result["streamed"] = streamed(args.articles, tmp, args.sample)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    (OUT / "scale.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"results: {OUT / 'scale.json'}")
    memory = result.get("streamed", {}).get("memory", {})
    if any(not m["under_target"] for m in memory.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
