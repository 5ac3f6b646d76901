"""The build: a short list of steps, then an atomic swap of the release folder.

    source text -> blocks -> sections -> statements -> speakers -> tables
                -> files (Parquet, schemas, card, catalogs, manifest) -> validate -> swap
"""
from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import layout
from .about import profile_for
from .rules.attribution import find_statements
from .rules.blocks import split_blocks
from .errors import BuildError, UsageError, Warnings
from .escape import printable
from .inputs import check_chinese, warn_invisible
from .release.outdir import Temporary, check_out_folder, clean_stale_temporaries
from .rules.sections import build_sections
from .rules.errata import check_anchors, find_errata
from .source import Curation, Source, read_curation, read_source
from .rules.speakers import build_speakers
from .release.rows import make_tables
from .rules.conversion import detect_script
from .version import DATASET_VERSION


@dataclass
class Document:
    source: Source
    curation: Curation
    document_id: str
    script: str = ""
    blocks: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    speakers: list = field(default_factory=list)
    errata: list = field(default_factory=list)     # rules/errata.py: the rule-found and the curated errors of the source
    profile: object = None       # about.Profile: what the release says about itself
    warnings: list = field(default_factory=list)   # the build's warnings, written into the release


def parse(source: Source, curation: Curation, warnings: Warnings) -> Document:
    """Source and curated file -> every record the tables are made of."""
    spans = check_anchors(source.text, curation)
    doc_id = curation.document.get("document_id") or _slug(source.path.stem)
    doc = Document(source, curation, doc_id, detect_script(source.text),
                   profile=profile_for(doc_id, curated=curation.path is not None), warnings=warnings)
    doc.blocks = split_blocks(source.text)
    check_chinese(source.path, doc.blocks)
    warn_invisible(source.text, warnings)
    doc.sections = build_sections(doc.blocks)
    doc.errata = find_errata(doc.sections, doc.blocks, curation.errata, spans)
    paragraphs = [b for b in doc.blocks if b.block_type == "paragraph"]
    # only named speakers guide the rules; a curated unnamed or media entry gives an id and romanization
    names = {s["name"]: s.get("speaker_type", "person") for s in curation.speakers
             if s.get("speaker_type", "person") in ("person", "organization")}
    doc.statements = find_statements(source.text, paragraphs, names, warnings)
    doc.speakers = build_speakers(doc.statements, curation, warnings)
    return doc


def build_tables(source_path: Path, curation_path: Path | None, warnings: Warnings, version: str = DATASET_VERSION):
    doc = parse(read_source(source_path), read_curation(curation_path), warnings)
    return doc, make_tables(doc, version)


def build(source_path: Path, curation_path: Path | None, out_dir: Path, version: str = DATASET_VERSION,
          strict: bool = False) -> Warnings:
    """Build into a temporary folder beside out_dir, validate it there, then swap it in.
    Any failure leaves out_dir as it was and removes the temporary folder. out_dir must be new,
    empty or a release this tool built (outdir.py); otherwise UsageError, before anything is read."""
    check_input_file(source_path, "--source")
    check_input_file(curation_path, "--curation")
    out_dir = check_out_folder(out_dir, [source_path, curation_path])
    warnings = Warnings()
    doc, tables = build_tables(Path(source_path), curation_path, warnings, version)
    if strict and warnings:
        raise BuildError("warnings-with-strict", str(source_path), f"{len(warnings)} warning(s) with --strict:\n  " + "\n  ".join(map(printable, warnings.in_line_order())),
                         "no warning; the previous release is untouched")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_temporaries(out_dir)
        with Temporary(out_dir) as tmp:
            _write_and_validate(tmp.release, out_dir, doc, tables, version)
            check_out_folder(out_dir, [source_path, curation_path])   # again: the folder may have changed meanwhile
            swap_in(tmp.release, out_dir, tmp.folder / "old")
        refresh_docs(out_dir, doc, tables, version)
    except OSError as exc:
        raise _os_error(out_dir, exc) from exc
    return warnings


def refresh_docs(out_dir: Path, doc: Document, tables: dict, version: str) -> None:
    """CARD.md and README.md beside the project's release carry the card's generated regions in
    place (card.py): after a build of that release, their regions are rewritten with the current
    text. Only when the card template used is the CARD.md beside the release, so a build into any
    other folder (an experiment, another article) never touches the checkout."""
    from .release.card import Release, render

    project = Path(out_dir).resolve().parent
    if Path(doc.profile.card_template).resolve() != project / layout.PROJECT_CARD:
        return
    release = Release(tables, version, doc.profile, doc.curation.repo_id, tuple(doc.warnings))
    for path in (project / layout.PROJECT_CARD, project / layout.PROJECT_README):
        text = path.read_text(encoding="utf-8") if path.is_file() else None
        new = render(text, release) if text is not None else None
        if new is not None and new != text:
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(new, encoding="utf-8")
            os.replace(tmp, path)


def check_input_file(path: Path | None, option: str) -> None:
    """A missing or unreadable input is a bad argument (exit 2), before any work is done."""
    if path is None:
        return
    path = Path(path)
    if not path.exists():
        raise UsageError(path, f"no such file (given as {option})", f"give {option} an existing UTF-8 text file")
    if not path.is_file():
        raise UsageError(path, f"not a regular file (given as {option})", f"give {option} a UTF-8 text file, not a folder or a device")
    if not os.access(path, os.R_OK):
        raise UsageError(path, f"a file that cannot be read (given as {option}; permission denied)",
                         f"give {option} a file you may read")


def _os_error(out_dir: Path, exc: OSError) -> BuildError:
    """A full disk or a permission problem: the OS's words, and the folder it happened in."""
    return BuildError("os-error", str(out_dir), f"an OS error while writing the release ({exc})",
                      "a writable folder with room for the release; the previous release is untouched")


def _write_and_validate(tmp: Path, out_dir: Path, doc: Document, tables: dict, version: str) -> None:
    from .release.write import write_release
    from .validate.run import validate_release

    _copy_inputs(tmp / layout.SOURCE_DIR, doc)
    write_release(tmp, doc, tables, version)
    report = validate_release(tmp)
    if not report.valid:
        raise BuildError("release-invalid", str(out_dir), f"a release that does not validate:\n{report.text()}", "a valid release")


def _copy_inputs(dest: Path, doc: Document) -> None:
    """Write the exact bytes the build read, not the files again: a file edited during the build
    cannot end up in the release beside tables made from its earlier text."""
    dest.mkdir(parents=True)
    (dest / layout.SOURCE_NAME).write_bytes(doc.source.text.encode("utf-8"))
    if doc.curation.data is not None:
        (dest / layout.CURATION_NAME).write_bytes(doc.curation.data)


def swap_in(new: Path, target: Path, old: Path) -> None:
    """Exchange the two folders in one rename (Linux renameat2): `new` then holds what target held.
    Without renameat2, two renames through `old`, a free path inside our temporary folder (never
    a sibling of target: a `.target.old` there may be someone else's)."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        return
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _slug(stem: str) -> str:
    import re
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "document"
