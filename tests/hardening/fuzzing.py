"""A bounded fuzz budget for the hardening tests, and a count of the inputs tried.

Every property test calls `tried(target)` once per generated input; the counts are
printed at the end of the run ("hardening figures", see tests/figures.py).

The budget is small in `make test` (the whole directory runs in about a minute).
`EVENTCODER_FUZZ_LONG=1` multiplies it by 100 (or by `EVENTCODER_FUZZ_FACTOR`):

    EVENTCODER_FUZZ_LONG=1 .venv/bin/python -m pytest tests/hardening -q -k fuzz
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from tests.figures import FIGURES

LONG = os.environ.get("EVENTCODER_FUZZ_LONG") == "1"
FACTOR = int(os.environ.get("EVENTCODER_FUZZ_FACTOR", "100")) if LONG else 1

F = TypeVar("F", bound=Callable[..., Any])


def budget(examples: int) -> Callable[[F], F]:
    """Hypothesis settings for a fuzz target: `examples` inputs (times the long factor),
    no deadline (timing is not what is tested), no database of old failures on disk."""
    return settings(  # type: ignore[return-value]
        max_examples=examples * FACTOR,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )


def tried(target: str) -> None:
    """Count one input tried against `target`."""
    FIGURES[f"fuzz inputs tried: {target}"] += 1
