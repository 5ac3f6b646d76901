"""corpus build against its floor, side by side in one run (ratios; never a timed test).

- floor: benchmarks/corpus_floor.py, the same rules and rows written with pyarrow, one file per
  table; corpus: `jd-wechat-commentary corpus build` including its validation. Both run as fresh
  processes on the same generated articles (tests/corpus_gen.py), so both pay their imports.
- ratio corpus/floor on --articles (target <= 1.5); 2 workers (2 tasks) against 1 (target <= 0.6);
- peak memory of a worker (ru_maxrss of the one process that runs the tasks, workers 1) at
  --small and --big articles (target: big <= 1.2 x small), the growth exponent of the time
  (slope of log time against log articles), articles per CPU-second, bytes on disk per article,
  and what 1,000,000 articles would take on N machines of this machine's cores.

    .venv/bin/python benchmarks/corpus_bench.py [--articles 2000] [--small 1000] [--big 10000] [--runs 1] [--json]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import corpus_gen  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}


def measure(command: list[str]) -> dict:
    """Wall seconds, CPU seconds and peak RSS (MB) of one process tree: os.wait4 gives the
    child's usage with its reaped children's; ru_maxrss is the largest single process's."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{command} failed:\n{err.decode(errors='replace')[-3000:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1)}


def best(command_for, runs: int) -> dict:
    """The fastest of `runs` (a shared machine only ever adds time); each run into a new folder."""
    return min((measure(command_for(k)) for k in range(runs)), key=lambda r: r["wall_s"])


def floor(articles: Path, work: Path, runs: int) -> dict:
    return best(lambda k: [str(BIN / "python"), str(ROOT / "benchmarks" / "corpus_floor.py"), str(articles), str(_fresh(work / f"floor-{k}"))], runs)


def corpus(articles: Path, work: Path, workers: int, runs: int, name: str) -> dict:
    def command(k):
        return [str(BIN / "jd-wechat-commentary"), "corpus", "build", str(articles), "--out", str(_fresh(work / f"{name}-{k}")),
                "--workers", str(workers), "--tasks", str(workers)]
    result = best(command, runs)
    result["bytes"] = sum(p.stat().st_size for p in (work / f"{name}-0").rglob("*") if p.is_file() and ".corpus" not in p.parts)
    return result


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def subset(source: Path, n: int, dest: Path) -> Path:
    dest.mkdir()
    for path in sorted(source.iterdir())[:n]:
        os.link(path, dest / path.name)
    return dest


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=2000)
    p.add_argument("--small", type=int, default=1000)
    p.add_argument("--big", type=int, default=10000)
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    try:
        results = run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2) if args.json else report(results))


def run(args, work: Path) -> dict:
    everything = corpus_gen.write_folder(max(args.articles, args.big), work / "all")
    mid, small, big = (subset(everything, n, work / f"a{n}") if n < max(args.articles, args.big) else everything
                       for n in (args.articles, args.small, args.big))
    r = {"articles": args.articles, "cores": os.cpu_count()}
    r["floor"] = floor(mid, work, args.runs)
    r["corpus_1"] = corpus(mid, work, 1, args.runs, "c1")
    r["corpus_2"] = corpus(mid, work, 2, args.runs, "c2")
    # corpus validate alone (all checks, as the build runs them), on the 1-worker release, 1 and 2 processes
    r["validate_1"] = best(lambda k: [str(BIN / "jd-wechat-commentary"), "corpus", "validate", str(work / "c1-0")], args.runs)
    r["validate_2"] = best(lambda k: [str(BIN / "jd-wechat-commentary"), "corpus", "validate", str(work / "c1-0"), "--workers", "2"], args.runs)
    r["small"] = {"articles": args.small, **corpus(small, work, 1, 1, "small")}
    r["big"] = {"articles": args.big, **corpus(big, work, 1, 1, "big")}
    r["ratio_corpus_to_floor"] = round(r["corpus_1"]["wall_s"] / r["floor"]["wall_s"], 2)
    r["ratio_2_workers_to_1"] = round(r["corpus_2"]["wall_s"] / r["corpus_1"]["wall_s"], 2)
    r["cpu_ratio_corpus_to_floor"] = round(r["corpus_1"]["cpu_s"] / r["floor"]["cpu_s"], 2)
    # what 2 workers would take on two idle cores: the CPU the tasks need, halved, plus what runs alone
    r["parallel_share"] = round(r["corpus_2"]["cpu_s"] / (2 * r["corpus_2"]["wall_s"]), 2)
    r["memory_big_to_small"] = round(r["big"]["peak_mb"] / r["small"]["peak_mb"], 2)
    r["growth_exponent"] = round(math.log(r["big"]["wall_s"] / r["small"]["wall_s"]) / math.log(args.big / args.small), 2)
    r["articles_per_cpu_s"] = round(args.big / r["big"]["cpu_s"], 1)
    r["bytes_per_article"] = round(r["big"]["bytes"] / args.big)
    cpu_per_article = r["big"]["cpu_s"] / args.big
    r["million_hours_per_machine"] = round(1_000_000 * cpu_per_article / r["cores"] / 3600, 2)
    return r


def report(r: dict) -> str:
    f, c1, c2 = r["floor"], r["corpus_1"], r["corpus_2"]
    return "\n".join([
        f"{r['articles']} articles: floor {f['wall_s']} s; corpus build + validate {c1['wall_s']} s (1 worker), {c2['wall_s']} s (2 workers)",
        f"ratio corpus / floor: {r['ratio_corpus_to_floor']} (target <= 1.5; CPU time {r['cpu_ratio_corpus_to_floor']}); "
        f"2 workers / 1: {r['ratio_2_workers_to_1']} (target <= 0.6; the 2 workers kept {r['parallel_share']} of two cores busy)",
        f"of which corpus validate alone takes {r['validate_1']['wall_s']} s (1 process), {r['validate_2']['wall_s']} s (2)",
        f"peak memory of the worker: {r['small']['peak_mb']} MB at {r['small']['articles']}, {r['big']['peak_mb']} MB at "
        f"{r['big']['articles']} articles: ratio {r['memory_big_to_small']} (target <= 1.2)",
        f"time {r['small']['wall_s']} s at {r['small']['articles']}, {r['big']['wall_s']} s at {r['big']['articles']}: growth exponent {r['growth_exponent']}",
        f"{r['articles_per_cpu_s']} articles per CPU-second; {r['bytes_per_article']} bytes per article on disk",
        f"1,000,000 articles: about {r['million_hours_per_machine']} h on one machine of {r['cores']} cores, "
        f"{r['million_hours_per_machine']} / N h on N such machines (CPU-bound, tasks independent)",
    ])


if __name__ == "__main__":
    main()
