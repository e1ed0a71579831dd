"""Scoring the coder against gold sentences (`eventcoder evaluate`).

Gold files are JSONL. The PLOVER format (as in the PLOVER gold-standard
records and the team's own tests/data/gold/team_gold.jsonl) has `id`, `text`,
`event` (list of types), `actor` and `recipient` (lists of {code}), and
optionally `date` and `aux_mode`. The ConfliBERT format has `id`, `text` and
`penta` (0..4), scored with `--quad`. Type scores are per sentence: a type
counts as found when any event of the sentence has it.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.config import Config
from eventcoder.engines.local import run_local
from eventcoder.errors import InputError
from eventcoder.model import PLOVER_TYPES, QUAD_CODES, Article, Event

__all__ = [
    "Report",
    "evaluate_file",
    "format_report",
    "score_plover",
    "score_quad",
]

_IRREALIS = frozenset({"negation", "hypothetical", "future"})
_DEFAULT_DATE = "2000-01-01"


@dataclass
class Report:
    sentences: int = 0
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    actor_hit: int = 0
    actor_n: int = 0
    irrealis_ok: int = 0
    irrealis_n: int = 0
    empty_ok: int = 0
    empty_n: int = 0
    quad_correct: int = 0
    quad_n: int = 0
    quad: bool = False
    errors: list[str] = field(default_factory=list)
    #: (confidence, right) for every emitted event, for the calibration table
    judged: list[tuple[float, bool]] = field(default_factory=list)

    def calibration(self) -> list[tuple[float, float, int, float]]:
        """Rows (low, high, events, precision) over CONFIDENCE_BINS."""
        rows = []
        for low, high in itertools.pairwise(CONFIDENCE_BINS):
            right = [ok for c, ok in self.judged if low <= c < high or (high == 1.0 and c == 1.0)]
            if right:
                rows.append((low, high, len(right), sum(right) / len(right)))
        return rows

    def prf(self, t: str) -> tuple[float, float, float]:
        return _prf(self.tp[t], self.fp[t], self.fn[t])

    @property
    def macro_f1(self) -> float:
        present = [self.prf(t)[2] for t in PLOVER_TYPES if self.tp[t] + self.fn[t]]
        return sum(present) / len(present) if present else 0.0

    @property
    def micro(self) -> tuple[float, float, float]:
        return _prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))


CONFIDENCE_BINS = (0.0, 0.5, 0.6, 0.85, 1.0)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_gold(path: Path) -> list[dict[str, Any]]:
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or "id" not in record or "text" not in record:
            raise InputError(f'{path}:{number}: a gold record needs "id" and "text"')
        records.append(record)
    return records


def evaluate_file(path: Path, config: Config, *, quad: bool = False, jobs: int = 1) -> Report:
    gold = load_gold(path)
    articles = [
        Article(id=str(g["id"]), text=g["text"], date=_date(g.get("date")), origin=str(path))
        for g in gold
    ]
    coded = {a.id: evs for a, evs in run_local(articles, config, jobs=jobs)}
    if quad:
        return score_quad(gold, coded)
    return score_plover(gold, coded)


def _date(value: Any) -> Any:
    import datetime as dt

    text = value if isinstance(value, str) and value else _DEFAULT_DATE
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return dt.date.fromisoformat(_DEFAULT_DATE)


def score_plover(gold: list[dict[str, Any]], coded: dict[str, list[Event]]) -> Report:
    report = Report()
    for g in gold:
        events = coded.get(str(g["id"]), [])
        report.sentences += 1
        gold_types = {str(t).upper() for t in g.get("event") or []}
        got = {t for e in events for t in e.event}
        for t in PLOVER_TYPES:
            report.tp[t] += t in got and t in gold_types
            report.fp[t] += t in got and t not in gold_types
            report.fn[t] += t in gold_types and t not in got
        report.judged.extend((e.confidence, bool(set(e.event) & gold_types)) for e in events)
        _score_actors(report, g, events)
        _score_modality(report, g, events, gold_types)
        if got != gold_types:
            report.errors.append(_error_line(g, gold_types, events))
    return report


#: Gold codes that older PLOVER data wrote for what PLOVER now codes apart: the
#: PLOVER 0.5 records code the UN and the European Community as IGO, where PLOVER
#: 2021 has UNO and EUR; JAP is the old code of Japan.
_GOLD_EQUIVALENTS = {"IGO": frozenset({"IGO", "UNO", "EUR"}), "JAP": frozenset({"JPN"})}


def _score_actors(report: Report, g: dict[str, Any], events: list[Event]) -> None:
    wanted = {
        str(a.get("code")).upper()
        for a in (g.get("actor") or []) + (g.get("recipient") or [])
        if isinstance(a, dict) and a.get("code")
    }
    if not wanted:
        return
    found = {e.code for ev in events for e in (*ev.actor, *ev.recipient) if e.code}
    report.actor_n += 1
    report.actor_hit += all(
        found & _GOLD_EQUIVALENTS.get(code, frozenset({code})) for code in wanted
    )


def _score_modality(
    report: Report, g: dict[str, Any], events: list[Event], gold_types: set[str]
) -> None:
    if not gold_types:
        report.empty_n += 1
        report.empty_ok += not events
    if g.get("aux_mode") in _IRREALIS:
        report.irrealis_n += 1
        realis = [e for e in events if e.aux_mode is None and set(e.event) & gold_types]
        report.irrealis_ok += not realis


def _error_line(g: dict[str, Any], gold_types: set[str], events: list[Event]) -> str:
    got = ", ".join(
        f"{e.event[0]}({e.event_text}{'/' + e.aux_mode if e.aux_mode else ''})" for e in events
    )
    return f"{g['id']}: gold {sorted(gold_types)} got [{got}]\n    {g['text']}"


def score_quad(gold: list[dict[str, Any]], coded: dict[str, list[Event]]) -> Report:
    report = Report(quad=True)
    for g in gold:
        want = g.get("penta")
        if not isinstance(want, int) or want == 0:
            continue
        events = coded.get(str(g["id"]), [])
        report.judged.extend((e.confidence, QUAD_CODES[e.event[0]] == want) for e in events)
        classes = Counter(QUAD_CODES[t] for e in events for t in e.event)
        pred = classes.most_common(1)[0][0] if classes else None
        report.quad_n += 1
        report.quad_correct += pred == want
        if pred != want:
            report.errors.append(f"{g['id']}: gold quad {want} got {pred}\n    {g['text']}")
    return report


def format_report(report: Report, *, show_errors: int = 0) -> str:
    lines = []
    if report.quad:
        acc = report.quad_correct / max(report.quad_n, 1)
        lines.append(f"quad-class accuracy {acc:.3f} on {report.quad_n} sentences")
    else:
        for t in PLOVER_TYPES:
            p, r, f = report.prf(t)
            lines.append(
                f"{t:10s} P {p:.2f} R {r:.2f} F1 {f:.2f}  "
                f"(tp {report.tp[t]}, fp {report.fp[t]}, fn {report.fn[t]})"
            )
        mp, mr, mf = report.micro
        lines.append(f"sentences {report.sentences}")
        lines.append(f"macro-F1 {report.macro_f1:.3f}  micro-F1 {mf:.3f} (P {mp:.3f} R {mr:.3f})")
        acc = report.actor_hit / max(report.actor_n, 1)
        lines.append(f"actor-country accuracy {report.actor_hit}/{report.actor_n} = {acc:.3f}")
        if report.irrealis_n:
            share = report.irrealis_ok / report.irrealis_n
            lines.append(
                f"irrealis kept out (negated/hypothetical/future sentences with no realis event "
                f"of the gold type): {report.irrealis_ok}/{report.irrealis_n} = {share:.3f}"
            )
        if report.empty_n:
            lines.append(f"no-event sentences left empty: {report.empty_ok}/{report.empty_n}")
    if report.judged:
        lines.append("confidence   events  precision")
        for low, high, n, precision in report.calibration():
            lines.append(f"[{low:.2f}, {high:.2f})  {n:6d}  {precision:9.3f}")
    for line in report.errors[:show_errors]:
        lines.append(line)
    return "\n".join(lines)
