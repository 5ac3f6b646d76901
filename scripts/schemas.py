"""JSON Schemas -> Arrow schema, keys and row validators.

The files in schema/ are the single declaration of every table. The Arrow schema used to write
Parquet, the primary and foreign keys used by validate, diff and the catalogs, and the span
columns checked against the source are all read from them here.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from .column_types import arrow_type, nullable
from .layout import schema_copy, schema_name

_PACKAGE = Path(__file__).resolve().parent
# An installed wheel ships the schemas as package data; an editable install reads the checkout's.
SCHEMA_DIR = _PACKAGE / "schema" if (_PACKAGE / "schema").is_dir() else _PACKAGE.parent / "schema"
TABLES = ("document", "blocks", "paragraphs", "sections", "speakers", "attributions", "disclaimers", "errata")
DEFAULT_CONFIG = "paragraphs"
HUB_DATASETS = "https://huggingface.co/datasets/"   # a Hub dataset repository's page is this + OWNER/NAME


@lru_cache(maxsize=None)
def load_schema(table: str, schema_dir: Path = SCHEMA_DIR) -> dict:
    return json.loads((schema_dir / schema_name(table)).read_text(encoding="utf-8"))


def curation_schema() -> dict:
    """The curated file's schema (schema/curation.schema.json): its keys, types, enums and patterns."""
    return load_schema("curation")


def schema_file(table: str) -> Path:
    return SCHEMA_DIR / schema_name(table)


def schema_id(table: str, repo_id: str | None = None, version: str | None = None) -> str:
    """The `$id` a release gives a table's schema. With the Hub repository the release is built for,
    the address of the schema's copy in that repository at the release tag; without one, the schema
    file's own `$id`, a `urn:` that names the schema without claiming a location that does not exist."""
    if repo_id is None:
        return load_schema(table)["$id"]
    return f"{HUB_DATASETS}{repo_id}/resolve/v{version}/{schema_copy(table)}"


def schema_text(table: str, schema_id: str) -> str:
    """The schema file a release ships: the project's schema with the release's `$id`, in the
    project's formatting (so that without a repository it is the project's file byte for byte)."""
    schema = {**load_schema(table), "$id": schema_id}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def columns(table: str) -> list[str]:
    return list(load_schema(table)["properties"])


def primary_key(table: str) -> list[str]:
    return load_schema(table)["x-primary-key"]


def foreign_keys(table: str) -> list[dict]:
    return load_schema(table)["x-foreign-keys"]


def row_id(table: str, row: dict, index):
    """How a report names a row: its primary key value, or its position when the key is missing."""
    key = primary_key(table)
    values = [row.get(k) for k in key] if isinstance(row, dict) else [None]
    return values[0] if len(values) == 1 and values[0] is not None else index


def arrow_schema(table: str) -> pa.Schema:
    props = load_schema(table)["properties"]
    return pa.schema([pa.field(k, arrow_type(v), nullable=nullable(v)) for k, v in props.items()])


def span_fields(table: str) -> list[tuple[str, str, str]]:
    """(text column, start column, end column) for every span, by the naming convention
    X_text/X_start/X_end, or text (or printed) with char_start/char_end."""
    props = load_schema(table)["properties"]
    out = []
    for name in props:
        if not name.endswith("_start"):
            continue
        prefix = name[: -len("start")]
        text = prefix + "text" if prefix + "text" in props else next((t for t in ("text", "printed") if t in props), None)
        if text:
            out.append((text, name, prefix + "end"))
    return out


@lru_cache(maxsize=None)
def row_validator(table: str):
    from jsonschema import Draft202012Validator
    return Draft202012Validator(load_schema(table))
