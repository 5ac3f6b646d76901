"""corpus build survives kill -9: a rerun of the same command finishes the work without a
duplicate or a gap (datatrove's completion markers; a task's partial files are removed)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

from jd_wechat_commentary.corpus import schema as corpus_schema
from jd_wechat_commentary.corpus import build_corpus

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_gen  # noqa: E402

EXE = Path(sys.executable).with_name("jd-wechat-commentary")
TASKS = 8


def rows(out: Path, config: str) -> list[dict]:
    return [r for p in sorted((out / "data" / config).glob("train-*.parquet")) for r in pq.read_table(p).to_pylist()]


def test_a_run_killed_in_the_middle_is_finished_by_the_same_command(tmp_path):
    articles = corpus_gen.write_folder(240, tmp_path / "articles")
    out = tmp_path / "corpus"
    command = [str(EXE), "corpus", "build", str(articles), "--out", str(out), "--workers", "1", "--tasks", str(TASKS),
               "--max-rows", "500"]
    completions = out / ".corpus" / "logs" / "completions"
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not (completions.is_dir() and len(list(completions.iterdir())) >= 2) and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        os.killpg(run.pid, signal.SIGKILL)
    finally:
        run.wait()
    done = len(list(completions.iterdir()))
    assert 2 <= done < TASKS and not (out / "MANIFEST.json").exists()     # killed in the middle, not after the end

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"Skipping {done} already completed tasks" in rerun.stderr
    whole = tmp_path / "uninterrupted"
    _, report = build_corpus(articles, whole, tasks=TASKS, max_rows=500)
    assert report.valid
    for config in corpus_schema.CONFIGS:
        assert rows(out, config) == rows(whole, config), config
    documents = rows(out, "document")
    assert len(documents) == 240 and len({d["document_id"] for d in documents}) == 240
    assert not list((out / ".corpus" / "staging").rglob("*.parquet*"))


def parquet_files(folder: Path) -> set[tuple[int, int]]:
    """Each Parquet file below `folder` as (inode, mtime): a rename keeps both, a rewrite does not."""
    return {(p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*.parquet")}


def test_a_pipeline_run_by_another_executor_is_finished_by_corpus_build(tmp_path):
    """The Slurm route of the README: prepare_pipeline for SlurmPipelineExecutor (here built with
    the README's options, then run by the local executor instead of sbatch), then `corpus build`
    with the same settings finds every task done and finishes the release."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.executor.slurm import SlurmPipelineExecutor

    from jd_wechat_commentary.cli import main
    from jd_wechat_commentary.corpus import prepare_pipeline

    articles = corpus_gen.write_folder(6, tmp_path / "articles")
    out = tmp_path / "corpus"
    pipeline, logs = prepare_pipeline(articles, out, tasks=3)
    slurm = SlurmPipelineExecutor(pipeline, tasks=3, time="01:00:00", partition="cpu", cpus_per_task=1, mem_per_cpu_gb=2,
                                  logging_dir=str(logs), job_name="corpus")
    assert (slurm.tasks, slurm.logging_dir.path) == (3, str(logs))
    LocalPipelineExecutor(pipeline, tasks=3, logging_dir=str(logs)).run()
    assert not (out / "MANIFEST.json").exists()
    staged = parquet_files(out / ".corpus" / "staging")
    assert main(["corpus", "build", str(articles), "--out", str(out), "--tasks", "3"]) == 0
    # no task ran again (a task removes its files and writes new ones): the shards are the staged files, renamed
    assert staged and staged <= parquet_files(out / "data")
    whole = tmp_path / "whole"
    build_corpus(articles, whole, tasks=3)
    for config in corpus_schema.CONFIGS:
        assert rows(out, config) == rows(whole, config), config
