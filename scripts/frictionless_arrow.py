"""A Parquet reader for frictionless that keeps Arrow's values.

Why: frictionless 5.21 reads Parquet through pandas (`pq.read_table(...).to_pandas()`), so a
nullable integer column arrives as float NaN and a list column as a numpy array; its integer and
array fields then report `type-error` on valid rows, and because it bypasses its own byte
stream, a declared `bytes` becomes a `byte-count` error. This parser reads the same file
through frictionless's loader (so `bytes` and `hash` are counted and checked) and yields
`pyarrow` rows as plain Python values (int, None, list, dict).

Use: `register()` once, then `frictionless.validate("dataset/datapackage.json")`. Only tests
and users import this module; the build never needs frictionless.
"""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
from frictionless import Plugin, system
from frictionless.formats.parquet import ParquetParser

PLUGIN_NAME = "arrow-parquet"


class ArrowParquetParser(ParquetParser):
    requires_loader = True  # read through the loader so that frictionless counts bytes and hashes

    def read_cell_stream_create(self):
        stream = self.loader.byte_stream
        chunks = []
        while chunk := stream.read1(-1):
            chunks.append(chunk)
        table = pq.read_table(pa.BufferReader(b"".join(chunks)))
        yield table.column_names
        for row in table.to_pylist():
            yield list(row.values())


class ArrowParquetPlugin(Plugin):
    def create_parser(self, resource):
        if resource.format in ("parq", "parquet"):
            return ArrowParquetParser(resource)
        return None


def register() -> None:
    """Put the Arrow reader ahead of the stock Parquet parser (dynamic plugins are asked first)."""
    system.register(PLUGIN_NAME, ArrowParquetPlugin())


def deregister() -> None:
    system.deregister(PLUGIN_NAME)
