"""A non-editable install (a wheel, `pip install .`) works on its own: the wheel carries the card
and license templates and the JSON Schemas, and the commands take their default folders from
the current directory, not from where the package was installed.

The wheel is built from a copy of the project (pip builds in the source tree), with pip's
build isolation: it needs setuptools from the package index pip is configured with."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import DATASET, ROOT
from jd_wechat_commentary import about, layout, schemas

PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE", "LICENSE-DATA.md", "CARD.md")
SHIPPED = {  # path in the wheel -> file in the repository
    "jd_wechat_commentary/project/CARD.md": "CARD.md",
    "jd_wechat_commentary/project/LICENSE-DATA.md": "LICENSE-DATA.md",
    "jd_wechat_commentary/release/card_generic.md": "scripts/release/card_generic.md",
    "jd_wechat_commentary/release/license_generic.md": "scripts/release/license_generic.md",
    "jd_wechat_commentary/view.css": "scripts/view.css",       # inlined into the page `view` writes
    "jd_wechat_commentary/view.js": "scripts/view.js",
    **{f"jd_wechat_commentary/schema/{t}.schema.json": f"schema/{t}.schema.json" for t in schemas.TABLES},
    "jd_wechat_commentary/schema/curation.schema.json": "schema/curation.schema.json",   # the curated file's shape
    # the corpus schemas' overlay and the rejects table (corpus build)
    "jd_wechat_commentary/schema/corpus/overlay.json": "schema/corpus/overlay.json",
    "jd_wechat_commentary/schema/corpus/rejects.schema.json": "schema/corpus/rejects.schema.json",
}


def _pip(*args: str) -> None:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    done = subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in PROJECT_FILES:
        shutil.copyfile(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "scripts", src / "scripts", ignore=ignore)
    shutil.copytree(ROOT / "schema", src / "schema", ignore=ignore)
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "--no-deps", "--quiet", "-w", str(out), str(src))
    (found,) = out.glob("jd_wechat_commentary-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    _pip("install", "--no-deps", "--no-index", "--quiet", "--target", str(target), str(wheel))
    return target


def test_wheel_ships_the_templates_and_the_schemas(wheel):
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
        assert set(SHIPPED) <= names, sorted(set(SHIPPED) - names)
        for inside, in_repo in SHIPPED.items():
            assert whl.read(inside) == (ROOT / in_repo).read_bytes(), inside
    # nothing else from the repository root rides along with the project files
    assert {n for n in names if n.startswith("jd_wechat_commentary/project/")} == {
        "jd_wechat_commentary/project/CARD.md", "jd_wechat_commentary/project/LICENSE-DATA.md"}
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)   # the MIT code license


def _run_installed(target: Path, cwd: Path, argv: list[str]) -> subprocess.CompletedProcess:
    """`jd-wechat-commentary ARGV` from the installed copy, in `cwd` (the editable install's
    finder comes after sys.path, so the copy in `target` is the one imported; checked)."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import jd_wechat_commentary as p; "
            "assert p.__file__.startswith(sys.argv[1]), p.__file__; "
            "from jd_wechat_commentary.cli import main; sys.exit(main(sys.argv[2:]))")
    return subprocess.run([sys.executable, "-c", code, str(target), *argv], capture_output=True, text=True,
                          cwd=cwd, timeout=600, env={**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"})


def test_installed_package_builds_the_project_release_in_the_current_folder(installed, tmp_path):
    """From a project folder (dataset/source/article.txt and its curated file), `build` with no
    arguments writes dataset/ there, with the project's card and license, identical to the
    committed release."""
    project = tmp_path / "project"
    shutil.copytree(DATASET / "source", project / "dataset" / "source")
    done = _run_installed(installed, project, ["build"])
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"built and validated {project / 'dataset'}\n"
    for name in ("README.md", "LICENSE.md", "MANIFEST.json", "datapackage.json"):
        assert (project / "dataset" / name).read_bytes() == (DATASET / name).read_bytes(), name
    assert _run_installed(installed, project, ["validate"]).returncode == 0


def test_installed_package_outside_a_project_asks_for_the_folders(installed, tmp_path):
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    build = _run_installed(installed, empty, ["build"])
    assert (build.returncode, build.stderr) == (2, f"error: {empty}: no dataset/source/article.txt in this folder, so there "
                                                   "is no default source and release folder; run build in the project "
                                                   "folder, or give --source FILE --out DIR\n")
    validate = _run_installed(installed, empty, ["validate"])
    assert (validate.returncode, validate.stderr) == (2, f"error: {empty}: no dataset/source/article.txt in this folder, so "
                                                         "there is no default release folder; give the folder to check: "
                                                         "jd-wechat-commentary validate DIR\n")
    view = _run_installed(installed, empty, ["view"])
    assert (view.returncode, view.stderr) == (2, f"error: {empty}: no dataset/source/article.txt in this folder, so "
                                                 "there is no default release folder; give the folder to view: "
                                                 "jd-wechat-commentary view DIR\n")
    assert not list(empty.iterdir())


def test_installed_package_writes_the_same_view(installed, tmp_path):
    """The page inlines view.css and view.js: the wheel carries them (package data)."""
    from jd_wechat_commentary.cli import main
    assert main(["view", str(DATASET), "--out", str(tmp_path / "checkout.html")]) == 0
    done = _run_installed(installed, tmp_path, ["view", str(DATASET), "--out", "installed.html"])
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "installed.html").read_bytes() == (tmp_path / "checkout.html").read_bytes()


def test_editable_install_never_falls_back_to_the_checkout(tmp_path, monkeypatch):
    """The editable workflow: scripts/ runs from the checkout and reads its templates and schemas
    there, but the default release is the current folder's dataset/ only: from anywhere else the
    commands ask for a folder rather than quietly use the checkout's."""
    assert about.PACKAGE == ROOT / "scripts" and about.CARD_TEMPLATE == ROOT / "CARD.md"
    assert schemas.SCHEMA_DIR == ROOT / "schema"
    monkeypatch.chdir(tmp_path)
    assert layout.project_root() is None and layout.default_release() is None
    (tmp_path / "dataset" / "source").mkdir(parents=True)
    (tmp_path / "dataset" / "source" / "article.txt").write_text("x", encoding="utf-8")
    assert layout.project_root() == tmp_path and layout.default_release() == tmp_path / "dataset"
