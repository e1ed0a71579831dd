"""`eventcoder serve` as a user runs it (issue 7): help, errors, a real server process."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from tests.unit.store.store_fixtures import sample_pairs
from tools.browser import free_port

from eventcoder.store import Ingester

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventcoder", *args], capture_output=True, text=True, timeout=120
    )


def test_help_names_the_options_and_the_readme_the_command() -> None:
    proc = run_cli("serve", "--help")
    assert proc.returncode == 0
    for option in ("--db", "--host", "--port", "--token", "--max-code-bytes", "--wait"):
        assert option in proc.stdout
    assert "eventcoder serve" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_missing_store_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    proc = run_cli("serve", "--db", str(tmp_path / "none.duckdb"))
    assert proc.returncode == 2
    assert "no store at" in proc.stderr and "Traceback" not in proc.stderr


def test_serve_answers_then_stops_on_ctrl_c(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    Ingester(db).add(sample_pairs(tmp_path))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "eventcoder", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        stats = _get_json(f"http://127.0.0.1:{port}/api/stats", server)
        assert stats["totals"]["clusters"] == 6
    finally:
        server.send_signal(signal.SIGINT)
        _out, err = server.communicate(timeout=60)
    assert f"serving {db} at http://127.0.0.1:{port}/" in err
    assert "Traceback" not in err


def _get_json(url: str, server: subprocess.Popen[str]) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server exited: {server.stderr.read() if server.stderr else ''}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.loads(response.read())
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"no answer from {url}")
