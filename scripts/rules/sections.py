"""Blocks -> sections.

Section 0 is the untitled opening; each heading opens the next section, whatever number it
prints. A printed number that disagrees with the position is kept as printed, noted on the
section and recorded as a numbering erratum.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import numerals
from .blocks import Block


@dataclass
class Section:
    section_index: int
    label: str | None = None
    number: int | None = None
    title: str | None = None
    heading: Block | None = None
    paragraph_blocks: list[Block] = field(default_factory=list)
    note: str | None = None
    erratum: dict | None = None   # char_start, char_end, printed, suggested, note


def build_sections(blocks: list[Block]) -> list[Section]:
    sections = [Section(0)]
    for block in blocks:
        if block.block_type == "heading":
            sections.append(_open_section(len(sections), block))
        if block.block_type in ("paragraph", "heading", "image"):
            block.section_index = sections[-1].section_index
        if block.block_type == "paragraph":
            sections[-1].paragraph_blocks.append(block)
    _check_numbering(sections[1:])
    return sections


def _open_section(index: int, block: Block) -> Section:
    h = block.heading
    return Section(index, h["label"], numerals.to_int(h["num"]), h["title"], block)


def _check_numbering(headed: list[Section]) -> None:
    """Expected numbers run on from the first heading's number (usually 1)."""
    if not headed:
        return
    first = headed[0].number
    first_with: dict[int, Section] = {}     # number -> the first heading that printed it
    for k, section in enumerate(headed):
        expected = first + k
        if section.number != expected:
            section.note = _numbering_note(section, expected, first_with.get(section.number))
            section.erratum = _numbering_erratum(section, expected)
        first_with.setdefault(section.number, section)


def _numbering_note(section: Section, expected: int, twin: Section | None) -> str:
    """`twin`: the first earlier heading that printed the same number, if any."""
    repeat = f"; it repeats the number of section {twin.section_index}" if twin else ""
    return (f"The heading prints {section.number} ({section.label}) but is heading {section.section_index} "
            f"in reading order, so {expected} was expected{repeat}.")


def _numbering_erratum(section: Section, expected: int) -> dict:
    num = section.heading.heading["num"]
    start = section.heading.char_start + section.heading.text.index(num)
    return {"block": section.heading, "char_start": start, "char_end": start + len(num), "printed": num,
            "suggested": numerals.like(num, expected), "kind": "numbering", "note": section.note,
            "detected_by": "rule"}
