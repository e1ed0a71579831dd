"""Figures the hardening tests measure (issue 9), printed at the end of a pytest run.

Tests add to `FIGURES` (inputs tried per fuzz target, ingests killed and survived);
tests/conftest.py prints them in a "hardening figures" section, so the numbers in
a closing note come from the same run as the tests that checked them.
"""

from __future__ import annotations

from collections import Counter

FIGURES: Counter[str] = Counter()
