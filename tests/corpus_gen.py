"""A generator of test corpora from the project's own articles: the fixtures (tests/fixtures) and
the seed article (dataset/source/article.txt), each copy varied so that no two are alike:

- names: every person's given name replaced by a numbered one (the surname kept, so that a
  later 李所長 still finds 李X);
- numbers: the digits of the body paragraphs shifted (2024 -> 3135), lengths kept;
- cue verbs: 表示 / 指出 / 認為 (认为) rotated where they open reported speech (before ， , ： :);
- section order: the sections after the first heading rotated (their headings go with them);
- script: every third copy converted to the other script with OpenCC.
No third-party text: everything is made from the project's own files. Deterministic: the same
index gives the same article. Used by tests/test_corpus*.py and benchmarks/corpus_bench.py.

    python tests/corpus_gen.py 1000 OUT_FOLDER [--jsonl]
"""
from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Given-name characters written alike in both scripts, none of them part of a cue, a title or a numeral (as benchmarks/scale.py).
GIVEN = "安平明文志成春秋冬山川林海雨雪月星光宇辰嘉佳思永子可天心若如琪玉希晨晴朗亦舟岩松竹梅和清逸凡立新益恒昊昕晗欣怡朝夕茂石泉"
CUES = {"Hant": ("表示", "指出", "認為"), "Hans": ("表示", "指出", "认为")}


def numbered_given(k: int) -> str:
    n = len(GIVEN)
    return GIVEN[(k // n) % n] + GIVEN[k % n]


@lru_cache(maxsize=None)
def bases() -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, text, person names longest first) of every article the generator varies."""
    out = []
    for path in sorted((ROOT / "tests" / "fixtures").glob("*/*/article.txt")):
        gold = yaml.safe_load((path.parent / "gold.yaml").read_text(encoding="utf-8"))
        persons = [s["name"] for s in gold["speakers"] if s["type"] == "person"]
        out.append((path.parent.name, path.read_text(encoding="utf-8"), _longest_first(persons)))
    seed = ROOT / "dataset" / "source"
    curated = yaml.safe_load((seed / "curation.yaml").read_text(encoding="utf-8"))
    persons = [s["name"] for s in curated["speakers"] if s.get("speaker_type", "person") == "person"]
    out.append(("seed", (seed / "article.txt").read_text(encoding="utf-8"), _longest_first(persons)))
    return out


def _longest_first(names) -> tuple[str, ...]:
    return tuple(sorted(sorted(set(names)), key=len, reverse=True))   # sorted first: a set's order changes per process


def _surname(name: str) -> str:
    from jd_wechat_commentary.rules import lexicon
    return name[:2] if name[:2] in lexicon.COMPOUND_SURNAMES else name[:1]


def article(i: int) -> tuple[str, str]:
    """(id, text) of the i-th generated article."""
    name, text, persons = bases()[i % len(bases())]
    copy = i // len(bases())
    for j, person in enumerate(persons):
        text = text.replace(person, _surname(person) + numbered_given(copy * 16 + j))
    text = _vary_lines(text, copy)
    if copy % 3 == 2:
        text = _other_script(text)
    return f"gen-{i:06d}-{name}", text


def _vary_lines(text: str, copy: int) -> str:
    from jd_wechat_commentary.rules.blocks import split_blocks
    from jd_wechat_commentary.rules.conversion import detect_script

    cues = CUES[detect_script(text)]
    blocks = split_blocks(text)
    lines = []
    for b in blocks:
        line = b.text
        if b.block_type == "paragraph":
            line = re.sub(r"[0-9]", lambda m: str((int(m.group()) + copy) % 10), line)
            line = re.sub(f"({'|'.join(cues)})(?=[，,：:])", lambda m: cues[(cues.index(m.group(1)) + copy) % len(cues)], line)
        lines.append((b, line))
    return "\n".join(line for _, line in _rotate_sections(lines, copy))


def _rotate_sections(lines: list, copy: int) -> list:
    """The sections after the first heading, rotated by `copy`; the lines before the first heading
    and the platform notices at the end stay where they are."""
    tail_start = len(lines)
    while tail_start and lines[tail_start - 1][0].block_type in ("disclaimer", "blank", "image"):
        tail_start -= 1
    body, tail = lines[:tail_start], lines[tail_start:]
    first = next((k for k, (b, _) in enumerate(body) if b.block_type == "heading"), None)
    if first is None:
        return lines
    sections, current = [], []
    for item in body[first:]:
        if item[0].block_type == "heading" and current:
            sections.append(current)
            current = []
        current.append(item)
    sections.append(current)
    k = copy % len(sections)
    return body[:first] + [x for s in sections[k:] + sections[:k] for x in s] + tail


def _other_script(text: str) -> str:
    from jd_wechat_commentary.rules.conversion import detect_script, to_simplified, to_traditional
    return to_simplified(text) if detect_script(text) == "Hant" else to_traditional(text)


def write_folder(n: int, folder: Path, start: int = 0) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        name, text = article(i)
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def write_jsonl(n: int, path: Path, start: int = 0) -> Path:
    outlets = ("Example Daily", "Sample Weekly", None)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(start, start + n):
            name, text = article(i)
            record = {"id": name, "text": text, "url": f"https://example.org/{name}", "date": f"2026-{i % 12 + 1:02d}-01",
                      "outlet": outlets[i % 3]}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return Path(path)


if __name__ == "__main__":
    count, dest = int(sys.argv[1]), Path(sys.argv[2])
    if "--jsonl" in sys.argv:
        write_jsonl(count, dest)
    else:
        write_folder(count, dest)
