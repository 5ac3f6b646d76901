"""Prepare one development-set text from a search excerpt and check it against its gold.

The recipe is devset/FORMAT.md: split the excerpt at newlines, strip white space (U+3000 and
NBSP included) from both ends of each line, drop empty lines, join with a newline.

    python benchmarks/prepare_text.py devset/gold/<doc_id>.json RAW_EXCERPT_FILE

writes devset/texts/<doc_id>.txt (beside the gold folder) when every hash matches, and
otherwise names the first line whose hash differs; exit 0 when it matches, 1 when not.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

SPACE = " \t\r\f\v\u3000\u00a0\ufeff"


def prepare(raw: str) -> str:
    lines = (line.strip(SPACE) for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def first_difference(gold: dict, text: str) -> str | None:
    lines = text.split("\n")
    if len(lines) != gold["n_lines"]:
        return f"{len(lines)} lines, gold has {gold['n_lines']}"
    for entry in gold["lines"]:
        if sha(lines[entry["line"] - 1]) != entry["sha256"]:
            return f"line {entry['line']} differs: {lines[entry['line'] - 1][:60]}"
    return None if sha(text) == gold["text_sha256"] else "an unlabelled line differs"


def main(argv: list[str]) -> int:
    gold_path, raw_path = Path(argv[0]), Path(argv[1])
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = prepare(raw_path.read_text(encoding="utf-8"))
    problem = first_difference(gold, text)
    if problem:
        print(f"{gold['doc_id']}: {problem}")
        return 1
    out = gold_path.parent.parent / "texts" / f"{gold['doc_id']}.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"{gold['doc_id']}: ok -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
