"""Staged task shards -> the corpus release: final shard names, schemas, warnings, card, manifest.

Runs once, after every task has finished. Every step can be repeated: the renames follow a plan
written before the first of them (a rerun after a kill finishes the plan), and everything else
is rewritten from the shards and the tasks' summaries, byte for byte the same.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import yaml

from . import corpus_schema
from .layout import MANIFEST

WORK = ".corpus"            # inside the release: datatrove's logs and completion markers, the staging area
CARD = "README.md"
WARNINGS = "warnings.jsonl"
SUMMARY = "summary.json"


def shard_name(index: int, count: int) -> str:
    return f"train-{index:05d}-of-{count:05d}.parquet"


def finish(out: Path, version: str, empty_shard) -> dict:
    """`empty_shard(config, path)` writes a shard with no rows, for a config no task wrote rows to
    (datasets needs a file to know a config's features)."""
    from .corpus_steps import merge_summaries    # here: corpus validate reads this module without datatrove
    out, staging = Path(out), Path(out) / WORK / "staging"
    _place_shards(out, staging, empty_shard)
    _concatenate(sorted((staging / "warnings").glob("*.jsonl")), out / WARNINGS)
    summary = merge_summaries(json.loads(p.read_text(encoding="utf-8")) for p in sorted((staging / "summary").glob("*.json")))
    (out / "schema").mkdir(exist_ok=True)
    for config in corpus_schema.CONFIGS:
        (out / "schema" / f"{config}.schema.json").write_text(corpus_schema.schema_text(config), encoding="utf-8")
    rows = {c: _rows(out, c) for c in corpus_schema.CONFIGS}
    _write(out / SUMMARY, json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    _write(out / CARD, card(summary, rows, version))
    write_manifest(out, rows, version)
    return summary


def _place_shards(out: Path, staging: Path, empty_shard) -> None:
    plan_path = out / WORK / "plan.json"
    if plan_path.is_file():
        plan = json.loads(plan_path.read_text(encoding="utf-8"))
    else:
        plan = {}
        for config in corpus_schema.CONFIGS:
            staged = sorted((staging / config).glob("*.parquet"))
            plan[config] = [[str(p.relative_to(out)), f"data/{config}/{shard_name(i, len(staged))}"] for i, p in enumerate(staged)]
        _write(plan_path, json.dumps(plan, indent=1) + "\n")
    for config, moves in plan.items():
        (out / "data" / config).mkdir(parents=True, exist_ok=True)
        for src, dest in moves:
            if (out / src).exists():
                os.replace(out / src, out / dest)
        if not moves and not any((out / "data" / config).glob("*.parquet")):
            empty_shard(config, out / "data" / config / shard_name(0, 1))


def _concatenate(parts: list[Path], dest: Path) -> None:
    tmp = dest.with_name(dest.name + ".part")
    with open(tmp, "wb") as f:
        for part in parts:
            with open(part, "rb") as src:
                while chunk := src.read(1 << 20):
                    f.write(chunk)
    os.replace(tmp, dest)


def shards(out: Path, config: str) -> list[Path]:
    return sorted((Path(out) / "data" / config).glob("train-*.parquet"))


def _rows(out: Path, config: str) -> int:
    import pyarrow.parquet as pq
    return sum(pq.ParquetFile(p).metadata.num_rows for p in shards(out, config))


def release_files(out: Path) -> list[Path]:
    """Every file of the release: all but the manifest and the work folder."""
    out = Path(out)
    return sorted(p for p in out.rglob("*") if p.is_file() and p.name != MANIFEST and WORK not in p.relative_to(out).parts)


def file_entry(out: Path, path: Path) -> dict:
    h, n = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            n += len(chunk)
    return {"path": path.relative_to(out).as_posix(), "bytes": n, "sha256": h.hexdigest()}


def write_manifest(out: Path, rows: dict, version: str) -> None:
    manifest = {
        "dataset_version": version, "kind": "corpus",
        "files": [file_entry(out, p) for p in release_files(out)],
        "tables": {c: {"rows": rows[c], "shards": len(shards(out, c)), "primary_key": corpus_schema.primary_key(c)}
                   for c in corpus_schema.CONFIGS},
    }
    _write(Path(out) / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")


def card(summary: dict, rows: dict, version: str) -> str:
    meta = {"language": ["zh"], "license": "other", "pretty_name": "Chinese news commentary corpus: speaker attribution",
            "tags": ["chinese", "news", "quote-attribution", "speaker-attribution"], "version": version,
            "configs": [{"config_name": c, "data_files": [{"split": "train", "path": f"data/{c}/train-*.parquet"}],
                         **({"default": True} if c == "paragraphs" else {})} for c in corpus_schema.CONFIGS]}
    articles = summary.get("articles", {})
    rejects = summary.get("rejects", {})
    lines = ["---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).rstrip(), "---", "",
             "# Chinese news commentary corpus: speaker attribution", "",
             f"Built by `jd-wechat-commentary corpus build` (dataset version {version}): every article went through the "
             "rules of `jd-wechat-commentary build --source`, and its rows carry its `document_id`. The primary key of "
             "every table but `document` is `document_id` followed by the table's own key (see `schema/`).", "",
             "Load one config: `load_dataset(\"path/to/this/folder\", \"attributions\", split=\"train\")`.", "",
             "## Counts", "",
             f"- articles built: {articles.get('built', 0)}; rejected: {sum(rejects.values())} (config `rejects`)",
             f"- characters of text: {articles.get('chars', 0)}", "",
             _table("rows per config", rows), _table("articles by script", summary.get("script", {})),
             _table("articles by outlet", summary.get("outlet", {})),
             _table("articles by number of speakers", summary.get("speakers_per_article", {}), key=int),
             _table("attributions by rule (rule_id)", summary.get("rule_id", {})),
             _table("attributions by speaker rule", summary.get("speaker_rule", {})),
             _table("rejects by error code", rejects), _table("warnings by code (warnings.jsonl)", summary.get("warnings", {})),
             "License: the annotations are CC BY 4.0; each article's text belongs to its author.", ""]
    return "\n".join(lines)


def _table(title: str, counts: dict, key=str) -> str:
    if not counts:
        return f"**{title}:** none\n"
    body = "\n".join(f"| {k} | {v} |" for k, v in sorted(counts.items(), key=lambda kv: key(kv[0])))
    return f"**{title}**\n\n| | count |\n| --- | ---: |\n{body}\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
