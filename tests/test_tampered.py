"""Tampered releases: validate names each with a stable code, compared as [(code, table, row)].

Every case breaks a copy of a fresh build. Expected reports were worked out by hand from the
data: e.g. 曹磊 (cao-lei) speaks in p004 and p005, a005 is 趙紹輝's 也認為 on line 10, a021 is
高攀's 他指出 on line 28 (p022, where a020 keeps him as the paragraph's speaker).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jd_wechat_commentary import schemas
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.validate import validate_release
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
    set_cell(release, "speakers", "speaker_id", "cao-lei", "name", "曹雷")
    assert flat(release) == [("derived-mismatch", "paragraphs", "p004"), ("derived-mismatch", "paragraphs", "p005"),
                             CHECKSUM, ("content-hash-mismatch", "speakers", None)]


def test_edited_section_label_of_a_paragraph(release):
    # p010 (line 14) opens section 2, whose heading prints 01. a second time; "correcting" it here is tampering
    set_cell(release, "paragraphs", "paragraph_id", "p010", "section_label", "02.")
    problems = flat(release)
    assert problems[0] == ("derived-mismatch", "paragraphs", "p010") and problems[-2:] == [CHECKSUM, ("content-hash-mismatch", "paragraphs", None)]
    assert {p[0] for p in problems[1:-2]} <= {"card-mismatch"}


def test_edited_cue_text(release):
    set_cell(release, "attributions", "attribution_id", "a005", "cue_text", "指出")
    assert flat(release) == [("offset-mismatch", "attributions", "a005"), CHECKSUM, ("content-hash-mismatch", "attributions", None)]


def test_removed_row(release):
    rewrite(release, "attributions", lambda rows: [r for r in rows if r["attribution_id"] != "a021"])
    assert flat(release) == [("count-mismatch", "speakers", "gao-pan"),
                             ("card-mismatch", "attributions", None), ("card-mismatch", "attributions", None),
                             ("card-mismatch", "attributions", None), CHECKSUM, ("content-hash-mismatch", "attributions", None)]
    assert fields(release, "card-mismatch") == ["num_examples", "num_bytes", "download_size"]


def test_duplicated_id(release):
    rewrite(release, "attributions", lambda rows: rows + [rows[0]])
    problems = flat(release)
    assert problems[:2] == [("duplicate-id", "attributions", "a001"), ("count-mismatch", "speakers", "jd")]
    assert problems[-2:] == [CHECKSUM, ("content-hash-mismatch", "attributions", None)]
    assert {p[0] for p in problems[2:-2]} == {"card-mismatch"}


def test_shifted_offset(release):
    def shift(rows):
        (row,) = [r for r in rows if r["attribution_id"] == "a005"]
        row["cue_start"], row["cue_end"] = row["cue_start"] + 1, row["cue_end"] + 1
        return rows
    rewrite(release, "attributions", shift)
    assert flat(release) == [("offset-mismatch", "attributions", "a005"), CHECKSUM, ("content-hash-mismatch", "attributions", None)]


def test_unknown_speaker_id(release):
    set_cell(release, "attributions", "attribution_id", "a001", "speaker_id", "jdcom")
    problems = flat(release)
    assert problems[:3] == [("unknown-speaker", "attributions", "a001"), ("count-mismatch", "speakers", "jd"),
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
    card.write_text(text.replace("num_examples: 34\n", "num_examples: 35\n").replace("version: 1.0.0\n", "version: 1.0.1\n", 1),
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
    assert flat(release) == [("manifest-extra-file", None, None)]
    assert fields(release, "manifest-extra-file") == ["data/errata/notes.txt"]


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
    set_cell(release, "attributions", "attribution_id", "a005", "cue_text", "指出")
    assert main(["validate", str(release), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert [(p["code"], p["table"], p["row"], p["field"]) for p in report["problems"]][0] == \
        ("offset-mismatch", "attributions", "a005", "cue_start")


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
    edit_manifest(release, lambda m: m.update(dataset_version="2.0.0"))
    problems = validate_release(release).problems
    assert [(p.code, p.table, p.field) for p in problems] == [("metadata-mismatch", "document", "dataset_version")] + [
        ("metadata-mismatch", t, "dataset_version") for t in ("document", "blocks", "paragraphs", "sections", "speakers",
                                                              "attributions", "disclaimers", "errata")] + [
        ("metadata-mismatch", None, "croissant.json"), ("metadata-mismatch", None, "datapackage.json"), ("card-mismatch", None, "version")]


def test_catalog_version_differs_from_the_manifest(release):
    path = release / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"version": "1.0.0"', '"version": "1.0.1"', 1), encoding="utf-8")
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
    assert flat(release) == [("manifest-unsafe-path", None, None)]


def test_table_that_is_a_symbolic_link_is_not_followed(release):
    path = parquet(release, "errata")
    outside = release.parent / "errata.parquet"
    path.rename(outside)
    path.symlink_to(outside)
    assert flat(release) == [("file-corrupt", "errata", None), ("manifest-unsafe-path", None, None)]


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
    from jd_wechat_commentary.validate import validate_jsonl
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
