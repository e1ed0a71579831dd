"""JSON Lines inputs: one article per line, bad lines reported, good ones kept."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from eventcoder.model import Article, ReadProblem
from eventcoder.readers import FieldNames

OCT17 = dt.date(2025, 10, 17)


def summary(items: list[Article | ReadProblem]) -> list[tuple[str, str]]:
    """(kind, origin) per item: 'A' for an Article, 'P' for a ReadProblem."""
    return [("A" if isinstance(i, Article) else "P", i.origin) for i in items]


def jsonl(*records: object) -> str:
    """JSONL text from records; str records are written verbatim as raw lines."""
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_good_records_with_all_fields(write, read) -> None:
    write(
        "in.jsonl",
        jsonl(
            {
                "id": "n1",
                "text": "The port authority signed a deal.",
                "date": "2025-10-17",
                "title": "Deal signed",
                "url": "https://example.org/n1",
                "source": "Harbour Gazette",
            },
            {"text": "Fishermen welcomed the news."},
        ),
    )
    assert read("in.jsonl") == [
        Article(
            id="n1",
            text="The port authority signed a deal.",
            date=OCT17,
            title="Deal signed",
            url="https://example.org/n1",
            source="Harbour Gazette",
            origin="in.jsonl:1",
        ),
        Article(id="in.jsonl:2", text="Fishermen welcomed the news.", origin="in.jsonl:2"),
    ]


def test_numeric_id_becomes_string(write, read) -> None:
    write("in.jsonl", jsonl({"id": 42, "text": "A bridge was opened."}))
    [article] = read("in.jsonl")
    assert isinstance(article, Article)
    assert article.id == "42"


def test_blank_lines_skipped_but_counted(write, read) -> None:
    write("in.jsonl", "\n" + jsonl({"text": "One."}) + "   \n\n" + jsonl({"text": "Two."}))
    assert summary(read("in.jsonl")) == [("A", "in.jsonl:2"), ("A", "in.jsonl:5")]


def test_invalid_json_line_between_good_ones(write, read) -> None:
    bad = '{"id": "n2", "text": "The mayor resigned" "date": "2025-10-17"}'
    write("notes.jsonl", jsonl({"text": "Before."}, bad, {"text": "After."}))
    items = read("notes.jsonl")
    assert summary(items) == [
        ("A", "notes.jsonl:1"),
        ("P", "notes.jsonl:2"),
        ("A", "notes.jsonl:3"),
    ]
    assert items[1] == ReadProblem(
        "notes.jsonl:2",
        "not valid JSON (Expecting ',' delimiter at column 43); fix or remove this line",
    )


def test_missing_text_field(write, read) -> None:
    write("in.jsonl", jsonl({"text": "Ok."}, {"text": "Ok too."}, {"id": "x", "body": "Oops."}))
    items = read("in.jsonl")
    assert items[2] == ReadProblem(
        "in.jsonl:3", 'no "text" field; each line needs {"id": ..., "text": ...}'
    )
    assert summary(items)[:2] == [("A", "in.jsonl:1"), ("A", "in.jsonl:2")]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("", '"text" is empty'),
        ("  \n ", '"text" is empty'),
        (17, '"text" must be a string, not a number'),
        (None, '"text" must be a string, not null'),
        (["a"], '"text" must be a string, not a list'),
    ],
)
def test_bad_text_value(write, read, text: object, phrase: str) -> None:
    write("in.jsonl", jsonl({"text": text}, {"text": "Fine."}))
    first, second = read("in.jsonl")
    assert isinstance(first, ReadProblem)
    assert first.origin == "in.jsonl:1"
    assert phrase in first.message
    assert isinstance(second, Article)


@pytest.mark.parametrize(("line", "kind"), [("[1, 2]", "a list"), ('"hi"', "a string")])
def test_line_not_an_object(write, read, line: str, kind: str) -> None:
    write("in.jsonl", jsonl(line, {"text": "Fine."}))
    first, second = read("in.jsonl")
    assert first == ReadProblem(
        "in.jsonl:1", f'not a JSON object (got {kind}); each line needs {{"id": ..., "text": ...}}'
    )
    assert isinstance(second, Article)


def test_invalid_date_warns_and_keeps_record(write, read) -> None:
    write("in.jsonl", jsonl({"id": "a", "text": "The vote passed.", "date": "2025-02-30"}))
    problem, article = read("in.jsonl")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "in.jsonl:1"
    assert '"date" value "2025-02-30" is not a valid date' in problem.message
    assert "ignored" in problem.message
    assert article == Article(id="a", text="The vote passed.", origin="in.jsonl:1")


def test_non_string_date_warns(write, read) -> None:
    write("in.jsonl", jsonl({"text": "The vote passed.", "date": 20251017}))
    problem, article = read("in.jsonl")
    assert isinstance(problem, ReadProblem)
    assert "20251017 is not a valid date" in problem.message
    assert isinstance(article, Article)
    assert article.date is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-10-17T06:45:00Z", OCT17), ("2025-10-17 06:45:00", OCT17), (None, None), ("", None)],
)
def test_dates(write, read, value: str | None, expected: dt.date | None) -> None:
    write("in.jsonl", jsonl({"text": "A treaty was drafted.", "date": value}))
    [article] = read("in.jsonl")
    assert isinstance(article, Article)
    assert article.date == expected


def test_date_argument_only_fills_missing_dates(write, read) -> None:
    write("in.jsonl", jsonl({"text": "Own date.", "date": "2025-10-17"}, {"text": "No date."}))
    a, b = read("in.jsonl", date=dt.date(2024, 1, 2))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert (a.date, b.date) == (OCT17, dt.date(2024, 1, 2))


def test_duplicate_id_is_reported_and_skipped(write, read) -> None:
    write(
        "in.jsonl",
        jsonl({"id": "d", "text": "First."}, {"id": "d", "text": "Second."}, {"text": "Third."}),
    )
    items = read("in.jsonl")
    assert summary(items) == [("A", "in.jsonl:1"), ("P", "in.jsonl:2"), ("A", "in.jsonl:3")]
    assert isinstance(items[1], ReadProblem)
    assert 'duplicate id "d" (first used at in.jsonl:1)' in items[1].message
    assert isinstance(items[0], Article)
    assert items[0].text == "First."


def test_duplicate_ids_across_files_are_allowed(write, read) -> None:
    write("a.jsonl", jsonl({"id": "d", "text": "First."}))
    write("b.jsonl", jsonl({"id": "d", "text": "Second."}))
    assert summary(read("a.jsonl", "b.jsonl")) == [("A", "a.jsonl:1"), ("A", "b.jsonl:1")]


def test_id_that_is_an_object_is_a_problem(write, read) -> None:
    write("in.jsonl", jsonl({"id": {"n": 1}, "text": "Odd id."}))
    [problem] = read("in.jsonl")
    assert isinstance(problem, ReadProblem)
    assert '"id" must be a string or number, not an object' in problem.message


def test_blank_id_falls_back_to_line_id(write, read) -> None:
    write("in.jsonl", jsonl({"id": "  ", "text": "No real id."}))
    [article] = read("in.jsonl")
    assert isinstance(article, Article)
    assert article.id == "in.jsonl:1"


def test_optional_field_of_wrong_type_is_ignored_with_a_warning(write, read) -> None:
    write("in.jsonl", jsonl({"text": "A dam was inspected.", "title": 3, "source": "Valley Post"}))
    problem, article = read("in.jsonl")
    assert isinstance(problem, ReadProblem)
    assert '"title" should be a string, not a number' in problem.message
    assert isinstance(article, Article)
    assert (article.title, article.source) == (None, "Valley Post")


def test_custom_field_names(write, read) -> None:
    fields = FieldNames(id="doc", text="body", date="published", title="headline")
    record = {"doc": "z9", "body": "Trains resumed.", "published": "2025-10-17", "headline": "H"}
    write("in.jsonl", jsonl(record, {"doc": "z10", "text": "wrong field"}))
    article, problem = read("in.jsonl", fields=fields)
    assert article == Article(
        id="z9", text="Trains resumed.", date=OCT17, title="H", origin="in.jsonl:1"
    )
    assert problem == ReadProblem(
        "in.jsonl:2", 'no "body" field; each line needs {"doc": ..., "body": ...}'
    )


@pytest.mark.parametrize("name", ["in.ndjson", "IN.JSONL", "in.jsonl.gz", "in.ndjson.GZ"])
def test_extensions_and_gzip(write, read, name: str) -> None:
    write(name, jsonl({"text": "A road was paved."}))
    [article] = read(name)
    assert isinstance(article, Article)
    base = name[:-3] if name.lower().endswith(".gz") else name
    assert article.id == f"{base}:1"
    assert article.origin == f"{name}:1"


def test_bom_on_first_line(write, read) -> None:
    write("in.jsonl", "\ufeff" + jsonl({"text": "A library opened."}))
    [article] = read("in.jsonl")
    assert isinstance(article, Article)


def test_bad_utf8_spoils_only_its_line(write, read) -> None:
    data = b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "also ok"}\n'
    write("in.jsonl", data)
    items = read("in.jsonl")
    assert summary(items) == [("A", "in.jsonl:1"), ("P", "in.jsonl:2"), ("A", "in.jsonl:3")]
    assert isinstance(items[1], ReadProblem)
    assert "not UTF-8 text (byte 0xe9 at offset 13 in this line)" in items[1].message


def test_nul_bytes_make_one_problem_for_the_file(write, read) -> None:
    write("in.jsonl", b'{"text": "a"}\n\x00\x00\x00\n' * 50)
    [problem] = read("in.jsonl")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "in.jsonl"
    assert "binary file" in problem.message


def test_size_limit_is_per_line_not_per_file(write, read) -> None:
    lines = [{"text": f"short line number {n}"} for n in range(50)]
    write("in.jsonl", jsonl(*lines))
    items = read("in.jsonl", max_bytes=40)
    assert len(items) == 50
    assert all(isinstance(item, Article) for item in items)


def test_overlong_line_between_good_ones(write, read) -> None:
    write("in.jsonl", jsonl({"text": "Short."}, {"text": "x" * 500}, {"text": "Short too."}))
    items = read("in.jsonl", max_bytes=100)
    assert summary(items) == [("A", "in.jsonl:1"), ("P", "in.jsonl:2"), ("A", "in.jsonl:3")]
    assert isinstance(items[1], ReadProblem)
    assert "100-byte limit" in items[1].message
    assert "--max-bytes" in items[1].message


@pytest.mark.parametrize(
    "line", ["1" * 5000, "[" * 100_000, '{"text": "x", "n": ' + "9" * 5000 + "}"]
)
def test_pathological_json_is_a_problem_not_a_crash(write, read, line: str) -> None:
    write("in.jsonl", jsonl(line, {"text": "Survivor."}))
    first, second = read("in.jsonl")
    assert isinstance(first, ReadProblem)
    assert first.origin == "in.jsonl:1"
    assert isinstance(second, Article)


def test_truncated_gzip_keeps_records_before_the_cut(workdir: Path, read) -> None:
    records = jsonl(*({"text": f"Record {n} about the canal."} for n in range(3000)))
    data = gzip.compress(records.encode())
    (workdir / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = read("cut.jsonl.gz")
    assert len(items) > 1
    assert isinstance(items[-1], ReadProblem)
    assert items[-1].origin == "cut.jsonl.gz"
    assert "truncated" in items[-1].message
    assert all(isinstance(item, Article) for item in items[:-1])


def test_corrupt_gzip(write, read) -> None:
    write("in.jsonl.gz", b"")
    (Path("in.jsonl.gz")).write_bytes(b"this is not gzip at all")
    [problem] = read("in.jsonl.gz")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "in.jsonl.gz"
    assert "not a valid gzip file" in problem.message
