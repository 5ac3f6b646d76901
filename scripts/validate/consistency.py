"""Cross-table rules of validate beyond keys and spans: where a span may lie, what type of block a
row points at, the number a section label prints, whom a mention can name, and which converted
text column the document's script fills.

The rows reaching here passed their JSON Schemas, so every value has its declared type. A rule
skips a row whose reference does not resolve: unknown-block and the like already say so.
"""
from __future__ import annotations

import re

from .. import numerals
from .report import Report
from ..schemas import row_id

NUMERAL = re.compile(r"\d+|[零〇一二三四五六七八九十百]+")      # the digits of 01. or 三、 or （二） or 【觀點一】
# What a valid release may print, fixed here and not read from the rules' lexicon: whether a
# release is valid must not change when a cue verb or a form of address is added to the rules.
QUOTES = ("“", "「", "『", "‘", '"')            # the opening quotation marks of Chinese and ASCII text
PRONOUNS = ("他", "她")                            # the third-person pronouns a mention of type pronoun prints
# The forms of address a mention may print after a surname (李教授, 王局長). The rules' lexicon
# may know fewer, never more: tests/test_imports.py checks that every form the rules use is here.
ADDRESSES = ("先生", "女士", "小姐", "教授", "律師", "律师", "博士", "老師", "老师", "院長", "院长", "主任", "總", "总", "董",
             "經理", "经理", "研究員", "研究员", "會長", "会长", "所長", "所长", "部長", "部长", "局長", "局长", "司長", "司长",
             "署長", "署长", "處長", "处长", "主席", "議員", "议员", "總裁", "总裁", "董事長", "董事长", "市長", "市长",
             "委員", "委员", "大使", "官", "太", "姓", "發言人", "发言人", "院士",
             # titles printed after a name in formal copy (賴總統 for 賴清德總統)
             "副總統", "副总统", "總統", "总统", "主委", "縣長", "县长", "議長", "议长", "立委", "校長", "校长",
             "執行長", "执行长", "總理", "总理", "首相")
MIDDLE_DOTS = re.compile("[·•‧・]")                 # between the parts of a transliterated name (安娜·沃爾科娃)
BLOCK_TYPES = (("paragraphs", "block_id", "paragraph"), ("disclaimers", "block_id", "disclaimer"),
               ("sections", "heading_block_id", "heading"))


def check_consistency(tables: dict, report: Report) -> None:
    blocks = {b["block_id"]: b for b in tables.get("blocks", [])}
    if {"attributions", "paragraphs"} <= set(tables):
        _check_attribution_spans(tables["attributions"], tables["paragraphs"], report)
    if blocks:
        _check_block_types(tables, blocks, report)
        _check_inside_blocks(tables, blocks, report)
    for i, s in enumerate(tables.get("sections", [])):
        _check_section_number(s, i, report)
    if {"attributions", "speakers"} <= set(tables):
        _check_mentions(tables["attributions"], tables["speakers"], report)
    if "attributions" in tables:
        _check_agreements(tables["attributions"], report)
    if tables.get("document") and "paragraphs" in tables:
        _check_script(tables["document"][0]["script"], tables["paragraphs"], report)


def _check_attribution_spans(attributions: list[dict], paragraphs: list[dict], report: Report) -> None:
    """Inside the paragraph, in reading order: source, cue, content; or, for a quotation printed
    before its attribution (“……。”張三說。), content, source, cue."""
    spans = {p["paragraph_id"]: (p["char_start"], p["char_end"]) for p in paragraphs}
    for i, a in enumerate(attributions):
        paragraph = spans.get(a["paragraph_id"])
        if paragraph is None:
            continue
        parts = [("source", a["source_start"], a["source_end"]), ("cue", a["cue_start"], a["cue_end"])]
        if a["content_start"] is not None and a["content_end"] is not None:   # one null alone is an offset-mismatch
            content = ("content", a["content_start"], a["content_end"])
            quoted_first = content[2] <= a["source_start"] and (a["content_text"] or "").startswith(QUOTES)
            parts = [content] + parts if quoted_first else parts + [content]
        problem = _out_of_order(parts, a["paragraph_id"], paragraph)
        if problem:
            report.add("span-misplaced", "attributions", row_id("attributions", a, i), *problem)


def _out_of_order(parts: list[tuple[str, int, int]], paragraph_id: str, paragraph: tuple[int, int]) -> tuple[str, str] | None:
    """(field, message) for the first span that starts before the previous one ends (the
    paragraph's start counting as the first end), or that ends after the paragraph."""
    before, end = f"paragraph {paragraph_id} starts", paragraph[0]
    for name, start, stop in parts:
        if start < end:
            return f"{name}_start", (f"the {name} starts at {start}, before {before} at {end} (in a paragraph: source, cue, "
                                     "content, or a quotation printed first, then source and cue)")
        before, end = f"the {name} ends", max(start, stop)
    if end > paragraph[1]:
        return f"{parts[-1][0]}_end", f"the {parts[-1][0]} ends at {end}, after paragraph {paragraph_id} ends at {paragraph[1]}"
    return None


def _check_block_types(tables: dict, blocks: dict, report: Report) -> None:
    for table, fld, wanted in BLOCK_TYPES:
        for i, row in enumerate(tables.get(table, [])):
            block = blocks.get(row[fld])
            if block is not None and block["block_type"] != wanted:
                report.add("block-type-mismatch", table, row_id(table, row, i), fld,
                           f"block {row[fld]} is a {block['block_type']} block, not a {wanted}")


