"""Where things are in a release folder, and the hashes that identify its files and rows.

At the bottom of the package: the writers (release, card, catalog) and the readers (validate,
integrity, publish) all name paths and hashes through here, so none of them imports another.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path


META_KEY = b"jd_wechat_commentary"   # the Parquet file-metadata key with version, source sha256, schema $id

# ---------------------------------------------------------------- every name in a release folder
MANIFEST = "MANIFEST.json"
CARD = "README.md"                   # the dataset card: the Hub reads its YAML front matter
LICENSE_COPY = "LICENSE.md"
CROISSANT = "croissant.json"
DATAPACKAGE = "datapackage.json"
CATALOGS = (CROISSANT, DATAPACKAGE)
WARNINGS = "warnings.jsonl"          # the build's warnings: one JSON object per line (code, file, line, message)
DATA_DIR = "data"                    # data/<table>/train-NNNNN-of-MMMMM.parquet
SCHEMA_DIR = "schema"                # schema/<table>.schema.json: the schemas the release was built with
SOURCE_DIR = "source"
SOURCE_NAME = "article.txt"
CURATION_NAME = "curation.yaml"
SOURCE_COPY = f"{SOURCE_DIR}/{SOURCE_NAME}"
CURATION_COPY = f"{SOURCE_DIR}/{CURATION_NAME}"     # only when the build read a curated file
SPEAKERS_FIGURE = "images/speakers-by-section.svg"   # the card's picture: who speaks in which section
SPLIT = "train"

# A project: the folder holding dataset/ (the release), CARD.md and README.md beside it.
PROJECT_RELEASE = "dataset"
PROJECT_CARD = "CARD.md"             # the hand-written card template; its generated regions are refreshed by build
PROJECT_README = "README.md"
PROJECT_SOURCE = Path(PROJECT_RELEASE) / SOURCE_DIR / SOURCE_NAME


def project_root() -> Path | None:
    """The folder whose `dataset/` the commands use by default: the current directory when it
    holds dataset/source/article.txt; None otherwise, and then the commands ask for --source/--out
    or a folder. Never the checkout of an editable install from elsewhere: a command run in the
    wrong folder must say so, not quietly check or rebuild another one."""
    if (Path.cwd() / PROJECT_SOURCE).is_file():
        return Path.cwd()
    return None


def default_release() -> Path | None:
    root = project_root()
    return root / PROJECT_RELEASE if root else None


def schema_name(table: str) -> str:
    return f"{table}.schema.json"


def schema_copy(table: str) -> str:
    """The release path of a table's schema."""
    return f"{SCHEMA_DIR}/{schema_name(table)}"


def shard_name(index: int = 0, count: int = 1) -> str:
    return f"{SPLIT}-{index:05d}-of-{count:05d}.parquet"


SHARD_NAME = re.compile(rf"{SPLIT}-(\d{{5}})-of-(\d{{5}})\.parquet")     # what shard_name writes, read back


def shard_glob(table: str) -> str:
    """The data files of a table as a pattern relative to the release (the card's data_files and
    the catalogs; a corpus's many shards and an article's one)."""
    return f"{DATA_DIR}/{table}/{SPLIT}-*.parquet"


def shard_folder(root: Path, table: str) -> Path:
    return Path(root) / DATA_DIR / table


def shard_path(root: Path, table: str, index: int = 0, count: int = 1) -> Path:
    return shard_folder(root, table) / shard_name(index, count)


def parquet_path(root: Path, table: str) -> Path:
    """The one data file of a table in a single-article release: one shard of one."""
    return shard_path(root, table)


def data_file(table: str) -> str:
    """The release path of a single-article table's one data file."""
    return parquet_path(Path(), table).as_posix()


def table_shards(root: Path, table: str) -> list[Path]:
    return sorted(shard_folder(root, table).glob(f"{SPLIT}-*.parquet"))


def table_jsonl(table: str) -> str:
    """A table as JSON Lines (evaluate reads gold written by hand in this form)."""
    return f"{table}.jsonl"


def table_folders(root: Path) -> list[Path]:
    """The folders under data/, one a table (what a reader finds, not what the schemas expect)."""
    data = Path(root) / DATA_DIR
    return sorted(p for p in data.iterdir() if p.is_dir()) if data.is_dir() else []


