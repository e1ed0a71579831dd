"""eventcoder: news text on international politics -> PLOVER event records.

>>> from eventcoder import Coder
>>> coder = Coder()
>>> events = coder.code_text("Putin phoned Trump on Thursday.", date="2025-10-17")
"""

from eventcoder.__about__ import __version__
from eventcoder.config import Config
from eventcoder.errors import EventcoderError
from eventcoder.model import Event

__all__ = ["Coder", "Config", "Event", "EventcoderError", "__version__"]


def __getattr__(name: str) -> object:
    # Coder pulls in spaCy; import it on first use so `import eventcoder` stays light.
    if name == "Coder":
        from eventcoder.coder import Coder

        return Coder
    raise AttributeError(f"module 'eventcoder' has no attribute {name!r}")
