"""Sentences and quotations inside a paragraph.

A sentence ends at 。！？ outside quotation marks; a quotation (“…” 「…」 『…』 or ASCII "…")
is tracked with a stack so that a quote inside a quote closes in the right place.
"""
from __future__ import annotations

from . import lexicon


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans; a sentence end inside a quotation does not end the sentence."""
    spans, open_stack, s = [], [], start
    for i in range(start, end):
        ch = text[i]
        closed = track_quotes(ch, open_stack)
        at_end = not open_stack and (ch in lexicon.SENTENCE_END or (closed and text[i - 1] in lexicon.SENTENCE_END))
        if at_end and not (i + 1 < end and text[i + 1] in lexicon.CLOSE_QUOTES):
            spans.append((s, i + 1))
            s = i + 1
    if s < end and text[s:end].strip():
        spans.append((s, end))
    return spans


def is_quotation(text: str, s: int, e: int) -> bool:
    opens = text[s] in lexicon.OPEN_QUOTES or text[s] == lexicon.ASCII_QUOTE
    return opens and closing_quote(text, s, e) == e - 1


def track_quotes(ch: str, stack: list[str]) -> bool:
    if ch == lexicon.ASCII_QUOTE:
        if stack and stack[-1] == ch:
            stack.pop()
            return True
        stack.append(ch)
    elif ch in lexicon.OPEN_QUOTES:
        stack.append(lexicon.OPEN_QUOTES[ch])
    elif stack and ch == stack[-1]:
        stack.pop()
        return True
    return False


def closing_quote(text: str, q: int, e: int) -> int | None:
    stack = []
    for i in range(q, e):
        track_quotes(text[i], stack)
        if not stack:
            return i
    return None


def has_quoted_sentence(text: str, s: int, e: int) -> bool:
    """A quoted segment holding a sentence end (“這樣做不公平。”), not a scare-quoted term."""
    stack = []
    for i in range(s, e):
        was_open = bool(stack)
        track_quotes(text[i], stack)
        if was_open and stack and text[i] in lexicon.SENTENCE_END:
            return True
    return False


def ends_sentence(text: str, s: int, e: int) -> bool:
    """Nothing but sentence-final punctuation and spaces in text[s:e] (“……。”張三說。 ends after 說)."""
    return not text[s:e].strip("。.！!？? ")
