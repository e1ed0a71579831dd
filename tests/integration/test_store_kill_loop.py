"""SIGKILL `eventcoder ingest` at random points, again and again (issue 9).

test_store_kill.py kills one ingest once. Here a seeded loop kills a real ingest
subprocess at varied points: while the model loads, after k documents are stored,
at a random moment after that, and while a batch is being written (the DuckDB WAL
file exists only then). After each kill:

- the store opens, and holds no partial document (`check_whole`): each document
  stored has exactly the sentences, events and entities an uninterrupted run gives
  it, nothing belongs to a document that is not stored, every document has an
  origin, and every event is in exactly one cluster;
- completing the ingest from that state gives exactly the store of an
  uninterrupted run (every table, every row).

The next ingest continues from the killed store (a kill may hit a rerun too), or
from scratch once little is left to code. A last CLI run completes the chain.
`EVENTCODER_KILLS=N` (or EVENTCODER_FUZZ_LONG=1: 30) sets the number of kills;
`EVENTCODER_KILL_SEED` the seed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from tests.figures import FIGURES
from tests.integration.test_store_kill import INPUTS
from tests.store_snapshot import TABLES, snapshot

from eventcoder.config import Config
from eventcoder.engines.local import run_local
from eventcoder.model import Article, Event
from eventcoder.readers import read_inputs
from eventcoder.store import SCHEMA_VERSION, Ingester

pytestmark = [pytest.mark.model, pytest.mark.slow]

LONG = os.environ.get("EVENTCODER_FUZZ_LONG") == "1"
KILLS = int(os.environ.get("EVENTCODER_KILLS", "30" if LONG else "6"))
SEED = int(os.environ.get("EVENTCODER_KILL_SEED", "9"))

#: Event columns that depend on which other reports are stored (the cluster copies).
CLUSTER_COLUMNS = {
    "cluster_id", "cluster_no", "is_representative", "cluster_reports", "cluster_documents",
    "cluster_last", "cluster_doc_ids", "cluster_outlets", "event_no",
}  # fmt: skip


def variants(folder: Path) -> Path:
    """Copies of sample articles with variations: one text under a second id (linked,
    not coded), and an edited text twice (coded once, then linked)."""
    texts = sorted((Path(INPUTS[0])).glob("*.txt"))
    first, second = (path.read_text(encoding="utf-8") for path in texts[:2])
    edited = second.rstrip() + "\nThe talks will continue in Vienna next week.\n"
    records = [
        {"id": "copy-of-first", "text": first, "source": "Copy Desk"},
        {"id": "edited", "text": edited, "source": "Copy Desk"},
        {"id": "edited-again", "text": edited, "date": "2025-10-20"},
    ]
    path = folder / "variants.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def rows(con: duckdb.DuckDBPyConnection, table: str, drop: set[str]) -> list[dict[str, Any]]:
    columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in drop]
    cursor = con.execute(f"SELECT {', '.join(columns)} FROM {table}")
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def by_document(db: Path) -> dict[str, Any] | None:
    """Each document's rows (what no other document changes), or None for no store."""
    if not db.exists():
        return None
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        if not tables:
            return None  # killed before the schema was committed: an empty file
        assert con.execute("SELECT max(version) FROM schema_version").fetchone() == (
            SCHEMA_VERSION,
        )
        stamp = {"ingested_at"}
        docs = {r["doc_key"]: r for r in rows(con, "documents", stamp)}
        events = rows(con, "events", stamp | CLUSTER_COLUMNS)
        per_doc: dict[str, Any] = {key: {"doc": doc, "sentences": [], "events": []}
                                   for key, doc in docs.items()}  # fmt: skip
        orphans = []
        for table, items in (("sentences", rows(con, "sentences", set())), ("events", events)):
            for row in items:
                target = per_doc.get(row["doc_key"])
                (target[table] if target else orphans).append((table, row))
        doc_of_event = {e["event_id"]: e["doc_key"] for e in events}
        for entity in rows(con, "entities", set()):
            key = doc_of_event.get(entity["event_id"])
            (per_doc[key]["events"] if key else orphans).append(("entity", entity))
        for doc in per_doc.values():
            doc["sentences"].sort(key=repr)
            doc["events"].sort(key=repr)
        origins = rows(con, "origins", stamp)
        clusters = con.execute(
            """SELECT (SELECT count(*) FROM events),
                      (SELECT coalesce(sum(n_reports), 0) FROM clusters),
                      (SELECT count(*) FROM events WHERE cluster_id NOT IN
                          (SELECT cluster_id FROM clusters)),
                      (SELECT count(*) FROM events WHERE is_representative)"""
        ).fetchone()
        n_clusters = con.execute("SELECT count(*) FROM clusters").fetchone()
        return {"per_doc": per_doc, "orphans": orphans, "origins": origins,
                "clusters": clusters, "n_clusters": n_clusters[0] if n_clusters else 0}  # fmt: skip
    finally:
        con.close()


