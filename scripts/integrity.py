"""The release's files against its manifest and its version: checksums, content hashes, safe
paths, and one dataset version everywhere it is written.

Nothing here follows a path out of the release folder or runs anything found in it: files are
only listed, stat'ed and hashed.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath

from .layout import MANIFEST, content_hash, release_files
from .report import Report

CATALOGS = ("croissant.json", "datapackage.json")    # written by catalog.py; only read here


def read_manifest(root: Path, report: Report) -> dict | None:
    try:
        manifest = json.loads((Path(root) / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or not all(isinstance(e, dict) and isinstance(e.get("path"), str) for e in manifest["files"]):
            raise ValueError("not a mapping with a list of files, each with a path")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        report.add("manifest-missing", None, None, MANIFEST, f"cannot read the manifest: {exc}")
        return None
    return manifest


def check_manifest(root: Path, manifest: dict, tables: dict, report: Report) -> None:
    root = Path(root).resolve()
    listed = set()      # safe or not: a refused path is not reported a second time as extra
    for entry in manifest["files"]:
        path = safe_path(root, entry["path"])
        listed.add(path or root.joinpath(entry["path"]))
        if path is None:
            report.add("manifest-unsafe-path", None, None, entry["path"], "the path leaves the release folder or goes through a symbolic link; not read")
        else:
            _check_file(root, path, entry, report)
    for path in release_files(root):
        if path not in listed:
            report.add("manifest-extra-file", None, None, path.relative_to(root).as_posix(), "a file the manifest does not list")
    want_tables = manifest.get("tables") if isinstance(manifest.get("tables"), dict) else {}
    for table, rows in tables.items():
        want = want_tables.get(table) if isinstance(want_tables.get(table), dict) else {}
        if want.get("rows") != len(rows) or want.get("content_sha256") != content_hash(table, rows):
            report.add("content-hash-mismatch", table, None, None,
                       f"{len(rows)} rows with content hash {content_hash(table, rows)[:12]}…; the manifest says "
                       f"{want.get('rows')} rows, {str(want.get('content_sha256'))[:12]}…")


def safe_path(root: Path, rel: str) -> Path | None:
    """The file a manifest path names, or None when it could leave the folder: absolute, with
    `..`, a backslash or a drive, or through a symbolic link. Decided before anything is read."""
    pure = PurePosixPath(rel)
    if not pure.parts or pure.is_absolute() or ".." in pure.parts or "\\" in rel or ":" in pure.parts[0]:
        return None
    path = root.joinpath(*pure.parts)
    walk = root
    for part in pure.parts:
        walk = walk / part
        if walk.is_symlink():
            return None
    return path


def _check_file(root: Path, path: Path, entry: dict, report: Report) -> None:
    rel = path.relative_to(root).as_posix()
    if not path.is_file():
        report.add("manifest-file-missing", None, None, rel, "listed in the manifest but absent")
        return
    data = path.read_bytes()
    if len(data) != entry.get("bytes") or hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        report.add("checksum-mismatch", None, None, rel,
                   f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:12]}…; the manifest says "
                   f"{entry.get('bytes')} bytes, {str(entry.get('sha256'))[:12]}…")


def check_versions(root: Path, manifest: dict | None, files: dict, report: Report) -> str | None:
    """One version everywhere: the manifest's (else document.dataset_version) is the reference
    for each Parquet file's metadata and the document row; returns it for the card check."""
    doc = (files["document"].rows or [{}])[0] if "document" in files else {}
    version = (manifest or {}).get("dataset_version") or doc.get("dataset_version")
    if doc and doc.get("dataset_version") != version:
        report.add("metadata-mismatch", "document", doc.get("document_id"), "dataset_version",
                   f"document says {doc.get('dataset_version')!r}, the manifest {version!r}")
    for table, f in files.items():
        if f.meta.get("dataset_version") != version:
            report.add("metadata-mismatch", table, None, "dataset_version",
                       f"the Parquet metadata says {f.meta.get('dataset_version')!r}, the manifest {version!r}")
        if doc and f.meta.get("source_sha256") != doc.get("source_sha256"):
            report.add("metadata-mismatch", table, None, "source_sha256", "the Parquet metadata names another source than document.source_sha256")
    _check_catalog_versions(root, version, report)
    _check_source_copy(root, doc, report)
    return version


def _check_catalog_versions(root: Path, version: str | None, report: Report) -> None:
    """The catalog files (Croissant, Data Package) state the version at their top level."""
    for name in CATALOGS:
        path = safe_path(Path(root).resolve(), name)
        if path is None or not path.is_file():
            continue        # a missing catalog is the manifest's to report
        try:
            stated = json.loads(path.read_text(encoding="utf-8")).get("version")
        except (ValueError, AttributeError) as exc:
            report.add("file-corrupt", None, None, name, f"not a JSON object: {exc}")
            continue
        if stated != version:
            report.add("metadata-mismatch", None, None, name, f"{name} says version {stated!r}, the manifest {version!r}")


def _check_source_copy(root: Path, doc: dict, report: Report) -> None:
    path = safe_path(Path(root).resolve(), "source/article.txt")
    if not doc or path is None:
        return      # a symbolic link: never followed, and reported by the manifest check
    if not path.is_file():
        report.add("file-missing", None, None, "source/article.txt", "the release's copy of the source is missing")
    elif hashlib.sha256(path.read_bytes()).hexdigest() != doc.get("source_sha256"):
        report.add("source-hash-mismatch", "document", doc.get("document_id"), "source/article.txt",
                   "the release's copy of the source is not the text the tables were built from")
