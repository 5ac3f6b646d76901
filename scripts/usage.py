"""The paths and arguments commands are given: one check and one message per condition, the same
in every command. Each raises `UsageError` (exit 2) naming the path, the cause and the fix.
"""
from __future__ import annotations

from pathlib import Path

from .errors import UsageError
from .layout import DATA_DIR, MANIFEST, PROJECT_SOURCE

RELEASE_FIX = f"give a release folder that build wrote (it holds {MANIFEST} and {DATA_DIR}/), e.g. dataset"
JSONL_FIX = "give --table a JSON Lines file: one JSON object (one record) per line"
SNIFF_BYTES = 4096


def release_folder(path, given: str = "DIR", also: tuple[str, ...] = ()) -> Path:
    """`path` as a release folder: it exists, is a folder and holds MANIFEST.json or data/ (or one
    of `also`, names another layout a command accepts). `given` names the argument (OLD_DIR, --dir)."""
    path = Path(path)
    if not path.exists():
        raise UsageError(path, f"no such folder (given as {given})", RELEASE_FIX)
    if not path.is_dir():
        raise UsageError(path, f"not a folder (given as {given})", RELEASE_FIX)
    if not any((path / name).exists() for name in (MANIFEST, DATA_DIR, *also)):
        raise UsageError(path, f"not a release folder (given as {given}; it holds neither {MANIFEST} nor {DATA_DIR}/)", RELEASE_FIX)
    return path


def no_default(what: str, fix: str) -> UsageError:
    """No argument given and no project folder here: never another folder silently."""
    return UsageError(Path.cwd(), f"no {PROJECT_SOURCE} in this folder, so there is no default {what}", fix)


def jsonl_file(path) -> Path:
    """`path` as a JSON Lines file for `validate --table`: a regular file that does not start like
    a Parquet file, a JSON array, or one JSON object spread over several lines."""
    path = Path(path)
    if not path.is_file():
        cause = "no such file" if not path.exists() else "not a regular file"
        raise UsageError(path, f"{cause} (given to --table)", JSONL_FIX)
    with open(path, "rb") as f:
        head = f.read(SNIFF_BYTES)
    cause = _not_jsonl(head)
    if cause:
        raise UsageError(path, cause, JSONL_FIX)
    return path


def _not_jsonl(head: bytes) -> str | None:
    first = head.lstrip()[:1]
    first_line = head.lstrip().split(b"\n", 1)[0].strip()
    if head.startswith(b"PAR1"):
        return "a Parquet file, not JSON Lines (to check a release's Parquet tables, validate its folder)"
    if head.startswith(b"\x1f\x8b"):
        return "a gzip-compressed file, not JSON Lines (decompress it first)"
    if first == b"[":
        return "a JSON array, not JSON Lines (convert it with: jq -c '.[]' FILE > records.jsonl)"
    if first_line == b"{":
        return "one JSON object over several lines, not JSON Lines (write each record on one line: jq -c . FILE)"
    if b"\0" in head:
        return "a binary file (it holds NUL bytes), not JSON Lines"
    return None
