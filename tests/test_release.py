"""The release loads everywhere, agrees with its schemas, and is a pure function of its source."""
from __future__ import annotations

import hashlib
import json

import pyarrow.parquet as pq
import pytest

from conftest import DATASET, read
from jd_wechat_commentary import schemas
from jd_wechat_commentary.validate.run import validate_release

TABLES = schemas.TABLES
# Every span in every table, listed here by hand: (table, text column, start, end).
SPANS = [
    ("blocks", "text", "char_start", "char_end"), ("paragraphs", "text", "char_start", "char_end"),
    ("disclaimers", "text", "char_start", "char_end"), ("errata", "printed", "char_start", "char_end"),
    ("attributions", "source_text", "source_start", "source_end"), ("attributions", "cue_text", "cue_start", "cue_end"),
    ("attributions", "content_text", "content_start", "content_end"),
]


def parquet(table):
    return DATASET / "data" / table / "train-00000-of-00001.parquet"


@pytest.mark.parametrize("table", TABLES)
def test_load_dataset_gives_the_schema_features(table, hf_cache):
    import datasets
    ds = datasets.load_dataset(str(DATASET), table, split="train", cache_dir=str(hf_cache))
    assert ds.features == datasets.Features.from_arrow_schema(schemas.arrow_schema(table))
    assert ds.num_rows == pq.ParquetFile(parquet(table)).metadata.num_rows
    assert ds.to_list() == read(DATASET, table)


def test_default_config_is_paragraphs(hf_cache):
    import datasets
    ds = datasets.load_dataset(str(DATASET), split="train", cache_dir=str(hf_cache))
    assert ds.column_names == schemas.columns("paragraphs") and ds.num_rows == 22


@pytest.mark.parametrize("table", TABLES)
def test_pandas_and_pyarrow_read_every_table(table):
    import pandas as pd
    frame = pd.read_parquet(parquet(table))
    assert list(frame.columns) == schemas.columns(table)
    assert len(frame) == len(read(DATASET, table))


@pytest.mark.parametrize("table", TABLES)
def test_parquet_layout_and_metadata(table):
    f = pq.ParquetFile(parquet(table))
    assert f.schema_arrow.remove_metadata().equals(schemas.arrow_schema(table))
    assert "large_string" not in str(f.schema_arrow)
    assert f.metadata.num_row_groups == 1
    assert {f.metadata.row_group(0).column(i).compression for i in range(f.metadata.num_columns)} == {"ZSTD"}
    meta = f.schema_arrow.metadata
    assert b"pandas" not in meta and b"huggingface" in meta
    ours = json.loads(meta[b"jd_wechat_commentary"])
    (doc,) = read(DATASET, "document")
    assert ours == {"table": table, "dataset_version": doc["dataset_version"], "source_sha256": doc["source_sha256"],
                    "schema_id": schemas.load_schema(table)["$id"]}


def test_release_validates():
    report = validate_release(DATASET)
    assert report.flat() == []


def test_every_span_is_the_source_slice():
    (doc,) = read(DATASET, "document")
    text, checked = doc["text"], 0
    for table, col, start, end in SPANS:
        for row in read(DATASET, table):
            if row[col] is None:
                assert row[start] is None and row[end] is None
                continue
            assert text[row[start]:row[end]] == row[col], (table, row)
            checked += 1
    assert checked == 30 + 22 + 2 + 34 + 22 * 3 - 1  # one agreement has no content


def test_blocks_rebuild_the_source_and_hash():
    (doc,) = read(DATASET, "document")
    blocks = sorted(read(DATASET, "blocks"), key=lambda b: b["position"])
    source = (DATASET / "source" / "article.txt").read_bytes()
    assert "\n".join(b["text"] for b in blocks).encode("utf-8") == source
    assert doc["source_sha256"] == hashlib.sha256(source).hexdigest()


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(fresh_release, tmp_path):
    from conftest import CURATION, SOURCE
    from jd_wechat_commentary.build import build
    again = tmp_path / "dataset"
    build(SOURCE, CURATION, again)
    assert _files(again) == _files(fresh_release)


def test_committed_release_equals_fresh_build(fresh_release):
    committed, fresh = _files(DATASET), _files(fresh_release)
    assert sorted(committed) == sorted(fresh)
    assert [name for name in fresh if committed[name] != fresh[name]] == []
