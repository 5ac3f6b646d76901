"""Validate a release folder (or a user's JSON Lines file) and return a Report.

It reads the files and never executes anything from the folder it checks. It imports neither
`datasets` nor `pandas`: pyarrow, jsonschema and yaml are all it needs.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


from .. import schemas
from .report import Report, guarded
from .checks import check_card, check_derived, check_schema_copies, check_spans
from .consistency import check_consistency
from .copies import check_copies
from .integrity import check_folder, check_manifest, check_versions, read_manifest
from ..layout import META_KEY, ParquetTooLarge, json_type, parquet_path, read_parquet
from ..reading import MAX_FILE_BYTES, ReleaseFolder, Unreadable, loads_json, read_regular

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
    """Every check, each guarded: one that stops on data it did not expect is a check-failed
    problem naming it, and the others still run."""
    root, report = Path(root), Report()
    folder = ReleaseFolder(root)
    manifest = guarded(report, "manifest", read_manifest, folder, report)
    ids = schema_ids(manifest)
    guarded(report, "folder", check_folder, folder, manifest, report)
    files = guarded(report, "tables", read_tables, folder, report, ids) or {}
    tables = {t: f.rows for t, f in files.items()}
    typed = guarded(report, "rows", check_tables, tables, report) or {}
    version = guarded(report, "versions", check_versions, folder, manifest, files, report)
    guarded(report, "card", check_card, folder, files, version, report)
    guarded(report, "schema copies", check_schema_copies, folder, ids, report)
    if manifest is not None:
        guarded(report, "manifest", check_manifest, folder, manifest, tables, report)
    # Last, and only on a release that passed everything else: the copies are compared with what
    # the build writes from these tables, which says nothing new when the tables are known wrong.
    if report.valid:
        guarded(report, "copies", check_copies, folder, typed, version, files, report, manifest)
    report.checked = {t: len(rows) for t, rows in tables.items()}
    return report


def validate_tables(tables: dict[str, list[dict]]) -> Report:
    """The row and cross-table rules on tables in memory (no files): what a build must satisfy."""
    report = Report()
    guarded(report, "rows", check_tables, tables, report)
    report.checked = {t: len(rows) for t, rows in tables.items()}
    return report


def check_tables(tables: dict[str, list[dict]], report: Report) -> dict:
    """Rows, keys and cross-table rules; returns the tables whose rows all passed their schemas."""
    typed = {}
    for table, rows in tables.items():
        if guarded(report, f"{table} rows", check_rows, table, rows, report):
            typed[table] = rows
        guarded(report, f"{table} primary key", check_primary_key, table, rows, report)
    if "document" in tables and len(tables["document"]) != 1:
        report.add("document-not-one", "document", None, None,
                   f"the document table has {len(tables['document'])} rows; a release describes exactly one document")
    # The cross-table rules assume well-typed rows: a table with schema violations is reported
    # row by row above and left out here, rather than crash on a wrong type or repeat itself.
    guarded(report, "references", check_references, typed, report)
    if typed.get("document"):
        guarded(report, "spans", check_spans, typed, report)
        guarded(report, "derived columns", check_derived, typed, report)
    guarded(report, "consistency", check_consistency, typed, report)
    return typed


def schema_ids(manifest: dict | None) -> dict[str, str]:
    """Each table's schema `$id` in this release: the Hub address when the manifest names the
    repository the release was built for (publish refuses any other), else the project's urn."""
    manifest = manifest or {}
    repo_id, version = manifest.get("repo_id"), manifest.get("dataset_version")
    if not isinstance(repo_id, str) or not isinstance(version, str):
        repo_id = None
    return {t: schemas.schema_id(t, repo_id, version) for t in schemas.TABLES}


def read_tables(folder: ReleaseFolder, report: Report, ids: dict[str, str] | None = None) -> dict[str, TableFile]:
    """Each table's Parquet file, read once and bounded: never past MAX_FILE_BYTES (a file longer
    than the manifest says is still read, so that its rows are checked; the manifest check
    reports the size), and decoded only after its footer passed (layout.read_parquet). A file
    whose Arrow schema is not the table's is reported and, when a column has a type no JSON
    value has, its rows are not used."""
    ids = ids or schema_ids(None)
    tables = {}
    for table in schemas.TABLES:
        rel = parquet_path(Path(), table).as_posix()
        try:
            data = folder.read(rel, limit=MAX_FILE_BYTES)
            arrow = read_parquet(data, verify=True)
        except Unreadable as exc:
            code = "file-corrupt" if exc.code in ("unsafe-link", "unsafe-path") else exc.code
            report.add(code, table, None, None, f"{exc}")
            continue
        except ParquetTooLarge as exc:
            report.add("file-too-large", table, None, None, f"{rel}: {exc}; not decoded")
            continue
        except Exception as exc:  # pyarrow raises several types for damaged files
            report.add("file-corrupt", table, None, None, f"{rel} cannot be read as Parquet: {exc}")
            continue
        meta = check_arrow(table, arrow.schema, report, ids[table])
        if meta is None:
            continue
        tables[table] = TableFile(arrow.to_pylist(), meta, arrow.nbytes, len(data))
    return tables


def check_arrow(table: str, schema, report: Report, schema_id: str | None = None) -> dict | None:
    """The Arrow schema against the JSON Schema's, and the file metadata; returns our metadata
    key, or None when a column has a type no JSON value has (binary, date, decimal, timestamp...):
    its rows are not read, they would be values that no rule expects."""
    expected = schemas.arrow_schema(table)
    if not schema.remove_metadata().equals(expected):
        report.add("table-schema-mismatch", table, None, None, _schema_difference(schema.remove_metadata(), expected))
        if not all(json_type(f.type) for f in schema):
            return None
    meta = schema.metadata or {}
    if b"huggingface" not in meta:
        report.add("metadata-mismatch", table, None, "huggingface", "the Parquet file has no huggingface features key")
    try:
        ours = loads_json(meta.get(META_KEY, b"{}"), META_KEY.decode())
    except ValueError:
        ours = None
    if not isinstance(ours, dict):
        ours = {}
    if ours.get("schema_id") != (schema_id or schemas.schema_id(table)) or ours.get("table") != table:
        report.add("metadata-mismatch", table, None, META_KEY.decode(), f"file metadata {ours} does not name this table's schema $id")
    return ours


def _schema_difference(found, expected) -> str:
    """The first column whose name or type differs, rather than two whole schemas."""
    for i in range(max(len(found), len(expected))):
        a = found.field(i) if i < len(found) else None
        b = expected.field(i) if i < len(expected) else None
        if a is None or b is None or not a.equals(b):
            show = lambda f: "nothing" if f is None else f"{f.name}: {f.type}{'' if f.nullable else ' not null'}"  # noqa: E731
            return f"column {i} is {show(a)}, the JSON Schema gives {show(b)}"
    return "the Arrow schema differs from the JSON Schema's"


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
    try:
        lines = read_regular(Path(path)).split(b"\n")      # a regular file, at most MAX_FILE_BYTES
    except Unreadable as exc:
        report.add(exc.code, table, None, None, str(exc))
        return report
    validator, n = schemas.row_validator(table), 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        n += 1
        try:
            record = loads_json(line, f"{path}:{number}")     # bounded nesting and integers
        except ValueError as exc:
            report.add("invalid-json", table, number, None, str(exc))
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
