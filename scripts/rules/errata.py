"""The errata step: anchor every curated fact in the text once, and gather the errors of the
source (the ones the rules found, such as a section number out of order, and the curated ones).

A curated fact is anchored by its context, never by a line number, so an inserted or deleted
line elsewhere does not move it. All failures are named in one error: one edit of the source
shows everything it broke at once.
"""
from __future__ import annotations

from bisect import bisect_right

from ..errors import BuildError
from . import lexicon

SCRIPT_KIND = "script_conversion"
REFERENCE = "OpenCC " + " then ".join(lexicon.SCRIPT_REFERENCE)   # what a script_conversion erratum is checked against


def check_anchors(text: str, cur) -> list[tuple[int, int]]:
    """Every curated fact must still match the text: each speaker's name and printed roles occur,
    each erratum anchors. Returns each erratum's span, in the curated file's order."""
    failures = []
    for i, sp in enumerate(cur.speakers):
        printed = [(f"speakers[{i}]", "name", sp["name"])]
        printed += [(f"speakers[{i}].affiliations[{j}]", "role", a["role"]) for j, a in enumerate(sp.get("affiliations") or [])]
        failures += [f"{where} ({sp['name']!r}): found {what} {value!r} 0 times in the source; expected at least once"
                     for where, what, value in printed if value not in text]
    spans = []
    for i, entry in enumerate(cur.errata):
        try:
            spans.append(anchor(text, entry["context"], entry["printed"], f"errata[{i}] ({entry['context']!r})"))
        except BuildError as exc:
            failures.append(str(exc))
    if failures:
        n = len(failures)
        raise BuildError("curation-out-of-date", str(cur.path), f"{n} curated {'entry that no longer matches' if n == 1 else 'entries that no longer match'} the source",
                         "each curated entry to match the source text; these do not:\n  " + "\n  ".join(failures))
    return spans


def anchor(text: str, context: str, printed: str, where: str) -> tuple[int, int]:
    """Locate `printed` inside the one place where `context` occurs."""
    hits = _find_all(text, context)
    if len(hits) != 1:
        raise BuildError("context-not-unique", where, f"context {context!r} {len(hits)} times in the source", "exactly once")
    if "\n" in printed:
        raise BuildError("erratum-across-lines", where, f"printed text {printed!r} across a line end", "an erratum within one line (one block)")
    inner = _find_all(context, printed)
    if len(inner) != 1:
        raise BuildError("printed-not-unique", where, f"printed text {printed!r} {len(inner)} times inside its context", "exactly once")
    start = hits[0] + inner[0]
    return start, start + len(printed)


def _find_all(haystack: str, needle: str) -> list[int]:
    out, i = [], haystack.find(needle)
    while needle and i >= 0:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out


def find_errata(sections: list, blocks: list, curated: list[dict], spans: list[tuple[int, int]]) -> list[dict]:
    """The rule-found errata of the sections and the curated ones at their anchored spans, in text order."""
    starts = [b.char_start for b in blocks]
    found = [s.erratum for s in sections if s.erratum]
    found += [{**entry, "block": block_at(blocks, starts, start, end), "char_start": start, "char_end": end,
               "detected_by": "curated"} for entry, (start, end) in zip(curated, spans)]
    return sorted(found, key=lambda e: (e["char_start"], e["char_end"]))


def block_at(blocks: list, starts: list[int], start: int, end: int):
    """The block holding [start, end): blocks are consecutive lines, so a binary search on their
    starts finds it (an erratum never crosses a line end, see anchor)."""
    b = blocks[bisect_right(starts, start) - 1]
    if not (b.char_start <= start and end <= b.char_end):
        raise ValueError(f"no block holds the span [{start}, {end})")
    return b
