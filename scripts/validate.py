"""Validate a release folder (or a user's JSON Lines file) and return a Report.

It reads the files and never executes anything from the folder it checks. It imports neither
`datasets` nor `pandas`: pyarrow, jsonschema and yaml are all it needs.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq

from . import schemas
from .report import Report
from .release import META_KEY, parquet_path

REFERENCE_CODES = {"blocks": "unknown-block", "sections": "unknown-section", "paragraphs": "unknown-paragraph",
                   "speakers": "unknown-speaker"}


def validate_release(root: Path) -> Report:
    from .checks import check_card, check_derived, check_manifest, check_schema_copies, check_spans

    root, report = Path(root), Report()
    tables = read_tables(root, report)
    for table, rows in tables.items():
        check_rows(table, rows, report)
        check_primary_key(table, rows, report)
    check_references(tables, report)
    if tables.get("document"):
        check_spans(tables, report)
        check_derived(tables, report)
    check_card(root, tables, report)
    check_schema_copies(root, report)
    check_manifest(root, tables, report)
    report.checked = {t: len(rows) for t, rows in tables.items()}
    return report


def read_tables(root: Path, report: Report) -> dict[str, list[dict]]:
    tables = {}
    for table in schemas.TABLES:
        path = parquet_path(root, table)
        if not path.is_file():
            report.add("file-missing", table, None, None, f"{path.relative_to(root)} is missing")
            continue
        try:
            data = pq.read_table(path)
        except Exception as exc:  # pyarrow raises several types for damaged files
            report.add("file-corrupt", table, None, None, f"{path.relative_to(root)} cannot be read as Parquet: {exc}")
            continue
        check_arrow(table, data.schema, report)
        tables[table] = data.to_pylist()
    return tables


def check_arrow(table: str, schema, report: Report) -> None:
    expected = schemas.arrow_schema(table)
    if not schema.remove_metadata().equals(expected):
        report.add("table-schema-mismatch", table, None, None,
                   f"Arrow schema {schema.remove_metadata().to_string()!r} differs from the JSON Schema's {expected.to_string()!r}")
    meta = schema.metadata or {}
    if b"huggingface" not in meta:
        report.add("metadata-mismatch", table, None, "huggingface", "the Parquet file has no huggingface features key")
    try:
        ours = json.loads(meta.get(META_KEY, b"{}"))
    except ValueError:
        ours = {}
    if ours.get("schema_id") != schemas.load_schema(table)["$id"] or ours.get("table") != table:
        report.add("metadata-mismatch", table, None, META_KEY.decode(), f"file metadata {ours} does not name this table's schema $id")
    report.checked.setdefault("_file_metadata", {})[table] = ours


def check_rows(table: str, rows: list[dict], report: Report) -> None:
    validator = schemas.row_validator(table)
    for i, row in enumerate(rows):
        for err in validator.iter_errors(row):
            fld = ".".join(str(p) for p in err.absolute_path) or None
            report.add("schema-violation", table, row_id(table, row, i), fld, err.message)


def row_id(table: str, row: dict, index):
    key = schemas.primary_key(table)
    values = [row.get(k) for k in key] if isinstance(row, dict) else [None]
    return values[0] if len(values) == 1 and values[0] is not None else index


def check_primary_key(table: str, rows: list[dict], report: Report) -> None:
    seen = set()
    for i, row in enumerate(rows):
        value = tuple(row.get(k) for k in schemas.primary_key(table))
        if value in seen:
            report.add("duplicate-id", table, row_id(table, row, i), ",".join(schemas.primary_key(table)), f"{value} occurs more than once")
        seen.add(value)


def check_references(tables: dict, report: Report) -> None:
    keys = {t: {r.get(schemas.primary_key(t)[0]) for r in rows} for t, rows in tables.items()}
    for table, rows in tables.items():
        for fk in schemas.foreign_keys(table):
            target, fld = fk["reference"]["resource"], fk["fields"]
            if target not in keys:
                continue
            for i, row in enumerate(rows):
                value = row.get(fld)
                if value is not None and value not in keys[target]:
                    report.add(REFERENCE_CODES[target], table, row_id(table, row, i), fld, f"{value!r} is not in {target}")
    _check_list_references(tables, keys, report)


def _check_list_references(tables: dict, keys: dict, report: Report) -> None:
    lists = (("paragraphs", "speaker_ids", "speakers"), ("sections", "paragraph_ids", "paragraphs"))
    for table, fld, target in lists:
        if table not in tables or target not in keys:
            continue
        for i, row in enumerate(tables[table]):
            for value in row.get(fld) or []:
                if value not in keys[target]:
                    report.add(REFERENCE_CODES[target], table, row_id(table, row, i), fld, f"{value!r} is not in {target}")


def validate_jsonl(path: Path, table: str) -> Report:
    """Check a user's JSON Lines file against one table's schema; rows are line numbers."""
    report = Report()
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    validator, n = schemas.row_validator(table), 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        n += 1
        try:
            record = json.loads(line)
        except ValueError as exc:
            report.add("invalid-json", table, number, None, f"{path}:{number}: {exc}")
            continue
        if not isinstance(record, dict):
            report.add("invalid-json", table, number, None, f"{path}:{number}: a {type(record).__name__}, expected an object")
            continue
        for err in validator.iter_errors(record):
            report.add("schema-violation", table, number, ".".join(map(str, err.absolute_path)) or None, err.message)
    report.checked = {table: n}
    return report


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
