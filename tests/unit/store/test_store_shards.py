"""Parquet shards (issue 8): atomic, idempotent writes; loading equals a direct ingest;
a shard directory read in place. Hand-made events: no spaCy model needed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest
from store_fixtures import article, sample_pairs
from tests.store_snapshot import snapshot

from eventcoder.errors import StoreError
from eventcoder.model import Article, Event, ReadProblem
from eventcoder.store import Ingester, IngestReport, Store
from eventcoder.store.ingest import doc_key, locate
from eventcoder.store.rows import Coded
from eventcoder.store.shards import read_shard, shard_dirs, shard_tables, write_shard

NOW = dt.datetime(2025, 10, 18, tzinfo=dt.UTC)


def tables_of(
    pairs: list[tuple[Article, list[Event]]], problems: tuple[ReadProblem, ...] = ()
) -> dict[str, pa.Table]:
    coded, origins, seen = [], [], set()
    for a, events in pairs:
        key = doc_key(a.text)
        origins.append((*locate(a), key, a.origin))
        if key not in seen:
            seen.add(key)
            coded.append(Coded(a, tuple(events), key))
    return shard_tables(coded, origins, list(problems), NOW)


def test_write_shard_is_atomic_and_idempotent(tmp_path: Path) -> None:
    tables = tables_of(sample_pairs(tmp_path))
    root = tmp_path / "shards"
    (root / ".tmp-000000-aaaa-deadbeef").mkdir(parents=True)  # a killed writer's leftovers
    assert write_shard(root, "000000-aaaa", tables) is True
    assert write_shard(root, "000000-aaaa", tables) is False  # a retried task adds nothing
    assert shard_dirs(root) == [root / "000000-aaaa"]
    back = read_shard(root / "000000-aaaa")
    assert back["events"].num_rows == tables["events"].num_rows == 8
    assert back["origins"].column("doc_id").to_pylist() == ["wire-1", "daily-7", "radio.txt"]
    assert not [p for p in root.iterdir() if p.name.startswith(".tmp-") and "aaaa-" not in p.name]


def test_loading_shards_equals_a_direct_ingest(tmp_path: Path) -> None:
    pairs = sample_pairs(tmp_path)
    direct = tmp_path / "direct.duckdb"
    Ingester(direct).add(pairs)
    loaded = tmp_path / "loaded.duckdb"
    ingester, report = Ingester(loaded), IngestReport()
    for part in (pairs[:1], pairs[1:]):  # two shards, loaded in order
        ingester.load_shard(tables_of(part), report)
    assert report.added == 3 and report.events == 8
    assert snapshot(loaded) == snapshot(direct)


def test_loading_again_changes_nothing_and_a_repeated_text_is_linked(tmp_path: Path) -> None:
    pairs = sample_pairs(tmp_path)
    db = tmp_path / "store.duckdb"
    Ingester(db).load_shard(tables_of(pairs), IngestReport())
    before = snapshot(db)
    again = IngestReport()
    Ingester(db).load_shard(tables_of(pairs), again)
    assert (again.unchanged, again.added) == (3, 0)
    assert snapshot(db) == before
    copy = article("copy-1", pairs[0][0].text, f"{tmp_path}/copy.jsonl:1")
    linked = IngestReport()
    Ingester(db).load_shard(tables_of([(copy, pairs[0][1])]), linked)
    assert (linked.linked, linked.added) == (1, 0)


def test_a_duplicate_id_across_shards_of_one_file_is_skipped_with_a_message(
    tmp_path: Path,
) -> None:
    first = article("r1", "First text.", f"{tmp_path}/big.jsonl:1")
    second = article("r1", "Other text.", f"{tmp_path}/big.jsonl:900")
    ingester, report = Ingester(tmp_path / "s.duckdb"), IngestReport()
    assert ingester.load_shard(tables_of([(first, [])]), report) == []
    problems = ingester.load_shard(tables_of([(second, [])]), report)
    assert [p.origin for p in problems] == [f"{tmp_path}/big.jsonl:900"]
    assert f'duplicate id "r1" (first used at {tmp_path}/big.jsonl:1)' in problems[0].message
    assert report.added == 1


def test_read_problems_travel_in_the_shard(tmp_path: Path) -> None:
    problem = ReadProblem("x.jsonl:3", "not valid JSON")
    tables = tables_of(sample_pairs(tmp_path)[:1], (problem,))
    problems = Ingester(tmp_path / "s.duckdb").load_shard(tables, IngestReport())
    assert problems == [problem]


def test_a_shard_directory_is_read_in_place(tmp_path: Path) -> None:
    pairs = sample_pairs(tmp_path)
    root = tmp_path / "shards"
    write_shard(root, "000000-a", tables_of(pairs[:2]))
    write_shard(root, "000001-b", tables_of(pairs[1:]))  # daily-7 coded twice: counted once
    store = Store.open(root)
    assert store.counts()["documents"] == 3
    events = store.events(mentions=True)
    assert len(events) == 8 and events["event_id"].is_unique
    consults = store.events(actor="RUS", type="CONSULT")
    assert len(consults) == 4  # RUS on either side of a call (a mutual type)
    assert set(consults["n_reports"]) == {1}  # in place, every report is its own cluster
    assert store.stats().totals["reports"] == 8
    with pytest.raises(StoreError, match="the query failed"):
        store.sql("SELECT * FROM read_csv('/etc/passwd')")


def test_an_empty_directory_is_no_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory with no shards"):
        Store.open(tmp_path)
