"""`eventcoder dates resolve` and `eventcoder places resolve` as a user runs them (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import records, run_cli

# ----------------------------------------------------------------------- dates


def test_dates_resolve_one_expression_as_json() -> None:
    proc = run_cli("dates", "resolve", "last Tuesday", "--dct", "2025-10-17", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    [row] = records(proc.stdout)
    assert row == {
        "text": "last Tuesday",
        "start": 0,
        "end": 12,
        "value": "2025-10-14",
        "precision": "day",
        "date": "2025-10-14",
        "enddate": None,
    }


def test_dates_resolve_tense_picks_the_weekday() -> None:
    args = ("dates", "resolve", "on Tuesday", "--dct", "2025-10-17", "-f", "json")
    past = records(run_cli(*args, "--tense", "past").stdout)
    future = records(run_cli(*args, "--tense", "future").stdout)
    assert (past[0]["value"], future[0]["value"]) == ("2025-10-14", "2025-10-21")


def test_dates_resolve_text_as_table() -> None:
    text = "The envoys met last spring and again late last month."
    proc = run_cli("dates", "resolve", text, "--dct", "2025-10-17", "--format", "table")
    assert proc.returncode == 0, proc.stderr
    assert "2025-SP" in proc.stdout and "2025-09" in proc.stdout and "season" in proc.stdout


def test_dates_resolve_input_file_with_bad_lines(tmp_path: Path) -> None:
    text = "Talks began two days ago and will resume in the spring."
    lines = [
        json.dumps({"id": "a", "text": text, "dct": "2025-10-17"}),
        "{not json",
        json.dumps({"id": "b", "text": "No date here."}),
        json.dumps(
            {"id": "c", "text": "A truce held in the past eight months.", "dct": "2025-10-17"}
        ),
    ]
    source = tmp_path / "texts.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_cli("dates", "resolve", "--input", str(source), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = records(proc.stdout)
    by_text = {r["text"]: r for r in rows}
    assert by_text["two days ago"]["value"] == "2025-10-15"
    assert by_text["two days ago"]["id"] == "a"
    first = by_text["two days ago"]
    assert text[first["start"] : first["end"]] == "two days ago"
    assert by_text["the spring"]["value"] == "2026-SP"
    past = next(r for r in rows if r["id"] == "c")
    assert (past["date"], past["enddate"]) == ("2025-02-17", "2025-10-17")
    assert f"{source}:2" in proc.stderr and "not valid JSON" in proc.stderr
    assert f"{source}:3" in proc.stderr and "dct" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_dates_resolve_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    proc = run_cli("dates", "resolve", "--input", str(tmp_path / "nope.jsonl"))
    assert proc.returncode == 2
    assert "error:" in proc.stderr and "nope.jsonl" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_dates_resolve_bad_dct_is_a_usage_error() -> None:
    proc = run_cli("dates", "resolve", "yesterday", "--dct", "17/10/2025")
    assert proc.returncode == 2
    assert "YYYY-MM-DD" in proc.stderr and "Traceback" not in proc.stderr


def test_dates_resolve_needs_text_or_input() -> None:
    proc = run_cli("dates", "resolve")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


# ---------------------------------------------------------------------- places


def test_places_resolve_budapest_as_json() -> None:
    proc = run_cli("places", "resolve", "Budapest", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    [row] = records(proc.stdout)
    assert (row["resolved_place"], row["country_code"], row["resolution"]) == (
        "Budapest",
        "HUN",
        4,
    )
    assert row["geonameid"] and row["population"] > 1_000_000
    assert 47 < row["lat"] < 48 and 18 < row["lon"] < 20
    assert (row["feature_class"], row["feature_code"]) == ("P", "PPLC")
    assert isinstance(row["alternatives"], list)


def test_places_resolve_country_hint() -> None:
    plain = records(run_cli("places", "resolve", "Tripoli", "-f", "json").stdout)[0]
    hinted = records(
        run_cli("places", "resolve", "Tripoli", "--country", "LBN", "-f", "json").stdout
    )[0]
    assert (plain["country_code"], hinted["country_code"]) == ("LBY", "LBN")
    assert any(a["country_code"] == "LBY" for a in hinted["alternatives"])


def test_places_resolve_state_has_its_admin1() -> None:
    [row] = records(run_cli("places", "resolve", "Georgia", "-c", "USA", "-f", "json").stdout)
    assert (row["country_code"], row["admin1"], row["resolution"]) == ("USA", "Georgia", 2)


def test_places_resolve_table() -> None:
    proc = run_cli("places", "resolve", "Kiev", "--format", "table")
    assert proc.returncode == 0, proc.stderr
    assert "Kyiv" in proc.stdout and "UKR" in proc.stdout


def test_places_resolve_unknown_name_says_so() -> None:
    proc = run_cli("places", "resolve", "Xyzzy-on-Nowhere", "--format", "json")
    assert proc.returncode == 1
    assert "no place named" in proc.stderr and "Traceback" not in proc.stderr


def test_places_resolve_input_file_with_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "names.jsonl"
    source.write_text(
        '{"id": 1, "name": "Kharkiv"}\n'
        "oops\n"
        '{"id": 3, "name": "Georgia", "countries": ["USA"]}\n'
        '{"id": 4, "countries": "GEO"}\n',
        encoding="utf-8",
    )
    proc = run_cli("places", "resolve", "--input", str(source), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = records(proc.stdout)
    assert [(r["id"], r["country_code"]) for r in rows] == [("1", "UKR"), ("3", "USA")]
    assert f"{source}:2" in proc.stderr and f"{source}:4" in proc.stderr
    assert "Traceback" not in proc.stderr
    strict = run_cli("places", "resolve", "--input", str(source), "--strict")
    assert strict.returncode == 1


def test_places_resolve_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    proc = run_cli("places", "resolve", "--input", str(tmp_path / "none.jsonl"))
    assert proc.returncode == 2
    assert "error:" in proc.stderr and "none.jsonl" in proc.stderr


def test_help_of_both_commands() -> None:
    for command in ("dates", "places"):
        proc = run_cli(command, "resolve", "--help")
        assert proc.returncode == 0 and "--input" in proc.stdout and "--format" in proc.stdout
