"""The build: a short list of steps, then an atomic swap of the release folder.

    source text -> blocks -> sections -> statements -> speakers -> tables
                -> files (Parquet, schemas, card, catalogs, manifest) -> validate -> swap
"""
from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .about import profile_for
from .attribution import find_statements
from .blocks import split_blocks
from .errors import BuildError, Warnings
from .sections import build_sections
from .source import Curation, Source, check_anchors, read_curation, read_source
from .speakers import build_speakers
from .tables import detect_script, make_tables
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
    profile: object = None       # about.Profile: what the release says about itself


def parse(source: Source, curation: Curation, warnings: Warnings) -> Document:
    """Source and curated file -> every record the tables are made of."""
    check_anchors(source.text, curation)
    doc_id = curation.document.get("document_id") or _slug(source.path.stem)
    doc = Document(source, curation, doc_id, detect_script(source.text),
                   profile=profile_for(doc_id, curated=curation.path is not None))
    doc.blocks = split_blocks(source.text)
    doc.sections = build_sections(doc.blocks)
    paragraphs = [b for b in doc.blocks if b.block_type == "paragraph"]
    names = {s["name"]: s.get("speaker_type", "person") for s in curation.speakers}
    doc.statements = find_statements(source.text, paragraphs, names, warnings)
    doc.speakers = build_speakers(doc.statements, curation, warnings)
    return doc


def build_tables(source_path: Path, curation_path: Path | None, warnings: Warnings, version: str = DATASET_VERSION):
    doc = parse(read_source(source_path), read_curation(curation_path), warnings)
    return doc, make_tables(doc, version)


def build(source_path: Path, curation_path: Path | None, out_dir: Path, version: str = DATASET_VERSION) -> Warnings:
    """Build into a temporary folder beside out_dir, validate it there, then swap it in.
    Any failure leaves out_dir as it was and removes the temporary folder."""
    warnings = Warnings()
    out_dir = Path(out_dir).resolve()
    doc, tables = build_tables(Path(source_path), curation_path, warnings, version)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    except OSError as exc:
        raise _os_error(out_dir, exc) from exc
    try:
        os.chmod(tmp, 0o755)    # mkdtemp makes it private; the release is for everyone to read
        _write_and_validate(tmp, out_dir, doc, tables, version)
        swap_in(tmp, out_dir)
        refresh_docs(out_dir, doc, tables, version)
    except OSError as exc:
        raise _os_error(out_dir, exc) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return warnings


def refresh_docs(out_dir: Path, doc: Document, tables: dict, version: str) -> None:
    """CARD.md and README.md beside the project's release carry the card's generated regions in
    place (card.py): after a build of that release, their regions are rewritten with the current
    text. Only when the card template used is the CARD.md beside the release, so a build into any
    other folder (an experiment, another article) never touches the checkout."""
    from .card import Release, render

    project = Path(out_dir).resolve().parent
    if Path(doc.profile.card_template).resolve() != project / "CARD.md":
        return
    release = Release(tables, version, doc.profile, doc.curation.repo_id)
    for path in (project / "CARD.md", project / "README.md"):
        text = path.read_text(encoding="utf-8") if path.is_file() else None
        new = render(text, release) if text is not None else None
        if new is not None and new != text:
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(new, encoding="utf-8")
            os.replace(tmp, path)


def _os_error(out_dir: Path, exc: OSError) -> BuildError:
    """A full disk or a permission problem: the OS's words, and the folder it happened in."""
    return BuildError(str(out_dir), f"an OS error while writing the release ({exc})",
                      "a writable folder with room for the release; the previous release is untouched")


def _write_and_validate(tmp: Path, out_dir: Path, doc: Document, tables: dict, version: str) -> None:
    from .release import write_release
    from .validate import validate_release

    _copy_inputs(tmp / "source", doc)
    write_release(tmp, doc, tables, version)
    report = validate_release(tmp)
    if not report.valid:
        raise BuildError(str(out_dir), f"a release that does not validate:\n{report.text()}", "a valid release")


def _copy_inputs(dest: Path, doc: Document) -> None:
    """Write the exact bytes the build read, not the files again: a file edited during the build
    cannot end up in the release beside tables made from its earlier text."""
    dest.mkdir(parents=True)
    (dest / "article.txt").write_bytes(doc.source.text.encode("utf-8"))
    if doc.curation.data is not None:
        (dest / "curation.yaml").write_bytes(doc.curation.data)


def swap_in(new: Path, target: Path) -> None:
    """Exchange the two folders in one rename (Linux renameat2); `new` then holds the old release."""
    if not target.exists():
        os.rename(new, target)
        new.mkdir()
        return
    if _exchange(new, target):
        return
    # no renameat2 (not Linux, old kernel, some file systems): two renames, undone on failure
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise
    os.rename(old, new)


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
