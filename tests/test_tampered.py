"""Tampered releases: validate names each with a stable code, compared as [(code, table, row)].

Every case breaks a copy of a fresh build. Expected reports were worked out by hand from the
data: e.g. 曹磊 (cao-lei) speaks in p004 and p005, a-04d6e4-28 is 趙紹輝's 也認為 on line 10, a-cf7c31-10 is
高攀's 他指出 on line 28 (p022, where a-cf7c31-4 keeps him as the paragraph's speaker).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from jd_wechat_commentary import column_types, schemas
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.validate.run import validate_release
from jd_wechat_commentary.version import DATASET_VERSION
from parquet_edit import parquet, rewrite, set_cell

CHECKSUM = ("checksum-mismatch", None, None)
COMMAND = str(Path(sys.executable).parent / "jd-wechat-commentary")


@pytest.fixture()
def release(tmp_path, fresh_release):
    dest = tmp_path / "dataset"
    shutil.copytree(fresh_release, dest)
    return dest


def flat(root):
    return validate_release(root).flat()


def fields(root, code):
    return [p.field for p in validate_release(root).problems if p.code == code]


def flip_byte(path, where: int) -> None:
    data = bytearray(path.read_bytes())
    data[where] ^= 0xFF
    path.write_bytes(bytes(data))


def test_the_fresh_copy_is_valid(release):
    assert flat(release) == []


@pytest.mark.parametrize("where", [0, -1], ids=["first-byte", "last-byte"])
def test_flipped_magic_byte(release, where):
    flip_byte(parquet(release, "attributions"), where)
    assert flat(release) == [("file-corrupt", "attributions", None), CHECKSUM]
    assert fields(release, "checksum-mismatch") == ["data/attributions/train-00000-of-00001.parquet"]


def test_flipped_byte_inside_the_file(release):
    path = parquet(release, "attributions")
    flip_byte(path, path.stat().st_size // 2)
    assert CHECKSUM in flat(release)       # whatever else the byte breaks, the checksum always tells


def test_edited_speaker_name(release):
    # 曹磊 speaks in a-da52d9-15 (網經社電子商務研究中心主任曹磊認為, p004) and a-458b88-2 (曹磊指出, p005): neither prints 曹雷
    set_cell(release, "speakers", "speaker_id", "cao-lei", "name", "曹雷")
    assert flat(release) == [("derived-mismatch", "paragraphs", "p004"), ("derived-mismatch", "paragraphs", "p005"),
                             ("speaker-mismatch", "attributions", "a-da52d9-15"), ("speaker-mismatch", "attributions", "a-458b88-2"),
                             CHECKSUM, ("content-hash-mismatch", "speakers", None)]


def test_edited_section_label_of_a_paragraph(release):
    # p010 (line 14) opens section 2, whose heading prints 01. a second time; "correcting" it here is tampering
    set_cell(release, "paragraphs", "paragraph_id", "p010", "section_label", "02.")
    problems = flat(release)
    assert problems[0] == ("derived-mismatch", "paragraphs", "p010") and problems[-2:] == [CHECKSUM, ("content-hash-mismatch", "paragraphs", None)]
    assert {p[0] for p in problems[1:-2]} <= {"card-mismatch"}


def test_edited_cue_text(release):
    set_cell(release, "attributions", "attribution_id", "a-04d6e4-28", "cue_text", "指出")
    assert flat(release) == [("offset-mismatch", "attributions", "a-04d6e4-28"), CHECKSUM, ("content-hash-mismatch", "attributions", None)]


def test_removed_row(release):
    rewrite(release, "attributions", lambda rows: [r for r in rows if r["attribution_id"] != "a-cf7c31-10"])
    assert flat(release) == [("count-mismatch", "speakers", "gao-pan"),
                             ("card-mismatch", "attributions", None), ("card-mismatch", "attributions", None),
                             ("card-mismatch", "attributions", None), CHECKSUM, ("content-hash-mismatch", "attributions", None)]
    assert fields(release, "card-mismatch") == ["num_examples", "num_bytes", "download_size"]


def test_duplicated_id(release):
    rewrite(release, "attributions", lambda rows: rows + [next(r for r in rows if r["speaker_id"] == "jd")])
    problems = flat(release)
    assert problems[:2] == [("duplicate-id", "attributions", "a-6418df-7"), ("count-mismatch", "speakers", "jd")]
    assert problems[-2:] == [CHECKSUM, ("content-hash-mismatch", "attributions", None)]
    assert {p[0] for p in problems[2:-2]} == {"card-mismatch"}


def test_shifted_offset(release):
    def shift(rows):
        (row,) = [r for r in rows if r["attribution_id"] == "a-04d6e4-28"]
        row["cue_start"], row["cue_end"] = row["cue_start"] + 1, row["cue_end"] + 1
        return rows
    rewrite(release, "attributions", shift)
    assert flat(release) == [("offset-mismatch", "attributions", "a-04d6e4-28"), CHECKSUM, ("content-hash-mismatch", "attributions", None)]


def test_unknown_speaker_id(release):
    set_cell(release, "attributions", "attribution_id", "a-6418df-7", "speaker_id", "jdcom")
    problems = flat(release)
    assert problems[:3] == [("unknown-speaker", "attributions", "a-6418df-7"), ("count-mismatch", "speakers", "jd"),
                            ("derived-mismatch", "paragraphs", "p003")]
    assert problems[-2:] == [CHECKSUM, ("content-hash-mismatch", "attributions", None)]


def test_arrow_schema_differs_from_the_json_schema(release):
    schema = pq.read_schema(parquet(release, "blocks"))
    narrow = schema.set(schema.get_field_index("line"), pa.field("line", pa.int32(), nullable=False))
    rewrite(release, "blocks", lambda rows: rows, schema=narrow)
    problems = flat(release)
    assert problems[0] == ("table-schema-mismatch", "blocks", None) and problems[-1] == CHECKSUM
    assert {p[0] for p in problems[1:-1]} <= {"card-mismatch"}


def test_parquet_metadata_version_differs_from_the_manifest(release):
    meta_key = b"jd_wechat_commentary"
    schema = pq.read_schema(parquet(release, "errata"))
    ours = {**json.loads(schema.metadata[meta_key]), "dataset_version": "0.9.0"}
    rewrite(release, "errata", lambda rows: rows, schema=schema.with_metadata({**schema.metadata, meta_key: json.dumps(ours).encode()}))
    problems = validate_release(release).problems
    assert [(p.code, p.table, p.field) for p in problems if p.code != "card-mismatch"] == [
        ("metadata-mismatch", "errata", "dataset_version"), ("checksum-mismatch", None, "data/errata/train-00000-of-00001.parquet")]


def test_card_dataset_info_disagrees_with_the_files(release):
    card = release / "README.md"
    text = card.read_text(encoding="utf-8")
    assert text.count("num_examples: 34\n") == 1                  # errata, the only table of 34 rows
    card.write_text(text.replace("num_examples: 34\n", "num_examples: 35\n").replace(f"version: {DATASET_VERSION}\n", "version: 9.9.9\n", 1),
                    encoding="utf-8")
    assert flat(release) == [("card-mismatch", None, None), ("card-mismatch", "errata", None), CHECKSUM]
    assert fields(release, "card-mismatch") == ["version", "num_examples"]


def test_card_feature_renamed(release):
    card = release / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("- name: cue_text\n", "- name: cue\n", 1), encoding="utf-8")
    assert flat(release) == [("card-mismatch", "attributions", None), CHECKSUM]


def test_missing_file(release):
    parquet(release, "disclaimers").unlink()
    assert flat(release) == [("file-missing", "disclaimers", None), ("manifest-file-missing", None, None)]


def test_extra_file(release):
    (release / "data" / "errata" / "notes.txt").write_text("not in the manifest\n", encoding="utf-8")
    assert flat(release) == [("unexpected-file", None, None), ("manifest-extra-file", None, None)]
    assert fields(release, "manifest-extra-file") == fields(release, "unexpected-file") == ["data/errata/notes.txt"]


def test_replaced_source_copy(release):
    path = release / "source" / "article.txt"
    path.write_bytes(path.read_bytes().replace("緩沖期".encode(), "緩衝期".encode()))
    assert flat(release) == [("source-hash-mismatch", "document", "netease-kaagscoc0531871o"), CHECKSUM]


def test_cli_exit_codes(release, tmp_path, capsys):
    assert main(["validate", str(release)]) == 0
    parquet(release, "disclaimers").unlink()
    assert main(["validate", str(release), "--json"]) == 1
    assert main(["validate", str(tmp_path / "missing")]) == 2
    assert main(["validate", "--table", "nope", str(release / "MANIFEST.json")]) == 2
    assert main(["validate", "--table", "errata", str(tmp_path / "missing.jsonl")]) == 2


def test_cli_json_report(release, capsys):
    set_cell(release, "attributions", "attribution_id", "a-04d6e4-28", "cue_text", "指出")
    assert main(["validate", str(release), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert [(p["code"], p["table"], p["row"], p["field"]) for p in report["problems"]][0] == \
        ("offset-mismatch", "attributions", "a-04d6e4-28", "cue_start")


def test_cli_entry_point_exit_codes(release, tmp_path):
    exe = [COMMAND, "validate"]
    assert subprocess.run(exe + [str(release)], capture_output=True).returncode == 0
    (release / "extra.bin").write_bytes(b"\0")
    assert subprocess.run(exe + [str(release)], capture_output=True).returncode == 1
    assert subprocess.run(exe + [str(tmp_path / "missing")], capture_output=True).returncode == 2


# ---------------------------------------------------------------- the manifest

def edit_manifest(root, edit) -> None:
    path = root / "MANIFEST.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def test_manifest_missing(release):
    (release / "MANIFEST.json").unlink()
    assert flat(release) == [("manifest-missing", None, None)]


def test_manifest_altered_checksum(release):
    edit_manifest(release, lambda m: m["files"][0].update(sha256="0" * 64))
    assert flat(release) == [CHECKSUM]


def test_manifest_altered_content_hash(release):
    edit_manifest(release, lambda m: m["tables"]["errata"].update(content_sha256="0" * 64))
    assert flat(release) == [("content-hash-mismatch", "errata", None)]


def test_manifest_version_differs_from_the_files(release):
    edit_manifest(release, lambda m: m.update(dataset_version="9.9.9"))
    problems = validate_release(release).problems
    assert [(p.code, p.table, p.field) for p in problems] == [("metadata-mismatch", "document", "dataset_version")] + [
        ("metadata-mismatch", t, "dataset_version") for t in ("document", "blocks", "paragraphs", "sections", "speakers",
                                                              "attributions", "disclaimers", "errata")] + [
        ("metadata-mismatch", None, "croissant.json"), ("metadata-mismatch", None, "datapackage.json"), ("card-mismatch", None, "version")]


def test_catalog_version_differs_from_the_manifest(release):
    path = release / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace(f'"version": "{DATASET_VERSION}"', '"version": "9.9.9"', 1), encoding="utf-8")
    assert [(p.code, p.field) for p in validate_release(release).problems] == [
        ("metadata-mismatch", "datapackage.json"), ("checksum-mismatch", "datapackage.json")]


@pytest.mark.parametrize("path", ["../outside.txt", "/etc/hostname", "data/../../outside.txt", "C:/outside.txt", "", "."])
def test_manifest_path_that_leaves_the_folder_is_refused_unread(release, path, monkeypatch):
    outside = release.parent / "outside.txt"
    outside.write_text("secret\n", encoding="utf-8")
    edit_manifest(release, lambda m: m["files"].append({"path": path, "bytes": 7, "sha256": "0" * 64}))
    opened = []
    real_open = open

    def spy_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)
    monkeypatch.setattr("builtins.open", spy_open)
    monkeypatch.setattr("io.open", spy_open)
    assert flat(release) == [("manifest-unsafe-path", None, None)]
    assert not [f for f in opened if "outside" in f or f == "/etc/hostname"]


def test_manifest_path_through_a_symbolic_link_is_refused(release):
    outside = release.parent / "elsewhere"
    outside.mkdir()
    (outside / "x.txt").write_text("x\n", encoding="utf-8")
    (release / "linked").symlink_to(outside, target_is_directory=True)
    edit_manifest(release, lambda m: m["files"].append({"path": "linked/x.txt", "bytes": 2, "sha256": "0" * 64}))
    assert flat(release) == [("unsafe-link", None, None), ("manifest-unsafe-path", None, None)]
    assert fields(release, "unsafe-link") == ["linked"]


def test_table_that_is_a_symbolic_link_is_not_followed(release):
    path = parquet(release, "errata")
    outside = release.parent / "errata.parquet"
    path.rename(outside)
    path.symlink_to(outside)
    assert flat(release) == [("unsafe-link", None, None), ("file-corrupt", "errata", None), ("manifest-unsafe-path", None, None)]


# ---------------------------------------------------------------- nothing from the folder runs

PLANTED = {
    "sitecustomize.py": "import pathlib; pathlib.Path({marker!r}).write_text('sitecustomize')\n",
    "usercustomize.py": "import pathlib; pathlib.Path({marker!r}).write_text('usercustomize')\n",
    "__init__.py": "import pathlib; pathlib.Path({marker!r}).write_text('__init__')\n",
    "data/__init__.py": "import pathlib; pathlib.Path({marker!r}).write_text('data/__init__')\n",
    "conftest.py": "import pathlib; pathlib.Path({marker!r}).write_text('conftest')\n",
    "evil.pth": "import pathlib; pathlib.Path({marker!r}).write_text('pth')\n",
    "jd_wechat_commentary.py": "import pathlib; pathlib.Path({marker!r}).write_text('shadow')\n",
}


def test_validate_never_executes_anything_from_the_folder(release, tmp_path):
    marker = tmp_path / "executed"
    for rel, code in PLANTED.items():
        (release / rel).write_text(code.format(marker=str(marker)), encoding="utf-8")
    card = release / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "---\n", f"---\nx: !!python/object/apply:os.system ['touch {marker}']\n", 1), encoding="utf-8")
    # the installed command, run from inside the folder (python -m would put the folder on sys.path first)
    done = subprocess.run([COMMAND, "validate", ".", "--json"], cwd=release, capture_output=True, text=True)
    assert not marker.exists(), marker.read_text()
    report = validate_release(release)
    assert not marker.exists()
    assert done.returncode == 1 and json.loads(done.stdout)["problems"] == json.loads(report.to_json())["problems"]
    assert sorted(p.field for p in report.problems if p.code == "manifest-extra-file") == sorted(PLANTED)
    assert ("card-mismatch", None, None) in report.flat()          # the card's YAML is refused, not run



def test_jsonl_with_a_line_that_is_not_utf8(tmp_path, fresh_release):
    from jd_wechat_commentary.validate.run import validate_jsonl
    from parquet_edit import read_rows
    good = json.dumps(read_rows(fresh_release, "errata")[0], ensure_ascii=False).encode("utf-8")
    path = tmp_path / "errata.jsonl"
    path.write_bytes(good + b"\n" + good.replace("于".encode(), b"\xe4\xba") + b"\n\n[1]\n")
    assert validate_jsonl(path, "errata").flat() == [("invalid-json", "errata", 2), ("invalid-json", "errata", 4)]
    assert main(["validate", "--table", "errata", str(path)]) == 1


def test_flipped_byte_in_a_data_page_is_corrupt(release):
    """Pages carry CRC checksums (written by the build), so damage inside the data is a corrupt
    file, not only a checksum difference."""
    path = parquet(release, "attributions")
    column = pq.ParquetFile(path).metadata.row_group(0).column(schemas.columns("attributions").index("content_text"))
    start = column.dictionary_page_offset or column.data_page_offset   # the chunk starts with its dictionary
    flip_byte(path, start + column.total_compressed_size // 2)
    assert flat(release) == [("file-corrupt", "attributions", None), CHECKSUM]


# ---------------------------------------------------------------- tables that disagree with each other
#
# A careful tamperer keeps every span's text equal to the source slice and then re-writes the card's
# sizes and the manifest (reseal), so that checksums and content hashes say nothing: each case below
# must be caught by the one rule it breaks. Offsets were read off dataset/source/article.txt: line 7
# (p004) is [380, 448) and prints 網經社電子商務研究中心主任曹磊 [380, 395) 認為 [395, 397) ,
# then the content from 398; line 10 (p007) is [802, 879); line 11 (p008) is [880, 1057), a-b30c85-5's
# content is [889, 1057); line 29 (b029, the Chinese notice d-d2e9ce) is [3205, 3260) and opens 特別聲明.

def reseal(root: Path) -> None:
    """The card's dataset_info sizes and the manifest, re-written to agree with the edited files."""
    from jd_wechat_commentary.release.write import write_manifest
    tables, sizes = {}, {}
    for t in schemas.TABLES:
        data = pq.ParquetFile(parquet(root, t)).read()
        tables[t], sizes[t] = data.to_pylist(), (data.nbytes, parquet(root, t).stat().st_size)
    card = root / "README.md"
    _, front, body = card.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front)
    for info in meta["dataset_info"]:
        num_bytes, size = sizes[info["config_name"]]
        info["splits"] = [{"name": "train", "num_bytes": num_bytes, "num_examples": len(tables[info["config_name"]])}]
        info["download_size"], info["dataset_size"] = size, num_bytes
    card.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8")
    write_manifest(root, tables, json.loads((root / "MANIFEST.json").read_text(encoding="utf-8"))["dataset_version"])


