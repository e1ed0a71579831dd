"""The trigger lexicon: shipped data is valid and covers every type; errors are clear."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.errors import DataFileError
from eventcoder.events.lexicon import Lexicon, read_senses
from eventcoder.model import PLOVER_TYPES


def test_shipped_lexicon_covers_every_type() -> None:
    lexicon = Lexicon.load()
    senses = [s for group in (*lexicon.single.values(), *lexicon.multi.values()) for s in group]
    assert {s.event for s in senses} == set(PLOVER_TYPES)
    assert len(senses) > 300


def test_multiword_triggers_are_split_like_spacy() -> None:
    lexicon = Lexicon.load()
    words = {s.words for group in lexicon.multi.values() for s in group}
    assert ("cease", "-", "fire") in words
    assert ("air", "strike") in words


def test_user_senses_come_first(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text("trigger,pos,event,mode\nstrike,VERB,PROTEST,strike\n")
    lexicon = Lexicon.load([extra])
    assert lexicon.single["strike"][0].event == "PROTEST"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("attack,VERB,FIGHT,,,,,,", "'FIGHT' is not a PLOVER event type"),
        ("attack,VERBS,ASSAULT,,,,,,", "pos 'VERBS'"),
        ("attack,VERB,ASSAULT,,,object:x,,,", "kind must be one of"),
        ("attack,VERB,ASSAULT,,,,,sideways,", "args 'sideways'"),
        ("attack,VERB,ASSAULT,,,,,,1.5", "weight 1.5 is not between 0 and 1"),
    ],
)
def test_bad_lexicon_rows_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "lex.csv"
    path.write_text(
        "# mine\ntrigger,pos,event,mode,context,requires,excludes,args,weight\n" + row + "\n"
    )
    with pytest.raises(DataFileError) as info:
        read_senses(path)
    assert f"{path}:3" in str(info.value) and message in str(info.value)
