"""Read the exact source text and the curated file (anchoring curated facts in the text: rules/errata.py).

The source is taken byte for byte: offsets index into exactly this text, so anything that
would make "the text" ambiguous (a byte-order mark, CR line ends, invalid UTF-8, a control
character: see inputs.py) is refused with the file and line named, rather than silently
normalised.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import schemas
from .column_types import types_of
from .errors import BuildError
from .inputs import check_controls
from .reading import NoAliasLoader, check_yaml


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    sha256: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def read_source(path: Path) -> Source:
    return source_from_bytes(Path(path), _read_bytes(path))


def source_from_bytes(path: Path, data: bytes) -> Source:
    """The input rules, on bytes already read (the property tests feed generated text here)."""
    if not data:
        raise BuildError("empty-file", str(path), "an empty file", "the article's text (at least one line)")
    if data.startswith(b"\xef\xbb\xbf"):
        raise BuildError("byte-order-mark", f"{path}:1", "a UTF-8 byte-order mark", "UTF-8 without a byte-order mark (offsets count from the first character)")
    text = _decode(path, data)
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise BuildError("carriage-return", f"{path}:{line}", "a carriage return (CRLF or CR line end)", "LF line ends only")
    if not text.strip():
        raise BuildError("only-whitespace", str(path), "only whitespace", "the article's text (at least one non-blank line)")
    check_controls(path, text)
    return Source(Path(path), text, hashlib.sha256(data).hexdigest())


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BuildError("not-utf8", f"{path}:{line}", f"bytes that are not UTF-8 at byte {exc.start} ({data[exc.start:exc.start + 4]!r})", "UTF-8 text") from None


# ---------------------------------------------------------------- the curated file

# The curated file's shape is schema/curation.schema.json; the checks below read their keys,
# types, enums and patterns from it, and name the entry and the code of what is wrong.
JSON_TYPES = {"string": str, "null": type(None), "array": list, "object": dict, "integer": int, "boolean": bool}
_SCHEMA = schemas.curation_schema()
_DOCUMENT = _SCHEMA["properties"]["document"]
_SPEAKER = _SCHEMA["properties"]["speakers"]["items"]
_AFFILIATION = _SPEAKER["properties"]["affiliations"]["items"]
_ERRATUM = _SCHEMA["properties"]["errata"]["items"]


def _keys(node: dict) -> dict[str, tuple[type, ...]]:
    """key -> allowed Python types; the first type listed is the one an error names."""
    return {key: tuple(JSON_TYPES[t] for t in types_of(prop)) for key, prop in node["properties"].items()}


def _pattern(prop: dict) -> re.Pattern:
    return re.compile(prop["pattern"].removeprefix("^").removesuffix("$"))


TOP_KEYS = _keys(_SCHEMA)
DOCUMENT_KEYS = _keys(_DOCUMENT)
SPEAKER_KEYS = _keys(_SPEAKER)
AFFILIATION_KEYS = _keys(_AFFILIATION)
ERRATUM_KEYS = _keys(_ERRATUM)
ERRATUM_KINDS = set(_ERRATUM["properties"]["kind"]["enum"])
SPEAKER_TYPES = set(_SPEAKER["properties"]["speaker_type"]["enum"])
SLUG = _pattern(_SPEAKER["properties"]["speaker_id"])
# OWNER/NAME of a Hugging Face repository (the Hub's characters; publish checks it again with huggingface_hub)
REPO_ID = _pattern(_DOCUMENT["properties"]["repo_id"])


@dataclass
class Curation:
    path: Path | None = None
    document: dict = field(default_factory=dict)
    speakers: list[dict] = field(default_factory=list)
    errata: list[dict] = field(default_factory=list)
    data: bytes | None = None      # the bytes read, copied into the release as they were used

    @property
    def repo_id(self) -> str | None:
        """The Hugging Face dataset repository (OWNER/NAME) the release is built for; None: unpublished."""
        return self.document.get("repo_id")

    def speaker_by_name(self) -> dict[str, dict]:
        return {s["name"]: s for s in self.speakers}


def read_curation(path: Path | None) -> Curation:
    return Curation() if path is None else curation_from_bytes(Path(path), _read_bytes(path))


def curation_from_bytes(path: Path, data: bytes) -> Curation:
    """The curated file's rules, on bytes already read (the property tests feed generated YAML here)."""
    raw = _load_yaml(path, data)
    _check_entry(path, "the file", raw, TOP_KEYS)
    cur = Curation(Path(path), raw.get("document") or {}, raw.get("speakers") or [], raw.get("errata") or [], data)
    _check_entry(path, "document", cur.document, DOCUMENT_KEYS)
    if not SLUG.fullmatch(cur.document.get("document_id") or "x"):
        raise BuildError("bad-document-id", f"{path}: document", f"document_id {cur.document['document_id']!r}", "a lowercase ASCII slug (a-z, 0-9, -)")
    repo_id = cur.document.get("repo_id")
    if repo_id is not None and not REPO_ID.fullmatch(repo_id):
        raise BuildError("bad-repo-id", f"{path}: document.repo_id", f"{repo_id!r}", "the Hugging Face dataset repository as OWNER/NAME, or null")
    _check_speakers(path, cur.speakers)
    for i, entry in enumerate(cur.errata):
        where = f"errata[{i}]"
        _check_entry(path, where, entry, ERRATUM_KEYS, required=set(_ERRATUM["required"]))
        if entry["kind"] not in ERRATUM_KINDS:
            raise BuildError("unknown-erratum-kind", f"{path}: {where}", f"kind {entry['kind']!r}", f"one of {sorted(ERRATUM_KINDS)}")
    return cur