def check_whole(db: Path, reference: dict[str, Any]) -> int:
    """Assert that the store holds whole documents only; returns how many it holds."""
    state = by_document(db)
    if state is None:
        return 0
    assert not state["orphans"], state["orphans"][:3]
    for key, doc in state["per_doc"].items():
        assert key in reference["per_doc"], f"a document no uninterrupted run stores: {key}"
        assert doc == reference["per_doc"][key], f"document {key} is partial or different"
    pointed = {origin["doc_key"] for origin in state["origins"]}
    assert pointed == set(state["per_doc"]), "a document without an origin, or the reverse"
    reference_origins = {json.dumps(o, sort_keys=True) for o in reference["origins"]}
    assert all(json.dumps(o, sort_keys=True) in reference_origins for o in state["origins"])
    events, clustered, unclustered, representatives = state["clusters"]
    assert events == clustered and unclustered == 0
    assert representatives == state["n_clusters"]
    return len(state["per_doc"])


def copy_store(db: Path, to: Path) -> None:
    """Copy a killed store with its write-ahead log (committed data may be only there)."""
    shutil.copy(db, to)
    wal = db.with_name(db.name + ".wal")
    if wal.exists():
        shutil.copy(wal, to.with_name(to.name + ".wal"))


def ingest_command(db: Path, inputs: list[str], batch_size: int) -> list[str]:
    return [sys.executable, "-m", "eventcoder", "ingest", *inputs, "--db", str(db),
            "--jobs", "1", "--batch-size", str(batch_size)]  # fmt: skip


def stored_documents(db: Path) -> int:
    """Committed documents, read without waiting for the writer's lock (-1 if locked)."""
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return -1  # not created yet, or being written: look again
    try:
        row = con.execute("SELECT count(*) FROM documents").fetchone()
        return int(row[0]) if row else 0
    except duckdb.Error:
        return -1  # the schema is not committed yet
    finally:
        con.close()


def kill_when(proc: subprocess.Popen[bytes], db: Path, plan: dict[str, Any]) -> bool:
    """SIGKILL the ingest at the planned point; False if it finished first."""
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + 300
    started = time.monotonic()
    while proc.poll() is None and time.monotonic() < deadline:
        if plan["kind"] == "early" and time.monotonic() - started >= plan["delay"]:
            break
        if plan["kind"] == "write" and wal.exists():
            if plan["writes_seen"] >= plan["nth"]:
                break
            plan["writes_seen"] += 1
            while wal.exists() and proc.poll() is None:  # let this one finish
                time.sleep(0.005)
        if plan["kind"] == "docs" and stored_documents(db) >= plan["docs"]:
            time.sleep(plan["delay"])
            break
        time.sleep(0.01 if plan["kind"] == "write" else 0.05)
    if proc.poll() is not None:
        return False
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return True


def make_plan(rng: random.Random, stored: int, total: int) -> dict[str, Any]:
    """Where to kill the next ingest, which starts with `stored` of `total` documents."""
    kind = rng.choice(["early", "docs", "docs", "write", "write"])
    batch_size = rng.choice([1, 1, 2, 3])
    return {
        "kind": kind,
        "delay": rng.uniform(0.5, 4.0) if kind == "early" else rng.uniform(0, 0.6),
        "docs": stored + rng.randrange(0, total - stored),
        "nth": rng.randrange(0, max(1, (total - stored) // batch_size - 1)),
        "writes_seen": 0,
        "batch_size": batch_size,
    }


Coded = list[tuple[Article, list[Event]]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Coded, Path]:
    """The inputs, coded once here, and the store an uninterrupted run builds.

    Completing a killed store stores these same coded articles (`Ingester.add`, the
    rules of `run` without the coding), so each check costs writes, not coding.
    """
    folder = tmp_path_factory.mktemp("kill-loop")
    inputs = [*INPUTS, str(variants(folder))]
    articles = [item for item in read_inputs(inputs) if isinstance(item, Article)]
    coded = list(run_local(articles, Config.default(), jobs=1))
    reference = folder / "reference.duckdb"
    Ingester(reference).add(coded)
    return inputs, coded, reference


def test_random_sigkills_lose_nothing_and_leave_no_partial_document(
    corpus: tuple[list[str], Coded, Path], tmp_path: Path
) -> None:
    inputs, coded, reference_db = corpus
    reference = by_document(reference_db)
    assert reference is not None
    total = len(reference["per_doc"])
    assert total >= 18
    want = snapshot(reference_db)
    rng = random.Random(SEED)
    chain = tmp_path / "chain.duckdb"
    survived = stored = 0
    for attempt in range(KILLS):
        plan = make_plan(rng, stored, total)
        proc = subprocess.Popen(
            ingest_command(chain, inputs, plan["batch_size"]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        killed = kill_when(proc, chain, plan)
        stored = check_whole(chain, reference)
        copy = tmp_path / f"after-kill-{attempt}.duckdb"
        if chain.exists():
            copy_store(chain, copy)
        Ingester(copy).add(coded)  # complete it as a rerun would
        assert snapshot(copy) == want, f"kill {attempt} ({plan}) then a rerun differs"
        survived += killed
        print(f"kill {attempt}: {plan['kind']}, killed={killed}, {stored} document(s) whole")
        if stored >= total - 2:  # little left to interrupt: start the next one afresh
            for path in (chain, chain.with_name(chain.name + ".wal")):
                path.unlink(missing_ok=True)
            stored = 0
    FIGURES["ingests SIGKILLed, store whole and rerun exact"] += survived
    assert survived >= KILLS // 2, "most planned kills must land before the ingest ends"
    final = subprocess.run(
        ingest_command(chain, inputs, 4), capture_output=True, text=True, timeout=600
    )
    assert final.returncode == 0, final.stderr
    assert snapshot(chain) == want
    assert set(want) == set(TABLES)
