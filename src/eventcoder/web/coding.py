"""Coding a pasted text for `/api/code` and the "Code a text" page: the pipeline loaded
once, one text at a time, with a size limit and a per-client rate limit.

Nothing coded here is stored. The limits keep one client from tying up the
server: a text larger than `max_bytes` is refused (HTTP 413), and each client
address has a bucket of `burst` requests refilled at `per_minute` a minute
(HTTP 429 when empty).
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from dataclasses import dataclass, replace

from eventcoder.config import Config
from eventcoder.model import Article, Event
from eventcoder.readers.text import find_date_header

__all__ = ["CodeLimits", "CodingService", "RateLimiter", "body_start"]


def body_start(text: str) -> int:
    """Where the article coded from a pasted text begins: after a "date YYYY-MM-DD"
    line, as in a .txt file, when text follows it; else at 0. Event offsets count
    from there."""
    header = find_date_header(text)
    if header is not None and text[header.offset :].strip():
        return header.offset
    return 0


@dataclass(frozen=True)
class CodeLimits:
    """Limits on coding requests (see `eventcoder serve --help`)."""

    max_bytes: int = 100_000
    per_minute: float = 30.0
    burst: int = 10


class RateLimiter:
    """A token bucket per client: `burst` requests at once, refilled at `per_minute`."""

    def __init__(self, per_minute: float, burst: int, *, max_clients: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = burst
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float:
        """Take one token; returns 0 if allowed, else the seconds until one is free."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return (1 - tokens) / self.rate if self.rate > 0 else math.inf
            self._buckets[client] = (tokens - 1, now)
            if len(self._buckets) > self.max_clients:
                self._forget_full(now)
            return 0.0

    def _forget_full(self, now: float) -> None:
        """Drop clients whose bucket has refilled: they are as good as new."""
        full = [
            client
            for client, (tokens, last) in self._buckets.items()
            if tokens + (now - last) * self.rate >= self.burst
        ]
        for client in full:
            del self._buckets[client]


class CodingService:
    """Codes one text at a time with a pipeline loaded on first use (or by `warm_up`)."""

    def __init__(self, config: Config | None = None, limits: CodeLimits | None = None) -> None:
        self.config = config or Config.default()
        self.limits = limits or CodeLimits()
        self.limiter = RateLimiter(self.limits.per_minute, self.limits.burst)
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Load the model now rather than on the first request."""
        from eventcoder.pipeline import Pipeline

        Pipeline.cached(self.config)

    def code(self, text: str, date: dt.date | None, doc_id: str = "pasted") -> list[Event]:
        """The events of one text; spaCy pipelines are not thread-safe, so one at a time."""
        from eventcoder.pipeline import Pipeline

        article = Article(id=doc_id, text=text, date=date, origin=doc_id)
        start = body_start(text)
        header = find_date_header(text) if start else None
        if header is not None:
            # A pasted .txt file: its "date YYYY-MM-DD" line is the date, as `code` reads
            # it, not words of the article; offsets then count from after it, as for files.
            article = replace(article, text=text[start:], date=header.date or date)
        with self._lock:
            pipeline = Pipeline.cached(self.config)
            return [event for _article, events in pipeline.run([article]) for event in events]
