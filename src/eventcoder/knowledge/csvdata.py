"""Reading the package's CSV data files (and users' files in the same format).

Every data file is UTF-8 CSV: `#` comment lines first (what the file holds and
what each column means), then a header line, then one entry per line. Lists
inside a field are separated by `|`. Errors name the file and the line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

from eventcoder.errors import DataFileError

__all__ = ["data_path", "read_rows", "split_list"]


def data_path(name: str) -> Path:
    """The path of a data file shipped in `eventcoder/data`."""
    return Path(str(resources.files("eventcoder") / "data" / name))


def split_list(value: str | None) -> list[str]:
    """Split a `|`-separated field into its non-empty, stripped items."""
    if not value:
        return []
    return [item.strip() for item in value.split("|") if item.strip()]


def read_rows(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each entry of a data file.

    Raises DataFileError naming the file and line when the header lacks a
    required column or a row has more fields than the header.
    """
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot open data file ({exc.strerror})") from exc
    with handle:
        lines = _numbered_data_lines(handle)
        try:
            header_no, header_line = next(lines)
        except StopIteration:
            raise DataFileError(f"{path}: no header line; expected {', '.join(required)}") from None
        header = [h.strip() for h in next(csv.reader([header_line]))]
        missing = [c for c in required if c not in header]
        if missing:
            raise DataFileError(
                f"{path}:{header_no}: header lacks column(s) {', '.join(missing)}; "
                f"the header must name {', '.join(required)}"
            )
        for line_no, line in lines:
            yield line_no, _parse_row(path, line_no, line, header)


def _numbered_data_lines(handle: Iterable[str]) -> Iterator[tuple[int, str]]:
    for line_no, line in enumerate(handle, start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield line_no, line


def _parse_row(path: Path, line_no: int, line: str, header: list[str]) -> dict[str, str]:
    try:
        fields = next(csv.reader([line], strict=True))
    except csv.Error as exc:
        raise DataFileError(f"{path}:{line_no}: not valid CSV ({exc})") from exc
    if len(fields) > len(header):
        raise DataFileError(
            f"{path}:{line_no}: {len(fields)} fields but the header has {len(header)}; "
            "quote fields that contain commas"
        )
    fields += [""] * (len(header) - len(fields))
    return {name: value.strip() for name, value in zip(header, fields, strict=True)}
