"""`eventcoder dates ...`: inspection and batch use of the dates resolver."""

from __future__ import annotations

import typer

app = typer.Typer(help="Inspect the dates resolver.", no_args_is_help=True)
