"""Partitions of the input, and coding one partition into one Parquet shard.

The inputs are cut into partitions deterministically: files in `read_inputs`
order, a big JSONL file into spans of `shard_size` lines, small files grouped
`shard_size` to a partition. `code_partition` is one task: it reads its
partition, codes it with `Pipeline.run`, and writes the shard atomically
(`store.shards.write_shard`). It is idempotent: when its shard is already
there (a rerun, or a retry after a worker died just after writing it) it codes
nothing. Any engine can run these tasks; the Dask engine does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventcoder.__about__ import __version__
from eventcoder.config import Config
from eventcoder.model import Article, ReadProblem
from eventcoder.pipeline import Pipeline
from eventcoder.readers import (
    DEFAULT_MAX_ARTICLE_BYTES,
    DEFAULT_MAX_LINE_BYTES,
    FieldNames,
    FilePart,
    plan_parts,
    read_parts,
)
from eventcoder.store.ingest import doc_key, locate
from eventcoder.store.rows import Coded
from eventcoder.store.shards import shard_tables, write_shard

__all__ = [
    "DEFAULT_SHARD_SIZE",
    "Partition",
    "ShardJob",
    "ShardResult",
    "code_partition",
    "plan_partitions",
]

#: Articles (or JSONL lines) per partition: a task codes this many in one go.
DEFAULT_SHARD_SIZE = 500


@dataclass(frozen=True)
class ShardJob:
    """What every task of one ingest shares: where shards go, and how to read and code."""

    root: str
    config: Config
    date: dt.date | None = None
    fields: FieldNames = dataclasses.field(default_factory=FieldNames)
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES

    def fingerprint(self) -> str:
        """A digest of everything that changes what a partition codes to."""
        settings = {k: v for k, v in dataclasses.asdict(self).items() if k != "root"}
        return hashlib.sha256(f"{__version__}|{settings!r}".encode()).hexdigest()


@dataclass(frozen=True)
class Partition:
    """The `index`-th partition of the input: some parts of some files."""

    index: int
    parts: tuple[FilePart, ...]

    def name(self, job: ShardJob) -> str:
        """The shard's name: the index (for input order), then a digest of the parts
        (path, size, modification time, lines) and of the job's settings."""
        digest = hashlib.sha256(f"{self.parts!r}|{job.fingerprint()}".encode()).hexdigest()
        return f"{self.index:06d}-{digest[:16]}"

    @property
    def articles(self) -> int:
        return sum(part.articles for part in self.parts)


@dataclass(frozen=True)
class ShardResult:
    """What one task did."""

    index: int
    path: str
    written: bool  # False: the shard was already there, nothing was coded
    articles: int  # articles (or JSONL lines) in the partition


def plan_partitions(
    paths: Sequence[str], *, shard_size: int = DEFAULT_SHARD_SIZE
) -> Iterator[Partition | ReadProblem]:
    """The inputs as partitions of about `shard_size` articles, in input order, and
    a problem for each path that cannot be read (or `-`)."""
    group: list[FilePart] = []
    index = 0
    for item in plan_parts(paths, lines_per_part=shard_size):
        if isinstance(item, ReadProblem):
            yield item
            continue
        if group and (item.span is not None or len(group) >= shard_size):
            yield Partition(index, tuple(group))
            index, group = index + 1, []
        if item.span is not None:
            yield Partition(index, (item,))
            index += 1
        else:
            group.append(item)
    if group:
        yield Partition(index, tuple(group))


def code_partition(partition: Partition, job: ShardJob) -> ShardResult:
    """Read, code and write one partition's shard, unless it is already there."""
    root = Path(job.root)
    final = root / partition.name(job)
    result = ShardResult(partition.index, str(final), False, partition.articles)
    if final.exists():
        return result
    items = read_parts(
        partition.parts, date=job.date, fields=job.fields,
        max_bytes=job.max_bytes, max_line_bytes=job.max_line_bytes,
    )  # fmt: skip
    articles, origins, problems = _sort_out(items)
    pipeline = Pipeline.cached(job.config)
    coded = [Coded(a, tuple(events), doc_key(a.text)) for a, events in pipeline.run(articles)]
    tables = shard_tables(coded, origins, problems, dt.datetime.now(dt.UTC))
    written = write_shard(root, final.name, tables)
    return dataclasses.replace(result, written=written)


def _sort_out(
    items: Iterable[Article | ReadProblem],
) -> tuple[list[Article], list[tuple[str, str, str, str]], list[ReadProblem]]:
    """The distinct texts to code, every article's origin, and the problems."""
    texts: dict[str, Article] = {}
    origins: list[tuple[str, str, str, str]] = []
    problems: list[ReadProblem] = []
    for item in items:
        if isinstance(item, ReadProblem):
            problems.append(item)
            continue
        key = doc_key(item.text)
        origins.append((*locate(item), key, item.origin))
        texts.setdefault(key, item)
    return list(texts.values()), origins, problems
