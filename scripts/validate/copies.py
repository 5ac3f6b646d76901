"""The release's generated and copied files against what the build would write from its tables:
the license, the catalogs, the card's body and the curated file's copy.

A manifest resealed by whoever edited a file says nothing about that file; these checks do not
use it. They call the writers' pure functions (card.render_file, catalog.croissant and
catalog.datapackage) on the tables read back, and compare: a license, catalog or card body that a
build of these tables would not write is a copy-mismatch.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from .. import about, layout, schemas
from ..release import catalog
from ..release.card import Release, blank_regions, render_file

# Regions of the card that validate does not render again: the script reference check runs OpenCC
# over the whole text (most of validate's time), and says nothing the errata rows and
# `jd-wechat-commentary errata-check` do not.
SKIPPED_REGIONS = ("reference-check",)
from .checks import split_card
from ..errors import BuildError
from ..errors import WARNING_CODES
from ..layout import CARD, CATALOGS, CURATION_COPY, LICENSE_COPY, WARNINGS, parquet_path
from ..reading import MAX_TEXT_BYTES, ReleaseFolder, Unreadable, loads_json
from .report import Report


def check_copies(folder: ReleaseFolder, tables: dict, version: str | None, files: dict, report: Report,
                 manifest: dict | None = None) -> None:
    """Only on a release whose every table was read and passed its schema, with one document:
    otherwise those problems are reported already and the writers would fail on the tables.
    The repository the release is built for comes from the manifest (publish checks it)."""
    if version is None or set(tables) != set(schemas.TABLES) or len(tables["document"]) != 1:
        return
    curated = folder.exists(CURATION_COPY)
    profile = about.profile_for(tables["document"][0]["document_id"], curated=curated)
    repo_id = (manifest or {}).get("repo_id")
    repo_id = repo_id if isinstance(repo_id, str) else None
    warnings = read_warnings(folder, report)
    if warnings is None:
        return
    release = Release(tables, version, profile, repo_id, tuple(warnings))
    _compare_text(folder, LICENSE_COPY, render_file(profile.license_template, release), report)
    _check_card_body(folder, render_file(profile.card_template, release, SKIPPED_REGIONS), report)
    _check_catalogs(folder, tables, version, profile, report, repo_id)
    if curated:
        check_curation_copy(folder, tables, report)


class _Warning(str):
    """A warning as read back from warnings.jsonl: enough for the card's count by code."""

    def __new__(cls, record: dict):
        self = super().__new__(cls, record["message"])
        self.code, self.line = record["code"], record["line"]
        return self


def read_warnings(folder: ReleaseFolder, report: Report) -> list | None:
    """warnings.jsonl: one object a line with a known code, a line number or null, a file and a
    message; None (and a copy-mismatch naming the line) when a record is not that."""
    text = _read_text(folder, WARNINGS)
    if text is None:
        return []
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            record = loads_json(line, f"{WARNINGS}:{number}")
        except ValueError as exc:
            report.add("copy-mismatch", None, None, WARNINGS, f"line {number}: {exc}")
            return None
        if not (isinstance(record, dict) and record.get("code") in WARNING_CODES and isinstance(record.get("message"), str)
                and isinstance(record.get("file"), str) and (record.get("line") is None or type(record.get("line")) is int)):
            report.add("copy-mismatch", None, None, WARNINGS, f"line {number}: not a build warning (code, file, line, message)")
            return None
        out.append(_Warning(record))
    return out


def _read_text(folder: ReleaseFolder, rel: str) -> str | None:
    """The file's text, or None when it cannot be read (the folder and manifest checks say why)."""
    try:
        return folder.read_text(rel, MAX_TEXT_BYTES)
    except Unreadable:
        return None


def _compare_text(folder: ReleaseFolder, rel: str, expected: str, report: Report) -> None:
    found = _read_text(folder, rel)
    if found is not None and found != expected:
        report.add("copy-mismatch", None, None, rel, f"differs from what the build writes from these tables {_first_difference(found, expected)}")