def edit_rows(root: Path, table: str, key: str, key_value, **values) -> None:
    def edit(rows):
        (row,) = [r for r in rows if r[key] == key_value]
        row.update(values)
        return rows
    rewrite(root, table, edit)


def tampered(root: Path, *edits) -> list[tuple]:
    """Apply (table, key, key value, {column: value}) edits, reseal, and return the flat report."""
    for table, key, key_value, values in edits:
        edit_rows(root, table, key, key_value, **values)
    reseal(root)
    return flat(root)


def problem_fields(root: Path) -> list[tuple]:
    return [(p.code, p.table, p.row, p.field) for p in validate_release(root).problems]


def source_text(root: Path) -> str:
    return (root / "source" / "article.txt").read_text(encoding="utf-8")


def test_reseal_alone_keeps_the_release_valid(release):
    reseal(release)
    assert flat(release) == []


def test_attribution_content_outside_its_paragraph(release):
    # a-04d6e4-28 (p007, [802, 879)) given a-b30c85-5's content from p008: the text is the source slice, the place is wrong
    text = source_text(release)
    edit = {"content_start": 889, "content_end": 1057, "content_text": text[889:1057]}
    assert tampered(release, ("attributions", "attribution_id", "a-04d6e4-28", edit)) == [("span-misplaced", "attributions", "a-04d6e4-28")]
    (problem,) = validate_release(release).problems
    assert problem.field == "content_end" and problem.message == "the content ends at 1057, after paragraph p007 ends at 879"


