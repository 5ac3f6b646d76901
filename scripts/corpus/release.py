"""Staged task shards -> the corpus release: final shard names, schemas, warnings, summary, card,
catalogs, manifest.

Runs once, after every task has finished. Every step can be repeated: the renames follow a plan
written before the first of them (a rerun after a kill finishes the plan), and everything else
is rewritten from the shards and the tasks' summaries, byte for byte the same. The summary,
card and catalogs are a function of the shards and the summary alone (generated_files), so that
`corpus validate` can write them again and compare.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from . import schema as corpus_schema
from .card import ConfigStats, card, config_stats
from .catalog import croissant, datapackage
from ..layout import CARD, CATALOGS, CORPUS_SUMMARY, CORPUS_WORK, MANIFEST, STAGED_SHARD, WARNINGS, schema_copy_path, shard_folder, shard_name, table_shards
from ..reading import HUB_IGNORED_FILES, HUB_IGNORED_FOLDERS, MAX_TEXT_BYTES, Unreadable, loads_json, read_regular

WORK = CORPUS_WORK


def is_corpus(root: Path) -> bool:
    """A corpus release says so in its manifest (kind: corpus)."""
    try:
        return loads_json(read_regular(Path(root) / MANIFEST, MAX_TEXT_BYTES), MANIFEST).get("kind") == "corpus"
    except (Unreadable, OSError, ValueError, AttributeError):
        return False


def finish(out: Path, version: str, empty_shard, repo_id: str | None = None) -> dict:
    """`empty_shard(config, path)` writes a shard with no rows, for a config no task wrote rows to
    (pandas, polars and duckdb read a config's columns from it). `repo_id`: the Hub repository
    the corpus is built for (the card's loading line, the catalogs' URL, the manifest), or None."""
    from .summary import merge_summaries
    out, staging = Path(out), Path(out) / WORK / "staging"
    _place_shards(out, staging, empty_shard)
    _concatenate(sorted((staging / "warnings").glob("*.jsonl")), out / WARNINGS)
    summary = merge_summaries(json.loads(p.read_text(encoding="utf-8")) for p in sorted((staging / "summary").glob("*.json")))
    for config in corpus_schema.CONFIGS:
        _write(schema_copy_path(out, config), corpus_schema.schema_text(config))
    stats = {c: config_stats(shards(out, c)) for c in corpus_schema.CONFIGS}
    for rel, text in generated_files(out, summary, stats, version, repo_id).items():
        _write(out / rel, text)
    write_manifest(out, stats, version, repo_id)
    return summary


def summary_text(summary: dict) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def generated_files(out: Path, summary: dict, stats: dict[str, ConfigStats], version: str, repo_id: str | None) -> dict[str, str]:
    """The files written from the counts, by relative path: what validate compares."""
    rows = {c: stats[c].rows for c in corpus_schema.CONFIGS}
    paths = {c: [p.relative_to(out).as_posix() for p in shards(out, c)] for c in corpus_schema.CONFIGS}
    return {CORPUS_SUMMARY: summary_text(summary), CARD: card(summary, stats, version, repo_id),
            CATALOGS[0]: _json(croissant(summary, rows, version, repo_id)),
            CATALOGS[1]: _json(datapackage(summary, rows, paths, version, repo_id))}


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _place_shards(out: Path, staging: Path, empty_shard) -> None:
    plan_path = out / WORK / "plan.json"
    if plan_path.is_file():
        plan = json.loads(plan_path.read_text(encoding="utf-8"))
    else:
        plan = {}
        for config in corpus_schema.CONFIGS:
            staged = sorted((staging / config).glob(STAGED_SHARD))
            plan[config] = [[str(p.relative_to(out)), (shard_folder(Path(), config) / shard_name(i, len(staged))).as_posix()]
                            for i, p in enumerate(staged)]
        _write(plan_path, json.dumps(plan, indent=1) + "\n")
    for config, moves in plan.items():
        shard_folder(out, config).mkdir(parents=True, exist_ok=True)
        for src, dest in moves:
            if (out / src).exists():
                os.replace(out / src, out / dest)
        if not moves and not table_shards(out, config):
            empty_shard(config, shard_folder(out, config) / shard_name(0, 1))


def _concatenate(parts: list[Path], dest: Path) -> None:
    tmp = dest.with_name(dest.name + ".part")
    with open(tmp, "wb") as f:
        for part in parts:
            with open(part, "rb") as src:
                while chunk := src.read(1 << 20):
                    f.write(chunk)
    os.replace(tmp, dest)


def shards(out: Path, config: str) -> list[Path]:
    return table_shards(out, config)


def release_files(out: Path) -> list[Path]:
    """Every file of the release: all but the manifest, the work folder and what the Hub adds to a
    download (`.gitattributes`, `.cache/huggingface/`, as for a single release: reading.py)."""
    out = Path(out)
    return sorted(p for p in out.rglob("*") if p.is_file() and not _not_released(p.relative_to(out).as_posix()))


def _not_released(rel: str) -> bool:
    return (rel == MANIFEST or rel.split("/")[0] == WORK or rel in HUB_IGNORED_FILES
            or any(rel.startswith(folder + "/") for folder in HUB_IGNORED_FOLDERS))


def file_entry(out: Path, path: Path) -> dict:
    h, n = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            n += len(chunk)
    return {"path": path.relative_to(out).as_posix(), "bytes": n, "sha256": h.hexdigest()}


def write_manifest(out: Path, stats: dict[str, ConfigStats], version: str, repo_id: str | None = None) -> None:
    manifest = {
        "dataset_version": version, "kind": "corpus", "repo_id": repo_id,
        "files": [file_entry(out, p) for p in release_files(out)],
        "tables": {c: {"rows": stats[c].rows, "shards": stats[c].shards, "primary_key": corpus_schema.primary_key(c)}
                   for c in corpus_schema.CONFIGS},
    }
    _write(Path(out) / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
