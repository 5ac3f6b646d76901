"""The generated card: YAML that huggingface_hub reads, configs and counts that match the files,
a data dictionary with every column, no unfilled marker, the license, the citation, and the
topics a careful user asks about."""
from __future__ import annotations

import json
import re

import pyarrow.parquet as pq
import pytest
from huggingface_hub import DatasetCard

from conftest import DATASET, read
from jd_wechat_commentary import about, card, catalog, schemas
from jd_wechat_commentary.errors import BuildError
from jd_wechat_commentary.layout import parquet_path

MANIFEST = json.loads((DATASET / "MANIFEST.json").read_text(encoding="utf-8"))
VERSION = MANIFEST["dataset_version"]
CARD = DatasetCard.load(DATASET / "README.md")
META = CARD.data.to_dict()


def test_card_yaml_has_every_config_with_paragraphs_default():
    configs = {c["config_name"]: c for c in META["configs"]}
    assert list(configs) == list(schemas.TABLES)
    assert [name for name, c in configs.items() if c.get("default")] == ["paragraphs"]
    for name, c in configs.items():
        assert c["data_files"] == [{"split": "train", "path": f"data/{name}/train-*.parquet"}]


def test_card_dataset_info_counts_are_the_parquet_row_counts():
    infos = {i["config_name"]: i for i in META["dataset_info"]}
    assert set(infos) == set(schemas.TABLES)
    for table, info in infos.items():
        rows = pq.read_metadata(parquet_path(DATASET, table)).num_rows
        assert [s["num_examples"] for s in info["splits"]] == [rows] == [MANIFEST["tables"][table]["rows"]]
        assert [f["name"] for f in info["features"]] == schemas.columns(table)


def test_card_license_metadata_names_a_license_file_shipped_in_the_release():
    assert (META["license"], META["license_name"], META["license_link"]) == ("other", about.LICENSE_NAME, "LICENSE.md")
    assert (DATASET / "LICENSE.md").read_bytes() == card.LICENSE_MD.read_bytes()
    assert "LICENSE.md" in {e["path"] for e in MANIFEST["files"]}


def _dictionary_sections(body: str) -> dict[str, str]:
    part = body.split("## Data dictionary", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"### `(\w+)`\n(.*?)(?=\n### `|\Z)", part, flags=re.S))


def test_data_dictionary_lists_every_column_of_every_schema_with_its_meaning():
    sections = _dictionary_sections(CARD.text)
    assert list(sections) == list(schemas.TABLES)
    for table, text in sections.items():
        listed = re.findall(r"^\| `(\w+)` \| ", text, flags=re.M)
        assert listed == schemas.columns(table), table
        for name, prop in schemas.load_schema(table)["properties"].items():
            assert prop["description"].replace("|", "/") in text, (table, name)


def test_card_body_has_no_unfilled_marker():
    assert "<!-- generated:" not in CARD.text
    assert "<!-- generated:" not in (DATASET / "README.md").read_text(encoding="utf-8")


def test_a_marker_without_a_generator_stops_the_build(tmp_path):
    template = tmp_path / "card.md"
    template.write_text("<!-- generated:no-such-part -->", encoding="utf-8")
    with pytest.raises(BuildError, match="no-such-part"):
        card.render_body(template, {}, VERSION)


def test_card_states_the_license_clearly():
    body = CARD.text
    section = " ".join(body.split("## License", 1)[1].split("\n## ", 1)[0].split())  # words, not line breaks
    assert "Creative Commons Attribution 4.0 International (CC BY 4.0)" in section and "belongs to its author" in section
    assert "only provides information storage services" in section      # the platform's disclaimer
    assert "redistributing the text needs the rights holder's permission" in section


def test_card_gives_bibtex_with_the_version():
    block = re.search(r"```bibtex\n(.*?)\n```", CARD.text, flags=re.S).group(1)
    assert block == about.bibtex(VERSION)
    assert block.startswith(f"@misc{{{about.bibtex_key(VERSION)},") and f"version = {{{VERSION}}}" in block
    assert json.loads((DATASET / catalog.CROISSANT).read_text(encoding="utf-8"))["citeAs"] == block


@pytest.mark.parametrize("heading", ["## The source", "## Data dictionary", "## How the annotations were made", "## Errata",
                                     "## Personal information", "## Limitations and biases", "## License", "## How to cite",
                                     "## How to load", "## How to validate", "## Versions"])
def test_card_has_each_section_a_user_needs(heading):
    assert f"\n{heading}\n" in CARD.text


