"""Input that is not what the builder is for: control characters and articles that are not
Chinese are refused with a BuildError (exit 1: a bad input file, not a bad argument) naming the
file, line and column, what was found and what was expected."""
from __future__ import annotations

import pytest

from jd_wechat_commentary.build import build
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.errors import BuildError, Warnings
from jd_wechat_commentary.build import build_tables

CONTROLS = "expected text without control characters (LF is the only one allowed, as the line end)"
NOTICE_EN = ("Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of "
             "NetEase Hao, which is a social media platform and only provides information storage services.")


def error_of(tmp_path, text: str) -> tuple[str, str]:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as exc:
        build_tables(path, None, Warnings())
    return str(path), str(exc.value)


@pytest.mark.parametrize("char, name", [("\x00", "NUL"), ("\t", "TAB"), ("\x1b", "ESCAPE"), ("\x7f", "DELETE"),
                                        ("\x85", "C1 control"), ("\x0c", "FORM FEED")])
def test_a_control_character_is_refused_at_its_line_and_column(tmp_path, char, name):
    path, message = error_of(tmp_path, f"第一行。\n第二行。\n曹磊表示{char}平臺會調整。")
    assert message == f"{path}:3:5: found the control character U+{ord(char):04X} ({name}); {CONTROLS}"


def test_a_nul_byte_fails_the_build_with_exit_1_and_writes_nothing(tmp_path, capsys):
    source = tmp_path / "article.txt"
    source.write_bytes("網經社主任曹磊表示,平臺".encode() + b"\x00" + "會調整。".encode())
    assert main(["build", "--source", str(source), "--out", str(tmp_path / "release")]) == 1
    assert capsys.readouterr().err == f"error: {source}:1:13: found the control character U+0000 (NUL); {CONTROLS}\n"
    assert not (tmp_path / "release").exists()


def test_an_english_article_is_refused(tmp_path):
    # "Tim Cook said prices would fall." / "Analysts agreed.": 3+4+4+6+5+4 + 8+6 = 40 letters, none Chinese
    path, message = error_of(tmp_path, "Tim Cook said prices would fall.\nAnalysts agreed.")
    assert message == (f"{path}: found an article that is not Chinese: 0 of 40 letters in its paragraphs and headings are "
                       "Chinese characters (0%); expected a Chinese news article (at least 25% of the letters Chinese "
                       "characters); the rules read Chinese reporting verbs, titles and names only")


def test_an_article_of_digits_and_punctuation_is_refused(tmp_path):
    _, message = error_of(tmp_path, "2024.\n(1) 35%")
    assert "found an article that is not Chinese: 0 of 0 letters in its paragraphs and headings are Chinese characters (no letters at all)" in message


def test_a_chinese_article_with_a_long_english_notice_builds(tmp_path):
    """The share is taken over paragraphs and headings: a platform notice in English does not count."""
    source = tmp_path / "article.txt"
    source.write_text(f"曹磊表示,平臺會調整。\n{NOTICE_EN}", encoding="utf-8")
    build(source, None, tmp_path / "release")
    assert (tmp_path / "release" / "MANIFEST.json").is_file()


def test_a_body_over_a_quarter_chinese_builds_and_under_is_refused(tmp_path):
    # 王明 (2 Chinese) + "okay" (4 Latin) = 2 of 6; 王明 (2) + "okay" + "fine" + "sure" (12) = 2 of 14
    _, tables = build_tables(_write(tmp_path, "王明okay。"), None, Warnings())
    assert tables["document"][0]["script"] in ("Hant", "Hans")
    with pytest.raises(BuildError, match=r"2 of 14 letters .* \(14%\)"):
        build_tables(_write(tmp_path, "王明okay fine sure。"), None, Warnings())


def _write(tmp_path, text: str):
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return path
