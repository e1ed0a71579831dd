"""The event store: coded corpora in one DuckDB file, deduplicated, ready for questions.

    >>> from eventcoder.store import Ingester, Store
    >>> Ingester(Path("corpus.duckdb")).run(articles)
    >>> Store.open("corpus.duckdb").timeline(dyad="USA-RUS", by="week")

Modules: schema (tables, versions, migrations), connection (opening the file,
locks), rows (records -> Arrow), ingest (coding and writing), dedup (clusters of
reports of one event), query (filters and SQL), export, api (`Store`).
See docs/store.md.
"""

from eventcoder.store.api import Store
from eventcoder.store.dedup import DEFAULT_WINDOW_DAYS
from eventcoder.store.ingest import Ingester, IngestReport
from eventcoder.store.query import Filters, StoreStats
from eventcoder.store.schema import SCHEMA_VERSION

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "SCHEMA_VERSION",
    "Filters",
    "IngestReport",
    "Ingester",
    "Store",
    "StoreStats",
]
