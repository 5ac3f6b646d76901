"""Rules on small hand-written articles: each case named after what it guards. Every expected
value was read off the sentence in the test, not off the program's output."""
from __future__ import annotations

from pathlib import Path

import pytest

from jd_wechat_commentary.build import parse
from jd_wechat_commentary.errors import Warnings
from jd_wechat_commentary.source import Curation, Source


def statements(text: str):
    warnings = Warnings()
    doc = parse(Source(Path("case.txt"), text, "0" * 64), Curation(), warnings)
    out = [(text[s.mention.start:s.mention.end], s.mention.kind, text[s.cue[0]:s.cue[1]],
            text[s.content[0]:s.content[1]] if s.content else None, s.quote_type, s.speaker and s.speaker[1])
           for s in doc.statements]
    return out, list(warnings), doc


def test_pronoun_without_antecedent_is_warned_and_dropped():
    out, warnings, doc = statements("他指出,價格還會上漲。")
    assert out == [("他", "pronoun", "指出", "價格還會上漲。", "indirect", None)]
    assert doc.speakers == []
    assert len(warnings) == 1 and "line 1" in warnings[0] and "他" in warnings[0]


def test_pronoun_skips_an_organization_to_the_last_person():
    text = "某某大學教授王大明認為,平臺應當降價。\n星河公司方面回應稱,暫無調整計劃。\n他表示,降價是遲早的事。"
    out, warnings, _ = statements(text)
    assert [o[5] for o in out] == ["王大明", "星河公司", "王大明"]
    assert out[1][1] == "organization"
    # right, but not sure: someone else spoke in between, and the pronoun's gender is not checked
    assert len(warnings) == 1 and "line 3" in warnings[0] and "星河公司" in warnings[0]


def test_particles_stay_out_of_mention_and_cue():
    out, _, _ = statements("研究員李小華也認為,這一變化影響有限。\n李小華進一步表示,用戶會適應。")
    assert [(o[0], o[2]) for o in out] == [("研究員李小華", "認為"), ("李小華", "表示")]


def test_two_titles_joined_by_a_comma_of_enumeration():
    out, _, doc = statements("甲大學教授、乙研究院研究員張三豐認為,此事值得關注。")
    assert out[0][:2] == ("甲大學教授、乙研究院研究員張三豐", "name_with_title")
    assert doc.speakers[0].roles == ["甲大學教授", "乙研究院研究員"]


def test_honorific_after_the_name():
    out, _, doc = statements("陳志遠教授表示,規則需要細化。")
    assert out[0][:3] == ("陳志遠教授", "name_with_title", "表示")
    assert doc.speakers[0].name == "陳志遠" and doc.speakers[0].roles == ["教授"]


def test_quote_before_its_attribution():
    out, _, _ = statements("“價格戰沒有贏家。”分析師周敏說。")
    assert out == [("分析師周敏", "name_with_title", "說", "“價格戰沒有贏家。”", "direct", "周敏")]


def test_direct_and_mixed_quotes():
    out, _, _ = statements("研究員林一凡說:「平臺要守住底線。」\n林一凡還提到,有商家直言“這樣做不公平。”並要求說明。")
    assert [o[4] for o in out] == ["direct", "mixed"]


def test_scare_quotes_do_not_make_a_quote():
    out, _, _ = statements("研究員林一凡認為,所謂“流量出租”已經過時。")
    assert out[0][4] == "indirect"


def test_agreement_has_no_content():
    out, _, _ = statements("研究員林一凡認為,應當降價。\n林一凡對此表示認同。")
    assert out[1] == ("林一凡", "name", "表示認同", None, "agreement", "林一凡")


def test_plain_reporting_has_no_speaker_and_hearsay_an_unnamed_one():
    out, warnings, doc = statements("據報道,交易額同比增長35%。\n當時有消息稱,合約已經到期。")
    assert out == [("有消息", "unnamed", "稱", "合約已經到期。", "indirect", "有消息")] and warnings == []
    assert [(s.name, s.speaker_type) for s in doc.speakers] == [("有消息", "unnamed")]


def test_a_mid_sentence_cue_belongs_to_the_current_statement():
    out, _, _ = statements("研究員林一凡則認為,影響有限,但個人認為仍需觀察。")
    assert len(out) == 1 and out[0][3] == "影響有限,但個人認為仍需觀察。"


