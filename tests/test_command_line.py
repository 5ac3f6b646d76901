"""One answer per condition in every command: a bad path or argument is exit 2 with one line that
names the path, the cause and the fix; validate names what it checked on its first line; no
command falls back to another folder than the one it was run in; text from inputs never breaks
a report line or the card's Markdown."""
from __future__ import annotations

import hashlib
import json
import shutil

import pytest
import yaml

from conftest import CURATION, DATASET, SOURCE
from jd_wechat_commentary import build as build_module
from jd_wechat_commentary.build import build
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.escape import markdown, printable
from parquet_edit import parquet, rewrite

RELEASE_FIX = "give a release folder that build wrote (it holds MANIFEST.json and data/), e.g. dataset"


def usage_error(capsys, *args) -> str:
    assert main([*map(str, args)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("error: "), err
    return err[len("error: "):-1]


# ---------------------------------------------------------------- a folder that is not a release

def test_validate_a_folder_that_is_not_a_release_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("not a release\n", encoding="utf-8")
    assert usage_error(capsys, "validate", tmp_path) == \
        f"{tmp_path}: not a release folder (given as DIR; it holds neither MANIFEST.json nor data/); {RELEASE_FIX}"


@pytest.mark.parametrize("command", [["validate"], ["validate", "--json"], ["diff", DATASET], ["evaluate", DATASET],
                                     ["publish", "--repo-id", "someone/x", "--dry-run", "--dir"]],
                         ids=["validate", "validate-json", "diff", "evaluate", "publish"])
def test_every_command_words_a_missing_folder_the_same(tmp_path, capsys, command):
    missing = tmp_path / "missing"
    given = {"validate": "DIR", "diff": "NEW_DIR", "evaluate": "PRED_DIR", "publish": "--dir"}[command[0]]
    assert usage_error(capsys, *command, missing) == f"{missing}: no such folder (given as {given}); {RELEASE_FIX}"


@pytest.mark.parametrize("command", [["validate"], ["diff", DATASET], ["evaluate", DATASET],
                                     ["publish", "--repo-id", "someone/x", "--dry-run", "--dir"]],
                         ids=["validate", "diff", "evaluate", "publish"])
def test_every_command_words_a_file_given_as_a_folder_the_same(tmp_path, capsys, command):
    given = {"validate": "DIR", "diff": "NEW_DIR", "evaluate": "PRED_DIR", "publish": "--dir"}[command[0]]
    assert usage_error(capsys, *command, SOURCE) == f"{SOURCE}: not a folder (given as {given}); {RELEASE_FIX}"


# ---------------------------------------------------------------- no silent fallback

def test_validate_outside_a_project_folder_asks_for_the_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert usage_error(capsys, "validate") == (f"{tmp_path}: no dataset/source/article.txt in this folder, so there is no "
                                               "default release folder; give the folder to check: jd-wechat-commentary validate DIR")


def test_build_outside_a_project_folder_asks_for_source_and_out(tmp_path, monkeypatch, capsys):
    def reached(*args, **kwargs):
        raise AssertionError("build must not fall back to the checkout's dataset/")
    monkeypatch.setattr(build_module, "build_tables", reached)
    monkeypatch.chdir(tmp_path)
    assert usage_error(capsys, "build") == (f"{tmp_path}: no dataset/source/article.txt in this folder, so there is no "
                                            "default source and release folder; run build in the project folder, or give "
                                            "--source FILE --out DIR")
    assert list(tmp_path.iterdir()) == []


def test_publish_outside_a_project_folder_asks_for_the_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert "no default release folder; give the folder to publish: --dir DIR" in \
        usage_error(capsys, "publish", "--repo-id", "someone/x", "--dry-run")


# ---------------------------------------------------------------- validate names what it checked

def test_validate_names_the_folder_on_its_first_line(capsys, monkeypatch):
    monkeypatch.chdir(DATASET.parent)
    assert main(["validate", "dataset"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"release folder: {DATASET}" and lines[1].startswith("valid: document 1")
    assert main(["validate", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["folder"] == str(DATASET)


def test_validate_table_names_the_file_on_its_first_line(tmp_path, capsys):
    records = tmp_path / "errata.jsonl"
    records.write_text('{"erratum_id": "e001"}\n', encoding="utf-8")
    assert main(["validate", "--table", "errata", str(records)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == f"records file: {records} (table errata)"


# ---------------------------------------------------------------- --table given something else

@pytest.mark.parametrize("content, cause", [
    (None, "a Parquet file, not JSON Lines (to check a release's Parquet tables, validate its folder)"),
    (b'[\n  {"erratum_id": "e001"},\n  {"erratum_id": "e002"}\n]\n', "a JSON array, not JSON Lines (convert it with: jq -c '.[]' FILE > records.jsonl)"),
    (b'{\n  "erratum_id": "e001"\n}\n', "one JSON object over several lines, not JSON Lines (write each record on one line: jq -c . FILE)"),
    (b"\x1f\x8b\x08\x00compressed", "a gzip-compressed file, not JSON Lines (decompress it first)"),
], ids=["parquet", "json-array", "pretty-printed-object", "gzip"])
def test_validate_table_says_what_it_expects(tmp_path, capsys, content, cause):
    path = tmp_path / "records"
    path.write_bytes(parquet(DATASET, "errata").read_bytes() if content is None else content)
    assert usage_error(capsys, "validate", "--table", "errata", path) == \
        f"{path}: {cause}; give --table a JSON Lines file: one JSON object (one record) per line"


def test_validate_unknown_table_is_a_usage_error(tmp_path, capsys):
    assert usage_error(capsys, "validate", "--table", "nope", DATASET / "MANIFEST.json").startswith(
        "--table nope: not a table of this dataset; give one of document, ")


# ---------------------------------------------------------------- evaluate: one article only

def test_evaluate_refuses_a_prediction_of_another_source(tmp_path, capsys):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    shutil.copytree(DATASET, gold)
    shutil.copytree(DATASET, pred)
    rewrite(pred, "document", lambda rows: [{**rows[0], "source_sha256": "ab" * 32}])
    err = usage_error(capsys, "evaluate", gold, pred)
    gold_sha = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:12]
    assert err == (f"{pred}: built from another source than the gold release {gold} (document.source_sha256 "
                   f"abababababab…, gold {gold_sha}…); score a prediction built from the same article as the gold")
    assert main(["evaluate", str(gold), str(gold)]) == 0


# ---------------------------------------------------------------- text from inputs, escaped

def test_a_file_name_with_a_newline_cannot_forge_a_report_line(tmp_path, capsys):
    release = tmp_path / "dataset"
    shutil.copytree(DATASET, release)
    (release / "x\nvalid: all good").write_text("planted\n", encoding="utf-8")
    assert main(["validate", str(release)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == ["unexpected-file: - row - field x\\nvalid: all good: a file the build never writes; a release holds only its own files",
                         "manifest-extra-file: - row - field x\\nvalid: all good: a file the manifest does not list",
                         "not valid: 2 problem(s)"]


def test_escaping_keeps_chinese_and_shows_what_hides():
    assert printable("曹磊\u200b表示\n\x00") == "曹磊\\u200b表示\\n\\x00"
    assert markdown("a|b <script>*x*</script> [l](u) `c` 平臺") == \
        "a\\|b &lt;script&gt;\\*x\\*&lt;/script&gt; \\[l\\](u) \\`c\\` 平臺"


def test_curated_text_is_escaped_in_the_card(tmp_path):
    data = yaml.safe_load(CURATION.read_text(encoding="utf-8"))
    data["document"]["title"] = "標題 | <img src=x onerror=alert(1)>\n# not a heading"
    data["errata"][0]["note"] = "a | b\n<script>alert(1)</script> *bold*"
    curation = tmp_path / "curation.yaml"
    curation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "release"
    build(SOURCE, curation, out)
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "<script>" not in card and "<img" not in card and "\n# not a heading" not in card
    assert "- title: 標題 \\| &lt;img src=x onerror=alert(1)&gt;\\n# not a heading" in card
    row = next(line for line in card.splitlines() if "alert(1)&lt;/script&gt;" in line)
    assert row.endswith("| a \\| b\\n&lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* |") and row.count(" | ") == 7     # 8 cells (with category), 7 inner separators


def test_a_path_with_a_newline_stays_on_the_error_line(tmp_path, capsys):
    folder = tmp_path / "a\nerror: forged"
    folder.mkdir()
    assert usage_error(capsys, "validate", folder).startswith(f"{tmp_path}/a\\nerror: forged: not a release folder")
    source = folder / "article\n.txt"
    source.write_bytes(b"\x00")
    assert main(["build", "--source", str(source), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: {tmp_path}/a\\nerror: forged/article\\n.txt:1:1: found the control")


def test_diff_shows_a_key_with_a_newline_on_one_line(tmp_path, capsys):
    new = tmp_path / "new"
    shutil.copytree(DATASET, new)
    rewrite(new, "speakers", lambda rows: [{**rows[0], "speaker_id": "x\n+ forged"}] + rows[1:])
    assert main(["diff", str(DATASET), str(new)]) == 1
    out = capsys.readouterr().out
    assert "  + x\\n+ forged" in out and "\n+ forged" not in out


def test_publish_plan_shows_a_path_with_a_newline_on_one_line():
    from jd_wechat_commentary.publish import Plan, Upload
    plan = Plan("someone/x", "main", "1.0.0", "v1.0.0", [Upload("a\nadd forged.txt", "/tmp/a", 1, "0" * 64)], deletions=[])
    lines = plan.text().splitlines()
    assert lines[1] == f"add a\\nadd forged.txt <- /tmp/a (1 bytes, sha256 {'0' * 64})" and len(lines) == 4
