"""The Dask engine (issue 8): same input, same store; a killed worker loses nothing.

A 2-worker LocalCluster (one thread per worker process) codes the team's sample
articles in small partitions; the store it fills must equal, row for row, the
store a single-process ingest fills. Then a worker process is SIGKILLed as it
starts a task: Dask reruns the task elsewhere and the store is again exactly the
single-process one, with no event missing or twice.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.store_snapshot import TABLES, snapshot

from eventcoder.config import Config
from eventcoder.model import Article
from eventcoder.readers import read_inputs
from eventcoder.store import Ingester, Store

distributed = pytest.importorskip("distributed")

from eventcoder.engines.dask import ingest_dask  # noqa: E402
from eventcoder.engines.shards import ShardJob  # noqa: E402

pytestmark = [pytest.mark.model, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
INPUTS = [str(ROOT / "samples"), str(ROOT / "tests" / "data" / "store")]
SHARD_SIZE = 2  # many small tasks, so both workers get some and a kill hits one


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    db = tmp_path_factory.mktemp("single") / "single.duckdb"
    Ingester(db).run(item for item in read_inputs(INPUTS) if isinstance(item, Article))
    return snapshot(db)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, distributed.Client(cluster) as client:  # fmt: skip
        yield client


def run_dask(client: Any, tmp: Path) -> tuple[Path, Any]:
    db = tmp / "dask.duckdb"
    job = ShardJob(str(tmp / "shards"), Config.default())
    report = ingest_dask(Ingester(db), INPUTS, job, client, shard_size=SHARD_SIZE)
    return db, report


def event_ids(rows: list[tuple[Any, ...]]) -> list[str]:
    return sorted(row[0] for row in rows)


def test_two_workers_give_the_single_process_store(
    client: Any, reference: dict[str, list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    db, report = run_dask(client, tmp_path)
    assert len(client.scheduler_info()["workers"]) == 2
    assert report.shards > 2 and report.written == report.shards
    dask_store = snapshot(db)
    assert event_ids(dask_store["events"]) == event_ids(reference["events"])
    assert len(reference["events"]) > 50
    for table in TABLES:
        assert dask_store[table] == reference[table], table

    # The shards, read in place, hold the same events (each its own cluster there).
    in_place = Store.open(tmp_path / "shards").sql("SELECT event_id FROM events")
    assert sorted(in_place["event_id"]) == event_ids(reference["events"])

    # A rerun finds every shard written: nothing is coded, the store is unchanged.
    _db, again = run_dask(client, tmp_path)
    assert again.written == 0 and again.ingest.added == 0
    assert again.ingest.unchanged == again.ingest.read > 0
    assert snapshot(db) == dask_store


class KillOnFirstTask(distributed.WorkerPlugin):
    """SIGKILLs the first worker process that starts an eventcoder task, once.

    The marker file, created exclusively, elects one victim across processes and
    records which task it was running, so a restarted worker is left alone.
    """

    name = "kill-on-first-task"

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish != "executing" or "eventcoder-shard" not in str(key):
            return
        try:
            fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(fd, str(key).encode())
        os.close(fd)
        os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    client: Any, reference: dict[str, list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    marker = tmp_path / "killed"
    pids = set(client.run(os.getpid).values())
    client.register_plugin(KillOnFirstTask(str(marker)))
    try:
        db, report = run_dask(client, tmp_path)
    finally:
        client.unregister_worker_plugin(KillOnFirstTask.name)
    assert marker.exists(), "no worker was killed"
    killed_shard = marker.read_text().removeprefix("eventcoder-shard-")
    assert (tmp_path / "shards" / killed_shard).is_dir()  # its task was run again
    client.wait_for_workers(2, timeout=60)
    assert set(client.run(os.getpid).values()) != pids  # a new process replaced the dead one

    dask_store = snapshot(db)
    ids = [row[0] for row in dask_store["events"]]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == event_ids(reference["events"])
    for table in TABLES:
        assert dask_store[table] == reference[table], table
    assert report.written == report.shards
