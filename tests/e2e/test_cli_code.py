"""`eventcoder code` as a user runs it: inputs, formats, bad input, exit status."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from tests.conftest import SAMPLES, records, run_cli

pytestmark = pytest.mark.model


def codes(entities: list[dict]) -> set[str]:  # type: ignore[type-arg]
    return {e["code"] for e in entities if e.get("code")}


def test_putin_call_article_gives_the_expected_events() -> None:
    """Issue 2 acceptance: the article modelled on the brief's example."""
    proc = run_cli("code", "--format", "jsonl", str(SAMPLES / "putin_trump_call.txt"))
    assert proc.returncode == 0, proc.stderr
    events = records(proc.stdout)
    by_type: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for e in events:
        by_type.setdefault(e["event"][0], []).append(e)
    consult = [
        e
        for e in by_type["CONSULT"]
        if "phone" in e["mode"] and {"RUS", "USA"} <= codes(e["actor"]) | codes(e["recipient"])
    ]
    assert consult, "CONSULT/phone between RUS and USA"
    assert consult[0]["date"] == "2025-10-16"  # "on Thursday" in a Friday article
    assert any((e["event_loc"] or {}).get("country_code") == "HUN" for e in by_type["AGREE"])
    aid = by_type["AID"]
    assert any(
        e["aux_mode"] == "hypothetical"
        and "USA" in codes(e["actor"])
        and "UKR" in codes(e["recipient"])
        for e in aid
    )
    assert all(e["aux_mode"] is not None for e in aid), "no AID reported as delivered"
    assert any("RUS" in codes(e["actor"]) for e in by_type["REJECT"])
    assert any(
        "UKR" in codes(e["actor"]) and "RUS" in codes(e["recipient"]) for e in by_type["ASSAULT"]
    )


def test_record_fields_and_stable_ids(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("date 2025-03-04\nPolice in Nairobi arrested 40 protesters on Monday.\n")
    first = records(run_cli("code", "-f", "jsonl", str(article)).stdout)
    second = records(run_cli("code", "-f", "jsonl", str(article)).stdout)
    assert first and [e["id"] for e in first] == [e["id"] for e in second]
    event = first[0]
    fields = (
        "id", "doc_id", "date", "date_precision", "actor", "recipient", "event", "mode",
        "aux_mode", "context", "event_loc", "event_text", "text", "sentence_index",
        "attribution", "quad_code", "event_scale", "cameo", "coder", "confidence",
    )  # fmt: skip
    assert all(key in event for key in fields)
    assert event["doc_id"] == "a.txt"
    assert event["event"] == ["COERCE"] and event["mode"] == ["arrest"]
    assert event["date"] == "2025-03-03"
    text = article.read_text().split("\n", 1)[1]
    assert text[event["trigger_start"] : event["trigger_end"]] == event["event_text"]
    for actor in event["actor"]:
        assert text[actor["start"] : actor["end"]] == actor["entity_text"]


def test_inline_date_header_and_jsonl_and_gzip(tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text(" date 2025-10-17 Turkey expelled two Swedish diplomats.")
    lines = [
        {"id": "x1", "text": "Egypt condemned the raid on the refugee camp.", "date": "2025-01-02"},
        {"id": "x2", "text": "Protesters rallied in Lima against the new law."},
    ]
    with gzip.open(tmp_path / "batch.jsonl.gz", "wt") as handle:
        handle.write("\n".join(json.dumps(x) for x in lines) + "\n")
    proc = run_cli("code", "-f", "jsonl", "--date", "2025-05-05", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    events = records(proc.stdout)
    docs = {e["doc_id"]: e for e in events}
    assert docs["wire.txt"]["date"] == "2025-10-17"
    assert docs["x1"]["date"] == "2025-01-02"
    assert docs["x2"]["date"] == "2025-05-05"  # --date fills the gap


def test_stdin_and_csv(tmp_path: Path) -> None:
    proc = run_cli("code", "-f", "csv", "--date", "2025-02-01", "-",
                   stdin="India and Japan signed a defence agreement in Tokyo.")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    header, *rows = proc.stdout.splitlines()
    assert header.startswith("id,doc_id,date")
    assert any(",AGREE," in row for row in rows)


def test_no_date_warns_once_and_dates_are_null(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rebels attacked an army base in Mali.")
    (tmp_path / "b.txt").write_text("Police arrested a journalist in Minsk.")
    proc = run_cli("code", "-f", "jsonl", str(tmp_path))
    events = records(proc.stdout)
    assert events and all(e["date"] is None for e in events)
    assert proc.stderr.count("no publication date") == 1


BAD_INPUTS = {
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary.txt: binary file"),
    "empty.txt": (b"", "empty.txt: empty file"),
    "latin1.txt": ("Caf\xe9 talks in Paris.".encode("latin-1"), "latin1.txt: not UTF-8"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_file_is_reported_and_good_ones_still_coded(tmp_path: Path, name: str) -> None:
    content, message = BAD_INPUTS[name]
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("date 2025-06-01\nChina and Russia held talks in Beijing.")
    proc = run_cli("code", "-f", "jsonl", str(bad), str(good))
    assert proc.returncode == 0
    assert message in proc.stderr.replace(str(tmp_path) + "/", "")
    assert "Traceback" not in proc.stderr
    assert "skipped 1 record" in proc.stderr
    assert {e["doc_id"] for e in records(proc.stdout)} == {"good.txt"}
    strict = run_cli("code", "-f", "jsonl", "--strict", str(bad), str(good))
    assert strict.returncode != 0


def test_broken_jsonl_line_and_missing_text(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "ok1", "text": "Iran seized an oil tanker in the Gulf."}\n'
        '{"id": "bad", "text": "unterminated\n'
        '{"id": "notext", "body": "Police arrested five men."}\n'
        '{"id": "ok2", "text": "Germany deployed troops to Lithuania."}\n'
    )
    proc = run_cli("code", "-f", "jsonl", str(path))
    assert proc.returncode == 0
    assert "in.jsonl:2: not valid JSON" in proc.stderr
    assert 'in.jsonl:3: no "text" field' in proc.stderr
    assert "skipped 2 record" in proc.stderr
    assert {e["doc_id"] for e in records(proc.stdout)} == {"ok1", "ok2"}


def test_impossible_date_header_is_reported_and_article_kept(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text("date 2025-02-30\nSyria and Jordan reopened the border crossing.")
    proc = run_cli("code", "-f", "jsonl", str(path))
    assert proc.returncode == 0
    assert "odd.txt:1: impossible date 2025-02-30" in proc.stderr
    events = records(proc.stdout)
    assert events and all(e["date"] is None for e in events)


def test_missing_file_and_bad_option_give_clear_messages(tmp_path: Path) -> None:
    proc = run_cli("code", str(tmp_path / "nope.txt"))
    assert proc.returncode != 0
    assert "nope.txt: no such file or directory" in proc.stderr
    assert "Traceback" not in proc.stderr
    bad_date = run_cli("code", "--date", "2025-13-01", str(tmp_path))
    assert bad_date.returncode != 0 and "YYYY-MM-DD" in bad_date.stderr


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "events.jsonl"
    proc = run_cli("code", "-o", str(out), str(SAMPLES / "tbilisi_protests.txt"))
    assert proc.returncode == 0, proc.stderr
    assert out.exists() and not out.with_name("events.jsonl.part").exists()
    assert records(out.read_text())