def _read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise BuildError("unreadable-file", str(path), f"a file that cannot be read ({exc.strerror or exc})", "a readable file") from None


class _StrictLoader(NoAliasLoader):
    """safe_load keeps the last of two equal keys; a curated file must not lose one silently. No
    aliases (a 1 KB alias bomb expands to gigabytes) and bounded nesting: see reading.NoAliasLoader."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool, type(None))):
                continue    # an unhashable key: the base class reports it
            if key in seen:
                raise BuildError("duplicate-yaml-key", f"{self.name}:{key_node.start_mark.line + 1}", f"the key {key!r} twice in one mapping", "each key once")
            seen.add(key)
        return super().construct_mapping(node, deep)


def _load_yaml(path: Path, data: bytes) -> dict:
    text = _decode(path, data)
    try:
        check_yaml(text)
        loader = _StrictLoader(text)
        loader.name = str(path)
        try:
            raw = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise BuildError("invalid-yaml", where, f"invalid YAML ({getattr(exc, 'problem', None) or exc})", "a YAML mapping") from None
    if not isinstance(raw, dict):
        raise BuildError("curation-not-a-mapping", str(path), f"a {type(raw).__name__} at the top", "a mapping with document, speakers, errata")
    return raw


def _check_entry(path, where: str, entry, allowed: dict, required: set = frozenset()) -> None:
    if not isinstance(entry, dict):
        raise BuildError("curation-entry-not-a-mapping", f"{path}: {where}", f"a {type(entry).__name__}", "a mapping")
    unknown = sorted(set(entry) - set(allowed), key=str)
    if unknown:
        raise BuildError("unknown-curation-key", f"{path}: {where}", f"unknown key(s) {unknown}", f"only {sorted(allowed)}")
    missing = sorted(required - set(entry))
    if missing:
        raise BuildError("missing-curation-key", f"{path}: {where}", f"missing key(s) {missing}", f"all of {sorted(required)}")
    for key, value in entry.items():
        if not isinstance(value, allowed[key]) or value == "":
            raise BuildError("bad-curation-value", f"{path}: {where}.{key}", f"{value!r}", f"a non-empty {allowed[key][0].__name__}")


def _check_speakers(path, speakers: list) -> None:
    seen = {"speaker_id": {}, "name": {}}
    for i, sp in enumerate(speakers):
        where = f"speakers[{i}]"
        _check_entry(path, where, sp, SPEAKER_KEYS, required=set(_SPEAKER["required"]))
        for key, earlier in seen.items():
            value = sp.get(key)
            if value in earlier:
                raise BuildError("duplicate-curated-speaker", f"{path}: {where}", f"duplicate {key} {value!r} (also speakers[{earlier[value]}])", f"each {key} once")
            if value is not None:
                earlier[value] = i
        if not SLUG.fullmatch(sp.get("speaker_id", "x")) or sp.get("speaker_type", "person") not in SPEAKER_TYPES:
            raise BuildError("bad-speaker-id-or-type", f"{path}: {where}", f"speaker_id {sp.get('speaker_id')!r}, speaker_type {sp.get('speaker_type')!r}",
                             f"a lowercase ASCII slug and one of {sorted(SPEAKER_TYPES)}")
        for j, aff in enumerate(sp.get("affiliations") or []):
            _check_entry(path, f"{where}.affiliations[{j}]", aff, AFFILIATION_KEYS, required=set(_AFFILIATION["required"]))
            if (aff.get("organization") or "") + aff["title"] != aff["role"]:
                raise BuildError("bad-affiliation-split", f"{path}: {where}.affiliations[{j}]", f"organization + title != role {aff['role']!r}", "a split of the role as printed")
