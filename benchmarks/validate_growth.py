"""How validate's time grows with the size of the tables: the growth exponent.

Synthetic articles of growing size (n statement lines by n/2 distinct speakers, a numbered
heading every 40 lines) are turned into tables by the build's rules in memory, then
`validate_tables` (every row and cross-table rule, no files) is timed on each: the median of
--runs runs of its CPU time (process time: on a shared machine, wall time measures the others).
The exponent is the least-squares slope of log(time) over log(rows): 1 is linear, 2 quadratic.
Run:

    .venv/bin/python benchmarks/validate_growth.py [--sizes 1000 2000 4000 8000 16000] [--runs 3] [--json]

The tables are built once per size (the build's own speed is bench.py's business).
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SURNAMES = "王李張劉陳楊黃趙吳周"
GIVEN = "明華強偉芳娜敏靜麗軍洋勇艷杰濤"


def name(i: int) -> str:
    """A distinct two- or three-character name for each i below 2,250."""
    return SURNAMES[i % 10] + GIVEN[(i // 10) % 15] + GIVEN[(i // 150) % 15]


def article(n: int) -> str:
    lines = ["市場觀察：電商入口的變化"]
    for i in range(n):
        if i % 40 == 0:
            lines.append(f"{i // 40 + 1:02d}. 第{i // 40 + 1}部分")
        lines.append(f"中國電子商務研究中心主任{name((i // 2) % 2250)}表示，平台之間的合作正在改變，第{i}項數據顯示增長放緩。")
    return "\n".join(lines) + "\n"


def tables_of(n: int) -> dict:
    from jd_wechat_commentary.build import build_tables
    from jd_wechat_commentary.errors import Warnings

    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "article.txt"
        path.write_text(article(n), encoding="utf-8")
        _, tables = build_tables(path, None, Warnings())
    return tables


def timed(tables: dict, runs: int) -> float:
    from jd_wechat_commentary.validate.run import validate_tables

    times = []
    for _ in range(runs):
        start = time.process_time()
        report = validate_tables(tables)
        times.append(time.process_time() - start)
        if not report.valid:
            raise SystemExit(f"the synthetic tables do not validate:\n{report.text()[:2000]}")
    return statistics.median(times)


def slope(xs: list[float], ys: list[float]) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = statistics.mean(lx), statistics.mean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000, 16000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    timed(tables_of(50), 1)     # imports and compiled validators, outside the measurements
    points = []
    for n in args.sizes:
        tables = tables_of(n)
        rows = sum(len(v) for v in tables.values())
        points.append({"lines": n, "rows": rows, "speakers": len(tables["speakers"]), "sections": len(tables["sections"]),
                       "seconds": timed(tables, args.runs)})
        if not args.json:
            p = points[-1]
            print(f"{p['lines']:>7} lines {p['rows']:>8} rows {p['speakers']:>6} speakers {p['sections']:>5} sections "
                  f"{p['seconds']:8.3f} s CPU {p['rows'] / p['seconds']:10.0f} rows/s", flush=True)
    exponent = slope([p["rows"] for p in points], [p["seconds"] for p in points])
    if args.json:
        print(json.dumps({"points": points, "growth_exponent": exponent}, indent=2))
    else:
        print(f"growth exponent (log time / log rows): {exponent:.2f}   (1 linear, 2 quadratic)")


if __name__ == "__main__":
    main()
