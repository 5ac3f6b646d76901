"""Cross-table rules of validate: spans against the source, derived columns, the card and the
schema copies. Where spans may lie and what rows may point at are in consistency.py; the
manifest and versions in integrity.py."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from fnmatch import fnmatchcase
from itertools import zip_longest
from pathlib import Path

import yaml

from .. import layout, schemas
from ..column_types import hf_features
from ..layout import CARD, parquet_path
from ..reading import ReleaseFolder, Unreadable, load_yaml
from .report import Report


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
                _check_span(text, table, schemas.row_id(table, row, i), row, text_col, start_col, end_col, report)
    _check_heading_spans(tables, report)


def _check_span(text, table, rid, row, text_col, start_col, end_col, report) -> None:
    start, end, value = row.get(start_col), row.get(end_col), row.get(text_col)
    if start is None and end is None and value is None:
        return
    problem = span_problem(text, start_col, start, end_col, end, text_col, value)
    if problem:
        report.add("offset-mismatch", table, rid, *problem)


def span_problem(text: str, start_col: str, start, end_col: str, end, text_col: str, value) -> tuple[str, str] | None:
    """(field, message) naming what is wrong with a span that is not all null: a missing offset,
    one out of range, or text that is not the source slice."""
    missing = [col for col, v in ((start_col, start), (end_col, end)) if not isinstance(v, int)]
    if missing:
        given = [f"{col} {v!r}" for col, v in ((start_col, start), (end_col, end), (text_col, value)) if v is not None]
        return missing[0], (f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} null, but {', '.join(given)}: "
                            "a span's offsets and text are all null or none is")
    if start < 0 or start > end:
        return start_col, f"{start_col} {start} is {'negative' if start < 0 else f'after {end_col} {end}'}"
    if end > len(text):
        return end_col, f"{end_col} {end} is past the end of document.text ({len(text)} characters)"
    if text[start:end] != value:
        return start_col, f"text[{start}:{end}] is {text[start:end]!r}, but {text_col} is {value!r}"
    return None


def _check_heading_spans(tables: dict, report: Report) -> None:
    blocks = {b.get("block_id"): b for b in tables.get("blocks", [])}
    for s in tables.get("sections", []):
        b = blocks.get(s.get("heading_block_id"))
        if b and (s.get("char_start"), s.get("char_end")) != (b.get("char_start"), b.get("char_end")):
            report.add("offset-mismatch", "sections", s.get("section_index"), "char_start", "the heading's span is not its block's")


def check_derived(tables: dict, report: Report) -> None:
    """Columns derived from other tables; skipped when a table they derive from could not be read
    (its file-missing or file-corrupt says it all, without a problem on every row that points at it)."""
    if {"speakers", "attributions"} <= set(tables):
        _check_speaker_counts(tables["speakers"], tables["attributions"], report)
    if {"paragraphs", "speakers", "attributions"} <= set(tables):
        _check_paragraph_speakers(tables["paragraphs"], tables["speakers"], tables["attributions"], report)
    if {"paragraphs", "sections", "blocks"} <= set(tables):
        _check_paragraph_places(tables["paragraphs"], tables["sections"], tables["blocks"], report)
    if "blocks" in tables:
        _check_block_lines(tables["blocks"], report)
    for i, sp in enumerate(tables.get("speakers", [])):
        roles, affs = sp.get("roles") or [], sp.get("affiliations") or []
        if len(roles) != len(affs) or any((a.get("organization") or "") + (a.get("title") or "") != r for r, a in zip(roles, affs)):
            report.add("affiliation-mismatch", "speakers", schemas.row_id("speakers", sp, i), "affiliations", f"{affs} do not split {roles}")


def _check_block_lines(blocks: list[dict], report: Report) -> None:
    """Block i (by position) is line i + 1 of the text and starts one newline after the block
    before it ends: position, line and char_start are derived from the text's lines."""
    start = 0
    for i, b in enumerate(sorted(blocks, key=lambda b: b["position"])):
        if (b["position"], b["line"], b["char_start"]) != (i, i + 1, start):
            report.add("derived-mismatch", "blocks", schemas.row_id("blocks", b, i), "line",
                       f"position {b['position']}, line {b['line']}, char_start {b['char_start']}; block {i + 1} in reading "
                       f"order is at position {i}, line {i + 1}, and starts at {start}")
        start = b["char_end"] + 1


def _by(rows: list[dict], column: str) -> dict:
    """rows grouped by one column's value, in their order: one pass, so that the cross-table
    checks below are linear in the rows rather than a scan of one table per row of another."""
    groups = defaultdict(list)
    for row in rows:
        groups[_hashable(row.get(column))].append(row)
    return groups


