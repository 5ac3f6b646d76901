"""The generated card: YAML that huggingface_hub reads, configs and counts that match the files,
a data dictionary with every column, regions filled in place with no marker showing, sections
in the Hub template's order, the license, the citation, the repository it is built for (or a
plain "unpublished"), and the topics a careful user asks about."""
from __future__ import annotations

import json
import re

import pyarrow.parquet as pq
import pytest
from huggingface_hub import DatasetCard

from conftest import DATASET, HUB_REPO, ROOT, read
from jd_wechat_commentary import about, errata_check, schemas
from jd_wechat_commentary.release import card, catalog
from jd_wechat_commentary.errors import BuildError
from jd_wechat_commentary.layout import parquet_path

MANIFEST = json.loads((DATASET / "MANIFEST.json").read_text(encoding="utf-8"))
VERSION = MANIFEST["dataset_version"]
CARD = DatasetCard.load(DATASET / "README.md")
META = CARD.data.to_dict()
TABLES = {t: read(DATASET, t) for t in schemas.TABLES}
RELEASE = card.Release(TABLES, VERSION, about.PROJECT, MANIFEST["repo_id"])
# The Hub's template order (summary, uses, structure, creation, personal information, bias, citation,
# authors and contact), loading near the top, validation at the end.
SECTIONS = ["How to load", "Example instance", "Uses", "Dataset structure", "How the dataset was made",
            "Personal and sensitive information", "Limitations and biases", "License", "Citation",
            "Card authors and contact", "Changelog", "How to validate"]


def _words(text: str) -> str:
    return " ".join(text.split())


def _section(title: str, level: str = "##") -> str:
    return CARD.text.split(f"\n{level} {title}\n", 1)[1].split(f"\n{level} ", 1)[0]


def _released_texts(root):
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in {".md", ".json", ".yaml", ".txt"}:
            yield path, path.read_text(encoding="utf-8")


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


def test_card_data_parses_offline_with_huggingface_hub():
    from huggingface_hub import DatasetCardData
    data = DatasetCardData(**META)
    assert (data.pretty_name, data.license, data.language) == (about.PRETTY_NAME, "other", ["zh"])
    assert DatasetCard(str(CARD)).data.to_dict() == META      # the YAML round-trips


def test_card_license_metadata_names_a_license_file_shipped_in_the_release():
    assert (META["license"], META["license_name"], META["license_link"]) == ("other", about.LICENSE_NAME, "LICENSE.md")
    assert (DATASET / "LICENSE.md").read_bytes() == card.LICENSE_MD.read_bytes()
    assert "LICENSE.md" in {e["path"] for e in MANIFEST["files"]}


# ---------------------------------------------------------------- regions filled in place

def test_card_md_is_what_the_build_writes():
    """CARD.md is the complete card: its regions hold the current text, and the release's card is
    CARD.md after the Hub's YAML metadata."""
    text = about.CARD_TEMPLATE.read_text(encoding="utf-8")
    assert card.render(text, RELEASE) == text, "CARD.md is stale: run jd-wechat-commentary build"
    assert CARD.text.lstrip("\n") == text


def test_readme_regions_are_what_the_build_writes():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert {"status", "quick-load", "example-row"} <= {name for name, _ in card.REGION.findall(text)}
    assert card.render(text, RELEASE) == text, "README.md is stale: run jd-wechat-commentary build"


def test_a_stale_region_is_replaced_and_the_text_around_it_kept():
    stale = f"before\n{card.BEGIN.format('counts')}\nold rows\n{card.END.format('counts')}\nafter\n"
    out = card.render(stale, RELEASE)
    assert out.startswith("before\n") and out.endswith("\nafter\n") and "old rows" not in out
    assert "| `errata` | 34 |" in out


def test_no_marker_shows_where_the_card_is_read():
    """Markers are comment lines of their own: never inline (a title "(v<!-- ... -->)", a marker
    inside a code span), never a region left open."""
    for text in (CARD.text, (ROOT / "README.md").read_text(encoding="utf-8")):
        marked = [line for line in text.split("\n") if "generated:" in line and "<!--" in line]
        assert marked and all(re.fullmatch(r"<!-- (BEGIN|END) generated:[a-z-]+( \(.*\))? -->", line) for line in marked)
        assert "<!-- generated:" not in text
    assert CARD.text.lstrip("\n").startswith(f"# {about.PRETTY_NAME}\n")


