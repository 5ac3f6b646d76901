"""Tables -> release files: Parquet per config, a copy of the schemas, the card, the catalog
metadata and the manifest. Everything here is a pure function of the tables, so two builds
give byte-identical files."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import schemas

META_KEY = b"jd_wechat_commentary"
MANIFEST = "MANIFEST.json"
# page checksums let validate tell a damaged page (file-corrupt) from a merely altered file
PARQUET_OPTIONS = {"compression": "zstd", "store_schema": True, "write_page_checksum": True}


def parquet_path(root: Path, table: str) -> Path:
    return Path(root) / "data" / table / "train-00000-of-00001.parquet"


def write_release(root: Path, doc, tables: dict[str, list[dict]], version: str) -> None:
    from .card import write_card
    from .catalog import write_catalogs

    for table, rows in tables.items():
        write_parquet(parquet_path(root, table), table, rows, _file_metadata(table, version, doc.source.sha256))
    copy_schemas(root / "schema")
    write_card(root, tables, version, doc.profile)
    write_catalogs(root, tables, version, doc.profile)
    write_manifest(root, tables, version)


def _file_metadata(table: str, version: str, sha: str) -> dict:
    return {"table": table, "dataset_version": version, "source_sha256": sha,
            "schema_id": schemas.load_schema(table)["$id"]}


def write_parquet(path: Path, table: str, rows: list[dict], meta: dict) -> None:
    from .features import huggingface_metadata

    arrow = schemas.arrow_schema(table)
    arrow = arrow.with_metadata({b"huggingface": huggingface_metadata(arrow),
                                 META_KEY: json.dumps(meta, sort_keys=True).encode()})
    data = pa.Table.from_pylist(rows, schema=arrow)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(data, path, row_group_size=max(len(rows), 1), **PARQUET_OPTIONS)


def copy_schemas(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for table in schemas.TABLES:
        shutil.copyfile(schemas.schema_file(table), dest / f"{table}.schema.json")


# ---------------------------------------------------------------- manifest

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


def write_manifest(root: Path, tables: dict[str, list[dict]], version: str) -> None:
    manifest = {
        "dataset_version": version,
        "files": [file_entry(root, p) for p in release_files(root)],
        "tables": {t: {"rows": len(rows), "content_sha256": content_hash(t, rows), "primary_key": schemas.primary_key(t)}
                   for t, rows in tables.items()},
    }
    (Path(root) / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
