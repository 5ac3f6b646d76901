"""Facts about the article, each checked by hand against dataset/source/article.txt.

Line numbers below are the source's 1-based lines (see `blocks.line`); the expected values were
read off the text, not off the program's output.
"""
from __future__ import annotations

import hashlib

from conftest import DATASET, SOURCE, read


def by(rows, key):
    return {r[key]: r for r in rows}


def test_source_is_the_seed_byte_for_byte():
    data = SOURCE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == "d8cafa438e05d0d62a706682733e2822fde03bb6ce20c14cb1b84fabecbaf4d0"
    assert not data.endswith(b"\n") and data.count(b"\n") == 29


def test_counts():
    counts = {t: len(read(DATASET, t)) for t in ("document", "blocks", "paragraphs", "sections", "speakers", "attributions", "disclaimers")}
    # 30 lines: 2 images (lines 2, 4), 4 headings (6, 13, 18, 23), 2 notices (29, 30), 22 paragraphs;
    # 22 statements: one per expert paragraph, plus agreement + 他指出 in line 28, plus the unnamed
    # source of line 3 (當時有消息稱); 10 speakers: 9 named and that unnamed source.
    assert counts == {"document": 1, "blocks": 30, "paragraphs": 22, "sections": 5, "speakers": 10,
                      "attributions": 22, "disclaimers": 2}


def test_the_unnamed_source_of_line_3_is_recorded_as_printed():
    blocks = {b["block_id"]: b["line"] for b in read(DATASET, "blocks")}
    paragraphs = {p["paragraph_id"]: blocks[p["block_id"]] for p in read(DATASET, "paragraphs")}
    speakers = by(read(DATASET, "speakers"), "speaker_id")
    (row,) = [a for a in read(DATASET, "attributions") if speakers[a["speaker_id"]]["speaker_type"] == "unnamed"]
    assert paragraphs[row["paragraph_id"]] == 3
    assert (row["source_text"], row["cue_text"], row["mention_type"]) == ("有消息", "稱", "unnamed")
    assert row["content_text"].startswith("其合約已") and row["speaker_rule"] == "unnamed-source"
    assert speakers[row["speaker_id"]]["name"] == "有消息" and speakers[row["speaker_id"]]["n_attributions"] == 1


def test_block_types_by_line():
    types = {b["line"]: b["block_type"] for b in read(DATASET, "blocks")}
    assert [n for n, t in types.items() if t == "image"] == [2, 4]
    assert [n for n, t in types.items() if t == "heading"] == [6, 13, 18, 23]
    assert [n for n, t in types.items() if t == "disclaimer"] == [29, 30]
    assert sum(t == "paragraph" for t in types.values()) == 22


def test_document_row():
    (doc,) = read(DATASET, "document")
    assert doc["title"] is None and doc["script"] == "Hant" and doc["language"] == "zh"
    assert doc["platform"] == "網易號" and doc["source_id"] == "KAAGSCOC0531871O"
    assert doc["text"] == SOURCE.read_text(encoding="utf-8") and doc["n_lines"] == 30


def test_sections_keep_the_repeated_number():
    sections = read(DATASET, "sections")
    assert [s["label"] for s in sections] == [None, "01.", "01.", "03.", "04."]
    assert [s["number"] for s in sections] == [None, 1, 1, 3, 4]
    assert sections[2]["title"] == "京東戰略突圍:短期陣痛與長期用戶運營"
    assert sections[2]["note"] and "2" in sections[2]["note"]
    assert [s["note"] is None for s in sections] == [True, True, False, True, True]
    assert [len(s["paragraph_ids"]) for s in sections] == [3, 6, 4, 4, 5]


def test_numbering_erratum_points_at_the_printed_number():
    (err,) = [e for e in read(DATASET, "errata") if e["kind"] == "numbering"]
    assert (err["block_id"], err["printed"], err["suggested"], err["detected_by"]) == ("b013", "01", "02", "rule")


def test_paragraph_sections():
    paragraphs = by(read(DATASET, "paragraphs"), "block_id")
    # line 16 (高攀's first view) sits under the second heading, printed 01.
    assert (paragraphs["b016"]["section_index"], paragraphs["b016"]["section_label"]) == (2, "01.")
    assert paragraphs["b001"]["section_index"] == 0 and paragraphs["b001"]["section_title"] is None
    assert paragraphs["b028"]["section_index"] == 4


def test_who_speaks_where():
    paragraphs = read(DATASET, "paragraphs")
    lines = {b["block_id"]: b["line"] for b in read(DATASET, "blocks")}
    speakers = {lines[p["block_id"]]: p["speaker_ids"] for p in paragraphs}
    assert speakers == {
        1: [], 3: ["youxiaoxi"], 5: ["jd"], 7: ["cao-lei"], 8: ["cao-lei"], 9: ["jiang-zihua"], 10: ["zhao-shaohui"],
        11: ["zhao-shaohui"], 12: ["liu-junbin"], 14: ["zhao-shaohui"], 15: ["guo-tao"], 16: ["gao-pan"],
        17: ["fan-xifeng"], 19: ["zhao-shaohui"], 20: ["guo-tao"], 21: ["gao-pan"], 22: ["chen-hudong"],
        24: ["jiang-zihua"], 25: ["jiang-zihua"], 26: ["zhao-shaohui"], 27: ["guo-tao"], 28: ["gao-pan"],
    }


