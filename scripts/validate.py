"""Validate a release folder (or a user's JSON Lines file) and return a Report.

It reads the files and never executes anything from the folder it checks. It imports neither
`datasets` nor `pandas`: pyarrow, jsonschema and yaml are all it needs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


from . import schemas
from .report import Report
from .checks import check_card, check_derived, check_schema_copies, check_spans
from .consistency import check_consistency
from .integrity import check_manifest, check_versions, read_manifest, safe_path
from .layout import META_KEY, parquet_path, read_parquet

REFERENCE_CODES = {"blocks": "unknown-block", "sections": "unknown-section", "paragraphs": "unknown-paragraph",
                   "speakers": "unknown-speaker", "attributions": "unknown-attribution"}


@dataclass
class TableFile:
    """One table as read from its Parquet file: rows, our metadata key, in-memory and file sizes."""
    rows: list[dict]
    meta: dict
    nbytes: int
    file_bytes: int


def validate_release(root: Path) -> Report:

    root, report = Path(root), Report()
    manifest = read_manifest(root, report)
    ids = schema_ids(manifest)
    files = read_tables(root, report, ids)
    tables = {t: f.rows for t, f in files.items()}
    check_tables(tables, report)
    version = check_versions(root, manifest, files, report)
    check_card(root, files, version, report)
    check_schema_copies(root, ids, report)
    if manifest is not None:
        check_manifest(root, manifest, tables, report)
    report.checked = {t: len(rows) for t, rows in tables.items()}
    return report


def validate_tables(tables: dict[str, list[dict]]) -> Report:
    """The row and cross-table rules on tables in memory (no files): what a build must satisfy."""
    report = Report()
    check_tables(tables, report)
    report.checked = {t: len(rows) for t, rows in tables.items()}
    return report


def check_tables(tables: dict[str, list[dict]], report: Report) -> None:

    typed = {}
    for table, rows in tables.items():
        if check_rows(table, rows, report):
            typed[table] = rows
        check_primary_key(table, rows, report)
    # The cross-table rules assume well-typed rows: a table with schema violations is reported
    # row by row above and left out here, rather than crash on a wrong type or repeat itself.
    check_references(typed, report)
    if typed.get("document"):
        check_spans(typed, report)
        check_derived(typed, report)
    check_consistency(typed, report)


def schema_ids(manifest: dict | None) -> dict[str, str]:
    """Each table's schema `$id` in this release: the Hub address when the manifest names the
    repository the release was built for (publish refuses any other), else the project's urn."""
    manifest = manifest or {}
    repo_id, version = manifest.get("repo_id"), manifest.get("dataset_version")
    if not isinstance(repo_id, str) or not isinstance(version, str):
        repo_id = None
    return {t: schemas.schema_id(t, repo_id, version) for t in schemas.TABLES}


def read_tables(root: Path, report: Report, ids: dict[str, str] | None = None) -> dict[str, TableFile]:
    ids = ids or schema_ids(None)

    tables = {}
    for table in schemas.TABLES:
        path = parquet_path(root, table)
        if safe_path(Path(root).resolve(), path.relative_to(root).as_posix()) is None:
            report.add("file-corrupt", table, None, None, f"{path.relative_to(root)} is a symbolic link; not followed")
            continue
        if not path.is_file():
            report.add("file-missing", table, None, None, f"{path.relative_to(root)} is missing")
            continue
        try:
            data = read_parquet(path, verify=True)
        except Exception as exc:  # pyarrow raises several types for damaged files
            report.add("file-corrupt", table, None, None, f"{path.relative_to(root)} cannot be read as Parquet: {exc}")
            continue
        meta = check_arrow(table, data.schema, report, ids[table])
        tables[table] = TableFile(data.to_pylist(), meta, data.nbytes, path.stat().st_size)
    return tables


def check_arrow(table: str, schema, report: Report, schema_id: str | None = None) -> dict:
    """The Arrow schema against the JSON Schema's, and the file metadata; returns our metadata key."""
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
        ours = None
    if not isinstance(ours, dict):
        ours = {}
    if ours.get("schema_id") != (schema_id or schemas.schema_id(table)) or ours.get("table") != table:
        report.add("metadata-mismatch", table, None, META_KEY.decode(), f"file metadata {ours} does not name this table's schema $id")
    return ours


def check_rows(table: str, rows: list[dict], report: Report) -> bool:
    """Every row against the table's JSON Schema; True when all of them pass."""
    validator, valid = schemas.row_validator(table), True
    for i, row in enumerate(rows):
        for err in validator.iter_errors(row):
            fld = ".".join(str(p) for p in err.absolute_path) or None
            report.add("schema-violation", table, schemas.row_id(table, row, i), fld, err.message)
            valid = False
    return valid


def check_primary_key(table: str, rows: list[dict], report: Report) -> None:
    seen = set()
    for i, row in enumerate(rows):
        value = tuple(row.get(k) for k in schemas.primary_key(table))
        if repr(value) in seen:     # repr: a tampered key may be unhashable (a list)
            report.add("duplicate-id", table, schemas.row_id(table, row, i), ",".join(schemas.primary_key(table)), f"{value} occurs more than once")
        seen.add(repr(value))


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
                    report.add(REFERENCE_CODES[target], table, schemas.row_id(table, row, i), fld, f"{value!r} is not in {target}")
    _check_list_references(tables, keys, report)


def _check_list_references(tables: dict, keys: dict, report: Report) -> None:
    lists = (("paragraphs", "speaker_ids", "speakers"), ("sections", "paragraph_ids", "paragraphs"))
    for table, fld, target in lists:
        if table not in tables or target not in keys:
            continue
        for i, row in enumerate(tables[table]):
            for value in row.get(fld) or []:
                if value not in keys[target]:
                    report.add(REFERENCE_CODES[target], table, schemas.row_id(table, row, i), fld, f"{value!r} is not in {target}")


def validate_jsonl(path: Path, table: str) -> Report:
    """Check a user's JSON Lines file against one table's schema; rows are line numbers."""
    report = Report()
    # bytes, line by line: json.loads decodes each strictly, so a line that is not UTF-8 is an
    # invalid-json problem with its number rather than a crash of the whole file
    lines = Path(path).read_bytes().split(b"\n")
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
    if n == 0:
        report.add("no-records", table, None, None, f"{path} holds no record (an empty file, or blank lines only)")
    report.checked = {table: n}
    return report
