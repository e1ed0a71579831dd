"""`eventcoder ingest/query/stats/timeline/sql/export`: the event store's commands."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the store's commands to the main app."""
