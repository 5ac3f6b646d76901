"""Catalog metadata, generated from the JSON Schemas: `croissant.json` (MLCommons Croissant 1.1,
as mlcroissant reads it) and `datapackage.json` (Frictionless Data Package v2).

Both describe the Parquet files already written and the columns of every table (type,
description, keys), so that a catalog shows what `validate` enforces. Written with sorted keys
and no dates: two builds give the same bytes.

datapackage.json is written for the stock `frictionless validate` (5.21), which reads Parquet
through pandas (`pq.read_table(...).to_pandas()`), not through its byte stream:
- no `bytes` or `hash`: it never counts them for Parquet, so a declared `bytes` fails
  (`byte-count`) and a declared `hash` would pass unchecked; sizes and sha256 are in
  MANIFEST.json (checked by `validate`) and in croissant.json;
- list columns are `any`: pandas gives NumPy arrays, which the `array` type rejects; the
  description names the Parquet type;
- nullable integers keep `integer` with `missingValues` ["", "nan"]: pandas turns a null in an
  integer column into float NaN, and an integer is never the text "nan".
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import about, schemas
from ..column_types import arrow_type, base_type, croissant_type, nullable, table_schema_type
from ..layout import CROISSANT, DATAPACKAGE, LICENSE_COPY, file_entry, parquet_path
from ..version import RELEASE_DATE

CROISSANT_VERSION = "http://mlcommons.org/croissant/1.1"
PARQUET_MEDIA_TYPE = "application/x-parquet"  # the encodingFormat mlcroissant reads as Parquet

# The Croissant 1.1 JSON-LD context, as mlcroissant writes it (rdf.make_context for 1.1).
CROISSANT_CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "arrayShape": "cr:arrayShape", "citeAs": "cr:citeAs",
    "column": "cr:column", "conformsTo": "dct:conformsTo", "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract", "field": "cr:field",
    "fileObject": "cr:fileObject", "fileProperty": "cr:fileProperty", "fileSet": "cr:fileSet", "format": "cr:format",
    "includes": "cr:includes", "isArray": "cr:isArray", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath",
    "key": "cr:key", "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated", "replace": "cr:replace",
    "samplingRate": "cr:samplingRate", "sc": "https://schema.org/", "separator": "cr:separator", "source": "cr:source",
    "subField": "cr:subField", "transform": "cr:transform",
}


def write_catalogs(root: Path, tables: dict, version: str, profile: about.Profile = about.PROJECT,
                   repo_id: str | None = None) -> None:
    """`repo_id`: the Hub repository the release is built for; without one (unpublished) the
    catalogs name no URL rather than a placeholder."""
    root = Path(root)
    files = {t: file_entry(root, parquet_path(root, t)) for t in schemas.TABLES}
    document = tables["document"][0]
    _write_json(root / CROISSANT, croissant(files, version, document, profile, about.languages(tables), repo_id))
    _write_json(root / DATAPACKAGE, datapackage(files, version, document, profile, repo_id))


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _source_note(document: dict) -> str:
    parts = [f"platform {document['platform']}" if document.get("platform") else None,
             f"article id {document['source_id']}" if document.get("source_id") else None,
             f"source sha256 {document['source_sha256']}" if document.get("source_sha256") else None]
    return "Source: " + ", ".join(p for p in parts if p) + "." if any(parts) else ""


# ---------------------------------------------------------------- Croissant

def croissant(files: dict[str, dict], version: str, document: dict, profile: about.Profile, languages: list[str],
              repo_id: str | None = None) -> dict:
    url = about.hub_url(repo_id)
    return {
        "@context": CROISSANT_CONTEXT, "@type": "sc:Dataset", "conformsTo": CROISSANT_VERSION,
        "name": profile.name, "alternateName": profile.pretty_name,
        "description": f"{profile.summary} {_source_note(document)}".strip(),
        "version": version, "datePublished": RELEASE_DATE, **({"url": url} if url else {}),
        "citeAs": about.bibtex(version, profile, repo_id),
        "license": [{"@type": "sc:CreativeWork", "name": f"{about.ANNOTATIONS_LICENSE} (the annotations)",
                     "url": about.ANNOTATIONS_LICENSE_URL},
                    {"@type": "sc:CreativeWork", "name": f"Article text: rights reserved (see {LICENSE_COPY})",
                     "description": profile.text_rights}],
        "keywords": list(profile.keywords), "inLanguage": languages,
        "distribution": [_file_object(t, files[t]) for t in schemas.TABLES],
        "recordSet": [_record_set(t) for t in schemas.TABLES],
    }


def _file_object(table: str, entry: dict) -> dict:
    return {"@type": "cr:FileObject", "@id": f"{table}-parquet", "name": f"{table}-parquet",
            "description": f"The {table} table as Parquet (one train split).",
            "contentUrl": entry["path"], "contentSize": f"{entry['bytes']} B",
            "encodingFormat": PARQUET_MEDIA_TYPE, "sha256": entry["sha256"]}


def _record_set(table: str) -> dict:
    schema = schemas.load_schema(table)
    out = {"@type": "cr:RecordSet", "@id": table, "name": table, "description": schema["description"],
           "key": [{"@id": f"{table}/{k}"} for k in schema["x-primary-key"]],
           "field": [_field(table, f"{table}/{name}", name, prop, []) for name, prop in schema["properties"].items()]}
    # Foreign keys go into the description, not `references`: mlcroissant 1.1.1 reads a field
    # with both `source` and `references` as a join and fails on it (Join(speakers) on a generator),
    # and a join would change what a record set yields. datapackage.json declares them as keys.
    for fk in schema["x-foreign-keys"]:
        fld = next(f for f in out["field"] if f["@id"] == f"{table}/{fk['fields']}")
        fld["description"] += f" References {fk['reference']['resource']}.{fk['reference']['fields']}."
    return out


def _field(table: str, field_id: str, column: str, prop: dict, json_path: list[str]) -> dict:
    """A column as a Croissant Field: lists are `isArray` (shape -1), objects have `subField`s
    read from the same column through a jsonPath transform (mlcroissant's own reading)."""
    is_array = base_type(prop) == "array"
    item = prop["items"] if is_array else prop
    out = {"@type": "cr:Field", "@id": field_id, "name": field_id.rsplit("/", 1)[1],
           "description": prop.get("description") or item.get("description", "")}
    if base_type(item) == "object":
        out["subField"] = [_field(table, f"{field_id}/{k}", column, v, json_path + [k]) for k, v in item["properties"].items()]
    else:
        out["dataType"] = croissant_type(item)
        out["source"] = {"fileObject": {"@id": f"{table}-parquet"}, "extract": {"column": column}}
        if json_path:
            out["source"]["transform"] = [{"jsonPath": p} for p in json_path]
    if is_array:
        out.update(isArray=True, arrayShape="-1")
    return out


# ---------------------------------------------------------------- Data Package

def datapackage(files: dict[str, dict], version: str, document: dict, profile: about.Profile,
                repo_id: str | None = None) -> dict:
    url = about.hub_url(repo_id)
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": profile.name, "title": profile.pretty_name, "version": version, **({"homepage": url} if url else {}),
        "description": f"{profile.summary} {_source_note(document)} {profile.text_rights}".strip(),
        "keywords": list(profile.keywords),
        "licenses": [{"name": about.ANNOTATIONS_LICENSE, "path": about.ANNOTATIONS_LICENSE_URL,
                      "title": "Creative Commons Attribution 4.0 (the annotations: every column not copied from the article)"},
                     {"path": LICENSE_COPY, "title": f"Article text: rights reserved by its author (see {LICENSE_COPY})"}],
        "resources": [_resource(t, files[t]) for t in schemas.TABLES],
    }


