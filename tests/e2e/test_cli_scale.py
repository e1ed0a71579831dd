"""`eventcoder ingest --engine dask` and shard directories as a user runs them (issue 8)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
TEAM = ROOT / "tests" / "data" / "store"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventcoder", *args], capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
def test_ingest_on_a_local_dask_cluster_then_read_the_shards_in_place(tmp_path: Path) -> None:
    db = tmp_path / "team.duckdb"
    done = run_cli("ingest", str(TEAM), "--engine", "dask", "--jobs", "1", "--shard-size", "2",
                   "--db", str(db))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "INFO" not in done.stderr
    assert f"shard(s) in {db}.shards, " in done.stderr
    stored = json.loads(run_cli("stats", "--db", str(db), "--json", "--mentions").stdout)
    in_place = json.loads(run_cli("stats", "--db", f"{db}.shards", "--json", "--mentions").stdout)
    assert stored["totals"]["reports"] == in_place["totals"]["reports"] > 0
    assert stored["by_type"] == in_place["by_type"]


def test_an_unreachable_scheduler_is_named_without_a_traceback(tmp_path: Path) -> None:
    done = run_cli("ingest", str(TEAM), "--scheduler", "tcp://127.0.0.1:9",
                   "--db", str(tmp_path / "s.duckdb"))  # fmt: skip
    assert done.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_folder_without_shards_is_no_store(tmp_path: Path) -> None:
    done = run_cli("stats", "--db", str(tmp_path))
    assert done.returncode == 2
    assert (
        f"{tmp_path} is a directory with no shards" in done.stderr
        and "Traceback" not in done.stderr
    )


def test_ingest_help_names_the_engines() -> None:
    done = run_cli("ingest", "--help")
    for option in ("--engine", "--scheduler", "--shards", "--shard-size", "--shards-only"):
        assert option in done.stdout
