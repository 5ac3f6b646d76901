"""Rules rewritten to take time linear in the input give the answers the earlier code gave.

Speed itself is measured by benchmarks/scale.py (no timed tests); these tests pin the meaning:
the scan that replaced the notice regexes finds what the regexes found, the indexes that
replaced repeated scans resolve speakers, ids and numbering notes as before. Expected values
are read off the text of each case.
"""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jd_wechat_commentary.rules.blocks import enclosed, match_notice
from jd_wechat_commentary.build import parse
from jd_wechat_commentary.errors import Warnings
from jd_wechat_commentary.source import Curation, Source
from jd_wechat_commentary.rules.speakers import Speaker, _assign_ids

# What the notice patterns were before the scan replaced them (each group 1 is the platform).
REGEXES = {
    "特別聲明：": re.compile(r"平[臺台][“\"「]([^”\"」]+)[”\"」]"),
    "聲明：": re.compile(r"[“\"「]([^”\"」]+)[”\"」]"),
    "Notice: ": re.compile(r"a user of ([^,]+), which"),
}
PIECES = ["平", "臺", "台", "“", "\"", "「", "”", "」", "網易號", ",", ", which", "a user of ", "a user of", " ", "x"]


@settings(max_examples=3000, deadline=None)
@given(start=st.sampled_from(sorted(REGEXES)), rest=st.lists(st.sampled_from(PIECES), max_size=14))
def test_the_platform_scan_finds_what_the_regex_found(start, rest):
    line = start + "".join(rest)
    expected = REGEXES[start].search(line)
    notice = match_notice(line)
    assert notice is not None
    assert notice["platform"] == (expected.group(1) if expected else None)


def test_an_unclosed_quote_in_a_long_notice_gives_no_platform():
    # the case that took 16 s as a regex: 24,000 opening quotes that never close
    assert match_notice("聲明：" + "“" * 24_000) == {"language": "zh", "platform": None}
    assert match_notice("Notice: " + "a user of " * 5_000) == {"language": "en", "platform": None}


def test_the_platform_is_the_first_closed_quotation():
    # an empty quotation (“”) names nothing; the next one that closes does
    assert match_notice("聲明：“”轉載自“" + "“" * 1000 + "網易號”。")["platform"] == "“" * 1000 + "網易號"
    assert enclosed("a user of X, a user of NetEase Hao, which", re.compile("a user of "), re.compile(","), ", which") == "NetEase Hao"


def _ids(names_and_ids: list[tuple[str, str]]) -> list[str]:
    speakers = [Speaker("person", name, speaker_id=sid, name_romanized=name) for name, sid in names_and_ids]
    _assign_ids(speakers)
    return [sp.speaker_id for sp in speakers]


def test_repeated_romanizations_get_the_next_free_number():
    # a curated id zhang-wei-2 is taken, so the derived ones skip it
    assert _ids([("Zhang Wei", ""), ("Zhang Wei", "zhang-wei-2"), ("Zhang Wei", ""), ("Zhang Wei", ""), ("Li Na", ""),
                 ("Zhang Wei", "")]) == ["zhang-wei", "zhang-wei-2", "zhang-wei-3", "zhang-wei-4", "li-na", "zhang-wei-5"]


def _doc(text: str):
    return parse(Source(Path("case.txt"), text, "0" * 64), Curation(), Warnings())


def test_a_repeated_heading_number_names_the_first_heading_that_printed_it():
    doc = _doc("導語。\n一、甲\n正文。\n二、乙\n正文。\n一、丙\n正文。\n一、丁\n正文。")
    notes = [s.note for s in doc.sections]
    assert notes[:3] == [None, None, None]
    assert notes[3] == "The heading prints 1 (一、) but is heading 3 in reading order, so 3 was expected; it repeats the number of section 1."
    assert notes[4] == "The heading prints 1 (一、) but is heading 4 in reading order, so 4 was expected; it repeats the number of section 1."


def test_a_paragraph_lists_each_of_its_speakers_once_in_order():
    from jd_wechat_commentary.release.rows import make_tables
    text = "教授王大明認為,價格會漲。研究員李小華表示,不會。王大明則指出,會漲。\n李小華還說,不會。"
    doc = _doc(text)
    rows = make_tables(doc, "0.0.0")["paragraphs"]
    assert [r["speaker_names"] for r in rows] == [["王大明", "李小華"], ["李小華"]]


def test_a_surname_form_resolves_by_role_among_many_earlier_speakers_of_that_surname():
    # ten 李 spoke; only one has a role with 所長, so 李所長 is he, even after the others
    people = "".join(f"編輯李{g}表示,讀者還在。\n" for g in "一二三四五六七八九十")
    doc = _doc("研究所所長李慕華認為,租金太高。\n" + people + "李所長還指出,現金流要穩。")
    assert [st.speaker[1] for st in doc.statements][-1] == "李慕華"
