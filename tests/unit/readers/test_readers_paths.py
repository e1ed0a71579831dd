"""Path handling: missing paths, directories, gzip, dispatch by name, input order."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from eventcoder.model import Article, ReadProblem
from eventcoder.readers import __all__ as public_names
from eventcoder.readers import read_inputs
from eventcoder.readers.files import describe_read_error, file_kind, logical_name, walk_directory


def summary(items: list[Article | ReadProblem]) -> list[tuple[str, str]]:
    """(kind, origin) per item: 'A' for an Article, 'P' for a ReadProblem."""
    return [("A" if isinstance(i, Article) else "P", i.origin) for i in items]


def test_public_api_is_sorted() -> None:
    assert public_names == sorted(public_names)
    assert set(public_names) == {
        "FieldNames", "FilePart", "LineSpan", "parse_date_header", "plan_parts", "read_inputs",
        "read_parts",
    }  # fmt: skip


def test_missing_path_between_good_ones(write, read) -> None:
    write("a.txt", "The first article.")
    write("b.txt", "The second article.")
    items = read("a.txt", "missing.txt", "b.txt")
    assert summary(items) == [("A", "a.txt"), ("P", "missing.txt"), ("A", "b.txt")]
    assert items[1] == ReadProblem("missing.txt", "no such file or directory")


def test_empty_path_is_not_the_current_directory(write, read) -> None:
    write("a.txt", "Not to be read by accident.")
    [problem] = read("")
    assert isinstance(problem, ReadProblem)
    assert "empty path" in problem.message


def test_input_order_is_kept_across_formats(write, read) -> None:
    write("z.txt", "Last by name, first in the command.")
    write("a.jsonl", '{"text": "One."}\n{"text": "Two."}\n')
    assert summary(read("z.txt", "a.jsonl")) == [
        ("A", "z.txt"),
        ("A", "a.jsonl:1"),
        ("A", "a.jsonl:2"),
    ]


@pytest.mark.parametrize(
    ("name", "kind", "logical"),
    [
        ("a.txt", "text", "a.txt"),
        ("a.TEXT", "text", "a.TEXT"),
        ("a.txt.gz", "text", "a.txt"),
        ("a.JSONL.GZ", "jsonl", "a.JSONL"),
        ("a.ndjson", "jsonl", "a.ndjson"),
        ("a.json", "json", "a.json"),
        ("a.htm", "html", "a.htm"),
        ("a.html.gz", "html", "a.html"),
        ("a.csv", None, "a.csv"),
        ("a.gz", None, "a"),
        ("README", None, "README"),
    ],
)
def test_file_kind_and_logical_name(name: str, kind: str | None, logical: str) -> None:
    assert file_kind(Path(name)) == kind
    assert logical_name(Path(name)) == logical


def test_gzipped_txt_keeps_name_without_gz(write, read) -> None:
    write("call.txt.gz", "date 2025-10-17\nTwo ministers spoke by phone.")
    [article] = read("call.txt.gz")
    assert isinstance(article, Article)
    assert (article.id, article.origin) == ("call.txt", "call.txt.gz")
    assert article.text == "Two ministers spoke by phone."


def test_bad_gzip(workdir: Path, read) -> None:
    (workdir / "x.txt.gz").write_bytes(b"plain text, not compressed")
    [problem] = read("x.txt.gz")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "x.txt.gz"
    assert "not a valid gzip file" in problem.message


def test_truncated_gzip_txt(workdir: Path, read) -> None:
    data = gzip.compress(("A sentence about the canal. " * 500).encode())
    (workdir / "cut.txt.gz").write_bytes(data[:-20])
    [problem] = read("cut.txt.gz")
    assert isinstance(problem, ReadProblem)
    assert "truncated" in problem.message


def test_size_limit_applies_to_decompressed_size(write, read) -> None:
    write("bomb.txt.gz", "a" * 10_000)
    [problem] = read("bomb.txt.gz", max_bytes=1000)
    assert isinstance(problem, ReadProblem)
    assert "1,000-byte limit" in problem.message


def make_tree(write) -> None:
    """A directory tree with nested, hidden, gzipped and unsupported files."""
    write("corpus/b.txt", "Bee article.")
    write("corpus/a.jsonl", '{"text": "First line."}\n{"text": "Second line."}\n')
    write("corpus/sub/c.txt.gz", "Sea article.")
    write("corpus/sub/d.json", '[{"text": "Dee."}]')
    write("corpus/aa/e.htm", "")
    write("corpus/notes.csv", "a,b\n1,2\n")
    write("corpus/picture.png", b"\x89PNG\x00\x00")
    write("corpus/.hidden.txt", "Should not be read.")
    write("corpus/.git/f.txt", "Should not be read either.")


def test_directory_walk_is_recursive_sorted_and_filtered(write, read) -> None:
    make_tree(write)
    root = Path("corpus")
    assert summary(read("corpus")) == [
        ("A", str(root / "a.jsonl") + ":1"),
        ("A", str(root / "a.jsonl") + ":2"),
        ("P", str(root / "aa" / "e.htm")),
        ("A", str(root / "b.txt")),
        ("A", str(root / "sub" / "c.txt.gz")),
        ("A", str(root / "sub" / "d.json") + "#0"),
    ]


def test_walk_directory_lists_only_supported_files(write, workdir: Path) -> None:
    make_tree(write)
    found = [p for p in walk_directory(Path("corpus")) if isinstance(p, Path)]
    assert [p.relative_to("corpus").as_posix() for p in found] == [
        "a.jsonl",
        "aa/e.htm",
        "b.txt",
        "sub/c.txt.gz",
        "sub/d.json",
    ]


def test_empty_directory(workdir: Path, read) -> None:
    (workdir / "nothing").mkdir()
    [problem] = read("nothing")
    assert isinstance(problem, ReadProblem)
    assert problem.origin == "nothing"
    assert "no .txt, .jsonl, .json or .html files found" in problem.message


def test_directory_does_not_follow_symlinked_dirs(write, workdir: Path, read) -> None:
    write("corpus/a.txt", "Only once.")
    os.symlink(workdir / "corpus", workdir / "corpus" / "loop")
    assert summary(read("corpus")) == [("A", str(Path("corpus") / "a.txt"))]


def test_unreadable_file(write, read, monkeypatch: pytest.MonkeyPatch) -> None:
    write("locked.txt", "Secret.")
    write("open.txt", "Public.")
    real_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", guarded_open)
    items = read("locked.txt", "open.txt")
    assert items[0] == ReadProblem("locked.txt", "permission denied; check the file's permissions")
    assert isinstance(items[1], Article)


@pytest.mark.parametrize(
    ("error", "phrase"),
    [
        (FileNotFoundError(2, "No such file"), "no such file or directory"),
        (IsADirectoryError(21, "Is a directory"), "is a directory"),
        (OSError(5, "Input/output error"), "cannot read the file (Input/output error)"),
        (EOFError("Compressed file ended"), "truncated"),
    ],
)
def test_describe_read_error(error: BaseException, phrase: str) -> None:
    assert phrase in describe_read_error(error)


def test_date_argument_applies_to_every_format(write, read) -> None:
    import datetime as dt

    write("a.txt", "Text article.")
    write("b.jsonl", '{"text": "Line article."}\n')
    write("c.json", '{"text": "Object article."}')
    day = dt.date(2025, 10, 17)
    assert {a.date for a in read("a.txt", "b.jsonl", "c.json", date=day)} == {day}


def test_programming_errors_raise() -> None:
    with pytest.raises(TypeError, match="sequence of paths"):
        read_inputs("a.txt")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_bytes"):
        read_inputs(["a.txt"], max_bytes=0)


def test_reading_is_lazy(write) -> None:
    write("a.txt", "Read only when asked.")
    items = read_inputs(["a.txt"])
    Path("a.txt").unlink()
    [problem] = list(items)
    assert isinstance(problem, ReadProblem)