def test_attribution_moved_to_another_paragraph(release):
    # a-04d6e4-28 said to be in p008; p007's speakers and 趙紹輝's first paragraph re-derived to match, so only the place is wrong
    assert tampered(release, ("attributions", "attribution_id", "a-04d6e4-28", {"paragraph_id": "p008"}),
                    ("paragraphs", "paragraph_id", "p007", {"speaker_ids": [], "speaker_names": []}),
                    ("speakers", "speaker_id", "zhao-shaohui", {"first_paragraph_id": "p008"})) == [
        ("span-misplaced", "attributions", "a-04d6e4-28")]
    assert problem_fields(release) == [("span-misplaced", "attributions", "a-04d6e4-28", "source_start")]


def test_attribution_content_overlapping_its_cue(release):
    # a-da52d9-15: 認為 is [395, 397); content moved to start at 396 (為,京東…) overlaps the cue
    text = source_text(release)
    assert text[395:397] == "認為"
    edit = {"content_start": 396, "content_text": text[396:448]}
    assert tampered(release, ("attributions", "attribution_id", "a-da52d9-15", edit)) == [("span-misplaced", "attributions", "a-da52d9-15")]
    assert problem_fields(release) == [("span-misplaced", "attributions", "a-da52d9-15", "content_start")]


