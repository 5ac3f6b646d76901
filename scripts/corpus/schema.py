"""The schemas of a corpus release, derived from the single-article schemas in schema/.

A corpus holds many articles in one set of tables, so a row is identified by its article and
its own id: every table other than document gains `document_id` (defined as in
document.schema.json) as its first column, and its primary key becomes document_id followed by
the table's own key. The rule, and the few columns the document table gains from the input
record (input_id, url, date, outlet), are declared in schema/corpus/overlay.json; the rejects
table has its own schema, schema/corpus/rejects.schema.json. Nothing else is declared here:
the single-article release keeps its schemas and its bytes.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pyarrow as pa

from .. import schemas
from ..layout import schema_name
from ..column_types import arrow_type, nullable

CORPUS_DIR = schemas.SCHEMA_DIR / "corpus"
REJECTS = "rejects"
CONFIGS = (*schemas.TABLES, REJECTS)     # the corpus's configs: the eight tables and the rejects


@lru_cache(maxsize=None)
def overlay() -> dict:
    return json.loads((CORPUS_DIR / "overlay.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def corpus_schema(config: str) -> dict:
    """The JSON Schema of one config of a corpus release."""
    if config == REJECTS:
        return json.loads((CORPUS_DIR / schema_name(REJECTS)).read_text(encoding="utf-8"))
    base = schemas.load_schema(config)
    doc_id = schemas.load_schema("document")["properties"]["document_id"]
    if config == "document":
        props = {**base["properties"], **overlay()["document_columns"]}
        key, fks = base["x-primary-key"], base["x-foreign-keys"]
    else:
        props = {"document_id": {**doc_id, "description": "The article this row belongs to (document.document_id)."},
                 **base["properties"]}
        key = ["document_id", *base["x-primary-key"]]
        fks = [_within_document(fk) for fk in base["x-foreign-keys"]]
    return {**base, "$id": f"urn:jd-wechat-commentary:schema:corpus:{config}", "title": f"{base['title']} (corpus)",
            "required": list(props), "properties": props, "x-primary-key": key, "x-foreign-keys": fks}


def _within_document(fk: dict) -> dict:
    ref = fk["reference"]
    fields = ["document_id", fk["fields"]]
    target = ["document_id", ref["fields"]] if ref["resource"] != "document" else [ref["fields"]]
    return {"fields": fields, "reference": {"resource": ref["resource"], "fields": target}}


def columns(config: str) -> list[str]:
    return list(corpus_schema(config)["properties"])


def primary_key(config: str) -> list[str]:
    return corpus_schema(config)["x-primary-key"]


@lru_cache(maxsize=None)
def arrow_schema(config: str) -> pa.Schema:
    props = corpus_schema(config)["properties"]
    return pa.schema([pa.field(k, arrow_type(v), nullable=nullable(v)) for k, v in props.items()])


def file_schema(config: str, version: str) -> pa.Schema:
    """The Arrow schema a shard is written with: with the file metadata key of a single release
    (table, version, schema $id) and without the `huggingface` features key, which `datasets`
    derives from these Arrow types alike (Features.from_arrow_schema): writing it would cost the
    build the import of `datasets`, seconds on every run, for no information."""
    import json
    from ..layout import META_KEY
    meta = {"table": config, "dataset_version": version, "schema_id": corpus_schema(config)["$id"]}
    return arrow_schema(config).with_metadata({META_KEY: json.dumps(meta, sort_keys=True).encode()})


def schema_text(config: str) -> str:
    return json.dumps(corpus_schema(config), indent=2, ensure_ascii=False) + "\n"
