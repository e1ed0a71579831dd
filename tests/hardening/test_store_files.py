"""Store files that are not what they should be (issue 9): other formats, damaged
stores, newer and older schema versions.

What must hold: a clear StoreError naming the file and what to do, never a
traceback; the file left exactly as it was unless it is a store being upgraded;
an upgrade keeps every row and is all or nothing.
"""

from __future__ import annotations

import gzip
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.conftest import run_cli
from tests.store_snapshot import numbering_faults
from tests.unit.store.store_fixtures import make_version_1_store, sample_pairs

from eventcoder.errors import StoreError
from eventcoder.store import SCHEMA_VERSION, Ingester, Store
from eventcoder.store import schema as schema_module
from eventcoder.store.schema import MIGRATIONS

Opener = Callable[[Path], object]
OPENERS: dict[str, Opener] = {
    "Store.open": lambda path: Store.open(path).events(),
    "Ingester": lambda path: Ingester(path),
}


def write_random(path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def write_parquet(path: Path) -> None:
    pq.write_table(pa.table({"event_id": ["a"], "type": ["CONSULT"]}), path)


def write_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE events (event_id TEXT)")
    con.commit()
    con.close()


def write_gzip(path: Path) -> None:
    path.write_bytes(gzip.compress(b'{"id": "a", "text": "Talks were held."}\n'))


def write_jsonl(path: Path) -> None:
    path.write_text('{"id": "a", "text": "Talks were held."}\n' * 200)


def write_other_duckdb(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE mine (x INTEGER)")
    con.close()


@pytest.mark.parametrize(
    "make", [write_random, write_parquet, write_sqlite, write_gzip, write_jsonl, write_other_duckdb]
)
@pytest.mark.parametrize("opener", sorted(OPENERS))
def test_files_that_are_not_stores_are_refused_and_left_alone(
    tmp_path: Path, make: Callable[[Path], None], opener: str
) -> None:
    path = tmp_path / "given.duckdb"
    make(path)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not an eventcoder store") as info:
        OPENERS[opener](path)
    assert str(path) in str(info.value) and "give another --db path" in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["given.duckdb"]  # no WAL, no copy


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "store.duckdb"
    Ingester(db, batch_size=2).add(sample_pairs(tmp_path))
    return db


def damage_truncate(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def damage_versions(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM schema_version")
    con.close()


def damage_drop_events(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE events")
    con.close()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (damage_truncate, "restore it from a backup"),
        (damage_versions, "records no version"),
        (damage_drop_events, "the table(s) events are gone"),
    ],
)
@pytest.mark.parametrize("opener", sorted(OPENERS))
def test_damaged_stores_give_a_clear_message_and_stay_as_they_were(
    store: Path, damage: Callable[[Path], None], message: str, opener: str
) -> None:
    damage(store)
    before = store.read_bytes()
    with pytest.raises(StoreError) as info:
        OPENERS[opener](store)
    assert str(store) in str(info.value)
    assert message in str(info.value)
    assert store.read_bytes() == before


def test_the_cli_reports_a_damaged_store_without_a_traceback(store: Path) -> None:
    damage_truncate(store)
    proc = run_cli("stats", "--db", str(store))
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: cannot ") and str(store) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_newer_store_is_refused_and_left_alone(store: Path) -> None:
    con = duckdb.connect(str(store))
    con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION + 1])
    con.close()
    before = store.read_bytes()
    for opener in OPENERS.values():
        with pytest.raises(StoreError) as info:
            opener(store)
        text = str(info.value)
        assert f"store schema version {SCHEMA_VERSION + 1}" in text
        assert f"reads up to version {SCHEMA_VERSION}" in text and "upgrade eventcoder" in text
    assert store.read_bytes() == before


# ---------------------------------------------------------------- migration


def contents(db: Path) -> dict[str, Any]:
    """The version-1 tables' rows (events: their version-1 columns), sorted."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        result: dict[str, Any] = {
            "versions": [v for (v,) in con.execute("SELECT version FROM schema_version")
                         .fetchall()],
            "tables": sorted(r[0] for r in con.execute("SHOW TABLES").fetchall()),
        }  # fmt: skip
        v1_events = "event_id, doc_key, type, actor_codes, text, confidence, date"
        for table, columns in (("documents", "*"), ("sentences", "*"), ("entities", "*"),
                               ("origins", "*"), ("events", v1_events)):  # fmt: skip
            result[table] = sorted(con.execute(f"SELECT {columns} FROM {table}").fetchall(),
                                   key=repr)  # fmt: skip
        return result
    finally:
        con.close()


def test_an_older_store_is_upgraded_keeping_every_row(tmp_path: Path) -> None:
    db = tmp_path / "v1.duckdb"
    make_version_1_store(db, tmp_path)
    old = contents(db)
    assert old["versions"] == [1] and "clusters" not in old["tables"]
    Store.open(db)
    new = contents(db)
    assert new["versions"] == list(range(1, SCHEMA_VERSION + 1))
    assert "clusters" in new["tables"]
    for table in ("documents", "sentences", "entities", "origins", "events"):
        assert new[table] == old[table], table
    assert numbering_faults(db) == []  # the upgrade numbered and clustered every report
    Store.open(db)  # opening again changes nothing
    assert contents(db) == new


def test_a_failed_upgrade_leaves_the_older_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "v1.duckdb"
    make_version_1_store(db, tmp_path)
    old = contents(db)
    real_step = MIGRATIONS[2]

    def broken_step(con: duckdb.DuckDBPyConnection) -> None:
        real_step(con)  # all of the work, then a failure before the commit
        con.execute("SELECT * FROM a_table_that_is_not_there")

    monkeypatch.setitem(schema_module.MIGRATIONS, 2, broken_step)
    with pytest.raises(StoreError, match="from schema version 1 to 2") as info:
        Store.open(db)
    assert "left as it was" in str(info.value)
    assert contents(db) == old
    monkeypatch.setitem(schema_module.MIGRATIONS, 2, real_step)
    Store.open(db)
    assert contents(db)["versions"] == list(range(1, SCHEMA_VERSION + 1))
