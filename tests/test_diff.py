"""`diff OLD NEW` on the release and on hand-edited copies; expected reports written by hand.

The edits: attribution a-04d6e4-28 (趙紹輝 也認為, line 10) gets the cue 指出 instead of 認為; erratum e-ec9f95-2
(并 in the platform's notice, the last erratum) is deleted; section 2's title is changed.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import DATASET
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.diff import diff_releases
from jd_wechat_commentary.version import DATASET_VERSION
from parquet_edit import parquet, rewrite, set_cell

UNCHANGED = ["document", "blocks", "paragraphs", "sections", "speakers", "disclaimers"]


@pytest.fixture()
def edited(release_copy):
    set_cell(release_copy, "attributions", "attribution_id", "a-04d6e4-28", "cue_text", "指出")
    rewrite(release_copy, "errata", lambda rows: [r for r in rows if r["erratum_id"] != "e-ec9f95-2"])
    return release_copy


def test_a_release_is_identical_to_itself(capsys):
    result = diff_releases(DATASET, DATASET)
    assert result["identical"] is True
    assert {t: d["status"] for t, d in result["tables"].items()} == {t: "unchanged" for t in UNCHANGED + ["attributions", "errata"]}
    assert main(["diff", str(DATASET), str(DATASET)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "identical"


def test_edited_copy_reports_the_changed_cell_and_the_removed_row(edited):
    result = diff_releases(DATASET, edited)
    assert result["identical"] is False
    assert result["old"] == {"path": str(DATASET), "version": DATASET_VERSION}
    assert result["tables"]["attributions"] == {
        "status": "changed", "primary_key": ["attribution_id"], "rows": {"old": 22, "new": 22},
        "columns_added": [], "columns_removed": [], "added": [], "removed": [],
        "changed": [{"key": "a-04d6e4-28", "fields": {"cue_text": {"old": "認為", "new": "指出"}}}],
    }
    assert result["tables"]["errata"] == {
        "status": "changed", "primary_key": ["erratum_id"], "rows": {"old": 34, "new": 33},
        "columns_added": [], "columns_removed": [], "added": [], "removed": ["e-ec9f95-2"], "changed": [],
    }
    assert [t for t, d in result["tables"].items() if d["status"] == "unchanged"] == UNCHANGED


def test_text_report_and_exit_code(edited, capsys):
    assert main(["diff", str(DATASET), str(edited)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"old: {DATASET} ({DATASET_VERSION})",
        f"new: {edited} ({DATASET_VERSION})",
        "attributions: 1 changed (22 -> 22 rows)",
        "  ~ a-04d6e4-28 cue_text: '認為' -> '指出'",
        "errata: 1 removed (34 -> 33 rows)",
        "  - e-ec9f95-2",
        "unchanged: document, blocks, paragraphs, sections, speakers, disclaimers",
        "2 table(s) differ",
    ]


def test_json_report_is_the_same_result(edited, capsys):
    assert main(["diff", str(DATASET), str(edited), "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == diff_releases(DATASET, edited)


def test_reversed_diff_shows_the_row_added(edited):
    result = diff_releases(edited, DATASET)
    assert result["tables"]["errata"]["added"] == ["e-ec9f95-2"] and result["tables"]["errata"]["removed"] == []
    assert result["tables"]["attributions"]["changed"][0]["fields"] == {"cue_text": {"old": "指出", "new": "認為"}}


def test_integer_keys_and_a_removed_table(release_copy):
    set_cell(release_copy, "sections", "section_index", 2, "title", "京東戰略突圍")
    shutil.rmtree(release_copy / "data" / "disclaimers")
    tables = diff_releases(DATASET, release_copy)["tables"]
    assert tables["sections"]["changed"] == [{"key": 2, "fields": {"title": {"old": "京東戰略突圍:短期陣痛與長期用戶運營", "new": "京東戰略突圍"}}}]
    assert tables["disclaimers"] == {"status": "removed", "rows": {"old": 2, "new": 0}}


def test_an_added_column_is_reported_once_not_on_every_row(release_copy):
    import pyarrow as pa
    import pyarrow.parquet as pq
    schema = pq.read_schema(parquet(release_copy, "speakers"))
    wider = schema.append(pa.field("gender", pa.string()))
    rewrite(release_copy, "speakers", lambda rows: [{**r, "gender": None} for r in rows], schema=wider)
    d = diff_releases(DATASET, release_copy)["tables"]["speakers"]
    assert (d["status"], d["columns_added"], d["changed"]) == ("changed", ["gender"], [])


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["diff", str(DATASET), str(tmp_path / "missing")]) == 2
    assert f"{tmp_path / 'missing'}: no such folder (given as NEW_DIR)" in capsys.readouterr().err
    assert main(["diff", str(tmp_path), str(DATASET)]) == 2          # a folder without data/
    with pytest.raises(SystemExit) as exc:
        main(["diff", str(DATASET)])                                    # NEW_DIR missing
    assert exc.value.code == 2


def test_diff_reads_with_pyarrow_only():
    code = ("import sys; from jd_wechat_commentary.diff import diff_releases; "
            f"diff_releases({str(DATASET)!r}, {str(DATASET)!r}); "
            "print(sorted(m for m in ('pandas', 'datasets', 'polars') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