def test_attribution_cue_before_its_source(release):
    # a-da52d9-15's cue said to be 主任 [391, 393) (網經社電子商務研究中心 is [380, 391)), inside its own mention [380, 395)
    text = source_text(release)
    assert text[391:393] == "主任"
    edit = {"cue_start": 391, "cue_end": 393, "cue_text": "主任"}
    assert tampered(release, ("attributions", "attribution_id", "a-da52d9-15", edit)) == [("span-misplaced", "attributions", "a-da52d9-15")]
    assert problem_fields(release) == [("span-misplaced", "attributions", "a-da52d9-15", "cue_start")]


def tables_of(text: str) -> dict[str, list[dict]]:
    """The build's tables for a small article, in memory (no curated file)."""
    from jd_wechat_commentary.build import parse
    from jd_wechat_commentary.errors import Warnings
    from jd_wechat_commentary.source import Curation, source_from_bytes
    from jd_wechat_commentary.release.rows import make_tables
    return make_tables(parse(source_from_bytes(Path("case.txt"), text.encode("utf-8")), Curation(), Warnings()), "1.0.0")


QUOTE_FIRST = "所長李慕華認為,租金太高。\n“讀者還在。”李慕華說。"    # line 2: [14, 26); the quotation [14, 21), 李慕華 [21, 24), 說 [24, 25)