def test_an_organization_by_its_ending_is_warned():
    out, warnings, doc = statements("星河科技表示,將在下月調整價格。")
    assert out[0][1] == "organization" and doc.speakers[0].speaker_type == "organization"
    assert len(warnings) == 1 and "organization" in warnings[0]


def test_a_bare_name_never_introduced_is_warned():
    out, warnings, _ = statements("王小二表示,他不同意。")
    assert out[0][:2] == ("王小二", "name")
    assert len(warnings) == 1 and "never introduced" in warnings[0]


@pytest.mark.parametrize("line,label,number", [
    ("01.開篇", "01.", 1), ("一、開篇", "一、", 1), ("1、開篇", "1、", 1), ("（三）開篇", "（三）", 3),
    ("【觀點二】開篇", "【觀點二】", 2), ("觀點十二:開篇", "觀點十二:", 12),
])
def test_heading_forms(line, label, number):
    _, _, doc = statements(f"導語。\n{line}\n正文。")
    assert (doc.sections[1].label, doc.sections[1].number, doc.sections[1].title) == (label, number, "開篇")


def test_a_numbered_sentence_is_not_a_heading():
    _, _, doc = statements("1、數據顯示,交易額同比增長35%。")
    assert len(doc.sections) == 1 and doc.blocks[0].block_type == "paragraph"


@pytest.mark.parametrize("line", ["![]()", "[圖片]", "（圖片來源：網絡）", "[图片]"])
def test_image_placeholders(line):
    _, _, doc = statements(f"導語。\n{line}")
    assert doc.blocks[1].block_type == "image"


def test_surname_with_a_form_of_address_continues_the_last_speaker_of_that_surname():
    text = ("研究所所長李慕華認為,租金太高。\n編輯李德昌則表示,讀者還在。\n"
            "李先生補充道,社區合作可行。\n李所長還指出,現金流要穩。")
    out, warnings, _ = statements(text)
    # 李先生 follows 李德昌 directly; 李所長 is the 李 whose printed role ends in 所長.
    assert [o[5] for o in out] == ["李慕華", "李德昌", "李德昌", "李慕華"]
    assert warnings == []


def test_surname_continuation_warns_when_another_speaker_intervenes():
    text = "所長李慕華認為,租金太高。\n編輯李德昌則表示,讀者還在。\n律師方若琳表示,要退款。\n李先生補充道,可以合作。"
    out, warnings, _ = statements(text)
    assert out[3][5] == "李德昌"
    assert len(warnings) == 1 and "line 4" in warnings[0] and "李慕華" in warnings[0] and "李德昌" in warnings[0]


def test_surname_form_with_no_earlier_speaker_of_that_surname_is_a_person_as_printed():
    out, warnings, _ = statements("律師方若琳表示,要退款。\n王先生補充道,可以合作。")
    assert [o[5] for o in out] == ["方若琳", "王先生"]
    assert len(warnings) == 1 and "line 2" in warnings[0] and "王先生" in warnings[0]


def test_a_word_before_a_cue_that_names_no_person_is_an_organization_and_warned():
    out, warnings, doc = statements("騰訊表示,將繼續合作。")
    assert out == [("騰訊", "organization", "表示", "將繼續合作。", "indirect", "騰訊")]
    assert len(warnings) == 1 and "line 1" in warnings[0] and "'騰訊'" in warnings[0] and "position" in warnings[0]


def test_a_foreign_name_with_a_middle_dot_is_a_person():
    out, warnings, doc = statements("蒂姆·庫克表示,蘋果會調整。")
    assert out == [("蒂姆·庫克", "name", "表示", "蘋果會調整。", "indirect", "蒂姆·庫克")]
    assert doc.speakers[0].speaker_type == "person" and warnings == []


def test_a_curated_organization_speaks_by_its_bare_name():
    text = "騰訊表示,將繼續合作。"
    warnings = Warnings()
    doc = parse(Source(Path("case.txt"), text, "0" * 64), Curation(speakers=[{"name": "騰訊", "speaker_type": "organization"}]), warnings)
    assert [(s.mention.kind, s.speaker) for s in doc.statements] == [("organization", ("organization", "騰訊"))]
    assert list(warnings) == []


