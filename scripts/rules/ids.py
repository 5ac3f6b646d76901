"""Row ids that do not move: made from what a row is anchored to, never from its place in a list.

An attribution is anchored to its paragraph's text and its cue's offset in that paragraph, an
erratum to the curated context it was found by (or, found by rule, to its line's text) and its
offset there, a disclaimer to its line's text. So adding or removing one row, or a line
elsewhere, changes no other row's id; only editing the anchor text itself does. An id reads as
PREFIX-HASH[-OFFSET]: HASH is the first ANCHOR_HEX hex digits of the sha256 of the anchor's
UTF-8 text, OFFSET a code-point offset inside it (a-3f9c2e-17: the statement whose cue starts
at character 17 of the paragraph whose text hashes to 3f9c2e…). Identical anchors (two equal
lines) get -2, -3 … in reading order.

Blocks (b + line number) and paragraphs (p + number in reading order) keep their numbers: a
line is what a block is, and a paragraph's number is its place in the article, which an inserted
line genuinely changes; no other table's id contains them.
"""
from __future__ import annotations

import hashlib

ANCHOR_HEX = 6


def anchored_id(prefix: str, anchor: str, offset: int | None = None) -> str:
    digest = hashlib.sha256(anchor.encode("utf-8")).hexdigest()[:ANCHOR_HEX]
    return f"{prefix}-{digest}" if offset is None else f"{prefix}-{digest}-{offset}"


def number_repeats(ids: list[str]) -> list[str]:
    """The second and later rows with the same anchored id get -2, -3 … in the order given."""
    seen: dict[str, int] = {}
    out = []
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
        out.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    return out