def test_quotation_printed_before_its_attribution_is_in_order():
    from jd_wechat_commentary.validate.run import validate_tables
    tables = tables_of(QUOTE_FIRST)
    second = tables["attributions"][1]
    assert [second[k] for k in ("content_text", "content_start", "content_end", "source_start", "source_end", "cue_start")] == [
        "“讀者還在。”", 14, 21, 21, 24, 24]
    assert validate_tables(tables).flat() == []


def test_content_before_its_source_that_is_no_quotation_is_misplaced():
    from jd_wechat_commentary.validate.run import validate_tables
    tables = tables_of(QUOTE_FIRST)
    tables["attributions"][1].update(content_text="讀者還在。", content_start=15, content_end=20)   # the quotation marks dropped
    report = validate_tables(tables)
    # the id: sha256 of line 2's text starts 47b81e, and its cue 說 is at offset 10 of the line
    assert [(p.code, p.table, p.row, p.field) for p in report.problems] == [("span-misplaced", "attributions", "a-47b81e-10", "content_start")]


def test_erratum_outside_its_block(release):
    # e-830c9f-3 (于 at 43, line 1) said to be in b003, line 3 [59, 141)
    assert tampered(release, ("errata", "erratum_id", "e-830c9f-3", {"block_id": "b003"})) == [("span-misplaced", "errata", "e-830c9f-3")]


