"""Hand-made inputs for the web tests (no spaCy model needed), and a client of the app.

Besides store_fixtures' events it holds Putin (an identified person) and an
article whose text and title carry HTML and script, as an attacker would write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient
from tests.unit.store.store_fixtures import article, country, event

from eventcoder.model import Article, Entity, Event, Place
from eventcoder.store import Store
from eventcoder.web import WebSettings, create_app

XSS = '<script>document.title="pwned"</script><img src=x onerror="alert(1)">'
EVIL_TEXT = f"Officials said Russia shelled {XSS} the port of Odesa on Monday."


def putin_pair(folder: Path) -> tuple[Article, list[Event]]:
    doc = article("putin-1", "Putin met Orban in Budapest.", f"{folder}/putin.txt")
    putin = Entity(
        "Putin", code="RUS", sector="GOV", identifier_id="Q7747",
        identifier_text="Vladimir Putin", office="head of state", start=0, end=5,
    )  # fmt: skip
    return doc, [event(doc, 0, "CONSULT", [putin], [country("HUN")], when="2025-10-18")]


def evil_pair(folder: Path) -> tuple[Article, list[Event]]:
    """An article whose text, title and URL try to run script in a browser."""
    doc = Article(
        "evil-1", EVIL_TEXT, dt.date(2025, 10, 21), title=f"Shelling {XSS}",
        url="javascript:alert(1)", source="<b>Outlet</b>", origin=f"{folder}/evil",
    )  # fmt: skip
    odesa = Place("Odesa", "Odesa", "UKR", 4, 46.48, 30.73, 698740, "Odesa", None, "Ukraine",
                  "P", "PPLA", EVIL_TEXT.index("Odesa"), EVIL_TEXT.index("Odesa") + 5)  # fmt: skip
    russia = Entity("Russia", code="RUS", sector=None, start=15, end=21)
    shelled = EVIL_TEXT.index("shelled")
    base = event(doc, 0, "ASSAULT", [russia], [], when="2025-10-20", place=odesa, text=EVIL_TEXT)
    record = replace(base, trigger_start=shelled, trigger_end=shelled + 7, event_text="shelled",
                     sentence_start=0, attribution=None)  # fmt: skip
    return doc, [record]


def make_client(db: Path, **settings: object) -> TestClient:
    app = create_app(Store.open(db), WebSettings(**settings))  # type: ignore[arg-type]
    return TestClient(app, raise_server_exceptions=False)
