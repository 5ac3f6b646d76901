"""Validate a corpus release shard by shard, in memory that does not grow with the corpus.

- manifest: every listed file present with its size and sha256, no file unlisted;
- shards: named train-NNNNN-of-MMMMM with no gap, each readable (page checksums verified) and
  with exactly the Arrow schema derived from the corpus schema;
- rows: each column's constraints from the JSON Schema (enum, pattern, minimum, lengths), checked
  a record batch at a time with Arrow compute (list items too; struct items by their Arrow type);
- keys: every primary key unique across all shards of its config, through an on-disk SQLite
  index of 16-byte key digests (memory bounded by SQLite's page cache, not by the corpus);
- counts: rows per config and shards per config as the manifest says;
- articles: the rows of each article, gathered from every table as the shards are streamed (the
  writer keeps an article's rows together, in the order of the document table), through the
  cross-table rules of a single release (keys, references, spans against the text, derived
  columns, consistency); one article in memory at a time. The same pass counts what the card
  counts (corpus_summary), and summary.json must hold exactly that;
- generated files: summary.json's totals equal the rows found, and the card and both catalogs
  are what the build writes from summary.json and the shards (configs: the configs with rows).
It reads files only, like validate.py, and never imports the rules.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from . import schema as corpus_schema
from .release import file_entry, generated_files, release_files, shards
from .keys import KeyIndex
from .summary import Summary
from ..layout import CORPUS_SUMMARY, SHARD_NAME, WARNINGS, shard_folder, shard_name
from ..reading import MAX_TEXT_BYTES, ReleaseFolder, Unreadable, loads_json, path_problem, read_regular
from ..validate.integrity import read_manifest
from ..validate.report import Problem, Report

BATCH = 2_000


# Codes only a corpus can have, beside those of report.CODES (which the single release's card lists).
CORPUS_CODES = {
    "unknown-document": "a row's document_id names no article of the document table, or the article's rows are not "
                        "kept together in the document table's order",
}


class CorpusReport(Report):
    def add(self, code: str, table, row, fld, message: str) -> None:
        if code in CORPUS_CODES:
            self.problems.append(Problem(code, table, row, fld, message))
        else:
            super().add(code, table, row, fld, message)


def validate_corpus(root: Path, workers: int = 1, articles: bool = True) -> Report:
    """With workers > 1 the manifest's checksums, the configs and the articles are checked in
    that many processes at once (each config has its own key index); the report is the same.
    articles=False leaves out the per-article rules (the costliest check)."""
    root, report = Path(root).resolve(), CorpusReport()
    manifest = read_manifest(ReleaseFolder(root), report)
    jobs = ([("articles", root, None)] * articles + [("files", root, manifest)] * (manifest is not None)
            + [(config, root, None) for config in corpus_schema.CONFIGS])
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_job, jobs))
    else:
        results = [_job(job) for job in jobs]
    counted, recounted = {}, None
    for (name, _, _), (rows, problems, summary) in zip(jobs, results):
        report.problems.extend(problems)
        if name in corpus_schema.CONFIGS:
            counted[name] = rows
        recounted = summary if name == "articles" else recounted
    if manifest is not None:
        _check_counts(root, manifest, counted, report)
        _check_generated(root, manifest, counted, recounted, report)
    report.checked = counted
    return report


def _job(job: tuple) -> tuple[int, list, dict | None]:
    name, root, manifest = job
    report = CorpusReport()
    if name == "files":
        _check_files(root, manifest, report)
        return 0, report.problems, None
    if name == "articles":
        summary = Summary()
        n, complete = check_articles(root, report, summary)
        return n, report.problems, _with_rejects_and_warnings(root, summary) if complete else None
    with tempfile.TemporaryDirectory(prefix="corpus-keys-") as tmp:
        keys = KeyIndex(Path(tmp) / "keys.sqlite")
        try:
            rows = _check_config(root, name, keys, report)
        finally:
            keys.close()
    return rows, report.problems, None


def safe_path(root: Path, rel: str) -> Path | None:
    """The file a manifest path names, or None when it could leave the folder (reading.path_problem)
    or goes through a symbolic link; decided before anything is read."""
    if path_problem(rel):
        return None
    path, walk = root.joinpath(*rel.split("/")), root
    for part in rel.split("/"):
        walk = walk / part
        if walk.is_symlink():
            return None
    return path


def _check_files(root: Path, manifest: dict, report: Report) -> None:
    listed = set()
    for entry in manifest["files"]:
        path = safe_path(root, entry["path"])
        listed.add(path or root.joinpath(entry["path"]))
        if path is None:
            report.add("manifest-unsafe-path", None, None, entry["path"], "the path leaves the release folder; not read")
        elif not path.is_file():
            report.add("manifest-file-missing", None, None, entry["path"], "listed in the manifest but absent")
        else:
            found = file_entry(root, path)
            if (found["bytes"], found["sha256"]) != (entry.get("bytes"), entry.get("sha256")):
                report.add("checksum-mismatch", None, None, entry["path"],
                           f"{found['bytes']} bytes, sha256 {found['sha256'][:12]}…; the manifest says "
                           f"{entry.get('bytes')} bytes, {str(entry.get('sha256'))[:12]}…")
    for path in release_files(root):
        if path not in listed:
            report.add("manifest-extra-file", None, None, path.relative_to(root).as_posix(), "a file the manifest does not list")


def _check_counts(root: Path, manifest: dict, counted: dict, report: Report) -> None:
    tables = manifest.get("tables") if isinstance(manifest.get("tables"), dict) else {}
    for config, rows in counted.items():
        want = tables.get(config) if isinstance(tables.get(config), dict) else {}
        found = (rows, len(shards(root, config)))
        if (want.get("rows"), want.get("shards")) != found:
            report.add("content-hash-mismatch", config, None, None,
                       f"{found[0]} rows in {found[1]} shard(s); the manifest says {want.get('rows')} rows in {want.get('shards')}")


def _check_config(root: Path, config: str, keys: "KeyIndex", report: Report) -> int:
    files = shards(root, config)
    _check_names(config, files, report)
    checks = ColumnChecks(config)
    key = corpus_schema.primary_key(config)
    rows = 0
    for path in files:
        rel = path.relative_to(root).as_posix()
        try:
            rows += _check_shard(path, rel, config, checks, key, keys, report)
        except (OSError, ValueError) as exc:     # pyarrow's errors are ValueError/OSError subclasses
            report.add("file-corrupt", config, None, rel, f"cannot be read as Parquet: {exc}")
    return rows


def _check_names(config: str, files: list[Path], report: Report) -> None:
    if not files:
        report.add("file-missing", config, None, f"{shard_folder(Path(), config).as_posix()}/", "no shard at all; expected at least one (it may have no rows)")
        return
    found = [SHARD_NAME.fullmatch(p.name) for p in files]
    counts = {m.group(2) for m in found if m}
    indexes = sorted(int(m.group(1)) for m in found if m)
    if None in found or len(counts) != 1 or indexes != list(range(int(next(iter(counts))))):
        report.add("file-missing", config, None, f"{shard_folder(Path(), config).as_posix()}/",
                   f"shards {[p.name for p in files][:5]}…; expected {shard_name(0, 3)}, {shard_name(1, 3)}, {shard_name(2, 3)} "
                   "for three shards: numbered from 0, no gap, all of the same count")


def _check_shard(path: Path, rel: str, config: str, checks: "ColumnChecks", key: list[str], keys: "KeyIndex", report: Report) -> int:
    import pyarrow.parquet as pq

    with open(path, "rb") as raw:
        if raw.read(4) != b"PAR1":
            raise ValueError("the file does not start with the Parquet magic bytes PAR1")
    with pq.ParquetFile(path, page_checksum_verification=True) as f:
        want = corpus_schema.arrow_schema(config)
        if not f.schema_arrow.remove_metadata().equals(want):
            report.add("table-schema-mismatch", config, None, rel, f"Arrow schema {f.schema_arrow.remove_metadata()}; expected {want}")
            return f.metadata.num_rows
        rows = 0
        for batch in f.iter_batches(batch_size=BATCH):
            checks.check(batch, rel, rows, report)
            keys.add(config, [batch.column(k).to_pylist() for k in key], rel, rows, report)
            rows += batch.num_rows
            _release_memory()
        return rows


def _release_memory() -> None:
    """Give Arrow's freed memory back after each batch: its allocator (mimalloc) keeps it
    otherwise, and the peak would grow with the number of batches read, not with their size."""
    import pyarrow as pa
    pa.default_memory_pool().release_unused()


class ColumnChecks:
    """The JSON Schema's constraints on each column, as Arrow compute on a whole batch."""

    def __init__(self, config: str):
        self.config = config
        self.props = corpus_schema.corpus_schema(config)["properties"]

    def check(self, batch, rel: str, offset: int, report: Report) -> None:
        import pyarrow.compute as pc
        for name, prop in self.props.items():
            column = batch.column(name)
            if "items" in prop and prop["items"].get("type") in ("string", "integer"):
                self._scalar(pc.list_flatten(column), f"{name}[]", prop["items"], rel, None, report)
            self._scalar(column, name, prop, rel, offset, report)

    def _scalar(self, column, name: str, prop: dict, rel: str, offset, report: Report) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc
        bad = []
        if "enum" in prop:
            bad.append(("not one of the allowed values", pc.invert(pc.is_in(column, value_set=pa.array(prop["enum"])))))
        if "pattern" in prop:
            bad.append((f"not matching {prop['pattern']}", pc.invert(pc.match_substring_regex(column, prop["pattern"]))))
        if "minimum" in prop:
            bad.append((f"below {prop['minimum']}", pc.less(column, prop["minimum"])))
        if "minLength" in prop:
            bad.append((f"shorter than {prop['minLength']}", pc.less(pc.utf8_length(column), prop["minLength"])))
        if "maxLength" in prop:
            bad.append((f"longer than {prop['maxLength']}", pc.greater(pc.utf8_length(column), prop["maxLength"])))
        for what, mask in bad:
            mask = pc.fill_null(mask, False)      # a null is allowed where the type says so (the Arrow schema checked that)
            if pc.any(mask).as_py():
                first = pc.index(mask, True).as_py()
                where = f"row {offset + first}" if offset is not None else "a list item"
                report.add("schema-violation", self.config, None, name,
                           f"{rel}: {pc.sum(mask).as_py()} value(s) {what}, first at {where}: {column[first].as_py()!r}")