def test_no_paragraph_ends_in_a_colon_followed_by_nothing():
    """A sentence that introduces a table, a list or code is followed by it, not by a heading."""
    visible = re.sub(r"^<!-- .* -->\n", "", CARD.text, flags=re.M)
    for intro, following in re.findall(r"([^\n]*:)\n+([^\n]*)", visible):
        assert following.strip() and not following.startswith("#"), intro


@pytest.mark.parametrize("bad", ["<!-- generated:version -->",
                                 "<!-- BEGIN generated:no-such-part -->\n<!-- END generated:no-such-part -->",
                                 "<!-- BEGIN generated:counts -->\nno end"])
def test_a_marker_that_is_not_a_complete_known_region_stops_the_build(tmp_path, bad):
    template = tmp_path / "card.md"
    template.write_text(bad, encoding="utf-8")
    with pytest.raises(BuildError, match="version|no-such-part|counts"):
        card.render_file(template, RELEASE)


def test_card_sections_are_in_the_hub_template_order():
    assert re.findall(r"^## (.+)$", CARD.text, flags=re.M) == SECTIONS


# ---------------------------------------------------------------- content

def _dictionary_sections(body: str) -> dict[str, str]:
    part = body.split("### Data dictionary", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"### `(\w+)`\n(.*?)(?=\n### `|\Z)", part, flags=re.S))


def test_data_dictionary_lists_every_column_of_every_schema_with_its_meaning():
    sections = _dictionary_sections(CARD.text)
    assert list(sections) == list(schemas.TABLES)
    for table, text in sections.items():
        listed = re.findall(r"^\| `(\w+)` \| ", text, flags=re.M)
        assert listed == schemas.columns(table), table
        for name, prop in schemas.load_schema(table)["properties"].items():
            assert prop["description"].replace("|", "/") in text, (table, name)


def test_card_example_is_one_attribution_with_its_paragraph_as_stored():
    block = re.search(r"## Example instance\n.*?```json\n(.*?)\n```", CARD.text, flags=re.S).group(1)
    example = json.loads(block)
    attributions = {a["attribution_id"]: a for a in TABLES["attributions"]}
    paragraphs = {p["paragraph_id"]: p for p in TABLES["paragraphs"]}
    assert example["attribution"] == attributions[example["attribution"]["attribution_id"]]
    assert example["paragraph"] == paragraphs[example["attribution"]["paragraph_id"]]
    # hand-checked: the first statement by a person named with a title is 曹磊's (line 7)
    assert (example["attribution"]["source_text"], example["attribution"]["cue_text"]) == ("網經社電子商務研究中心主任曹磊", "認為")


def test_card_states_the_license_clearly():
    section = _words(_section("License"))
    assert "Creative Commons Attribution 4.0 International (CC BY 4.0)" in section and "belongs to its author" in section
    assert "only provides information storage services" in section      # the platform's disclaimer
    assert "redistributing the text needs the rights holder's permission" in section


def test_card_gives_bibtex_with_the_version():
    block = re.search(r"```bibtex\n(.*?)\n```", CARD.text, flags=re.S).group(1)
    assert block == about.bibtex(VERSION, repo_id=MANIFEST["repo_id"])
    assert block.startswith(f"@misc{{{about.bibtex_key(VERSION)},") and f"version = {{{VERSION}}}" in block
    assert json.loads((DATASET / catalog.CROISSANT).read_text(encoding="utf-8"))["citeAs"] == block


@pytest.mark.parametrize("fact", ["KAAGSCOC0531871O", "Traditional-script rendering", "9月12日", "September 12, 2025",
                                  "the year is not printed", "Title: none", "Unicode code", "half-open", "curation.yaml",
                                  "pandas", "polars", "duckdb", 'dtype_backend="pyarrow"', "jd-wechat-commentary validate",
                                  "check-jsonschema --schemafile", "Ajv2020", "addKeyword", "MAJOR", "MINOR", "PATCH",
                                  "MANIFEST.json", "jd-wechat-commentary diff OLD NEW", "One viewpoint cluster",
                                  "Half-converted script", "One article", "Direct use", "Out-of-scope use",
                                  "shows no Dataset Viewer", "group paragraphs by `section_index`, never by `section_label`",
                                  "heading line", "agrees_with_attribution_id", "no second, independent annotation",
                                  "jd-wechat-commentary errata-check", "F1 ≥ 0.95", "urn:jd-wechat-commentary:schema:"])
def test_card_states(fact):
    assert fact in _words(CARD.text)


