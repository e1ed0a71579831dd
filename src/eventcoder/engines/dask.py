"""Coding on a Dask cluster: a LocalCluster on this machine, or the user's scheduler.

    inputs -> partitions (client) -> code_partition on workers -> Parquet shards
           -> loaded into the store in partition order (client)

Each worker process loads the pipeline once, when it starts, through a worker
plugin; each task codes one partition and writes its shard atomically (see
`engines.shards`). The client submits a bounded window of tasks and loads the
shards as they come, in input order, so the store ends up exactly as a
single-process ingest leaves it. Dask reruns the task of a worker that died;
since a shard is written whole or not at all, and a task whose shard exists
codes nothing, a retry adds no duplicate and loses no event.

Only this module imports dask, and only the Dask engine imports this module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin

from eventcoder.config import Config
from eventcoder.engines.local import in_order_bounded
from eventcoder.engines.shards import (
    DEFAULT_SHARD_SIZE,
    Partition,
    ShardJob,
    ShardResult,
    code_partition,
    plan_partitions,
)
from eventcoder.errors import EngineError
from eventcoder.model import ReadProblem
from eventcoder.pipeline import Pipeline
from eventcoder.store.ingest import Ingester, IngestReport
from eventcoder.store.shards import read_shard

__all__ = ["DaskReport", "PipelinePlugin", "code_to_shards", "dask_client", "ingest_dask"]

logger = logging.getLogger(__name__)

#: Tasks in flight per worker thread: enough to keep every worker busy while the
#: client loads a shard, few enough that the client holds little.
_WINDOW_PER_THREAD = 4
#: Reruns of a task that raised (a file briefly unreadable on shared storage, say);
#: a worker that dies is handled by Dask's own `allowed-failures`.
_RETRIES = 2


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline when a worker process starts: once per process, not per task."""

    name = "eventcoder-pipeline"

    def __init__(self, config: Config) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        Pipeline.cached(self.config)


@contextmanager
def dask_client(scheduler: str | None, *, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a LocalCluster of `workers`
    single-threaded processes started here (and stopped on leaving)."""
    if scheduler is None:
        with LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster, Client(cluster) as client:  # fmt: skip
            yield client
        return
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise EngineError(
            f"cannot reach the Dask scheduler at {scheduler} ({_first_line(exc)}); check the "
            "address and that `dask scheduler` runs there (see docs/scale.md), or leave out "
            "--scheduler to start a cluster on this machine"
        ) from None
    with client:
        yield client


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def code_to_shards(
    partitions: Sequence[Partition], job: ShardJob, client: Client
) -> Iterator[ShardResult]:
    """Code the partitions on the cluster; yield each result in partition order."""
    client.register_plugin(PipelinePlugin(job.config))
    threads = sum(client.nthreads().values()) or 1

    def submit(partition: Partition) -> Any:
        key = f"eventcoder-shard-{partition.name(job)}"
        return client.submit(code_partition, partition, job, key=key, retries=_RETRIES)

    yield from in_order_bounded(submit, partitions, _WINDOW_PER_THREAD * threads)


@dataclass
class DaskReport:
    """What a Dask ingest did: the store's report, and the shards."""

    ingest: IngestReport = field(default_factory=IngestReport)
    shards: int = 0
    written: int = 0  # shards coded in this run; the others were already there
    problems: list[ReadProblem] = field(default_factory=list)


def ingest_dask(
    ingester: Ingester | None,
    paths: Sequence[str],
    job: ShardJob,
    client: Client,
    *,
    shard_size: int = DEFAULT_SHARD_SIZE,
    on_problem: Callable[[ReadProblem], None] | None = None,
    on_shard: Callable[[ShardResult], None] | None = None,
) -> DaskReport:
    """Code `paths` on the cluster into shards under `job.root` and load each into
    the store in input order (with `ingester=None`, only write the shards)."""
    report = DaskReport()

    def problem(item: ReadProblem) -> None:
        report.problems.append(item)
        if on_problem is not None:
            on_problem(item)

    partitions: list[Partition] = []
    for item in plan_partitions(paths, shard_size=shard_size):
        if isinstance(item, ReadProblem):
            problem(item)
        else:
            partitions.append(item)
    Path(job.root).mkdir(parents=True, exist_ok=True)
    for result in code_to_shards(partitions, job, client):
        report.shards += 1
        report.written += result.written
        tables = read_shard(Path(result.path))
        if ingester is None:
            problems = [ReadProblem(**row) for row in tables["problems"].to_pylist()]
        else:
            problems = ingester.load_shard(tables, report.ingest)
        for item in problems:
            problem(item)
        if on_shard is not None:
            on_shard(result)
    return report
