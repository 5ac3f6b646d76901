"""The catalogs of a corpus release, as a single release has them: croissant.json (Croissant 1.1)
and datapackage.json (Data Package v2), over the shards and the corpus schemas, with the
corpus-level counts in their descriptions.

Croissant names each config's shards as one FileSet (`includes` the shard glob), so its size
does not grow with the shards; mlcroissant reads every record set from it. The Data Package lists
each config's shards as the parts of one resource (a multipart resource): the stock `frictionless
validate` reads only the first part of a multipart Parquet resource and reports a composite foreign
key with a null part as missing, so it is no validator of a corpus (`corpus validate` is).

Both are pure functions of the counts, the shard paths and the version: `corpus validate` writes
them again and compares. Field descriptions come from catalog.py, as for a single release.
"""
from __future__ import annotations

from .. import about
from . import schema as corpus_schema
from ..release.catalog import CROISSANT_CONTEXT, CROISSANT_VERSION, PARQUET_MEDIA_TYPE, _dp_field, _field, _foreign_key
from .card import PRETTY_NAME, TAGS, TEXT_RIGHTS
from ..layout import shard_glob
from ..version import RELEASE_DATE

NAME = "jd-wechat-commentary-corpus"
SUMMARY = ("Chinese news commentary articles as linked tables: each document, its source lines, body paragraphs, "
           "sections, speakers, attributions of reported statements, platform notices and errata, plus the articles "
           "that could not be built (rejects); built by the jd-wechat-commentary rules. Every span is a code-point "
           "offset into its article's exact text.")


# what about.bibtex needs to cite the corpus (it has no card template of its own: corpus_card writes it)
PROFILE = about.Profile(NAME, PRETTY_NAME, SUMMARY, tuple(TAGS), None, None, TEXT_RIGHTS, False)


def counts_note(summary: dict, rows: dict[str, int]) -> str:
    built = summary.get("articles", {}).get("built", 0)
    rejected = sum(summary.get("rejects", {}).values())
    return (f"{built} articles built, {rejected} rejected; rows: "
            + ", ".join(f"{c} {rows[c]}" for c in corpus_schema.CONFIGS) + ".")


def languages(summary: dict) -> list[str]:
    return [f"zh-{script}" for script in sorted(summary.get("script", {}))] or ["zh"]


def licenses() -> list[dict]:
    return [{"@type": "sc:CreativeWork", "name": f"{about.ANNOTATIONS_LICENSE} (the annotations)", "url": about.ANNOTATIONS_LICENSE_URL},
            {"@type": "sc:CreativeWork", "name": "Article text: rights reserved by each article's author", "description": TEXT_RIGHTS}]


# ---------------------------------------------------------------- Croissant

def croissant(summary: dict, rows: dict[str, int], version: str, repo_id: str | None) -> dict:
    url = about.hub_url(repo_id)
    return {
        "@context": CROISSANT_CONTEXT, "@type": "sc:Dataset", "conformsTo": CROISSANT_VERSION,
        "name": NAME, "alternateName": PRETTY_NAME, "description": f"{SUMMARY} {counts_note(summary, rows)}",
        "version": version, "datePublished": RELEASE_DATE, **({"url": url} if url else {}),
        "citeAs": about.bibtex(version, PROFILE, repo_id), "license": licenses(), "keywords": TAGS,
        "inLanguage": languages(summary),
        "distribution": [_file_set(c, rows[c]) for c in corpus_schema.CONFIGS],
        "recordSet": [_record_set(c) for c in corpus_schema.CONFIGS],
    }


def _file_set(config: str, rows: int) -> dict:
    return {"@type": "cr:FileSet", "@id": f"{config}-parquet", "name": f"{config}-parquet",
            "description": f"The {config} config as Parquet shards ({rows} rows).",
            "encodingFormat": PARQUET_MEDIA_TYPE, "includes": shard_glob(config)}


def _record_set(config: str) -> dict:
    schema = corpus_schema.corpus_schema(config)
    fields = [_from_file_set(_field(config, f"{config}/{name}", name, prop, [])) for name, prop in schema["properties"].items()]
    for fk in schema["x-foreign-keys"]:     # in the description, as for a single release (catalog._record_set says why)
        own = next(f for f in fields if f["@id"] == f"{config}/{fk['fields'][-1]}")
        own["description"] += f" References {fk['reference']['resource']} ({', '.join(fk['reference']['fields'])})."
    return {"@type": "cr:RecordSet", "@id": config, "name": config, "description": schema["description"],
            "key": [{"@id": f"{config}/{k}"} for k in schema["x-primary-key"]], "field": fields}


def _from_file_set(field: dict) -> dict:
    """catalog._field reads a column from a FileObject; a corpus config's column is in a FileSet."""
    out = {k: [_from_file_set(f) for f in v] if k == "subField" else v for k, v in field.items()}
    if "source" in out:
        source = dict(out["source"])
        source["fileSet"] = source.pop("fileObject")
        out["source"] = source
    return out


# ---------------------------------------------------------------- Data Package

def datapackage(summary: dict, rows: dict[str, int], shard_paths: dict[str, list[str]], version: str,
                repo_id: str | None) -> dict:
    url = about.hub_url(repo_id)
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": NAME, "title": PRETTY_NAME, "version": version, **({"homepage": url} if url else {}),
        "description": f"{SUMMARY} {counts_note(summary, rows)} {TEXT_RIGHTS}", "keywords": TAGS,
        # the article text has no license to name: the description says whose it is
        "licenses": [{"name": about.ANNOTATIONS_LICENSE, "path": about.ANNOTATIONS_LICENSE_URL,
                      "title": "Creative Commons Attribution 4.0 (the annotations: every column not copied from an article)"}],
        "resources": [_resource(c, rows[c], shard_paths[c]) for c in corpus_schema.CONFIGS],
    }


def _resource(config: str, rows: int, paths: list[str]) -> dict:
    schema = corpus_schema.corpus_schema(config)
    return {"name": config, "type": "table", "path": paths, "format": "parquet", "mediatype": "application/vnd.apache.parquet",
            "title": schema["title"], "description": f"{schema['description']} {rows} rows; each path is one Parquet shard.",
            "schema": {"fields": [_dp_field(name, prop) for name, prop in schema["properties"].items()],
                       "primaryKey": list(schema["x-primary-key"]),
                       "foreignKeys": [_foreign_key(fk) for fk in schema["x-foreign-keys"]]}}
