"""Helpers for tests that break a release on purpose: rewrite one Parquet table with pyarrow,
keeping its schema and metadata (version, features key) so that only the intended change shows."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from jd_wechat_commentary.release.write import PARQUET_OPTIONS


def parquet(root: Path, table: str) -> Path:
    return Path(root) / "data" / table / "train-00000-of-00001.parquet"


def read_rows(root: Path, table: str) -> list[dict]:
    return pq.read_table(parquet(root, table)).to_pylist()


def rewrite(root: Path, table: str, edit, schema: pa.Schema | None = None) -> None:
    """edit(rows) -> rows; the file keeps its Arrow schema and metadata unless `schema` is given."""
    path = parquet(root, table)
    original = pq.read_table(path)
    rows = edit(original.to_pylist())
    pq.write_table(pa.Table.from_pylist(rows, schema=schema or original.schema), path, **PARQUET_OPTIONS)


def set_cell(root: Path, table: str, key: str, key_value, column: str, value) -> None:
    def edit(rows):
        (row,) = [r for r in rows if r[key] == key_value]
        row[column] = value
        return rows
    rewrite(root, table, edit)


def sha256_tree(root: Path) -> dict[str, str]:
    """Every file under root (relative path -> sha256), to prove a folder was left untouched."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(root).rglob("*")) if p.is_file()}
