"""Schema versions, migrations, and files that are not stores (issue 6)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from store_fixtures import make_version_1_store

from eventcoder.errors import StoreError
from eventcoder.store import SCHEMA_VERSION, Ingester, Store


def versions(db: Path) -> list[int]:
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    con.close()
    return [v for (v,) in rows]


def test_a_new_store_records_every_version(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    Ingester(db)
    assert versions(db) == list(range(1, SCHEMA_VERSION + 1))


def test_an_older_store_is_migrated_on_open(tmp_path: Path) -> None:
    db = tmp_path / "v1.duckdb"
    make_version_1_store(db, tmp_path)
    assert versions(db) == [1]
    store = Store.open(db)
    assert versions(db) == list(range(1, SCHEMA_VERSION + 1))
    assert store.counts()["events"] == 8
    assert store.counts()["clusters"] == 6  # the migration clustered what was stored
    assert store.events(type="CONSULT").n_reports.max() == 3


def test_a_newer_store_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "future.duckdb"
    Ingester(db)
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION + 7])
    con.close()
    for opener in (lambda: Store.open(db), lambda: Ingester(db)):
        with pytest.raises(StoreError, match=r"newer eventcoder \(store schema version \d+"):
            opener()


def test_files_that_are_not_stores(tmp_path: Path) -> None:
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database at all\n" * 100)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE mine (x INTEGER)")
    con.close()
    cases = [
        (lambda: Store.open(text), "not an eventcoder store"),
        (lambda: Ingester(text), "not an eventcoder store"),
        (lambda: Store.open(other), "not an eventcoder store"),
        (lambda: Ingester(other), "not an eventcoder store"),
        (lambda: Store.open(tmp_path / "missing.duckdb"), "no store at"),
        (lambda: Store.open(tmp_path), "is a directory"),
    ]
    for opener, message in cases:
        with pytest.raises(StoreError, match=message):
            opener()
    assert not (tmp_path / "missing.duckdb").exists()
