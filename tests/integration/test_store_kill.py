"""SIGKILL an ingest mid-way while a reader watches; a rerun completes it (issue 6).

The acceptance test of the store: a real `eventcoder ingest` subprocess writes
one document per transaction while this process reads the store over and over
(each read must see whole documents only: the last committed state), then
kills it with SIGKILL. Running the same command again must end with exactly the
store an uninterrupted run builds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.store_snapshot import snapshot

from eventcoder.errors import StoreError
from eventcoder.model import Article
from eventcoder.readers import read_inputs
from eventcoder.store import Ingester, Store

pytestmark = [pytest.mark.model, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
INPUTS = [str(ROOT / "samples"), str(ROOT / "tests" / "data" / "store")]
TOTAL_DOCUMENTS = 17


def committed_state(db: Path) -> dict[str, int]:
    """What a reader sees, checked to be whole: every document with all its events."""
    frame = Store(db, wait=10).sql(
        """SELECT (SELECT count(*) FROM documents) AS documents,
                  (SELECT count(*) FROM origins) AS origins,
                  (SELECT coalesce(sum(n_events), 0) FROM documents) AS promised,
                  (SELECT count(*) FROM events) AS events,
                  (SELECT coalesce(sum(n_reports), 0) FROM clusters) AS clustered"""
    )
    state = {k: int(v) for k, v in frame.iloc[0].items()}
    assert state["promised"] == state["events"] == state["clustered"], state
    assert state["origins"] == state["documents"], state
    return state


def ingest_command(db: Path) -> list[str]:
    return [sys.executable, "-m", "eventcoder", "ingest", *INPUTS, "--db", str(db),
            "--jobs", "1", "--batch-size", "1"]  # fmt: skip


def watch_then_kill(db: Path, proc: subprocess.Popen[str]) -> list[dict[str, int]]:
    """Read the store while the ingest runs; SIGKILL it once a few documents are in."""
    seen: list[dict[str, int]] = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            state = committed_state(db)
        except StoreError as exc:  # not created yet, or still being created
            assert "no store at" in str(exc) or "being written" in str(exc), exc
            time.sleep(0.05)
            continue
        seen.append(state)
        if state["documents"] >= 3:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.wait(timeout=30)
    return seen


def test_sigkill_mid_ingest_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    reference = tmp_path / "reference.duckdb"
    Ingester(reference).run(item for item in read_inputs(INPUTS) if isinstance(item, Article))

    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(
        ingest_command(db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    seen = watch_then_kill(db, proc)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it was killed"
    documents = [s["documents"] for s in seen]
    assert documents == sorted(documents) and documents[-1] >= 3
    after_kill = committed_state(db)  # the reader's view survives the kill, whole
    assert 3 <= after_kill["documents"] < TOTAL_DOCUMENTS

    rerun = subprocess.run(ingest_command(db), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{TOTAL_DOCUMENTS - after_kill['documents']} new document(s)" in rerun.stderr
    assert snapshot(db) == snapshot(reference)
