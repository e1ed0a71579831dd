"""Shared fixtures. Tests that load the spaCy model are marked `model`; they run in CI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.figures import FIGURES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLD = ROOT / "tests" / "data" / "gold"


def run_cli(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m eventcoder ARGS` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "eventcoder", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


def records(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


@pytest.fixture(scope="session")
def coder():  # type: ignore[no-untyped-def]
    from eventcoder import Coder

    return Coder()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the hardening figures (fuzz inputs tried, kills survived) of this run."""
    if not FIGURES:
        return
    terminalreporter.section("hardening figures")
    for name, count in sorted(FIGURES.items()):
        terminalreporter.write_line(f"{name}: {count:,}")