def _hashable(value):
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def _check_speaker_counts(speakers, attributions, report) -> None:
    by_speaker = _by(attributions, "speaker_id")
    for i, sp in enumerate(speakers):
        mine = by_speaker.get(_hashable(sp.get("speaker_id")), [])
        if sp.get("n_attributions") != len(mine):
            report.add("count-mismatch", "speakers", schemas.row_id("speakers", sp, i), "n_attributions", f"says {sp.get('n_attributions')}, attributions has {len(mine)}")
        if mine and sp.get("first_paragraph_id") != mine[0].get("paragraph_id"):
            report.add("derived-mismatch", "speakers", schemas.row_id("speakers", sp, i), "first_paragraph_id", f"first attribution is in {mine[0].get('paragraph_id')}")


def _check_paragraph_speakers(paragraphs, speakers, attributions, report) -> None:
    names = {_hashable(s.get("speaker_id")): s.get("name") for s in speakers}
    by_paragraph = _by(attributions, "paragraph_id")
    for i, p in enumerate(paragraphs):
        ids = list(dict.fromkeys(a.get("speaker_id") for a in by_paragraph.get(_hashable(p.get("paragraph_id")), [])))
        if p.get("speaker_ids") != ids or p.get("speaker_names") != [names.get(_hashable(x)) for x in ids]:
            report.add("derived-mismatch", "paragraphs", schemas.row_id("paragraphs", p, i), "speaker_ids", f"attributions give {ids}")


def _check_paragraph_places(paragraphs, sections, blocks, report) -> None:
    """A paragraph repeats its block's span and section, and its section's label and title; a
    section lists exactly the paragraphs that say they are in it."""
    by_index = {_hashable(s.get("section_index")): s for s in sections}
    by_block = {_hashable(b.get("block_id")): b for b in blocks}
    for i, p in enumerate(paragraphs):
        s, b = by_index.get(_hashable(p.get("section_index"))), by_block.get(_hashable(p.get("block_id")))
        if s and (p.get("section_label"), p.get("section_title")) != (s.get("label"), s.get("title")):
            report.add("derived-mismatch", "paragraphs", schemas.row_id("paragraphs", p, i), "section_label", f"section {s.get('section_index')} prints {s.get('label')!r} {s.get('title')!r}")
        if b and (p.get("char_start"), p.get("char_end"), p.get("section_index")) != (b.get("char_start"), b.get("char_end"), b.get("section_index")):
            report.add("derived-mismatch", "paragraphs", schemas.row_id("paragraphs", p, i), "block_id", f"block {b.get('block_id')} has another span or section")
    in_section = _by(paragraphs, "section_index")
    for i, s in enumerate(sections):
        listed = [p.get("paragraph_id") for p in in_section.get(_hashable(s.get("section_index")), [])]
        if s.get("paragraph_ids") != listed:
            report.add("derived-mismatch", "sections", schemas.row_id("sections", s, i), "paragraph_ids", f"the paragraphs in this section are {listed}")


def read_front_matter(path_or_text) -> dict | None:
    """The card's YAML front matter (no aliases, bounded nesting), or None without one."""
    text = path_or_text if isinstance(path_or_text, str) else Path(path_or_text).read_text(encoding="utf-8")
    front, _ = split_card(text)
    return None if front is None else load_yaml(front)


def split_card(text: str) -> tuple[str | None, str]:
    """(YAML front matter, body) of a card; (None, text) without front matter."""
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---\n", 3)
    return (text[4:end], text[end + 5:]) if end > 0 else (None, text)


