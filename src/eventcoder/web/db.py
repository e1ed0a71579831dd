"""The server's read-only connection to the store, shared by requests and let go when idle.

Opening a DuckDB file costs tens of milliseconds and starts with a cold cache,
too slow to pay on every request. Holding a connection for the server's life
would lock an ingest out (DuckDB lets one process write a file only when no
other process has it open). So requests share one read-only connection (each
gets its own cursor) that is closed once no request has used it for
`idle_close` seconds; and after `max_hold` seconds of steady use it is closed
between two requests and not reopened for `pause` seconds, a window in which a
waiting ingest takes the lock (it retries every quarter second). A request
arriving while an ingest writes waits up to `wait` seconds, then gets a clear
"store busy" answer (HTTP 503).

Aggregates over a large store (stats, dyads, actors) take longer; `cached`
keeps their results for as long as the store holds the same data: the store
cannot change while the connection is open, and its fingerprint (documents,
events, clusters, settings) is read each time it is opened.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from eventcoder.errors import StoreError
from eventcoder.store.browse import store_fingerprint
from eventcoder.store.connection import connect

__all__ = ["SharedConnection", "StoreUnavailable"]

logger = logging.getLogger(__name__)

T = TypeVar("T")


class StoreUnavailable(StoreError):
    """The store cannot be opened now: an ingest holds it too long, or it is gone."""


class SharedConnection:
    """One read-only connection to the store file for all the server's requests."""

    def __init__(
        self,
        path: Path,
        *,
        wait: float = 5.0,
        idle_close: float = 1.0,
        max_hold: float = 10.0,
        pause: float = 0.3,
        cache_size: int = 256,
    ) -> None:
        self.path = path
        self.wait = wait
        self.idle_close = idle_close
        self.max_hold = max_hold
        self.pause = pause
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._opened = self._last_used = self._reopen_at = 0.0
        self._fingerprint: tuple[Any, ...] = ()
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._cache_size = cache_size
        self._reaper: threading.Thread | None = None
        self._stopping = threading.Event()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the shared connection for one request (opening it if needed).

        Raises StoreUnavailable if the store cannot be opened, or stays locked by a
        writer for more than `wait` seconds.
        """
        con = self._acquire()
        try:
            cursor = con.cursor()
            try:
                yield cursor
            finally:
                cursor.close()
        finally:
            self._release()

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, or its result from an earlier call while the store is unchanged.

        Call it inside `cursor()`, so that the fingerprint is that of the open store.
        Requests that miss the same key at once wait for the first one's result rather
        than each computing it (200 clients opening the overview of a large store would
        otherwise run 200 copies of its aggregates at once).
        """
        full_key = (self._fingerprint, key)
        found, value = self._lookup(full_key)
        if found:
            return value
        with self._lock:
            computing = self._computing.setdefault(full_key, threading.Lock())
        with computing:
            found, value = self._lookup(full_key)
            if found:
                return value
            try:
                value = compute()
            except BaseException:
                with self._lock:
                    self._computing.pop(full_key, None)
                raise
            with self._lock:
                self._cache[full_key] = value
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
                self._computing.pop(full_key, None)
        return value

    def _lookup(self, full_key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            if full_key in self._cache:
                self._cache.move_to_end(full_key)
                return True, self._cache[full_key]
        return False, None

    def close(self) -> None:
        """Close the connection and stop the idle watcher (at server shutdown)."""
        self._stopping.set()
        with self._lock:
            self._close()

    def _acquire(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            now = time.monotonic()
            if self._con is not None and self._users == 0 and now - self._opened > self.max_hold:
                self._close()
                self._reopen_at = now + self.pause
            if self._con is None:
                delay = self._reopen_at - time.monotonic()
                if delay > 0:  # leave a waiting ingest its window
                    time.sleep(delay)
                self._open()
            self._users += 1
            assert self._con is not None  # opened above or raised
            return self._con

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            self._last_used = time.monotonic()

    def _open(self) -> None:
        try:
            con = connect(self.path, read_only=True, wait=self.wait)
        except StoreError as exc:
            raise StoreUnavailable(str(exc)) from None
        self._con = con
        self._opened = time.monotonic()
        self._fingerprint = store_fingerprint(con)
        self._start_reaper()
        logger.debug("opened %s", self.path)

    def _close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
            logger.debug("closed %s", self.path)

    def _start_reaper(self) -> None:
        if self._reaper is None or not self._reaper.is_alive():
            self._stopping.clear()
            self._reaper = threading.Thread(target=self._reap, name="store-idle", daemon=True)
            self._reaper.start()

    def _reap(self) -> None:
        """Close the connection once idle, so that an ingest can write."""
        while not self._stopping.wait(min(self.idle_close / 4, 0.25)):
            with self._lock:
                idle = time.monotonic() - self._last_used
                if self._con is not None and self._users == 0 and idle >= self.idle_close:
                    self._close()
                if self._con is None:
                    self._reaper = None
                    return

    @property
    def is_open(self) -> bool:
        """Whether the connection is open now (tests and diagnostics)."""
        return self._con is not None