def _first_difference(found: str, expected: str) -> str:
    i = next((i for i, (a, b) in enumerate(zip(found, expected)) if a != b), min(len(found), len(expected)))
    line = found[:i].count("\n") + 1
    return f"(line {line}: {found[i:i + 40]!r}, expected {expected[i:i + 40]!r})"


def _check_card_body(folder: ReleaseFolder, expected: str, report: Report) -> None:
    """The Markdown after the front matter (check_card checks the front matter itself)."""
    text = _read_text(folder, CARD)
    if text is None:
        return
    front, body = split_card(text)
    body = blank_regions(body, SKIPPED_REGIONS)
    if front is not None and body.lstrip("\n") != expected.lstrip("\n"):
        report.add("copy-mismatch", None, None, CARD, f"the card's text differs from what the build writes {_first_difference(body.lstrip(chr(10)), expected.lstrip(chr(10)))}")


def _check_catalogs(folder: ReleaseFolder, tables: dict, version: str, profile, report: Report, repo_id: str | None = None) -> None:
    """croissant.json and datapackage.json, parsed, equal what catalog.py makes of these tables and
    of the Parquet files' sizes and sha256 (the version itself is check_versions')."""
    entries = {}
    for table in schemas.TABLES:
        rel = parquet_path(Path(), table).as_posix()
        try:
            data = folder.read(rel)
        except Unreadable:
            return
        entries[table] = {"path": rel, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    document = tables["document"][0]
    wanted = {layout.CROISSANT: catalog.croissant(entries, version, document, profile, about.languages(tables), repo_id),
              layout.DATAPACKAGE: catalog.datapackage(entries, version, document, profile, repo_id)}
    for name in CATALOGS:
        try:
            found = loads_json(folder.read(name, MAX_TEXT_BYTES), name)
        except (Unreadable, ValueError):
            continue        # reported by check_versions or the folder check
        expected = json.loads(json.dumps(wanted[name]))
        if isinstance(found, dict) and isinstance(expected, dict):
            found = {**found, "version": expected.get("version")}
            if found != expected:
                keys = sorted(k for k in set(found) | set(expected) if found.get(k) != expected.get(k))
                report.add("copy-mismatch", None, None, name, f"differs from what the build writes from these tables in {', '.join(keys)}")


def check_curation_copy(folder: ReleaseFolder, tables: dict, report: Report) -> None:
    """The curated file's copy parses as a curated file, and what it decides is in the tables: the
    document's id, title and article id, each curated speaker's id, type and romanized name, and
    the curated errata (printed, suggested, kind, note)."""
    from ..source import curation_from_bytes

    try:
        curation = curation_from_bytes(CURATION_COPY, folder.read(CURATION_COPY, MAX_TEXT_BYTES))
    except Unreadable:
        return
    except BuildError as exc:
        report.add("copy-mismatch", None, None, CURATION_COPY, f"not a curated file: {exc}")
        return
    problems = _curation_differences(curation, tables)
    for fld, message in problems:
        report.add("copy-mismatch", None, None, f"{CURATION_COPY}: {fld}", message)


def _curation_differences(curation, tables: dict) -> list[tuple[str, str]]:
    out = []
    doc = tables["document"][0]
    for key in ("document_id", "title", "source_id"):
        if key in curation.document and curation.document[key] != doc.get(key):
            out.append((f"document.{key}", f"the curated file says {curation.document[key]!r}, document.{key} is {doc.get(key)!r}"))
    speakers = {s["name"]: s for s in tables["speakers"]}
    for entry in curation.speakers:
        row = speakers.get(entry["name"], {})
        wrong = [k for k in ("speaker_id", "speaker_type", "name_romanized") if k in entry and entry[k] != row.get(k)]
        if wrong:
            out.append((f"speakers {entry['name']}", f"{', '.join(wrong)} in the curated file differ from the speakers table"))
    key = lambda e: (e["printed"], e["suggested"], e["kind"], e["note"])  # noqa: E731
    curated = Counter(key(e) for e in curation.errata)
    found = Counter(key(e) for e in tables["errata"] if e["detected_by"] == "curated")
    if curated != found:
        out.append(("errata", f"{sum((curated - found).values())} curated erratum(s) missing from the errata table, "
                              f"{sum((found - curated).values())} there that the curated file does not give"))
    return out
