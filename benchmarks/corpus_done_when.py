"""The issue's "done when", end to end on a generated corpus (default 10,000 articles):
build with the local executor, kill -9 in the middle, rerun the same command, validate, and
load every config with `datasets`, its rows equal to the manifest's count; no article lost
(documents + rejects == articles) and no key twice (validate).

    .venv/bin/python benchmarks/corpus_done_when.py [--articles 10000] [--workers 2] [--tasks 8]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import corpus_gen  # noqa: E402

EXE = Path(sys.executable).with_name("jd-wechat-commentary")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--tasks", type=int, default=8)
    args = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="corpus-done-"))
    try:
        run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path) -> None:
    articles = corpus_gen.write_folder(args.articles, work / "articles")
    out = work / "corpus"
    command = [str(EXE), "corpus", "build", str(articles), "--out", str(out), "--workers", str(args.workers), "--tasks", str(args.tasks)]
    completions = out / ".corpus" / "logs" / "completions"
    start = time.perf_counter()
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    while not (completions.is_dir() and len(list(completions.iterdir())) >= args.tasks // 2) and first.poll() is None:
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    done = len(list(completions.iterdir()))
    print(f"killed after {time.perf_counter() - start:.1f} s with {done} of {args.tasks} tasks complete")
    start = time.perf_counter()
    rerun = subprocess.run(command, capture_output=True, text=True)
    print(f"rerun: exit {rerun.returncode} after {time.perf_counter() - start:.1f} s: {rerun.stdout.strip()}")
    manifest = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    tables = manifest["tables"]
    print(f"documents {tables['document']['rows']} + rejects {tables['rejects']['rows']} = "
          f"{tables['document']['rows'] + tables['rejects']['rows']} of {args.articles} articles")
    check = subprocess.run([str(EXE), "validate", str(out)], capture_output=True, text=True)
    print(f"validate: exit {check.returncode}: {check.stdout.strip().splitlines()[-1]}")
    import yaml
    from datasets import load_dataset
    listed = [c["config_name"] for c in yaml.safe_load((out / "README.md").read_text(encoding="utf-8").split("---\n")[1])["configs"]]
    for config, entry in tables.items():
        if config not in listed:       # an empty table is not a config: datasets cannot load a split without rows
            print(f"datasets {config}: not a config of the card ({entry['rows']} rows){'' if entry['rows'] == 0 else '  MISSING'}")
            continue
        n = load_dataset(str(out), config, split="train", cache_dir=str(work / "hf-cache")).num_rows
        print(f"datasets {config}: {n} rows, manifest {entry['rows']} ({entry['shards']} shards){'' if n == entry['rows'] else '  MISMATCH'}")


if __name__ == "__main__":
    main()