def check_articles(root: Path, report: Report, summary: Summary) -> tuple[int, bool]:
    """Each article's rows through the single release's cross-table rules, and into `summary`;
    returns the articles checked and whether every one was read. Each row's JSON Schema
    constraints were checked column-wise as the shards streamed."""
    from .. import schemas

    doc_columns = schemas.columns("document")
    n = 0
    try:
        streams = {t: _Stream(_rows(root, t)) for t in schemas.TABLES if t != "document"}
        for doc in _rows(root, "document"):
            doc_id = doc.get("document_id")
            tables = {"document": [{k: doc.get(k) for k in doc_columns}]}
            for table, stream in streams.items():
                tables[table] = [{k: v for k, v in r.items() if k != "document_id"} for r in stream.take(doc_id)]
            article = Report()
            cross_table_rules(tables, article)
            summary.add({**tables, "document": [doc]})
            for p in article.problems:
                report.add(p.code, p.table, f"{doc_id}/{p.row}" if p.row is not None else doc_id, p.field, f"article {doc_id}: {p.message}")
            n += 1
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return n, False     # an unreadable shard, a wrong schema or a value out of its type: reported by the config's own check
    for table, stream in streams.items():
        left = stream.peek()
        if left is not None:
            report.add("unknown-document", table, left.get("document_id"), "document_id",
                       f"rows of document_id {left.get('document_id')!r} are not with an article of the document table "
                       "(no such article, or out of the document table's order)")
    return n, True


