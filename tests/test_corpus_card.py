"""The corpus card (README.md) and catalogs: configs are the configs with rows (an empty table is
not a config, as in a single release), dataset_info is what `datasets` writes, the counts and
breakdowns are those of the shards, mlcroissant reads the shards through croissant.json, and
validate refuses a card or summary that is not the build's."""
from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from jd_wechat_commentary.corpus import schema as corpus_schema
from jd_wechat_commentary.corpus import build_corpus
from jd_wechat_commentary.corpus.validate import validate_corpus
from netguard import block_network
from test_catalog import _decode     # mlcroissant's records as plain rows

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*/article.txt"))


def rows(out: Path, config: str) -> list[dict]:
    return [r for p in sorted((out / "data" / config).glob("train-*.parquet")) for r in pq.read_table(p).to_pylist()]


def front_matter(out: Path) -> dict:
    return yaml.safe_load((out / "README.md").read_text(encoding="utf-8").split("---\n")[1])


def manifest(out: Path) -> dict:
    return json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))


def build(folder: Path, records: list[dict], **kwargs) -> Path:
    """`folder` exists (tmp_path_factory made it)."""
    (folder / "in.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    _, report = build_corpus(folder / "in.jsonl", folder / "out", max_rows=10, row_group=4, **kwargs)
    assert report.valid, report.text()
    return folder / "out"


@pytest.fixture(scope="module")
def without_rejects(tmp_path_factory) -> Path:
    """Two articles, nothing rejected: `rejects` is empty."""
    return build(tmp_path_factory.mktemp("clean"), [{"id": p.parent.name, "text": p.read_text(encoding="utf-8")} for p in FIXTURES[:2]])


@pytest.fixture(scope="module")
def with_outlets(tmp_path_factory) -> Path:
    """Four articles from two outlets and one without, two rejects, built for a Hub repository."""
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES[:4]]
    records = [{"id": f"a-{i}", "text": t, "outlet": ["Daily", "Weekly", None, "Daily"][i]} for i, t in enumerate(texts)]
    records += [{"id": "b-1", "text": ""}, {"id": "b-2"}]
    return build(tmp_path_factory.mktemp("outlets"), records, repo_id="someone/corpus")


def test_an_empty_table_is_not_a_config_and_every_listed_config_loads(without_rejects, hf_cache):
    from datasets import load_dataset
    meta, tables = front_matter(without_rejects), manifest(without_rejects)["tables"]
    assert tables["rejects"]["rows"] == 0
    listed = [c["config_name"] for c in meta["configs"]]
    assert listed == [c for c in corpus_schema.CONFIGS if c != "rejects"]
    assert sorted(i["config_name"] for i in meta["dataset_info"]) == sorted(listed)
    for config in listed:
        assert load_dataset(str(without_rejects), config, split="train", cache_dir=str(hf_cache)).num_rows == tables[config]["rows"]
    with pytest.raises(ValueError, match="BuilderConfig 'rejects' not found"):
        load_dataset(str(without_rejects), "rejects", split="train", cache_dir=str(hf_cache))
    card = (without_rejects / "README.md").read_text(encoding="utf-8")
    assert "Empty in this corpus, so not configs (`datasets` cannot load a table without rows): `rejects`." in card
    assert pq.read_table(without_rejects / "data" / "rejects" / "train-00000-of-00001.parquet").num_rows == 0   # pandas & co. still read it


def test_every_config_with_rows_loads_with_the_manifest_counts(with_outlets, hf_cache):
    from datasets import load_dataset
    tables = manifest(with_outlets)["tables"]
    listed = [c["config_name"] for c in front_matter(with_outlets)["configs"]]
    assert listed == [c for c in corpus_schema.CONFIGS if tables[c]["rows"]] and "rejects" in listed
    for config in listed:
        assert load_dataset(str(with_outlets), config, split="train", cache_dir=str(hf_cache)).num_rows == tables[config]["rows"], config


def test_configs_glob_the_shards_and_dataset_info_is_what_datasets_writes(with_outlets):
    from datasets import Features
    from datasets.info import DatasetInfo
    meta, tables = front_matter(with_outlets), manifest(with_outlets)["tables"]
    assert meta["configs"][2] == {"config_name": "paragraphs", "data_files": [{"split": "train", "path": "data/paragraphs/train-*.parquet"}],
                                  "default": True}
    for info in meta["dataset_info"]:
        config = info["config_name"]
        shards = sorted((with_outlets / "data" / config).glob("*.parquet"))
        assert tables[config]["shards"] == len(shards) and (len(shards) > 1 or tables[config]["rows"] <= 10)
        features = Features.from_arrow_schema(corpus_schema.arrow_schema(config))
        assert info["features"] == DatasetInfo(features=features)._to_yaml_dict()["features"], config
        assert info["splits"] == [{"name": "train", "num_examples": tables[config]["rows"], "num_bytes": info["dataset_size"]}]
        assert info["download_size"] == sum(p.stat().st_size for p in shards)


