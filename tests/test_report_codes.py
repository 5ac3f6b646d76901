"""Every report code has a meaning and a test that expects it (conftest.py also checks, at the end
of a whole run, that each one was produced)."""
from __future__ import annotations

import re
from pathlib import Path

from jd_wechat_commentary.validate.report import CODES

TESTS = Path(__file__).resolve().parent


def test_every_code_is_kebab_case_with_a_meaning():
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", code) and len(meaning) > 20 for code, meaning in CODES.items())


def test_every_code_is_expected_by_a_test():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(TESTS.glob("test_*.py")))
    missing = [code for code in CODES if f'("{code}"' not in text]     # as in an expected (code, table, row)
    assert missing == []


# ---------------------------------------------------------------- codes no other test expects

import copy  # noqa: E402

import pytest  # noqa: E402

from conftest import DATASET, read  # noqa: E402
from jd_wechat_commentary import schemas  # noqa: E402
from jd_wechat_commentary.validate.run import validate_release, validate_tables  # noqa: E402

TABLES = {t: read(DATASET, t) for t in schemas.TABLES}


def edited(table: str, key_value, **values) -> dict:
    tables = copy.deepcopy(TABLES)
    key = schemas.primary_key(table)[0]
    (row,) = [r for r in tables[table] if r[key] == key_value]
    row.update(values)
    return tables


def swapped_blocks() -> dict:
    # b001 and b002 trade places: each keeps its offsets, but joined in order they are not the text
    tables = copy.deepcopy(TABLES)
    tables["blocks"][0]["position"], tables["blocks"][1]["position"] = 1, 0
    return tables


@pytest.mark.parametrize("tables,expected", [
    (edited("paragraphs", "p001", block_id="b999"), ("unknown-block", "paragraphs", "p001")),
    (edited("paragraphs", "p001", section_index=99), ("unknown-section", "paragraphs", "p001")),
    (edited("attributions", "a-6418df-7", paragraph_id="p999"), ("unknown-paragraph", "attributions", "a-6418df-7")),
    (swapped_blocks(), ("source-not-rebuilt", "blocks", None)),
    # 曹磊's one role is 網經社電子商務研究中心主任; a title of 所長 does not split it
    (edited("speakers", "cao-lei", affiliations=[{"organization": "網經社電子商務研究中心", "title": "所長"}]),
     ("affiliation-mismatch", "speakers", "cao-lei")),
], ids=["unknown-block", "unknown-section", "unknown-paragraph", "source-not-rebuilt", "affiliation-mismatch"])
def test_codes_of_rows_that_point_nowhere_or_disagree(tables, expected):
    assert expected in validate_tables(tables).flat()


def test_schema_copy_that_differs_from_the_projects(tmp_path):
    import shutil
    root = tmp_path / "dataset"
    shutil.copytree(DATASET, root)
    path = root / "schema" / "errata.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"kind"', '"sort"', 1), encoding="utf-8")
    assert validate_release(root).flat() == [("schema-copy-mismatch", "errata", None), ("checksum-mismatch", None, None)]