def read_parquet(source, verify: bool = False):
    """One Parquet file (a path, or its bytes already read) as an Arrow table, through
    ParquetFile: pq.read_table goes through pyarrow.dataset, which imports pandas. With verify,
    the page checksums are checked and so are the magic bytes at the start (pyarrow only checks
    those at the end).

    Nothing is decoded before the footer says the file is sane (see parquet_size_problem), and
    decoding stops at a budget: a few hundred bytes of dictionary-encoded Parquet can claim
    billions of rows. A ValueError says what was refused."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .reading import read_regular

    data = source if isinstance(source, bytes) else read_regular(Path(source))
    if verify and data[:4] != b"PAR1":
        raise ValueError("the file does not start with the Parquet magic bytes PAR1")
    with pq.ParquetFile(pa.BufferReader(data), page_checksum_verification=verify) as f:
        problem = parquet_size_problem(f.metadata, len(data))
        if problem:
            raise ParquetTooLarge(problem)
        budget, batches = decoded_budget(len(data)), []
        for batch in f.iter_batches(batch_size=BATCH_ROWS):
            budget -= batch.nbytes
            if budget < 0:
                raise ParquetTooLarge(f"decoding gives more than {decoded_budget(len(data))} bytes from a file of {len(data)}")
            batches.append(batch)
        return pa.Table.from_batches(batches, schema=f.schema_arrow)


def json_type(t) -> bool:
    """True for the Arrow types whose Python values are JSON values (what the JSON Schemas
    describe): not binary, date, time, timestamp, decimal, map or dictionary columns."""
    import pyarrow.types as pt

    if pt.is_list(t) or pt.is_large_list(t):
        return json_type(t.value_type)
    if pt.is_struct(t):
        return all(json_type(t.field(i).type) for i in range(t.num_fields))
    return pt.is_string(t) or pt.is_large_string(t) or pt.is_integer(t) or pt.is_boolean(t) or pt.is_floating(t) or pt.is_null(t)


class ParquetTooLarge(ValueError):
    """A Parquet file whose footer or decoded size is past what a release can hold."""


MAX_ROWS = 50_000_000
BATCH_ROWS = 4096
VALUES_PER_BYTE = 4     # leaf values per uncompressed byte: our files have < 0.2 (each row has a unique id)


def decoded_budget(file_bytes: int) -> int:
    return max(64 << 20, 64 * file_bytes)


def parquet_size_problem(meta, file_bytes: int) -> str | None:
    """What the footer claims that no file of ours could: more rows than MAX_ROWS, row groups that
    do not add up, chunks larger than the file, or more values than their bytes can encode."""
    if meta.num_rows > MAX_ROWS or meta.num_rows < 0:
        return f"the footer claims {meta.num_rows} rows (at most {MAX_ROWS})"
    if sum(meta.row_group(i).num_rows for i in range(meta.num_row_groups)) != meta.num_rows:
        return "the row groups' rows do not add up to the file's"
    for i in range(meta.num_row_groups):
        group = meta.row_group(i)
        chunks = [group.column(j) for j in range(group.num_columns)]
        compressed = sum(c.total_compressed_size for c in chunks)
        uncompressed = sum(c.total_uncompressed_size for c in chunks)
        values = sum(c.num_values for c in chunks)
        if compressed > file_bytes or uncompressed > decoded_budget(file_bytes):
            return f"row group {i} claims {compressed} bytes compressed, {uncompressed} uncompressed, in a file of {file_bytes}"
        if values > VALUES_PER_BYTE * max(uncompressed, 1) + group.num_columns:
            return (f"row group {i} claims {values} values in {uncompressed} bytes: a dictionary or run-length "
                    "encoding that would decode to far more than the file holds")
    return None


def content_hash(table: str, rows: list[dict]) -> str:
    """sha256 over rows in canonical JSON (sorted keys, UTF-8), ordered by primary key: it
    changes when the data changes, not when the Parquet writer does."""
    from . import schemas
    key = schemas.primary_key(table)
    # ordered by key; the type name keeps a tampered table (a null or mistyped key) sortable
    ordered = sorted(rows, key=lambda r: tuple(_sortable(r.get(k)) for k in key))
    h = hashlib.sha256()
    for row in ordered:
        h.update(json.dumps(row, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def _sortable(value) -> tuple:
    """A key part that sorts against any other: by null, type name, then the value (its JSON
    text when it is a list or a mapping, which do not compare)."""
    if isinstance(value, (str, int, float, bool)):
        return (False, type(value).__name__, value)
    if value is None:
        return (True, "", 0)
    return (False, type(value).__name__, json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))


def file_entry(root: Path, path: Path) -> dict:
    data = path.read_bytes()
    return {"path": path.relative_to(root).as_posix(), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def release_paths(curated: bool = True) -> list[str]:
    """Every file the build writes, as relative paths: a release holds these and nothing else."""
    from . import schemas
    tables = [parquet_path(Path(), t).as_posix() for t in schemas.TABLES]
    copies = [schema_copy(t) for t in schemas.TABLES]
    return sorted([MANIFEST, CARD, LICENSE_COPY, *CATALOGS, SOURCE_COPY, WARNINGS, SPEAKERS_FIGURE, *tables, *copies]
                  + ([CURATION_COPY] if curated else []))


def release_files(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file() and p.name != MANIFEST)


# ---------------------------------------------------------------- a corpus release (corpus/release.py)
# The same files as a release, its tables sharded, plus the build's counts and its work folder.
CORPUS_WORK = ".corpus"              # datatrove's logs and completion markers, the staging area; never published
CORPUS_SUMMARY = "summary.json"      # the counts the card shows, gathered while writing
STAGED_SHARD = "*.parquet"           # a task's staged files in .corpus/staging/<config>/, before they are numbered


def staged_shard(rank: int, k: int) -> str:
    return f"{rank:05d}-{k:05d}.parquet"


def schema_copy_path(root: Path, table: str) -> Path:
    return Path(root) / schema_copy(table)
