"""Property-based tests: the readers never raise on user data and keep offsets honest."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.model import Article, ReadProblem
from eventcoder.readers import FieldNames, parse_date_header, read_inputs
from eventcoder.readers.jsonl import read_jsonl_lines
from eventcoder.readers.text import text_to_article

WHITESPACE = st.text(alphabet=" \t\n\r\u00a0\u2003", max_size=5)
INLINE_SPACE = st.text(alphabet=" \t", min_size=1, max_size=3)


@given(st.text())
def test_parse_date_header_never_raises_and_keeps_offsets(text: str) -> None:
    date, rest, offset = parse_date_header(text)
    assert 0 <= offset <= len(text)
    assert text[offset:] == rest
    if date is None and offset == 0:
        assert rest == text


@given(
    lead=WHITESPACE,
    word=st.sampled_from(["date", "Date", "DATE", "dAtE"]),
    sep=st.one_of(INLINE_SPACE, st.sampled_from([":", " : ", ":\t"])),
    day=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
    gap=st.sampled_from([" ", "\n", "\r\n", "\n\n  ", "\t"]),
    body=st.text(min_size=1).filter(lambda s: not s[0].isspace()),
)
def test_generated_headers_are_found(
    lead: str, word: str, sep: str, day: dt.date, gap: str, body: str
) -> None:
    original = f"{lead}{word}{sep}{day.isoformat()}{gap}{body}"
    date, rest, offset = parse_date_header(original)
    assert date == day
    assert rest == body
    assert original[offset:] == rest


@given(st.text())
def test_text_article_is_a_suffix_of_the_input(text: str) -> None:
    for item in text_to_article(text, doc_id="d", origin="o", default_date=None):
        if isinstance(item, Article):
            assert text.endswith(item.text)
            assert item.text == parse_date_header(text)[1]


JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=3), st.integers(0, 3), JSON_VALUES),
        "text": st.one_of(st.text(max_size=30), JSON_VALUES),
        "date": st.one_of(st.dates().map(str), st.text(max_size=12), JSON_VALUES),
        "title": JSON_VALUES,
        "url": JSON_VALUES,
        "source": JSON_VALUES,
    },
)
LINES = st.lists(
    st.one_of(
        st.text().map(lambda s: s.replace("\n", " ")),
        RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False)),
        JSON_VALUES.map(json.dumps),
        st.sampled_from(["", "   ", "\t", "{", "}", "[", "\ufeff"]),
    ),
    max_size=12,
)


def check_one_outcome_per_line(
    lines: list[str], items: list[Article | ReadProblem], origin: str
) -> None:
    """Blank lines yield nothing; every other line yields at most one Article and,
    if no Article, exactly one ReadProblem (warnings may precede an Article)."""
    by_origin = Counter(item.origin for item in items)
    articles = Counter(item.origin for item in items if isinstance(item, Article))
    expected = {f"{origin}:{n}" for n, line in enumerate(lines, 1) if line.strip()}
    if not expected:  # nothing but blank lines: one problem for the whole input (issue 9)
        assert [(item.origin, type(item)) for item in items] == [(origin, ReadProblem)]
        return
    assert set(by_origin) == expected
    for where in expected:
        assert articles[where] <= 1
        if articles[where] == 0:
            assert by_origin[where] == 1


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_jsonl_file_of_arbitrary_lines(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8")
        items = list(read_inputs([str(path)]))
    if "\x00" in "\n".join(lines).encode("utf-8")[:8192].decode("utf-8", "ignore"):
        # a NUL byte near the start marks the whole file as binary: one problem for it
        assert len(items) == 1
        assert isinstance(items[0], ReadProblem)
        assert items[0].origin == str(path)
        return
    # a BOM opening the file is stripped before the first line is judged blank or not
    if lines and lines[0].startswith("\ufeff"):
        lines = [lines[0][1:], *lines[1:]]
    check_one_outcome_per_line(lines, items, str(path))


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_jsonl_lines_directly(lines: list[str]) -> None:
    numbered = [(n, line + "\n") for n, line in enumerate(lines, 1)]
    items = list(
        read_jsonl_lines(numbered, origin="s", id_base="s", fields=FieldNames(), default_date=None)
    )
    check_one_outcome_per_line(lines, items, "s")


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_stdin_never_raises(content: str) -> None:
    items = list(read_inputs(["-"], stdin=io.StringIO(content)))
    assert items
    assert all(isinstance(item, Article | ReadProblem) for item in items)