def _with_rejects_and_warnings(root: Path, summary: Summary) -> dict | None:
    """The summary of the articles, plus the rejects by code and the warnings by code; None when
    a file cannot be read (the other checks report it)."""
    try:
        for row in _rows(root, corpus_schema.REJECTS):
            summary.reject(row["error_code"])
        with open(root / WARNINGS, encoding="utf-8") as f:
            summary.counts["warnings"].update(json.loads(line)["code"] for line in f if line.strip())
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return summary.to_dict()


def _check_generated(root: Path, manifest: dict, counted: dict, recounted: dict | None, report: Report) -> None:
    """summary.json agrees with the rows (and, when the articles were checked, with what they
    count), and the card and catalogs are what the build writes from it."""
    from .card import config_stats
    try:
        stats = {c: config_stats(shards(root, c)) for c in corpus_schema.CONFIGS}
    except (OSError, ValueError):
        return      # a shard whose footer cannot be read: its config's check reports it
    try:
        summary = loads_json(read_regular(root / CORPUS_SUMMARY, MAX_TEXT_BYTES), CORPUS_SUMMARY)
        expected = generated_files(root, summary, stats, manifest.get("dataset_version"), manifest.get("repo_id"))
    except (Unreadable, OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        report.add("file-corrupt", None, None, CORPUS_SUMMARY, f"the counts cannot be read or used: {exc}")
        return
    for problem in _summary_problems(summary, counted, recounted):
        report.add("copy-mismatch", None, None, CORPUS_SUMMARY, problem)
    for rel, text in expected.items():
        try:
            found = read_regular(root / rel, MAX_TEXT_BYTES).decode("utf-8")
        except (Unreadable, OSError, UnicodeDecodeError) as exc:
            report.add("file-corrupt", None, None, rel, f"cannot be read: {exc}")
            continue
        if found != text:
            report.add("copy-mismatch", None, None, rel, f"not what the build writes from {CORPUS_SUMMARY} and the shards")


def _summary_problems(summary: dict, counted: dict, recounted: dict | None) -> list[str]:
    articles = summary.get("articles", {}).get("built", 0)
    rejects = sum(summary.get("rejects", {}).values())
    rows = summary.get("rows", {})
    found = [("articles built", articles, counted.get("document")), ("rejects", rejects, counted.get(corpus_schema.REJECTS))]
    found += [(f"rows of {t}", rows.get(t, 0), counted.get(t)) for t in corpus_schema.CONFIGS if t not in ("document", corpus_schema.REJECTS)]
    out = [f"it counts {n} {what}; the shards hold {have}" for what, n, have in found if have is not None and n != have]
    if recounted is not None:
        out += [f"its {key!r} counts differ from the rows (they count {recounted.get(key)})"
                for key in sorted(set(summary) | set(recounted)) if summary.get(key) != recounted.get(key)]
    return out


def cross_table_rules(tables: dict, report: Report) -> None:
    """validate.check_tables without its row-by-row JSON Schema pass (90% of its time), which
    ColumnChecks does for the whole corpus a batch at a time: keys, references, spans against
    the text, derived columns, consistency. Keep in step with validate.check_tables."""
    from ..validate.checks import check_derived, check_spans
    from ..validate.consistency import check_consistency
    from ..validate.run import check_primary_key, check_references

    for table, rows in tables.items():
        check_primary_key(table, rows, report)
    check_references(tables, report)
    check_spans(tables, report)
    check_derived(tables, report)
    check_consistency(tables, report)


def _rows(root: Path, config: str):
    import pyarrow.parquet as pq
    for path in shards(root, config):
        with pq.ParquetFile(path) as f:
            for batch in f.iter_batches(batch_size=BATCH):
                rows = batch.to_pylist()
                del batch
                _release_memory()
                yield from rows


class _Stream:
    """A table's rows in shard order, taken an article at a time."""

    _END = object()

    def __init__(self, rows):
        self.rows, self.next = rows, None
        self._advance()

    def _advance(self) -> None:
        self.next = next(self.rows, self._END)

    def peek(self):
        return None if self.next is self._END else self.next

    def take(self, doc_id) -> list[dict]:
        out = []
        while self.next is not self._END and self.next.get("document_id") == doc_id:
            out.append(self.next)
            self._advance()
        return out
