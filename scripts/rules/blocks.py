"""Source lines -> typed blocks with offsets.

Every line becomes one block, so joining the block texts with "\\n" gives the source back.
A line is a heading, an image placeholder, a platform notice, blank, or else a paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .. import numerals


@dataclass
class Block:
    block_id: str
    position: int
    line: int
    block_type: str
    text: str
    char_start: int
    char_end: int
    section_index: int | None = None
    heading: dict | None = None      # label, num (as printed), title, title_start
    notice: dict | None = None       # language, platform, platform_start


def split_blocks(text: str) -> list[Block]:
    blocks, offset = [], 0
    for i, line in enumerate(text.split("\n")):
        block = Block(f"b{i + 1:03d}", i, i + 1, "paragraph", line, offset, offset + len(line))
        _classify(block)
        blocks.append(block)
        offset += len(line) + 1
    return blocks


def _classify(block: Block) -> None:
    stripped = block.text.strip()
    if not stripped:
        block.block_type = "blank"
    elif lexicon.IMAGE_LINE.match(stripped):
        block.block_type = "image"
    elif (notice := match_notice(block.text)) is not None:
        block.block_type, block.notice = "disclaimer", notice
    elif (heading := match_heading(block.text)) is not None:
        block.block_type, block.heading = "heading", heading


def match_notice(line: str) -> dict | None:
    for start, language, platform in lexicon.NOTICES:
        if start.match(line):
            return {"language": language, "platform": enclosed(line, *platform)}
    return None


def enclosed(line: str, lead: re.Pattern, stop: re.Pattern, tail: str) -> str | None:
    """What regex lead([^stop]+)(?=tail) would find, in time linear in the line: the first lead
    followed by one or more characters up to the first stop character, which begins tail.
    The first stop character after a position is searched once and reused for every lead
    before it, so the line is read once (a regex would read the rest of it again from every
    lead that is never closed)."""
    pos, end = 0, -1          # end: the first stop character at or after the current name's start
    while (found := lead.search(line, pos)) is not None:
        begin = found.end()
        if end < begin:
            after = stop.search(line, begin)
            if after is None:
                return None   # no stop character after this lead, so none after any later one
            end = after.start()
        if end > begin and line.startswith(tail, end):
            return line[begin:end]
        pos = found.start() + 1
    return None


def match_heading(line: str) -> dict | None:
    """A heading is short, carries a number label in a known form and is not a sentence."""
    if len(line) > lexicon.HEADING_MAX_CHARS or line.rstrip().endswith(("。", "！", "？")):
        return None
    for pattern in lexicon.HEADINGS:
        m = pattern.match(line)
        if m and numerals.to_int(m.group("num")) is not None:   # 十十、 is not a numbered heading
            return {"label": m.group("label"), "num": m.group("num"), "title": m.group("title") or None,
                    "title_start": m.start("title")}
    return None
