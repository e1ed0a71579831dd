"""Audit an event-location gold file for runs of rows nobody annotated.

    .venv/bin/python bench/location_gold_audit.py ../shared/gold/dev/event_location.jsonl
        [--min-run 100] [--write-without-runs DIR]

Each input line is `{"id", "event_locations": [...], ...}` (the Halterman 2019 event
location format). Rows whose ids share a prefix and end in a number (`batch_17`)
were annotated in id order. A long run of consecutive ids in which no row has a
location, inside a batch whose other rows often have one, is a stretch an
annotator left undone, not a stretch of sentences that name no place: its "no
location" answers would score every place a coder finds there as a false one.

Reported, per batch with such a run: the share of its other rows with a location,
the run's id range and length, and the chance of the run if each of its rows had
been empty with the batch's own rate. With `--write-without-runs DIR`, a copy of
the file without those runs is written to DIR/event_location.jsonl, for
`score.py locations --data DIR`. DIR must lie outside the repository: the gold
data is never copied into it.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

_NUMBERED = re.compile(r"^(?P<prefix>.*?)(?P<number>\d+)$")


def load(path: Path) -> list[dict[str, Any]]:
    """The gold rows; a bad line stops with its number."""
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{n}: not valid JSON ({e.msg}); fix or remove this line")
    return rows


def empty_runs(rows: list[dict[str, Any]], min_run: int) -> list[dict[str, Any]]:
    """Runs of at least `min_run` consecutive numbered rows of one batch, none located."""
    batches: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for row in rows:
        m = _NUMBERED.match(str(row.get("id", "")))
        if m and not m["prefix"].lstrip("-").isdigit() and m["prefix"]:
            batches[m["prefix"]].append((int(m["number"]), bool(row.get("event_locations"))))
    found = []
    for prefix, items in sorted(batches.items()):
        items.sort()
        run: list[int] = []
        for number, located in [*items, (math.inf, True)]:
            if not located:
                run.append(int(number))
                continue
            if len(run) >= min_run:
                others = [loc for num, loc in items if not run[0] <= num <= run[-1]]
                rate = sum(others) / len(others) if others else 0.0
                found.append(
                    {
                        "batch": prefix,
                        "first": run[0],
                        "last": run[-1],
                        "rows": len(run),
                        "others": len(others),
                        "others_located": rate,
                        # log10 of the chance that len(run) rows are all empty at that rate
                        "log10_chance": len(run) * math.log10(1 - rate) if rate < 1 else -math.inf,
                    }
                )
            run = []
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path, help="event-location gold file (JSONL)")
    ap.add_argument("--min-run", type=int, default=100, help="shortest run reported (100)")
    ap.add_argument("--write-without-runs", type=Path, metavar="DIR")
    a = ap.parse_args(argv)
    if not a.gold.is_file():
        sys.exit(f"{a.gold}: no such file")
    rows = load(a.gold)
    runs = [r for r in empty_runs(rows, a.min_run) if r["others_located"] >= 0.1]
    located = sum(bool(r.get("event_locations")) for r in rows)
    print(f"{a.gold}: {len(rows)} rows, {located} with a location")
    if not runs:
        print(f"no run of {a.min_run} or more unlocated rows in a batch that locates others")
    for r in runs:
        print(
            f"batch {r['batch']!r}: ids {r['first']}..{r['last']}: {r['rows']} rows, none "
            f"located; {r['others_located']:.0%} of its other {r['others']} rows are; chance "
            f"at that rate 1e{r['log10_chance']:.0f}"
        )
    if a.write_without_runs is not None:
        skip = set()
        for r in runs:
            skip.update(f"{r['batch']}{n}" for n in range(r["first"], r["last"] + 1))
        out_dir = a.write_without_runs
        repo = Path(__file__).resolve().parents[1]
        if out_dir.resolve() == repo or repo in out_dir.resolve().parents:
            sys.exit(f"{out_dir}: inside the repository; write the copy elsewhere (e.g. /tmp)")
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / "event_location.jsonl"
        kept = [row for row in rows if str(row.get("id")) not in skip]
        tmp = target.with_suffix(".jsonl.part")
        tmp.write_text("".join(json.dumps(row) + "\n" for row in kept), encoding="utf-8")
        tmp.replace(target)
        print(f"wrote {target}: {len(kept)} rows ({len(rows) - len(kept)} left out)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
