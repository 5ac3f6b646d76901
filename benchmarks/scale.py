"""How `build` time grows with the input: synthetic articles of growing size, timed in-process.

Every synthetic article is made from the project's own fixture articles (tests/fixtures/*/*/
article.txt), repeated one after another; in each copy every person's given name is replaced by
a numbered one (the surname kept, so 李所長-style continuations still resolve), so a large
article has many speakers. A second case is one article with many speakers, one statement
each, made from the fixtures' roles and statement contents.

For each size it times parsing (rules), table rows and writing the release (Parquet, card,
catalogs, manifest) into a temporary folder; the validation that `build` runs afterwards is
timed by the validate benchmark, not here. It prints seconds per size and the growth exponent:
the slope of log(time) against log(size), 1 for linear, 2 for quadratic. Usage:

    .venv/bin/python benchmarks/scale.py [--sizes 0.6,1.2,2.5,5,10,20] [--speakers 10000] [--runs 3] [--json]
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*/*/article.txt"))
# Given-name characters written alike in both scripts, none of them part of a cue, a title or a numeral.
GIVEN = "安平明文志成春秋冬山川林海雨雪月星光宇辰嘉佳思永子可天心若如琪玉希晨晴朗亦舟岩松竹梅和清逸凡立新益恒昊昕晗欣怡朝夕茂石泉"


def numbered_given(k: int) -> str:
    """Two characters that spell k (distinct for k < len(GIVEN) ** 2: enough for 20 MB)."""
    n = len(GIVEN)
    return GIVEN[(k // n) % n] + GIVEN[k % n]


def _fixture(path: Path) -> tuple[str, list[str]]:
    gold = yaml.safe_load((path.parent / "gold.yaml").read_text(encoding="utf-8"))
    persons = [s["name"] for s in gold["speakers"] if s["type"] == "person"]
    return path.read_text(encoding="utf-8"), sorted(persons, key=len, reverse=True)


def _surname(name: str) -> str:
    from jd_wechat_commentary.rules import lexicon
    return name[:2] if name[:2] in lexicon.COMPOUND_SURNAMES else name[:1]


def synthetic_article(size_bytes: int) -> str:
    """Fixture articles one after another, persons renamed per copy, until size_bytes (UTF-8)."""
    fixtures = [_fixture(p) for p in FIXTURES]
    parts, total, copy = [], 0, 0
    while total < size_bytes:
        text, persons = fixtures[copy % len(fixtures)]
        for j, name in enumerate(persons):
            text = text.replace(name, _surname(name) + numbered_given(copy // len(fixtures) * 8 + j))
        parts.append(text)
        total += len(text.encode("utf-8")) + 1
        copy += 1
    return "\n".join(parts)


def many_speakers_article(n: int) -> str:
    """n persons, one statement each: a fixture role, a numbered name, 表示, a fixture content."""
    roles, contents, surnames = [], [], []
    for path in FIXTURES:
        gold = yaml.safe_load((path.parent / "gold.yaml").read_text(encoding="utf-8"))
        for s in gold["speakers"]:
            if s["type"] == "person":
                roles += [r for r in s["roles"] if r]
                surnames.append(_surname(s["name"]))
        contents += [a["content"] for a in gold["attributions"] if a.get("content") and a["quote_type"] == "indirect"]
    surnames = sorted(set(surnames))
    lines = [f"{roles[k % len(roles)]}{surnames[k % len(surnames)]}{numbered_given(k // len(surnames))}表示，{contents[k % len(contents)]}"
             for k in range(n)]
    return "\n".join(lines)


def time_build(text: str, runs: int = 1) -> dict:
    """The fastest of `runs` builds (a shared machine only ever adds time)."""
    return min((_time_build_once(text) for _ in range(runs)), key=lambda r: r["total_s"])


def _time_build_once(text: str) -> dict:
    """Parse, make the tables and write the release of `text` into a temporary folder."""
    from jd_wechat_commentary.build import parse
    from jd_wechat_commentary.errors import Warnings
    from jd_wechat_commentary.release.write import write_release
    from jd_wechat_commentary.source import Curation, source_from_bytes
    from jd_wechat_commentary.release.rows import make_tables
    from jd_wechat_commentary.version import DATASET_VERSION

    work = Path(tempfile.mkdtemp(prefix="scale-"))
    try:
        t0 = time.perf_counter()
        doc = parse(source_from_bytes(work / "article.txt", text.encode("utf-8")), Curation(), Warnings())
        t1 = time.perf_counter()
        tables = make_tables(doc, DATASET_VERSION)
        t2 = time.perf_counter()
        write_release(work / "release", doc, tables, DATASET_VERSION)
        t3 = time.perf_counter()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"parse_s": round(t1 - t0, 3), "tables_s": round(t2 - t1, 3), "write_s": round(t3 - t2, 3),
            "total_s": round(t3 - t0, 3), "speakers": len(tables["speakers"]), "attributions": len(tables["attributions"])}


def exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(seconds) against log(size)."""
    if len(points) < 2:
        return None
    xs, ys = [math.log(s) for s, _ in points], [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return round(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs), 2)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="0.6,1.2,2.5,5,10,20", help="article sizes in MB (UTF-8), comma-separated")
    p.add_argument("--speakers", type=int, default=10000, help="persons in the many-speakers case (0: skip it)")
    p.add_argument("--runs", type=int, default=1, help="builds per size; the fastest counts")
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    sys.path.insert(0, str(ROOT))
    time_build(synthetic_article(20_000))     # warm up imports (pyarrow, datasets, opencc, pypinyin)
    results = {"sizes": []}
    for mb in (float(s) for s in args.sizes.split(",") if s):
        text = synthetic_article(int(mb * 1_000_000))
        r = {"mb": round(len(text.encode("utf-8")) / 1e6, 2), **time_build(text, args.runs)}
        results["sizes"].append(r)
        if not args.json:
            print(f"{r['mb']:6.2f} MB  {r['total_s']:8.2f} s  (rules {r['parse_s']:.2f}, rows {r['tables_s']:.2f}, "
                  f"write {r['write_s']:.2f})  {r['speakers']} speakers, {r['attributions']} attributions", flush=True)
    results["exponent"] = exponent([(r["mb"], r["total_s"]) for r in results["sizes"]])
    if args.speakers:
        text = many_speakers_article(args.speakers)
        results["many_speakers"] = {"persons": args.speakers, "mb": round(len(text.encode("utf-8")) / 1e6, 2),
                                    **time_build(text, args.runs)}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"growth exponent (slope of log time vs log size): {results['exponent']}")
    if args.speakers:
        r = results["many_speakers"]
        print(f"{r['persons']} persons ({r['mb']} MB): {r['total_s']:.2f} s (rules {r['parse_s']:.2f}, rows {r['tables_s']:.2f}, "
              f"write {r['write_s']:.2f}); {r['speakers']} speakers, {r['attributions']} attributions")


if __name__ == "__main__":
    main()
