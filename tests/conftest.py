"""Shared fixtures: the committed release, a fresh build of it, and an offline HF cache."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "dataset"
SOURCE = DATASET / "source" / "article.txt"
CURATION = DATASET / "source" / "curation.yaml"

# CI runs the property tests with a fixed seed sequence, so a landing never depends on luck;
# local runs keep exploring new examples.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def read(root: Path, table: str) -> list[dict]:
    return pq.read_table(Path(root) / "data" / table / "train-00000-of-00001.parquet").to_pylist()


@pytest.fixture(scope="session")
def fresh_release(tmp_path_factory) -> Path:
    """A release built now from dataset/source, outside the repository."""
    from jd_wechat_commentary.build import build
    out = tmp_path_factory.mktemp("fresh") / "dataset"
    warnings = build(SOURCE, CURATION, out)
    assert list(warnings) == []
    return out


HUB_REPO = "someone/x"     # the repository the hub_release is built for


@pytest.fixture(scope="session")
def hub_release(tmp_path_factory) -> Path:
    """A release built for a Hub repository (the curated file's document.repo_id set), as publish
    requires; outside the repository."""
    from jd_wechat_commentary.build import build
    folder = tmp_path_factory.mktemp("hub")
    curated = CURATION.read_text(encoding="utf-8")
    assert "\n  repo_id: null\n" in curated
    (folder / "curation.yaml").write_text(curated.replace("\n  repo_id: null\n", f"\n  repo_id: {HUB_REPO}\n"), encoding="utf-8")
    shutil.copyfile(SOURCE, folder / "article.txt")
    out = folder / "dataset"
    assert list(build(folder / "article.txt", folder / "curation.yaml", out)) == []
    return out


@pytest.fixture()
def release_copy(tmp_path) -> Path:
    """A writable copy of the committed release, to break on purpose."""
    dest = tmp_path / "dataset"
    shutil.copytree(DATASET, dest)
    return dest


@pytest.fixture(scope="session")
def hf_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hf-cache")


# ---------------------------------------------------------------- every report code is produced
#
# Report.add is wrapped for the whole session to record each code a test made validate produce.
# When the whole suite ran (every tests/test_*.py collected, nothing deselected), a code of
# report.CODES that no test produced fails the session: a code nobody can trigger is either dead
# or untested. test_report_codes.py checks the same statically, file by file.

PRODUCED_CODES: set[str] = set()
# The same for the codes of build errors and of build warnings (errors.py).
RAISED_CODES: set[str] = set()
WARNED_CODES: set[str] = set()


def pytest_configure(config):
    from jd_wechat_commentary import errors
    from jd_wechat_commentary.validate import report

    _record(report.Report, "add", PRODUCED_CODES)
    _record(errors.BuildError, "__init__", RAISED_CODES)
    _record(errors.Warnings, "add", WARNED_CODES)


def _record(cls, method: str, produced: set) -> None:
    original = getattr(cls, method)

    def wrapper(self, code, *args, **kwargs):
        produced.add(code)
        return original(self, code, *args, **kwargs)
    setattr(cls, method, wrapper)


def _unproduced() -> dict[str, list[str]]:
    from jd_wechat_commentary.errors import BUILD_ERROR_CODES, WARNING_CODES
    from jd_wechat_commentary.validate.report import CODES

    return {kind: sorted(set(codes) - produced) for kind, codes, produced in
            (("report", CODES, PRODUCED_CODES), ("build error", BUILD_ERROR_CODES, RAISED_CODES),
             ("warning", WARNING_CODES, WARNED_CODES))}


def pytest_sessionfinish(session, exitstatus):
    tests = Path(__file__).resolve().parent
    collected = {Path(str(item.fspath)).resolve() for item in session.items}
    whole = set(tests.glob("test_*.py")) <= collected and not session.config.option.keyword and not session.config.option.markexpr
    if whole and session.testsfailed == 0:
        writer = session.config.get_terminal_writer()
        for kind, missing in _unproduced().items():
            if missing:
                writer.line(f"{kind} codes that no test produced: {missing}", red=True)
                session.exitstatus = 1
            else:
                writer.line(f"every {kind} code was produced by a test")
