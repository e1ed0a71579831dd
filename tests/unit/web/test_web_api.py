"""The JSON API (issue 7): every endpoint, good and bad parameters (a clear 4xx, never 500)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import EVIL_TEXT, XSS, make_client


def test_events_one_row_per_cluster_with_paging(client: TestClient) -> None:
    page = client.get("/api/events", params={"limit": 3}).json()
    assert page["limit"] == 3 and page["offset"] == 0 and page["next_offset"] == 3
    assert page["total"] is None and len(page["events"]) == 3
    rest = client.get("/api/events", params={"limit": 50, "offset": 3, "count": "true"}).json()
    assert rest["next_offset"] is None and rest["total"] == 8
    ids = [e["event_id"] for e in page["events"] + rest["events"]]
    assert len(ids) == len(set(ids)) == 8
    assert (
        client.get("/api/events", params={"mentions": "true", "count": "true"}).json()["total"]
        == 10
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"actor": "RUS", "type": "CONSULT"}, 3),
        ({"actor": ["UKR", "USA"]}, 5),
        ({"actor": "Q7747"}, 1),
        ({"dyad": "USA-RUS"}, 3),
        ({"place": "Budapest"}, 1),
        ({"aux_mode": "hypothetical"}, 1),
        ({"since": "2025-10-18", "until": "2025-10-20"}, 3),
        ({"text": "o'brien'); drop table events; --"}, 0),
        ({"actor": "", "type": ""}, 8),  # blank form fields select nothing
    ],
)
def test_events_filters_as_the_cli(
    client: TestClient, query: dict[str, object], expected: int
) -> None:
    response = client.get("/api/events", params={**query, "count": "true"})  # type: ignore[arg-type]
    assert response.status_code == 200, response.text
    assert response.json()["total"] == expected


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ({"limit": 0}, 422, "limit: Input should be greater than or equal to 1"),
        ({"limit": 501}, 422, "limit: Input should be less than or equal to 500"),
        ({"limit": "ten"}, 422, "limit: Input should be a valid integer"),
        ({"offset": -1}, 422, "offset"),
        ({"mentions": "maybe"}, 422, "mentions"),
        ({"since": "2025-13-01"}, 400, "since '2025-13-01' is not a date; write YYYY-MM-DD"),
        ({"type": "HUG"}, 400, "unknown event type 'HUG'"),
        ({"aux_mode": "perhaps"}, 400, "unknown aux mode 'perhaps'"),
        ({"dyad": "USA"}, 400, "dyad 'USA' should be two codes joined by a dash"),
        ({"text": "x" * 201}, 422, "text: String should have at most 200 characters"),
    ],
)
def test_events_bad_parameters_are_named(
    client: TestClient, query: dict[str, object], status: int, words: str
) -> None:
    response = client.get("/api/events", params=query)  # type: ignore[arg-type]
    assert response.status_code == status
    assert words in response.json()["error"]


def test_one_event_with_the_other_reports_of_it(client: TestClient) -> None:
    call = client.get("/api/events", params={"dyad": "USA-RUS", "type": "CONSULT"}).json()
    first = call["events"][0]
    found = client.get(f"/api/events/{first['event_id']}").json()
    assert found["event"]["id"] == first["event_id"]
    assert found["event"]["cluster"]["reports"] == 3
    assert found["event"]["trigger_start"] == 3  # the record carries its spans
    others = found["other_reports"]
    assert len(others) == 2 and all(len(o["doc_key"]) == 64 for o in others)
    assert {o["doc_id"] for o in others} | {found["document"]["doc_id"]} == {
        "wire-1", "daily-7", "radio.txt"
    }  # fmt: skip


def test_unknown_event_is_404_and_a_huge_id_422(client: TestClient) -> None:
    response = client.get("/api/events/nope")
    assert response.status_code == 404
    assert response.json() == {"error": "no event with id 'nope' in this store"}
    assert client.get("/api/events/" + "x" * 300).status_code == 422


def test_timeline_counts_and_split_by_quad(client: TestClient) -> None:
    plain = client.get("/api/timeline", params={"dyad": "USA-RUS", "by": "day"}).json()
    counts = {p["period"]: p["events"] for p in plain["periods"]}
    assert counts["2025-10-16"] == 2 and sum(counts.values()) == 3
    split = client.get("/api/timeline", params={"by": "day", "split": "quad"}).json()
    day = next(p for p in split["periods"] if p["period"] == "2025-10-15")
    assert day["q4"] == 1 and day["events"] == 1
    assert client.get("/api/timeline", params={"by": "hour"}).status_code == 422
    assert client.get("/api/timeline", params={"split": "type"}).status_code == 422
    assert client.get("/api/timeline", params={"dyad": "US-RUS"}).status_code == 400


def test_dyads_either_direction(client: TestClient) -> None:
    dyads = {d["dyad"]: d for d in client.get("/api/dyads").json()["dyads"]}
    assert dyads["RUS-USA"]["events"] == 3 and dyads["RUS-USA"]["verbal_cooperation"] == 3
    only = client.get("/api/dyads", params={"involving": "hun"}).json()["dyads"]
    assert [d["dyad"] for d in only] == ["HUN-RUS"]
    assert client.get("/api/dyads", params={"involving": "R1"}).status_code == 422
    assert client.get("/api/dyads", params={"top": 0}).status_code == 422


def test_actors_with_names(client: TestClient) -> None:
    actors = {a["key"]: a for a in client.get("/api/actors").json()["actors"]}
    assert actors["RUS"]["name"] == "Russia" and actors["RUS"]["kind"] == "code"
    assert actors["Q7747"]["name"] == "Vladimir Putin" and actors["Q7747"]["kind"] == "person"
    found = client.get("/api/actors", params={"q": "PUTIN", "kind": "entity"}).json()["actors"]
    assert [a["key"] for a in found] == ["Q7747"]
    assert client.get("/api/actors", params={"kind": "people"}).status_code == 422


def test_places_and_stats(client: TestClient) -> None:
    places = {p["place"]: p for p in client.get("/api/places").json()["places"]}
    assert set(places) == {"Budapest", "Odesa"} and places["Odesa"]["lat"] == pytest.approx(46.48)
    stats = client.get("/api/stats", params={"top": 3}).json()
    assert stats["totals"]["documents"] == 5 and stats["totals"]["clusters"] == 8
    assert len(stats["by_dyad"]) == 3 and stats["by_type"][0]["type"] == "CONSULT"
    assert client.get("/api/stats", params={"since": "yesterday"}).status_code == 400


def test_export_the_selection_as_csv_and_jsonl(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "csv", "actor": "RUS"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5 and all("RUS" in r["actor_code"] for r in rows)
    lines = client.get("/api/export", params={"format": "jsonl", "mentions": "true"}).text
    records = [json.loads(line) for line in lines.splitlines()]
    assert len(records) == 10 and all("cluster" in r for r in records)
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422


def test_article_text_comes_back_as_data_not_markup(client: TestClient) -> None:
    rows = client.get("/api/events", params={"place": "Odesa"}).json()["events"]
    assert rows[0]["text"] == EVIL_TEXT and XSS in rows[0]["text"]


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for name in ("events", "events/{event_id}", "timeline", "dyads", "actors", "stats", "code",
                 "export", "places"):  # fmt: skip
        assert f"/api/{name}" in paths
    docs = client.get("/docs").text
    assert "/static-offline-docs/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200


# ------------------------------------------------------------------ /api/code


def test_code_refuses_a_body_over_the_limit(client: TestClient) -> None:
    big = {"text": "Russia shelled Odesa. " * 200, "date": "2025-10-20"}  # 4.4 kB > 2 kB
    response = client.post("/api/code", json=big)
    assert response.status_code == 413
    assert "the limit is 2,000 bytes" in response.json()["error"]
    streamed = client.post(
        "/api/code", content=iter([b'{"text": "', b"x" * 10_000, b'"}']),
        headers={"content-type": "application/json"},
    )  # fmt: skip
    assert streamed.status_code == 413


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("not json", "the body should be JSON like"),
        ('{"date": "2025-10-20"}', "text: Field required"),
        ('{"text": ""}', "text: String should have at least 1 character"),
        ('{"text": "Hi.", "date": "20 October"}', "date: Input should be a valid date"),
    ],
)
def test_code_bad_bodies_are_explained(client: TestClient, body: str, words: str) -> None:
    response = client.post("/api/code", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422 and words in response.json()["error"]


def test_code_needs_the_token_when_the_server_has_one(web_db: Path) -> None:
    with make_client(web_db, token="s3cret") as c:
        missing = c.post("/api/code", json={"text": "Hi."})
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        assert "Authorization: Bearer TOKEN" in missing.json()["error"]
        wrong = c.post("/api/code", json={"text": ""}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = c.post("/api/code", json={"text": ""}, headers={"Authorization": "Bearer s3cret"})
        assert right.status_code == 422  # past the token: the empty text is refused next
        assert c.get("/api/events").status_code == 200  # reading needs no token


def test_code_is_rate_limited_per_client(web_db: Path) -> None:
    from eventcoder.web import CodeLimits

    with make_client(web_db, limits=CodeLimits(per_minute=0.5, burst=2)) as c:
        statuses = [c.post("/api/code", json={"text": ""}).status_code for _ in range(3)]
        assert statuses == [422, 422, 429]
        limited = c.post("/api/code", json={"text": ""})
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
        assert "at most 2 at once and 0.5 a minute" in limited.json()["error"]


@pytest.mark.model
def test_code_a_text_returns_events_with_spans(client: TestClient) -> None:
    text = "Russian President Vladimir Putin spoke with U.S. President Donald Trump by phone."
    response = client.post("/api/code", json={"text": text, "date": "2025-10-17"})
    assert response.status_code == 200, response.text
    found = response.json()
    assert found["count"] == len(found["events"]) >= 1
    call = found["events"][0]
    assert call["event"] == ["CONSULT"] and call["mode"] == ["phone"]
    assert text[call["trigger_start"] : call["trigger_end"]] == "spoke"
    assert call["actor"][0]["code"] == "RUS" and call["recipient"][0]["code"] == "USA"


@pytest.mark.model
def test_a_pasted_date_header_is_the_date_not_words(client: TestClient) -> None:
    """A pasted .txt file keeps its meaning: "date YYYY-MM-DD" is read as by `code`."""
    body = "Turkish jets struck militant positions in northern Iraq on Thursday."
    response = client.post(
        "/api/code", json={"text": f"date 2025-11-20\n\n{body}", "date": "2026-11-25"}
    )
    assert response.status_code == 200, response.text
    [strike] = [e for e in response.json()["events"] if e["event"] == ["ASSAULT"]]
    assert strike["date"] == "2025-11-20"  # the header's date, itself a Thursday
    assert [a["entity_text"] for a in strike["actor"]] == ["Turkish jets"]
    assert body[strike["trigger_start"] : strike["trigger_end"]] == "struck"


# ------------------------------------------------------------------ the store itself


def test_a_store_held_by_a_writer_gives_503(web_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "locked.duckdb"
    copy.write_bytes(web_db.read_bytes())
    with make_client(copy, wait=0.2, idle_close=0.05) as c:
        holder = subprocess.Popen(
            [sys.executable, "-c",
             "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('ready', "
             "flush=True); time.sleep(60)", str(copy)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
            api = c.get("/api/events")
            page = c.get("/events")
        finally:
            holder.kill()
            holder.wait()
    assert api.status_code == 503 and "is being written by" in api.json()["error"]
    assert api.headers["retry-after"] == "5"
    assert page.status_code == 503 and "is being written by" in page.text


def test_the_connection_is_let_go_when_idle_so_an_ingest_can_write(
    web_db: Path, tmp_path: Path
) -> None:
    import duckdb

    copy = tmp_path / "idle.duckdb"
    copy.write_bytes(web_db.read_bytes())
    with make_client(copy, idle_close=0.05) as c:
        assert c.get("/api/events").status_code == 200
        shared = c.app.state.web.shared  # type: ignore[attr-defined]
        deadline = time.monotonic() + 30
        while shared.is_open and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not shared.is_open
        with duckdb.connect(str(copy)) as writer:  # would fail with a lock error if held
            writer.execute("CREATE TABLE scratch (x INTEGER)")
        assert c.get("/api/events").status_code == 200  # reopened on demand


def test_pages_and_api_send_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/events"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert "script-src 'none'" in headers["content-security-policy"]