def card_table(card: str, title: str) -> dict:
    """The rows of the card's `**title**` table, as {label: count}."""
    block = card.split(f"**{title}**\n\n", 1)[1].split("\n\n", 1)[0]
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in block.splitlines()[2:]]
    return {label: int(count) for label, count in cells}


def test_the_card_counts_what_the_shards_hold(with_outlets):
    card = (with_outlets / "README.md").read_text(encoding="utf-8")
    documents, attributions = rows(with_outlets, "document"), rows(with_outlets, "attributions")
    speakers = Counter(r["document_id"] for r in rows(with_outlets, "speakers"))
    assert "- articles built: 4; rejected: 2 (config `rejects`)" in card
    assert card_table(card, "articles by outlet") == {"Daily": 2, "Weekly": 1, "(none)": 1}
    assert card_table(card, "articles by script") == Counter(d["script"] for d in documents)
    assert card_table(card, "articles by number of speakers") == Counter(str(speakers[d["document_id"]]) for d in documents)
    assert card_table(card, "attributions by rule (rule_id)") == Counter(a["rule_id"] for a in attributions)
    assert card_table(card, "rejects by error code") == {"empty": 1, "missing-text": 1}
    assert 'load_dataset("someone/corpus", "attributions", split="train")' in card
    assert manifest(with_outlets)["repo_id"] == "someone/corpus"


def test_catalogs_describe_every_config_and_its_shards(with_outlets):
    tables = manifest(with_outlets)["tables"]
    croissant = json.loads((with_outlets / "croissant.json").read_text(encoding="utf-8"))
    package = json.loads((with_outlets / "datapackage.json").read_text(encoding="utf-8"))
    assert [(f["@id"], f["includes"]) for f in croissant["distribution"]] == [
        (f"{c}-parquet", f"data/{c}/train-*.parquet") for c in corpus_schema.CONFIGS]
    assert croissant["url"] == "https://huggingface.co/datasets/someone/corpus"
    assert "4 articles built, 2 rejected" in croissant["description"] and "4 articles built, 2 rejected" in package["description"]
    for resource in package["resources"]:
        config = resource["name"]
        assert resource["path"] == [p.relative_to(with_outlets).as_posix() for p in sorted((with_outlets / "data" / config).glob("*.parquet"))]
        assert resource["schema"]["primaryKey"] == corpus_schema.primary_key(config)
        assert f" {tables[config]['rows']} rows;" in resource["description"]


def test_mlcroissant_reads_every_record_set_from_the_shards(with_outlets, monkeypatch):
    mlc = pytest.importorskip("mlcroissant")
    attempts = block_network(monkeypatch)
    dataset = mlc.Dataset(jsonld=with_outlets / "croissant.json")
    issues = dataset.metadata.ctx.issues
    assert not issues.errors and not issues.warnings, issues.report()
    for config in ("speakers", "attributions", "rejects"):
        got = sorted((_decode(r) for r in dataset.records(record_set=config)), key=lambda r: json.dumps(r, sort_keys=True))
        assert got == sorted(rows(with_outlets, config), key=lambda r: json.dumps(r, sort_keys=True)), config
    assert attempts == []


def _reseal(out: Path, rel: str) -> None:
    """Give the manifest the edited file's size and sha256, as someone covering an edit would."""
    data = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    body = (out / rel).read_bytes()
    entry = next(e for e in data["files"] if e["path"] == rel)
    entry.update(bytes=len(body), sha256=hashlib.sha256(body).hexdigest())
    (out / "MANIFEST.json").write_text(json.dumps(data, indent=2), encoding="utf-8")


def test_validate_refuses_a_card_or_summary_that_is_not_the_builds(with_outlets, tmp_path):
    out = tmp_path / "copy"
    shutil.copytree(with_outlets, out)
    card = (out / "README.md").read_text(encoding="utf-8")
    (out / "README.md").write_text(card.replace("- config_name: rejects\n", "- config_name: rejected\n"), encoding="utf-8")
    _reseal(out, "README.md")
    assert validate_corpus(out, articles=False).flat() == [("copy-mismatch", None, None)]
    assert [p.field for p in validate_corpus(out, articles=False).problems] == ["README.md"]

    shutil.copyfile(with_outlets / "README.md", out / "README.md")
    _reseal(out, "README.md")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    summary["outlet"]["Weekly"] += 1          # a count the rows do not have, the card rewritten to match
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    _reseal(out, "summary.json")
    problems = validate_corpus(out).problems
    assert [(p.code, p.field) for p in problems] == [("copy-mismatch", "summary.json"), ("copy-mismatch", "README.md")]
    assert "its 'outlet' counts differ from the rows" in problems[0].message
