"""Size limits (issue 9): a 50 MB article, a 10 MB line, a million-line JSONL.

Each input is read through `read_inputs` in a fresh Python process that reports how
far its peak resident memory grew while reading (VmHWM in /proc, Linux), so the
figure is the reader's alone. The bounds asserted are generous multiples of the limits: what they
catch is a reader that holds a whole oversized file, or a whole JSONL file, in memory.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import run_cli

pytestmark = pytest.mark.slow

MB = 1_000_000

#: Runs in the child: read the inputs, count what came out, report the memory growth.
MEASURE = """
import json, sys
from eventcoder.readers import read_inputs
import eventcoder.readers.html  # every reader imported before the baseline

def rss_mb():  # the peak resident size of this process (ru_maxrss survives exec)
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024

limits = json.loads(sys.argv[1])
base = rss_mb()
articles, problems, ids, text_bytes = 0, [], [], 0
for item in read_inputs(sys.argv[2:], **limits):
    if hasattr(item, "text"):
        articles += 1
        text_bytes = max(text_bytes, len(item.text))
        if len(ids) < 5:
            ids.append(item.id)
    else:
        problems.append([item.origin, item.message])
print(json.dumps({"articles": articles, "problems": problems[:20], "n_problems": len(problems),
                  "ids": ids, "longest_text": text_bytes, "growth_mb": rss_mb() - base}))
"""


def measure(*paths: Path, **limits: int) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, json.dumps(limits), *map(str, paths)],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(proc.stdout)
    print(f"memory growth reading {[p.name for p in paths]}: {result['growth_mb']:.1f} MB")
    return result


def write_article(path: Path, size: int) -> None:
    """A text article of exactly `size` bytes (a sentence repeated)."""
    sentence = b"Russia and China held talks in Beijing on Monday, officials said. "
    with path.open("wb") as handle:
        handle.write(b"date 2025-10-17\n")
        left = size - 16
        while left > 0:
            chunk = sentence * min(10_000, left // len(sentence) + 1)
            handle.write(chunk[:left])
            left -= min(left, len(chunk))


def test_a_50_mb_article_is_read_and_a_larger_one_skipped_unread(tmp_path: Path) -> None:
    fits = tmp_path / "fits.txt"
    write_article(fits, 50 * MB)
    too_big = tmp_path / "too_big.txt"
    write_article(too_big, 50 * MB + 1)
    small = tmp_path / "small.txt"
    small.write_text("Police arrested twelve protesters in Nairobi.")
    result = measure(fits, too_big, small)
    assert result["articles"] == 2
    assert result["ids"] == ["fits.txt", "small.txt"]
    assert result["longest_text"] == 50 * MB - 16  # the header is cut, the text is whole
    [[origin, message]] = result["problems"]
    assert origin == str(too_big)
    assert "50,000,000-byte limit" in message and "--max-bytes" in message
    assert "max_article_bytes" in message
    # the 50 MB article as bytes and as text; the larger one is refused from its size
    assert result["growth_mb"] < 200


def test_a_compressed_article_over_the_limit_is_not_decompressed_whole(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as handle:
        for _ in range(200):
            handle.write(b"a" * MB)  # 200 MB of text in a file of a few hundred KB
    result = measure(bomb, max_bytes=20 * MB)
    assert result["articles"] == 0
    assert "20,000,000-byte limit" in result["problems"][0][1]
    assert result["growth_mb"] < 80  # at most the limit is ever decompressed


def test_a_10_mb_line_is_skipped_in_pieces_and_its_neighbours_kept(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    with path.open("wb") as handle:
        handle.write(b'{"id": "before", "text": "Talks were held in Geneva."}\n')
        handle.write(b'{"id": "long", "text": "' + b"x" * (10 * MB) + b'"}\n')
        handle.write(b'{"id": "between", "text": "Troops left the border area."}\n')
        handle.write(b'{"id": "huge", "text": "' + b"y" * (60 * MB) + b'"}\n')
        handle.write(b'{"id": "after", "text": "The minister resigned."}\n')
    result = measure(path)
    assert result["ids"] == ["before", "between", "after"]
    assert [origin for origin, _ in result["problems"]] == [f"{path}:2", f"{path}:4"]
    message = result["problems"][0][1]
    assert "10,000,000-byte limit" in message and "--max-line-bytes" in message
    # one line up to the limit at a time, never the 60 MB line
    assert result["growth_mb"] < 60


def test_a_million_line_jsonl_streams(tmp_path: Path) -> None:
    path = tmp_path / "million.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(1_000_000):
            handle.write(f'{{"id": "d{n}", "text": "Talks number {n} were held."}}\n')
    assert path.stat().st_size > 45 * MB
    result = measure(path)
    assert result["articles"] == 1_000_000
    assert result["n_problems"] == 0
    # the file is never held; what grows is the set of ids seen (to report duplicates)
    assert result["growth_mb"] < 150


def test_limits_come_from_the_config_and_the_options(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Talks were held in Geneva. " * 100)  # 2,700 bytes
    config = tmp_path / "small.toml"
    config.write_text("[limits]\nmax_article_bytes = 1000\n")
    proc = run_cli("code", str(article), "--config", str(config), "--date", "2025-10-17")
    assert proc.returncode == 1
    assert f"{article}: file is larger than the 1,000-byte limit" in proc.stderr
    assert "Traceback" not in proc.stderr
    jsonl = tmp_path / "b.jsonl"
    jsonl.write_text(json.dumps({"id": "b", "text": "Talks were held. " * 20}) + "\n")
    proc = run_cli("code", str(jsonl), "--max-line-bytes", "100", "--date", "2025-10-17")
    assert f"{jsonl}:1: line is longer than the 100-byte limit" in proc.stderr
    assert "--max-line-bytes" in proc.stderr


def test_bad_limits_in_a_config_file_are_named(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[limits]\nmax_line_bytes = 0\n")
    proc = run_cli("code", "-", "--config", str(config), stdin="Talks were held.")
    assert proc.returncode == 2
    assert "[limits] max_line_bytes must be a positive number" in proc.stderr
