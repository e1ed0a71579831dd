"""`eventcoder actors resolve` as a user runs it (issue 4): one phrase, a batch, bad lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import records, run_cli

pytestmark = pytest.mark.model

FIELDS = ["entity_text", "code", "sector", "identifier_id", "identifier_text", "office"]


def test_single_phrase_prints_one_json_object() -> None:
    proc = run_cli(
        "actors", "resolve", "Israeli troops", "--date", "2025-10-17", "--format", "json"
    )
    assert proc.returncode == 0, proc.stderr
    (obj,) = records(proc.stdout)
    assert list(obj) == FIELDS
    assert (obj["code"], obj["sector"], obj["office"]) == ("ISR", "MIL", None)


def test_single_person_on_a_date() -> None:
    proc = run_cli("actors", "resolve", "Trump", "--date", "2022-06-01", "-f", "json")
    (obj,) = records(proc.stdout)
    assert (obj["code"], obj["sector"]) == ("USA", "ELI")
    assert obj["office"] == "former head of state and government"
    assert obj["identifier_id"] == "Q22686"


def test_batch_input_keeps_ids_and_order(tmp_path: Path) -> None:
    queries = tmp_path / "q.jsonl"
    lines = [
        {"id": "k", "actor_text": "the Kremlin"},
        {"id": 7, "actor_text": "Trump", "date": "2019-06-01"},
        {"id": "u", "actor_text": "the Ukrainian leader", "date": "2025-10-17"},
        {"id": "h", "actor_text": "he", "context": "Vladimir Putin spoke.", "date": "today"},
        {"id": "d", "actor_text": "Jüri Ratas", "date": "1 January 2018"},
    ]
    queries.write_text("".join(json.dumps(line) + "\n" for line in lines))
    proc = run_cli("actors", "resolve", "--input", str(queries), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    out = records(proc.stdout)
    assert [o["id"] for o in out] == ["k", "7", "u", "h", "d"]
    assert list(out[0]) == ["id", *FIELDS]
    assert [o["code"] for o in out] == ["RUS", "USA", "UKR", "RUS", "EST"]
    assert out[1]["sector"] == "GOV" and out[4]["sector"] == "GOV"
    assert out[2]["identifier_text"] == "Volodymyr Zelensky"
    assert "resolved 5 actor(s)" in proc.stderr


def test_bad_lines_are_reported_and_the_good_ones_resolved(tmp_path: Path) -> None:
    queries = tmp_path / "bad.jsonl"
    queries.write_text(
        '{"id": "a", "actor_text": "Israeli troops"}\n'
        "not json\n"
        '{"id": "c"}\n'
        '{"id": "d", "actor_text": "the Kremlin", "date": "17/13/2025"}\n'
        "[1, 2]\n"
    )
    proc = run_cli("actors", "resolve", "--input", str(queries), "--format", "json")
    assert proc.returncode == 0
    assert "Traceback" not in proc.stderr
    assert [o["id"] for o in records(proc.stdout)] == ["a", "d"]
    assert "bad.jsonl:2: not valid JSON" in proc.stderr
    assert 'bad.jsonl:3: no "actor_text"' in proc.stderr
    assert "bad.jsonl:4: date '17/13/2025' is not a date; write YYYY-MM-DD" in proc.stderr
    assert "bad.jsonl:5: not a JSON object" in proc.stderr
    assert "skipped 3 line(s)" in proc.stderr
    strict = run_cli("actors", "resolve", "--input", str(queries), "-f", "json", "--strict")
    assert strict.returncode == 1


def test_missing_input_file_is_a_clean_error(tmp_path: Path) -> None:
    proc = run_cli("actors", "resolve", "--input", str(tmp_path / "nope.jsonl"), "-f", "json")
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and "nope.jsonl" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_date_option_and_missing_phrase() -> None:
    bad = run_cli("actors", "resolve", "Kremlin", "--date", "2025-13-01")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    neither = run_cli("actors", "resolve")
    assert neither.returncode == 2 and "--input" in neither.stderr


def test_table_format_and_user_knowledge_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text("text,code,sector\nBankova Street,UKR,GOV\n")
    proc = run_cli("actors", "resolve", "Bankova Street", "--actors", str(extra), "-f", "table")
    assert proc.returncode == 0, proc.stderr
    assert "UKR" in proc.stdout and "GOV" in proc.stdout and "entity text" in proc.stdout


def test_config_knowledge_files(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text("text,code,sector\nBankova Street,UKR,GOV\n")
    config = tmp_path / "config.toml"
    config.write_text('[knowledge]\nactors = ["mine.csv"]\n')
    proc = run_cli("actors", "resolve", "Bankova Street", "--config", str(config), "-f", "json")
    assert records(proc.stdout)[0]["code"] == "UKR"


def test_help_names_the_options() -> None:
    proc = run_cli("actors", "resolve", "--help")
    assert proc.returncode == 0
    for option in ("--input", "--date", "--context", "--format", "--actors", "--config"):
        assert option in proc.stdout
