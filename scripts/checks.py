"""Cross-table rules of validate: spans against the source, derived columns, the card, the
schema copies and the manifest."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml

from . import schemas
from .release import MANIFEST, content_hash, release_files
from .report import Report


def _id(table, row, i):
    from .validate import row_id
    return row_id(table, row, i)


def check_spans(tables: dict, report: Report) -> None:
    doc = tables["document"][0]
    text = doc.get("text") or ""
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != doc.get("source_sha256"):
        report.add("source-hash-mismatch", "document", doc.get("document_id"), "source_sha256", "not the sha256 of text")
    if doc.get("n_chars") != len(text) or doc.get("n_lines") != text.count("\n") + 1:
        report.add("count-mismatch", "document", doc.get("document_id"), "n_chars", "n_chars/n_lines do not count text")
    blocks = sorted(tables.get("blocks", []), key=lambda r: r.get("position") or 0)
    if "\n".join(b.get("text") or "" for b in blocks) != text:
        report.add("source-not-rebuilt", "blocks", None, "text", "joining block texts with newlines does not give document.text")
    for table, rows in tables.items():
        for text_col, start_col, end_col in schemas.span_fields(table):
            for i, row in enumerate(rows):
                _check_span(text, table, _id(table, row, i), row, text_col, start_col, end_col, report)
    _check_heading_spans(tables, report)


def _check_span(text, table, rid, row, text_col, start_col, end_col, report) -> None:
    start, end, value = row.get(start_col), row.get(end_col), row.get(text_col)
    if start is None and end is None and value is None:
        return
    if not (isinstance(start, int) and isinstance(end, int)) or text[start:end] != value or not 0 <= start <= end <= len(text):
        report.add("offset-mismatch", table, rid, start_col, f"text[{start}:{end}] is {text[start:end] if isinstance(start, int) and isinstance(end, int) else None!r}, the row says {value!r}")


def _check_heading_spans(tables: dict, report: Report) -> None:
    blocks = {b.get("block_id"): b for b in tables.get("blocks", [])}
    for s in tables.get("sections", []):
        b = blocks.get(s.get("heading_block_id"))
        if b and (s.get("char_start"), s.get("char_end")) != (b.get("char_start"), b.get("char_end")):
            report.add("offset-mismatch", "sections", s.get("section_index"), "char_start", "the heading's span is not its block's")


def check_derived(tables: dict, report: Report) -> None:
    attributions = tables.get("attributions", [])
    _check_speaker_counts(tables.get("speakers", []), attributions, report)
    _check_paragraph_speakers(tables.get("paragraphs", []), tables.get("speakers", []), attributions, report)
    for i, sp in enumerate(tables.get("speakers", [])):
        roles, affs = sp.get("roles") or [], sp.get("affiliations") or []
        if len(roles) != len(affs) or any((a.get("organization") or "") + (a.get("title") or "") != r for r, a in zip(roles, affs)):
            report.add("affiliation-mismatch", "speakers", _id("speakers", sp, i), "affiliations", f"{affs} do not split {roles}")


def _check_speaker_counts(speakers, attributions, report) -> None:
    for i, sp in enumerate(speakers):
        mine = [a for a in attributions if a.get("speaker_id") == sp.get("speaker_id")]
        if sp.get("n_attributions") != len(mine):
            report.add("count-mismatch", "speakers", _id("speakers", sp, i), "n_attributions", f"says {sp.get('n_attributions')}, attributions has {len(mine)}")
        if mine and sp.get("first_paragraph_id") != mine[0].get("paragraph_id"):
            report.add("derived-mismatch", "speakers", _id("speakers", sp, i), "first_paragraph_id", f"first attribution is in {mine[0].get('paragraph_id')}")


def _check_paragraph_speakers(paragraphs, speakers, attributions, report) -> None:
    names = {s.get("speaker_id"): s.get("name") for s in speakers}
    for i, p in enumerate(paragraphs):
        ids = []
        for a in attributions:
            if a.get("paragraph_id") == p.get("paragraph_id") and a.get("speaker_id") not in ids:
                ids.append(a.get("speaker_id"))
        if p.get("speaker_ids") != ids or p.get("speaker_names") != [names.get(x) for x in ids]:
            report.add("derived-mismatch", "paragraphs", _id("paragraphs", p, i), "speaker_ids", f"attributions give {ids}")


def read_front_matter(path: Path) -> dict | None:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 4)
    return yaml.safe_load(text[4:end]) if end > 0 else None


def check_card(root: Path, tables: dict, report: Report) -> None:
    path = Path(root) / "README.md"
    if not path.is_file():
        report.add("file-missing", None, None, "README.md", "the generated card is missing")
        return
    try:
        meta = read_front_matter(path) or {}
    except yaml.YAMLError as exc:
        report.add("card-mismatch", None, None, "README.md", f"the card's YAML does not parse: {exc}")
        return
    configs = {c.get("config_name") for c in meta.get("configs") or []}
    if configs != set(schemas.TABLES):
        report.add("card-mismatch", None, None, "configs", f"configs {sorted(configs)} differ from the tables")
    for info in meta.get("dataset_info") or []:
        _check_info(info, tables, report)


def _check_info(info: dict, tables: dict, report: Report) -> None:
    table = info.get("config_name")
    if table not in tables:
        return
    names = [f.get("name") for f in info.get("features") or []]
    if names != schemas.columns(table):
        report.add("card-mismatch", table, None, "features", f"card features {names} differ from the columns")
    examples = sum(s.get("num_examples", 0) for s in info.get("splits") or [])
    if examples != len(tables[table]):
        report.add("card-mismatch", table, None, "num_examples", f"card says {examples}, the file has {len(tables[table])}")


def check_schema_copies(root: Path, report: Report) -> None:
    for table in schemas.TABLES:
        copy = Path(root) / "schema" / f"{table}.schema.json"
        if not copy.is_file():
            report.add("file-missing", table, None, None, f"schema/{table}.schema.json is missing")
        elif copy.read_bytes() != schemas.schema_file(table).read_bytes():
            report.add("schema-copy-mismatch", table, None, None, f"schema/{table}.schema.json differs from the project's schema")


def check_manifest(root: Path, tables: dict, report: Report) -> None:
    root = Path(root).resolve()
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        entries = {e["path"]: e for e in manifest["files"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        report.add("manifest-missing", None, None, MANIFEST, f"cannot read the manifest: {exc}")
        return
    for rel, entry in entries.items():
        _check_manifest_file(root, rel, entry, report)
    listed = {(root / p).resolve() for p in entries}
    for path in release_files(root):
        if path.resolve() not in listed:
            report.add("manifest-extra-file", None, None, path.relative_to(root).as_posix(), "a file the manifest does not list")
    for table, rows in tables.items():
        want = (manifest.get("tables") or {}).get(table) or {}
        if want.get("rows") != len(rows) or want.get("content_sha256") != content_hash(table, rows):
            report.add("content-hash-mismatch", table, None, None, "rows or content hash differ from the manifest")


def _check_manifest_file(root: Path, rel: str, entry: dict, report: Report) -> None:
    path = (root / rel).resolve()
    if Path(rel).is_absolute() or ".." in Path(rel).parts or root not in path.parents:
        report.add("manifest-unsafe-path", None, None, rel, "the path leaves the release folder; not read")
        return
    if not path.is_file():
        report.add("manifest-file-missing", None, None, rel, "listed in the manifest but absent")
        return
    data = path.read_bytes()
    if len(data) != entry.get("bytes") or hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        report.add("checksum-mismatch", None, None, rel, "size or sha256 differs from the manifest")
