"""Helpers the event-place tests share: the place the coder gives an event."""

from __future__ import annotations

from eventcoder.coder import Coder
from eventcoder.model import Place

#: The publication date the place tests code their sentences with.
DATE = "2025-10-20"


def place_of(coder: Coder, text: str, word: str | None = None) -> str | None:
    """The place of the first event whose words hold `word`, or of the first placed
    event when `word` is None."""
    for e in coder.code_text(text, date=DATE):
        place = e.event_loc.extracted_place if e.event_loc else None
        if (word is None and place is not None) or (word is not None and word in e.event_text):
            return place
    return None


def place_record_of(coder: Coder, text: str, word: str) -> Place | None:
    """The whole place record of the first event whose words hold `word`."""
    events = coder.code_text(text, date=DATE)
    return next((e.event_loc for e in events if word in e.event_text), None)
