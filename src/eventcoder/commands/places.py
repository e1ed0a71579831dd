"""`eventcoder places ...`: inspection and batch use of the places resolver."""

from __future__ import annotations

import typer

app = typer.Typer(help="Inspect the places resolver.", no_args_is_help=True)
