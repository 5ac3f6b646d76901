"""Ids that do not move: adding or removing one row changes no other row's id, so `diff`
between two builds shows exactly that row.

Expected ids are worked out by hand from the text: an attribution is a-HASH-OFFSET with HASH
the first 6 hex digits of the sha256 of its paragraph's text and OFFSET its cue's offset in
the paragraph; an erratum e-HASH-OFFSET from its curated context and the printed text's offset
in it. The hashes are computed here with hashlib, apart from the builder.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from conftest import CURATION, DATASET, SOURCE
from jd_wechat_commentary.build import build
from jd_wechat_commentary.diff import diff_releases

FIXTURE = Path(__file__).parent / "fixtures" / "articles" / "hant-two-titles-particles-netease" / "article.txt"
OFFSET_FIELDS = {"paragraph_id", "source_start", "source_end", "cue_start", "cue_end", "content_start", "content_end"}


def sha6(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def _without_erratum(curated: str, context: str) -> str:
    """The curated file's text with the one errata entry whose context is `context` cut out."""
    lines = curated.split("\n")
    start = lines.index(f"  - context: {context}")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    return "\n".join(lines[:start] + lines[end:])


def test_removing_one_curated_erratum_removes_exactly_that_row(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    shutil.copyfile(SOURCE, source / "article.txt")
    (source / "curation.yaml").write_text(_without_erratum(CURATION.read_text(encoding="utf-8"), "趙紹輝進而分析到"),
                                          encoding="utf-8")
    assert list(build(source / "article.txt", source / "curation.yaml", tmp_path / "release")) == []
    result = diff_releases(DATASET, tmp_path / "release")
    errata = result["tables"]["errata"]
    # 分析到 starts at offset 5 of the context 趙紹輝進而分析到
    assert (errata["removed"], errata["added"], errata["changed"]) == ([f"e-{sha6('趙紹輝進而分析到')}-5"], [], [])
    assert [t for t, d in result["tables"].items() if d["status"] != "unchanged"] == ["errata"]


INSERTED = "零售分析師韓啟明認為,入口之爭已經結束。"   # 零售分析師 (5) + 韓啟明 (3): the cue 認為 at offset 8


def test_inserting_a_statement_paragraph_adds_its_rows_and_moves_no_attribution_id(tmp_path):
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    edited = tmp_path / "edited" / "article.txt"
    edited.parent.mkdir()
    edited.write_text("\n".join(lines[:8] + [INSERTED] + lines[8:]), encoding="utf-8")   # a new line 9
    build(FIXTURE, None, tmp_path / "old")
    build(edited, None, tmp_path / "new")
    tables = diff_releases(tmp_path / "old", tmp_path / "new")["tables"]

    attributions = tables["attributions"]
    assert (attributions["added"], attributions["removed"]) == ([f"a-{sha6(INSERTED)}-8"], [])
    # the three statements after the new line (lines 10, 11, 14 -> 11, 12, 15) keep their ids;
    # only their offsets and their paragraph's number move
    assert len(attributions["changed"]) == 3
    assert all(set(c["fields"]) <= OFFSET_FIELDS for c in attributions["changed"])
    assert (tables["speakers"]["added"], tables["speakers"]["removed"]) == (["han-qiming"], [])
    assert (tables["disclaimers"]["added"], tables["disclaimers"]["removed"]) == ([], [])
    # Blocks are lines and paragraphs are numbered in reading order: these ids genuinely move.
    # 16 lines become 17 (b017 is new, b009..b016 hold the next line's text); 9 paragraphs become
    # 10 (the new one is the 6th: p010 is new, p006..p009 hold the next paragraph's text).
    assert (tables["blocks"]["added"], tables["blocks"]["removed"]) == (["b017"], [])
    assert [c["key"] for c in tables["blocks"]["changed"]] == [f"b{n:03d}" for n in range(9, 17)]
    assert (tables["paragraphs"]["added"], tables["paragraphs"]["removed"]) == (["p010"], [])
    assert [c["key"] for c in tables["paragraphs"]["changed"]] == [f"p{n:03d}" for n in range(6, 10)]


def test_two_identical_lines_number_their_repeats():
    from jd_wechat_commentary.rules.ids import number_repeats
    assert number_repeats(["a-1", "a-2", "a-1", "a-1"]) == ["a-1", "a-2", "a-1-2", "a-1-3"]
