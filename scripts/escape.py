"""Text from inputs (file names, curated text, names printed in the article), made safe to write
into a line of a report or a Markdown card.

A file name with a newline must not forge a second report line, and a curated note with `|` or
`<script>` must not break the card's table or become HTML. Nothing here changes Chinese text,
letters, digits or ordinary punctuation.
"""
from __future__ import annotations

import unicodedata

# characters that do not show as themselves: controls, invisible format characters (zero-width,
# bidi controls, soft hyphen), line and paragraph separators, lone surrogates
HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}
NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
# Markdown's inline syntax (CommonMark backslash escapes) and the characters HTML gives a meaning to
MARKDOWN = {"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "|": "\\|", "~": "\\~",
            "&": "&amp;", "<": "&lt;", ">": "&gt;"}


def printable(text: str) -> str:
    """Every hidden character as a visible escape (\\n, \\x00, \\u200b); everything else as it is."""
    return "".join(_visible(ch) for ch in text)


def _visible(ch: str) -> str:
    if ch in NAMED:
        return NAMED[ch]
    if unicodedata.category(ch) not in HIDDEN_CATEGORIES:
        return ch
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def markdown(text: str) -> str:
    """Text for a Markdown line or table cell: Markdown and HTML specials escaped, hidden
    characters shown as escapes (their backslash is then literal text: `\\u` is no Markdown escape)."""
    return printable("".join(MARKDOWN.get(ch, ch) for ch in str(text)))
