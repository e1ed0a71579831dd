"""Fuzzing every reader (issue 9): arbitrary bytes in, Articles and ReadProblems out.

The properties, for each format: reading never raises; every outcome is an Article
or a ReadProblem whose origin names the file (and line or index); every string in
them can be written as UTF-8 (so printing and storing cannot crash later); and the
good records among the bad are all kept, in order, with their text intact.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path

from fuzzing import budget, tried
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.model import Article, ReadProblem
from eventcoder.readers import read_inputs
from eventcoder.readers.files import SNIFF_BYTES, SURROGATES
from eventcoder.readers.text import parse_date_header

Outcome = Article | ReadProblem


@contextmanager
def scratch() -> Iterator[Path]:
    """A fresh directory per generated input (hypothesis reruns the test body)."""
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def read(path: Path, **kwargs: object) -> list[Outcome]:
    return list(read_inputs([str(path)], **kwargs))  # type: ignore[arg-type]


def check_outcomes(items: list[Outcome], origin: str) -> None:
    """What holds for every input: typed outcomes naming the file, all valid Unicode."""
    assert items, "every input gives at least one outcome"
    for item in items:
        assert isinstance(item, Article | ReadProblem)
        assert item.origin.startswith(origin)
        for field in fields(item):
            value = getattr(item, field.name)
            if isinstance(value, str):
                value.encode("utf-8")  # raises on a lone surrogate
        if isinstance(item, Article):
            assert item.text.strip()
            assert item.id


def binary_head(data: bytes) -> bool:
    return b"\x00" in data[:SNIFF_BYTES]


# ---------------------------------------------------------------- plain text

ISO_DAYS = st.dates().map(lambda d: d.isoformat())
JUNK_DAYS = st.sampled_from(["2025-02-30", "0000-00-00", "9999-99-99", "2025-13-01", "1-1-1"])
HEADERS = st.builds(
    lambda lead, word, sep, day, gap: f"{lead}{word}{sep}{day}{gap}",
    st.text(" \t\n\r\u00a0\u2003\x0b\x1c\ufeff", max_size=4),
    st.sampled_from(["date", "DATE", "Date", "dat", "datum"]),
    st.sampled_from([" ", ":", " : ", "\t", "", "\n"]),
    st.one_of(ISO_DAYS, JUNK_DAYS, st.text(max_size=12)),
    st.sampled_from([" ", "\n", "\r\n", "", "\u2028", "x"]),
)
TEXTS = st.one_of(
    st.text(),
    st.builds(lambda h, body: h + body, HEADERS, st.text()),
    st.sampled_from(["", " \n\t", "\ufeff", "date 2025-10-17", "date 2025-10-17\n\n"]),
)
ENCODED = st.one_of(
    TEXTS.map(lambda s: s.encode("utf-8")),
    TEXTS.map(lambda s: s.encode("utf-16")),
    TEXTS.map(lambda s: s.encode("latin-1", "replace")),
    st.binary(max_size=400),
    st.builds(lambda t, junk: t.encode() + junk, TEXTS, st.binary(max_size=8)),
)


def expected_text(data: bytes) -> str | None:
    """The article text a .txt file must give, or None when it must give no article."""
    if binary_head(data):
        return None
    try:
        decoded = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    body = parse_date_header(decoded)[1]
    return body if decoded.strip() and body.strip() else None


@budget(150)
@given(data=ENCODED, compressed=st.booleans())
def test_fuzz_text_file(data: bytes, compressed: bool) -> None:
    tried("txt (with and without date header, plain and .gz)")
    with scratch() as tmp:
        path = tmp / ("a.txt.gz" if compressed else "a.txt")
        path.write_bytes(gzip.compress(data) if compressed else data)
        items = read(path)
    check_outcomes(items, str(path))
    articles = [item for item in items if isinstance(item, Article)]
    want = expected_text(data)
    if want is None:
        assert not articles
        assert [type(item) for item in items] == [ReadProblem]
    else:
        assert [a.text for a in articles] == [want]
        assert articles[0].id == "a.txt"
        assert isinstance(items[-1], Article)  # a warning may come first, never after


@budget(300)
@given(text=st.one_of(TEXTS, st.text(alphabet=st.characters(codec="utf-8"))))
def test_fuzz_date_header_parser(text: str) -> None:
    tried("date header parser")
    day, rest, offset = parse_date_header(text)
    assert 0 <= offset <= len(text)
    assert rest == text[offset:]
    if day is not None:
        assert day.isoformat() in text[:offset]
        assert "date" in text[:offset].lower()
    if offset == 0:
        assert day is None


# ---------------------------------------------------------------- JSON Lines

GOOD_TEXT = st.one_of(
    st.text(min_size=1, max_size=40),
    # lone surrogates, which JSON can escape (\\ud800) but UTF-8 cannot hold
    st.text(st.characters(categories=["Cs", "L", "Zs"]), min_size=1, max_size=20),
).filter(lambda s: bool(s.strip()))
NASTY_LINES = st.sampled_from(
    [
        b"{",
        b"}",
        b"[]",
        b"null",
        b'"just a string"',
        b"1" * 5000,
        b'{"text": ' + b"9" * 5000 + b"}",
        b'{"text": 1e999}',
        b"[" * 5_000,
        b'{"a":' * 5_000,
        b'{"text": ["nested", {"junk": [1, 2, {"x": null}]}]}',
        b'{"id": {"a": 1}, "text": "an object as id"}',
        b'{"text": "   "}',
        b'{"title": "no text at all"}',
        b'{"text": "unterminated',
        b"\xff\xfe\xfa not utf-8",
        b"\xc3\x28 broken sequence",
        b"\xed\xa0\x80 encoded surrogate",
        b"\xef\xbb\xbf",
        b"NaN",
        b"{'single': 'quotes'}",
    ]
)
BAD_LINES = st.one_of(
    NASTY_LINES,
    st.binary(max_size=60).map(lambda b: b"#" + b.replace(b"\n", b" ").replace(b"\x00", b"0")),
)


@st.composite
def jsonl_files(draw: st.DrawFn) -> tuple[list[bytes], list[tuple[int, str, str]]]:
    """Lines of a JSONL file, good records mixed with bad lines and blank ones; also
    the good records as (line number, id, text)."""
    kinds = draw(st.lists(st.sampled_from(["good", "bad", "blank"]), max_size=14))
    lines: list[bytes] = []
    good: list[tuple[int, str, str]] = []
    for number, kind in enumerate(kinds, 1):
        if kind == "good":
            record_id, text = f"g{number}", draw(GOOD_TEXT)
            extra = draw(
                st.dictionaries(
                    st.sampled_from(["date", "title", "url", "source", "other"]),
                    st.one_of(st.none(), st.text(max_size=10), st.integers(), st.floats()),
                    max_size=3,
                )
            )
            record = {**extra, "id": record_id, "text": text}
            ascii_only = draw(st.booleans()) or SURROGATES.search(text) is not None
            lines.append(json.dumps(record, ensure_ascii=ascii_only).encode())
            good.append((number, record_id, SURROGATES.sub("\ufffd", text)))
        elif kind == "bad":
            lines.append(draw(BAD_LINES))
        else:
            lines.append(draw(st.sampled_from([b"", b"  ", b"\t", b"\r"])))
    return lines, good


def check_jsonl(items: list[Outcome], origin: str, lines: list[bytes], good: list[tuple]) -> None:
    """Every good record kept, in order; every bad line reported at its own line."""
    articles = [item for item in items if isinstance(item, Article)]
    assert [(a.origin, a.id, a.text) for a in articles] == [
        (f"{origin}:{n}", record_id, text) for n, record_id, text in good
    ]
    good_lines = {n for n, _, _ in good}
    for number, line in enumerate(lines, 1):
        where = f"{origin}:{number}"
        reported = [i for i in items if isinstance(i, ReadProblem) and i.origin == where]
        blank = not (line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line).strip()
        if number in good_lines or blank:
            assert all(not problem.skipped for problem in reported)
        else:
            assert len(reported) == 1 and reported[0].skipped, (line, reported)


@budget(150)
@given(spec=jsonl_files(), compressed=st.booleans())
def test_fuzz_jsonl_bad_lines_among_good(
    spec: tuple[list[bytes], list[tuple[int, str, str]]], compressed: bool
) -> None:
    tried("jsonl (bad lines among good, plain and .gz)")
    lines, good = spec
    data = b"\n".join(lines)
    with scratch() as tmp:
        path = tmp / ("in.jsonl.gz" if compressed else "in.jsonl")
        path.write_bytes(gzip.compress(data) if compressed else data)
        items = read(path)
    if not lines:
        return
    check_outcomes(items, str(path))
    check_jsonl(items, str(path), lines, good)


@budget(100)
@given(spec=jsonl_files(), cut=st.floats(0, 1), flip=st.integers(0, 10_000))
def test_fuzz_gzip_truncated_or_corrupt(
    spec: tuple[list[bytes], list[tuple[int, str, str]]], cut: float, flip: int
) -> None:
    tried("gzip (truncated or corrupted JSONL)")
    lines, good = spec
    packed = bytearray(gzip.compress(b"\n".join(lines)))
    truncated = bytes(packed[: int(len(packed) * cut)])
    packed[flip % len(packed)] ^= 0xFF
    with scratch() as tmp:
        cut_path, flip_path = tmp / "cut.jsonl.gz", tmp / "flip.jsonl.gz"
        cut_path.write_bytes(truncated)
        flip_path.write_bytes(bytes(packed))
        cut_items, flip_items = read(cut_path), read(flip_path)
    check_outcomes(cut_items, str(cut_path))
    articles = [item.id for item in cut_items if isinstance(item, Article)]
    # a cut file keeps the records before the cut, in order; the cut is reported
    assert articles == [record_id for _, record_id, _ in good][: len(articles)]
    if cut < 1:
        assert isinstance(cut_items[-1], ReadProblem) and cut_items[-1].origin == str(cut_path)
    # a flipped byte garbles what follows it, which only the CRC at the end reveals (as
    # with zcat): the records before are passed on, the damage is reported, nothing raises
    check_outcomes(flip_items, str(flip_path))


@budget(100)
@given(data=st.binary(max_size=300), name=st.sampled_from(["x.txt.gz", "x.jsonl.gz", "x.gz"]))
def test_fuzz_gzip_arbitrary_bytes(data: bytes, name: str) -> None:
    tried("gzip (arbitrary bytes)")
    with scratch() as tmp:
        path = tmp / name
        path.write_bytes(data)
        check_outcomes(read(path), str(path))


# ---------------------------------------------------------------- JSON

JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20))
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["id", "text", "date", "title", "x"]), inner, max_size=4)
    ),
    max_leaves=12,
)


@budget(150)
@given(value=JSON_VALUES, junk=st.binary(max_size=4))
def test_fuzz_json_file(value: object, junk: bytes) -> None:
    tried("json (arbitrary values)")
    data = json.dumps(value).encode()
    with scratch() as tmp:
        path = tmp / "v.json"
        path.write_bytes(data)
        items = read(path)
        check_outcomes(items, str(path))
        if isinstance(value, list):  # each good item is kept, at its index
            keep = [
                f"{path}#{i}"
                for i, v in enumerate(value)
                if isinstance(v, dict) and isinstance(v.get("text"), str) and v["text"].strip()
                and not isinstance(v.get("id"), dict | list)
            ]  # fmt: skip
            articles = [a.origin for a in items if isinstance(a, Article)]
            assert set(articles) <= set(keep) and articles == sorted(articles, key=keep.index)
        path.write_bytes(data + junk)
        check_outcomes(read(path), str(path))


# ---------------------------------------------------------------- HTML

SCRIPT_MARK = "zqxscriptpayload"
HTML_PARTS = st.sampled_from(
    [
        "<html>", "</html>", "<head>", "<body>", "</body>", "<p>", "</p>", "<div>", "</div",
        f"<script>alert('{SCRIPT_MARK}')</script>", f"<script>document.write('{SCRIPT_MARK}')",
        f"<style>p {{ content: '{SCRIPT_MARK}' }}</style>", "<!-- comment -->", "<!--",
        "<![CDATA[ x ]]>", "&amp;", "&#0;", "&#xD800;", "&#99999999;", "&bogus;", "&#x1F600;",
        '<meta charset="x-bogus">', '<meta http-equiv="refresh" content="0;url=http://x">',
        "<title>Title</title>", '<a href="javascript:alert(1)">link</a>', "<img src=x onerror=a>",
        "<p>Russia and China held talks in Beijing on Monday, officials said.</p>",
        "<article><p>Police arrested twelve protesters in the capital.</p></article>",
        "<div>" * 300, "</div>" * 300, "<table><tr><td>cell", "<iframe src='x'>", "\x00", "\ufeff",
    ]
)  # fmt: skip
MARKUP = st.lists(st.one_of(HTML_PARTS, st.text(max_size=30)), max_size=25).map("".join)


@budget(60)
@given(markup=MARKUP, encoding=st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_fuzz_html_file(markup: str, encoding: str) -> None:
    tried("html (scripts, entities, malformed tags)")
    with scratch() as tmp:
        path = tmp / "page.html"
        path.write_bytes(markup.encode(encoding, "replace"))
        items = read(path)
    check_outcomes(items, str(path))
    assert len(items) == 1
    # Script and style bodies are never taken as text. (Inside an <iframe> the rest of
    # the page is raw text, tags and all, and trafilatura keeps it: text it is, shown
    # escaped like any other article text.)
    if "<iframe" not in markup:
        for article in (item for item in items if isinstance(item, Article)):
            assert SCRIPT_MARK not in article.text


# ---------------------------------------------------------------- stdin and folders


@budget(150)
@given(
    data=st.one_of(ENCODED, jsonl_files().map(lambda spec: b"\n".join(spec[0]))),
    errors=st.sampled_from(["strict", "surrogateescape"]),
)
def test_fuzz_stdin(data: bytes, errors: str) -> None:
    tried("stdin (text or JSONL, strict or surrogateescape decoding)")
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors=errors)
    items = list(read_inputs(["-"], stdin=stream))
    check_outcomes(items, "<stdin>")


NAMES = st.binary(min_size=1, max_size=12).map(
    lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_").lstrip(b".") or b"_"
)


@budget(60)
@given(
    names=st.lists(NAMES, min_size=1, max_size=5, unique=True),
    suffix=st.sampled_from([b".txt", b".jsonl", b".html", b".txt.gz"]),
)
def test_fuzz_file_names(names: list[bytes], suffix: bytes) -> None:
    tried("folders (file names that are not UTF-8)")
    text = b"Russia and China held talks in Beijing on Monday."
    body = b'{"text": "%s"}' % text if suffix == b".jsonl" else text
    if suffix == b".html":
        body = b"<html><body><p>%s</p></body></html>" % text
    with scratch() as tmp:
        for name in names:
            path = os.path.join(os.fsencode(tmp), name + suffix)
            with open(path, "wb") as handle:
                handle.write(gzip.compress(body) if suffix.endswith(b".gz") else body)
        items = read(tmp)
    check_outcomes(items, str(tmp))
    assert sum(isinstance(item, Article) for item in items) == len(names)
