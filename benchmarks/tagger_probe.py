"""Would a word segmenter with a part-of-speech model find the speakers the rules miss?

Measures jieba (its dictionary and HMM model ship inside the package; nothing is downloaded)
on the development sets: for every gold named speaker whose name is printed in its line, is the
name one token tagged as a person (nr), organization (nt), place (ns) or other proper noun (nz)?
Traditional text is converted to Simplified with OpenCC first (jieba's dictionary is Simplified),
character for character, so the offsets hold. Not a dependency of the project:

    .venv/bin/pip install jieba && .venv/bin/python benchmarks/tagger_probe.py devset devset/heldout2 devset/dev3
"""
from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path

from score_devset import load_gold, read_text

PROPER = {"nr": "person", "nrt": "person", "nrfg": "person", "nt": "organization", "ns": "place", "nz": "proper"}


def tokens(line: str, convert) -> list[tuple[int, int, str]]:
    import jieba.posseg as pseg
    simple = convert(line)
    if len(simple) != len(line):
        simple = line
    out, i = [], 0
    for word, flag in pseg.cut(simple):
        out.append((i, i + len(word), flag))
        i += len(word)
    return out


def probe(folders: list[Path]) -> Counter:
    import jieba
    import opencc
    jieba.setLogLevel(logging.ERROR)
    convert = opencc.OpenCC("t2s").convert
    found = Counter()
    for folder in folders:
        for gold in load_gold(folder, "all"):
            text = read_text(folder, gold)      # the scorer's reader: None when not re-obtained
            if text is None:
                continue
            lines = text.split("\n")
            for entry in gold["lines"]:
                line = lines[entry["line"] - 1]
                spans = {(a, b): flag for a, b, flag in tokens(line, convert)}
                for sp in entry["speakers"]:
                    at = line.find(sp["name"])
                    if at < 0:
                        continue
                    flag = spans.get((at, at + len(sp["name"])))
                    found[(sp["kind"], PROPER.get(flag, "not one proper token") if flag else "not one token")] += 1
    return found


def main(argv: list[str]) -> int:
    found = probe([Path(a) for a in argv])
    for kind in ("person", "foreign", "organization"):
        total = sum(n for (k, _), n in found.items() if k == kind)
        parts = ", ".join(f"{tag} {n}" for (k, tag), n in sorted(found.items()) if k == kind)
        print(f"{kind:13s} {total:4d} printed names: {parts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
