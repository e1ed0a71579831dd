"""What the hostile web tests (issue 9) send and how they judge an answer.

Payloads: SQL injection, script injection, and odd values (NUL, long, Unicode edge
cases, numbers out of range), written for these tests. Routes and their
parameters are read from the app's own routers, so a route added later is
attacked too. An answer is judged by `check`: never a 5xx; a 4xx says what is
wrong (JSON `error` under /api, an error page elsewhere); an HTML page carries
the Content-Security-Policy and nothing in it can run (`Inert`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import anyio
import httpx
from hypothesis import HealthCheck, settings
from tests.figures import FIGURES

from eventcoder.web import api, pages

SQL = [
    "'",
    '"',
    "';",
    "'; DROP TABLE events; --",
    "' OR 1=1 --",
    "' OR '1'='1",
    "1 OR 1=1",
    "RUS' UNION SELECT text FROM documents --",
    "') UNION SELECT NULL, NULL, NULL --",
    "/* comment */ RUS",
    "RUS; SELECT 1",
    "'; ATTACH '/tmp/eventcoder-pwned.db' AS pwned; --",
    "'; COPY events TO '/tmp/eventcoder-pwned.csv'; --",
    "read_csv_auto('/etc/passwd')",
    "%",
    "\\'; --",
]
SCRIPT = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "<iframe src=javascript:alert(1)></iframe>",
    '" autofocus onfocus="alert(1)',
    "</textarea><script>alert(1)</script>",
    "data:text/html,<script>alert(1)</script>",
    "{{ 7 * 7 }}{% for x in range(3) %}x{% endfor %}",
    "<a href=javascript:alert(1)>x</a>",
]
ODD = [
    "\x00",
    "RUS\x00",
    "RUS\n",
    "\r\nSet-Cookie: pwned=1",
    "\u202eSUR",  # right-to-left override
    "\ufeffRUS",  # byte-order mark
    "Ｒｕｓ",  # fullwidth
    "İ",
    "𝕏𝕐",
    "🙂" * 50,
    "x" * 5000,
    "-1",
    "0",
    "9" * 40,
    "1e309",
    "NaN",
    "²",
    "0000-00-00",
    "9999-12-31",
    "USA-RUS-CHN",
    "../../etc/passwd",
    "%2e%2e%2f",
]
PAYLOADS = SQL + SCRIPT + ODD

#: Tags and attribute values that would run script in a browser.
_ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "base", "applet", "meta"}
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
_ACTIVE_URL = re.compile(r"^\s*(javascript|vbscript|data:(?!image/svg\+xml;base64,))", re.I)


class Inert(HTMLParser):
    """Collects what in an HTML page could run script: active tags, `on*` attributes,
    and URLs with a javascript: (or a non-image data:) scheme."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _ACTIVE_TAGS and not (tag == "meta" and dict(attrs).keys() <= _SAFE_META):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in _URL_ATTRS and value and _ACTIVE_URL.match(value.replace("\x00", "")):
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")


_SAFE_META = {"charset", "name", "content"}


def active_parts(html: str) -> list[str]:
    """What in `html` could run script (empty for an inert page)."""
    parser = Inert()
    parser.feed(html)
    parser.close()
    return parser.problems


@dataclass(frozen=True)
class Route:
    """A route of the app and the names of its path and query parameters."""

    method: str
    path: str
    path_params: tuple[str, ...]
    query_params: tuple[str, ...]

    def url(self, **values: str) -> str:
        """The path with each {name} replaced by its value, percent-encoded whole."""
        url = self.path
        for name in self.path_params:
            url = url.replace("{" + name + "}", quote(values.get(name, "x"), safe=""))
        return url


def _names(dependant: object) -> tuple[list[str], list[str]]:
    path = [p.alias for p in dependant.path_params]  # type: ignore[attr-defined]
    query = [p.alias for p in dependant.query_params]  # type: ignore[attr-defined]
    for sub in dependant.dependencies:  # type: ignore[attr-defined]
        more_path, more_query = _names(sub)
        path += more_path
        query += more_query
    return path, query


def routes(method: str = "GET") -> list[Route]:
    """Every route of the API and the pages answering `method`."""
    found = []
    for router in (api.router, pages.router):
        for route in router.routes:
            if method in getattr(route, "methods", ()):
                path, query = _names(route.dependant)  # type: ignore[attr-defined]
                found.append(Route(method, route.path, tuple(path), tuple(query)))  # type: ignore[attr-defined]
    return found


_TAG_START = re.compile(r"<[A-Za-z!/?]")


def check(response: httpx.Response, payload: str | None = None) -> None:
    """Never a 5xx; a 4xx names the problem; an HTML page is inert and has its CSP."""
    where = f"{response.request.method} {response.request.url}"
    assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
    kind = response.headers.get("content-type", "")
    if response.status_code >= 400:
        path = response.request.url.path
        if path == "/api" or path.startswith("/api/"):
            message = response.json()["error"]
            assert isinstance(message, str) and len(message) > 5, where
        else:
            assert kind.startswith("text/html"), where
            assert re.search(r'data-testid="error">[^<]*\w', response.text), where
    if kind.startswith("text/html"):
        assert "script-src 'none'" in response.headers["content-security-policy"], where
        assert response.headers["x-content-type-options"] == "nosniff", where
        assert active_parts(response.text) == [], f"{where}: {active_parts(response.text)}"
        # Only a payload that opens a tag can be markup ("<" alone is in every page);
        # an attribute broken out of shows up in `active_parts`.
        if payload and _TAG_START.search(payload):
            assert payload not in response.text, f"{where}: the payload came back unescaped"


def tried(target: str, n: int = 1) -> None:
    """Count inputs tried against `target` (printed at the end of the run)."""
    FIGURES[f"web inputs tried: {target}"] += n


def file_digest(path: Path) -> str:
    """The store file's SHA-256: any write at all would change it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def asgi_request(
    app: Any,
    raw_path: bytes,
    *,
    method: str = "GET",
    headers: Sequence[tuple[bytes, bytes]] = (),
    chunks: Sequence[bytes] = (b"",),
    disconnect: bool = False,
) -> Answer:
    """One request straight to the ASGI app, the path as sent on the wire (httpx would
    normalise `..` away), decoded as uvicorn decodes it; the body in `chunks`, then
    a disconnect if `disconnect` (a client that leaves mid-body)."""
    target, _, query = raw_path.partition(b"?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": unquote(target.decode("latin-1")), "raw_path": target,
        "query_string": query, "root_path": "", "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
    }  # fmt: skip
    messages = [
        {"type": "http.request", "body": chunk, "more_body": disconnect or i < len(chunks) - 1}
        for i, chunk in enumerate(chunks)
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        if not disconnect:  # a client that stays, until the response is sent
            await anyio.sleep_forever()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    anyio.run(app, scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    names = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start["headers"]}
    return Answer(start["status"], names, body)


#: `EVENTCODER_FUZZ_LONG=1` multiplies the fuzz budgets by 100 (as tests/hardening does).
FACTOR = 100 if os.environ.get("EVENTCODER_FUZZ_LONG") == "1" else 1


def budget(examples: int) -> Any:
    """Hypothesis settings for a web fuzz target: `examples` inputs, no deadline (timing
    is not what is tested), no database of old failures on disk."""
    return settings(
        max_examples=examples * FACTOR,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
