"""The server-rendered pages (issue 7), through the app without a browser: content,
filters, errors as pages, and article text always escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from web_fixtures import TestClient, make_client


def _event_id(client: TestClient, **query: str) -> str:
    return str(client.get("/api/events", params=query).json()["events"][0]["event_id"])


def test_overview_totals_chart_dyads_and_latest(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert re.search(r"<b>8</b><span>events", html) and re.search(r"<b>5</b><span>documents", html)
    assert 'src="data:image/svg+xml;base64,' in html  # the chart, rendered on the server
    assert 'href="/dyads/RUS-USA"' in html
    assert html.index("2025-10-20") < html.index("2025-10-18") < html.index("2025-10-16")


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/events", "8 events"),
        ("/events?actor=RUS&type=CONSULT", "3 events"),
        ("/events?mentions=true", "10 reports"),
        ("/dyads", "Russia – United States"),
        ("/dyads/USA-RUS", "Russia – United States"),  # redirected to RUS-USA
        ("/actors", "Vladimir Putin"),
        ("/actors/RUS", "Russia"),
        ("/actors/Q7747", "Vladimir Putin"),
        ("/map", "Budapest (HUN): 1 event"),
        ("/code", "Paste an article"),
        ("/events?limit=3&offset=3", "4–6 of 8"),
    ],
)
def test_every_page_renders(client: TestClient, path: str, words: str) -> None:
    page = client.get(path)
    assert page.status_code == 200, page.text
    assert words in page.text
    assert "<script" not in page.text  # our pages run no script at all


def test_event_page_highlights_each_role(client: TestClient) -> None:
    event_id = _event_id(client, place="Odesa")
    html = client.get(f"/events/{event_id}").text
    marks = dict(re.findall(r'data-roles="([^"]+)">([^<]*)</mark>', html))
    assert marks == {"actor": "Russia", "trigger": "shelled", "place": "Odesa"}
    assert "No other reports" not in html and "only report" in html


def test_event_page_lists_the_other_reports_with_their_documents(client: TestClient) -> None:
    event_id = _event_id(client, dyad="USA-RUS", type="CONSULT")
    html = client.get(f"/events/{event_id}").text
    table = html[html.index('data-testid="other-reports"') :]
    assert len(re.findall(r'href="/documents/[0-9a-f]{64}"', table)) == 2


def test_document_page_marks_every_trigger(client: TestClient) -> None:
    found = client.get(f"/api/events/{_event_id(client, place='Budapest')}").json()
    html = client.get(f"/documents/{found['document']['doc_key']}").text
    # the hand-made events of this document share one trigger span: one mark, three labels
    mark = re.search(r'<mark class="hl-trigger" title="([^"]+)" data-roles="trigger">', html)
    assert mark and mark[1] == "trigger: CONSULT; trigger: AGREE; trigger: ASSAULT"
    assert "Putin spoke with Trump by phone." in re.sub(r"<[^>]+>", "", html)


def test_article_text_is_escaped_everywhere(client: TestClient) -> None:
    event_id = _event_id(client, place="Odesa")
    doc_key = client.get(f"/api/events/{event_id}").json()["document"]["doc_key"]
    for path in (f"/events/{event_id}", f"/documents/{doc_key}", "/events", "/"):
        html = client.get(path).text
        assert "<script>document.title" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;document.title=" in html, path
    event_page = client.get(f"/events/{event_id}").text
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in event_page
    assert "javascript:" not in event_page  # the document's URL is not linked


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/events?since=2025-02-30", 400, "since &#39;2025-02-30&#39; is not a date"),
        ("/events?limit=9999", 422, "limit: Input should be less than or equal to 500"),
        ("/events/nope", 404, "no event with id &#39;nope&#39;"),
        ("/documents/nope", 404, "no document with key"),
        ("/dyads/USA-RU", 400, "should be two codes joined by a dash"),
        ("/dyads?involving=R2D2", 422, "involving"),
        ("/actors?kind=people", 422, "kind"),
        ("/?by=hour", 422, "by"),
        ("/nowhere", 404, "Not Found"),
    ],
)
def test_errors_are_pages_that_say_what_to_fix(
    client: TestClient, path: str, status: int, words: str
) -> None:
    page = client.get(path)
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")
    assert words in page.text


def test_basemap_is_served_by_the_app(client: TestClient) -> None:
    svg = client.get("/map/world.svg")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert svg.text.count("<path") > 150  # the countries
    html = client.get("/map").text
    assert html.count("<circle") == 2 and 'href="/events?place=698740"' in html


def test_code_page_explains_refusals(client: TestClient, web_db: Path) -> None:
    empty = client.post("/code", data={"text": "  ", "date": "2025-10-20"})
    assert empty.status_code == 400 and "paste the text of an article" in empty.text
    big = client.post("/code", data={"text": "word " * 1000, "date": "2025-10-20"})
    assert big.status_code == 413 and "the limit is 2,000 bytes" in big.text
    assert "word word" in big.text  # the form keeps what was pasted
    bad_date = client.post("/code", data={"text": "Hello.", "date": "tomorrow"})
    assert bad_date.status_code == 400 and "is not a date" in bad_date.text
    with make_client(web_db, token="s3cret") as guarded:
        assert 'name="token"' in guarded.get("/code").text
        refused = guarded.post("/code", data={"text": "Hello.", "token": "wrong"})
        assert refused.status_code == 401


@pytest.mark.model
def test_code_page_highlights_the_events_of_a_pasted_text(client: TestClient) -> None:
    text = "Kenyan police arrested 12 protesters in Nakuru on Monday, <b>witnesses</b> said."
    page = client.post("/code", data={"text": text, "date": "2025-03-12"})
    assert page.status_code == 200
    assert 'data-testid="coded-event"' in page.text
    assert re.search(r'data-roles="trigger">arrested</mark>', page.text)
    assert "&lt;b&gt;witnesses&lt;/b&gt;" in page.text and "<b>witnesses" not in page.text


@pytest.mark.model
def test_the_coded_text_marks_triggers_after_a_pasted_date_line(client: TestClient) -> None:
    """Offsets count from after a "date YYYY-MM-DD" line; the whole-text view must too."""
    text = "date 2025-11-20\n\nTurkish jets struck militant positions in northern Iraq."
    page = client.post("/code", data={"text": text, "date": ""})
    assert page.status_code == 200, page.text
    whole = page.text.split("The text, with each event")[1]
    assert re.search(r"<mark [^>]*>struck</mark>", whole), whole[:600]
