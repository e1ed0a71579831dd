"""The exception tree. Every error eventcoder raises on purpose is one of these.

    EventcoderError            base: catch this to catch them all
    ├── ConfigError            a setting or a user data file is wrong
    ├── InputError             an input file or record cannot be read
    ├── ModelError             the spaCy model cannot be loaded
    ├── DataFileError          a shipped or user knowledge file is malformed
    ├── StoreError             the event store cannot be opened, read or written
    └── EngineError            a worker pool or a Dask cluster cannot be reached or used

Messages say what went wrong, where (file and line), and what to do about it.
The CLI prints them without a traceback; the library lets them propagate.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DataFileError",
    "EngineError",
    "EventcoderError",
    "InputError",
    "ModelError",
    "StoreError",
]


class EventcoderError(Exception):
    """Base of every error eventcoder raises on purpose."""


class ConfigError(EventcoderError):
    """A configuration value is missing or invalid."""


class InputError(EventcoderError):
    """An input file or record cannot be read."""


class ModelError(EventcoderError):
    """The spaCy model cannot be loaded."""


class DataFileError(EventcoderError):
    """A knowledge or lexicon data file is malformed."""


class StoreError(EventcoderError):
    """The event store (a DuckDB file) cannot be opened, read or written."""


class EngineError(EventcoderError):
    """A worker pool or a Dask cluster cannot be reached or used."""
