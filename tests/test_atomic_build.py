"""A build that fails at any point leaves the previous release byte for byte as it was and no
temporary folder behind. Every build here goes into a copy of the release in tmp_path."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import CURATION, SOURCE
from jd_wechat_commentary import build as build_module
from jd_wechat_commentary.release import write as release
from jd_wechat_commentary.build import build
from jd_wechat_commentary.errors import BuildError
from jd_wechat_commentary.validate.report import Report
from parquet_edit import sha256_tree


@pytest.fixture()
def previous(release_copy):
    """The release copy and the sha256 of every file in it, taken before the build."""
    return release_copy, sha256_tree(release_copy)


def assert_untouched(previous) -> None:
    target, before = previous
    assert sha256_tree(target) == before
    leftovers = sorted(p.name for p in target.parent.iterdir() if p.name != target.name)
    assert leftovers == [], f"left behind: {leftovers}"


def test_bad_curated_file(previous, tmp_path):
    bad = tmp_path / "curation.yaml"
    bad.write_text("speakers:\n  - name: 曹磊\n    speaker_id: [unclosed\n", encoding="utf-8")
    with pytest.raises(BuildError, match="invalid YAML"):
        build(SOURCE, bad, previous[0])
    bad.unlink()
    assert_untouched(previous)


def test_curated_entry_that_no_longer_anchors(previous, tmp_path):
    edited = tmp_path / "article.txt"
    edited.write_text(SOURCE.read_text(encoding="utf-8").replace("緩沖期", "緩衝期"), encoding="utf-8")
    with pytest.raises(BuildError, match="errata"):
        build(edited, CURATION, previous[0])
    edited.unlink()
    assert_untouched(previous)


def test_exception_in_a_rule_step(previous, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("injected in build_speakers")
    monkeypatch.setattr(build_module, "build_speakers", broken)
    with pytest.raises(RuntimeError, match="injected"):
        build(SOURCE, CURATION, previous[0])
    assert_untouched(previous)


def test_exception_after_some_files_are_written(previous, monkeypatch):
    written, real = [], release.write_parquet

    def third_fails(path, *args):
        if len(written) == 3:
            raise RuntimeError("injected after three tables")
        real(path, *args)
        written.append(path)
    monkeypatch.setattr(release, "write_parquet", third_fails)
    with pytest.raises(RuntimeError, match="injected"):
        build(SOURCE, CURATION, previous[0])
    assert len(written) == 3 and all(".dataset.tmp-" in str(p) for p in written)
    assert_untouched(previous)


def test_full_disk_while_writing_parquet(previous, monkeypatch):
    def disk_full(path, *args):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(b"PAR1 half a file")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    monkeypatch.setattr(release, "write_parquet", disk_full)
    with pytest.raises(BuildError, match="No space left on device") as exc:
        build(SOURCE, CURATION, previous[0])
    assert str(previous[0]) in str(exc.value) and "previous release is untouched" in str(exc.value)
    assert_untouched(previous)


def test_full_disk_while_writing_the_manifest(previous, monkeypatch):
    real = Path.write_text

    def write_text(self, *args, **kwargs):
        if self.name == release.MANIFEST:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, *args, **kwargs)
    monkeypatch.setattr(Path, "write_text", write_text)
    with pytest.raises(BuildError, match="No space left on device"):
        build(SOURCE, CURATION, previous[0])
    assert_untouched(previous)


def test_release_that_does_not_validate(previous, monkeypatch):
    def invalid(root):
        report = Report()
        report.add("offset-mismatch", "attributions", "a001", "cue_start", "injected")
        return report
    monkeypatch.setattr("jd_wechat_commentary.validate.run.validate_release", invalid)
    with pytest.raises(BuildError, match="does not validate"):
        build(SOURCE, CURATION, previous[0])
    assert_untouched(previous)


def test_interrupt_during_the_build(previous, monkeypatch):
    def interrupted(*args):
        raise KeyboardInterrupt
    monkeypatch.setattr("jd_wechat_commentary.release.write.write_card", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(SOURCE, CURATION, previous[0])
    assert_untouched(previous)


def test_swap_without_renameat2_is_undone_when_the_second_rename_fails(previous, monkeypatch):
    real = os.rename

    def rename(src, dst):
        if Path(dst) == previous[0] and Path(src).name == "release":     # the new release, not the old one coming back
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        return real(src, dst)
    monkeypatch.setattr(build_module, "_exchange", lambda a, b: False)
    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(BuildError, match="Invalid cross-device link"):
        build(SOURCE, CURATION, previous[0])
    assert_untouched(previous)


def test_successful_build_swaps_in_and_cleans_up(previous, fresh_release):
    target, _ = previous
    (target / "data" / "errata" / "train-00000-of-00001.parquet").write_bytes(b"damaged")   # a listed file
    build(SOURCE, CURATION, target)
    assert sha256_tree(target) == sha256_tree(fresh_release)
    assert sorted(p.name for p in target.parent.iterdir()) == ["dataset"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o755)


def test_successful_build_without_renameat2(previous, fresh_release, monkeypatch):
    monkeypatch.setattr(build_module, "_exchange", lambda a, b: False)
    build(SOURCE, CURATION, previous[0])
    assert sha256_tree(previous[0]) == sha256_tree(fresh_release)
    assert sorted(p.name for p in previous[0].parent.iterdir()) == ["dataset"]


def test_failed_first_build_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(release, "write_manifest", lambda *a: (_ for _ in ()).throw(RuntimeError("injected")))
    with pytest.raises(RuntimeError):
        build(SOURCE, CURATION, tmp_path / "new" / "dataset")
    assert list((tmp_path / "new").iterdir()) == []
