"""`eventcoder serve`: the web UI and JSON API over a store, read-only."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["register", "serve"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db: Annotated[Path, typer.Option("--db", help="The store file (a DuckDB database)")] = Path(
        "eventcoder.duckdb"
    ),
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="EVENTCODER_TOKEN",
            help="Bearer token required to code texts (POST /api/code and the form); "
            "also read from $EVENTCODER_TOKEN",
        ),
    ] = None,
    max_code_bytes: Annotated[
        int, typer.Option(help="Largest text coded through the web, in bytes (UTF-8)", min=1)
    ] = 100_000,
    code_per_minute: Annotated[
        float, typer.Option(help="Texts each client may code per minute", min=0.1)
    ] = 30.0,
    code_burst: Annotated[
        int, typer.Option(help="Texts each client may code at once before the rate applies", min=1)
    ] = 10,
    wait: Annotated[
        float,
        typer.Option(help="Seconds a request waits while an ingest writes the store (then 503)"),
    ] = 5.0,
    config: Annotated[
        Path | None, typer.Option(help="A settings file (TOML) for coding texts")
    ] = None,
) -> None:
    """Serve the web UI and JSON API over a store (read-only): browse events, dyads,
    actors and a map, and code a pasted text. API docs at /docs."""
    import uvicorn

    from eventcoder.config import Config
    from eventcoder.store import Store
    from eventcoder.web import CodeLimits, WebSettings, create_app

    store = Store.open(db, wait=wait)
    settings = WebSettings(
        token=token or None,
        limits=CodeLimits(max_code_bytes, code_per_minute, code_burst),
        wait=wait,
        config=Config.load(config) if config else None,
        warm_up=True,
    )
    app = create_app(store, settings)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"serving {db} at http://{shown}:{port}/ (API docs: /docs); Ctrl-C stops", err=True)
    if not _is_loopback(host):
        typer.echo(
            f"note: listening on {host}: anyone who can reach this port can read the store"
            + ("" if token else ", and code texts (give --token to require a token)"),
            err=True,
        )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add `serve` to the main app."""
    app.command()(serve)
