"""`diff OLD NEW` between two corpus releases: rows matched by the composite primary key whatever
shards they are in; the report and exit codes of the single-article diff."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jd_wechat_commentary.corpus import schema as corpus_schema
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.corpus import build_corpus
from jd_wechat_commentary.diff import diff_releases

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "dataset"
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*/article.txt"))
ALL_UNCHANGED = {c: "unchanged" for c in corpus_schema.CONFIGS}


def articles(folder: Path, fixtures: list[Path]) -> Path:
    folder.mkdir(parents=True)
    for path in fixtures:
        shutil.copyfile(path, folder / f"{path.parent.name}.txt")
    return folder


def build(folder: Path, out: Path, **kwargs) -> Path:
    _, report = build_corpus(folder, out, **kwargs)
    assert report.valid, report.text()
    return out


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[str, Path]:
    """The same three articles in one shard per config and in shards of 5 rows from two tasks;
    then with one article's cue changed, and with a fourth article."""
    work = tmp_path_factory.mktemp("diff")
    three = articles(work / "three", FIXTURES[:3])
    edited = articles(work / "edited", FIXTURES[:3])
    target = edited / f"{FIXTURES[1].parent.name}.txt"
    text = target.read_text(encoding="utf-8")
    cue = next(c for c in ("表示", "认为", "認為", "指出") if c in text)
    target.write_text(text.replace(cue, "强调" if cue != "强调" else "指出", 1), encoding="utf-8")
    return {"base": build(three, work / "base"), "resharded": build(three, work / "resharded", tasks=2, max_rows=5, row_group=2),
            "edited": build(edited, work / "edited-out"), "four": build(articles(work / "four", FIXTURES[:4]), work / "four-out")}


def statuses(result: dict) -> dict:
    return {t: d["status"] for t, d in result["tables"].items()}


def test_the_same_rows_in_other_shards_are_identical(corpora, capsys):
    base, resharded = corpora["base"], corpora["resharded"]
    assert len(list((resharded / "data" / "blocks").glob("*.parquet"))) > 1 == len(list((base / "data" / "blocks").glob("*.parquet")))
    result = diff_releases(base, resharded)
    assert result["identical"] is True and statuses(result) == ALL_UNCHANGED
    assert result["tables"]["blocks"]["primary_key"] == ["document_id", "block_id"]
    assert main(["diff", str(base), str(resharded)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "identical"


def reported_documents(result: dict) -> set[str]:
    """The document_id of every key reported added, removed or changed, in any config."""
    out = set()
    for d in result["tables"].values():
        for key in d.get("added", []) + d.get("removed", []) + [c["key"] for c in d.get("changed", [])]:
            out.add(key if isinstance(key, str) else key[0])
    return out


def test_an_edited_article_reports_its_rows_and_no_other(corpora):
    result = diff_releases(corpora["resharded"], corpora["edited"])
    edited = FIXTURES[1].parent.name
    assert result["identical"] is False and reported_documents(result) == {edited}
    document = result["tables"]["document"]
    assert [c["key"] for c in document["changed"]] == [edited]
    assert {"text", "source_sha256"} <= set(document["changed"][0]["fields"])
    attributions = result["tables"]["attributions"]
    assert attributions["status"] == "changed" and attributions["rows"]["old"] == attributions["rows"]["new"]
    assert statuses(result)["rejects"] == "unchanged"


def test_an_added_article_is_reported_added_and_reversed_removed(corpora, capsys):
    added = FIXTURES[3].parent.name
    result = diff_releases(corpora["resharded"], corpora["four"])
    assert result["tables"]["document"]["added"] == [added] and reported_documents(result) == {added}
    assert all(key[0] == added for key in result["tables"]["blocks"]["added"]) and result["tables"]["blocks"]["added"]
    assert all(not d.get("removed") and not d.get("changed") for d in result["tables"].values())
    back = diff_releases(corpora["four"], corpora["base"])
    assert back["tables"]["document"]["removed"] == [added] and not back["tables"]["document"]["added"]
    assert main(["diff", str(corpora["four"]), str(corpora["base"]), "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == back


def test_one_cell_changed_in_a_shard_is_that_row_with_its_composite_key(corpora, tmp_path, capsys):
    new = tmp_path / "new"
    shutil.copytree(corpora["base"], new)
    shard = sorted((new / "data" / "attributions").glob("*.parquet"))[0]
    table = pq.read_table(shard)
    rows = table.to_pylist()
    row = rows[3]
    rows[3] = {**row, "cue_text": "宣稱"}
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), shard)
    result = diff_releases(corpora["resharded"], new)
    n = len(rows)
    assert result["tables"]["attributions"] == {
        "status": "changed", "primary_key": ["document_id", "attribution_id"], "rows": {"old": n, "new": n},
        "columns_added": [], "columns_removed": [], "added": [], "removed": [],
        "changed": [{"key": [row["document_id"], row["attribution_id"]], "fields": {"cue_text": {"old": row["cue_text"], "new": "宣稱"}}}]}
    assert statuses(result) == {**ALL_UNCHANGED, "attributions": "changed"}
    assert main(["diff", str(corpora["resharded"]), str(new)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[2:] == [f"attributions: 1 changed ({n} -> {n} rows)",
                         f"  ~ {[row['document_id'], row['attribution_id']]} cue_text: {row['cue_text']!r} -> '宣稱'",
                         "unchanged: document, blocks, paragraphs, sections, speakers, disclaimers, errata, rejects",
                         "1 table(s) differ"]


def test_a_key_twice_or_a_corpus_against_a_single_release_exits_2(corpora, tmp_path, capsys):
    assert main(["diff", str(corpora["base"]), str(DATASET)]) == 2
    assert "a single-article release compared with a corpus release" in capsys.readouterr().err
    twice = tmp_path / "twice"
    shutil.copytree(corpora["base"], twice)
    shard = sorted((twice / "data" / "speakers").glob("*.parquet"))[0]
    table = pq.read_table(shard)
    pq.write_table(pa.concat_tables([table, table.slice(0, 1)]), shard)
    assert main(["diff", str(corpora["base"]), str(twice)]) == 2
    first = table.slice(0, 1).to_pylist()[0]
    assert f"speakers has the primary key {[first['document_id'], first['speaker_id']]!r} twice; validate the release first" in capsys.readouterr().err
