"""Planned parts (issue 8): reading a file part by part gives what reading it whole gives."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from eventcoder.config import Config
from eventcoder.engines.shards import Partition, ShardJob, plan_partitions
from eventcoder.model import ReadProblem
from eventcoder.readers import FilePart, plan_parts, read_inputs, read_parts


def corpus(folder: Path, trailing_newline: bool) -> Path:
    lines = [json.dumps({"id": f"r{i}", "text": f"Text number {i}."}) for i in range(23)]
    lines[5] = "not json"
    lines[7] = ""
    (folder / "a.jsonl").write_text("\n".join(lines) + ("\n" if trailing_newline else ""))
    (folder / "b.txt").write_text("date 2025-01-01\nHello there.")
    with gzip.open(folder / "c.jsonl.gz", "wt") as out:
        out.write(json.dumps({"id": "z", "text": "Zipped."}) + "\n")
    return folder


@pytest.mark.parametrize("per", [1, 2, 5, 22, 23, 24, 100])
@pytest.mark.parametrize("trailing_newline", [True, False])
def test_parts_read_as_the_whole(tmp_path: Path, per: int, trailing_newline: bool) -> None:
    folder = corpus(tmp_path, trailing_newline)
    parts = list(plan_parts([str(folder)], lines_per_part=per))
    assert all(isinstance(p, FilePart) for p in parts)
    jsonl = [p for p in parts if isinstance(p, FilePart) and p.span]
    assert len(jsonl) == -(-23 // per)  # the gzip file is never split
    assert sum(p.span.lines for p in jsonl if p.span) == 23
    whole = list(read_inputs([str(folder)]))
    assert [x for p in parts if isinstance(p, FilePart) for x in read_parts([p])] == whole


def test_a_missing_path_and_stdin_are_problems(tmp_path: Path) -> None:
    items = list(plan_parts([str(tmp_path / "nope.txt"), "-"], lines_per_part=10))
    assert all(isinstance(i, ReadProblem) for i in items)
    assert "no such file" in items[0].message and "--engine local" in items[1].message


def test_partitions_are_deterministic_and_named_by_content(tmp_path: Path) -> None:
    folder = corpus(tmp_path, True)
    for i in range(5):
        (folder / f"t{i}.txt").write_text(f"Article {i}.")
    first = [p for p in plan_partitions([str(folder)], shard_size=3) if isinstance(p, Partition)]
    again = [p for p in plan_partitions([str(folder)], shard_size=3) if isinstance(p, Partition)]
    job = ShardJob(str(tmp_path / "shards"), Config.default())
    assert [p.name(job) for p in first] == [p.name(job) for p in again]
    assert [p.index for p in first] == list(range(len(first)))
    assert all(p.articles <= 3 for p in first)
    (folder / "t4.txt").write_text("Changed text, and longer.")
    changed = [p for p in plan_partitions([str(folder)], shard_size=3) if isinstance(p, Partition)]
    assert [p.name(job) for p in changed][:-1] == [p.name(job) for p in first][:-1]
    assert changed[-1].name(job) != first[-1].name(job)
    other = ShardJob(job.root, Config.default().with_overrides(min_confidence=0.5))
    assert first[0].name(other) != first[0].name(job)
