"""A release built for another article says only what its own tables and inputs know: a
generic LICENSE.md, no source fact printed as None, languages from its disclaimers, and
expert-generated only when a curated file was used. Expected values are hand-checked against
the two fixtures: `hans-multi-statement-paragraph-no-headings` (Simplified, one Chinese site
notice with no platform named, no curated file) and `hant-two-titles-particles-netease`
(Traditional, the NetEase notice in Chinese and English, built here with a small curated file)."""
from __future__ import annotations

import json

import pytest
from huggingface_hub import DatasetCard

from conftest import DATASET, ROOT, read
from jd_wechat_commentary import about
from jd_wechat_commentary.build import build

ARTICLES = ROOT / "tests" / "fixtures" / "articles"
PLAIN = "hans-multi-statement-paragraph-no-headings"
NETEASE = "hant-two-titles-particles-netease"
CURATED = """document:
  document_id: netease-fixture-two-titles
  source_id: FIXTURE0001ID   # invented for this test
"""
PROJECT_FACTS = ("KAAGSCOC0531871O", "NetEase Hao", "網易號", about.PRETTY_NAME)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    out = tmp_path_factory.mktemp("plain") / "release"
    build(ARTICLES / PLAIN / "article.txt", None, out)
    return out


@pytest.fixture(scope="module")
def curated(tmp_path_factory):
    root = tmp_path_factory.mktemp("curated")
    (root / "curation.yaml").write_text(CURATED, encoding="utf-8")
    build(ARTICLES / NETEASE / "article.txt", root / "curation.yaml", root / "release")
    return root / "release"


def _text(root, name: str) -> str:
    return (root / name).read_text(encoding="utf-8")


def _section(card_text: str, heading: str) -> str:
    return card_text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_plain_release_has_a_generic_license_naming_nothing_of_the_project(plain):
    license_text = _text(plain, "LICENSE.md")
    assert license_text.startswith("# License of this release\n")
    assert not [fact for fact in PROJECT_FACTS if fact in license_text]
    (doc,) = read(plain, "document")
    assert f"- sha256 of the UTF-8 text: `{doc['source_sha256']}`" in license_text
    assert "None" not in license_text and "<!-- generated:" not in license_text
    assert "Creative Commons Attribution 4.0 International License (CC BY 4.0)" in license_text


def test_plain_release_card_omits_unknown_source_facts(plain):
    (doc,) = read(plain, "document")
    assert (doc["platform"], doc["source_id"], doc["title"]) == (None, None, None)  # a site notice, no curated file
    source = _section(DatasetCard.load(plain / "README.md").text, "The source")
    assert "None" not in source and "platform" not in source and "article id" not in source and "title:" not in source
    assert f"- script: `Hans`; language: `zh`\n- {doc['n_chars']} characters (code points) on {doc['n_lines']} lines" in source
    card = _text(plain, "README.md")
    outside_dictionary = card.replace(_section(card, "Data dictionary"), "")
    assert not [fact for fact in PROJECT_FACTS if fact in outside_dictionary]   # the dictionary's examples name 網易號


def test_plain_release_metadata_languages_and_creators(plain):
    assert [d["language"] for d in read(plain, "disclaimers")] == ["zh"]       # no English notice
    meta = DatasetCard.load(plain / "README.md").data.to_dict()
    assert (meta["language"], meta["language_details"]) == (["zh"], "zh-Hans")
    assert meta["annotations_creators"] == ["machine-generated"]               # rules alone
    assert meta["task_categories"] == ["token-classification"]
    croissant = json.loads(_text(plain, "croissant.json"))
    assert croissant["inLanguage"] == ["zh-Hans"]
    datapackage = json.loads(_text(plain, "datapackage.json"))
    for description in (croissant["description"], datapackage["description"], croissant["license"][1]["description"]):
        assert "NetEase" not in description and "None" not in description


def test_curated_release_states_its_own_facts_and_languages(curated):
    (doc,) = read(curated, "document")
    assert (doc["document_id"], doc["source_id"], doc["platform"]) == ("netease-fixture-two-titles", "FIXTURE0001ID", "網易號")
    card = DatasetCard.load(curated / "README.md")
    source = _section(card.text, "The source")
    assert "- platform (as printed): 網易號\n- article id: `FIXTURE0001ID`\n- script: `Hant`; language: `zh`\n" in source
    assert "None" not in source and "KAAGSCOC0531871O" not in _text(curated, "README.md")
    meta = card.data.to_dict()
    assert [d["language"] for d in read(curated, "disclaimers")] == ["zh", "en"]
    assert (meta["language"], meta["language_details"]) == (["zh"], "zh-Hant")     # the English notice is boilerplate
    assert meta["annotations_creators"] == ["machine-generated", "expert-generated"]   # the curated file
    assert json.loads(_text(curated, "croissant.json"))["inLanguage"] == ["zh-Hant"]


def test_curated_release_license_names_its_article_not_the_project(curated):
    license_text = _text(curated, "LICENSE.md")
    assert license_text.startswith("# License of this release\n")
    assert "- platform (as printed): 網易號\n- article id: `FIXTURE0001ID`\n" in license_text
    assert "KAAGSCOC0531871O" not in license_text and "None" not in license_text


def test_project_release_keeps_its_own_card_and_license():
    """The committed release is the project's: its hand-written card and LICENSE-DATA.md."""
    assert _text(DATASET, "LICENSE.md") == about.LICENSE_TEMPLATE.read_text(encoding="utf-8")
    assert f"\n# {about.PRETTY_NAME}\n" in _text(DATASET, "README.md")


@pytest.mark.parametrize("which", ["plain", "curated"])
def test_stock_frictionless_cli_validates_another_articles_datapackage(which, request):
    from test_catalog import _cli_errors, _frictionless_cli

    root = request.getfixturevalue(which)
    code, report = _frictionless_cli(root / "datapackage.json")
    assert (code, report["valid"], _cli_errors(report)) == (0, True, [])
