"""`build --out DIR` replaces DIR, so it may only be given a new or empty folder, or a release this
tool built. Everything else is refused with exit 2 before anything is read or written, and left
byte for byte as it was. Every folder here is under tmp_path; a home directory is simulated by
pointing HOME at one. The build's rule steps are replaced by a tripwire in the refusal tests, so
that a regression fails the test before it could touch anything."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import CURATION, ROOT, SOURCE
from jd_wechat_commentary import build as build_module
from jd_wechat_commentary.release import outdir, write as release
from jd_wechat_commentary.build import build
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.errors import BuildError, UsageError
from parquet_edit import sha256_tree

ARTICLE = "網經社電子商務研究中心主任曹磊表示,平臺會調整策略。\n他指出,用戶體驗更重要。"


@pytest.fixture()
def article(tmp_path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir()
    path = folder / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture()
def tripwire(monkeypatch):
    """The build must stop before its first step: reaching build_tables fails the test."""
    def reached(*args, **kwargs):
        raise AssertionError("the build went on with a folder it must refuse")
    monkeypatch.setattr(build_module, "build_tables", reached)


def refused(capsys, *args) -> str:
    """Run `build ARGS` and return its one error line; it must exit 2 and print nothing else."""
    assert main(["build", *map(str, args)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("error: "), err
    return err


def user_folder(path: Path) -> dict:
    path.mkdir(parents=True, exist_ok=True)
    (path / "thesis.tex").write_text("years of work\n", encoding="utf-8")
    (path / "photos").mkdir(exist_ok=True)
    (path / "photos" / "a.jpg").write_bytes(b"\xff\xd8 not really")
    return sha256_tree(path)


# ---------------------------------------------------------------- folders that are not ours

def test_folder_with_a_users_files_is_refused(tmp_path, article, tripwire, capsys):
    out = tmp_path / "mine"
    before = user_folder(out)
    err = refused(capsys, "--source", article, "--out", out)
    assert err.startswith(f"error: {out}: holds files that are not a release built by this tool (no MANIFEST.json)")
    assert "give --out a new or empty folder" in err
    assert sha256_tree(out) == before


def test_release_with_one_extra_file_is_refused(tmp_path, release_copy, tripwire, capsys):
    (release_copy / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = sha256_tree(release_copy)
    err = refused(capsys, "--source", SOURCE, "--out", release_copy)
    assert "'notes.txt' is not listed in its MANIFEST.json" in err
    assert sha256_tree(release_copy) == before


@pytest.mark.parametrize("make", [
    lambda d: (d / "link").symlink_to(d / "README.md"),
    lambda d: os.mkfifo(d / "pipe"),
    lambda d: (d / "data" / "extra").mkdir(),
    lambda d: (d / "MANIFEST.json").write_text("[]", encoding="utf-8"),
    lambda d: (d / "MANIFEST.json").unlink(),
], ids=["symlink-inside", "fifo-inside", "unlisted-folder", "manifest-not-ours", "no-manifest"])
def test_release_with_something_else_inside_is_refused(release_copy, tripwire, capsys, make, request):
    make(release_copy)
    err = refused(capsys, "--source", SOURCE, "--out", release_copy)
    why = {"symlink-inside": "'link' is a symbolic link, not a file or folder of a release",
           "fifo-inside": "'pipe' is a FIFO, not a file or folder of a release",
           "unlisted-folder": "'data/extra' is a folder with no file listed in its MANIFEST.json",
           "manifest-not-ours": "its MANIFEST.json is not a manifest of this tool (dataset_version, files, tables)",
           "no-manifest": "no MANIFEST.json"}[request.node.callspec.id]
    assert err.startswith(f"error: {release_copy}: holds files that are not a release built by this tool ({why}); ")
    assert release_copy.is_dir()


def test_home_directory_is_refused_even_when_empty(tmp_path, article, tripwire, monkeypatch, capsys):
    home = tmp_path / "home" / "someone"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert Path.home() == home
    assert "a home directory" in refused(capsys, "--source", article, "--out", home)
    before = user_folder(home)
    assert f"error: {home}: a home directory;" in refused(capsys, "--source", article, "--out", home)
    err = refused(capsys, "--source", article, "--out", tmp_path / "home")      # the folder holding it
    assert f"a folder that holds a home directory ({home})" in err
    assert sha256_tree(home) == before


def test_home_directories_by_their_place():
    # path arithmetic only: nothing under /home or /root is looked at
    assert outdir.is_home_like(Path("/root")) and outdir.is_home_like(Path("/home/anyone"))
    assert not outdir.is_home_like(Path("/home/anyone/releases/x")) and not outdir.is_home_like(Path("/tmp/home/x"))


def test_root_folder_is_refused(article, tripwire, capsys):
    assert refused(capsys, "--source", article, "--out", "/").startswith("error: /: the root folder;")


def test_checkout_and_the_folder_holding_it_are_refused(article, tripwire, capsys):
    assert refused(capsys, "--source", article, "--out", ROOT).startswith(f"error: {ROOT}: the checkout of this tool;")
    err = refused(capsys, "--source", article, "--out", ROOT.parent)
    assert err.startswith(f"error: {ROOT.parent}: a folder that holds the checkout of this tool")


def test_the_sources_own_folder_is_refused(article, tripwire, capsys):
    before = sha256_tree(article.parent)
    err = refused(capsys, "--source", article, "--out", article.parent)
    assert err.startswith(f"error: {article.parent}: the folder of the source file article.txt;")
    assert sha256_tree(article.parent) == before


def test_a_folder_holding_the_source_is_refused(tmp_path, article, tripwire, capsys):
    err = refused(capsys, "--source", article, "--out", tmp_path)
    assert err.startswith(f"error: {tmp_path}: holds the build's input {article};")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_out_dot_that_is_not_a_release_is_refused(tmp_path, article, tripwire, monkeypatch, capsys):
    work = tmp_path / "work"
    before = user_folder(work)
    monkeypatch.chdir(work)
    assert refused(capsys, "--source", article, "--out", ".").startswith(f"error: {work}: holds files that are not a release")
    assert sha256_tree(work) == before


def test_a_regular_file_is_refused(tmp_path, article, tripwire, capsys):
    out = tmp_path / "release.txt"
    out.write_text("keep me\n", encoding="utf-8")
    assert refused(capsys, "--source", article, "--out", out).startswith(f"error: {out}: not a folder")
    assert out.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("target", ["release", "file", "nothing"])
def test_a_symbolic_link_is_refused(tmp_path, release_copy, article, tripwire, capsys, target):
    real = {"release": release_copy, "file": article, "nothing": tmp_path / "gone"}[target]
    link = tmp_path / "link"
    link.symlink_to(real)
    before = sha256_tree(release_copy)
    assert refused(capsys, "--source", article, "--out", link).startswith(f"error: {link}: a symbolic link (to {real});")
    assert link.is_symlink() and sha256_tree(release_copy) == before and article.read_text(encoding="utf-8") == ARTICLE


# ---------------------------------------------------------------- folders the build may use

def test_new_and_empty_folders_are_built(tmp_path, article):
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (tmp_path / "new" / "release", empty):
        build(article, None, out)
        assert (out / "MANIFEST.json").is_file() and (out / "warnings.jsonl").is_file()
    build(article, None, empty)           # and again: now it is a release this tool built
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "input", "new"]


def test_out_dot_that_is_a_release_is_rebuilt(tmp_path, article, monkeypatch, capsys):
    out = tmp_path / "release"
    build(article, None, out)
    monkeypatch.chdir(out)
    assert main(["build", "--source", str(article), "--out", "."]) == 0
    assert (out / "MANIFEST.json").is_file() and sorted(p.name for p in tmp_path.iterdir()) == ["input", "release"]


def test_a_file_dropped_into_the_release_during_the_build_is_not_deleted(release_copy, monkeypatch):
    real = release.write_manifest

    def meanwhile(root, *args):
        (release_copy / "dropped.txt").write_text("saved while the build ran\n", encoding="utf-8")
        real(root, *args)
    monkeypatch.setattr(release, "write_manifest", meanwhile)
    before = sha256_tree(release_copy)
    with pytest.raises(UsageError, match="'dropped.txt' is not listed"):
        build(SOURCE, CURATION, release_copy)
    after = sha256_tree(release_copy)
    assert after.pop("dropped.txt") and after == before
    assert sorted(p.name for p in release_copy.parent.iterdir()) == ["dataset"]


def test_strict_build_with_warnings_leaves_the_previous_release(tmp_path, article, capsys):
    out = tmp_path / "release"
    build(article, None, out)
    before = sha256_tree(out)
    article.write_text("王小二表示,他不同意。", encoding="utf-8")       # a name never introduced: one warning
    assert main(["build", "--source", str(article), "--out", str(out), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "warning(s) with --strict" in err and "the previous release is untouched" in err
    assert sha256_tree(out) == before


# ---------------------------------------------------------------- what lies beside the folder

def test_fallback_swap_keeps_a_sibling_old_folder_that_is_not_ours(release_copy, monkeypatch):
    sibling = release_copy.parent / ".dataset.old"
    before = user_folder(sibling)
    monkeypatch.setattr(build_module, "_exchange", lambda a, b: False)     # the two-rename swap
    build(SOURCE, CURATION, release_copy)
    assert sha256_tree(sibling) == before
    assert sorted(p.name for p in release_copy.parent.iterdir()) == [".dataset.old", "dataset"]


def killed_build(article: Path, out: Path) -> None:
    """A build killed with SIGKILL (kill -9) after it wrote some files, in a child process."""
    code = textwrap.dedent(f"""
        import os, signal
        from jd_wechat_commentary.release import write as release
        from jd_wechat_commentary.build import build
        release.write_manifest = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        build({str(article)!r}, None, {str(out)!r})
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_temporaries_of_killed_builds_are_removed_by_the_next_build(tmp_path, article):
    out = tmp_path / "release"

    def stale() -> list[str]:
        return [p.name for p in tmp_path.iterdir() if p.name.startswith(".release.tmp-")]
    killed_build(article, out)
    first = stale()
    killed_build(article, out)            # it removes the first one's folder, and leaves its own
    second = stale()
    assert len(first) == len(second) == 1 and first != second and not out.exists()
    build(article, None, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input", "release"]


def test_only_our_own_unused_temporaries_are_removed(tmp_path, article):
    out = tmp_path / "release"
    look_alike = tmp_path / ".release.tmp-users"           # our prefix, no marker
    user_folder(look_alike)
    with_extra = tmp_path / ".release.tmp-extra"           # our marker, and a file of someone else's
    with_extra.mkdir()
    (with_extra / outdir.MARKER).write_bytes(outdir.MARKER_TEXT)
    (with_extra / "keep.txt").write_text("not ours\n", encoding="utf-8")
    other = tmp_path / ".other.tmp-x"                      # a temporary of another folder
    other.mkdir()
    (other / outdir.MARKER).write_bytes(outdir.MARKER_TEXT)
    running = outdir.Temporary(out)                        # a build that is still running holds its lock
    try:
        build(article, None, out)
        assert running.folder.is_dir()
    finally:
        running.__exit__()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [".other.tmp-x", ".release.tmp-extra", ".release.tmp-users", "input", "release"]
    assert (with_extra / "keep.txt").is_file() and (look_alike / "thesis.tex").is_file()


def test_a_temporary_folder_never_enters_the_release(tmp_path, article):
    out = tmp_path / "release"
    build(article, None, out)
    assert not list(out.rglob(outdir.MARKER)) and not (out / "release").exists()


# ---------------------------------------------------------------- inputs given as paths

@pytest.mark.parametrize("option", ["--source", "--curation"])
def test_missing_input_file_is_a_usage_error(tmp_path, article, option, capsys):
    args = {"--source": article, "--curation": None, "--out": tmp_path / "out"}
    args[option] = tmp_path / "missing.txt"
    err = refused(capsys, *[x for k, v in args.items() if v is not None for x in (k, v)])
    assert err == f"error: {tmp_path / 'missing.txt'}: no such file (given as {option}); give {option} an existing UTF-8 text file\n"
    assert not (tmp_path / "out").exists()


def test_a_folder_given_as_the_source_is_a_usage_error(tmp_path, capsys):
    err = refused(capsys, "--source", tmp_path, "--out", tmp_path / "out")
    assert err.startswith(f"error: {tmp_path}: not a regular file (given as --source)")


def test_library_callers_get_the_same_errors(tmp_path, article):
    with pytest.raises(UsageError, match="the folder of the source file"):
        build(article, None, article.parent)
    with pytest.raises(BuildError):
        build(article.parent / "article.txt", tmp_path / "input" / "article.txt", tmp_path / "x")   # not YAML


def test_a_projects_first_build_writes_beside_its_own_inputs(tmp_path):
    """dataset/ holding only source/article.txt and source/curation.yaml: the inputs, rewritten
    with the bytes the build read, and nothing else to lose."""
    out = tmp_path / "dataset"
    (out / "source").mkdir(parents=True)
    for path in (SOURCE, CURATION):
        (out / "source" / path.name).write_bytes(path.read_bytes())
    build(out / "source" / "article.txt", out / "source" / "curation.yaml", out)
    assert (out / "source" / "article.txt").read_bytes() == SOURCE.read_bytes() and (out / "MANIFEST.json").is_file()


def test_a_projects_folder_with_another_file_beside_the_inputs_is_refused(tmp_path, tripwire, capsys):
    out = tmp_path / "dataset"
    (out / "source").mkdir(parents=True)
    (out / "source" / "article.txt").write_bytes(SOURCE.read_bytes())
    (out / "source" / "draft.txt").write_text("a draft\n", encoding="utf-8")
    err = refused(capsys, "--source", out / "source" / "article.txt", "--out", out)
    assert err.startswith(f"error: {out}: holds the build's input {out / 'source' / 'article.txt'};")
    assert (out / "source" / "draft.txt").is_file()


def test_a_fifo_given_as_the_source_is_a_usage_error_not_a_hang(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "jd_wechat_commentary.cli", "build", "--source", str(fifo), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"error: {fifo}: not a regular file (given as --source)")
