"""bench/location_gold_audit.py: runs of rows an annotator left undone (issue 5).

The gold rows here are made up by the team: ids, not sentences, are what the audit reads.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit", ROOT / "bench/location_gold_audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(located_every: int, count: int, first: int = 0, prefix: str = "batch_") -> list[dict]:
    return [
        {"id": f"{prefix}{n}", "event_locations": ["Town"] if n % located_every == 0 else []}
        for n in range(first, first + count)
    ]


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_long_unlocated_run_in_a_locating_batch_is_reported_and_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audit = _audit()
    # 100 rows, every third located, then 150 rows with no location at all
    rows = _rows(3, 100) + [{"id": f"batch_{n}", "event_locations": []} for n in range(100, 250)]
    rows += [{"id": "1234567890", "event_locations": []}]  # an unnumbered id is never a batch
    gold = _write(tmp_path / "gold.jsonl", rows)
    out = tmp_path / "copy"
    assert audit.main([str(gold), "--write-without-runs", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "batch 'batch_': ids 100..250" not in printed  # the run ends at the last row
    assert "ids 100..249: 150 rows, none located" in printed
    kept = [
        json.loads(line)["id"]
        for line in (out / "event_location.jsonl").read_text().split("\n")
        if line
    ]
    assert len(kept) == 101 and "batch_99" in kept and "batch_100" not in kept


def test_sparse_batches_and_short_runs_are_not_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audit = _audit()
    short = _rows(3, 60) + [{"id": f"batch_{n}", "event_locations": []} for n in range(60, 99)]
    assert audit.empty_runs(short, 100) == []
    # a batch that locates almost nothing: its long empty run is its nature, not a gap
    sparse = _rows(200, 400, prefix="rare_")
    assert audit.empty_runs(sparse, 100)  # found, but not reported:
    assert audit.main([str(_write(tmp_path / "gold.jsonl", sparse))]) == 0
    assert "no run of 100 or more" in capsys.readouterr().out


def test_the_copy_is_never_written_into_the_repository(tmp_path: Path) -> None:
    audit = _audit()
    gold = _write(tmp_path / "gold.jsonl", _rows(2, 20))
    with pytest.raises(SystemExit, match="inside the repository"):
        audit.main([str(gold), "--write-without-runs", str(ROOT / "bench" / "copy")])
    assert not (ROOT / "bench" / "copy").exists()


def test_a_broken_line_is_named(tmp_path: Path) -> None:
    audit = _audit()
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a_1", "event_locations": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"gold.jsonl:2: not valid JSON"):
        audit.main([str(gold)])
