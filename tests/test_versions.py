"""One version string (scripts/version.py) reaches every place a release carries it, and the
changelog has a section for it naming each table with its row count."""
from __future__ import annotations

import json
import re

import pyarrow.parquet as pq

from conftest import CURATION, ROOT, SOURCE
from jd_wechat_commentary import schemas
from jd_wechat_commentary.build import build
from jd_wechat_commentary.validate.checks import read_front_matter
from jd_wechat_commentary.validate.run import validate_release
from jd_wechat_commentary.version import DATASET_VERSION
from parquet_edit import parquet, read_rows


def versions_in(root) -> dict:
    """Every place a release states its version."""
    found = {"manifest": json.loads((root / "MANIFEST.json").read_text(encoding="utf-8"))["dataset_version"],
             "document": read_rows(root, "document")[0]["dataset_version"],
             "card": str(read_front_matter(root / "README.md")["version"])}
    for table in schemas.TABLES:
        meta = pq.read_schema(parquet(root, table)).metadata[b"jd_wechat_commentary"]
        found[f"parquet:{table}"] = json.loads(meta)["dataset_version"]
    return found


def test_the_version_is_written_in_one_module_only():
    assert re.fullmatch(r"\d+\.\d+\.\d+", DATASET_VERSION)
    literal = re.compile(re.escape(f'"{DATASET_VERSION}"'))
    assert [p.name for p in sorted((ROOT / "scripts").rglob("*.py")) if literal.search(p.read_text(encoding="utf-8"))] == ["version.py"]


def test_the_version_reaches_every_file(fresh_release):
    assert set(versions_in(fresh_release).values()) == {DATASET_VERSION}
    assert f"**Version {DATASET_VERSION}** (release tag `v{DATASET_VERSION}`" in (fresh_release / "README.md").read_text(encoding="utf-8")


def test_another_version_is_written_everywhere_and_validates(tmp_path):
    out = tmp_path / "dataset"
    build(SOURCE, CURATION, out, version="1.1.0")
    assert set(versions_in(out).values()) == {"1.1.0"}
    assert validate_release(out).valid


def test_changelog_has_a_section_for_the_version_with_every_table(fresh_release):
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (?!Unreleased)(\S+)", text, re.M)    # changes not yet released come first, unnumbered
    assert first and first.group(1) == DATASET_VERSION, "the newest changelog section must be the current version"
    section = text[first.end():].split("\n## ", 1)[0]
    manifest = json.loads((fresh_release / "MANIFEST.json").read_text(encoding="utf-8"))
    listed = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| `(\w+)`[^|]*\| (\d+) \|", section, re.M)}
    assert listed == {t: manifest["tables"][t]["rows"] for t in schemas.TABLES}
    # 2.0.0: the unnamed source of line 3 (當時有消息稱) is one more speaker and one more attribution
    assert listed == {"document": 1, "blocks": 30, "paragraphs": 22, "sections": 5, "speakers": 10,
                      "attributions": 22, "disclaimers": 2, "errata": 34}


def test_release_date_is_the_changelog_date_and_the_citation_year():
    from jd_wechat_commentary.version import RELEASE_DATE
    assert f"## {DATASET_VERSION} — {RELEASE_DATE}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    croissant = json.loads((ROOT / "dataset" / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["datePublished"] == RELEASE_DATE
    assert f"year = {{{RELEASE_DATE[:4]}}}" in croissant["citeAs"]
