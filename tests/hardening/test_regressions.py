"""Regression tests for the bugs the hardening work (issue 9) found, one each."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import pytest
from tests.conftest import run_cli
from tests.unit.store.store_fixtures import sample_pairs

from eventcoder.errors import StoreError
from eventcoder.model import Article, ReadProblem
from eventcoder.readers import read_inputs
from eventcoder.store import Ingester, Store


def test_a_json_surrogate_escape_is_replaced_and_reported(tmp_path: Path) -> None:
    """Issue 9: `"text": "...\\ud800..."` crashed spaCy and the store with UnicodeEncodeError."""
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "a\\udc00", "text": "Talks \\ud800 were held.", "title": "T\\udfff"}\n'
        '{"id": "b", "text": "Troops left."}\n'
    )
    items = list(read_inputs([str(path)]))
    warnings = [i for i in items if isinstance(i, ReadProblem)]
    articles = [i for i in items if isinstance(i, Article)]
    assert [(a.id, a.text, a.title) for a in articles] == [
        ("a\ufffd", "Talks \ufffd were held.", "T\ufffd"),
        ("b", "Troops left.", None),
    ]
    assert [w.origin for w in warnings] == [f"{path}:1", f"{path}:1"]
    assert all(not w.skipped and "unpaired surrogate" in w.message for w in warnings)


def test_a_file_name_that_is_not_utf8_gets_a_printable_origin_and_id(tmp_path: Path) -> None:
    """Issue 9: such a name reached the store as surrogates and crashed `ingest`."""
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(name, "wb") as handle:
        handle.write(b"Talks were held in Geneva.")
    [article] = list(read_inputs([str(tmp_path)]))
    assert isinstance(article, Article)
    assert article.id == "caf\\xe9.txt"
    assert article.origin == f"{tmp_path}/caf\\xe9.txt"
    (article.id + article.origin).encode("utf-8")


@pytest.mark.parametrize("content", ["", "\n\n  \n", "\ufeff\n"])
def test_an_empty_jsonl_file_is_reported(tmp_path: Path, content: str) -> None:
    """Issue 9: a JSONL file of blank lines gave no outcome at all: passed over in silence."""
    path = tmp_path / "empty.jsonl"
    path.write_text(content, encoding="utf-8")
    [problem] = list(read_inputs([str(path)]))
    assert isinstance(problem, ReadProblem) and problem.origin == str(path)
    assert "empty file" in problem.message


def test_duplicate_ids_still_name_the_first_line(tmp_path: Path) -> None:
    """The ids seen are kept as line numbers now (memory); the message is unchanged."""
    path = tmp_path / "dup.jsonl"
    path.write_text('{"id": 7, "text": "One."}\n\n{"id": "7", "text": "Two."}\n')
    [_, problem] = list(read_inputs([str(path)]))
    assert isinstance(problem, ReadProblem)
    assert problem.origin == f"{path}:3"
    assert f'duplicate id "7" (first used at {path}:1)' in problem.message


def test_an_oversized_plain_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventcoder.readers import files

    def no_reading(*_args: object) -> bytes:
        raise AssertionError("the file was read")

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    monkeypatch.setattr(files, "_read_prefix", no_reading)
    [problem] = list(read_inputs([str(path)], max_bytes=1000))
    assert isinstance(problem, ReadProblem)
    assert "1,000-byte limit" in problem.message


def test_coder_code_files_logs_what_it_skips(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Its docstring promised a logged warning per skipped record; it logged nothing."""
    from eventcoder.coder import _articles_only

    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x"}\n')
    with caplog.at_level(logging.WARNING, logger="eventcoder.coder"):
        assert list(_articles_only(read_inputs([str(path)]))) == []
    assert f'{path}:1: no "text" field' in caplog.text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"limit": -1}, "limit must be a whole number from 0 up"),
        ({"offset": -1}, "offset must be a whole number from 0 up"),
        ({"limit": 2**70}, "limit must be a whole number"),
        ({"offset": 2**64}, "offset must be a whole number"),
    ],
)
def test_row_counts_out_of_range_are_store_errors(
    tmp_path: Path, kwargs: dict[str, int], message: str
) -> None:
    """Issue 9: these reached DuckDB and came back as its Binder/Conversion errors."""
    db = tmp_path / "s.duckdb"
    Ingester(db).add(sample_pairs(tmp_path))
    with pytest.raises(StoreError, match=message):
        Store.open(db).events(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="top must be a whole number"):
        Store.open(db).stats(top=-1)


@pytest.mark.parametrize("place", ["²", "٣", "9" * 40])
def test_a_place_of_odd_digits_matches_nothing(tmp_path: Path, place: str) -> None:
    """Issue 9: "²".isdigit() is true but int("²") raises; 40 digits overflowed BIGINT."""
    db = tmp_path / "s.duckdb"
    Ingester(db).add(sample_pairs(tmp_path))
    assert Store.open(db).events(place=place).empty


def test_a_code_with_a_trailing_newline_is_not_a_code(tmp_path: Path) -> None:
    """`^...$` let "USA\\n" pass as a code; a dyad of it is now refused."""
    db = tmp_path / "s.duckdb"
    Ingester(db).add(sample_pairs(tmp_path))
    with pytest.raises(StoreError, match="two codes joined by a dash"):
        Store.open(db).events(dyad="USA-RUS\n")


@pytest.mark.model
def test_ingest_of_odd_names_and_surrogate_escapes_completes(tmp_path: Path) -> None:
    """Both used to end `eventcoder ingest` in a traceback, losing the batch."""
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"r\xe9sum\xe9.txt"), "wb") as handle:
        handle.write(b"date 2025-10-17\nRussia and China held talks in Beijing on Monday.")
    (folder / "wire.jsonl").write_text(
        '{"id": "w1", "date": "2025-10-17", '
        '"text": "Police arrested 12 protesters \\ud83d in Nairobi on Tuesday."}\n'
    )
    db = tmp_path / "s.duckdb"
    proc = run_cli("ingest", str(folder), "--db", str(db), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    assert "unpaired surrogate" in proc.stderr
    stored = Store.open(db).sql("SELECT doc_id, pub_date FROM documents ORDER BY doc_id")
    assert list(stored.doc_id) == ["r\\xe9sum\\xe9.txt", "w1"]
    assert {d.date() for d in stored.pub_date} == {dt.date(2025, 10, 17)}


def test_a_page_with_too_many_tags_is_refused_before_extraction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 9: 100,000 `<b>` tags (800 KB) kept trafilatura busy for over three minutes."""
    from eventcoder.readers import html

    def no_extraction(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("the page reached trafilatura")

    page = tmp_path / "crowded.html"
    page.write_text("<html><body><p>" + "<b>x</b>" * 30_000 + "</p></body></html>")
    monkeypatch.setattr(html.trafilatura, "extract", no_extraction)
    [problem] = list(read_inputs([str(page)]))
    assert isinstance(problem, ReadProblem) and problem.origin == str(page)
    assert "more than 20,000 tags" in problem.message and "max_html_tags" in problem.message
    [problem] = list(read_inputs([str(page)], max_html_tags=10))
    assert "more than 10 tags" in problem.message
