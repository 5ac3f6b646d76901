"""Every hand-made fixture's gold must agree with its article, character by character."""

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold import fixture_dirs, load_gold, write_gold_release  # noqa: E402

from jd_wechat_commentary.evaluate import evaluate  # noqa: E402

FIXTURES = fixture_dirs()
PARTICLES = {"", "也", "則", "则", "進而", "进而", "進一步", "进一步", "還", "还", "對此", "对此", "同樣", "同样", "亦"}
OPENING, CLOSING = "「“", "」”"


@pytest.fixture(params=FIXTURES, ids=[p.name for p in FIXTURES])
def gold(request):
    return {**load_gold(request.param), "dir": request.param}


def test_collection_is_large_and_mixed():
    scripts = [load_gold(p)["script"] for p in FIXTURES]
    assert len(FIXTURES) >= 10
    assert scripts.count("Hant") >= 4 and scripts.count("Hans") >= 4


def test_article_shape(gold):
    raw = (gold["dir"] / "article.txt").read_bytes()
    assert not raw.endswith(b"\n"), "article.txt must not end with a newline"
    assert 8 <= len(gold["lines"]) <= 25
    assert gold["script"] in ("Hant", "Hans")
    assert set(gold["expect"]["disclaimers"]) <= {"zh", "en"}


def test_paragraph_lines(gold):
    lines, plines = gold["lines"], gold["paragraph_lines"]
    assert len(plines) == gold["expect"]["n_paragraphs"]
    assert plines == sorted(set(plines))
    assert all(lines[n - 1].strip() for n in plines)
    assert not {h["line"] for h in gold["expect"]["headings"]} & set(plines)


def test_headings_are_printed_as_listed(gold):
    for h in gold["expect"]["headings"]:
        assert gold["lines"][h["line"] - 1] == h["label"] + h["title"]
        assert isinstance(h["number"], int)


def test_spans_equal_the_article_text(gold):
    text = gold["text"]
    for a in gold["attributions"]:
        assert text[a["source_start"]:a["source_end"]] == a["source_text"]
        assert text[a["cue_start"]:a["cue_end"]] == a["cue_text"]
        if a["content_text"] is not None:
            assert text[a["content_start"]:a["content_end"]] == a["content_text"]


def test_attributions_sit_in_paragraphs_in_reading_order(gold):
    plines = set(gold["paragraph_lines"])
    assert all(a["line"] in plines and a["paragraph_id"] for a in gold["attributions"])
    starts = [a["cue_start"] for a in gold["attributions"]]
    assert starts == sorted(starts)


def test_only_particles_between_source_and_cue(gold):
    for a in gold["attributions"]:
        assert gold["text"][a["source_end"]:a["cue_start"]] in PARTICLES, a


def test_content_boundaries_follow_the_convention(gold):
    """Content starts after the cue and its punctuation; it ends at the paragraph end or the next mention."""
    text = gold["text"]
    line_sources = {}
    for a in gold["attributions"]:
        line_sources.setdefault(a["line"], set()).add(a["source_start"])
    for a in gold["attributions"]:
        if a["content_start"] is None:
            continue
        if a["content_start"] >= a["cue_end"]:
            assert re.fullmatch(r"[，,：:\s]*", text[a["cue_end"]:a["content_start"]]), a
        else:  # a quote printed before its attribution runs up to the mention
            assert a["content_end"] == a["source_start"], a
        para = next(p for p in gold["paragraphs"] if p["line"] == a["line"])
        assert a["content_end"] == para["char_end"] or a["content_end"] in line_sources[a["line"]], a
        assert text[a["content_end"] - 1] in "。！？!?」”", a


def test_quote_types(gold):
    for a in gold["attributions"]:
        content, kind = a["content_text"], a["quote_type"]
        assert (content is None) == (kind == "agreement"), a
        if kind == "direct":
            assert content[0] in OPENING and content[-1] in CLOSING, a
        if kind in ("indirect", "mixed"):
            full_quote = re.search(r"[「“][^」”]*[。！？][」”]", content)
            assert (full_quote is not None) == (kind == "mixed"), a


def test_speakers_and_mentions(gold):
    speakers = {s["name"]: s for s in gold["speakers"]}
    assert {a["speaker"] for a in gold["attributions"]} == set(speakers)
    for a in gold["attributions"]:
        speaker = speakers[a["speaker"]]
        assert (a["mention_type"] == "organization") == (speaker["speaker_type"] == "organization"), a
        if a["mention_type"] == "pronoun":
            assert a["source_text"] in ("他", "她")
        elif a["mention_type"] == "organization":   # 某公司方面, a report 《…》, or the company's bare name once introduced
            assert a["speaker"] in a["source_text"], a
        elif a["mention_type"] == "name":
            assert a["source_text"] == a["speaker"]
        else:  # name with a title, or a surname with a form of address (李教授 for 李慕華)
            surname_form = a["source_text"][:1] == a["speaker"][:1] and len(a["source_text"]) <= 4
            assert (a["speaker"] in a["source_text"] or surname_form) and a["source_text"] != a["speaker"], a
    for s in speakers.values():
        sources = [a["source_text"] for a in gold["attributions"] if a["speaker"] == s["name"]]
        assert all(any(role in src for src in sources) for role in s["roles"]), s


def test_gold_release_scores_perfectly_against_itself(gold, tmp_path):
    out = write_gold_release(gold["dir"], tmp_path / "gold")
    assert {p.name for p in out.iterdir()} == {"attributions.jsonl", "speakers.jsonl", "paragraphs.jsonl"}
    result = evaluate(out, out)
    assert result["pairs"]["f1"] == 1.0 and result["pairs"]["n_gold"] > 0
    assert all(result[k][m]["f1"] == 1.0 for k in ("cue", "source", "content") for m in ("exact", "overlap"))


def test_a_span_not_in_its_line_names_fixture_line_and_text(tmp_path):
    from gold import GoldError

    case = tmp_path / "broken-case"
    case.mkdir()
    (case / "article.txt").write_text("標題\n王某認為,今年會更好。", encoding="utf-8")
    (case / "gold.yaml").write_text(
        "description: x\nscript: Hant\nexpect: {n_paragraphs: 1, headings: [], disclaimers: []}\n"
        "paragraph_lines: [2]\nspeakers: [{name: 王某, type: person, roles: []}]\n"
        "attributions:\n  - {line: 2, speaker: 王某, source: 王某, mention_type: name, cue: 認為,"
        " content: 明年會更好。, quote_type: indirect}\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"broken-case: line 2: content '明年會更好。'"):
        load_gold(case)
