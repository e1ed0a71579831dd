"""Readers and writers in different processes: wait, then a clear message (issue 6).

DuckDB lets one process write a file, or several read it, never both; a
read-only open while another process holds the file fails at once. These
tests hold the file from a subprocess (plain duckdb, no model).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from eventcoder.errors import StoreError
from eventcoder.store import Ingester, Store

HOLD = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read")
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
"""


@contextmanager
def held(db: Path, mode: str, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another process with the store open for `seconds`."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), mode, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        yield proc
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_a_reader_gives_up_with_a_clear_message(make_store: Callable[..., Path]) -> None:
    db = make_store()
    with held(db, "write", 30) as proc:
        start = time.monotonic()
        with pytest.raises(StoreError, match=f"being written by process {proc.pid}"):
            Store.open(db, wait=0.5)
        assert 0.3 < time.monotonic() - start < 5


def test_a_reader_waits_for_a_short_write(make_store: Callable[..., Path]) -> None:
    db = make_store()
    with held(db, "write", 1.0):
        start = time.monotonic()
        assert Store.open(db, wait=20).counts()["events"] == 8
        assert time.monotonic() - start > 0.3  # it had to wait for the lock


def test_readers_share_the_store_but_a_writer_waits_for_them(
    make_store: Callable[..., Path],
) -> None:
    db = make_store()
    with held(db, "read", 30) as proc:
        assert Store.open(db, wait=0.5).counts()["documents"] == 3
        with pytest.raises(StoreError, match=f"held open by process {proc.pid}"):
            Ingester(db, wait=0.5)
