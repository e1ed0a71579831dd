"""Fixtures for the reader tests: a scratch working directory and a list-returning reader.

Tests run inside `tmp_path` so origins are the short relative names a user would
type (`notes.jsonl:7`), which keeps the assertions exact and readable.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eventcoder.model import Article, ReadProblem
from eventcoder.readers import read_inputs

Writer = Callable[[str, str | bytes], str]
Reader = Callable[..., list[Article | ReadProblem]]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside its own empty directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def write(workdir: Path) -> Writer:
    """Write a file (text as UTF-8, gzip-compressed if the name ends in .gz)."""

    def _write(name: str, content: str | bytes) -> str:
        path = workdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if name.lower().endswith(".gz"):
            data = gzip.compress(data)
        path.write_bytes(data)
        return name

    return _write


@pytest.fixture
def read(workdir: Path) -> Reader:
    """read_inputs, collected into a list."""

    def _read(*paths: str, **kwargs: Any) -> list[Article | ReadProblem]:
        return list(read_inputs(list(paths), **kwargs))

    return _read
