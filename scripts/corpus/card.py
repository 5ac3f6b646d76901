"""The card of a corpus release, README.md: YAML front matter (configs with data_files globs over
the shards, dataset_info) and the corpus-level counts and breakdowns.

A pure function of the merged summary (summary.json), each config's shard statistics (read from
the Parquet footers) and the manifest's version and repository: `corpus validate` writes it
again and compares. A config without rows is not a config, as in a single release: `datasets`
cannot load a split of 0 rows, so configs and dataset_info leave it out and the card names it.
No `datasets` import: dataset_info's features come from card_features (a test proves that they
are what `datasets` itself writes).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import schemas
from . import schema as corpus_schema
from ..column_types import hf_features
from ..escape import markdown as md
from ..layout import CATALOGS, CORPUS_SUMMARY, MANIFEST, SCHEMA_DIR, WARNINGS, shard_glob

PRETTY_NAME = "Chinese news commentary corpus: speaker attribution"
TAGS = ["chinese", "news", "quote-attribution", "speaker-attribution"]
TEXT_RIGHTS = ("The annotations (every column not copied from an article) are CC BY 4.0; each article's text belongs "
               "to its author, and redistributing it needs the rights holder's permission.")
SIZES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
         (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"))


@dataclass(frozen=True)
class ConfigStats:
    """A config's shards as their footers describe them."""
    rows: int
    shards: int
    download_size: int      # bytes of the shards on disk
    num_bytes: int          # the rows' uncompressed size (the row groups' total_byte_size)


def config_stats(files: list[Path]) -> ConfigStats:
    import pyarrow.parquet as pq
    rows = num_bytes = 0
    for path in files:
        meta = pq.ParquetFile(path).metadata
        rows += meta.num_rows
        num_bytes += sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    return ConfigStats(rows, len(files), sum(p.stat().st_size for p in files), num_bytes)


def loadable(stats: dict[str, ConfigStats]) -> list[str]:
    """The configs `datasets` can load: those with rows, in the corpus's order."""
    return [c for c in corpus_schema.CONFIGS if stats[c].rows]


def card(summary: dict, stats: dict[str, ConfigStats], version: str, repo_id: str | None) -> str:
    return "\n".join(["---", yaml.safe_dump(front_matter(summary, stats, version), allow_unicode=True, sort_keys=False).rstrip(),
                      "---", "", body(summary, stats, version, repo_id)])


def front_matter(summary: dict, stats: dict[str, ConfigStats], version: str) -> dict:
    configs = loadable(stats)
    return {"language": ["zh"], "license": "other", "pretty_name": PRETTY_NAME,
            "size_categories": [size_category(summary.get("articles", {}).get("built", 0))], "tags": TAGS, "version": version,
            "configs": [{"config_name": c, "data_files": [{"split": "train", "path": shard_glob(c)}],
                         **({"default": True} if c == schemas.DEFAULT_CONFIG else {})} for c in configs],
            "dataset_info": [dataset_info(c, stats[c]) for c in sorted(configs)]}


def size_category(articles: int) -> str:
    return next((name for bound, name in SIZES if articles < bound), "n>1T")


def dataset_info(config: str, s: ConfigStats) -> dict:
    """As `datasets` writes it (DatasetInfo._to_yaml_dict): features, the train split, sizes."""
    return {"config_name": config, "features": hf_features(corpus_schema.corpus_schema(config)["properties"]),
            "splits": [{"name": "train", "num_bytes": s.num_bytes, "num_examples": s.rows}],
            "download_size": s.download_size, "dataset_size": s.num_bytes}


def body(summary: dict, stats: dict[str, ConfigStats], version: str, repo_id: str | None) -> str:
    articles, rejects = summary.get("articles", {}), summary.get("rejects", {})
    return "\n".join([
        f"# {PRETTY_NAME}", "",
        f"Built by `jd-wechat-commentary corpus build` (dataset version {version}): every article went through the "
        f"rules of `jd-wechat-commentary build --source`, and its rows carry its `document_id`. The primary key of "
        "every table but `document` is `document_id` followed by the table's own key (see `{SCHEMA_DIR}/`).", "",
        "## Load it", "", loading(stats, repo_id), "",
        "## Configs", "", configs_table(stats), "",
        "## Counts", "",
        f"- articles built: {articles.get('built', 0)}; rejected: {sum(rejects.values())} (config `rejects`)",
        f"- characters of text: {articles.get('chars', 0)}", "",
        _table("articles by script", summary.get("script", {})),
        _table("articles by outlet", summary.get("outlet", {})),
        _table("articles by number of speakers", summary.get("speakers_per_article", {}), key=int),
        _table("attributions by rule (rule_id)", summary.get("rule_id", {})),
        _table("attributions by speaker rule", summary.get("speaker_rule", {})),
        _table("rejects by error code", rejects),
        _table(f"warnings by code ({WARNINGS})", summary.get("warnings", {})),
        "## Files", "",
        f"`{MANIFEST}` lists every file with its size and sha256, and every config's rows and shards; `{CORPUS_SUMMARY}` "
        f"holds the counts above; `{WARNINGS}` every warning of the rules with its `document_id`; `{SCHEMA_DIR}/` the JSON "
        f"Schema of every config; `{CATALOGS[0]}` (Croissant) and `{CATALOGS[1]}` (Data Package) describe the same "
        "shards for catalogs. `jd-wechat-commentary corpus validate` checks all of it.", "",
        f"License: {TEXT_RIGHTS}", ""])


def loading(stats: dict[str, ConfigStats], repo_id: str | None) -> str:
    example = next((c for c in ("attributions", schemas.DEFAULT_CONFIG) if stats[c].rows), None) or (loadable(stats) or ["attributions"])[0]
    where = repo_id or "path/to/this/folder"
    return "\n".join([
        "```python", "from datasets import load_dataset",
        f'{example} = load_dataset("{where}", "{example}", split="train")  # one config per table', "",
        "import polars as pl",
        f'{example} = pl.scan_parquet("{shard_glob(example)}")  # pandas, duckdb: the same glob', "```"])


def configs_table(stats: dict[str, ConfigStats]) -> str:
    lines = ["| config | rows | shards | primary key |", "| --- | ---: | ---: | --- |"]
    lines += [f"| `{c}`{' (default)' if c == schemas.DEFAULT_CONFIG else ''} | {stats[c].rows} | {stats[c].shards} | "
              f"{', '.join(corpus_schema.primary_key(c))} |" for c in corpus_schema.CONFIGS]
    empty = [c for c in corpus_schema.CONFIGS if not stats[c].rows]
    if empty:
        lines += ["", "Empty in this corpus, so not configs (`datasets` cannot load a table without rows): "
                      f"{', '.join(f'`{c}`' for c in empty)}. Each has one shard with its columns and no row, which "
                      "pandas, polars and duckdb read as an empty table."]
    return "\n".join(lines)


def _table(title: str, counts: dict, key=str) -> str:
    if not counts:
        return f"**{title}:** none\n"
    body_rows = "\n".join(f"| {md(k)} | {v} |" for k, v in sorted(counts.items(), key=lambda kv: key(kv[0])))
    return f"**{title}**\n\n| | count |\n| --- | ---: |\n{body_rows}\n"
