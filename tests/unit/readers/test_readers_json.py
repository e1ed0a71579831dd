"""Plain .json inputs: one record object, or a list of them."""

from __future__ import annotations

import datetime as dt
import json

from eventcoder.model import Article, ReadProblem


def test_list_of_records(write, read) -> None:
    records = [
        {"id": "k1", "text": "The dock workers met.", "date": "2025-10-17"},
        {"text": "The ministry replied."},
    ]
    write("batch.json", json.dumps(records))
    assert read("batch.json") == [
        Article(
            id="k1", text="The dock workers met.", date=dt.date(2025, 10, 17), origin="batch.json#0"
        ),
        Article(id="batch.json#1", text="The ministry replied.", origin="batch.json#1"),
    ]


def test_single_object(write, read) -> None:
    write("one.json", json.dumps({"text": "A census began.", "title": "Census"}))
    assert read("one.json") == [
        Article(id="one.json", text="A census began.", title="Census", origin="one.json")
    ]


def test_bad_items_do_not_stop_the_good_ones(write, read) -> None:
    records = [
        {"text": "Good one."},
        "just a string",
        {"id": "x"},
        {"id": "y", "text": "Good two."},
        {"id": "y", "text": "Duplicate."},
    ]
    write("mix.json", json.dumps(records))
    items = read("mix.json")
    assert [type(i).__name__ for i in items] == [
        "Article",
        "ReadProblem",
        "ReadProblem",
        "Article",
        "ReadProblem",
    ]
    assert [i.origin for i in items] == [f"mix.json#{n}" for n in range(5)]
    assert isinstance(items[1], ReadProblem)
    assert "not a JSON object (got a string)" in items[1].message
    assert items[2] == ReadProblem(
        "mix.json#2", 'no "text" field; each object needs {"id": ..., "text": ...}'
    )
    assert isinstance(items[4], ReadProblem)
    assert 'duplicate id "y" (first used at mix.json#3)' in items[4].message


def test_invalid_json_names_the_line(write, read) -> None:
    write("bad.json", '[\n  {"text": "a"},\n  {"text": "b",}\n]\n')
    [problem] = read("bad.json")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "bad.json:3"
    assert problem.message.startswith("not valid JSON (")
    assert "line 3 column" in problem.message


def test_top_level_scalar(write, read) -> None:
    write("n.json", "42")
    [problem] = read("n.json")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "n.json"
    assert "not a JSON object or list (got a number)" in problem.message


def test_empty_list_and_empty_file(write, read) -> None:
    write("none.json", "[]")
    write("blank.json", "  \n")
    assert read("none.json", "blank.json") == [
        ReadProblem("none.json", "empty list, nothing to code"),
        ReadProblem("blank.json", "empty file, nothing to code"),
    ]


def test_gzipped_json(write, read) -> None:
    write("one.json.gz", json.dumps({"text": "A census began."}))
    [article] = read("one.json.gz")
    assert isinstance(article, Article)
    assert (article.id, article.origin) == ("one.json", "one.json.gz")


def test_json_file_over_the_limit(write, read) -> None:
    write("big.json", json.dumps([{"text": "word " * 50}]))
    [problem] = read("big.json", max_bytes=50)
    assert isinstance(problem, ReadProblem)
    assert "--max-bytes" in problem.message


def test_deep_nesting_is_a_problem(write, read) -> None:
    write("deep.json", "[" * 100_000 + "]" * 100_000)
    [problem] = read("deep.json")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "deep.json"
    assert "nested too deeply" in problem.message
