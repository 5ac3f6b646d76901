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
