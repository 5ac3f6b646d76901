"""Load a hand-made fixture (article.txt + gold.yaml) and turn it into gold tables.

gold.yaml records spans as printed text plus the 1-based line they sit on, because
hand-counting code points is where gold files go wrong.  This module finds each span
in its line and converts it to absolute, half-open code-point offsets into the whole
article, the same coordinates the builder's tables use.

Search rule, per attribution:
  * source: the ``occurrence``-th (default 1st) occurrence of ``source`` in the line;
  * cue: the first occurrence of ``cue`` at or after the end of the source;
  * content: the first occurrence of ``content`` at or after the end of the cue; if
    there is none, the last occurrence that ends at or before the start of the
    source (a quotation printed before its attribution: “……。”張三說。).
A span that cannot be found raises GoldError naming the fixture, line and text.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml


class GoldError(ValueError):
    """A gold.yaml entry that does not match its article."""


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _find(fixture: str, lineno: int, line: str, what: str, needle: str, start: int = 0, nth: int = 1) -> int:
    """Index in `line` of the nth occurrence of `needle` at or after `start`."""
    pos = start - 1
    for _ in range(nth):
        pos = line.find(needle, pos + 1)
        if pos < 0:
            raise GoldError(f"{fixture}: line {lineno}: {what} {needle!r} (occurrence {nth}) not found in {line!r}")
    return pos


def _locate(fixture: str, row: dict, lines: list[str], starts: list[int]) -> dict:
    """Absolute offsets of one attribution's source, cue and content."""
    lineno = row["line"]
    if not 1 <= lineno <= len(lines):
        raise GoldError(f"{fixture}: line {lineno} is outside the article ({len(lines)} lines)")
    line, base = lines[lineno - 1], starts[lineno - 1]
    src = _find(fixture, lineno, line, "source", row["source"], nth=row.get("occurrence", 1))
    src_end = src + len(row["source"])
    cue = _find(fixture, lineno, line, "cue", row["cue"], start=src_end)
    cue_end = cue + len(row["cue"])
    out = {
        "source_start": base + src, "source_end": base + src_end,
        "cue_start": base + cue, "cue_end": base + cue_end,
        "content_start": None, "content_end": None,
    }
    content = row.get("content")
    if content is not None:
        pos = line.find(content, cue_end)
        if pos < 0:
            pos = line.rfind(content, 0, src)
        if pos < 0:
            raise GoldError(f"{fixture}: line {lineno}: content {content!r} not found in {line!r}")
        out["content_start"], out["content_end"] = base + pos, base + pos + len(content)
    return out


def load_gold(fixture_dir) -> dict:
    """Read one fixture and return its text, paragraphs, speakers and located attributions."""
    fixture_dir = Path(fixture_dir)
    name = fixture_dir.name
    text = (fixture_dir / "article.txt").read_text(encoding="utf-8")
    spec = yaml.safe_load((fixture_dir / "gold.yaml").read_text(encoding="utf-8"))
    lines, starts = text.split("\n"), _line_starts(text)
    paragraphs = []
    for i, lineno in enumerate(spec["paragraph_lines"], start=1):
        if not 1 <= lineno <= len(lines):
            raise GoldError(f"{name}: paragraph line {lineno} is outside the article")
        start = starts[lineno - 1]
        paragraphs.append({"paragraph_id": f"p{i:03d}", "line": lineno, "char_start": start,
                           "char_end": start + len(lines[lineno - 1]), "text": lines[lineno - 1]})
    para_of_line = {p["line"]: p["paragraph_id"] for p in paragraphs}
    speakers = [{"speaker_id": f"g{i}", "name": s["name"], "speaker_type": s["type"], "roles": s.get("roles", [])}
                for i, s in enumerate(spec["speakers"], start=1)]
    speaker_ids = {s["name"]: s["speaker_id"] for s in speakers}
    attributions = []
    for i, row in enumerate(spec["attributions"], start=1):
        if row["speaker"] not in speaker_ids:
            raise GoldError(f"{name}: line {row['line']}: speaker {row['speaker']!r} is not in speakers")
        spans = _locate(name, row, lines, starts)
        attributions.append({
            "attribution_id": f"a{i:03d}", "line": row["line"],
            "paragraph_id": para_of_line.get(row["line"]), "speaker_id": speaker_ids[row["speaker"]],
            "speaker": row["speaker"], "source_text": row["source"], "mention_type": row["mention_type"],
            "cue_text": row["cue"], "content_text": row.get("content"), "quote_type": row["quote_type"], **spans,
        })
    return {"name": name, "text": text, "lines": lines, "description": spec["description"],
            "script": spec["script"], "expect": spec["expect"], "paragraph_lines": spec["paragraph_lines"],
            "paragraphs": paragraphs, "speakers": speakers, "attributions": attributions}


ATTRIBUTION_FIELDS = ("attribution_id", "paragraph_id", "speaker_id", "source_text", "source_start", "source_end",
                      "mention_type", "cue_text", "cue_start", "cue_end", "content_text", "content_start",
                      "content_end", "quote_type")


def _write_jsonl(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_gold_release(fixture_dir, out_dir) -> Path:
    """Write attributions/speakers/paragraphs.jsonl for one fixture, the scorer's gold side."""
    gold = load_gold(fixture_dir)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _write_jsonl(out / "attributions.jsonl", ({k: a[k] for k in ATTRIBUTION_FIELDS} for a in gold["attributions"]))
    _write_jsonl(out / "speakers.jsonl",
                 ({k: s[k] for k in ("speaker_id", "name", "speaker_type")} for s in gold["speakers"]))
    _write_jsonl(out / "paragraphs.jsonl",
                 ({k: p[k] for k in ("paragraph_id", "char_start", "char_end", "text")} for p in gold["paragraphs"]))
    return out


FIXTURE_ROOT = Path(__file__).resolve().parent / "fixtures"


def fixture_dirs() -> list[Path]:
    """Every fixture: articles/ (written alongside the rules), heldout/ and heldout2/ (each written
    by someone who had not read the rules, scored once before any rule was changed for them; the
    scores are in CHANGELOG.md)."""
    return sorted(p for sub in ("articles", "heldout", "heldout2") for p in (FIXTURE_ROOT / sub).iterdir() if (p / "gold.yaml").exists())