@pytest.mark.parametrize("text,source", [("市場普遍認為,價格會漲。", "市場"), ("外界認為,合作會延續。", "外界"),
                                         ("有消息稱,合約到期。", "有消息"), ("业内人士表示,价格会涨。", "业内人士")])
def test_collective_and_unnamed_sources_are_unnamed_speakers_as_printed(text, source):
    out, warnings, doc = statements(text)
    assert [(o[0], o[1], o[5]) for o in out] == [(source, "unnamed", source)] and warnings == []
    assert [s.speaker_type for s in doc.speakers] == ["unnamed"]


def test_a_report_speaks_as_an_organization():
    out, warnings, _ = statements("《2024年即時零售發展報告》指出,前置倉模式成本偏高。")
    assert out == [("《2024年即時零售發展報告》", "organization", "指出", "前置倉模式成本偏高。", "indirect", "《2024年即時零售發展報告》")]
    assert warnings == []


@pytest.mark.parametrize("name,kind,romanized", [
    ("趙紹輝", "person", "Zhao Shaohui"), ("歐陽靖", "person", "Ouyang Jing"), ("曾小賢", "person", "Zeng Xiaoxian"),
    ("京東", "organization", "Jingdong"),
])
def test_romanization_surname_first(name, kind, romanized):
    from jd_wechat_commentary.rules.speakers import romanize
    assert romanize(name, kind) == romanized


def test_pinyin_u_umlaut_and_its_ascii_id():
    from jd_wechat_commentary.rules.speakers import romanize, slug
    assert romanize("呂小明", "person") == "Lü Xiaoming" and slug("Lü Xiaoming") == "lyu-xiaoming"


def test_a_report_published_by_an_organization_speaks_for_it():
    out, warnings, doc = statements("中国物流与采购联合会发布的报告称,需求回暖。")
    assert out[0][:2] == ("中国物流与采购联合会发布的报告", "organization") and out[0][5] == "中国物流与采购联合会"
    assert len(doc.speakers[0].speaker_id) <= 40 and warnings == []


def test_a_person_known_only_by_surname_and_title_is_kept_as_printed_and_warned():
    out, warnings, doc = statements("赵律师直言,平台应当退款。")
    assert out[0][:2] == ("赵律师", "name_with_title") and doc.speakers[0].roles == ["律师"]
    assert len(warnings) == 1 and "赵律师" in warnings[0]


def test_a_titled_surname_form_with_two_candidates_and_no_matching_role_is_warned():
    text = "所長李慕華認為,租金太高。\n編輯李德昌則表示,讀者還在。\n李教授補充道,可以合作。"
    out, warnings, _ = statements(text)
    assert out[2][5] == "李德昌"
    assert len(warnings) == 1 and "line 3" in warnings[0] and "李慕華" in warnings[0]


def test_spokesperson_title_before_a_name():
    out, warnings, _ = statements("平台发言人张三表示,不会涨价。")
    assert out[0][:2] == ("平台发言人张三", "name_with_title") and warnings == []


@pytest.mark.parametrize("sentence", ["這一條款對購房者來說至關重要。", "據說價格還會上漲。", "可以說平台已經盡力。"])
def test_words_that_contain_a_cue_but_are_not_speech(sentence):
    out, warnings, _ = statements(f"研究員林一凡認為,應當降價。\n{sentence}")
    assert len(out) == 1 and warnings == []


def test_a_surname_form_matches_a_role_that_contains_its_title():
    text = "大學教授李文澤指出,風險可控。\n律師事務所合夥人李佳穎表示,要看條款。\n李教授補充道,仍需觀察。"
    out, warnings, _ = statements(text)
    assert out[2][5] == "李文澤" and warnings == []


def test_a_curated_type_override_changes_the_mentions_too():
    text = "星河方面表示,將在下月調整價格。"    # by the rules an organization; the curated file says a person
    warnings = Warnings()
    curation = Curation(path=Path("curation.yaml"), speakers=[{"name": "星河", "speaker_type": "person"}])
    doc = parse(Source(Path("case.txt"), text, "0" * 64), curation, warnings)
    assert [(s.mention.kind, s.speaker_id) for s in doc.statements] == [("name", doc.speakers[0].speaker_id)]
    assert doc.speakers[0].speaker_type == "person" and any("overrides" in w for w in warnings)
