"""The corpus pipeline's two working steps (datatrove): build every article with the rules of
`build --source`, and write the rows into bounded Parquet shards of this task.

    ArticleReader (corpus/input.py) -> ArticleBuilder -> ShardWriter

A task writes only under staging/, its files named by its rank, and only as complete files
(written as .part, renamed when closed). When a task starts, it removes whatever an earlier,
killed attempt of the same rank left: together with datatrove's completion markers (a
finished task is skipped on rerun) a rerun gives exactly the rows of one uninterrupted run.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from datatrove.pipeline.base import PipelineStep

from . import schema as corpus_schema
from ..layout import staged_shard
from .input import document_id_for
from .summary import Summary

# A reject's error_code (schema/corpus/rejects.schema.json) from the BuildError's code: the input
# rules keep their own code, the two kinds of empty input are one, any other build error is build-error.
REJECT_CODES = {"empty-file": "empty", "only-whitespace": "empty", "not-utf8": "not-utf8", "not-chinese": "not-chinese",
                "byte-order-mark": "byte-order-mark", "carriage-return": "carriage-return", "control-character": "control-character"}


def reject_code(error) -> str:
    return REJECT_CODES.get(error.code, "build-error")


class ArticleBuilder(PipelineStep):
    """One article -> its tables, or a reject. In-process: the rules are build.parse and
    tables.make_tables, exactly what `build --source` runs, without a curated file."""
    name = "build"
    type = "Builder"

    def __init__(self, version: str):
        super().__init__()
        self.version = version

    def run(self, data, rank: int = 0, world_size: int = 1):
        for doc in data:
            with self.track_time():
                self._build(doc)
            self.stat_update("rejected" if "reject" in doc.metadata else "built")
            yield doc

    def _build(self, doc) -> None:
        from ..build import parse
        from ..errors import BuildError, Warnings
        from ..source import Curation, source_from_bytes
        from ..release.rows import make_tables

        meta = doc.metadata
        if "reject" in meta:
            return
        warnings = Warnings()
        try:
            source = source_from_bytes(Path(meta["location"]), doc.text.encode("utf-8", "surrogateescape"))
            built = parse(source, Curation(document={"document_id": document_id_for(doc.id)}), warnings)
            meta["tables"] = make_tables(built, self.version)
        except BuildError as exc:
            meta["reject"] = (reject_code(exc), str(exc))
        except Exception as exc:   # a fault of the rules: recorded and counted, the corpus goes on
            meta["reject"] = ("rule-error", f"{meta['location']}: {type(exc).__name__}: {exc}")
        meta["warnings"] = [w.record({"source": meta["location"]}) for w in warnings.in_line_order()]


class ShardWriter(PipelineStep):
    """Rows -> staging/<config>/<rank>-<k>.parquet, at most `max_rows` rows a file, written a
    row group at a time (memory bounded by the row group, not by the task's share)."""
    name = "shards"
    type = "Writer"

    def __init__(self, staging: str, max_rows: int, row_group: int, version: str):
        super().__init__()
        self.staging, self.max_rows, self.row_group = staging, max_rows, min(row_group, max_rows)
        self.version = version

    def run(self, data, rank: int = 0, world_size: int = 1):
        staging = Path(self.staging)
        _remove_earlier_attempt(staging, rank)
        files = {c: _ShardFiles(staging / c, rank, self.max_rows, self.row_group, self._schema(c)) for c in corpus_schema.CONFIGS}
        summary = Summary()
        with open(staging / "warnings" / f"{rank:05d}.jsonl.part", "w", encoding="utf-8") as warn:
            for doc in data:
                self._write(doc, files, summary, warn)
                yield doc
        for f in files.values():
            f.close()
        os.replace(staging / "warnings" / f"{rank:05d}.jsonl.part", staging / "warnings" / f"{rank:05d}.jsonl")
        _write_json(staging / "summary" / f"{rank:05d}.json", summary.to_dict())

    def _schema(self, config: str):
        return corpus_schema.file_schema(config, self.version)

    def _write(self, doc, files: dict, summary: "Summary", warn) -> None:
        meta = doc.metadata
        if "reject" in meta:
            code, message = meta["reject"]
            files["rejects"].add([{"input_id": doc.id, "location": meta["location"], "error_code": code, "message": message}])
            summary.reject(code)
            return
        tables = meta.pop("tables")
        doc_id = tables["document"][0]["document_id"]
        tables["document"][0].update(input_id=doc.id, **{k: meta.get(k) for k in ("url", "date", "outlet")})
        for config, rows in tables.items():
            if config != "document":
                rows = [{"document_id": doc_id, **r} for r in rows]
            files[config].add(rows)
        for w in meta.get("warnings", []):
            warn.write(json.dumps({"document_id": doc_id, **w}, ensure_ascii=False, sort_keys=True) + "\n")
        summary.add(tables, [w["code"] for w in meta.get("warnings", [])])


class _ShardFiles:
    """The shards of one config written by one task."""

    def __init__(self, folder: Path, rank: int, max_rows: int, row_group: int, schema):
        self.folder, self.rank, self.max_rows, self.row_group, self.schema = folder, rank, max_rows, row_group, schema
        self.buffer, self.writer, self.in_file, self.k = [], None, 0, 0

    def add(self, rows: list[dict]) -> None:
        self.buffer.extend(rows)
        while len(self.buffer) >= self.row_group:
            self._flush(self.row_group)

    def _flush(self, n: int) -> None:
        import pyarrow as pa
        n = min(n, self.max_rows - self.in_file)
        if self.writer is None:
            self._open()
        self.writer.write_table(pa.Table.from_pylist(self.buffer[:n], schema=self.schema), row_group_size=n)
        del self.buffer[:n]
        self.in_file += n
        if self.in_file >= self.max_rows:
            self._close_file()

    def _open(self) -> None:
        import pyarrow.parquet as pq
        from ..release.write import PARQUET_OPTIONS
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / staged_shard(self.rank, self.k)
        self.writer = pq.ParquetWriter(str(self.path) + ".part", self.schema, **PARQUET_OPTIONS)

    def _close_file(self) -> None:
        self.writer.close()
        os.replace(str(self.path) + ".part", self.path)
        self.writer, self.in_file, self.k = None, 0, self.k + 1

    def close(self) -> None:
        while self.buffer:
            self._flush(len(self.buffer))
        if self.writer is not None:
            self._close_file()


def _remove_earlier_attempt(staging: Path, rank: int) -> None:
    for config in (*corpus_schema.CONFIGS, "warnings", "summary"):
        folder = staging / config
        folder.mkdir(parents=True, exist_ok=True)
        for path in folder.glob(f"{rank:05d}*"):
            path.unlink()


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
