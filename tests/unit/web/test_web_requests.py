"""Hostile requests (issue 9): path traversal on the static files, bodies too large,
cut short, malformed or of the wrong type for `POST /api/code` and the "Code a text"
form, tokens, the rate limit, and script in a text to code.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_fixtures import TestClient, make_client
from web_hostile import SCRIPT, active_parts, asgi_request, check, routes, tried

from eventcoder.web import CodeLimits

LIMIT = 2_000  # bytes of text the test clients code

TRAVERSALS = [
    b"/static/../../../../pyproject.toml",
    b"/static/../app.py",
    b"/static/..%2f..%2f..%2f..%2fpyproject.toml",
    b"/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    b"/static/%2e%2e%2f%2e%2e%2fapp.py",
    b"/static/.%2e/.%2e/app.py",
    b"/static/%252e%252e%252fapp.py",
    b"/static/..%252f..%252fapp.py",
    b"/static/..\\..\\app.py",
    b"/static/..%5c..%5capp.py",
    b"/static/....//....//app.py",
    b"/static/%c0%ae%c0%ae/app.py",
    b"/static//etc/passwd",
    b"/static/%2fetc%2fpasswd",
    b"/static/file:///etc/passwd",
    b"/static/" + b"../" * 20 + b"etc/passwd",
    b"/static/" + b"%2e%2e%2f" * 20 + b"etc/passwd",
    b"/static/style.css%00.txt",
    b"/static/%00",
    b"/static/style.css/../../app.py",
    b"/static-offline-docs/../../../../../pyproject.toml",
    b"/static-offline-docs/..%2f..%2f..%2fpyproject.toml",
    b"/map/world.svg/../../pyproject.toml",
    b"/documents/..%2f..%2f..%2fpyproject.toml",
    b"/../../../../etc/passwd",
    b"/%2e%2e/%2e%2e/etc/passwd",
]
#: What a file outside the static folder would show if it were served.
SECRETS = [b"[build-system]", b"root:x:0:0", b"def create_app", b"import "]


@pytest.fixture(scope="module")
def coding(web_db: Path) -> Iterator[TestClient]:
    """A client with a small text limit and room for many requests."""
    with make_client(web_db, limits=CodeLimits(LIMIT, 60_000, 100_000)) as client:
        yield client


# ------------------------------------------------------------------ path traversal


def test_the_static_files_are_served_when_asked_plainly(coding: TestClient) -> None:
    answer = asgi_request(coding.app, b"/static/style.css")
    assert answer.status == 200 and b"{" in answer.body
    assert answer.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("raw", TRAVERSALS, ids=lambda raw: raw.decode()[:60])
def test_no_file_outside_the_static_folder_is_served(coding: TestClient, raw: bytes) -> None:
    answer = asgi_request(coding.app, raw)
    tried("GET static (path traversal)")
    assert answer.status in (400, 404, 405), (answer.status, answer.body[:200])
    assert not any(secret in answer.body for secret in SECRETS)


# ------------------------------------------------------------------ POST /api/code bodies


def post_json(client: TestClient, body: bytes | str, **headers: str) -> object:
    kind = {"content-type": "application/json"}
    return client.post("/api/code", content=body, headers=kind | headers)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("", "Invalid JSON"),
        ("{", "Invalid JSON"),
        ('{"text": "Hi."', "Invalid JSON"),
        ("null", "body: Input should be an object"),
        ("[]", "body: Input should be an object"),
        ('"Hi."', "body: Input should be an object"),
        ('{"text": 5}', "text: Input should be a valid string"),
        ('{"text": ["Hi."]}', "text: Input should be a valid string"),
        ('{"text": null}', "text: Input should be a valid string"),
        ('{"text": {"$ne": ""}}', "text: Input should be a valid string"),
        ('{"text": true}', "text: Input should be a valid string"),
        ('{"text": "Hi.", "date": 20251017}', "date: "),
        ('{"text": "Hi.", "date": "2025-02-30"}', "date: Input should be a valid date"),
        ('{"text": "Hi.", "date": "yesterday"}', "date: Input should be a valid date"),
        ('{"text": "Hi.", "date": "2025-10-17T25:00"}', "date: "),
        ('{"text": "Hi.", "id": 7}', "id: Input should be a valid string"),
        ('{"text": "Hi.", "id": "' + "x" * 201 + '"}', "id: String should have at most 200"),
        ('{"text": "\\ud800"}', "Invalid JSON"),
        ('{"date": "2025-10-17"}', "text: Field required"),
        ('{"text": ""}', "text: String should have at least 1 character"),
        ('{"text": "Hi.", "date": "2025-10-17", ' * 1 + '"text": ""}', "text: String should"),
        (b"\xff\xfe{\x00}", "Invalid JSON"),
        ("[" * 5000 + "]" * 5000, "body: "),
        ('{"a":' * 1000 + "1" + "}" * 1000, "Invalid JSON: recursion limit exceeded"),
    ],
)
def test_a_malformed_body_is_a_422_that_says_what_to_send(
    coding: TestClient, body: str | bytes, words: str
) -> None:
    response = post_json(coding, body)
    tried("POST /api/code (malformed bodies)")
    assert response.status_code == 422, response.text  # type: ignore[attr-defined]
    error = response.json()["error"]  # type: ignore[attr-defined]
    assert error.startswith("the body should be JSON like") and words in error


@pytest.mark.parametrize(
    "kind",
    [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
     "application/jsonx", "application/xml", "text/json", "application/json-seq", "*/*"],
)  # fmt: skip
def test_a_body_that_is_not_json_is_a_415(coding: TestClient, kind: str | None) -> None:
    """Also why another site's page cannot code texts through a visitor's browser: a
    form can send text/plain or form data cross-site, never application/json."""
    headers = {"content-type": kind} if kind else {}
    response = coding.post("/api/code", content='{"text": "Hi."}', headers=headers)
    tried("POST /api/code (content types)")
    assert response.status_code == 415
    assert "should be sent as application/json" in response.json()["error"]


def test_json_with_a_charset_or_capitals_is_json(coding: TestClient) -> None:
    for kind in ("application/json; charset=utf-8", "Application/JSON"):
        response = coding.post("/api/code", content='{"text": ""}', headers={"content-type": kind})
        assert response.status_code == 422  # past the type: the empty text is refused


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("x" * (LIMIT + 1), "text"),  # one byte over: the body passes, the text does not
        ("€" * (LIMIT // 3 + 1), "text"),  # 667 characters but 2,001 bytes of UTF-8
        ("x" * (LIMIT * 10), "body"),  # ten times: refused while reading the body
        ("\\u00e9" * LIMIT, "text"),  # JSON escapes: 6 bytes on the wire, 2 in UTF-8
    ],
)
def test_a_text_over_the_limit_is_a_413(coding: TestClient, text: str, where: str) -> None:
    response = post_json(coding, '{"text": "' + text + '"}')
    tried("POST /api/code (sizes)")
    assert response.status_code == 413, where  # type: ignore[attr-defined]
    assert "the limit is 2,000 bytes (UTF-8)" in response.json()["error"]  # type: ignore[attr-defined]


def test_a_declared_length_over_the_limit_is_refused_before_reading(coding: TestClient) -> None:
    huge = str(100 * LIMIT).encode()
    answer = asgi_request(
        coding.app, b"/api/code", method="POST", chunks=[b'{"text": "Hi."}'],
        headers=[(b"content-type", b"application/json"), (b"content-length", huge)],
    )  # fmt: skip
    assert answer.status == 413 and b"the limit is 2,000 bytes" in answer.body


def test_a_body_longer_than_its_declared_length_is_still_counted(coding: TestClient) -> None:
    chunks = [b'{"text": "'] + [b"x" * 1024] * 20 + [b'"}']
    answer = asgi_request(
        coding.app, b"/api/code", method="POST", chunks=chunks,
        headers=[(b"content-type", b"application/json"), (b"content-length", b"12")],
    )  # fmt: skip
    assert answer.status == 413


def test_a_streamed_body_without_length_is_refused_past_the_limit(coding: TestClient) -> None:
    endless = (b"x" * 4096 for _ in range(10_000))  # 40 MB if it were all read
    response = coding.post(
        "/api/code", content=endless, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_a_client_that_leaves_mid_body_is_no_server_error(
    coding: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="eventcoder.web"):
        answer = asgi_request(
            coding.app, b"/api/code", method="POST", chunks=[b'{"text": "Hi'], disconnect=True,
            headers=[(b"content-type", b"application/json"), (b"content-length", b"500")],
        )  # fmt: skip
    assert answer.status == 400 and b"ended before its declared length" in answer.body
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# ------------------------------------------------------------------ the "Code a text" form


@pytest.mark.parametrize(
    ("body", "status"),
    [(b"text=%ZZ&date=%", 400), (b"=&&=&text", 400), (b"\xff\xfe\x00", 400),
     (b"date=" + b"9" * 500, 400), (b"text=+++&date=+2025-10-17+", 400),
     (b"text=Hi.&date=" + b"%00" * 10, 400), (b"text=" + b"%F0%9F%99%82" * 600, 413),
     (b"text=&text=Hi.&date=2025-10-17&date=x", 200),  # the first value given counts
     (b"text=" + b"%00" * 100, 200), (b"text=%E2%82&date=2025-10-17", 200)],
)  # fmt: skip
def test_a_malformed_form_is_a_page_that_says_what_to_fix(
    coding: TestClient, body: bytes, status: int
) -> None:
    response = coding.post(
        "/code", content=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    tried("POST /code (malformed forms)")
    check(response)
    assert response.status_code == status


def test_a_form_of_another_type_is_a_415_page(coding: TestClient) -> None:
    for kind, body in (("application/json", '{"text": "Hi."}'),
                       ("multipart/form-data; boundary=b", "--b\r\n\r\nHi.\r\n--b--")):  # fmt: skip
        response = coding.post("/code", content=body, headers={"content-type": kind})
        check(response)
        assert response.status_code == 415 and "application/x-www-form-urlencoded" in response.text


# ------------------------------------------------------------------ token and rate


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Bearer nope", "Basic czNjcmV0", "s3cret", "Bearer s3cret2",
     "Bearer s3cre", "Bearer  s3cret", "Token s3cret", "Bearer s3cret\x00"],
)  # fmt: skip
def test_coding_without_the_token_is_a_401(web_db: Path, authorization: str | None) -> None:
    headers = {"content-type": "application/json"}
    if authorization is not None:
        headers["authorization"] = authorization
    with make_client(web_db, token="s3cret") as guarded:
        response = guarded.post("/api/code", content='{"text": ""}', headers=headers)
        wrong = (authorization or "") + "!"  # as typed in the form's token field
        form = guarded.post("/code", data={"text": "Hi.", "token": wrong})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert form.status_code == 401 and "needs the server&#39;s token" in form.text
    check(form)


def test_with_a_token_every_read_stays_open(web_db: Path) -> None:
    with make_client(web_db, token="s3cret") as guarded:
        right = guarded.post(
            "/api/code", content='{"text": ""}',
            headers={"content-type": "application/json", "authorization": "bearer s3cret"},
        )  # fmt: skip
        assert right.status_code == 422  # the scheme's case does not matter
        event_id = guarded.get("/api/events").json()["events"][0]["event_id"]
        for route in routes("GET"):
            values = {"event_id": event_id, "dyad": "RUS-USA", "key": "RUS", "doc_key": "x" * 64}
            response = guarded.get(route.url(**values), follow_redirects=False)
            assert response.status_code in (200, 404), route.path


def test_the_rate_limit_is_a_429_with_retry_after_on_the_api_and_the_form(web_db: Path) -> None:
    with make_client(web_db, limits=CodeLimits(LIMIT, per_minute=1, burst=2)) as slow:
        api = [slow.post("/api/code", json={"text": ""}) for _ in range(3)]
        form = slow.post("/code", data={"text": "Hi.", "date": "2025-10-17"})
    assert [r.status_code for r in api] == [422, 422, 429]
    assert int(api[-1].headers["retry-after"]) >= 1
    assert form.status_code == 429 and int(form.headers["retry-after"]) >= 1
    assert "too many texts coded from" in form.text


# ------------------------------------------------------------------ script in a text to code


@pytest.mark.model
def test_script_in_a_coded_text_comes_back_as_inert_text(coding: TestClient) -> None:
    for payload in SCRIPT:
        text = f"Russian forces shelled {payload} the port of Odesa on Monday, officials said."
        page = coding.post("/code", data={"text": text, "date": "2025-10-20"})
        assert page.status_code == 200
        check(page, payload)
        assert 'data-testid="coded-event"' in page.text  # the highlighted sentence is there
        assert active_parts(page.text) == []
        found = coding.post("/api/code", json={"text": text, "date": "2025-10-20"}).json()
        assert found["count"] >= 1 and payload in found["events"][0]["text"]  # data, as sent
        assert json.loads(json.dumps(found)) == found
        tried("POST /code and /api/code (script in the text)", 2)


# ------------------------------------------------------------------ many requests at once


def test_one_export_at_a_time_then_503_with_retry_after(coding: TestClient) -> None:
    """Issue 9: a whole 1M-event store takes DuckDB ~5 GB to export; a few at once would
    exhaust the machine."""
    exports = coding.app.state.web.exports  # type: ignore[attr-defined]
    assert exports.acquire(blocking=False)  # as if a long export were being written
    try:
        busy = coding.get("/api/export", params={"format": "csv"})
    finally:
        exports.release()
    assert busy.status_code == 503 and busy.headers["retry-after"] == "30"
    assert "at most 1 export(s) at once" in busy.json()["error"]
    assert coding.get("/api/export", params={"format": "csv"}).status_code == 200
    assert exports.acquire(blocking=False)  # released after the export, even a refused one
    exports.release()


def test_requests_missing_the_same_aggregate_compute_it_once(web_db: Path) -> None:
    """Issue 9: 200 clients opening the overview of a cold 1M-event store each ran its
    aggregates; now the first computes and the others wait for its result."""
    import threading
    import time

    from eventcoder.web.db import SharedConnection

    shared = SharedConnection(web_db)
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.3)  # long enough for every thread to miss the cache
        return "stats"

    def fail() -> str:
        calls.append(1)
        raise ValueError("no")

    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(shared.cached("k", slow)))
               for _ in range(8)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["stats"] * 8 and len(calls) == 1
    with pytest.raises(ValueError):
        shared.cached("bad", fail)
    assert shared.cached("bad", lambda: "fine") == "fine"  # a failure is not remembered
    shared.close()
