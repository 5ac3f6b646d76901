"""`diff OLD NEW` between two corpus releases: the report of diff.py (the same shape, the same
exit codes), with rows matched by each config's primary key (composite: document_id and the
table's own key) whatever shards they are in, so two corpora with the same rows in other shards
are identical.

A corpus does not fit in memory, so neither side is loaded: each config's rows stream by once per
side into an on-disk SQLite index of key -> (digest of the shared columns, shard, row), the
index gives the keys added, removed and changed, and only the changed rows are read again to
name their fields. Memory grows with the differences, not with the corpus.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

from . import schema as corpus_schema
from .release import shards
from ..diff import DiffError, _changed, _order, _primary_key, _show_key, _version
from ..layout import DATA_DIR, json_type, table_folders

BATCH = 2_000


def diff_corpora(old: Path, new: Path) -> dict:
    old, new = Path(old), Path(new)
    found = {side: _configs(root) for side, root in (("old", old), ("new", new))}
    names = [c for c in corpus_schema.CONFIGS if c in found["old"] or c in found["new"]]
    names += sorted((set(found["old"]) | set(found["new"])) - set(names))
    with tempfile.TemporaryDirectory(prefix="corpus-diff-") as tmp:
        db = sqlite3.connect(Path(tmp) / "keys.sqlite")
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA cache_size=-16384")      # 16 MiB of pages, whatever the corpus's size
        try:
            tables = {c: diff_config(db, c, old, new, found["old"].get(c), found["new"].get(c)) for c in names}
        finally:
            db.close()
    return {"old": {"path": str(old), "version": _version(old)}, "new": {"path": str(new), "version": _version(new)},
            "identical": all(d["status"] == "unchanged" for d in tables.values()), "tables": tables}


def _configs(root: Path) -> dict[str, list[Path]]:
    if not (root / DATA_DIR).is_dir():
        raise DiffError(f"{root}: not a release folder (no {DATA_DIR}/ inside)")
    found = {folder.name: shards(root, folder.name) for folder in table_folders(root)}
    return {config: files for config, files in found.items() if files}


def diff_config(db, config: str, old_root: Path, new_root: Path, old_files, new_files) -> dict:
    if old_files is None or new_files is None:
        n = _row_count(new_files or old_files)
        return {"status": "added" if old_files is None else "removed",
                "rows": {"old": 0 if old_files is None else n, "new": n if old_files is None else 0}}
    key = _primary_key(new_root, config) or _primary_key(old_root, config) or corpus_schema.primary_key(config)
    old_cols, new_cols = _columns(old_files), _columns(new_files)
    common = [c for c in new_cols if c in old_cols]
    counts = {side: _index(db, side, config, key, common, files) for side, files in (("old", old_files), ("new", new_files))}
    out = {"status": "unchanged", "primary_key": key, "rows": counts,
           "columns_added": [c for c in new_cols if c not in old_cols], "columns_removed": [c for c in old_cols if c not in new_cols],
           "added": _only_in(db, "new", "old"), "removed": _only_in(db, "old", "new"),
           "changed": _changed_rows(db, old_files, new_files, common)}
    if any(out[x] for x in ("columns_added", "columns_removed", "added", "removed", "changed")):
        out["status"] = "changed"
    return out


def _columns(files: list[Path]) -> list[str]:
    """The config's columns, from its first shard (validate checks that every shard has them)."""
    schema = _read(files[0], lambda f: f.schema_arrow)
    odd = [f"{f.name} ({f.type})" for f in schema if not json_type(f.type)]
    if odd:
        raise DiffError(f"{files[0]}: columns of a type no release table has: {', '.join(odd)}; validate the release first")
    return schema.names


def _read(path: Path, use):
    """use(ParquetFile) with pyarrow's errors as a DiffError naming the file."""
    try:
        with pq.ParquetFile(path) as f:
            return use(f)
    except Exception as exc:     # pyarrow raises several types for damaged files
        raise DiffError(f"{path}: cannot be read as Parquet ({exc})") from None


def _row_count(files: list[Path]) -> int:
    return sum(_read(p, lambda f: f.metadata.num_rows) for p in files)


