"""Read the exact source text and the curated file; anchor curated facts in the text.

The source is taken byte for byte: offsets index into exactly this text, so anything that
would make "the text" ambiguous (a byte-order mark, CR line ends, invalid UTF-8) is refused
with the file and line named, rather than silently normalised.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import BuildError


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    sha256: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def read_source(path: Path) -> Source:
    data = Path(path).read_bytes()
    if not data:
        raise BuildError(str(path), "an empty file", "the article's text (at least one line)")
    if data.startswith(b"\xef\xbb\xbf"):
        raise BuildError(f"{path}:1", "a UTF-8 byte-order mark", "UTF-8 without a byte-order mark (offsets count from the first character)")
    text = _decode(path, data)
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise BuildError(f"{path}:{line}", "a carriage return (CRLF or CR line end)", "LF line ends only")
    return Source(Path(path), text, hashlib.sha256(data).hexdigest())


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BuildError(f"{path}:{line}", f"bytes that are not UTF-8 at byte {exc.start} ({data[exc.start:exc.start + 4]!r})", "UTF-8 text") from None


# ---------------------------------------------------------------- the curated file

DOCUMENT_KEYS = {"document_id", "source_id", "title"}
SPEAKER_KEYS = {"name", "speaker_id", "speaker_type", "name_romanized", "affiliations"}
AFFILIATION_KEYS = {"role", "organization", "title"}
ERRATUM_KEYS = {"context", "printed", "suggested", "kind", "note"}
ERRATUM_KINDS = {"numbering", "typo", "missing_text", "script_conversion", "punctuation"}


@dataclass
class Curation:
    path: Path | None = None
    document: dict = field(default_factory=dict)
    speakers: list[dict] = field(default_factory=list)
    errata: list[dict] = field(default_factory=list)

    def speaker_by_name(self) -> dict[str, dict]:
        return {s["name"]: s for s in self.speakers}


def read_curation(path: Path | None) -> Curation:
    if path is None:
        return Curation()
    raw = _load_yaml(path)
    _check_keys(path, "the file", raw, {"document", "speakers", "errata"})
    cur = Curation(Path(path), raw.get("document") or {}, raw.get("speakers") or [], raw.get("errata") or [])
    _check_keys(path, "document", cur.document, DOCUMENT_KEYS)
    _check_speakers(path, cur.speakers)
    for i, entry in enumerate(cur.errata):
        where = f"errata[{i}]"
        _check_keys(path, where, entry, ERRATUM_KEYS, required=ERRATUM_KEYS)
        if entry["kind"] not in ERRATUM_KINDS:
            raise BuildError(f"{path}: {where}", f"kind {entry['kind']!r}", f"one of {sorted(ERRATUM_KINDS)}")
    return cur


def _load_yaml(path: Path) -> dict:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise BuildError(where, f"invalid YAML ({getattr(exc, 'problem', exc)})", "a YAML mapping") from None
    if not isinstance(raw, dict):
        raise BuildError(str(path), f"a {type(raw).__name__} at the top", "a mapping with document, speakers, errata")
    return raw


def _check_keys(path, where: str, entry, allowed: set, required: set = frozenset()) -> None:
    if not isinstance(entry, dict):
        raise BuildError(f"{path}: {where}", f"a {type(entry).__name__}", "a mapping")
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise BuildError(f"{path}: {where}", f"unknown key(s) {unknown}", f"only {sorted(allowed)}")
    missing = sorted(required - set(entry))
    if missing:
        raise BuildError(f"{path}: {where}", f"missing key(s) {missing}", f"all of {sorted(required)}")


def _check_speakers(path, speakers: list) -> None:
    seen_ids, seen_names = {}, {}
    for i, sp in enumerate(speakers):
        where = f"speakers[{i}]"
        _check_keys(path, where, sp, SPEAKER_KEYS, required={"name"})
        for key, seen in (("speaker_id", seen_ids), ("name", seen_names)):
            value = sp.get(key)
            if value is not None and value in seen:
                raise BuildError(f"{path}: {where}", f"duplicate {key} {value!r} (also speakers[{seen[value]}])", f"each {key} once")
            seen[value] = i
        for j, aff in enumerate(sp.get("affiliations") or []):
            _check_keys(path, f"{where}.affiliations[{j}]", aff, AFFILIATION_KEYS, required={"role", "title"})
            if (aff.get("organization") or "") + aff["title"] != aff["role"]:
                raise BuildError(f"{path}: {where}.affiliations[{j}]", f"organization + title != role {aff['role']!r}", "a split of the role as printed")


def anchor(text: str, context: str, printed: str, where: str) -> tuple[int, int]:
    """Locate `printed` inside the one place where `context` occurs; line numbers are never used,
    so an inserted or deleted line elsewhere does not move a curated fact."""
    hits = _find_all(text, context)
    if len(hits) != 1:
        raise BuildError(where, f"context {context!r} {len(hits)} times in the source", "exactly once")
    inner = _find_all(context, printed)
    if len(inner) != 1:
        raise BuildError(where, f"printed text {printed!r} {len(inner)} times inside its context", "exactly once")
    start = hits[0] + inner[0]
    return start, start + len(printed)


def _find_all(haystack: str, needle: str) -> list[int]:
    out, i = [], haystack.find(needle)
    while needle and i >= 0:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out
