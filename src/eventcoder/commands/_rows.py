"""Output shared by the `resolve` commands: one JSON object a line, or a table."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any

__all__ = ["ResolveFormat", "write_rows"]


class ResolveFormat(StrEnum):
    json = "json"
    table = "table"


def write_rows(
    rows: Iterable[dict[str, Any]],
    fmt: ResolveFormat,
    *,
    columns: Sequence[str],
    cell: Callable[[str, Any], str] | None = None,
    width: int = 160,
) -> int:
    """Write rows as JSON lines or a rich table; return how many were written.

    `columns` names the table's columns when there are no rows; `cell` renders a
    value for the table (default: `str`, empty for None).
    """
    if fmt is ResolveFormat.json:
        count = 0
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        sys.stdout.flush()
        return count
    from rich.console import Console
    from rich.table import Table

    listed = list(rows)
    names = list(listed[0]) if listed else list(columns)
    render = cell or (lambda _name, value: str(value))
    table = Table(show_lines=False)
    for name in names:
        table.add_column(name.replace("_", " "), overflow="fold")
    for row in listed:
        table.add_row(*("" if row[n] is None else render(n, row[n]) for n in names))
    Console(width=None if sys.stdout.isatty() else width).print(table)
    return len(listed)
