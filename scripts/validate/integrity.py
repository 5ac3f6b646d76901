"""The release's files against its manifest and its version: what the folder holds, checksums,
content hashes, safe paths, and one dataset version everywhere it is written.

Nothing here follows a path out of the release folder or runs anything found in it: files are
only listed, stat'ed and read through reading.ReleaseFolder (regular files, bounded).
"""
from __future__ import annotations

import hashlib

from ..layout import CATALOGS, MANIFEST, SOURCE_COPY, content_hash, release_paths
from ..reading import MAX_FILE_BYTES, MAX_TEXT_BYTES, ReleaseFolder, Unreadable, loads_json
from .report import Report

# what an entry of the folder that is not a regular file is reported as
ENTRY_CODES = {"special": "special-file", "link-outside": "unsafe-link", "link-dangling": "unsafe-link",
               "too-deep": "path-too-deep", "too-many": "path-too-deep", "unlisted": "path-too-deep"}


def read_manifest(folder: ReleaseFolder, report: Report) -> dict | None:
    try:
        manifest = loads_json(folder.read(MANIFEST, MAX_TEXT_BYTES), MANIFEST)
        if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list) or \
                not all(isinstance(e, dict) and isinstance(e.get("path"), str) for e in manifest["files"]):
            raise ValueError("not a mapping with a list of files, each with a path")
    except (Unreadable, ValueError) as exc:
        report.add("manifest-missing", None, None, MANIFEST, f"cannot read the manifest: {exc}")
        return None
    return manifest


def check_folder(folder: ReleaseFolder, manifest: dict | None, report: Report) -> None:
    """What the folder holds: no FIFO, device, socket, link leaving the release or endless
    folder chain, and no file the build never writes (whether the manifest lists it or not)."""
    expected = set(release_paths(curated=True))
    for entry in folder.entries():
        if entry.kind in ENTRY_CODES:
            report.add(ENTRY_CODES[entry.kind], None, None, entry.rel, entry.detail)
        elif entry.kind == "file" and entry.rel not in expected:
            report.add("unexpected-file", None, None, entry.rel, "a file the build never writes; a release holds only its own files")


def check_manifest(folder: ReleaseFolder, manifest: dict, tables: dict, report: Report) -> None:
    listed = set()      # safe or not: a refused path is not reported a second time as extra
    for entry in manifest["files"]:
        listed.add(entry["path"])
        _check_entry(folder, entry, report)
    for rel in folder.files():
        if rel not in listed and rel != MANIFEST:
            report.add("manifest-extra-file", None, None, rel, "a file the manifest does not list")
    want_tables = manifest.get("tables") if isinstance(manifest.get("tables"), dict) else {}
    for table, rows in tables.items():
        want = want_tables.get(table) if isinstance(want_tables.get(table), dict) else {}
        if want.get("rows") != len(rows) or want.get("content_sha256") != content_hash(table, rows):
            report.add("content-hash-mismatch", table, None, None,
                       f"{len(rows)} rows with content hash {content_hash(table, rows)[:12]}…; the manifest says "
                       f"{_show(want.get('rows'))} rows, {_show(want.get('content_sha256'))[:12]}…")


