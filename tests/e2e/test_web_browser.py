"""The web UI in real headless Chromium (issue 7): every page opens with nothing fetched
from outside, a filter narrows the events, an event shows its highlighted sentence, a
pasted text is coded, and script in article text stays inert.

Debian's chromium is driven by Playwright with `executable_path` (`make test` installs
chromium when missing). Screenshots of each step are saved to
out/test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from tools.browser import chromium, chromium_path, save_screenshot, serving

from eventcoder.store import Ingester, Store
from eventcoder.web import WebSettings, create_app

pytestmark = [pytest.mark.browser, pytest.mark.model]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "out" / "test-artifacts" / "screenshots"

#: Written for this test: an article whose text carries script, as an attacker's would.
EVIL = """date 2025-10-21
Russian forces shelled the port of Odesa on Monday <script>window.__pwned = 1; document.title = "pwned"</script>, Ukrainian officials said.

The Ukrainian foreign minister <img src=x onerror="window.__pwned = 2"> condemned the attack on Tuesday.
"""  # noqa: E501
PASTED = (
    "Kenyan police arrested 12 protesters in Nakuru on Monday, witnesses said. "
    'The interior minister <b onmouseover="window.__pwned = 3">defended</b> the arrests.'
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    (folder / "evil_odesa.txt").write_text(EVIL, encoding="utf-8")
    db = folder / "web.duckdb"
    Ingester(db, jobs=1).run(_articles([str(ROOT / "samples"), str(folder / "evil_odesa.txt")]))
    with serving(create_app(Store.open(db), WebSettings())) as url:
        yield url


def _articles(paths: list[str]) -> Iterator:
    from eventcoder.model import Article
    from eventcoder.readers import read_inputs

    return (item for item in read_inputs(paths) if isinstance(item, Article))


@pytest.fixture(scope="module")
def browser() -> Iterator:
    executable = chromium_path()
    if executable is None:
        pytest.skip("Debian's chromium is not installed (`make test` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, chromium(playwright, executable) as launched:
        yield launched


class Watch:
    """What a page asked for: every URL, and anything that failed or went elsewhere."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.urls: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []

    def attach(self, page) -> None:
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("requestfailed", lambda request: self.failed.append(request.url))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))

    def outside(self) -> list[str]:
        return [u for u in self.urls if not u.startswith((self.base_url, "data:", "about:"))]


@pytest.fixture
def page(browser, base_url: str, request: pytest.FixtureRequest) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.watch = Watch(base_url)
    tab.watch.attach(tab)
    yield tab
    save_screenshot(tab, SHOTS / f"{request.node.name}.png")
    context.close()


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Overview"),
        ("/events", "Events"),
        ("/dyads", "Dyads"),
        ("/dyads/RUS-USA", "RUS-USA"),
        ("/actors", "Actors"),
        ("/actors/RUS", "Russia"),
        ("/actors/Q7747", "Vladimir Putin"),
        ("/map", "Map"),
        ("/code", "Code a text"),
    ],
)
def test_every_page_opens_with_nothing_from_outside(
    page, base_url: str, path: str, heading: str
) -> None:
    response = page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert heading in page.locator("h1").first.inner_text()
    assert page.watch.outside() == [] and page.watch.failed == []
    assert page.watch.console_errors == []
    for image in page.locator("img.chart").all():  # charts are drawn, not broken images
        assert image.evaluate("i => i.complete && i.naturalWidth > 100")
    save_screenshot(page, SHOTS / f"page{path.replace('/', '_') or '_'}.png")


def test_map_draws_the_basemap_and_places(page, base_url: str) -> None:
    page.goto(base_url + "/map")
    page.wait_for_load_state("networkidle")
    assert page.locator("svg.map circle").count() >= 5
    size = page.evaluate("() => fetch('/map/world.svg').then(r => r.text()).then(t => t.length)")
    assert size > 50_000
    page.locator("svg.map a").first.click()
    assert "/events?place=" in page.url and page.locator("table tbody tr").count() >= 1


def test_api_docs_are_served_offline(page, base_url: str) -> None:
    page.goto(base_url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert "/api/events" in page.locator(".swagger-ui").inner_text()
    assert page.watch.outside() == []


def test_filter_then_open_an_event_and_check_its_highlighted_sentence(page, base_url: str) -> None:
    page.goto(base_url + "/events")
    all_events = int(re.sub(r"\D", "", page.get_by_test_id("count").inner_text()))
    page.get_by_label("actor", exact=True).fill("RUS")
    page.get_by_label("type").select_option("CONSULT")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"actor=RUS.*type=CONSULT"))
    filtered = int(re.sub(r"\D", "", page.get_by_test_id("count").inner_text()))
    assert 0 < filtered < all_events
    rows = page.locator("table tbody tr")
    assert rows.count() == filtered
    for row in rows.all():
        assert "CONSULT" in row.inner_text() and "RUS" in row.locator("td").nth(2).inner_text()
    save_screenshot(page, SHOTS / "events_filtered.png")

    page.get_by_role("link", name=re.compile("Putin spoke with U.S. President")).click()
    page.wait_for_url(re.compile(r"/events/[0-9a-f]+$"))
    sentence = page.get_by_test_id("highlighted")
    assert sentence.inner_text().startswith("Russian President Vladimir Putin spoke with")
    marks = {
        mark.get_attribute("data-roles"): mark.inner_text()
        for mark in sentence.locator("mark").all()
    }
    assert marks == {
        "actor": "Russian President Vladimir Putin",
        "trigger": "spoke",
        "recipient": "U.S. President Donald Trump",
    }
    colour = sentence.locator("mark.hl-trigger").evaluate(
        "m => getComputedStyle(m).backgroundColor"
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet applies
    fields = page.get_by_test_id("fields").inner_text()
    assert "CONSULT" in fields and "Vladimir Putin" in fields
    save_screenshot(page, SHOTS / "event_highlighted.png")


def test_code_a_pasted_text(page, base_url: str) -> None:
    page.goto(base_url + "/code")
    page.get_by_label("article text").fill(PASTED)
    page.get_by_label("publication date").fill("2025-03-12")
    page.get_by_role("button", name="Code").click()
    page.wait_for_selector("[data-testid=result-count]", timeout=60_000)
    cards = page.get_by_test_id("coded-event")
    assert cards.count() >= 1
    first = cards.first
    assert "COERCE" in first.inner_text()
    assert first.locator("mark[data-roles~=trigger]").first.inner_text() == "arrested"
    assert page.evaluate("() => window.__pwned") is None  # the pasted <b onmouseover> is text
    assert page.get_by_label("article text").input_value() == PASTED  # kept for editing
    save_screenshot(page, SHOTS / "code_a_text.png")


def test_script_in_article_text_is_rendered_inert(page, base_url: str) -> None:
    page.goto(base_url + "/events?text=odesa")
    page.get_by_role("link", name=re.compile("shelled the port of Odesa")).click()
    page.wait_for_url(re.compile(r"/events/[0-9a-f]+$"))
    sentence = page.get_by_test_id("highlighted")
    assert '<script>window.__pwned = 1; document.title = "pwned"</script>' in sentence.inner_text()
    assert page.locator("script").count() == 0 and page.locator("main img").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert page.title() != "pwned"
    page.get_by_role("link", name="evil_odesa.txt").first.click()  # its document page
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]{64}$"))
    assert 'onerror="window.__pwned = 2"' in page.locator(".article").inner_text()
    assert page.locator("main img").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    save_screenshot(page, SHOTS / "script_inert.png")
