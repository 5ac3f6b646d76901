"""The build's warnings: each has a code, a line and a message; they are printed, written into the
release as warnings.jsonl (listed in the manifest) and counted in the generic card. Every code
is produced by one of the small articles below; lines were read off the texts by hand."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import DATASET
from jd_wechat_commentary.build import build, parse
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.errors import WARNING_CODES, Warnings
from jd_wechat_commentary.source import Curation, Source, curation_from_bytes
from jd_wechat_commentary.validate.run import validate_release

# code -> (article, curated file or None, the line the warning names)
CASES = {
    "uncertain-organization": ("星河科技表示,將在下月調整價格。", None, 1),
    "uncertain-name-split": ("我的老同學王小明表示,價格會漲。", None, 1),
    "name-never-introduced": ("王小二表示,他不同意。", None, 1),
    "surname-and-address-only": ("趙律師表示,要退款。", None, 1),
    "unrecognised-speaker": ("王某某的同事表示,會合作。", None, 1),
    "organization-by-position": ("騰訊表示,將繼續合作。", None, 1),
    "pronoun-introduced": ("研究員李美玲持不同看法。她表示,合約無效。", None, 1),
    "pronoun-by-gender": ("研究員李美玲表示,合約無效。\n律師王大明則表示,合約有效。\n她強調,要上訴。", None, 3),
    "anaphor-without-antecedent": ("該公司表示,會合作。", None, 1),
    "title-alone": ("加稅惹爭議 特首:會聆聽意見\n行政長官陳家明強調,政府會再研究。", None, 1),
    "pronoun-without-antecedent": ("他指出,價格還會上漲。", None, 1),
    "pronoun-across-speaker": ("某某大學教授王大明認為,平臺應當降價。\n星河公司方面回應稱,暫無調整計劃。\n他表示,降價是遲早的事。", None, 3),
    "surname-without-antecedent": ("王先生表示,要退款。\n北京大學教授王小明認為,可以合作。", None, 1),
    "surname-ambiguous": ("所長李慕華認為,租金太高。\n編輯李德昌則表示,讀者還在。\n律師方若琳表示,要退款。\n李先生補充道,可以合作。", None, 4),
    "speaker-not-curated": ("北京大學教授王小明認為,可以合作。\n律師方若琳表示,要退款。",
                            {"speakers": [{"name": "王小明", "speaker_id": "wang-xiaoming"}]}, 2),
    "curated-type-override": ("星河科技方面表示,將在下月調整價格。",
                              {"speakers": [{"name": "星河科技", "speaker_id": "xinghe", "speaker_type": "person"}]}, None),
    "invisible-character": ("平臺會調整策略。\n網經社電子商務研究中心主任曹\u200b磊表示,平臺會調整策略。", None, 2),
}


def warnings_of(text: str, curated: dict | None) -> Warnings:
    warnings = Warnings()
    curation = Curation() if curated is None else curation_from_bytes(
        Path("curation.yaml"), yaml.safe_dump(curated, allow_unicode=True).encode("utf-8"))
    parse(Source(Path("case.txt"), text, "0" * 64), curation, warnings)
    return warnings


def test_every_warning_code_has_a_case():
    assert set(CASES) == set(WARNING_CODES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_is_produced_with_its_line(code):
    text, curated, line = CASES[code]
    assert [(w.code, w.line) for w in warnings_of(text, curated)] == [(code, line)]


def test_curated_warnings_name_the_curated_file_not_a_line():
    (w,) = warnings_of(*CASES["curated-type-override"][:2])
    assert (w.file, w.line) == ("curation", None) and w.startswith("curation.yaml: ")


def test_an_invisible_character_in_a_name_is_named_with_its_column():
    (w,) = warnings_of(*CASES["invisible-character"][:2])
    # 網經社電子商務研究中心主任曹 is 14 characters: the zero-width space is the 15th
    assert w.message.startswith("found U+200B ZERO WIDTH SPACE at column 15; a name or reporting verb it sits in")


@pytest.mark.parametrize("char, name", [("\u200d", "ZERO WIDTH JOINER"), ("\u200c", "ZERO WIDTH NON-JOINER"),
                                        ("\u2060", "WORD JOINER"), ("\u00ad", "SOFT HYPHEN"),
                                        ("\ufeff", "BYTE ORDER MARK"), ("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
                                        ("\u2067", "RIGHT-TO-LEFT ISOLATE")])
def test_invisible_characters_next_to_a_cue_are_warned(char, name):
    (w,) = warnings_of(f"北京大學教授王小明{char}表示,可以合作。", None)
    assert (w.code, w.line) == ("invisible-character", 1) and f"U+{ord(char):04X} {name} at column 10" in w.message


def test_two_invisible_characters_on_one_line_are_one_warning():
    ws = warnings_of("北京大學教授\u200b王小明認為,可以合作。\n平臺\u00ad會調整\u200d策略。", None)
    assert [(w.line, w.message.split(";")[0]) for w in ws if w.code == "invisible-character"] == [
        (1, "found U+200B ZERO WIDTH SPACE at column 7"),
        (2, "found U+00AD SOFT HYPHEN at column 3, U+200D ZERO WIDTH JOINER at column 7")]


# ---------------------------------------------------------------- in the release

@pytest.fixture(scope="module")
def warned(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("warned")
    (folder / "article.txt").write_text("他指出,價格還會上漲。\n王小二表示,他不同意。", encoding="utf-8")
    build(folder / "article.txt", None, folder / "release")
    return folder / "release"


def test_the_release_holds_every_warning(warned):
    records = [json.loads(line) for line in (warned / "warnings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records == [
        {"code": "pronoun-without-antecedent", "file": "source/article.txt", "line": 1,
         "message": "pronoun '他' has no earlier speaker to refer to; statement dropped"},
        {"code": "name-never-introduced", "file": "source/article.txt", "line": 2,
         "message": "'王小二' was never introduced with a title; taken for a person's name"},
    ]
    manifest = json.loads((warned / "MANIFEST.json").read_text(encoding="utf-8"))
    assert "warnings.jsonl" in [f["path"] for f in manifest["files"]]
    assert validate_release(warned).valid


def test_the_generic_card_counts_warnings_by_code_and_names_the_file(warned):
    card = (warned / "README.md").read_text(encoding="utf-8")
    assert "The build gave 2 warning(s). `warnings.jsonl` lists each one" in card
    assert f"| `name-never-introduced` | 1 | {WARNING_CODES['name-never-introduced']} |" in card
    assert f"| `pronoun-without-antecedent` | 1 | {WARNING_CODES['pronoun-without-antecedent']} |" in card


def test_a_release_without_warnings_has_an_empty_list():
    assert (DATASET / "warnings.jsonl").read_bytes() == b""
    manifest = json.loads((DATASET / "MANIFEST.json").read_text(encoding="utf-8"))
    assert {"path": "warnings.jsonl", "bytes": 0,
            "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"} in manifest["files"]


def test_an_edited_warnings_file_does_not_validate(tmp_path, warned):
    import shutil
    copy = tmp_path / "release"
    shutil.copytree(warned, copy)
    (copy / "warnings.jsonl").write_text("", encoding="utf-8")      # hiding the warnings
    assert ("checksum-mismatch", None, None) in validate_release(copy).flat()


def test_the_command_prints_each_warning_with_file_line_and_code(tmp_path, capsys):
    source = tmp_path / "article.txt"
    source.write_text("他指出,價格還會上漲。", encoding="utf-8")
    assert main(["build", "--source", str(source), "--out", str(tmp_path / "release")]) == 0
    assert capsys.readouterr().err == (f"warning: {source}:1: pronoun '他' has no earlier speaker to refer to; "
                                       "statement dropped [pronoun-without-antecedent]\n")
