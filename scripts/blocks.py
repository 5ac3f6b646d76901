"""Source lines -> typed blocks with offsets.

Every line becomes one block, so joining the block texts with "\\n" gives the source back.
A line is a heading, an image placeholder, a platform notice, blank, or else a paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import lexicon, numerals


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
            found = platform.search(line)
            return {"language": language, "platform": found.group(1) if found else None}
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