def _resource(table: str, entry: dict) -> dict:
    schema = schemas.load_schema(table)
    return {"name": table, "type": "table", "path": entry["path"], "format": "parquet",
            "mediatype": "application/vnd.apache.parquet", "title": schema["title"], "description": schema["description"],
            "schema": {"fields": [_dp_field(name, prop) for name, prop in schema["properties"].items()],
                       "primaryKey": list(schema["x-primary-key"]),
                       "foreignKeys": [_foreign_key(fk) for fk in schema["x-foreign-keys"]]}}


def _dp_field(name: str, prop: dict) -> dict:
    base = base_type(prop)
    constraints = {"required": not nullable(prop)}
    if "enum" in prop:
        constraints["enum"] = list(prop["enum"])
    if "pattern" in prop:
        # Table Schema patterns are anchored implicitly; the JSON Schema ones spell ^...$ out.
        constraints["pattern"] = prop["pattern"].removeprefix("^").removesuffix("$")
    if "minimum" in prop:
        constraints["minimum"] = prop["minimum"]
    out = {"name": name, "type": table_schema_type(prop), "description": prop["description"], "constraints": constraints}
    if base == "array":      # see the module docstring: frictionless gets NumPy arrays for lists
        out["description"] += f" (Parquet type {arrow_type(prop)}; Table Schema type `any`, see the card.)"
    elif base == "integer" and nullable(prop):
        out["missingValues"] = ["", "nan"]   # a null read through pandas is float NaN
    return out


def _foreign_key(fk: dict) -> dict:
    as_list = lambda v: [v] if isinstance(v, str) else list(v)  # noqa: E731 - the schemas give one field or many
    return {"fields": as_list(fk["fields"]),
            "reference": {"resource": fk["reference"]["resource"], "fields": as_list(fk["reference"]["fields"])}}
