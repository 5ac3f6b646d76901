"""validate, diff and evaluate at the edges an attacker or a download reaches first: files that
are not regular files, links out of the release, reads without bound, parsers that recurse or
expand, column types no release has, a resealed manifest over a lie, and the Hub's layouts.

Each case runs validate in-process under an alarm (a hang fails the test instead of the suite)
and expects coded problems, never an exception.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import SOURCE
from jd_wechat_commentary import schemas
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.release.write import PARQUET_OPTIONS
from jd_wechat_commentary.validate.run import validate_release
from parquet_edit import parquet, rewrite
from test_tampered import reseal

FIXTURE = SOURCE.parent.parent.parent / "tests" / "fixtures" / "articles" / "hans-pronoun-chain-no-headings" / "article.txt"


@pytest.fixture()
def release(tmp_path, fresh_release):
    dest = tmp_path / "dataset"
    shutil.copytree(fresh_release, dest)
    return dest


@contextmanager
def deadline(seconds: int = 20):
    """Fail instead of hanging: a read that blocks (a FIFO without a writer) ends in TimeoutError."""
    def expire(*_):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def checked(root) -> list[tuple]:
    with deadline():
        report = validate_release(root)
    assert "check-failed" not in report.codes(), report.text()
    return report.flat()


def problems(root) -> list[tuple]:
    with deadline():
        return [(p.code, p.field) for p in validate_release(root).problems]


# ---------------------------------------------------------------- only regular files

def test_manifest_that_is_a_fifo_is_reported_not_opened(release):
    (release / "MANIFEST.json").unlink()
    os.mkfifo(release / "MANIFEST.json")
    found = problems(release)
    assert ("special-file", "MANIFEST.json") in found and ("manifest-missing", "MANIFEST.json") in found


def test_manifest_that_links_to_dev_zero_is_never_read(release):
    (release / "MANIFEST.json").unlink()
    (release / "MANIFEST.json").symlink_to("/dev/zero")
    found = problems(release)
    assert ("unsafe-link", "MANIFEST.json") in found and ("manifest-missing", "MANIFEST.json") in found


def test_fifo_and_dangling_link_anywhere_are_reported(release):
    os.mkfifo(release / "data" / "errata" / "pipe")
    (release / "schema" / "gone.json").symlink_to(release / "nowhere.json")
    found = problems(release)
    assert ("special-file", "data/errata/pipe") in found and ("unsafe-link", "schema/gone.json") in found


def test_table_that_is_a_fifo_is_not_opened(release):
    path = parquet(release, "errata")
    path.unlink()
    os.mkfifo(path)
    assert ("special-file", "errata", None) in checked(release)


def test_table_larger_than_the_hard_cap_is_not_read(release, monkeypatch):
    import jd_wechat_commentary.validate.run as validate_module
    monkeypatch.setattr(validate_module, "MAX_FILE_BYTES", 1000)      # the blocks file has more
    assert ("file-too-large", "blocks", None) in checked(release)


# ---------------------------------------------------------------- bounded decoding

def test_dictionary_encoded_parquet_bomb_is_refused_before_decoding(release):
    # one 300-character value repeated a million times: ~10 KB on disk, 300 MB decoded
    n = 1_000_000
    indices = pa.array([0] * n, type=pa.int32())
    column = pa.DictionaryArray.from_arrays(indices, pa.array(["錯" * 300]))
    pq.write_table(pa.table({"erratum_id": column}), parquet(release, "errata"), compression="zstd")
    assert parquet(release, "errata").stat().st_size < 200_000
    before = pa.total_allocated_bytes()
    found = checked(release)
    assert ("file-too-large", "errata", None) in found
    assert pa.total_allocated_bytes() - before < 50_000_000


def test_card_with_a_yaml_alias_bomb(release):
    card = release / "README.md"
    bomb = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
    card.write_text(card.read_text(encoding="utf-8").replace("---\n", "---\nl0: &l0 [lol]\n" + bomb, 1), encoding="utf-8")
    assert len(bomb) < 1024
    found = problems(release)
    assert ("card-mismatch", "README.md") in found


@pytest.mark.parametrize("manifest", [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"dataset_version": ' + b"9" * 5000 + b', "files": []}',
], ids=["nested-100000-deep", "5000-digit-integer"])
def test_manifest_that_no_parser_should_follow(release, manifest):
    (release / "MANIFEST.json").write_bytes(manifest)
    assert ("manifest-missing", None, None) in checked(release)


def test_card_nested_too_deeply(release):
    card = release / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("---\n", "---\ndeep: " + "[" * 5000 + "]" * 5000 + "\n", 1),
                    encoding="utf-8")
    assert ("card-mismatch", "README.md") in problems(release)


def test_over_long_manifest_path(release):
    manifest = json.loads((release / "MANIFEST.json").read_text(encoding="utf-8"))
    manifest["files"].append({"path": "a/" * 5000 + "x", "bytes": 1, "sha256": "0" * 64})
    manifest["files"].append({"path": "b" * 5000, "bytes": 1, "sha256": "0" * 64})
    (release / "MANIFEST.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert checked(release) == [("manifest-unsafe-path", None, None)] * 2


def test_folder_chain_2100_deep(release):
    fd = os.open(release, os.O_RDONLY)
    try:
        for _ in range(2100):      # by file descriptor: the whole path is longer than PATH_MAX
            os.mkdir("d", dir_fd=fd)
            child = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        os.close(fd)
        assert ("path-too-deep", None, None) in checked(release)
    finally:
        remove_chain(release / "d")   # pytest's own clean-up would recurse 2,100 levels


def remove_chain(top: Path) -> None:
    """rmtree recurses once per level (RecursionError at 2,100): lift the chain one level at a time."""
    spare = top.with_name("spare")
    while os.path.isdir(top / "d"):
        os.rename(top / "d", spare)
        os.rmdir(top)
        os.rename(spare, top)
    os.rmdir(top)


# ---------------------------------------------------------------- column types no release has

ODD_TYPES = {
    "binary": ("note", pa.binary()),
    "date": ("char_start", pa.date32()),
    "decimal": ("char_end", pa.decimal128(20, 0)),
    "timestamp": ("char_start", pa.timestamp("s")),
}


def retype(root: Path, table: str, column: str, arrow_type) -> None:
    data = pq.read_table(parquet(root, table))
    i = data.schema.get_field_index(column)
    source = data.column(i).cast(pa.int32()) if pa.types.is_date(arrow_type) else data.column(i)
    data = data.set_column(i, pa.field(column, arrow_type), source.cast(arrow_type))
    pq.write_table(data, parquet(root, table), **PARQUET_OPTIONS)


def struct_key(root: Path) -> None:
    data = pq.read_table(parquet(root, "errata"))
    i = data.schema.get_field_index("erratum_id")
    keys = pa.array([{"id": k} for k in data.column(i).to_pylist()])
    pq.write_table(data.set_column(i, pa.field("erratum_id", keys.type), keys), parquet(root, "errata"), **PARQUET_OPTIONS)


@pytest.mark.parametrize("kind", [*ODD_TYPES, "struct-key"])
def test_column_of_a_type_no_release_has(release, tmp_path, kind, capsys):
    if kind == "struct-key":
        struct_key(release)
    else:
        retype(release, "errata", *ODD_TYPES[kind])
    found = checked(release)
    assert found[0] == ("table-schema-mismatch", "errata", None)
    reseal_tables_only(release)
    assert ("table-schema-mismatch", "errata", None) in checked(release)
    # diff says it cannot compare (2), never "tables differ" (1) after a crash
    old = tmp_path / "old"
    shutil.copytree(release, old)
    capsys.readouterr()
    assert main(["diff", str(old), str(release)]) == 2
    assert "errata" in capsys.readouterr().err


def reseal_tables_only(root: Path) -> None:
    from jd_wechat_commentary.release.write import write_manifest
    tables = {t: pq.read_table(parquet(root, t)).to_pylist() for t in schemas.TABLES if t != "errata"}
    version = json.loads((root / "MANIFEST.json").read_text(encoding="utf-8"))["dataset_version"]
    write_manifest(root, tables, version)


def test_diff_and_evaluate_do_not_hang_on_a_fifo_table(release, tmp_path, capsys):
    old = tmp_path / "old"
    shutil.copytree(release, old)
    path = parquet(release, "attributions")
    path.unlink()
    os.mkfifo(path)
    with deadline():
        assert main(["diff", str(old), str(release)]) == 2
        assert main(["evaluate", str(old), str(release)]) == 2
    assert "attributions" in capsys.readouterr().err


# ---------------------------------------------------------------- a sealed lie

def test_empty_document_table_resealed(release):
    rewrite(release, "document", lambda rows: [])
    reseal(release)
    assert ("document-not-one", "document", None) in checked(release)


def test_two_document_rows_resealed(release):
    rewrite(release, "document", lambda rows: rows + [dict(rows[0], document_id="other")])
    reseal(release)
    assert ("document-not-one", "document", None) in checked(release)


def edit_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_license_copy_edited_and_resealed(release):
    edit_text(release / "LICENSE.md", "CC BY 4.0", "CC0")
    reseal(release)
    assert problems(release) == [("copy-mismatch", "LICENSE.md")]


def test_catalog_edited_and_resealed(release):
    data = json.loads((release / "croissant.json").read_text(encoding="utf-8"))
    data["recordSet"][0]["field"][0]["dataType"] = "sc:Integer"
    (release / "croissant.json").write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    reseal(release)
    assert problems(release) == [("copy-mismatch", "croissant.json")]


def test_data_package_edited_and_resealed(release):
    data = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    data["resources"][0]["schema"]["primaryKey"] = []
    (release / "datapackage.json").write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    reseal(release)
    assert problems(release) == [("copy-mismatch", "datapackage.json")]


def test_card_text_edited_and_resealed(release):
    # the card's speaker list names 曹磊; the speakers table still does
    edit_text(release / "README.md", "| 曹磊 |", "| 曹雷 |")
    reseal(release)
    assert problems(release) == [("copy-mismatch", "README.md")]


def test_curation_copy_edited_and_resealed(release):
    edit_text(release / "source" / "curation.yaml", "name_romanized: Cao Lei", "name_romanized: Cao Lie")
    reseal(release)
    assert problems(release) == [("copy-mismatch", "source/curation.yaml: speakers 曹磊")]


def test_curation_copy_with_an_alias_bomb_is_refused(release):
    path = release / "source" / "curation.yaml"
    path.write_text("x: &a [1, 2]\ny: [*a, *a]\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    reseal(release)
    found = problems(release)
    assert [c for c, _ in found] == ["copy-mismatch"] and "alias" in validate_release(release).problems[0].message


def test_planted_file_listed_in_the_manifest(release):
    (release / "sitecustomize.py").write_text("import os\n", encoding="utf-8")
    reseal(release)     # write_manifest lists every file of the folder
    assert problems(release) == [("unexpected-file", "sitecustomize.py")]


# ---------------------------------------------------------------- the last resort

def test_a_check_that_raises_is_a_coded_problem(release, monkeypatch):
    import jd_wechat_commentary.validate.run as validate_module

    def broken(*args):
        raise TypeError("unforeseen")
    monkeypatch.setattr(validate_module, "check_schema_copies", broken)
    report = validate_release(release)
    assert [(p.code, p.field) for p in report.problems] == [("check-failed", "schema copies")]
    assert "TypeError: unforeseen" in report.problems[0].message


# ---------------------------------------------------------------- releases as the Hub delivers them

def test_gitattributes_and_the_local_dir_cache_are_accepted(release):
    (release / ".gitattributes").write_text("*.parquet filter=lfs diff=lfs merge=lfs -text\n", encoding="utf-8")
    meta = release / ".cache" / "huggingface" / "download" / "data" / "errata"
    meta.mkdir(parents=True)
    (meta / "train-00000-of-00001.parquet.metadata").write_text("abc\n0\n", encoding="utf-8")
    (release / ".cache" / "huggingface" / ".gitignore").write_text("*\n", encoding="utf-8")
    assert checked(release) == []


def test_other_dot_files_are_still_reported(release):
    (release / ".cache" / "other").mkdir(parents=True)
    (release / ".cache" / "other" / "x").write_text("x\n", encoding="utf-8")
    (release / "data" / ".gitattributes").write_text("x\n", encoding="utf-8")
    # listed breadth first: data/.gitattributes is one level down, .cache/other/x two
    assert problems(release) == [("unexpected-file", "data/.gitattributes"), ("unexpected-file", ".cache/other/x"),
                                 ("manifest-extra-file", "data/.gitattributes"), ("manifest-extra-file", ".cache/other/x")]


def hub_cache(release: Path, cache: Path, repo: str = "datasets--owner--name") -> Path:
    """The layout `hf download` (without --local-dir) writes: every file a relative link from
    snapshots/<revision>/ into ../../blobs/<sha256>, folders real."""
    import hashlib
    snapshot = cache / repo / "snapshots" / "0123abcd"
    blobs = cache / repo / "blobs"
    blobs.mkdir(parents=True)
    files = [p for p in sorted(release.rglob("*")) if p.is_file()]
    for path in files + [None]:
        rel = Path(".gitattributes") if path is None else path.relative_to(release)
        data = b"*.parquet filter=lfs\n" if path is None else path.read_bytes()
        blob = blobs / hashlib.sha256(data).hexdigest()
        blob.write_bytes(data)
        link = snapshot / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(os.path.relpath(blob, link.parent))
    (cache / repo / "refs").mkdir()
    (cache / repo / "refs" / "main").write_text("0123abcd", encoding="utf-8")
    return snapshot


def test_hub_cache_layout_is_accepted(release, tmp_path):
    snapshot = hub_cache(release, tmp_path / "hub")
    assert checked(snapshot) == []
    assert main(["validate", str(snapshot)]) == 0


def test_hub_cache_link_to_another_repositorys_blob_is_unsafe(release, tmp_path):
    snapshot = hub_cache(release, tmp_path / "hub")
    other = hub_cache(release, tmp_path / "hub", "datasets--other--name")
    link = snapshot / "LICENSE.md"
    target = (other / "LICENSE.md").resolve()
    link.unlink()
    link.symlink_to(os.path.relpath(target, link.parent))
    assert ("unsafe-link", "LICENSE.md") in problems(snapshot)


def test_hub_cache_link_outside_the_blobs_is_unsafe(release, tmp_path):
    snapshot = hub_cache(release, tmp_path / "hub")
    link = snapshot / "source" / "article.txt"
    link.unlink()
    link.symlink_to(release / "source" / "article.txt")
    assert ("unsafe-link", "source/article.txt") in problems(snapshot)


def test_snapshot_folder_that_is_a_link_is_unsafe(release, tmp_path):
    snapshot = hub_cache(release, tmp_path / "hub")
    shutil.rmtree(snapshot / "schema")
    (snapshot / "schema").symlink_to(release / "schema", target_is_directory=True)
    assert ("unsafe-link", "schema") in problems(snapshot)


# ---------------------------------------------------------------- empty tables and datasets

def test_every_config_of_a_generic_build_loads_with_datasets(tmp_path, capsys):
    from datasets import load_dataset

    from jd_wechat_commentary.validate.checks import read_front_matter
    out = tmp_path / "release"
    assert main(["build", "--source", str(FIXTURE), "--no-curation", "--out", str(out)]) == 0
    # without a curated file there are no errata, and this article prints no platform notice
    empty = {t for t in schemas.TABLES if pq.ParquetFile(parquet(out, t)).metadata.num_rows == 0}
    assert empty == {"errata", "disclaimers"}
    configs = [c["config_name"] for c in read_front_matter(out / "README.md")["configs"]]
    assert set(configs) == set(schemas.TABLES) - empty
    for config in configs:
        ds = load_dataset(str(out), config, split="train", cache_dir=str(tmp_path / "hf"))
        assert ds.num_rows == pq.ParquetFile(parquet(out, config)).metadata.num_rows > 0
    body = (out / "README.md").read_text(encoding="utf-8")
    assert "not configs (`datasets` cannot load a table without rows): `disclaimers`, `errata`" in body
    assert checked(out) == []


def test_card_that_declares_an_empty_table_as_a_config(tmp_path):
    out = tmp_path / "release"
    assert main(["build", "--source", str(FIXTURE), "--no-curation", "--out", str(out)]) == 0
    card = out / "README.md"
    edit_text(card, "configs:\n", "configs:\n- config_name: errata\n  data_files:\n  - split: train\n    path: data/errata/train-*.parquet\n")
    reseal(out)
    assert ("card-mismatch", "configs") in problems(out)


if sys.platform != "linux":     # FIFOs and /dev/zero as used here
    pytestmark = pytest.mark.skip("POSIX special files")


def test_jsonl_with_deep_nesting_and_a_huge_integer(tmp_path):
    from jd_wechat_commentary.validate.run import validate_jsonl
    path = tmp_path / "errata.jsonl"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000 + b"\n" + b'{"char_start": ' + b"7" * 5000 + b"}\n")
    with deadline():
        report = validate_jsonl(path, "errata")
    assert report.flat() == [("invalid-json", "errata", 1), ("invalid-json", "errata", 2)]
    assert "5000 digits" in report.problems[1].message


def test_block_line_that_is_not_its_position_resealed(release):
    # b005 is the fifth line: position 4, line 5
    rewrite(release, "blocks", lambda rows: [dict(r, line=9) if r["block_id"] == "b005" else r for r in rows])
    reseal(release)
    assert checked(release) == [("derived-mismatch", "blocks", "b005")]


@pytest.mark.parametrize("number", ["9" * 5000, "0x" + "f" * 5000], ids=["decimal", "hex"])
def test_card_with_a_5000_digit_integer(release, number):
    edit_text(release / "README.md", "---\n", f"---\nsize: {number}\n")
    assert problems(release)[0] == ("card-mismatch", "README.md")


def test_curation_copy_with_a_5000_digit_integer(release):
    path = release / "source" / "curation.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "extra: " + "9" * 5000 + "\n", encoding="utf-8")
    reseal(release)
    report = validate_release(release)
    assert [(p.code, p.field) for p in report.problems] == [("copy-mismatch", "source/curation.yaml")]
    assert "at most 40 digits" in report.problems[0].message


def test_curated_file_with_an_alias_bomb_is_refused_by_the_build():
    from jd_wechat_commentary.errors import BuildError
    from jd_wechat_commentary.source import curation_from_bytes
    bomb = "l0: &l0 [lol]\n" + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
    with pytest.raises(BuildError, match="alias"):
        curation_from_bytes(Path("curation.yaml"), ("document:\n  document_id: x\n" + bomb).encode())


def test_publish_plans_a_hub_cache_snapshot_from_its_blobs(hub_release, tmp_path):
    from conftest import HUB_REPO
    from jd_wechat_commentary import publish
    release = tmp_path / "release"
    shutil.copytree(hub_release, release)        # publish refuses a release built for no repository
    snapshot = hub_cache(release, tmp_path / "hub")
    plan = publish.plan_release(snapshot, HUB_REPO, "main")
    blobs = (tmp_path / "hub" / "datasets--owner--name" / "blobs").resolve()
    assert len(plan.uploads) == len(json.loads((release / "MANIFEST.json").read_text(encoding="utf-8"))["files"]) + 1
    assert all(Path(u.local_path).parent == blobs for u in plan.uploads)
    assert ".gitattributes" not in {u.path_in_repo for u in plan.uploads}
