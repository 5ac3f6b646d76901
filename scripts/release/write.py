"""Tables -> release files: Parquet per config, a copy of the schemas, the card, the catalog
metadata and the manifest. Everything here is a pure function of the tables, so two builds
give byte-identical files."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import schemas
from .card import write_card
from .catalog import write_catalogs
from ..errors import Warnings
from ..layout import CURATION_COPY, MANIFEST, META_KEY, SCHEMA_DIR, SOURCE_COPY, WARNINGS, schema_name, content_hash, file_entry, parquet_path, release_files
from .figure import write_figure

# page checksums let validate tell a damaged page (file-corrupt) from a merely altered file
PARQUET_OPTIONS = {"compression": "zstd", "store_schema": True, "write_page_checksum": True}


def write_release(root: Path, doc, tables: dict[str, list[dict]], version: str) -> None:
    """`doc.curation.repo_id` is the Hub repository the release is built for (None: unpublished);
    it goes into the schema ids, the card, the catalogs and the manifest, which publish checks."""
    repo_id = doc.curation.repo_id
    for table, rows in tables.items():
        write_parquet(parquet_path(root, table), table, rows, _file_metadata(table, version, doc.source.sha256, repo_id))
    write_schemas(root / SCHEMA_DIR, repo_id, version)
    write_warnings(root, doc.warnings)
    write_figure(root, tables)
    write_card(root, tables, version, doc.profile, repo_id, doc.warnings)
    write_catalogs(root, tables, version, doc.profile, repo_id)
    write_manifest(root, tables, version, repo_id)


def _file_metadata(table: str, version: str, sha: str, repo_id: str | None) -> dict:
    return {"table": table, "dataset_version": version, "source_sha256": sha,
            "schema_id": schemas.schema_id(table, repo_id, version)}


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


def write_schemas(dest: Path, repo_id: str | None, version: str) -> None:
    """The project's schemas with the release's `$id` (schemas.schema_text)."""
    dest.mkdir(parents=True, exist_ok=True)
    for table in schemas.TABLES:
        (dest / schema_name(table)).write_text(schemas.schema_text(table, schemas.schema_id(table, repo_id, version)), encoding="utf-8")


def write_manifest(root: Path, tables: dict[str, list[dict]], version: str, repo_id: str | None = None) -> None:
    manifest = {
        "dataset_version": version,
        "repo_id": repo_id,
        "files": [file_entry(root, p) for p in release_files(root)],
        "tables": {t: {"rows": len(rows), "content_sha256": content_hash(t, rows), "primary_key": schemas.primary_key(t)}
                   for t, rows in tables.items()},
    }
    (Path(root) / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
