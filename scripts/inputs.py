"""What the builder is for: Chinese news text. Rules on the characters of the source that the
line-end and encoding rules of source.py do not cover.

- Control characters (C0 except LF, DEL, C1) are refused: OpenCC stops at NUL and would cut the
  converted text short, and none of them belongs in an article.
- An article whose body is not mostly Chinese is refused: the rules read Chinese reporting
  verbs, titles and names, and would call an English text Traditional Chinese with no speaker.
- Invisible characters (zero-width space/joiner/non-joiner, word joiner, soft hyphen, a
  byte-order mark inside the text, bidi controls) are kept, since offsets index the exact text,
  but each line holding one gets a warning: such a character inside a name or a reporting verb
  hides it from the rules, and the statement would otherwise vanish without a word.
"""
from __future__ import annotations

import re
import unicodedata

from .errors import BuildError, Warnings

# The body must be at least this share of CJK ideographs among its letters (str.isalpha). The
# project's article is 0.94 with its English platform notice, the fixtures 0.70-1.00 with theirs,
# and their bodies (notices left out) higher still; English, Korean and other alphabets are near 0.
# It is a guard against the wrong kind of file, not a language identifier: Japanese with many
# kanji can pass it. Real pages carry English navigation: a Taiwanese government press release
# of the development set is 0.38, so the floor is well below that.
MIN_CJK_SHARE = 0.25
BODY_TYPES = ("paragraph", "heading")     # the article's own words: not notices, image lines or blanks

INVISIBLE = {
    "\u00ad": "SOFT HYPHEN", "\u061c": "ARABIC LETTER MARK", "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u200b": "ZERO WIDTH SPACE", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK", "\u2060": "WORD JOINER", "\ufeff": "BYTE ORDER MARK",
    **{chr(c): unicodedata.name(chr(c)) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]},   # bidi embeddings and isolates
}
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")     # Unicode category Cc, less LF
NOT_CJK = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")   # all but CJK ideographs
INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "]")


def check_controls(path, text: str) -> None:
    """Refuse the first control character other than LF, naming its line and column (in code points)."""
    found = CONTROL.search(text)
    if found:
        i, ch = found.start(), found.group()
        line, column = _line_column(text, i)
        raise BuildError("control-character", f"{path}:{line}:{column}", f"the control character U+{ord(ch):04X} ({_name(ch)})",
                         "text without control characters (LF is the only one allowed, as the line end)")


def _line_column(text: str, i: int) -> tuple[int, int]:
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def _name(ch: str) -> str:
    names = {0: "NUL", 9: "TAB", 0x0B: "VERTICAL TAB", 0x0C: "FORM FEED", 0x1B: "ESCAPE", 0x7F: "DELETE"}
    return names.get(ord(ch), "C0 control" if ord(ch) < 0x20 else "C1 control")


def check_chinese(path, blocks: list) -> None:
    """Refuse an article whose body is not mostly Chinese, with the share that was measured."""
    body = "\n".join(b.text for b in blocks if b.block_type in BODY_TYPES)
    # counted in C (map, one substitution), without a list of every character: linear, small memory
    letters, cjk = sum(map(str.isalpha, body)), len(NOT_CJK.sub("", body))
    if not letters or cjk / letters < MIN_CJK_SHARE:
        share = f"{cjk / letters:.0%}" if letters else "no letters at all"
        raise BuildError("not-chinese", str(path), f"an article that is not Chinese: {cjk} of {letters} letters in its paragraphs and "
                         f"headings are Chinese characters ({share})",
                         f"a Chinese news article (at least {MIN_CJK_SHARE:.0%} of the letters Chinese characters); "
                         "the rules read Chinese reporting verbs, titles and names only")


def warn_invisible(text: str, warnings: Warnings) -> None:
    """One warning per line that holds invisible characters, naming each with its column."""
    by_line: dict[int, list[tuple[int, str]]] = {}
    line, line_start, pos = 1, 0, 0
    for m in INVISIBLE_RE.finditer(text):
        newlines = text.count("\n", pos, m.start())     # searched from the previous match only: linear
        if newlines:
            line, line_start = line + newlines, text.rfind("\n", pos, m.start()) + 1
        pos = m.start()
        by_line.setdefault(line, []).append((m.start() - line_start + 1, m.group()))
    for number, found in by_line.items():
        what = ", ".join(f"U+{ord(ch):04X} {INVISIBLE[ch]} at column {col}" for col, ch in found)
        warnings.add("invisible-character", number,
                     f"found {what}; a name or reporting verb it sits in is not recognised, so a statement may be "
                     "missing; expected visible text only (remove the character unless it is meant)")