@pytest.mark.parametrize("fact", ["KAAGSCOC0531871O", "Traditional-script rendering", "9月12日", "September 12, 2025",
                                  "the year is not printed", "Title: none", "Unicode code", "half-open", "curation.yaml",
                                  f'revision="v{VERSION}"', "pandas", "polars", "duckdb", "jd-wechat-commentary validate",
                                  "check-jsonschema --schemafile", "Ajv2020", "addKeyword", "MAJOR", "MINOR", "PATCH",
                                  "MANIFEST.json", "jd-wechat-commentary diff OLD NEW", "One viewpoint cluster",
                                  "Half-converted script", "One article"])
def test_card_states(fact):
    assert fact in CARD.text


def test_card_lists_every_speaker_with_roles_as_printed_and_every_erratum():
    body = CARD.text
    for sp in read(DATASET, "speakers"):
        assert f"| `{sp['speaker_id']}` | {sp['speaker_type']} | {sp['name']} | {sp['name_romanized']} |" in body
        assert all(role in body for role in sp["roles"])
    for e in read(DATASET, "errata"):
        assert f"| {e['erratum_id']} | {e['block_id']} | {e['printed']} | {e['suggested']} | {e['kind']} |" in body


@pytest.mark.parametrize("license_file", [card.LICENSE_MD, about.GENERIC_LICENSE_TEMPLATE], ids=lambda p: p.name)
def test_license_file_names_only_real_columns(license_file):
    """The license says which columns are the article's text; a renamed column must not leave it stale."""
    text = license_file.read_text(encoding="utf-8")
    named = re.findall(r"`(\w+)\.(\w+)`", text)
    assert named
    for table, column in named:
        assert column in schemas.columns(table), f"{table}.{column}"


def test_card_languages_are_bcp47_codes_from_the_tables():
    """zh-Hant: the document is zh in Traditional script; en: the notice has an English row."""
    assert sorted({d["language"] for d in read(DATASET, "disclaimers")}) == ["en", "zh"]
    assert (META["language"], META["language_details"]) == (["zh", "en"], "zh-Hant, en")


def test_card_task_and_creators():
    """Only token-classification (spans in the text): no task id of the Hub fits quote
    attribution. The project's release used its curated file: expert-generated too."""
    assert META["task_categories"] == ["token-classification"] and "task_ids" not in META
    assert META["annotations_creators"] == ["machine-generated", "expert-generated"]


def test_source_section_states_each_fact_once():
    section = CARD.text.split("\n## The source\n", 1)[1].split("\n## ", 1)[0]
    (doc,) = read(DATASET, "document")
    for fact in (doc["source_id"], doc["platform"], doc["source_sha256"], "Title: none", "characters (code points)"):
        assert section.count(fact) == 1, fact
    assert "None" not in section and "- title:" not in section      # no title: said once, in words


def test_card_states_the_errata_criterion_and_the_unattributed_statements():
    errata = " ".join(CARD.text.split("\n## Errata\n", 1)[1].split("\n## ", 1)[0].split())
    assert "Simplified-only" in errata and "decided by a person" in errata
    for listed in ("于", "并", "關系", "標志", "沖擊/緩沖", "伙伴", "愿", "旅游", "采用", "依托", "范式", "喂流量"):
        assert listed in errata, listed
    for accepted in ("布局/佈局", "注定/註定", "借助/藉助", "周期/週期"):
        assert accepted in errata, accepted
    printed = {e["printed"] for e in read(DATASET, "errata") if e["kind"] == "script_conversion"}
    assert printed == set("于并系志沖伙愿游采托范喂")          # hand-checked: one character per listed word
    limits = " ".join(CARD.text.split("\n## Limitations and biases\n", 1)[1].split("\n## ", 1)[0].split())
    assert "“京東購物”公眾號發布" in limits and "當時有消息稱" in limits
    (doc,) = read(DATASET, "document")
    lines = doc["text"].split("\n")
    assert "“京東購物”公眾號發布" in lines[0] and "當時有消息稱" in lines[2]
    unattributed = {b["block_id"] for b in read(DATASET, "blocks") if b["line"] == 1}
    paragraphs = {p["paragraph_id"] for p in read(DATASET, "paragraphs") if p["block_id"] in unattributed}
    assert len(paragraphs) == 1 and not [a for a in read(DATASET, "attributions") if a["paragraph_id"] in paragraphs]


def test_card_and_license_say_the_publisher_needs_permission():
    license_section = " ".join(CARD.text.split("## License", 1)[1].split("\n## ", 1)[0].split())
    assert "is responsible for having that permission before making it public" in license_section
    assert "--private" in license_section
