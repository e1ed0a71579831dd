"""Opening the store's DuckDB file: waiting for a lock, and errors a user can act on.

DuckDB lets one process write a database file, or several processes read it, never
both at once: while an ingest holds the file, a read-only open fails at once with
"Conflicting lock is held". So every connection here is short-lived (ingest opens
the file for each batch it writes, queries for each call) and opening retries with
backoff for up to `wait` seconds before raising one clear StoreError. A reader
therefore sees the last committed state, or waits, or gets a message: never a
half-written document.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from eventcoder.errors import StoreError

__all__ = [
    "DEFAULT_READ_WAIT",
    "DEFAULT_WRITE_WAIT",
    "connect",
    "damaged",
    "is_lock_error",
    "open_db",
    "transaction",
]

logger = logging.getLogger(__name__)

#: Seconds a reader waits for a writer's batch to finish before giving up.
DEFAULT_READ_WAIT = 10.0
#: Seconds an ingest waits for readers to let go before giving up.
DEFAULT_WRITE_WAIT = 60.0

_LOCK_HOLDER = re.compile(r"held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


def is_lock_error(exc: BaseException) -> bool:
    text = str(exc)
    return isinstance(exc, duckdb.IOException) and (
        "Conflicting lock" in text or "Could not set lock" in text
    )


def _locked_message(path: Path, exc: BaseException, wait: float, read_only: bool) -> str:
    match = _LOCK_HOLDER.search(str(exc))
    holder = f"process {match['pid']}" if match else "another process"
    if read_only:
        return (
            f"the store {path} is being written by {holder} (an ingest?) and stayed locked "
            f"for {wait:g} s; try again when it finishes, or wait longer with --wait SECONDS"
        )
    return (
        f"the store {path} is held open by {holder} and stayed locked for {wait:g} s; "
        "close the program that has it open (a Python session with Store.open keeps no "
        "lock; a duckdb shell does) and run the command again"
    )


def _is_duckdb_file(path: Path) -> bool:
    """Whether the file starts like a DuckDB database (its magic bytes at offset 8)."""
    try:
        with path.open("rb") as handle:
            return handle.read(12)[8:12] == b"DUCK"
    except OSError:
        return True  # cannot tell: let DuckDB's own message stand


def _open_error(path: Path, exc: duckdb.Error) -> StoreError:
    text = str(exc)
    if "not a valid DuckDB database file" in text or not _is_duckdb_file(path):
        return StoreError(
            f"{path} is not an eventcoder store (not a DuckDB database file); "
            "give another --db path"
        )
    return damaged(path, exc, "open")


def damaged(path: Path, exc: BaseException, doing: str = "read or write") -> StoreError:
    """The message for a store DuckDB cannot use: most often a file cut short (a full
    disk, a copy interrupted) or overwritten by something else."""
    reason = str(exc).split("\n", 1)[0]
    return StoreError(
        f"cannot {doing} the store {path}: {reason}. If the file was cut short or "
        "overwritten, restore it from a backup, or ingest again into a new --db file"
    )


def connect(path: Path, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Open the file, retrying while another process holds its lock.

    Read-only connections also get no file-system access from SQL, so a query
    cannot read or write files other than the store.
    """
    if read_only and not path.exists():
        raise StoreError(
            f"no store at {path}; create one with `eventcoder ingest FILES --db {path}`"
        )
    if path.is_dir():
        raise StoreError(f"{path} is a directory; give the path of a store file with --db")
    # DuckDB would load (and download) an extension to read a SQLite or other file
    # given as --db: a store needs none, and nothing is fetched at run time.
    config: dict[str, str | bool | int | float | list[str]] = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }
    if read_only:
        config["enable_external_access"] = False
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=config)
            # DuckDB's own progress bar would write into the output of long queries.
            con.execute("SET enable_progress_bar = false")
            return con
        except duckdb.Error as exc:
            if not is_lock_error(exc):
                raise _open_error(path, exc) from None
            if time.monotonic() + delay > deadline:
                raise StoreError(_locked_message(path, exc, wait, read_only)) from None
            logger.debug("store %s locked, retrying in %.2f s", path, delay)
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


@contextmanager
def open_db(path: Path, *, read_only: bool, wait: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """`connect` as a context manager that always closes (and so releases the lock).

    A DuckDB error inside the block (a damaged file, or a table missing) becomes one
    StoreError naming the file, instead of a traceback.
    """
    con = connect(path, read_only=read_only, wait=wait)
    try:
        yield con
    except duckdb.Error as exc:
        raise damaged(path, exc) from exc
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All the block's writes, or none of them (on any exception, or a kill)."""
    con.begin()
    try:
        yield con
    except BaseException:
        con.rollback()
        raise
    con.commit()
