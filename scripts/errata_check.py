"""`errata-check [DIR]`: the errata of kind script_conversion against a reproducible reference.

The reference is OpenCC (lexicon.SCRIPT_REFERENCE): the document text converted to Simplified
and back to Traditional; a character the round trip changes is a Simplified form the
reference would not write. The round trip, not s2tw alone, because s2tw converts by phrase and
does not recognise a phrase whose other characters are already Traditional (關系 stays 關系).
Every place where the errata and the reference disagree is listed with its reason from the
lexicon, or as unexplained: the command exits 0 when every disagreement has a reason, 1 when one
has none, 2 when the folder is not a release.
"""
from __future__ import annotations

import difflib
import json
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from .rules import lexicon
from .rules.conversion import converter
from .rules.errata import REFERENCE, SCRIPT_KIND

EXAMPLE = "jd-wechat-commentary errata-check dataset\n  jd-wechat-commentary errata-check dataset --json"


@dataclass(frozen=True)
class Disagreement:
    case: str               # not-listed | not-flagged | other-reading
    char_start: int
    printed: str
    reference: str          # what the reference writes there (the printed text when it changes nothing)
    suggested: str | None   # what the errata suggest (None: not an erratum)
    erratum_id: str | None
    reason: str | None      # None: unexplained
    context: str = ""       # the printed text with up to two characters either side on its line


def opencc_version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("OpenCC")
    except PackageNotFoundError:
        return "unknown"


def round_trip(text: str) -> str:
    for config in lexicon.SCRIPT_REFERENCE:
        text = converter(config).convert(text)
    return text


def reference_flags(text: str) -> dict[int, tuple[str, str]]:
    """{offset: (printed, reference's form)} for every span the round trip changes, line by line
    (a conversion that changes a line's length is aligned with difflib)."""
    flags, offset = {}, 0
    for line in text.split("\n"):
        converted = round_trip(line)
        if len(converted) == len(line):
            pairs = [(i, i + 1, i, i + 1) for i in range(len(line)) if line[i] != converted[i]]
        else:
            ops = difflib.SequenceMatcher(None, line, converted, autojunk=False).get_opcodes()
            pairs = [(a, b, c, d) for tag, a, b, c, d in ops if tag != "equal"]
        for a, b, c, d in pairs:
            flags[offset + a] = (line[a:b], converted[c:d])
        offset += len(line) + 1
    return flags


def disagreements(text: str, errata: list[dict]) -> tuple[int, list[Disagreement]]:
    """(number of script_conversion errata the reference agrees with, every disagreement)."""
    flags = reference_flags(text)
    listed = {e["char_start"]: e for e in errata if e["kind"] == SCRIPT_KIND}
    out, agree = [], 0
    for start, (printed, ref) in sorted(flags.items()):
        e = listed.get(start)
        if e is None:
            out.append(Disagreement("not-listed", start, printed, ref, None, None,
                                    lexicon.SCRIPT_VARIANTS_ACCEPTED.get((printed, ref))))
        elif e["suggested"] == ref:
            agree += 1
        else:
            out.append(Disagreement("other-reading", start, printed, ref, e["suggested"], e["erratum_id"],
                                    lexicon.SCRIPT_REFERENCE_MISREADS.get((printed, ref, e["suggested"]))))
    for start, e in sorted(listed.items()):
        if start not in flags:
            out.append(Disagreement("not-flagged", start, e["printed"], e["printed"], e["suggested"], e["erratum_id"],
                                    lexicon.SCRIPT_REFERENCE_MISSES.get((e["printed"], e["suggested"]))))
    out = [replace(d, context=_context(text, d.char_start, len(d.printed))) for d in out]
    return agree, sorted(out, key=lambda d: d.char_start)


def _context(text: str, start: int, n: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    return text[max(line_start, start - 2):min(line_end, start + n + 2)]


CASES = {"not-listed": "the reference changes it; not an erratum",
         "not-flagged": "an erratum; the reference keeps it",
         "other-reading": "an erratum; the reference writes another character"}


def add_arguments(parser) -> None:
    from .layout import default_release
    parser.add_argument("path", nargs="?", type=Path, default=default_release(), help="release folder (default: dataset/)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args) -> int:
    from .layout import DATA_DIR, parquet_path, read_parquet
    root = args.path
    if root is None or not (Path(root) / DATA_DIR).is_dir():
        print(f"error: {root} is not a release folder (no {DATA_DIR}/ inside)", file=sys.stderr)
        return 2
    try:
        text = read_parquet(parquet_path(root, "document")).to_pylist()[0]["text"]
        errata = read_parquet(parquet_path(root, "errata")).to_pylist()
    except Exception as exc:    # pyarrow raises several types for a missing or damaged file
        print(f"error: {root}: cannot read the document or errata table ({exc}); validate the release first", file=sys.stderr)
        return 2
    agree, found = disagreements(text, errata)
    unexplained = [d for d in found if d.reason is None]
    if args.json:
        print(json.dumps({"reference": REFERENCE, "opencc": opencc_version(), "agree": agree,
                          "disagreements": [asdict(d) for d in found], "unexplained": len(unexplained)},
                         ensure_ascii=False, indent=2))
    else:
        print(render(agree, found))
    return 1 if unexplained else 0


def render(agree: int, found: list[Disagreement]) -> str:
    lines = [f"reference: {REFERENCE} (OpenCC {opencc_version()})",
             f"{agree} script_conversion errata agree with the reference; {len(found)} disagreement(s)"]
    for d in found:
        where = d.erratum_id or f"offset {d.char_start}"
        suggested = f", errata suggest {d.suggested}" if d.suggested else ""
        lines.append(f"  {where} ({d.context}): {d.printed} -> reference {d.reference}{suggested} ({CASES[d.case]}): "
                     f"{d.reason or 'UNEXPLAINED: no reason in the lexicon'}")
    return "\n".join(lines)
