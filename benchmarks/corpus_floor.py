"""The floor for the corpus build: the same rules on every article, the same rows (document_id
added), written with pyarrow into one Parquet file per table. No datatrove, no shards, no
manifest, no card, no validation: what any corpus build must at least do.

    python benchmarks/corpus_floor.py ARTICLES_FOLDER OUT_FOLDER
"""
from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from jd_wechat_commentary.corpus import schema as corpus_schema
from jd_wechat_commentary.build import parse
from jd_wechat_commentary.corpus.input import document_id_for
from jd_wechat_commentary.errors import BuildError, Warnings
from jd_wechat_commentary.source import Curation, source_from_bytes
from jd_wechat_commentary.release.rows import make_tables
from jd_wechat_commentary.version import DATASET_VERSION


def main(folder: Path, out: Path) -> None:
    rows = {c: [] for c in corpus_schema.CONFIGS}
    for path in sorted(folder.glob("*.txt")):
        try:
            doc = parse(source_from_bytes(path, path.read_bytes()), Curation(document={"document_id": document_id_for(path.stem)}), Warnings())
        except BuildError as exc:
            rows["rejects"].append({"input_id": path.stem, "location": str(path), "error_code": "build-error", "message": str(exc)})
            continue
        tables = make_tables(doc, DATASET_VERSION)
        tables["document"][0].update(input_id=path.stem, url=None, date=None, outlet=None)
        for table, table_rows in tables.items():
            rows[table].extend(table_rows if table == "document" else ({"document_id": doc.document_id, **r} for r in table_rows))
    out.mkdir(parents=True, exist_ok=True)
    for config, config_rows in rows.items():
        pq.write_table(pa.Table.from_pylist(config_rows, schema=corpus_schema.arrow_schema(config)), out / f"{config}.parquet", compression="zstd")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