def _check_inside_blocks(tables: dict, blocks: dict, report: Report) -> None:
    """An erratum lies inside its block; a disclaimer is its whole block, as a paragraph is."""
    for i, e in enumerate(tables.get("errata", [])):
        b = blocks.get(e["block_id"])
        if b is not None and not b["char_start"] <= e["char_start"] <= e["char_end"] <= b["char_end"]:
            report.add("span-misplaced", "errata", row_id("errata", e, i), "char_start",
                       f"[{e['char_start']}, {e['char_end']}) is not inside block {b['block_id']} [{b['char_start']}, {b['char_end']})")
    for i, d in enumerate(tables.get("disclaimers", [])):
        b = blocks.get(d["block_id"])
        if b is not None and (d["char_start"], d["char_end"]) != (b["char_start"], b["char_end"]):
            report.add("derived-mismatch", "disclaimers", row_id("disclaimers", d, i), "block_id",
                       f"[{d['char_start']}, {d['char_end']}) is not the span of block {b['block_id']} [{b['char_start']}, {b['char_end']})")


def printed_number(label: str) -> int | None:
    """The number a section label prints: 01. -> 1, 三、 -> 3, （二） -> 2, 【觀點一】 -> 1."""
    digits = NUMERAL.search(label)
    return numerals.to_int(digits.group()) if digits else None


def _check_section_number(s: dict, i: int, report: Report) -> None:
    label, number = s["label"], s["number"]
    expected = None if label is None else printed_number(label)
    if (label is None) != (number is None) or number != expected:
        prints = "no label" if label is None else f"the label {label!r}, which prints {expected if expected is not None else 'no number'}"
        report.add("number-mismatch", "sections", row_id("sections", s, i), "number",
                   f"number is {'null' if number is None else number}, but the section has {prints}")


def _check_mentions(attributions: list[dict], speakers: list[dict], report: Report) -> None:
    by_id = {s["speaker_id"]: s for s in speakers}
    for i, a in enumerate(attributions):
        speaker = by_id.get(a["speaker_id"])
        problem = speaker and _mention_problem(a, speaker)
        if problem:
            report.add("speaker-mismatch", "attributions", row_id("attributions", a, i), *problem)


def _mention_problem(a: dict, speaker: dict) -> tuple[str, str] | None:
    kind, printed, name = a["mention_type"], a["source_text"], speaker["name"]
    wanted = {"organization": "organization", "unnamed": "unnamed"}.get(kind, "person")
    if speaker["speaker_type"] != wanted and not (wanted == "organization" and speaker["speaker_type"] == "media"):
        return "speaker_id", f"a mention of type {kind} names {_a(wanted)}, but {speaker['speaker_id']} is {_a(speaker['speaker_type'])}"
    if kind == "pronoun" and printed not in PRONOUNS:
        return "source_text", f"a pronoun mention prints {printed!r}, not one of {', '.join(PRONOUNS)}"
    if kind in ("name", "name_with_title") and name not in printed and not surname_and_address(printed, name) \
            and printed not in speaker["roles"] and not _foreign_tail_and_role(printed, name, speaker["roles"]):
        return ("source_text", f"{printed!r} prints neither the speaker's name {name!r}, nor its surname with a form of "
                "address, nor one of the speaker's roles")
    return None


def _check_agreements(attributions: list[dict], report: Report) -> None:
    """Only an agreement links to a statement, and to an earlier one by another speaker that is
    not itself an agreement (an unknown id is unknown-attribution)."""
    by_id = {a["attribution_id"]: a for a in attributions}
    for i, a in enumerate(attributions):
        target = by_id.get(a["agrees_with_attribution_id"])
        if a["agrees_with_attribution_id"] is not None and a["quote_type"] != "agreement":
            problem = f"a {a['quote_type']} statement links to {a['agrees_with_attribution_id']}; only an agreement does"
        elif target is not None and (target["source_start"] >= a["source_start"] or target["speaker_id"] == a["speaker_id"]
                                     or target["quote_type"] == "agreement"):
            problem = (f"links to {target['attribution_id']}, which is not an earlier statement by another speaker "
                       "(an agreement agrees with what someone else said before it)")
        else:
            continue
        report.add("agreement-mismatch", "attributions", row_id("attributions", a, i), "agrees_with_attribution_id", problem)


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def surname_and_address(printed: str, name: str) -> bool:
    """李所長 for 李慕華: the name's first character(s), alone or with a form of address; 沃爾科娃
    for 安娜·沃爾科娃: the last part of a transliterated name, the foreign surname."""
    parts = MIDDLE_DOTS.split(name)
    if len(parts) > 1 and printed.startswith(parts[-1]) and (printed[len(parts[-1]):] in ADDRESSES or printed == parts[-1]):
        return True
    return any(len(name) > n and printed[:n] == name[:n] and (printed[n:] in ADDRESSES or not printed[n:]) for n in (2, 1))


def _foreign_tail_and_role(printed: str, name: str, roles: list[str]) -> bool:
    """史密斯國務卿 for 約翰·史密斯: the foreign surname, then one of the speaker's roles."""
    tail = MIDDLE_DOTS.split(name)[-1]
    return tail != name and printed.startswith(tail) and printed[len(tail):] in roles


def _check_script(script: str, paragraphs: list[dict], report: Report) -> None:
    """Hant fills text_simplified and leaves text_traditional null; Hans the reverse."""
    filled, empty = ("text_simplified", "text_traditional") if script == "Hant" else ("text_traditional", "text_simplified")
    for i, p in enumerate(paragraphs):
        wrong = [f for f, ok in ((filled, p[filled] is not None), (empty, p[empty] is None)) if not ok]
        if wrong:
            state = ", ".join(f"{f} {'null' if p[f] is None else 'filled'}" for f in (filled, empty))
            report.add("script-mismatch", "paragraphs", row_id("paragraphs", p, i), wrong[0],
                       f"document.script is {script}: {filled} filled and {empty} null expected; the row has {state}")
