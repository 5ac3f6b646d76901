"""Primary keys unique across every shard of a config, in memory that does not grow with the
corpus: an on-disk SQLite index of 16-byte key digests (SQLite's page cache is the bound)."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from . import schema as corpus_schema
from ..validate.report import Report

MAX_REPORTED = 50      # duplicates of one config reported one by one; then only counted


class KeyIndex:
    """Primary keys seen so far, on disk: 16-byte blake2b digests of the key's values in a SQLite
    table with that digest as its primary key, and the batch that first brought it."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-16384")     # 16 MiB of pages, whatever the corpus's size
        self.tables, self.reported, self.batch = set(), {}, 0

    def add(self, config: str, columns: list[list], rel: str, offset: int, report: Report) -> None:
        table = f"k_{config}"
        if table not in self.tables:
            self.db.execute(f"CREATE TABLE {table} (k BLOB PRIMARY KEY, batch INTEGER) WITHOUT ROWID")
            self.tables.add(table)
        self.batch += 1
        values = list(zip(*columns))
        digests = [hashlib.blake2b(json.dumps(v, ensure_ascii=False).encode(), digest_size=16).digest() for v in values]
        before = self.db.total_changes
        self.db.executemany(f"INSERT OR IGNORE INTO {table} VALUES (?, {self.batch})", ((d,) for d in digests))
        if self.db.total_changes - before != len(digests):
            self._report(config, table, values, digests, rel, offset, report)

    def _report(self, config, table, values, digests, rel, offset, report) -> None:
        """A key of this batch was there before, or twice in it: name each, up to MAX_REPORTED."""
        earlier = set()
        for i in range(0, len(digests), 500):
            chunk = digests[i:i + 500]
            marks = ",".join("?" * len(chunk))
            earlier.update(r[0] for r in self.db.execute(f"SELECT k FROM {table} WHERE batch < ? AND k IN ({marks})", (self.batch, *chunk)))
        seen, key = set(), corpus_schema.primary_key(config)
        for i, d in enumerate(digests):
            if d in seen or d in earlier:
                n = self.reported[config] = self.reported.get(config, 0) + 1
                if n <= MAX_REPORTED:
                    report.add("duplicate-id", config, "/".join(map(str, values[i])), "+".join(key),
                               f"{rel}: row {offset + i}: the key {dict(zip(key, values[i]))} occurs more than once")
            seen.add(d)

    def close(self) -> None:
        self.db.close()
