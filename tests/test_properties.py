"""Property-based tests: generated articles through the rule pipeline.

Articles are random mixes of headings (01. / 一、 / （一） / 【觀點一】 / 觀點一:), image lines,
statements (title + name + particle + cue + content, quotation first, pronouns, organizations),
platform notices, blank lines and arbitrary Unicode. The property: the builder either returns
tables that pass validate's row and cross-table rules, or raises its own BuildError; never any
other exception. The main property checks tables in memory (fast, >= 1000 examples); a smaller
one runs the full build(), which writes Parquet, the card and the manifest and validates them.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jd_wechat_commentary.rules import lexicon
from jd_wechat_commentary.build import build, parse
from jd_wechat_commentary.errors import BuildError, Warnings
from jd_wechat_commentary.source import Curation, curation_from_bytes, source_from_bytes
from jd_wechat_commentary.release.rows import make_tables
from jd_wechat_commentary.validate.run import validate_release, validate_tables

CN_NUMS = "一二三四五六七八九十"
HAN = "京東騰訊微信電商平臺流量入口合作戰略用戶市場發展認為表示模式生態价值于并系"
TITLES = ["", "網經社電子商務研究中心特約研究員", "知名天使投資人、", "某大學教授", "硅鯨科技CEO、", "資深專家", "院長",
          "江南北商學院院長、"]
SURNAMES = "王李張趙劉陳曹姜郭高樊歐"
GIVEN = "紹輝俊斌濤攀西峰虎東磊子華小明"
PARTICLES = ["", "也", "則", "進一步", "對此", "還"]
PUNCT = "，。、；：！？「」“”\"()（）【】《》—…·,.!?"

text_piece = st.text(alphabet=HAN + PUNCT + "0123456789 ", min_size=0, max_size=30)
KNOWN = ["曹磊", "趙紹輝", "郭濤", "歐陽小明"]     # names a generated curated file may list
name = st.sampled_from(KNOWN) | st.builds(lambda s, g: s + g, st.sampled_from(SURNAMES), st.text(alphabet=GIVEN, min_size=1, max_size=2))
AFFILIATIONS = [{"role": "網經社電子商務研究中心特約研究員", "organization": "網經社電子商務研究中心", "title": "特約研究員"},
                {"role": "某大學教授", "organization": "某大學", "title": "教授"}, {"role": "院長", "organization": None, "title": "院長"}]
number = st.integers(min_value=0, max_value=120)


def cn(n: int) -> str:
    return CN_NUMS[n % 10 - 1] if 0 < n % 10 else "十"


heading = st.one_of(
    st.builds(lambda n, t: f"{n:02d}.{t}", number, text_piece),
    st.builds(lambda n, t: f"{cn(n)}、{t}", number, text_piece),
    st.builds(lambda n, t: f"（{cn(n)}）{t}", number, text_piece),
    st.builds(lambda n, t: f"【觀點{cn(n)}】{t}", number, text_piece),
    st.builds(lambda n, t: f"觀點{cn(n)}:{t}", number, text_piece),
    st.builds(lambda n, t: f"({n}) {t}", number, text_piece),
)
image = st.sampled_from(["![]()", "![圖](http://example.org/a.png)", "圖片來源:網絡", "【圖】", "![]"])
statement = st.builds(lambda t, n, p, c, x, end: f"{t}{n}{p}{c}{x}{end}", st.sampled_from(TITLES), name,
                      st.sampled_from(PARTICLES), st.sampled_from(lexicon.CUES),
                      st.builds(lambda sep, x: sep + x, st.sampled_from(["，", ",", ":", "", "「", "“"]), text_piece),
                      st.sampled_from(["。", "。", "」。", "”。", "", "！", "?"]))
quote_first = st.builds(lambda q, n, c: f"“{q}”，{n}{c}。", text_piece, name, st.sampled_from(lexicon.SPEECH_CUES))
pronoun = st.builds(lambda p, c, x: f"{p}{c}，{x}。", st.sampled_from(sorted(lexicon.PRONOUNS)), st.sampled_from(lexicon.CUES), text_piece)
organization = st.builds(lambda o, s, c, x: f"{o}{s}{c}，{x}。", st.sampled_from(["京東", "騰訊", "某公司", "研究中心", ""]),
                         st.sampled_from(lexicon.ORG_MENTION_SUFFIXES), st.sampled_from(lexicon.SPEECH_CUES), text_piece)
notice = st.sampled_from([
    "特別聲明:以上內容(如有圖片或視頻亦包括在內)為自媒體平臺“網易號”用戶上傳并發布,本平臺僅提供信息存儲服務。",
    "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of NetEase Hao, "
    "which is a social media platform and only provides information storage services.",
    "免責聲明:本文不構成投資建議。", "Disclaimer: no platform named here.", "聲明:",
])
unicode_line = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
paragraph = st.lists(st.one_of(statement, statement, quote_first, pronoun, organization, text_piece), min_size=1, max_size=4).map("".join)
line = st.one_of(heading, image, paragraph, paragraph, notice, st.just(""), unicode_line)
article = st.lists(line, min_size=1, max_size=25).map("\n".join)


def tables_or_build_error(text: str, curation: bytes | None = None):
    """The pipeline on generated text, as the build runs it, without files: None on BuildError."""
    try:
        source = source_from_bytes(Path("generated.txt"), text.encode("utf-8"))
        curated = Curation() if curation is None else curation_from_bytes(Path("curation.yaml"), curation)
        doc = parse(source, curated, Warnings())
        return make_tables(doc, "1.0.0")
    except BuildError:
        return None


@st.composite
def article_with_curation(draw):
    """An article and a curated file for it: speakers named in the text (or not), errata whose
    context is a slice of the text (unique or not) and whose printed text is a slice of that."""
    text = draw(article)
    speakers, errata = [], []
    present = [n for n in KNOWN + ["京東"] if n in text]
    pool = present if present and draw(st.integers(0, 9)) else KNOWN + ["京東"]   # mostly names the text prints
    for n in draw(st.lists(st.sampled_from(pool), max_size=3, unique=True)):
        entry = {"name": n, "speaker_id": f"s{len(speakers)}"}
        if n == "京東":
            entry["speaker_type"] = "organization"
        elif draw(st.booleans()):
            entry["affiliations"] = draw(st.lists(st.sampled_from(AFFILIATIONS), max_size=2, unique_by=lambda a: a["role"]))
        speakers.append(entry)
    for _ in range(draw(st.integers(0, 3))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        context = text[i:i + draw(st.integers(1, 12))]
        j = draw(st.integers(0, len(context) - 1))
        printed = context[j:j + draw(st.integers(1, 3))]
        errata.append({"context": context, "printed": printed, "suggested": "X", "kind": "typo", "note": "generated"})
    data = yaml.safe_dump({"document": {"document_id": "generated"}, "speakers": speakers, "errata": errata}, allow_unicode=True)
    return text, data.encode("utf-8")


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(article)
@example("99.0\n十、0")          # found by this test: 100 written in Chinese crashed numerals.like
@example("十十、標題\n一百零五、標題")   # 十十 is no number (was a KeyError); 一百零五 is 105
def test_generated_articles_give_valid_tables_or_a_build_error(text):
    tables = tables_or_build_error(text)
    if tables is not None:
        report = validate_tables(tables)
        assert report.valid, report.text()
        assert "\n".join(b["text"] for b in tables["blocks"]) == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(article_with_curation())
@example(("![]()\n![]()", "errata:\n- {context: \"()\\n\", printed: \"()\\n\", suggested: X, kind: typo, note: n}\n".encode()))
def test_generated_curated_files_give_valid_tables_or_a_build_error(case):   # example: an erratum across a line end
    tables = tables_or_build_error(*case)
    if tables is not None:
        report = validate_tables(tables)
        assert report.valid, report.text()
        text = tables["document"][0]["text"]
        assert all(text[e["char_start"]:e["char_end"]] == e["printed"] for e in tables["errata"])


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_arbitrary_unicode_gives_valid_tables_or_a_build_error(text):
    tables = tables_or_build_error(text)
    if tables is not None:
        assert validate_tables(tables).valid


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_are_read_or_refused_with_a_build_error(data):
    try:
        source = source_from_bytes(Path("generated.txt"), data)
    except BuildError as exc:
        assert str(exc).startswith("generated.txt")
        return
    assert source.text.encode("utf-8") == data and "\r" not in source.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article)
def test_full_build_of_generated_articles_validates_or_raises_build_error(text):
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "generated.txt", Path(tmp) / "dataset"
        source.write_bytes(text.encode("utf-8"))
        try:
            build(source, None, out)
        except BuildError:
            assert not out.exists() and [p.name for p in Path(tmp).iterdir()] == ["generated.txt"]
            return
        assert validate_release(out).valid


# ---------------------------------------------------------------- validate on tampered tables

def _release_tables():
    from conftest import CURATION, SOURCE
    from jd_wechat_commentary.build import build_tables
    return build_tables(SOURCE, CURATION, Warnings())[1]


RELEASE = _release_tables()
any_value = st.one_of(st.none(), st.booleans(), st.integers(-5, 5000), st.text(max_size=5),
                      st.lists(st.text(max_size=3), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_validate_reports_a_tampered_cell_and_never_crashes(data):
    from copy import deepcopy

    from jd_wechat_commentary.layout import content_hash
    tables = deepcopy(RELEASE)
    table = data.draw(st.sampled_from(sorted(tables)))
    row = data.draw(st.sampled_from(tables[table]))
    column = data.draw(st.sampled_from(sorted(row)))
    original, row[column] = row[column], data.draw(any_value)
    report = validate_tables(tables)                        # must not raise, whatever the value
    content_hash(table, tables[table])
    if None not in (original, row[column]) and type(row[column]) is not type(original) and not isinstance(original, (list, dict)):
        assert not report.valid, (table, column, original, row[column])


def test_chinese_section_numbers_round_trip():
    from jd_wechat_commentary.numerals import like, to_int
    assert [to_int(n) for n in ("01", "十", "十二", "二十", "一百", "一百零五", "十十", "三三", "百")] == [1, 10, 12, 20, 100, 105, None, None, None]
    assert all(to_int(like("一", v)) == v for v in range(1000)) and like("01", 2) == "02"
