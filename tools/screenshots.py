"""Screenshots of the web UI's main pages for the README (docs/screenshots/*.png).

Ingests the sample articles into a temporary store, serves it, and photographs
each page in Debian's chromium (Playwright, `executable_path`). Run with
`make screenshots` whenever the pages change, and commit the PNGs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.browser import chromium, chromium_path, save_screenshot, serving  # noqa: E402

#: The article pasted on the "Code a text" page: written for this screenshot.
PASTED = """Russian President Vladimir Putin spoke with U.S. President Donald Trump by phone on \
Thursday, the Kremlin said. Ukrainian drones struck an oil refinery in the Saratov region \
overnight, according to the regional governor."""


def _store(folder: Path) -> Path:
    from eventcoder.model import Article
    from eventcoder.readers import read_inputs
    from eventcoder.store import Ingester

    db = folder / "samples.duckdb"
    articles = (a for a in read_inputs([str(ROOT / "samples")]) if isinstance(a, Article))
    Ingester(db, jobs=1).run(articles)
    return db


def _event_path(db: Path) -> str:
    """The Putin-Trump call: actor, trigger, recipient to highlight."""
    from eventcoder.store import Store

    found = Store.open(db).events(dyad="USA-RUS", type="CONSULT", mode="phone", limit=1)
    return f"/events/{found.iloc[0].event_id}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    executable = chromium_path()
    if executable is None:
        sys.exit("Debian's chromium is needed: apt-get install chromium")
    from eventcoder.store import Store
    from eventcoder.web import WebSettings, create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = _store(Path(tmp))
        pages = {
            "overview": "/", "events": "/events?actor=RUS", "event": _event_path(db),
            "dyad": "/dyads/RUS-USA", "actor": "/actors/RUS", "map": "/map",
        }  # fmt: skip
        app = create_app(Store.open(db), WebSettings())
        with serving(app) as url:
            _photograph(url, executable, pages, args.out)


def _photograph(url: str, executable: str, pages: dict[str, str], out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, chromium(playwright, executable) as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        for name, path in pages.items():
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            print(save_screenshot(page, out / f"{name}.png", full_page=False))
        page.goto(url + "/code")
        page.get_by_label("article text").fill(PASTED)
        page.get_by_label("publication date").fill("2025-10-17")
        page.get_by_role("button", name="Code").click()
        page.wait_for_selector("[data-testid=result-count]", timeout=120_000)
        page.locator("[data-testid=result-count]").scroll_into_view_if_needed()
        print(save_screenshot(page, out / "code.png", full_page=False))


if __name__ == "__main__":
    main()
