"""Ingest rules on hand-made events: idempotence, changed files, crashes (issue 6)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from store_fixtures import article, country, event, sample_pairs
from tests.store_snapshot import numbering_faults, snapshot

from eventcoder.store import Ingester, Store, dedup
from eventcoder.store.ingest import doc_key, locate


def test_doc_key_is_the_content_hash_event_ids_are_built_from() -> None:
    from eventcoder.records import content_hash

    assert doc_key("Putin phoned Trump.") == content_hash("Putin phoned Trump.")


def test_locate_strips_the_line_and_resolves_the_path(tmp_path: Path) -> None:
    a = article("x", "text", f"{tmp_path}/a.jsonl:12")
    assert locate(a) == (str((tmp_path / "a.jsonl").resolve()), "x")
    assert locate(article("stdin", "t", "<stdin>:3")) == ("<stdin>", "stdin")


def test_adding_twice_adds_nothing(make_store: Callable[..., Path], tmp_path: Path) -> None:
    db = make_store()
    before = snapshot(db)
    again = Ingester(db).add(sample_pairs(tmp_path))
    assert (again.added, again.events, again.unchanged) == (0, 0, 3)
    assert snapshot(db) == before
    assert Store.open(db).counts()["documents"] == 3


def test_a_changed_file_replaces_its_own_events(
    make_store: Callable[..., Path], tmp_path: Path
) -> None:
    db = make_store()
    store = Store.open(db)
    assert store.events(type="CONSULT", since="2025-10-16", until="2025-10-16").n_reports[0] == 3
    old = sample_pairs(tmp_path)[1][0]  # daily-7: the swapped-sides call, and an AID
    edited = dataclasses.replace(old, text=old.text + " Updated.")
    report = Ingester(db).add([(edited, [event(edited, 0, "REJECT", [country("RUS")])])])
    assert (report.added, report.replaced) == (1, 1)
    counts = store.counts()
    assert (counts["documents"], counts["origins"]) == (3, 3)
    assert "AID" not in set(store.events(mentions=True)["type"])
    assert store.events(type="CONSULT", since="2025-10-16", until="2025-10-16").n_reports[0] == 2
    assert len(store.events(type="REJECT")) == 1
    assert numbering_faults(db) == []  # the new reports joined a cluster by its number


def test_known_text_at_a_new_origin_is_linked_not_stored_again(
    make_store: Callable[..., Path], tmp_path: Path
) -> None:
    db = make_store()
    first = sample_pairs(tmp_path)[0][0]
    copy = dataclasses.replace(first, id="copy-1", origin=f"{tmp_path}/copy.jsonl:4")
    report = Ingester(db).add([(copy, [])])
    assert (report.linked, report.added) == (1, 0)
    counts = Store.open(db).counts()
    assert (counts["documents"], counts["origins"]) == (3, 4)


def test_a_crash_inside_a_batch_leaves_only_whole_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception in the middle of a write (after the inserts, before the commit)
    rolls the batch back; running again completes the store."""
    pairs = sample_pairs(tmp_path)
    clean = tmp_path / "clean.duckdb"
    Ingester(clean, batch_size=1).add(pairs)

    db = tmp_path / "crashed.duckdb"
    calls = {"n": 0}
    real_refresh = dedup.refresh

    def failing_refresh(*args: Any, **kwargs: Any) -> None:
        calls["n"] += bool(kwargs.get("added_docs"))  # count batches, not the migration
        if calls["n"] == 2:
            raise RuntimeError("simulated crash")
        real_refresh(*args, **kwargs)

    monkeypatch.setattr(dedup, "refresh", failing_refresh)
    with pytest.raises(RuntimeError, match="simulated crash"):
        Ingester(db, batch_size=1).add(pairs)
    partial = snapshot(db)
    assert len(partial["documents"]) == 1
    con = duckdb.connect(str(db), read_only=True)
    per_doc = con.execute(
        "SELECT d.n_events, count(e.event_id) FROM documents d "
        "LEFT JOIN events e ON e.doc_key = d.doc_key GROUP BY d.doc_key, d.n_events"
    ).fetchall()
    con.close()
    assert all(n == stored for n, stored in per_doc)

    monkeypatch.setattr(dedup, "refresh", real_refresh)
    Ingester(db, batch_size=1).add(pairs)
    assert snapshot(db) == snapshot(clean)


def test_ingest_order_does_not_change_the_store(tmp_path: Path) -> None:
    pairs = sample_pairs(tmp_path)
    forward, backward = tmp_path / "f.duckdb", tmp_path / "b.duckdb"
    Ingester(forward, batch_size=1).add(pairs)
    Ingester(backward, batch_size=1).add(list(reversed(pairs)))
    assert snapshot(forward) == snapshot(backward)
    assert numbering_faults(forward) == numbering_faults(backward) == []


def test_changing_the_window_reclusters(make_store: Callable[..., Path]) -> None:
    db = make_store()
    assert Store.open(db).counts()["clusters"] == 6
    Ingester(db, window_days=0)
    calls = Store.open(db).events(type="CONSULT")
    assert sorted(calls.n_reports) == [1, 1, 2]  # the next-day report splits off
    Ingester(db, window_days=5)
    assert list(Store.open(db).events(type="CONSULT").n_reports) == [4]
    assert numbering_faults(db) == []


def test_the_public_api_is_small_and_present() -> None:
    import eventcoder.store as store
    from eventcoder import errors

    assert store.__all__ == [
        "DEFAULT_WINDOW_DAYS", "SCHEMA_VERSION", "Filters", "IngestReport", "Ingester", "Store",
        "StoreStats",
    ]  # fmt: skip
    assert all(hasattr(store, name) for name in store.__all__)
    assert issubclass(errors.StoreError, errors.EventcoderError)
