"""The same corpus pipeline on a local Ray instance started by the test (no cluster, no network:
usage reporting off, Ray's session files in a folder of the test's own)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from jd_wechat_commentary.corpus import schema as corpus_schema
from jd_wechat_commentary.corpus import build_corpus

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_gen  # noqa: E402

EXE = Path(sys.executable).with_name("jd-wechat-commentary")


def rows(out: Path, config: str) -> list[dict]:
    return [r for p in sorted((out / "data" / config).glob("train-*.parquet")) for r in pq.read_table(p).to_pylist()]


def test_the_pipeline_runs_on_a_local_ray_instance(tmp_path):
    pytest.importorskip("ray", reason="ray is not installed (pip install -r requirements.lock -e '.[test]')")
    articles = corpus_gen.write_folder(12, tmp_path / "articles")
    out = tmp_path / "corpus"
    ray_tmp = tempfile.mkdtemp(prefix="ray-", dir="/tmp")     # short: Ray's socket paths must fit in 107 bytes
    env = {**os.environ, "RAY_TMPDIR": ray_tmp, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled",
           "RAY_ADDRESS": "", "HOME": str(tmp_path)}
    try:
        done = subprocess.run([str(EXE), "corpus", "build", str(articles), "--out", str(out), "--executor", "ray",
                               "--workers", "2", "--tasks", "3"], capture_output=True, text=True, env=env, timeout=300)
    finally:
        shutil.rmtree(ray_tmp, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Started a local Ray instance" in done.stderr and "valid: document 12," in done.stdout
    local = tmp_path / "local"
    build_corpus(articles, local, tasks=3)
    for config in corpus_schema.CONFIGS:
        assert rows(out, config) == rows(local, config), config
