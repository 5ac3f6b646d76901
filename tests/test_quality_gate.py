"""The builder on other articles of the genre: every fixture builds a valid release, and
attribution quality stays above the gate (F1 >= 0.95 for (paragraph, speaker) pairs and for
exact cue spans, per fixture). Expected values are the hand-made gold files beside each
fixture; see tests/fixtures/articles/*/gold.yaml."""
from __future__ import annotations


import pytest

from conftest import CURATION, SOURCE, read
from gold import fixture_dirs, load_gold, write_gold_release
from jd_wechat_commentary.build import build, build_tables
from jd_wechat_commentary.errors import Warnings
from jd_wechat_commentary.evaluate import evaluate

FIXTURES = fixture_dirs()
GATE = 0.95


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    out = {}
    for fx in FIXTURES:
        root = tmp_path_factory.mktemp(fx.name[:40])
        build(fx / "article.txt", None, root / "release")      # validates, or raises
        out[fx.name] = (root / "release", write_gold_release(fx, root / "gold"))
    return out


def test_there_are_enough_fixtures_in_both_scripts():
    scripts = [load_gold(fx)["script"] for fx in FIXTURES]
    assert len(FIXTURES) >= 8 and scripts.count("Hant") >= 3 and scripts.count("Hans") >= 3


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_attribution_gate(fixture, releases):
    pred, gold = releases[fixture.name]
    scores = evaluate(gold, pred)
    assert scores["pairs"]["f1"] >= GATE, scores["pairs"]
    assert scores["cue"]["exact"]["f1"] >= GATE, scores["cue"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_structure_matches_gold(fixture, releases):
    pred, _ = releases[fixture.name]
    gold = load_gold(fixture)
    expect = gold["expect"]
    blocks = {b["block_id"]: b for b in read(pred, "blocks")}
    sections = [s for s in read(pred, "sections") if s["section_index"] > 0]
    headings = [{"line": blocks[s["heading_block_id"]]["line"], "label": s["label"], "number": s["number"], "title": s["title"]}
                for s in sections]
    assert headings == expect["headings"]
    assert [d["language"] for d in read(pred, "disclaimers")] == expect["disclaimers"]
    assert len(read(pred, "paragraphs")) == expect["n_paragraphs"]
    (doc,) = read(pred, "document")
    assert doc["script"] == gold["script"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_converted_text_follows_the_script(fixture, releases):
    pred, _ = releases[fixture.name]
    (doc,) = read(pred, "document")
    paragraphs = read(pred, "paragraphs")
    filled = "text_simplified" if doc["script"] == "Hant" else "text_traditional"
    empty = "text_traditional" if filled == "text_simplified" else "text_simplified"
    assert all(p[filled] is not None and p[empty] is None for p in paragraphs)


def test_the_article_comes_out_the_same_without_its_curated_file():
    """The curated file only adds ids, romanizations, splits and errata: the rules alone find the
    same statements, speakers and roles."""
    _, curated = build_tables(SOURCE, CURATION, Warnings())
    warnings = Warnings()
    _, rules = build_tables(SOURCE, None, warnings)
    strip = lambda rows: [{k: v for k, v in r.items() if k != "speaker_id"} for r in rows]
    assert strip(rules["attributions"]) == strip(curated["attributions"])
    key = lambda rows: [(s["name"], s["speaker_type"], s["roles"], s["n_attributions"]) for s in rows]
    assert key(rules["speakers"]) == key(curated["speakers"])
    assert list(warnings) == []


def test_another_article_gets_a_generic_card_and_catalogs(releases):
    import json

    from jd_wechat_commentary import about
    pred, _ = releases[FIXTURES[0].name]
    card = (pred / "README.md").read_text(encoding="utf-8")
    assert about.PRETTY_NAME not in card and "KAAGSCOC0531871O" not in card
    assert "# News commentary with speaker attribution" in card and "<!-- generated:" not in card
    (doc,) = read(pred, "document")
    croissant = json.loads((pred / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["name"] == doc["document_id"] and croissant["inLanguage"][0] == f"zh-{doc['script']}"
