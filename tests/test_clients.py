"""Every table through the clients a user would use: datasets, pandas, polars, duckdb; and every
row through third-party JSON Schema validators (check-jsonschema, and ajv where Node.js is)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import DATASET, read
from jd_wechat_commentary import schemas
from jd_wechat_commentary.layout import parquet_path

MANIFEST = json.loads((DATASET / "MANIFEST.json").read_text(encoding="utf-8"))
ROWS = {t: MANIFEST["tables"][t]["rows"] for t in schemas.TABLES}
SCHEMA_DIR = DATASET / "schema"   # the copy a download carries
# Any HTTP request a validator tried would go to this dead proxy and fail: proof that it ran offline.
OFFLINE_ENV = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "",
               "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "no_proxy": ""}


@pytest.mark.parametrize("table", schemas.TABLES)
def test_datasets_loads_every_config_with_the_files_features(table, tmp_path):
    from datasets import Features, load_dataset
    ds = load_dataset(str(DATASET), table, split="train", cache_dir=str(tmp_path))
    assert ds.features == Features.from_arrow_schema(pq.read_schema(parquet_path(DATASET, table)))
    assert ds.num_rows == ROWS[table]
    assert ds.to_list() == read(DATASET, table)


def test_datasets_default_config_is_paragraphs(tmp_path):
    from datasets import load_dataset
    ds = load_dataset(str(DATASET), split="train", cache_dir=str(tmp_path))
    assert ds.num_rows == ROWS["paragraphs"] and "paragraph_id" in ds.column_names


@pytest.mark.parametrize("table", schemas.TABLES)
def test_pandas_polars_duckdb_read_every_table(table):
    import duckdb
    import pandas as pd
    import polars as pl
    path = parquet_path(DATASET, table)
    frame = pd.read_parquet(path)
    assert len(frame) == ROWS[table] and list(frame.columns) == schemas.columns(table)
    assert pl.read_parquet(path).height == ROWS[table]
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall() == [(ROWS[table],)]


def test_duckdb_joins_attributions_to_speakers():
    import duckdb
    a, s = parquet_path(DATASET, "attributions"), parquet_path(DATASET, "speakers")
    per_speaker = dict(duckdb.sql(f"SELECT speaker_id, count(*) FROM '{a}' AS a JOIN '{s}' AS s USING (speaker_id) GROUP BY ALL").fetchall())
    assert per_speaker == {sp["speaker_id"]: sp["n_attributions"] for sp in read(DATASET, "speakers")}


# ---------------------------------------------------------------- check-jsonschema

def _export_rows(folder: Path, table: str, rows: list[dict]) -> list[str]:
    """check-jsonschema reads one JSON document per file: one file per row."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, row in enumerate(rows):
        path = folder / f"{table}-{i:04d}.json"
        path.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    return paths


def _check_jsonschema(table: str, files: list[str]) -> subprocess.CompletedProcess:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    if exe is None:
        pytest.skip("check-jsonschema is not installed")
    return subprocess.run([exe, "--schemafile", str(SCHEMA_DIR / f"{table}.schema.json"), *files],
                          capture_output=True, text=True, env=OFFLINE_ENV, timeout=300)


@pytest.mark.parametrize("table", schemas.TABLES)
def test_check_jsonschema_accepts_every_row(table, tmp_path):
    result = _check_jsonschema(table, _export_rows(tmp_path, table, read(DATASET, table)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_check_jsonschema_rejects_a_broken_row(tmp_path):
    row = {**read(DATASET, "speakers")[0], "speaker_type": "robot", "extra": 1}
    result = _check_jsonschema("speakers", _export_rows(tmp_path, "speakers", [row]))
    assert result.returncode == 1 and "robot" in result.stdout + result.stderr


# ---------------------------------------------------------------- ajv (draft 2020-12)

AJV_SCRIPT = r"""
const [ajvDir, schemaDir, rowsFile] = process.argv.slice(2);
const Ajv2020 = require(require.resolve("ajv/dist/2020", { paths: [ajvDir] }));
const fs = require("fs"), path = require("path");
// Strict mode stays on: the schemas' own keywords are declared as annotations instead.
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
ajv.addKeyword({ keyword: "x-primary-key" });
ajv.addKeyword({ keyword: "x-foreign-keys" });
const out = {};
for (const [table, rows] of Object.entries(JSON.parse(fs.readFileSync(rowsFile, "utf8")))) {
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, table + ".schema.json"), "utf8")));
  out[table] = rows.map((r) => (validate(r) ? null : validate.errors.map((e) => `${e.instancePath} ${e.message}`)));
}
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="session")
def ajv_dir() -> Path:
    """ajv from npm, installed once into a cache folder outside the repository."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("Node.js (node and npm) is not available")
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "jd-wechat-commentary" / "ajv8"
    if not (cache / "node_modules" / "ajv" / "dist" / "2020.js").is_file():
        cache.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run([npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund", "--no-save", "ajv@8"],
                                  capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            pytest.skip("npm could not install ajv within 300 s")
        if done.returncode != 0:
            pytest.skip(f"npm could not install ajv: {done.stderr.strip()[-300:]}")
    return cache


def _ajv(ajv_dir: Path, tmp_path: Path, rows: dict) -> dict:
    script, data = tmp_path / "validate.js", tmp_path / "rows.json"
    script.write_text(AJV_SCRIPT, encoding="utf-8")
    data.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(["node", str(script), str(ajv_dir), str(SCHEMA_DIR), str(data)],
                          capture_output=True, text=True, timeout=120, env=OFFLINE_ENV)
    assert done.returncode == 0 and done.stderr == "", done.stderr   # strict mode logs nothing
    return json.loads(done.stdout)


def test_ajv_2020_accepts_every_row_of_every_table(ajv_dir, tmp_path):
    results = _ajv(ajv_dir, tmp_path, {t: read(DATASET, t) for t in schemas.TABLES})
    assert {t: len(r) for t, r in results.items()} == ROWS
    assert {t: [e for e in r if e] for t, r in results.items()} == {t: [] for t in schemas.TABLES}


def test_ajv_2020_rejects_broken_rows(ajv_dir, tmp_path):
    speaker, para = read(DATASET, "speakers")[0], read(DATASET, "paragraphs")[0]
    results = _ajv(ajv_dir, tmp_path, {"speakers": [{**speaker, "speaker_type": "robot"}],
                                       "paragraphs": [{**para, "paragraph_id": "para-1", "char_start": -1}]})
    assert results["speakers"][0] == ["/speaker_type must be equal to one of the allowed values"]
    assert sorted(results["paragraphs"][0]) == ["/char_start must be >= 0", '/paragraph_id must match pattern "^p[0-9]{3,}$"']