def test_disclaimer_span_is_not_its_block(release):
    # d-d2e9ce shortened to 特別聲明 [3205, 3209); its block b029 is the whole line [3205, 3260)
    assert source_text(release)[3205:3209] == "特別聲明"
    edit = {"char_end": 3209, "text": "特別聲明"}
    assert tampered(release, ("disclaimers", "disclaimer_id", "d-d2e9ce", edit)) == [("derived-mismatch", "disclaimers", "d-d2e9ce")]
    assert problem_fields(release) == [("derived-mismatch", "disclaimers", "d-d2e9ce", "block_id")]


@pytest.mark.parametrize("block_id,block_type,expected", [
    ("b001", "image", ("block-type-mismatch", "paragraphs", "p001")),      # line 1 is p001
    ("b029", "paragraph", ("block-type-mismatch", "disclaimers", "d-d2e9ce")),  # line 29, the Chinese notice
    ("b006", "paragraph", ("block-type-mismatch", "sections", 1)),         # line 6, the heading 01.十年合作升級…
])
def test_row_points_at_a_block_of_the_wrong_type(release, block_id, block_type, expected):
    assert tampered(release, ("blocks", "block_id", block_id, {"block_type": block_type})) == [expected]


@pytest.mark.parametrize("index,number", [(2, 2), (0, 0), (4, None), (3, 30)],
                         ids=["repeated-01-corrected-to-2", "number-without-label", "label-without-number", "03-as-30"])
def test_section_number_is_not_what_its_label_prints(release, index, number):
    # section 2's heading prints 01. a second time: its number stays 1, as printed
    assert tampered(release, ("sections", "section_index", index, {"number": number})) == [("number-mismatch", "sections", index)]


@pytest.mark.parametrize("label,number", [("01.", 1), ("三、", 3), ("（二）", 2), ("【觀點一】", 1), ("(12) ", 12),
                                          ("觀點十一:", 11), ("【第三部分】", 3), ("一百零五、", 105), ("【】", None)])
def test_the_number_a_label_prints(label, number):
    from jd_wechat_commentary.validate.consistency import printed_number
    assert printed_number(label) == number


def test_organization_mention_of_a_person(release):
    # a-6418df-7 is 京東方面回應稱: an organization mention; 京東 (jd) made a person
    assert tampered(release, ("speakers", "speaker_id", "jd", {"speaker_type": "person"})) == [("speaker-mismatch", "attributions", "a-6418df-7")]
    assert problem_fields(release) == [("speaker-mismatch", "attributions", "a-6418df-7", "speaker_id")]


@pytest.mark.parametrize("attribution_id,mention_type", [("a-6418df-7", "name"), ("a-458b88-2", "organization")])
def test_mention_type_disagrees_with_the_speaker_type(release, attribution_id, mention_type):
    edit = {"mention_type": mention_type}
    assert tampered(release, ("attributions", "attribution_id", attribution_id, edit)) == [("speaker-mismatch", "attributions", attribution_id)]


def test_pronoun_mention_that_prints_a_name(release):
    # a-458b88-2's source is 曹磊 (line 8), not 他 or 她
    assert tampered(release, ("attributions", "attribution_id", "a-458b88-2", {"mention_type": "pronoun"})) == [
        ("speaker-mismatch", "attributions", "a-458b88-2")]
    assert problem_fields(release) == [("speaker-mismatch", "attributions", "a-458b88-2", "source_text")]


def test_name_that_the_mention_does_not_print(release):
    # 趙紹輝 renamed 趙紹暉 consistently in paragraphs.speaker_names: his five mentions print 趙紹輝
    # (a-04d6e4-28 line 10, a-b30c85-5 line 11, a-7f4bf2-3 line 14, a-be1f28-3 line 19, a-697465-3 line 26)
    edits = [("speakers", "speaker_id", "zhao-shaohui", {"name": "趙紹暉"})]
    edits += [("paragraphs", "paragraph_id", p, {"speaker_names": ["趙紹暉"]}) for p in ("p007", "p008", "p010", "p014", "p020")]
    assert tampered(release, *edits) == [("speaker-mismatch", "attributions", a) for a in ("a-04d6e4-28", "a-b30c85-5", "a-7f4bf2-3", "a-be1f28-3", "a-697465-3")]


SURNAME_AND_ADDRESS = "研究所所長李慕華認為,租金太高。\n李所長表示,讀者還在。"   # 李所長 [17, 20) is 李慕華


