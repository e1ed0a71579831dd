"""Statements of intent, demands through "must", and background events (issue 3).

Each sentence is written by the team; the expected codes follow PLOVER's rule
that a commitment is coded as AGREE/THREATEN/REJECT, not as the promised act.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _events(coder, text: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return [(e.event[0], e.aux_mode) for e in coder.code_text(text, date="2025-10-20")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Finland will give Kenya a grant of 40 million euros for water projects.", "AGREE"),
        ("Chile said it is ready to send firefighters to Bolivia.", "AGREE"),
        ("The Egyptian foreign minister will visit Ankara next week.", "AGREE"),
        ("Algeria says it is willing to reopen its border with Morocco.", "AGREE"),
        (
            "Nigeria announced that it will withdraw its soldiers from Chad unless the "
            "government holds elections.",
            "THREATEN",
        ),
        ("Greece plans to impose restrictions on migrants arriving from Libya.", "THREATEN"),
        ("Hungary said it will not accept any more asylum seekers.", "REJECT"),
    ],
)
def test_commitments_are_coded_as_the_statement(coder, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(coder, text)
    assert (expected, None) in events, events


def test_the_promised_act_is_kept_as_embedded_event(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Japan will send 50 million dollars in aid to Sudan."
    (event,) = coder.code_text(text, date="2025-01-01")
    assert event.event == ("AGREE",)
    assert event.extra["embedded_event"]["event"] == "AID"
    assert event.to_dict()["embedded_event"]["aux_mode"] == "future"


@pytest.mark.parametrize(
    ("text", "event", "aux_mode"),
    [
        ("Trump is weighing whether to send Tomahawk missiles to Kyiv.", "AID", "hypothetical"),
        ("Iran could resume talks with the IAEA if sanctions end.", "CONSULT", "hypothetical"),
    ],
)
def test_deliberation_is_not_a_commitment(coder, text: str, event: str, aux_mode: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(coder, text)
    assert (event, aux_mode) in events, events
    assert "AGREE" not in {e for e, _ in events}


def test_must_under_speech_is_the_speakers_request(coder) -> None:  # type: ignore[no-untyped-def]
    events = coder.code_text(
        "The French foreign minister said Serbia must withdraw its troops from the Kosovo border.",
        date="2024-05-02",
    )
    request = [e for e in events if e.event == ("REQUEST",)]
    assert request, events
    assert request[0].actor[0].code == "FRA"
    assert "SRB" in {r.code for r in request[0].recipient}


def test_background_clauses_are_not_coded_when_a_main_event_exists(coder) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Pakistan and India agreed to a ceasefire after four days of heavy fighting "
        "along the Line of Control."
    )
    assert [e for e, _ in _events(coder, text)] == ["AGREE"]
    relative = "Kenya condemned the militants who attacked a bus near Mandera."
    assert [e for e, _ in _events(coder, relative)] == ["ACCUSE"]


def test_background_events_can_be_kept(coder) -> None:  # type: ignore[no-untyped-def]
    from eventcoder import Coder
    from eventcoder.config import Config

    keeping = Coder(Config.default().with_overrides(background_events=True))
    text = "Pakistan condemned India after Indian shelling killed five Pakistani soldiers."
    assert [e for e, _ in _events(coder, text)] == ["ACCUSE"]
    types = {e.event[0] for e in keeping.code_text(text, date="2025-05-10")}
    assert types == {"ACCUSE", "ASSAULT"}


def test_a_lone_background_event_is_still_coded(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Residents fled after Sudanese army jets bombed the market in Nyala."
    assert "ASSAULT" in {e for e, _ in _events(coder, text)}


def test_protests_count_their_participants_through_quantity_nouns(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Thousands of Georgian students demonstrated in Tbilisi on Sunday."
    (event,) = coder.code_text(text, date="2024-12-01")
    assert event.event == ("PROTEST",)
    assert event.actor[0].code == "GEO"
