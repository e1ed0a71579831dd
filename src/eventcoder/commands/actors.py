"""`eventcoder actors ...`: inspection and batch use of the actors resolver."""

from __future__ import annotations

import typer

app = typer.Typer(help="Inspect the actors resolver.", no_args_is_help=True)
