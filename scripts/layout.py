"""Where things are in a release folder, and the hashes that identify its files and rows.

At the bottom of the package: the writers (release, card, catalog) and the readers (validate,
integrity, publish) all name paths and hashes through here, so none of them imports another.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import schemas

META_KEY = b"jd_wechat_commentary"   # the Parquet file-metadata key with version, source sha256, schema $id
MANIFEST = "MANIFEST.json"
WARNINGS = "warnings.jsonl"          # the build's warnings: one JSON object per line (code, file, line, message)
SOURCE_COPY = "source/article.txt"
CURATION_COPY = "source/curation.yaml"
SPEAKERS_FIGURE = "images/speakers-by-section.svg"   # the card's picture: who speaks in which section


def parquet_path(root: Path, table: str) -> Path:
    return Path(root) / "data" / table / "train-00000-of-00001.parquet"


def read_parquet(path: Path, verify: bool = False):
    """One Parquet file as an Arrow table, through ParquetFile: pq.read_table goes through
    pyarrow.dataset, which imports pandas. With verify, the page checksums are checked and so
    are the magic bytes at the start (pyarrow only checks those at the end)."""
    import pyarrow.parquet as pq

    if verify:
        with open(path, "rb") as raw:
            if raw.read(4) != b"PAR1":
                raise ValueError("the file does not start with the Parquet magic bytes PAR1")
    with pq.ParquetFile(path, page_checksum_verification=verify) as f:
        return f.read()


def content_hash(table: str, rows: list[dict]) -> str:
    """sha256 over rows in canonical JSON (sorted keys, UTF-8), ordered by primary key: it
    changes when the data changes, not when the Parquet writer does."""
    key = schemas.primary_key(table)
    # ordered by key; the type name keeps a tampered table (a null or mistyped key) sortable
    ordered = sorted(rows, key=lambda r: tuple((v is None, type(v).__name__, v if v is not None else 0) for v in (r.get(k) for k in key)))
    h = hashlib.sha256()
    for row in ordered:
        h.update(json.dumps(row, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def file_entry(root: Path, path: Path) -> dict:
    data = path.read_bytes()
    return {"path": path.relative_to(root).as_posix(), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def release_files(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file() and p.name != MANIFEST)