def test_unpublished_release_says_so_and_names_no_placeholder():
    """The committed release names no repository: the card says so plainly, and nothing in the
    release carries a placeholder address or repository."""
    assert MANIFEST["repo_id"] is None
    assert "**Unpublished:**" in CARD.text and 'load_dataset("./dataset", "attributions", split="train")' in CARD.text
    for path, text in _released_texts(DATASET):
        assert "example.org" not in text and "OWNER/NAME" not in text, path
    assert "url" not in json.loads((DATASET / catalog.CROISSANT).read_text(encoding="utf-8"))
    assert "homepage" not in json.loads((DATASET / catalog.DATAPACKAGE).read_text(encoding="utf-8"))
    ids = {json.loads(p.read_text(encoding="utf-8"))["$id"] for p in (DATASET / "schema").iterdir()}
    assert ids == {f"urn:jd-wechat-commentary:schema:{t}" for t in schemas.TABLES}


def test_a_release_built_for_a_repository_names_it_everywhere(hub_release):
    """With document.repo_id set, the card, the schema ids (files and Parquet metadata),
    Croissant, the Data Package and BibTeX name the Hub repository; no placeholder is left."""
    hub = f"https://huggingface.co/datasets/{HUB_REPO}"
    text = (hub_release / "README.md").read_text(encoding="utf-8")
    assert json.loads((hub_release / "MANIFEST.json").read_text(encoding="utf-8"))["repo_id"] == HUB_REPO
    assert f'load_dataset("{HUB_REPO}", "attributions", split="train", revision="v{VERSION}")' in text
    assert f"hf://datasets/{HUB_REPO}@v{VERSION}/data/paragraphs/" in text and f"{hub}/discussions" in text
    assert "Unpublished" not in text and f"url = {{{hub}/tree/v{VERSION}}}" in text
    assert json.loads((hub_release / "croissant.json").read_text(encoding="utf-8"))["url"] == hub
    assert json.loads((hub_release / "datapackage.json").read_text(encoding="utf-8"))["homepage"] == hub
    schema = json.loads((hub_release / "schema" / "errata.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == f"{hub}/resolve/v{VERSION}/schema/errata.schema.json"
    meta = json.loads(pq.read_schema(parquet_path(hub_release, "errata")).metadata[b"jd_wechat_commentary"])
    assert meta["schema_id"] == schema["$id"]
    for path, released in _released_texts(hub_release):
        assert "example.org" not in released and "OWNER/NAME" not in released, path


def test_card_lists_every_speaker_with_roles_as_printed_and_every_erratum():
    body = CARD.text
    for sp in TABLES["speakers"]:
        assert f"| `{sp['speaker_id']}` | {sp['speaker_type']} | {sp['name']} | {sp['name_romanized']} |" in body
        assert all(role in body for role in sp["roles"])
    for e in TABLES["errata"]:
        assert f"| {e['erratum_id']} | {e['block_id']} | {e['printed']} | {e['suggested']} | {e['category']} | {e['kind']} |" in body


@pytest.mark.parametrize("license_file", [card.LICENSE_MD, about.GENERIC_LICENSE_TEMPLATE], ids=lambda p: p.name)
def test_license_file_names_only_real_columns(license_file):
    """The license says which columns are the article's text; a renamed column must not leave it stale."""
    text = license_file.read_text(encoding="utf-8")
    named = re.findall(r"`(\w+)\.(\w+)`", text)
    assert named
    for table, column in named:
        assert column in schemas.columns(table), f"{table}.{column}"


def test_card_language_is_the_documents_only():
    """zh-Hant: the document is zh in Traditional script. The notice's English copy is platform
    boilerplate, not a language of the data: the card says so, the metadata lists zh only."""
    assert sorted({d["language"] for d in TABLES["disclaimers"]}) == ["en", "zh"]
    assert (META["language"], META["language_details"], META["multilinguality"]) == (["zh"], "zh-Hant", ["monolingual"])
    assert "the English copy is one line of platform boilerplate" in _words(CARD.text)


def test_card_task_and_creators():
    """Only token-classification (spans in the text): no task id of the Hub fits quote
    attribution. The project's release used its curated file: expert-generated too."""
    assert META["task_categories"] == ["token-classification"] and "task_ids" not in META
    assert META["annotations_creators"] == ["machine-generated", "expert-generated"]


def test_source_section_states_each_fact_once():
    section = _section("The source", "###")
    (doc,) = TABLES["document"]
    for fact in (doc["source_id"], doc["platform"], doc["source_sha256"], "Title: none", "characters (code points)"):
        assert section.count(fact) == 1, fact
    assert "None" not in section and "- title:" not in section      # no title: said once, in words


def test_card_tells_author_errors_from_rendering_leftovers():
    errata = TABLES["errata"]
    # hand-checked: the six errors of the author
    assert {e["printed"] for e in errata if e["category"] == "author_error"} == {"01", "研究院", "分析到", "補充到", "作", "從轉向"}
    rendering = [e for e in errata if e["category"] == "script_rendering"]
    assert len(rendering) == 28 and {e["kind"] for e in rendering} == {"script_conversion"}
    assert {e["reference"] for e in rendering} == {"OpenCC tw2s then s2tw"}
    assert {e["reference"] for e in errata if e["category"] == "author_error"} == {None}
    assert {e["printed"] for e in rendering} == set("于并系志沖伙愿游采托范喂")   # one character per listed word


def test_card_lists_every_disagreement_with_the_script_reference_and_why():
    """Hand-checked against the OpenCC round trip: it keeps 伙 (twice) and 喂, reads 并 as 併,
    and changes 布 (three times), 注, 借, 傭, 墻 and 周, which are not errata."""
    section = _section("Errata", "###")
    (doc,) = TABLES["document"]
    agree, found = errata_check.disagreements(doc["text"], TABLES["errata"])
    assert (agree, len(found)) == (24, 12) and all(d.reason for d in found)
    assert sorted(d.printed for d in found if d.erratum_id) == sorted("伙伙喂并")
    assert sorted(d.printed for d in found if not d.erratum_id) == sorted("布布布注借傭墻周")
    assert "It agrees with 24 of the 28 `script_conversion` errata and disagrees in 12 places" in _words(section)
    for d in found:
        assert f"| {d.context} | {d.printed} | {d.reference} |" in section and d.reason in section
    assert 'OpenCC("s2tw.json").convert(opencc.OpenCC("tw2s.json").convert(text))' in section   # the one-liner


def test_card_states_the_unattributed_statements():
    limits = _words(_section("Limitations and biases"))
    assert "“京東購物”公眾號發布" in limits and "當時有消息稱" in limits
    (doc,) = TABLES["document"]
    lines = doc["text"].split("\n")
    assert "“京東購物”公眾號發布" in lines[0] and "當時有消息稱" in lines[2]
    unattributed = {b["block_id"] for b in TABLES["blocks"] if b["line"] == 1}
    paragraphs = {p["paragraph_id"] for p in TABLES["paragraphs"] if p["block_id"] in unattributed}
    assert len(paragraphs) == 1 and not [a for a in TABLES["attributions"] if a["paragraph_id"] in paragraphs]


def test_card_and_license_say_the_publisher_needs_permission():
    license_section = _words(_section("License"))
    assert "is responsible for having that permission before making it public" in license_section
    assert "--private" in license_section


def test_build_rewrites_the_regions_of_the_card_and_readme_beside_the_release(tmp_path, monkeypatch):
    """A project folder whose CARD.md and README.md hold stale regions: building its dataset/
    rewrites those regions in place and keeps the hand-written text; a build elsewhere touches neither."""
    import dataclasses
    import shutil

    from jd_wechat_commentary import build as build_module
    from conftest import CURATION, SOURCE

    project = tmp_path / "project"
    project.mkdir()
    stale = f"hand-written\n{card.BEGIN.format('counts')}\nstale\n{card.END.format('counts')}\nkept\n"
    (project / "CARD.md").write_text(about.CARD_TEMPLATE.read_text(encoding="utf-8") + "\n" + stale, encoding="utf-8")
    (project / "README.md").write_text(stale, encoding="utf-8")
    profile = dataclasses.replace(about.PROJECT, card_template=project / "CARD.md")
    monkeypatch.setattr(build_module, "profile_for", lambda *a, **k: profile)
    monkeypatch.setattr(about, "profile_for", lambda *a, **k: profile)      # validate checks the card against it too
    checkout_card = about.CARD_TEMPLATE.read_bytes()

    build_module.build(SOURCE, CURATION, tmp_path / "elsewhere" / "dataset")
    assert "stale" in (project / "CARD.md").read_text(encoding="utf-8")        # not this project's release
    build_module.build(SOURCE, CURATION, project / "dataset")
    for name in ("CARD.md", "README.md"):
        text = (project / name).read_text(encoding="utf-8")
        assert "stale" not in text and "hand-written\n" in text and text.endswith("\nkept\n") and "| `errata` | 34 |" in text
    assert DatasetCard.load(project / "dataset" / "README.md").text.lstrip("\n") == (project / "CARD.md").read_text(encoding="utf-8")
    assert about.CARD_TEMPLATE.read_bytes() == checkout_card
    shutil.rmtree(project / "dataset")
