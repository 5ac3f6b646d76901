"""Spans over one line of text -> HTML elements nested the way HTML needs them.

Annotations overlap freely (a cue that is also an erratum, content holding an erratum, a span
that crosses another's end); HTML elements must nest. Each span becomes one element, or several
consecutive fragments where it crosses another span's boundary; every fragment carries the
span's whole [start, end) in the document, so a reader (or a test in a browser) can join the
fragments of one span and compare them with document.text[start:end].
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Span:
    start: int              # code-point offsets into the document (not the line)
    end: int
    tag: str                # the element: span, a, mark
    rank: int               # among spans with the same range, the lower rank is the outer element
    attrs: tuple = field(default=())    # (name, value) pairs, in the order they are written


def render_line(text: str, offset: int, spans: list[Span]) -> str:
    """`text` starts at document offset `offset`; spans outside it are dropped, spans reaching
    past either end are cut at it. Empty spans (a statement with no content) mark nothing."""
    local = [(max(s.start - offset, 0), min(s.end - offset, len(text)), s) for s in spans]
    local = [(a, b, s) for a, b, s in local if a < b]
    points = sorted({0, len(text)} | {a for a, _, _ in local} | {b for _, b, _ in local})
    ends = {id(s): b for _, b, s in local}
    out: list[str] = []
    stack: list[Span] = []
    opened: set[int] = set()
    for here, after in zip(points, points[1:] + [None]):
        reopen = _close_at(here, stack, ends, out)
        starting = [s for a, _, s in local if a == here]
        # longer spans outside shorter ones, so that most spans need no fragments
        for s in sorted(reopen + starting, key=lambda s: (-ends[id(s)], s.rank)):
            out.append(_open(s, continued=id(s) in opened))
            opened.add(id(s))
            stack.append(s)
        if after is not None:
            out.append(escape(text[here:after]))
    return "".join(out)


def _close_at(here: int, stack: list[Span], ends: dict, out: list[str]) -> list[Span]:
    """Close every span ending here; spans opened inside one of them are closed too and returned,
    to be opened again as a fragment."""
    first = next((i for i, s in enumerate(stack) if ends[id(s)] == here), None)
    if first is None:
        return []
    closing = stack[first:]
    del stack[first:]
    out.extend(f"</{s.tag}>" for s in reversed(closing))
    return [s for s in closing if ends[id(s)] != here]


def _open(span: Span, continued: bool) -> str:
    attrs = [(k, v) for k, v in span.attrs if not (continued and k == "id")]   # an id names the first fragment only
    attrs += [("data-start", span.start), ("data-end", span.end)] + ([("data-part", "continued")] if continued else [])
    return f"<{span.tag}" + "".join(f' {k}="{escape(str(v))}"' for k, v in attrs) + ">"
