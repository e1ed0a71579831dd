"""Hardening tests (issue 9): fuzzing makes parsers log a lot; keep the output readable."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _quiet_parser_logs(caplog: pytest.LogCaptureFixture) -> None:
    """trafilatura logs a warning for every page it cannot parse; fuzzing makes many."""
    caplog.set_level("CRITICAL", logger="trafilatura")
    caplog.set_level("CRITICAL", logger="htmldate")
    caplog.set_level("CRITICAL", logger="eventcoder.readers.html")