def test_surname_with_a_form_of_address_names_the_speaker():
    from jd_wechat_commentary.validate.run import validate_tables
    tables = tables_of(SURNAME_AND_ADDRESS)
    assert [(a["source_text"], a["mention_type"], a["speaker_id"]) for a in tables["attributions"]] == [
        ("研究所所長李慕華", "name_with_title", tables["speakers"][0]["speaker_id"]), ("李所長", "name_with_title", tables["speakers"][0]["speaker_id"])]
    assert tables["speakers"][0]["name"] == "李慕華"
    assert validate_tables(tables).flat() == []


def test_surname_with_a_form_of_address_of_another_surname():
    from jd_wechat_commentary.validate.run import validate_tables
    tables = tables_of(SURNAME_AND_ADDRESS)
    tables["speakers"][0]["name"] = "王慕華"
    for p in tables["paragraphs"]:
        p["speaker_names"] = ["王慕華"]
    # ids: line 1 hashes to 03e3c7, 認為 at offset 8; line 2 hashes to 23b218, 表示 at offset 3
    assert validate_tables(tables).flat() == [("speaker-mismatch", "attributions", "a-03e3c7-8"), ("speaker-mismatch", "attributions", "a-23b218-3")]


def test_script_disagrees_with_the_converted_column(release):
    # the article is Traditional (Hant): p005 must have its Simplified text
    assert tampered(release, ("paragraphs", "paragraph_id", "p005", {"text_simplified": None})) == [
        ("script-mismatch", "paragraphs", "p005")]
    assert problem_fields(release) == [("script-mismatch", "paragraphs", "p005", "text_simplified")]


def test_document_script_changed_to_simplified(release):
    # every paragraph fills text_simplified, none text_traditional: all 22 disagree with Hans
    problems = tampered(release, ("document", "document_id", "netease-kaagscoc0531871o", {"script": "Hans"}))
    assert problems == [("script-mismatch", "paragraphs", f"p{i:03d}") for i in range(1, 23)]
    assert {p.field for p in validate_release(release).problems} == {"text_traditional"}


def test_speaker_without_simplified_name(release):
    # the JSON Schema requires a string; a Parquet file that holds the null must declare the column nullable
    schema = pq.read_schema(parquet(release, "speakers"))
    i = schema.get_field_index("name_simplified")
    nullable = schema.set(i, schema.field(i).with_nullable(True))

    def edit(rows):
        next(r for r in rows if r["speaker_id"] == "cao-lei")["name_simplified"] = None
        return rows
    rewrite(release, "speakers", edit, schema=nullable)
    reseal(release)
    assert problem_fields(release) == [("table-schema-mismatch", "speakers", None, None),
                                       ("schema-violation", "speakers", "cao-lei", "name_simplified")]


# ---------------------------------------------------------------- the card: whole features, data_files

@pytest.mark.parametrize("table", schemas.TABLES)
def test_card_features_derived_without_datasets_equal_the_librarys(table):
    from datasets import Features
    from datasets.info import DatasetInfo

    from jd_wechat_commentary.column_types import hf_features
    expected = DatasetInfo(features=Features.from_arrow_schema(schemas.arrow_schema(table)))._to_yaml_dict()["features"]
    assert hf_features(schemas.load_schema(table)["properties"]) == expected


def test_card_features_of_nested_types_equal_the_librarys():
    """Types the tables do not use yet (a list of lists, a struct, a boolean, a list of structs with a list)."""
    from datasets import Features
    from datasets.info import DatasetInfo

    from jd_wechat_commentary.column_types import hf_features
    props = {"a": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
             "b": {"type": ["object", "null"], "properties": {"x": {"type": "integer"}, "y": {"type": "array", "items": {"type": "string"}}}},
             "c": {"type": "boolean"},
             "d": {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "array", "items": {"type": "integer"}}}}}}
    arrow = pa.schema([pa.field(k, column_types.arrow_type(v)) for k, v in props.items()])
    assert hf_features(props) == DatasetInfo(features=Features.from_arrow_schema(arrow))._to_yaml_dict()["features"]


def edit_card(root: Path, old: str, new: str) -> None:
    card = root / "README.md"
    text = card.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    card.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("old,new,table", [
    ("  - name: n_attributions\n    dtype: int64\n", "  - name: n_attributions\n    dtype: int32\n", "speakers"),
    ("    - name: organization\n      dtype: string\n", "    - name: organisation\n      dtype: string\n", "speakers"),
    ("  - name: roles\n    list: string\n", "  - name: roles\n    dtype: string\n", "speakers"),
    ("  - name: erratum_id\n    dtype: string\n", "", "errata"),
], ids=["dtype", "struct-field-name", "list-made-scalar", "feature-dropped"])
def test_card_feature_type_disagrees_with_the_schema(release, old, new, table):
    edit_card(release, old, new)
    reseal(release)
    assert problem_fields(release) == [("card-mismatch", table, None, "features")]


