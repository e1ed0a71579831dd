"""Saved web pages, read with trafilatura."""

from __future__ import annotations

import datetime as dt

import pytest
import trafilatura

from eventcoder.model import Article, ReadProblem

PARAGRAPHS = (
    "<p>The harbour council of Westmere agreed on Tuesday to reopen the old ferry line "
    "that had been closed for a decade, after a long debate among its members.</p>"
    "<p>Officials from the neighbouring town of Eastvale said they welcomed the decision "
    "and would send a delegation next month to discuss the timetable and fares.</p>"
)


def page(head: str = "", body: str = PARAGRAPHS) -> str:
    """A small but complete news page with navigation and footer boilerplate."""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"{head}</head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World</a></li></ul></nav>"
        f"<article>{body}</article>"
        "<footer><p>Copyright Westmere Courier. All rights reserved.</p></footer>"
        "</body></html>"
    )


HEAD = (
    "<title>Ferry line to reopen | Westmere Courier</title>"
    "<meta property='og:title' content='Ferry line to reopen'>"
    "<meta property='article:published_time' content='2025-09-01T10:00:00Z'>"
)


def test_article_text_title_and_date(write, read) -> None:
    write("ferry.html", page(HEAD))
    [article] = read("ferry.html")
    assert isinstance(article, Article)
    assert article.id == "ferry.html"
    assert article.origin == "ferry.html"
    assert "reopen the old ferry line" in article.text
    assert "delegation next month" in article.text
    assert "All rights reserved" not in article.text
    assert article.title == "Ferry line to reopen"
    assert article.date == dt.date(2025, 9, 1)


def test_page_without_date_uses_date_argument(write, read) -> None:
    write("ferry.htm", page("<title>Ferry line to reopen</title>"))
    [article] = read("ferry.htm", date=dt.date(2025, 1, 5))
    assert isinstance(article, Article)
    assert article.date == dt.date(2025, 1, 5)


def test_page_date_wins_over_date_argument(write, read) -> None:
    write("ferry.html", page(HEAD))
    [article] = read("ferry.html", date=dt.date(2025, 1, 5))
    assert isinstance(article, Article)
    assert article.date == dt.date(2025, 9, 1)


def test_gzipped_html(write, read) -> None:
    write("ferry.HTML.gz", page(HEAD))
    [article] = read("ferry.HTML.gz")
    assert isinstance(article, Article)
    assert article.id == "ferry.HTML"


def test_no_main_text(write, read) -> None:
    gallery = (
        "<!DOCTYPE html><html><head><title>Gallery</title></head><body>"
        "<script>var slides = 2;</script><div><img src='a.png'><img src='b.png'></div>"
        "</body></html>"
    )
    write("menu.html", gallery)
    assert read("menu.html") == [
        ReadProblem(
            "menu.html",
            "no article text found in the HTML; save the article page itself, "
            "or paste the article into a .txt file",
        )
    ]


def test_empty_html(write, read) -> None:
    write("empty.html", " \n")
    assert read("empty.html") == [ReadProblem("empty.html", "empty file, nothing to code")]


def test_binary_html(write, read) -> None:
    write("blob.html", b"\x00\x01\x02<html>")
    [problem] = read("blob.html")
    assert isinstance(problem, ReadProblem)
    assert "binary file" in problem.message
    assert "offset 0" in problem.message


def test_legacy_charset_is_decoded(write, read) -> None:
    markup = page(body=PARAGRAPHS.replace("Eastvale", "Caf\u00e9ville")).replace(
        "charset='utf-8'", "charset='windows-1252'"
    )
    write("old.html", markup.encode("windows-1252"))
    [article] = read("old.html")
    assert isinstance(article, Article)
    assert "Caf\u00e9ville" in article.text


def test_extractor_failure_is_a_problem_not_a_crash(
    write, read, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> str:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(trafilatura, "extract", explode)
    write("ferry.html", page(HEAD))
    write("after.txt", "A later file is still read.")
    problem, article = read("ferry.html", "after.txt")
    assert isinstance(problem, ReadProblem)
    assert "no article text found in the HTML" in problem.message
    assert isinstance(article, Article)


def test_metadata_failure_keeps_the_text(write, read, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> object:
        raise ValueError("bad metadata")

    monkeypatch.setattr(trafilatura, "extract_metadata", explode)
    write("ferry.html", page(HEAD))
    [article] = read("ferry.html")
    assert isinstance(article, Article)
    assert (article.title, article.date) == (None, None)


@pytest.mark.parametrize(
    "body",
    [
        # a malformed end tag: an HTML parser reads the script's body as text
        PARAGRAPHS + "</div<script>alert('zqxpayload')</script>",
        PARAGRAPHS + "<SCRIPT type='text/javascript'>var zqxpayload = 1;</SCRIPT>",
        PARAGRAPHS + "<style>.zqxpayload { color: red }</style>",
        PARAGRAPHS + "<script>never closed zqxpayload",
    ],
)
def test_script_and_style_bodies_are_never_text(write, read, body: str) -> None:
    write("page.html", page(body=body))
    [article] = read("page.html")
    assert isinstance(article, Article)
    assert "reopen the old ferry line" in article.text
    assert "zqxpayload" not in article.text
