"""errata-check: the script_conversion errata against the OpenCC round trip, every disagreement
with its reason; exit 0 when all have one, 1 when one has none, 2 when the folder is no release."""
from __future__ import annotations

import json

from conftest import DATASET
from jd_wechat_commentary import errata_check
from jd_wechat_commentary.rules import lexicon
from jd_wechat_commentary.cli import main


def test_the_release_agrees_with_the_reference_except_where_a_reason_says_why(capsys):
    assert main(["errata-check", str(DATASET), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["reference"], result["agree"], result["unexplained"]) == ("OpenCC tw2s then s2tw", 24, 0)
    # hand-checked: OpenCC keeps 伙伴 (e-84b78f-2, e-d7dca9-4) and 喂 (e-786a4f-3), and writes 併 for the 并 of 并發布 (e-ec9f95-2)
    listed = {d["erratum_id"]: (d["case"], d["printed"], d["reference"], d["suggested"]) for d in result["disagreements"] if d["erratum_id"]}
    assert listed == {"e-84b78f-2": ("not-flagged", "伙", "伙", "夥"), "e-d7dca9-4": ("not-flagged", "伙", "伙", "夥"),
                      "e-786a4f-3": ("not-flagged", "喂", "喂", "餵"), "e-ec9f95-2": ("other-reading", "并", "併", "並")}
    others = sorted((d["context"], d["printed"], d["reference"]) for d in result["disagreements"] if not d["erratum_id"])
    assert others == sorted([("號發布,確", "布", "佈"), ("次的布局是", "布", "佈"), ("戰略布局。", "布", "佈"),
                             ("不同注定了", "注", "註"), ("東將借助A", "借", "藉"), ("高額傭金支", "傭", "佣"),
                             ("“拆墻行動", "墻", "牆"), ("生命周期管", "周", "週")])


def test_a_disagreement_without_a_reason_fails_and_says_so(capsys, monkeypatch):
    monkeypatch.setattr(lexicon, "SCRIPT_VARIANTS_ACCEPTED", {k: v for k, v in lexicon.SCRIPT_VARIANTS_ACCEPTED.items() if k != ("墻", "牆")})
    assert main(["errata-check", str(DATASET)]) == 1
    out = capsys.readouterr().out
    assert "(“拆墻行動): 墻 -> reference 牆 (the reference changes it; not an erratum): UNEXPLAINED" in out


def test_a_folder_that_is_not_a_release_is_a_usage_error(tmp_path, capsys):
    assert main(["errata-check", str(tmp_path)]) == 2
    assert "not a release folder" in capsys.readouterr().err


def test_flags_are_offsets_into_the_whole_text():
    assert errata_check.reference_flags("關系\n并且") == {1: ("系", "係"), 3: ("并", "並")}


def test_a_line_whose_length_the_conversion_changes_is_aligned(monkeypatch):
    monkeypatch.setattr(errata_check, "round_trip", lambda line: line.replace("AB", "C"))
    assert errata_check.reference_flags("x\nxAByz") == {3: ("AB", "C")}
