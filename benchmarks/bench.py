"""Time `build` and `validate` against their floors: alternating runs, medians, ratios.

Floors are bare Python processes doing the unavoidable work:
- validate floor: import pyarrow.parquet and jsonschema, read every table, check every row
  against its JSON Schema;
- build floor: import pyarrow.parquet, jsonschema and datasets (build uses it for the
  feature metadata), write every table to Parquet, check every row against its schema.
Each measurement is a whole process, as a user runs it. Usage:

    .venv/bin/python benchmarks/bench.py [--runs 7] [--json]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLI = [PY, "-m", "jd_wechat_commentary.cli"]

VALIDATE_FLOOR = """
import json, sys, pyarrow.parquet as pq, jsonschema
root, schema_dir = sys.argv[1], sys.argv[2]
for t in ("document", "blocks", "paragraphs", "sections", "speakers", "attributions", "disclaimers", "errata"):
    rows = pq.ParquetFile(f"{root}/data/{t}/train-00000-of-00001.parquet").read().to_pylist()
    v = jsonschema.Draft202012Validator(json.load(open(f"{schema_dir}/{t}.schema.json")))
    for row in rows:
        for err in v.iter_errors(row):
            raise SystemExit(err.message)
"""

BUILD_FLOOR = """
import json, sys, pyarrow as pa, pyarrow.parquet as pq, jsonschema, datasets
rows_file, schema_dir, out = sys.argv[1], sys.argv[2], sys.argv[3]
tables = json.load(open(rows_file))
for t, (rows, schema_bytes) in tables.items():
    v = jsonschema.Draft202012Validator(json.load(open(f"{schema_dir}/{t}.schema.json")))
    for row in rows:
        for err in v.iter_errors(row):
            raise SystemExit(err.message)
    schema = pa.ipc.read_schema(pa.py_buffer(bytes.fromhex(schema_bytes)))
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), f"{out}/{t}.parquet", compression="zstd")
"""


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def floor_inputs(work: Path) -> Path:
    """The release's rows and Arrow schemas, so the build floor starts from the same records."""
    import pyarrow.parquet as pq
    sys.path.insert(0, str(ROOT))
    tables = {}
    for path in sorted((ROOT / "dataset" / "data").glob("*/train-00000-of-00001.parquet")):
        t = pq.ParquetFile(path).read()
        tables[path.parent.name] = (t.to_pylist(), t.schema.serialize().to_pybytes().hex())
    rows = work / "rows.json"
    rows.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    return rows


def compare(ours: list[str], floor: list[str], runs: int) -> dict:
    a, b = [], []
    timed(ours), timed(floor)  # warm the file cache once
    for _ in range(runs):
        a.append(timed(ours))
        b.append(timed(floor))
    return {"ours_median_s": round(statistics.median(a), 3), "floor_median_s": round(statistics.median(b), 3),
            "ratio": round(statistics.median(a) / statistics.median(b), 2)}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "floor").mkdir()
        rows = floor_inputs(work)
        schema_dir = str(ROOT / "schema")
        results = {
            "validate": compare(CLI + ["validate", "dataset"], [PY, "-c", VALIDATE_FLOOR, "dataset", schema_dir], args.runs),
            "build": compare(CLI + ["build", "--out", str(work / "release")],
                             [PY, "-c", BUILD_FLOOR, str(rows), schema_dir, str(work / "floor")], args.runs),
        }
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, r in results.items():
            print(f"{name:9s} ours {r['ours_median_s']:.3f}s  floor {r['floor_median_s']:.3f}s  ratio {r['ratio']:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