def check_card(folder: ReleaseFolder, files: dict, version: str | None, report: Report) -> None:
    """The card's YAML against the files: configs and their data_files, version, and for each
    config the whole features (as derived from its JSON Schema), num_examples, num_bytes (the
    table in memory) and download_size (the Parquet file)."""
    try:
        meta = read_front_matter(folder.read_text(CARD)) or {}
    except Unreadable as exc:
        if exc.code == "file-missing":
            report.add("file-missing", None, None, CARD, "the generated card is missing")
        elif exc.code in ("file-corrupt", "file-too-large"):
            report.add(exc.code, None, None, CARD, f"{exc}")
        return      # a link or a FIFO: the folder check reports it
    except yaml.YAMLError as exc:
        report.add("card-mismatch", None, None, CARD, f"the card's YAML does not parse: {str(exc)[:300]}")
        return
    if not isinstance(meta, dict):
        report.add("card-mismatch", None, None, CARD, "the card's YAML is not a mapping")
        return
    # a table without rows is no config: `datasets` cannot load it (card.loadable)
    wanted = {t for t in schemas.TABLES if t not in files or files[t].rows}
    configs = {str(c.get("config_name")) for c in _mappings(meta.get("configs"))}
    if configs != wanted:
        report.add("card-mismatch", None, None, "configs", f"configs {sorted(configs)}, expected the tables with rows {sorted(wanted)}")
    _check_data_files(folder, _mappings(meta.get("configs")), report)
    if version is not None and str(meta.get("version")) != version:
        report.add("card-mismatch", None, None, "version", f"the card says version {meta.get('version')!r}, the release {version!r}")
    infos = {i.get("config_name"): i for i in _mappings(meta.get("dataset_info"))}
    for table, f in files.items():
        if not f.rows:
            if table in infos:
                report.add("card-mismatch", table, None, "dataset_info", "a table without rows has dataset_info but is no config")
            continue
        if table not in infos:
            report.add("card-mismatch", table, None, "dataset_info", "the card has no dataset_info for this table")
        else:
            _check_info(infos[table], table, f, report)


def _mappings(value) -> list[dict]:
    """The mappings of a YAML list; anything else in a hand-edited card counts as nothing."""
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _int(value) -> int:
    return value if isinstance(value, int) else 0


def _check_info(info: dict, table: str, f, report: Report) -> None:
    features, wanted = info.get("features"), hf_features(schemas.load_schema(table)["properties"])
    if features != wanted:
        features = features if isinstance(features, list) else [features]
        first = next(i for i, (x, y) in enumerate(zip_longest(features, wanted)) if x != y)
        report.add("card-mismatch", table, None, "features",
                   f"card feature {first} is {_at(features, first)}, the schema gives {_at(wanted, first)}")
    splits = _mappings(info.get("splits"))
    found = {"num_examples": sum(_int(s.get("num_examples")) for s in splits), "num_bytes": sum(_int(s.get("num_bytes")) for s in splits),
             "download_size": info.get("download_size")}
    actual = {"num_examples": len(f.rows), "num_bytes": f.nbytes, "download_size": f.file_bytes}
    for key, value in actual.items():
        if found[key] != value:
            report.add("card-mismatch", table, None, key, f"the card says {key} {found[key]}, the file gives {value}")


def _at(features: list, i: int):
    return features[i] if i < len(features) else "nothing"


def _check_data_files(folder: ReleaseFolder, configs: list[dict], report: Report) -> None:
    """Each config's one split is train, and its path glob matches its table's Parquet file and
    no other file of the release."""
    files = folder.files()
    for config in configs:
        table = config.get("config_name")
        if table not in schemas.TABLES:
            continue            # the configs check names it
        expected = parquet_path(Path(), table).as_posix()
        entries = _data_files(config.get("data_files"))
        if [split for split, _ in entries] != ["train"]:
            report.add("card-mismatch", table, None, "data_files", f"splits {[split for split, _ in entries]}; one split, train, expected")
        for _, pattern in entries:
            hits = [f for f in files if isinstance(pattern, str) and fnmatchcase(f, pattern)]
            if hits != [f for f in files if f == expected]:
                report.add("card-mismatch", table, None, "data_files", f"path {pattern!r} matches {hits}, not exactly {expected}")


def _data_files(value) -> list[tuple]:
    """(split, path glob) pairs of a config's data_files, in any form the Hub reads: a glob, a
    list of globs (split train), or a list of {split, path} with one glob or a list of them."""
    if isinstance(value, str):
        return [("train", value)]
    pairs = []
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, dict):
            paths = entry.get("path")
            pairs += [(entry.get("split"), p) for p in (paths if isinstance(paths, list) else [paths])]
        else:
            pairs.append(("train", entry))
    return pairs


def check_schema_copies(folder: ReleaseFolder, ids: dict[str, str], report: Report) -> None:
    """Each copy is the project's schema with this release's `$id` (see schemas.schema_text)."""
    for table in schemas.TABLES:
        rel = layout.schema_copy(table)
        expected = schemas.schema_text(table, ids[table]).encode("utf-8")
        try:
            copy = folder.read(rel, len(expected) + 1)
        except Unreadable as exc:
            if exc.code == "file-missing":
                report.add("file-missing", table, None, None, f"{rel} is missing")
            elif exc.code in ("file-too-large", "file-corrupt"):
                report.add("schema-copy-mismatch", table, None, None, f"{rel} differs from the project's schema ({exc})")
            continue
        if copy != expected:
            report.add("schema-copy-mismatch", table, None, None,
                       f"{rel} differs from the project's schema with $id {ids[table]!r}")