def _check_entry(folder: ReleaseFolder, entry: dict, report: Report) -> None:
    """One manifest entry: read at most the bytes it gives (plus one, to see a longer file)."""
    rel, size = entry["path"], entry.get("bytes")
    limit = size + 1 if isinstance(size, int) and 0 <= size < MAX_FILE_BYTES else MAX_FILE_BYTES
    try:
        data = folder.read(rel, limit)
    except Unreadable as exc:
        if exc.code == "file-too-large" and limit < MAX_FILE_BYTES:
            report.add("checksum-mismatch", None, None, rel, f"longer than the {size} bytes the manifest says "
                                                             f"(sha256 {_show(entry.get('sha256'))[:12]}…)")
        elif exc.code in ("unsafe-path", "unsafe-link"):
            report.add("manifest-unsafe-path", None, None, rel[:200], f"{exc}")
        elif exc.code == "file-missing":
            report.add("manifest-file-missing", None, None, rel, "listed in the manifest but absent")
        elif exc.code not in ("special-file",):     # a FIFO or device: the folder check names it
            report.add(exc.code, None, None, rel, f"{exc}")
        return
    digest = hashlib.sha256(data).hexdigest()
    if len(data) != size or digest != entry.get("sha256"):
        report.add("checksum-mismatch", None, None, rel,
                   f"{len(data)} bytes, sha256 {digest[:12]}…; the manifest says "
                   f"{_show(size)} bytes, {_show(entry.get('sha256'))[:12]}…")


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def check_versions(folder: ReleaseFolder, manifest: dict | None, files: dict, report: Report) -> str | None:
    """One version everywhere: the manifest's (else document.dataset_version) is the reference
    for each Parquet file's metadata and the document row; returns it for the card check."""
    doc = (files["document"].rows or [{}])[0] if "document" in files else {}
    version = (manifest or {}).get("dataset_version") or doc.get("dataset_version")
    if not isinstance(version, str):
        version = None if version is None else _show(version)
    if doc and doc.get("dataset_version") != version:
        report.add("metadata-mismatch", "document", doc.get("document_id"), "dataset_version",
                   f"document says {_show(doc.get('dataset_version'))}, the manifest {_show(version)}")
    for table, f in files.items():
        if f.meta.get("dataset_version") != version:
            report.add("metadata-mismatch", table, None, "dataset_version",
                       f"the Parquet metadata says {_show(f.meta.get('dataset_version'))}, the manifest {_show(version)}")
        if doc and f.meta.get("source_sha256") != doc.get("source_sha256"):
            report.add("metadata-mismatch", table, None, "source_sha256", "the Parquet metadata names another source than document.source_sha256")
    _check_catalog_versions(folder, version, report)
    _check_source_copy(folder, doc, report)
    return version


def _check_catalog_versions(folder: ReleaseFolder, version: str | None, report: Report) -> None:
    """The catalog files (Croissant, Data Package) state the version at their top level."""
    for name in CATALOGS:
        try:
            stated = loads_json(folder.read(name, MAX_TEXT_BYTES), name)
        except Unreadable:
            continue        # missing, a link, a FIFO: the folder and manifest checks report it
        except ValueError as exc:
            report.add("file-corrupt", None, None, name, f"not JSON: {exc}")
            continue
        if not isinstance(stated, dict):
            report.add("file-corrupt", None, None, name, f"not a JSON object but a {type(stated).__name__}")
        elif stated.get("version") != version:
            report.add("metadata-mismatch", None, None, name, f"{name} says version {_show(stated.get('version'))}, the manifest {_show(version)}")


def _check_source_copy(folder: ReleaseFolder, doc: dict, report: Report) -> None:
    """The release's copy of the source is the text the tables were built from: its sha256 is
    document.source_sha256 and its text document.text (a resealed table cannot say otherwise)."""
    if not doc:
        return
    try:
        data = folder.read(SOURCE_COPY)
    except Unreadable as exc:
        if exc.code == "file-missing":
            report.add("file-missing", None, None, SOURCE_COPY, "the release's copy of the source is missing")
        return      # a link or a FIFO: never followed, and reported by the folder check
    if hashlib.sha256(data).hexdigest() != doc.get("source_sha256"):
        report.add("source-hash-mismatch", "document", doc.get("document_id"), SOURCE_COPY,
                   "the release's copy of the source is not the text the tables were built from")
    elif data.decode("utf-8", errors="replace") != doc.get("text"):
        report.add("copy-mismatch", "document", doc.get("document_id"), SOURCE_COPY,
                   "the source copy has document.source_sha256 but is not document.text")

