"""Hugging Face feature metadata, serialized by the `datasets` library itself.

This is the only module of the build that imports `datasets` (it is slow to import and
`validate` never needs it): the Parquet `huggingface` key and the card's `dataset_info` are
the library's own serialization, not written by hand.
"""
from __future__ import annotations

import pyarrow as pa


def features_for(arrow: pa.Schema):
    from datasets import Features
    return Features.from_arrow_schema(arrow)


def huggingface_metadata(arrow: pa.Schema) -> bytes:
    return features_for(arrow).arrow_schema.metadata[b"huggingface"]


def dataset_infos(tables: dict[str, list[dict]], sizes: dict[str, tuple[int, int]]):
    """DatasetInfosDict for every config: features, num_examples and num_bytes (in-memory
    Arrow size) and download_size (the Parquet file's size)."""
    from datasets.info import DatasetInfo, DatasetInfosDict
    from datasets.splits import SplitDict, SplitInfo

    from .. import schemas

    infos = DatasetInfosDict()
    for table, rows in tables.items():
        num_bytes, file_bytes = sizes[table]
        splits = SplitDict()
        splits.add(SplitInfo(name="train", num_bytes=num_bytes, num_examples=len(rows)))
        infos[table] = DatasetInfo(features=features_for(schemas.arrow_schema(table)), splits=splits,
                                   download_size=file_bytes, dataset_size=num_bytes, config_name=table)
    return infos
