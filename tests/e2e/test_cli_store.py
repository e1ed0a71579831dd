"""`eventcoder ingest/query/stats/timeline/sql/export` as a user runs them (issue 6)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from eventcoder.commands.store import register
from eventcoder.errors import StoreError

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
TEAM = ROOT / "tests" / "data" / "store"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m eventcoder ARGS` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "eventcoder", *args],
        capture_output=True, text=True, cwd=cwd, timeout=600,
    )  # fmt: skip


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def invoke(app: typer.Typer, *args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The team articles and a JSONL file with one broken line, ingested by the CLI."""
    folder = tmp_path_factory.mktemp("cli")
    bad = folder / "mixed.jsonl"
    bad.write_text(
        json.dumps({"id": "ok-1", "date": "2025-03-12", "source": "Harbor Daily",
                    "text": "Kenyan police arrested 12 protesters in Nakuru on Monday."}) + "\n"
        + '{"id": "broken", "text": "no closing quote}\n'
    )  # fmt: skip
    path = folder / "out" / "team.duckdb"
    proc = run_cli("ingest", str(TEAM), str(bad), "--db", str(path), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    assert f"{bad}:2: not valid JSON" in proc.stderr  # the file and line, then the rest
    assert "ingested 6 article(s): 6 new document(s)" in proc.stderr
    assert "skipped 1 record(s)" in proc.stderr
    return path


def test_ingesting_again_adds_nothing(db: Path) -> None:
    proc = run_cli("ingest", str(TEAM), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "0 new document(s) with 0 event(s), 0 changed, 5 unchanged" in proc.stderr
    assert "store " in proc.stderr and "6 document(s)" in proc.stderr


def test_query_formats(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    rows = [json.loads(x) for x in invoke(app, "query", "--db", str(db), "--dyad", "JPN-IDN",
                                          "-f", "jsonl").splitlines()]  # fmt: skip
    assert [r["n_reports"] for r in rows] == [4, 1]
    assert rows[0]["outlets"] == ["Harbor Daily", "Meridian Radio", "Northbridge Wire"]
    mentions = invoke(app, "query", "--db", str(db), "--dyad", "JPN-IDN", "--mentions", "-f", "csv")
    table = list(csv.DictReader(io.StringIO(mentions)))
    assert len(table) == 5 and {r["cluster_id"] for r in table} == {r["cluster_id"] for r in rows}
    shown = invoke(app, "query", "--db", str(db), "--actor", "KEN", "--place", "Nairobi",
                   "--aux-mode", "none", "-f", "table")  # fmt: skip
    assert "COERCE" in shown and "Nairobi" in shown and "1 event(s)" in shown
    out = tmp_path / "q.parquet"
    invoke(app, "query", "--db", str(db), "-f", "parquet", "-o", str(out))
    assert pq.read_table(out).num_rows == 5


def test_stats_timeline_and_sql(app: typer.Typer, db: Path) -> None:
    stats = json.loads(invoke(app, "stats", "--db", str(db), "--json"))
    assert stats["totals"]["documents"] == 6 and stats["totals"]["clusters"] == 5
    assert {"type": "CONSULT", "events": 2} in stats["by_type"]
    weeks = list(csv.DictReader(io.StringIO(
        invoke(app, "timeline", "--dyad", "IDN-JPN", "--by", "week", "--db", str(db), "-f", "csv")
    )))  # fmt: skip
    assert [(w["period"], w["events"]) for w in weeks] == [("2025-03-10", "1"), ("2025-03-17", "1")]
    assert "scale_mean" in weeks[0]
    answer = invoke(app, "sql", "SELECT count(*) AS n FROM events", "--db", str(db), "-f", "jsonl")
    assert json.loads(answer) == {"n": 10}


def test_export_formats(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    records = invoke(app, "export", "--db", str(db), "--format", "plover-jsonl", "--mentions")
    assert len(records.splitlines()) == 10
    assert all("cluster" in json.loads(line) for line in records.splitlines())
    gdelt = tmp_path / "events.tsv"
    invoke(app, "export", "--db", str(db), "--format", "gdelt", "-o", str(gdelt))
    lines = gdelt.read_text().splitlines()
    assert len(lines) == 6 and all(len(line.split("\t")) == 61 for line in lines)
    parquet = tmp_path / "parquet"
    invoke(app, "export", "--db", str(db), "--format", "parquet", "-o", str(parquet))
    assert [p.name for p in parquet.iterdir()] == ["month=2025-03"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sql", "DELETE FROM events"), "only a single SELECT statement is allowed"),
        (("stats", "--db", "{tmp}/notes.txt"), "is not an eventcoder store"),
    ],
)
def test_errors_are_one_clear_line(
    db: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    """Through `main`, as a user sees them: `error: ...`, exit status 2, no traceback."""
    (tmp_path / "notes.txt").write_text("plain text, not a database\n" * 50)
    argv = [a.format(tmp=tmp_path) for a in args]
    proc = run_cli(*argv, *([] if "--db" in argv else ["--db", str(db)]))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error: ") and message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_other_errors_are_store_errors(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    """The rest raise StoreError, which `main` prints the same way."""
    (tmp_path / "notes.txt").write_text("plain text, not a database\n" * 50)
    newer = tmp_path / "newer.duckdb"
    newer.write_bytes(db.read_bytes())
    con = duckdb.connect(str(newer))
    con.execute("INSERT INTO schema_version VALUES (999, now())")
    con.close()
    cases = [
        (["query", "--db", str(db), "--type", "CONSUL"], "unknown event type 'CONSUL'"),
        (["query", "--db", str(tmp_path / "missing.duckdb")], "no store at"),
        (["ingest", str(TEAM), "--db", str(tmp_path / "notes.txt")], "not an eventcoder store"),
        (["timeline", "--db", str(newer)], "written by a newer eventcoder"),
    ]
    for argv, message in cases:
        result = CliRunner().invoke(app, argv)
        assert isinstance(result.exception, StoreError), (argv, result.output)
        assert message in str(result.exception)


def test_every_store_command_has_help(app: typer.Typer) -> None:
    for command in ("ingest", "query", "stats", "timeline", "sql", "export"):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "--db" in result.stdout, command
