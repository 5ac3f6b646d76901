"""Hostile and broken input: the source edited, re-encoded or damaged, and curated-file errors.

Each case either builds with every curated fact still anchored correctly, or fails with one
BuildError naming the file, the line or record, what was found and what was expected. Line
numbers and record indexes below were read off dataset/source/article.txt and curation.yaml.
"""
from __future__ import annotations

import yaml
import pytest

from conftest import CURATION, SOURCE
from jd_wechat_commentary.build import build, build_tables
from jd_wechat_commentary.cli import main
from jd_wechat_commentary.errors import BuildError, Warnings

TEXT = SOURCE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")


def write_source(tmp_path, content) -> object:
    path = tmp_path / "article.txt"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def write_curation(tmp_path, edit=None, text: str | None = None):
    path = tmp_path / "curation.yaml"
    if text is None:
        data = yaml.safe_load(CURATION.read_text(encoding="utf-8"))
        edit(data)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def tables_of(source, curation=CURATION):
    warnings = Warnings()
    _, tables = build_tables(source, curation, warnings)
    return tables, list(warnings)


def error_of(source=SOURCE, curation=CURATION) -> str:
    with pytest.raises(BuildError) as exc:
        build_tables(source, curation, Warnings())
    return str(exc.value)


@pytest.fixture(scope="module")
def original():
    return tables_of(SOURCE)[0]


def curated_facts(tables, back=lambda offset: offset):
    """What the curated file decides, with offsets mapped back to the original text by `back`."""
    errata = [(e["printed"], e["suggested"], e["kind"], back(e["char_start"]), back(e["char_end"])) for e in tables["errata"]]
    speakers = [(s["speaker_id"], s["name"], s["roles"], s["n_attributions"]) for s in tables["speakers"]]
    said = [(a["speaker_id"], a["cue_text"], back(a["cue_start"])) for a in tables["attributions"]]
    return errata, speakers, said


def assert_anchored(tables):
    text = tables["document"][0]["text"]
    assert all(text[e["char_start"]:e["char_end"]] == e["printed"] for e in tables["errata"])


# ---------------------------------------------------------------- the source edited

def test_one_character_edited_outside_every_curated_fact(tmp_path, original):
    tables, warnings = tables_of(write_source(tmp_path, TEXT.replace("9月12日", "9月13日", 1)))
    assert warnings == [] and curated_facts(tables) == curated_facts(original)
    assert_anchored(tables)


def test_one_character_edited_inside_an_erratum_context(tmp_path):
    message = error_of(write_source(tmp_path, TEXT.replace("緩沖期", "緩衝期")))
    assert message.startswith(f"{CURATION}: found 1 curated entry that no longer matches the source")
    assert "errata[26] ('緩沖期'): found context '緩沖期' 0 times in the source; expected exactly once" in message


def test_one_character_edited_in_a_speaker_name_is_a_new_speaker_with_warnings(tmp_path, original):
    # line 8 曹磊指出 -> 曹雷指出: the statement must not stay with cao-lei, and the build says why
    tables, warnings = tables_of(write_source(tmp_path, TEXT.replace("曹磊指出", "曹雷指出")))
    assert any(w.startswith("line 8:") and "曹雷" in w for w in warnings)
    speakers = {s["name"]: s for s in tables["speakers"]}
    assert speakers["曹磊"]["n_attributions"] == 1 and speakers["曹雷"]["speaker_id"] == "cao-lei-2"
    assert_anchored(tables)


def test_one_line_inserted_moves_every_offset_with_it(tmp_path, original):
    inserted = "編者按:本文觀點僅代表作者本人。"
    tables, warnings = tables_of(write_source(tmp_path, inserted + "\n" + TEXT))
    assert warnings == [] and len(tables["blocks"]) == 31
    assert curated_facts(tables, lambda offset: offset - len(inserted) - 1) == curated_facts(original)
    assert_anchored(tables)


def test_one_line_inserted_that_repeats_an_erratum_context(tmp_path):
    lines = LINES[:12] + ["只剩三個月的緩沖期。"] + LINES[12:]
    message = error_of(write_source(tmp_path, "\n".join(lines)))
    assert "errata[26] ('緩沖期'): found context '緩沖期' 2 times in the source; expected exactly once" in message


