"""Tables -> release files: Parquet per config, a copy of the schemas, the card, the catalog
metadata and the manifest. Everything here is a pure function of the tables, so two builds
give byte-identical files."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from . import schemas
from .card import write_card
from .catalog import write_catalogs
from .errors import Warnings
from .layout import CURATION_COPY, MANIFEST, META_KEY, SOURCE_COPY, WARNINGS, content_hash, file_entry, parquet_path, release_files
from .figure import write_figure

# page checksums let validate tell a damaged page (file-corrupt) from a merely altered file
PARQUET_OPTIONS = {"compression": "zstd", "store_schema": True, "write_page_checksum": True}


def write_release(root: Path, doc, tables: dict[str, list[dict]], version: str) -> None:
    for table, rows in tables.items():
        write_parquet(parquet_path(root, table), table, rows, _file_metadata(table, version, doc.source.sha256))
    copy_schemas(root / "schema")
    write_warnings(root, doc.warnings)
    write_figure(root, tables)
    write_card(root, tables, version, doc.profile, doc.warnings)
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


def write_warnings(root: Path, warnings: list) -> None:
    """Every warning of the build, in the release (an empty file when there were none), so that
    a reader can see where the rules were unsure; files are named by their path in the release."""
    text = Warnings(warnings).jsonl({"source": SOURCE_COPY, "curation": CURATION_COPY})
    (Path(root) / WARNINGS).write_text(text, encoding="utf-8")


def copy_schemas(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for table in schemas.TABLES:
        shutil.copyfile(schemas.schema_file(table), dest / f"{table}.schema.json")


def write_manifest(root: Path, tables: dict[str, list[dict]], version: str) -> None:
    manifest = {
        "dataset_version": version,
        "files": [file_entry(root, p) for p in release_files(root)],
        "tables": {t: {"rows": len(rows), "content_sha256": content_hash(t, rows), "primary_key": schemas.primary_key(t)}
                   for t, rows in tables.items()},
    }
    (Path(root) / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
