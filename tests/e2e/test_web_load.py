"""A real server under load and hostile HTTP (issue 9): the app under uvicorn in its own
process, on a store of the sample corpus.

Load: 60 clients for 10 seconds (bench/web_load.py's request mix; `make bench` runs
200 clients for 30 s): no 5xx, no connection error, every request answered (a GET
whose kept-alive connection the server closed as it went out is retried once, as a
browser does, and counted). The
figures (requests served, p50/p95/p99) are printed with the hardening figures and
written to out/test-artifacts/web_load.json; nothing here is timed.

Wire: what only a real HTTP server sees, sent on raw sockets: a body longer or
shorter than its Content-Length, a client that leaves mid-body, a chunked body
past the limit, malformed lengths, huge headers, `..` in the request line, a
stalled upload beside other requests, connections dropped half-way. Afterwards
the server still answers, and its log holds no traceback.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from bench.web_bench import server
from bench.web_load import run_load
from tests.figures import FIGURES

from eventcoder.model import Article
from eventcoder.readers import read_inputs
from eventcoder.store import Ingester

pytestmark = [pytest.mark.model, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "out" / "test-artifacts"
CLIENTS, SECONDS = 60, 10.0


class Served:
    """The running server: its URL, port, and the file its stderr goes to."""

    def __init__(self, url: str, log: Path) -> None:
        self.url = url
        self.port = int(url.rsplit(":", 1)[1])
        self.log = log

    def still_answers(self) -> None:
        response = httpx.get(f"{self.url}/api/stats", timeout=60)
        assert response.status_code == 200 and response.json()["totals"]["documents"] > 0

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("load")
    db = folder / "samples.duckdb"
    articles = (a for a in read_inputs([str(ROOT / "samples")]) if isinstance(a, Article))
    Ingester(db, jobs=1).run(articles)
    log = folder / "server.log"
    with log.open("w", encoding="utf-8") as stderr, server(db, stderr=stderr) as url:
        yield Served(url, log)
    text = log.read_text(encoding="utf-8", errors="replace")
    for failure in ("Exception in ASGI application", "error serving", "Traceback"):
        assert failure not in text, text[-3000:]


def test_many_clients_at_once_get_every_answer(served: Served) -> None:
    result = run_load(served.url, clients=CLIENTS, seconds=SECONDS)
    summary = result.summary()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "web_load.json").write_text(json.dumps(summary, indent=2) + "\n")
    FIGURES["web load (60 clients, 10 s): requests served"] += result.answered
    FIGURES["web load (60 clients, 10 s): retried (kept-alive connection closed)"] += result.retried
    for q in ("p50", "p95", "p99"):
        FIGURES[f"web load (60 clients, 10 s): {q} ms"] += round(summary[f"{q}_ms"] or 0)
    assert result.answered > CLIENTS  # every client was answered at least once
    assert result.errors == {} and result.lost == 0
    assert set(result.statuses) == {200}, result.statuses
    assert set(summary["by_kind"]) >= {"GET /api/events", "GET /api/events/{id}", "GET pages"}
    served.still_answers()


# ------------------------------------------------------------------ on the wire


def exchange(port: int, data: bytes, *, half_close: bool = False, wait: float = 30) -> bytes:
    """Send raw bytes (then, with `half_close`, end the sending side as a client that
    leaves does), and read until the server closes (or `wait` passes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        try:
            sock.sendall(data)
            if half_close:
                sock.shutdown(socket.SHUT_WR)
        except OSError:  # the server answered and closed before taking it all
            pass
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except OSError:
            pass
    return received


def statuses(raw: bytes) -> list[int]:
    """The status codes of the responses in `raw`, in order."""
    lines = raw.split(b"\r\n")
    return [int(line.split()[1]) for line in lines if line.startswith(b"HTTP/1.1 ")]


def post(length: int | str, body: bytes, kind: bytes = b"application/json") -> bytes:
    head = f"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n".encode()
    return head + b"Content-Type: " + kind + b"\r\nConnection: close\r\n\r\n" + body


def test_a_body_shorter_than_its_length_then_gone_is_no_server_error(served: Served) -> None:
    raw = exchange(served.port, post(1000, b'{"text": "Hi'), half_close=True)
    assert all(status < 500 for status in statuses(raw)), raw[:300]
    served.still_answers()


def test_a_body_longer_than_its_length_is_cut_at_the_length(served: Served) -> None:
    raw = exchange(served.port, post(5, b'{"text": "Russia and China held talks."}'))
    found = statuses(raw)
    assert found and found[0] == 422 and all(s < 500 for s in found), raw[:500]
    served.still_answers()


@pytest.mark.parametrize("length", ["abc", "-1", "1, 2", "0x10", "99999999999999999999999"])
def test_a_malformed_length_is_a_4xx(served: Served, length: str) -> None:
    found = statuses(exchange(served.port, post(length, b'{"text": "Hi."}')))
    assert found and 400 <= found[0] < 500, found


def test_a_chunked_body_past_the_limit_is_a_413(served: Served) -> None:
    head = (b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")  # fmt: skip
    chunk = b"10000\r\n" + b"x" * 0x10000 + b"\r\n"
    raw = exchange(served.port, head + chunk * 8 + b"0\r\n\r\n")  # 512 kB, over 304 kB
    assert statuses(raw)[:1] == [413], raw[:300]
    assert b"the limit is 100,000 bytes" in raw


def test_headers_of_20_kb_pass_and_of_a_megabyte_are_refused(served: Served) -> None:
    def get(size: int) -> list[int]:
        request = (b"GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: "
                   + b"a" * size + b"\r\n\r\n")  # fmt: skip
        return statuses(exchange(served.port, request))

    assert get(20_000) == [200]
    assert all(400 <= status < 500 for status in get(1_000_000))  # or the line is just cut
    served.still_answers()


@pytest.mark.parametrize(
    "target",
    [b"/static/../../../../pyproject.toml", b"/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
     b"/static/..%2f..%2f..%2f..%2fpyproject.toml", b"/static/..\\..\\..\\..\\pyproject.toml",
     b"../../pyproject.toml", b"/static/%252e%252e%252f%252e%252e%252fpyproject.toml",
     b"/static//etc/passwd", b"/static/style.css%00"],
)  # fmt: skip
def test_dots_in_the_request_line_reach_no_file_outside_static(
    served: Served, target: bytes
) -> None:
    request = b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    raw = exchange(served.port, request)
    FIGURES["web inputs tried: GET static on the wire (path traversal)"] += 1
    assert statuses(raw)[:1] in ([400], [404]), raw[:300]
    assert b"[build-system]" not in raw and b"root:x:0:0" not in raw


def test_a_stalled_upload_does_not_hold_up_other_requests(served: Served) -> None:
    stalled = socket.create_connection(("127.0.0.1", served.port), timeout=30)
    try:
        stalled.sendall(post(50_000, b'{"text": "'))  # and then nothing more
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: httpx.get(f"{served.url}/api/stats", timeout=60),
                                    range(20)))  # fmt: skip
        assert [a.status_code for a in answers] == [200] * 20
    finally:
        stalled.close()
    served.still_answers()


def test_connections_dropped_half_way_leave_the_server_answering(served: Served) -> None:
    tls_hello = b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"
    pieces = [b"GET /api/ev", b"GET /api/events HTTP/1.1\r\nHost", b"POST /api/code HTTP/1.1\r\n",
              tls_hello, b"\r\n\r\n\r\n", b"\x00" * 100]  # fmt: skip
    for i in range(200):
        with socket.create_connection(("127.0.0.1", served.port), timeout=30) as sock:
            sock.sendall(pieces[i % len(pieces)])
    time.sleep(0.5)  # let the server notice the closed connections
    served.still_answers()