def test_one_line_deleted_without_curated_facts(tmp_path, original):
    tables, warnings = tables_of(write_source(tmp_path, "\n".join(LINES[:1] + LINES[2:])))   # line 2, an image
    assert warnings == [] and len(tables["blocks"]) == 29
    cut = len(LINES[0]) + 1     # offsets after line 1 move back by the deleted "![]()\n"
    assert curated_facts(tables, lambda offset: offset + 6 if offset >= cut else offset) == curated_facts(original)
    assert_anchored(tables)


def test_one_line_deleted_names_every_curated_entry_it_broke(tmp_path):
    # line 22 holds 陳虎東's only statement and the errata 電商合作伙伴分發 and 簡單作流量分發
    message = error_of(write_source(tmp_path, "\n".join(LINES[:21] + LINES[22:])))
    assert "found 3 curated entries that no longer match the source" in message
    assert "errata[32] ('簡單作流量分發'): found context '簡單作流量分發' 0 times" in message
    assert "speakers[8] ('陳虎東'): found name '陳虎東' 0 times in the source" in message
    assert "errata[30] ('電商合作伙伴分發'): found context '電商合作伙伴分發' 0 times" in message


def test_line_with_a_role_deleted(tmp_path):
    message = error_of(write_source(tmp_path, "\n".join(LINES[:6] + LINES[7:])))          # line 7
    assert "speakers[1].affiliations[0] ('曹磊'): found role '網經社電子商務研究中心主任' 0 times in the source" in message


# ---------------------------------------------------------------- encodings and line ends

@pytest.mark.parametrize("content, where, found", [
    (b"\xef\xbb\xbf" + TEXT.encode(), ":1:", "a UTF-8 byte-order mark"),
    (TEXT.replace("\n", "\r\n").encode(), ":1:", "a carriage return (CRLF or CR line end)"),
    ("\n".join(LINES[:4]) + "\r\n" + "\n".join(LINES[4:]), ":4:", "a carriage return"),
    ("\n".join(LINES[:2]).encode() + b"\n\xff\xfe" + "\n".join(LINES[2:]).encode(), ":3:", "bytes that are not UTF-8 at byte"),
    (b"", ": found an empty file", "expected the article's text"),
    (b"\n \n\t", ": found only whitespace", "expected the article's text"),
], ids=["bom", "crlf", "one-cr-line-4", "invalid-utf8-line-3", "empty", "whitespace-only"])
def test_source_refused(tmp_path, content, where, found):
    path = write_source(tmp_path, content)
    message = error_of(path)
    assert message.startswith(str(path)) and where in message and found in message


def test_missing_source_file(tmp_path):
    assert "found a file that cannot be read (No such file or directory)" in error_of(tmp_path / "nope.txt")


def test_final_newline_is_accepted_as_a_last_blank_block(tmp_path):
    out = tmp_path / "dataset"
    build(write_source(tmp_path, TEXT + "\n"), CURATION, out)     # build() validates the release
    from jd_wechat_commentary.validate.run import validate_release
    from parquet_edit import read_rows
    blocks = read_rows(out, "blocks")
    assert len(blocks) == 31 and blocks[-1]["block_type"] == "blank" and blocks[-1]["text"] == ""
    assert len(read_rows(out, "paragraphs")) == 22 and validate_release(out).valid


# ---------------------------------------------------------------- the curated file

def test_invalid_yaml_names_the_line(tmp_path):
    text = CURATION.read_text(encoding="utf-8").replace("speaker_id: cao-lei", "speaker_id: [cao-lei")
    path = write_curation(tmp_path, text=text)
    message = error_of(curation=path)
    assert message.startswith(f"{path}:") and "invalid YAML" in message


def test_unknown_key(tmp_path):
    path = write_curation(tmp_path, lambda d: d["speakers"][1].update(gender="male"))
    assert error_of(curation=path) == f"{path}: speakers[1]: found unknown key(s) ['gender']; expected only " \
        "['affiliations', 'name', 'name_romanized', 'speaker_id', 'speaker_type']"


def test_unknown_top_level_key(tmp_path):
    path = write_curation(tmp_path, lambda d: d.update(sections=[]))
    assert "the file: found unknown key(s) ['sections']" in error_of(curation=path)


def test_duplicate_speaker_id(tmp_path):
    path = write_curation(tmp_path, lambda d: d["speakers"][2].update(speaker_id="cao-lei"))
    assert error_of(curation=path) == f"{path}: speakers[2]: found duplicate speaker_id 'cao-lei' (also speakers[1]); expected each speaker_id once"