def _batches(files: list[Path], only: set[int] | None = None):
    """Lists of (shard number, row number in the shard, row), a batch in memory at a time; with
    `only`, of those shards alone."""
    for number, path in enumerate(files):
        if only is None or number in only:
            yield from _shard_batches(number, path)


def _shard_batches(number: int, path: Path):
    try:
        with pq.ParquetFile(path) as f:
            offset = 0
            for batch in f.iter_batches(batch_size=BATCH):
                rows = batch.to_pylist()
                yield [(number, offset + i, row) for i, row in enumerate(rows)]
                offset += len(rows)
    except Exception as exc:     # pyarrow raises several types for damaged files
        raise DiffError(f"{path}: cannot be read as Parquet ({exc})") from None


def _index(db, side: str, config: str, key: list[str], common: list[str], files: list[Path]) -> int:
    """Every row's key, the digest of its shared columns and its place; a key seen twice is a DiffError."""
    db.execute(f"DROP TABLE IF EXISTS {side}")
    db.execute(f"CREATE TABLE {side} (k TEXT PRIMARY KEY, h BLOB, shard INTEGER, row INTEGER) WITHOUT ROWID")
    n = 0
    for batch in _batches(files):
        entries = [(_key_text(config, key, row, files[shard]), _digest(row, common), shard, offset) for shard, offset, row in batch]
        try:
            db.executemany(f"INSERT INTO {side} VALUES (?, ?, ?, ?)", entries)
        except sqlite3.IntegrityError:
            twice = _first_repeat(db, side, entries)
            raise DiffError(f"{files[twice[2]]}: {config} has the primary key {_show_key(tuple(json.loads(twice[0])))!r} twice; "
                            "validate the release first") from None
        n += len(entries)
    return n


def _key_text(config: str, key: list[str], row: dict, where: Path) -> str:
    values = [row.get(c) for c in key]
    odd = next((v for v in values if isinstance(v, (list, dict))), None)
    if odd is not None:
        raise DiffError(f"{where}: {config} has a primary key value that is a {type(odd).__name__}, not a string or "
                        "number; validate the release first")
    return json.dumps(values, ensure_ascii=False)


def _digest(row: dict, common: list[str]) -> bytes:
    text = json.dumps([row.get(c) for c in common], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _first_repeat(db, side: str, entries: list[tuple]) -> tuple:
    seen = set()
    for entry in entries:
        if entry[0] in seen or db.execute(f"SELECT 1 FROM {side} WHERE k = ?", (entry[0],)).fetchone():
            return entry
        seen.add(entry[0])
    return entries[0]


def _only_in(db, side: str, other: str) -> list:
    keys = [tuple(json.loads(k)) for (k,) in db.execute(f"SELECT a.k FROM {side} a LEFT JOIN {other} b ON a.k = b.k WHERE b.k IS NULL")]
    return [_show_key(k) for k in sorted(keys, key=_order)]


def _changed_rows(db, old_files: list[Path], new_files: list[Path], common: list[str]) -> list[dict]:
    """The rows whose shared columns differ, read back from their shards, as diff.py reports them."""
    pairs = db.execute("SELECT o.k, o.shard, o.row, n.shard, n.row FROM old o JOIN new n ON o.k = n.k WHERE o.h != n.h").fetchall()
    old_rows = _rows_at(old_files, {(s, r) for _, s, r, _, _ in pairs})
    new_rows = _rows_at(new_files, {(s, r) for _, _, _, s, r in pairs})
    old_by = {tuple(json.loads(k)): old_rows[(os_, or_)] for k, os_, or_, _, _ in pairs}
    new_by = {tuple(json.loads(k)): new_rows[(ns, nr)] for k, _, _, ns, nr in pairs}
    return _changed(old_by, new_by, common)


def _rows_at(files: list[Path], places: set[tuple[int, int]]) -> dict[tuple[int, int], dict]:
    return {(shard, offset): row for batch in _batches(files, {shard for shard, _ in places})
            for shard, offset, row in batch if (shard, offset) in places}
