"""Plain-text articles and the date header."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.model import Article, ReadProblem
from eventcoder.readers import parse_date_header
from eventcoder.readers.text import find_date_header, parse_iso_date

OCT17 = dt.date(2025, 10, 17)


# --- parse_date_header --------------------------------------------------------


def test_inline_header_as_in_wire_dumps() -> None:
    original = " date 2025-10-17 Timing in diplomacy is everything, the envoy joked."
    date, text, offset = parse_date_header(original)
    assert date == OCT17
    assert text == "Timing in diplomacy is everything, the envoy joked."
    assert original[offset:] == text


def test_first_line_header() -> None:
    original = "date 2025-10-17\nThe river authority opened the lock gates early.\n"
    date, text, offset = parse_date_header(original)
    assert date == OCT17
    assert text == "The river authority opened the lock gates early.\n"
    assert offset == len("date 2025-10-17\n")


@pytest.mark.parametrize(
    "original",
    [
        "Date: 2025-10-17\nA quiet week in the valley.",
        "DATE 2025-10-17 A quiet week in the valley.",
        "date:2025-10-17\n\n\nA quiet week in the valley.",
        "\n\n  date 2025-10-17\r\nA quiet week in the valley.",
        "\ufeffdate 2025-10-17 A quiet week in the valley.",
        "date\t2025-10-17\tA quiet week in the valley.",
    ],
)
def test_header_variants(original: str) -> None:
    date, text, offset = parse_date_header(original)
    assert date == OCT17
    assert text == "A quiet week in the valley."
    assert original[offset:] == text


@pytest.mark.parametrize(
    "original",
    [
        "The meeting date 2025-10-17 was moved.",
        "dated 2025-10-17 A letter arrived.",
        "update 2025-10-17 A letter arrived.",
        "date 2025-10-170 A letter arrived.",
        "date 2025/10/17 A letter arrived.",
        "date 17-10-2025 A letter arrived.",
        "Intro line\ndate 2025-10-17 A letter arrived.",
        "date\n2025-10-17 A letter arrived.",
        "",
    ],
)
def test_not_a_header(original: str) -> None:
    assert parse_date_header(original) == (None, original, 0)


@pytest.mark.parametrize("raw", ["2025-02-30", "2025-13-01", "2025-00-10", "2023-02-29"])
def test_impossible_date_is_removed_but_gives_none(raw: str) -> None:
    original = f"date {raw}\nThe text itself is fine."
    date, text, offset = parse_date_header(original)
    assert date is None
    assert text == "The text itself is fine."
    assert original[offset:] == text


def test_header_only_leaves_empty_text() -> None:
    original = "date 2025-10-17\n\n"
    assert parse_date_header(original) == (OCT17, "", len(original))


def test_header_line_number_counts_leading_blank_lines() -> None:
    header = find_date_header("\n\n date 2025-02-30 The text.")
    assert header is not None
    assert (header.line, header.raw, header.date) == (3, "2025-02-30", None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-17", OCT17),
        ("2025-10-17T08:30:00Z", OCT17),
        ("2025-10-17T08:30:00+02:00", OCT17),
        ("2025-10-17 08:30", OCT17),
        (" 2025-10-17 ", OCT17),
        ("2025-02-30", None),
        ("2025-10-17 and more", None),
        ("17 October 2025", None),
        ("20251017", None),
        ("", None),
    ],
)
def test_parse_iso_date(value: str, expected: dt.date | None) -> None:
    assert parse_iso_date(value) == expected


# --- .txt files ---------------------------------------------------------------


def test_txt_file_is_one_article(write, read) -> None:
    write("ferry.txt", "The ferry to Lornholm ran late again.\nPassengers waited.\n")
    assert read("ferry.txt") == [
        Article(
            id="ferry.txt",
            text="The ferry to Lornholm ran late again.\nPassengers waited.\n",
            origin="ferry.txt",
        )
    ]


def test_txt_inline_date_header(write, read) -> None:
    write("call.txt", " date 2025-10-17 Timing in diplomacy is everything, a clerk noted.")
    [article] = read("call.txt")
    assert isinstance(article, Article)
    assert article.date == OCT17
    assert article.text == "Timing in diplomacy is everything, a clerk noted."


def test_txt_first_line_header(write, read) -> None:
    write("call.txt", "date 2025-10-17\nThe council voted to rename the square.\n")
    [article] = read("call.txt")
    assert isinstance(article, Article)
    assert (article.date, article.text) == (OCT17, "The council voted to rename the square.\n")


def test_impossible_header_date_warns_and_keeps_article(write, read) -> None:
    write("a.txt", "date 2025-02-30\nThe bakers' union called off its strike.\n")
    problem, article = read("a.txt")
    assert problem == ReadProblem(
        "a.txt:1",
        "impossible date 2025-02-30 in the date header; write it as YYYY-MM-DD "
        "(the date was ignored, the article is still read)",
        skipped=False,
    )
    assert isinstance(article, Article)
    assert article.date is None
    assert article.text == "The bakers' union called off its strike.\n"


def test_impossible_header_date_on_a_later_line(write, read) -> None:
    write("a.txt", "\n\ndate 2025-13-01 The bakers' union called off its strike.")
    problem, article = read("a.txt")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "a.txt:3"
    assert "impossible date 2025-13-01" in problem.message
    assert isinstance(article, Article)


def test_impossible_header_date_falls_back_to_date_argument(write, read) -> None:
    write("a.txt", "date 2025-02-30\nThe bakers' union called off its strike.")
    items = read("a.txt", date=dt.date(2025, 3, 1))
    assert isinstance(items[1], Article)
    assert items[1].date == dt.date(2025, 3, 1)


def test_own_date_wins_over_date_argument(write, read) -> None:
    write("a.txt", "date 2025-10-17 The harbour reopened.")
    write("b.txt", "The harbour reopened.")
    a, b = read("a.txt", "b.txt", date=dt.date(2020, 1, 1))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert (a.date, b.date) == (OCT17, dt.date(2020, 1, 1))


@pytest.mark.parametrize("content", ["", "   \n\t\n"])
def test_empty_txt(write, read, content: str) -> None:
    write("empty.txt", content)
    assert read("empty.txt") == [ReadProblem("empty.txt", "empty file, nothing to code")]


def test_txt_with_only_a_header_is_empty(write, read) -> None:
    write("empty.txt", "date 2025-10-17\n  \n")
    [problem] = read("empty.txt")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "empty.txt"
    assert "empty" in problem.message


def test_bom_is_removed_and_text_kept_verbatim(write, read) -> None:
    write("bom.txt", "\ufeffFirst line.\r\n  Second line, indented.  \r\n")
    [article] = read("bom.txt")
    assert isinstance(article, Article)
    assert article.text == "First line.\r\n  Second line, indented.  \r\n"


def test_bom_then_header(write, read) -> None:
    write("bom.txt", "\ufeffdate 2025-10-17\nA calm day at the border post.")
    [article] = read("bom.txt")
    assert isinstance(article, Article)
    assert (article.date, article.text) == (OCT17, "A calm day at the border post.")


def test_not_utf8(write, read) -> None:
    write("scan.txt", b"\x89PNG\r\n\x1a\n")
    assert read("scan.txt") == [
        ReadProblem(
            "scan.txt",
            "not UTF-8 text (byte 0x89 at offset 0); "
            "eventcoder reads UTF-8 .txt, .jsonl, .html and their .gz",
        )
    ]


def test_latin1_text_names_the_offset(write, read) -> None:
    write("old.txt", "Caf\u00e9 owners protested.".encode("latin-1"))
    [problem] = read("old.txt")
    assert isinstance(problem, ReadProblem)
    assert "byte 0xe9 at offset 3" in problem.message


def test_nul_bytes_mean_binary(write, read) -> None:
    write("blob.txt", b"some text\x00\x01\x02")
    [problem] = read("blob.txt")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "blob.txt"
    assert "binary file" in problem.message
    assert "offset 9" in problem.message


def test_file_over_the_size_limit(write, read) -> None:
    write("long.txt", "word " * 100)
    [problem] = read("long.txt", max_bytes=100)
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "long.txt"
    assert "100-byte limit" in problem.message
    assert "--max-bytes" in problem.message


def test_file_exactly_at_the_size_limit(write, read) -> None:
    write("fits.txt", "x" * 100)
    assert isinstance(read("fits.txt", max_bytes=100)[0], Article)


def test_unknown_extension_read_as_text(write, read) -> None:
    write("notes.md", "The lighthouse keeper retired.")
    [article] = read("notes.md")
    assert isinstance(article, Article)
    assert article.id == "notes.md"


def test_unknown_binary_extension_is_a_problem(write, read) -> None:
    write("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF")
    [problem] = read("photo.jpg")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "photo.jpg"
