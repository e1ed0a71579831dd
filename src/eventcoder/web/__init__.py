"""The web UI and JSON API over a store: `eventcoder serve`, or in Python

    >>> from eventcoder.store import Store
    >>> from eventcoder.web import create_app
    >>> app = create_app(Store.open("corpus.duckdb"))   # a FastAPI app; run it with uvicorn

Modules: app (the factory, errors, security headers), api (JSON under /api),
pages (HTML), params (the filters from a query string), db (the shared read-only
connection), guard and coding (coding a pasted text: limits, token), views
(values for display, highlighting), charts (Vega-Lite to SVG), worldmap (the
offline basemap). See docs/web.md.
"""

from eventcoder.web.app import WebSettings, create_app
from eventcoder.web.coding import CodeLimits

__all__ = ["CodeLimits", "WebSettings", "create_app"]