def test_duplicate_key_in_one_mapping(tmp_path):
    text = CURATION.read_text(encoding="utf-8").replace("speaker_id: cao-lei\n", "speaker_id: cao-lei\n    speaker_id: cao-lei-2\n")
    path = write_curation(tmp_path, text=text)
    message = error_of(curation=path)
    line = text[: text.index("speaker_id: cao-lei-2")].count("\n") + 1
    assert message == f"{path}:{line}: found the key 'speaker_id' twice in one mapping; expected each key once"


def test_speaker_the_text_never_mentions(tmp_path):
    path = write_curation(tmp_path, lambda d: d["speakers"].append({"name": "王小明", "speaker_id": "wang-xiaoming"}))
    assert "speakers[10] ('王小明'): found name '王小明' 0 times in the source; expected at least once" in error_of(curation=path)


def test_speaker_mentioned_but_never_speaking(tmp_path):
    path = write_curation(tmp_path, lambda d: d["speakers"].append({"name": "騰訊", "speaker_id": "tencent", "speaker_type": "organization"}))
    assert "found curated speaker(s) ['騰訊'] that the text never attributes a statement to" in error_of(curation=path)


def test_erratum_printed_text_not_at_its_anchor(tmp_path):
    path = write_curation(tmp_path, lambda d: d["errata"][26].update(printed="衝"))
    assert "errata[26] ('緩沖期'): found printed text '衝' 0 times inside its context; expected exactly once" in error_of(curation=path)


def test_erratum_context_that_is_not_unique(tmp_path):
    path = write_curation(tmp_path, lambda d: d["errata"][26].update(context="沖"))
    assert "errata[26] ('沖'): found context '沖' 3 times in the source; expected exactly once" in error_of(curation=path)


@pytest.mark.parametrize("edit, found", [
    (lambda d: d["errata"][0].update(kind="spelling"), "errata[0]: found kind 'spelling'; expected one of"),
    (lambda d: d["errata"][0].update(printed=1), "errata[0].printed: found 1; expected a non-empty str"),
    (lambda d: d["errata"][0].pop("note"), "errata[0]: found missing key(s) ['note']"),
    (lambda d: d["speakers"][1].update(speaker_id="Cao Lei"), "speakers[1]: found speaker_id 'Cao Lei'"),
    (lambda d: d["speakers"][1]["affiliations"][0].update(title="研究員"), "speakers[1].affiliations[0]: found organization + title != role"),
    (lambda d: d.update(errata={"a": 1}), "the file.errata: found {'a': 1}; expected a non-empty list"),
    (lambda d: d["document"].update(repo_id="jd-wechat-commentary"),
     "document.repo_id: found 'jd-wechat-commentary'; expected the Hugging Face dataset repository as OWNER/NAME, or null"),
], ids=["kind", "type", "missing-key", "id-not-a-slug", "bad-split", "errata-not-a-list", "repo-id-without-owner"])
def test_curated_entry_refused(tmp_path, edit, found):
    path = write_curation(tmp_path, edit)
    message = error_of(curation=path)
    assert message.startswith(str(path)) and found in message


def test_curated_file_not_utf8_or_not_a_mapping(tmp_path):
    path = tmp_path / "curation.yaml"
    path.write_bytes(b"speakers:\n  - name: \xff\n")
    assert ":2: found bytes that are not UTF-8" in error_of(curation=path)
    path.write_text("- just a list\n", encoding="utf-8")
    assert "found a list at the top" in error_of(curation=path)


def test_cli_build_reports_the_error_and_exits_1(tmp_path, capsys):
    path = write_source(tmp_path, TEXT.replace("緩沖期", "緩衝期"))
    assert main(["build", "--source", str(path), "--curation", str(CURATION), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {CURATION}: found 1 curated entry") and "errata[26]" in err
    assert not (tmp_path / "out").exists()


def test_curated_roles_that_are_not_the_roles_the_text_prints(tmp_path):
    # 劉俊斌 is printed as 網經社電子商務研究中心特約研究員 only; 知名天使投資人 is printed too, but for 郭濤
    def give_another_role(data):
        entry = next(s for s in data["speakers"] if s["name"] == "劉俊斌")
        entry["affiliations"] = [{"role": "知名天使投資人", "organization": None, "title": "知名天使投資人"}]
    path = write_curation(tmp_path, give_another_role)
    with pytest.raises(BuildError) as exc:
        build_tables(SOURCE, path, Warnings())
    assert exc.value.code == "curated-roles-mismatch"
    assert "curated roles ['知名天使投資人'] while the text prints ['網經社電子商務研究中心特約研究員']" in str(exc.value)
