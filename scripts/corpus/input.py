"""Corpus input -> one datatrove Document per article, each task reading its own share.

INPUT is a folder of `.txt` articles (the file name without .txt is the article's id), a JSON
Lines file or a Parquet file with `id` and `text` columns (and optional url, date, outlet), or
`hf:<repo id or local folder>[:split]`, a Hugging Face dataset with those columns, read offline
(corpus/hf.py).
Articles are dealt to tasks by position (article i goes to task i mod tasks), so the share of
every task is fixed by the input and the task count alone: a rerun reads the same articles.

The text travels as the exact bytes read, decoded with surrogateescape: the build step encodes
it back and gives the bytes to the same input rules as `build --source`, so that an article that
is not UTF-8 is refused there, with the same message, and not here.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from datatrove.data import Document
from datatrove.pipeline.base import PipelineStep

from ..errors import UsageError

OPTIONAL = ("url", "date", "outlet")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def input_kind(spec) -> str:
    """folder, jsonl, parquet or hf; anything else is a usage error (exit 2)."""
    from .hf import is_hf
    if is_hf(spec):
        return "hf"
    path = Path(spec)
    if path.is_dir():
        return "folder"
    if not path.is_file():
        raise UsageError(path, "no such file or folder (given as INPUT)", "give a folder of .txt articles, a .jsonl or a .parquet file, or hf:DATASET")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".parquet":
        return "parquet"
    raise UsageError(path, f"an input with the suffix {suffix or '(none)'!r}",
                     "a folder of .txt articles, a JSON Lines file (.jsonl), a Parquet file (.parquet) or hf:DATASET, with id and text")


def input_identity(spec) -> str:
    """What run.json records of INPUT: a rerun with another input is refused, not mixed in."""
    if input_kind(spec) == "hf":
        from .hf import parse
        return parse(str(spec)).identity
    return str(Path(spec).resolve())


def document_id_for(input_id: str) -> str:
    """The input's id when it is already a slug the document table allows; else a slug of it with
    8 hex digits of its sha256, so that two ids that slug alike (A-1, a 1) stay two documents."""
    if SLUG.fullmatch(input_id) and len(input_id) <= 64:
        return input_id
    slug = re.sub(r"[^a-z0-9]+", "-", input_id.lower()).strip("-")[:50].strip("-")
    digest = hashlib.sha256(input_id.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else f"doc-{digest}"


def _article(input_id: str, data: bytes, location: str, extra: dict | None = None, reject: tuple | None = None) -> Document:
    meta = {"location": location, **{k: (extra or {}).get(k) for k in OPTIONAL}}
    if reject:
        meta["reject"] = reject
    return Document(text=data.decode("utf-8", "surrogateescape"), id=input_id, metadata=meta)


class ArticleReader(PipelineStep):
    name = "articles"
    type = "Reader"

    def __init__(self, path: str):
        super().__init__()
        self.kind = input_kind(path)
        if self.kind == "hf":
            from .hf import parse
            self.hf = parse(str(path))      # resolved here, once: a missing dataset stops the command before any task
            self.path = self.hf.spec
        else:
            self.path = str(Path(path).resolve())

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        read = {"folder": self._folder, "jsonl": self._jsonl, "parquet": self._parquet, "hf": self._hf}[self.kind]
        progress = Progress(rank, self.share(rank, world_size))
        for doc in read(rank, world_size):
            self.stat_update("articles_read")
            yield doc
            progress.step()
        progress.done()

    def share(self, rank: int, world_size: int) -> int | None:
        """How many articles this task reads (for the progress line's time left); None: not known."""
        if self.kind == "folder":
            return len(self._files()[rank::world_size])
        if self.kind == "hf":
            from .hf import count
            total = count(self.hf)
            return None if total is None else len(range(rank, total, world_size))
        if self.kind == "parquet":
            import pyarrow.parquet as pq
            total = pq.ParquetFile(self.path).metadata.num_rows
        else:
            total = _count_lines(self.path)
        return len(range(rank, total, world_size))

    def _files(self) -> list[Path]:
        return sorted(p for p in Path(self.path).iterdir() if p.suffix == ".txt" and p.is_file())

    def _folder(self, rank: int, world_size: int):
        for path in self._files()[rank::world_size]:
            yield _article(path.stem, path.read_bytes(), str(path))

    def _jsonl(self, rank: int, world_size: int):
        with open(self.path, "rb") as f:
            for i, line in enumerate(f):
                if i % world_size != rank or not line.strip():
                    continue
                yield _record_from_json(line, f"{self.path}:{i + 1}", i + 1)

    def _parquet(self, rank: int, world_size: int):
        import pyarrow.parquet as pq

        with pq.ParquetFile(self.path) as f:
            names = f.schema_arrow.names
            missing = [c for c in ("id", "text") if c not in names]
            if missing:
                raise UsageError(self.path, f"a Parquet file without the column(s) {missing}", "columns id and text (url, date, outlet optional)")
            cols = ["id", "text", *[c for c in OPTIONAL if c in names]]
            i = 0
            for batch in f.iter_batches(batch_size=256, columns=cols):
                for row in batch.to_pylist():
                    if i % world_size == rank:
                        yield _record(row, f"{self.path}: row {i}", i)
                    i += 1

    def _hf(self, rank: int, world_size: int):
        """Every task streams the whole split and keeps its share: row i is task i mod N's, as
        for the other inputs (skipping a row costs microseconds, building one milliseconds)."""
        from .hf import rows
        for i, row in enumerate(rows(self.hf)):
            if i % world_size == rank:
                yield _record(row, f"{self.path}: row {i}", i)


class Progress:
    """A line in the task's log (and on the console for the first worker) every 10 seconds:
    articles done of the task's share, articles per second, and the time left."""

    EVERY = 10.0

    def __init__(self, rank: int, total: int):
        import time
        self.rank, self.total, self.n, self.start = rank, total, 0, time.monotonic()
        self.last = self.start

    def step(self) -> None:
        import time
        self.n += 1
        now = time.monotonic()
        if now - self.last >= self.EVERY:
            self.last = now
            self._log(now)

    def done(self) -> None:
        import time
        self._log(time.monotonic())

    def _log(self, now: float) -> None:
        from datatrove.utils.logging import logger
        rate = self.n / max(now - self.start, 1e-9)
        if self.total is None:
            logger.info(f"task {self.rank}: {self.n} articles, {rate:.1f} articles/s (the input does not say how many are left)")
            return
        left = (self.total - self.n) / rate if rate else float("inf")
        logger.info(f"task {self.rank}: {self.n}/{self.total} articles, {rate:.1f} articles/s, about {left:.0f} s left")


def _count_lines(path: str) -> int:
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


def _record_from_json(line: bytes, location: str, number: int) -> Document:
    try:
        row = json.loads(line)
    except UnicodeDecodeError as exc:
        return _article(f"line-{number}", b"", location, reject=("not-utf8", f"{location}: found bytes that are not UTF-8 ({exc.reason}); expected a UTF-8 JSON object"))
    except json.JSONDecodeError as exc:
        return _article(f"line-{number}", b"", location, reject=("build-error", f"{location}: found invalid JSON ({exc.msg}); expected one JSON object a line"))
    if not isinstance(row, dict):
        return _article(f"line-{number}", b"", location, reject=("build-error", f"{location}: found a JSON {type(row).__name__}; expected an object with id and text"))
    return _record(row, location, number)


def _record(row: dict, location: str, number: int) -> Document:
    """A record with an id and a text; one without is a reject (missing-text), never skipped."""
    raw_id, text = row.get("id"), row.get("text")
    input_id = str(raw_id) if raw_id not in (None, "") else f"record-{number}"
    extra = {k: (None if row.get(k) is None else str(row.get(k))) for k in OPTIONAL}
    if not isinstance(text, str):
        found = "no text" if text is None else f"a text of type {type(text).__name__}"
        return _article(input_id, b"", location, extra, reject=("missing-text", f"{location}: found {found}; expected the article as a string in `text`"))
    if raw_id in (None, ""):
        return _article(input_id, b"", location, extra, reject=("build-error", f"{location}: found no id; expected a non-empty `id`"))
    return _article(input_id, text.encode("utf-8", "surrogatepass"), location, extra)