def test_speakers():
    speakers = by(read(DATASET, "speakers"), "speaker_id")
    zhao = speakers["zhao-shaohui"]
    assert (zhao["name"], zhao["name_simplified"], zhao["name_romanized"]) == ("趙紹輝", "赵绍辉", "Zhao Shaohui")
    assert zhao["roles"] == ["硅鯨科技CEO", "網經社電子商務研究中心特約研究員"]
    assert zhao["affiliations"][0] == {"organization": "硅鯨科技", "title": "CEO"}
    assert zhao["n_attributions"] == 5  # lines 10, 11, 14, 19, 26
    assert {k: v["n_attributions"] for k, v in speakers.items()} == {
        "jd": 1, "cao-lei": 2, "jiang-zihua": 3, "zhao-shaohui": 5, "liu-junbin": 1, "guo-tao": 3,
        "gao-pan": 4, "fan-xifeng": 1, "chen-hudong": 1, "youxiaoxi": 1}
    assert speakers["jiang-zihua"]["affiliations"] == [{"organization": None, "title": "資深企業法務戰略專家"}]
    assert speakers["fan-xifeng"]["affiliations"] == [{"organization": "三亞航空旅游職業學院電子商務系", "title": "主任"}]
    assert speakers["gao-pan"]["roles"][1] == "網經社電子商務研究中心特約研究院"  # as printed, typo kept


def test_organization_speaks():
    (jd,) = [a for a in read(DATASET, "attributions") if a["speaker_id"] == "jd"]
    assert (jd["source_text"], jd["mention_type"], jd["cue_text"], jd["quote_type"]) == ("京東方面", "organization", "回應稱", "indirect")
    assert jd["content_text"].startswith("為持續優化用戶體驗") and jd["content_text"].endswith("共建更高效的零售生態。")
    assert by(read(DATASET, "speakers"), "speaker_id")["jd"]["speaker_type"] == "organization"


def test_agreement_then_pronoun():
    last_two = [a for a in read(DATASET, "attributions") if a["paragraph_id"] == "p022"]
    agree, pronoun = last_two
    assert (agree["source_text"], agree["cue_text"], agree["quote_type"], agree["content_text"]) == ("高攀", "表示認同", "agreement", None)
    assert (pronoun["source_text"], pronoun["mention_type"], pronoun["speaker_id"], pronoun["cue_text"]) == ("他", "pronoun", "gao-pan", "指出")
    assert pronoun["content_text"].startswith("電商平臺的流量獲取策略")
    # 高攀對此表示認同 (line 28) agrees with the paragraph before it, line 27: 郭濤認為,當前電商平臺……
    agreed = by(read(DATASET, "attributions"), "attribution_id")[agree["agrees_with_attribution_id"]]
    assert (agreed["paragraph_id"], agreed["speaker_id"], agreed["cue_text"]) == ("p021", "guo-tao", "認為")
    assert agreed["content_text"].startswith("當前電商平臺流量獲取策略出現三大轉變")
    assert [a["attribution_id"] for a in read(DATASET, "attributions") if a["agrees_with_attribution_id"]] == [agree["attribution_id"]]


def test_two_titles_and_particles_stay_out_of_the_cue():
    rows = by(read(DATASET, "attributions"), "paragraph_id")
    zhao = rows["p007"]  # line 10: …特約研究員趙紹輝也認為
    assert zhao["source_text"] == "硅鯨科技CEO、網經社電子商務研究中心特約研究員趙紹輝"
    assert zhao["mention_type"] == "name_with_title" and zhao["cue_text"] == "認為"
    assert rows["p008"]["cue_text"] == "分析到"   # line 11: 趙紹輝進而分析到
    assert rows["p013"]["source_text"] == "三亞航空旅游職業學院電子商務系主任樊西峰"  # line 17 opens with 而


def test_disclaimer_in_both_languages():
    rows = read(DATASET, "disclaimers")
    assert [(d["language"], d["platform"], d["block_id"]) for d in rows] == [("zh", "網易號", "b029"), ("en", "NetEase Hao", "b030")]
    assert rows[1]["text"].startswith("Notice: The content above")


def test_curated_errata_are_recorded_not_fixed():
    errata = read(DATASET, "errata")
    typo = [e for e in errata if e["printed"] == "研究院"]
    assert len(typo) == 1 and typo[0]["suggested"] == "研究員" and typo[0]["block_id"] == "b016"
    # 于 x7, 并 x3, 標志 x3, 關系 x4, 沖 x3, 伙 x2, 愿, 游, 采, 托, 范, 喂
    assert sum(e["kind"] == "script_conversion" for e in errata) == 28
    # 研究院 for 研究員, 分析到 and 補充到 for 道, 作 for 做
    assert sorted(e["printed"] for e in errata if e["kind"] == "typo") == ["作", "分析到", "研究院", "補充到"]
    assert [e["printed"] for e in errata if e["kind"] == "missing_text"] == ["從轉向"]
    assert len(errata) == 34
    assert "于" in SOURCE.read_text(encoding="utf-8")
