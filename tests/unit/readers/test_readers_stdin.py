"""Reading `-` from stdin: JSONL when it starts with `{`, else one text article."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest

from eventcoder.model import Article, ReadProblem
from eventcoder.readers import read_inputs
from eventcoder.readers.stdin import PrefixedReader


def read_stdin(content: str, **kwargs: object) -> list[Article | ReadProblem]:
    """read_inputs(["-"]) over a StringIO."""
    return list(read_inputs(["-"], stdin=io.StringIO(content), **kwargs))  # type: ignore[arg-type]


def test_text_on_stdin() -> None:
    assert read_stdin(" date 2025-10-17 The envoy arrived at noon.\n") == [
        Article(
            id="stdin",
            text="The envoy arrived at noon.\n",
            date=dt.date(2025, 10, 17),
            origin="<stdin>",
        )
    ]


def test_jsonl_on_stdin_after_blank_lines() -> None:
    content = '\n  \n{"text": "First."}\nnot json\n{"id": 5, "text": "Third."}\n'
    items = read_stdin(content)
    assert items[0] == Article(id="stdin:3", text="First.", origin="<stdin>:3")
    assert isinstance(items[1], ReadProblem)
    assert items[1].origin == "<stdin>:4"
    assert "not valid JSON" in items[1].message
    assert items[2] == Article(id="5", text="Third.", origin="<stdin>:5")


def test_jsonl_with_bom_on_stdin() -> None:
    [article] = read_stdin('\ufeff{"text": "Hello from the pipe."}')
    assert isinstance(article, Article)
    assert article.origin == "<stdin>:1"


def test_text_starting_with_a_bracket_is_text() -> None:
    [article] = read_stdin("[Update] The talks resumed.")
    assert isinstance(article, Article)
    assert article.id == "stdin"


def test_empty_stdin() -> None:
    assert read_stdin("") == [ReadProblem("<stdin>", "empty file, nothing to code")]
    assert read_stdin("\n \n") == [ReadProblem("<stdin>", "empty file, nothing to code")]


def test_stdin_text_over_the_limit() -> None:
    [problem] = read_stdin("word " * 100, max_bytes=50)
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "<stdin>"
    assert "50-byte limit" in problem.message
    assert "--max-bytes" in problem.message


def test_stdin_text_over_the_limit_in_bytes_not_characters() -> None:
    [problem] = read_stdin("\u00e9" * 40, max_bytes=50)
    assert isinstance(problem, ReadProblem)


def test_stdin_jsonl_long_line_is_skipped() -> None:
    content = '{"text": "ok"}\n{"text": "' + "x" * 200 + '"}\n{"text": "fine"}\n'
    items = read_stdin(content, max_bytes=60)
    assert [type(i).__name__ for i in items] == ["Article", "ReadProblem", "Article"]
    assert items[1].origin == "<stdin>:2"


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Piped in by default."))
    [article] = list(read_inputs(["-"]))
    assert isinstance(article, Article)
    assert article.text == "Piped in by default."


def test_undecodable_stdin() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"caf\xe9 society"), encoding="utf-8")
    [problem] = list(read_inputs(["-"], stdin=stream))
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "<stdin>"
    assert "not UTF-8 text (byte 0xe9)" in problem.message


def test_surrogateescaped_stdin() -> None:
    stream = io.TextIOWrapper(
        io.BytesIO(b"caf\xe9 society"), encoding="utf-8", errors="surrogateescape"
    )
    [problem] = list(read_inputs(["-"], stdin=stream))
    assert isinstance(problem, ReadProblem)
    assert "byte 0xe9 at offset 3" in problem.message


def test_surrogateescaped_jsonl_line_on_stdin() -> None:
    data = b'{"text": "ok"}\n{"text": "caf\xe9"}\n'
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")
    items = list(read_inputs(["-"], stdin=stream))
    assert [type(i).__name__ for i in items] == ["Article", "ReadProblem"]
    assert items[1].origin == "<stdin>:2"


def test_stdin_between_files(write, read) -> None:
    write("a.txt", "Before the pipe.")
    items = read("a.txt", "-", stdin=io.StringIO("From the pipe."))
    assert [i.origin for i in items] == ["a.txt", "<stdin>"]


@pytest.mark.parametrize("size", [-1, 1, 3, 100])
def test_prefixed_reader_joins_prefix_and_rest(size: int) -> None:
    reader = PrefixedReader("ab\ncd", io.StringIO("ef\ngh\n"))
    lines = []
    while line := reader.readline(size):
        lines.append(line)
    assert "".join(lines) == "ab\ncdef\ngh\n"
    if size == -1:
        assert lines == ["ab\n", "cdef\n", "gh\n"]
