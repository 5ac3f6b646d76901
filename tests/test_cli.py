"""The command line a user meets first: --version, and an example in every command's --help."""
from __future__ import annotations

import pytest

from jd_wechat_commentary.cli import main
from jd_wechat_commentary.version import DATASET_VERSION


def test_version_flag_prints_the_version_and_exits_0(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"jd-wechat-commentary {DATASET_VERSION} (dataset version {DATASET_VERSION})\n"


@pytest.mark.parametrize("command", ["build", "validate", "diff", "publish", "evaluate", "errata-check"])
def test_every_command_help_has_an_example(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and "example:\n  jd-wechat-commentary " + command in out


def test_ci_runs_exactly_the_readmes_test_command_and_the_build_installs_no_test_extra():
    from conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line.strip() for line in readme.splitlines() if line.startswith("    python3 -m venv .venv")]
    build, test = commands
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()[-1] == test
    assert "-r requirements.lock -e '.[test]'" in test and test.endswith("python -m pytest -q")
    assert "-c requirements.lock -e . " in build and "[test]" not in build and build.endswith("jd-wechat-commentary build")