@pytest.mark.parametrize("old,new", [
    ("path: data/errata/train-*.parquet", "path: data/*/train-*.parquet"),        # all eight tables' files
    ("path: data/errata/train-*.parquet", "path: data/speakers/train-*.parquet"),  # another table's file
    ("path: data/errata/train-*.parquet", "path: data/errata/test-*.parquet"),     # no file at all
    ("  - split: train\n    path: data/errata/train-*.parquet", "  - split: test\n    path: data/errata/train-*.parquet"),
], ids=["glob-too-wide", "other-table", "matches-nothing", "split-not-train"])
def test_card_data_files_do_not_name_the_tables_file(release, old, new):
    edit_card(release, old, new)
    reseal(release)
    assert problem_fields(release) == [("card-mismatch", "errata", None, "data_files")]


def test_second_parquet_file_that_the_glob_would_load(release):
    # data/errata/train-*.parquet would load this copy too: the errata twice
    shutil.copyfile(parquet(release, "errata"), release / "data" / "errata" / "train-00001-of-00002.parquet")
    assert flat(release) == [("unexpected-file", None, None), ("card-mismatch", "errata", None), ("manifest-extra-file", None, None)]


# ---------------------------------------------------------------- the command line

@pytest.mark.parametrize("content", [b"", b"\n \n\n"], ids=["empty", "blank-lines"])
def test_jsonl_without_records(tmp_path, content):
    from jd_wechat_commentary.validate.run import validate_jsonl
    path = tmp_path / "errata.jsonl"
    path.write_bytes(content)
    assert validate_jsonl(path, "errata").flat() == [("no-records", "errata", None)]
    assert main(["validate", "--table", "errata", str(path)]) == 1


@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["print-fails", "final-flush-fails"])
def test_reader_that_stops_early_gets_no_traceback(release, unbuffered):
    """`validate --json | head -1`, made certain: the pipe is closed before the command writes.
    Unbuffered, print finds it closed; buffered, the flush at the end of main does."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"} | ({"PYTHONUNBUFFERED": unbuffered} if unbuffered else {})
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([COMMAND, "validate", str(release), "--json"], stdout=write_end, stderr=subprocess.PIPE, text=True, env=env)
    finally:
        os.close(write_end)
    assert (done.stderr, done.returncode) == ("", 1)


# ---------------------------------------------------------------- messages a person can act on

@pytest.mark.parametrize("edit,fld,message", [
    ({"content_start": 3072}, "content_end",
     "content_end is null, but content_start 3072: a span's offsets and text are all null or none is"),
    ({"cue_end": 4000}, "cue_end", "cue_end 4000 is past the end of document.text (3459 characters)"),
    ({"cue_start": 3072}, "cue_start", "cue_start 3072 is after cue_end 3071"),
    ({"cue_text": "表示"}, "cue_start", "text[3067:3071] is '表示認同', but cue_text is '表示'"),
])
def test_offset_mismatch_says_which_offset_is_wrong(release, edit, fld, message):
    # a-cf7c31-4 is 高攀對此表示認同 (line 28): 表示認同 [3067, 3071), no content
    edit_rows(release, "attributions", "attribution_id", "a-cf7c31-4", **edit)
    problems = [p for p in validate_release(release).problems if p.code == "offset-mismatch"]
    assert [(p.row, p.field, p.message) for p in problems] == [("a-cf7c31-4", fld, message)]


# a-cf7c31-4 (line 28, 高攀對此表示認同) is the one agreement; it agrees with a-1dae47-2 (line 27, 郭濤認為……),
# and a-cf7c31-10 (他指出, 高攀 again) follows it.
@pytest.mark.parametrize("attribution_id,link,expected", [
    ("a-cf7c31-10", "a-1dae47-2", ("agreement-mismatch", "attributions", "a-cf7c31-10")),   # not an agreement
    ("a-cf7c31-4", "a-cf7c31-10", ("agreement-mismatch", "attributions", "a-cf7c31-4")),   # a later statement, by the same speaker
    ("a-cf7c31-4", "a-2a6dad-2", ("agreement-mismatch", "attributions", "a-cf7c31-4")),   # an earlier one by the same speaker (高攀)
    ("a-cf7c31-4", "a-000000-1", ("unknown-attribution", "attributions", "a-cf7c31-4")),
])
def test_agreement_link_to_the_wrong_statement(release, attribution_id, link, expected):
    edit = {"agrees_with_attribution_id": link}
    assert tampered(release, ("attributions", "attribution_id", attribution_id, edit)) == [expected]
