"""`diff OLD_DIR NEW_DIR`: what changed between two releases, table by table.

Rows are matched by primary key (read from each release's own schema copy, so two versions
with different keys still compare); for each table: rows added, removed, and changed with the
changed fields' old and new values. Tables are read with pyarrow only. Exit 0 when every table
is identical, 1 when one differs, 2 on a usage error (a folder that is not a release).
Two corpus releases are compared by corpus/diff.py, shard-independently, into the same report.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from . import layout, schemas
from .escape import printable
from .layout import json_type, read_parquet
from .reading import MAX_TEXT_BYTES, Unreadable, loads_json, read_regular

EXAMPLE = "jd-wechat-commentary diff /tmp/previous-release dataset\n  jd-wechat-commentary diff old/ new/ --json"
SHOW = 60   # characters of a value shown in the text report; --json carries the whole value


class DiffError(Exception):
    """A folder that cannot be compared: not a release, an unreadable table, a duplicated key."""


def add_arguments(parser) -> None:
    parser.add_argument("old", type=Path, metavar="OLD_DIR", help="the earlier release folder")
    parser.add_argument("new", type=Path, metavar="NEW_DIR", help="the later release folder")
    parser.add_argument("--json", action="store_true", help="print the differences as JSON")


def run(args) -> int:
    from .usage import release_folder
    release_folder(args.old, "OLD_DIR")
    release_folder(args.new, "NEW_DIR")
    try:
        result = diff_releases(args.old, args.new)
    except DiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else render(result))
    return 0 if result["identical"] else 1


def diff_releases(old: Path, new: Path) -> dict:
    old, new = Path(old), Path(new)
    from .corpus.diff import diff_corpora
    from .corpus.release import is_corpus
    corpus = (is_corpus(old), is_corpus(new))
    if all(corpus):
        return diff_corpora(old, new)
    if any(corpus):
        raise DiffError(f"{new if corpus[0] else old}: a single-article release compared with a corpus release "
                        f"({old if corpus[0] else new}); their keys differ (a corpus adds document_id): compare two of a kind")
    found = {side: _tables(path) for side, path in (("old", old), ("new", new))}
    names = [t for t in schemas.TABLES if t in found["old"] or t in found["new"]]
    names += sorted((set(found["old"]) | set(found["new"])) - set(names))
    tables = {t: diff_table(t, old, new, found["old"].get(t), found["new"].get(t)) for t in names}
    return {"old": {"path": str(old), "version": _version(old)}, "new": {"path": str(new), "version": _version(new)},
            "identical": all(d["status"] == "unchanged" for d in tables.values()), "tables": tables}


def _tables(root: Path) -> dict[str, list[Path]]:
    if not (root / layout.DATA_DIR).is_dir():
        raise DiffError(f"{root}: not a release folder (no {layout.DATA_DIR}/ inside)")
    out = {}
    for folder in layout.table_folders(root):
        files = layout.table_shards(root, folder.name)
        if files:
            out[folder.name] = files
    return out


def diff_table(table: str, old_root: Path, new_root: Path, old_files, new_files) -> dict:
    if old_files is None or new_files is None:
        n = len(_read(new_files or old_files))
        return {"status": "added" if old_files is None else "removed",
                "rows": {"old": 0 if old_files is None else n, "new": n if old_files is None else 0}}
    old_rows, new_rows = _read(old_files), _read(new_files)
    key = _primary_key(new_root, table) or _primary_key(old_root, table) or schemas.primary_key(table)
    old_by, new_by = _by_key(table, key, old_rows, old_files[0]), _by_key(table, key, new_rows, new_files[0])
    old_cols, new_cols = _columns(old_rows), _columns(new_rows)
    out = {"status": "unchanged", "primary_key": key, "rows": {"old": len(old_rows), "new": len(new_rows)},
           "columns_added": [c for c in new_cols if c not in old_cols], "columns_removed": [c for c in old_cols if c not in new_cols],
           "added": [_show_key(k) for k in sorted(set(new_by) - set(old_by), key=_order)],
           "removed": [_show_key(k) for k in sorted(set(old_by) - set(new_by), key=_order)],
           "changed": _changed(old_by, new_by, [c for c in new_cols if c in old_cols])}
    if any(out[x] for x in ("columns_added", "columns_removed", "added", "removed", "changed")):
        out["status"] = "changed"
    return out


def _changed(old_by: dict, new_by: dict, common: list[str]) -> list[dict]:
    """Rows under the same key whose shared columns differ; a new column is reported once, as
    columns_added, not as a change on every row."""
    out = []
    for k in sorted(set(old_by) & set(new_by), key=_order):
        old, new = old_by[k], new_by[k]
        fields = {c: {"old": old.get(c), "new": new.get(c)} for c in common if old.get(c) != new.get(c)}
        if fields:
            out.append({"key": _show_key(k), "fields": fields})
    return out


def _read(files: list[Path]) -> list[dict]:
    """Rows of the table's files: regular files only (a FIFO would block), bounded, and only
    columns whose values are JSON values (a binary or date column is no release's)."""
    rows = []
    for path in files:
        try:
            data = read_parquet(path)
        except Unreadable as exc:
            raise DiffError(f"{exc}") from None
        except Exception as exc:  # pyarrow raises several types for damaged files
            raise DiffError(f"{path}: cannot be read as Parquet ({exc})") from None
        odd = [f"{f.name} ({f.type})" for f in data.schema if not json_type(f.type)]
        if odd:
            raise DiffError(f"{path}: columns of a type no release table has: {', '.join(odd)}; validate the release first")
        rows += data.to_pylist()
    return rows


def _primary_key(root: Path, table: str) -> list[str] | None:
    try:
        key = loads_json(read_regular(root / layout.schema_copy(table), MAX_TEXT_BYTES), table)["x-primary-key"]
    except (Unreadable, ValueError, KeyError, TypeError):
        return None
    return key if isinstance(key, list) and key and all(isinstance(k, str) for k in key) else None


def _by_key(table: str, key: list[str], rows: list[dict], where: Path) -> dict[tuple, dict]:
    out = {}
    for row in rows:
        k = tuple(row.get(c) for c in key)
        if not all(isinstance(v, (str, int, float, bool, type(None))) for v in k):
            raise DiffError(f"{where}: {table} has a primary key value that is a {type(next(v for v in k if isinstance(v, (list, dict)))).__name__}, "
                            "not a string or number; validate the release first")
        if k in out:
            raise DiffError(f"{where}: {table} has the primary key {_show_key(k)!r} twice; validate the release first")
        out[k] = row
    return out


def _columns(rows: list[dict]) -> list[str]:
    return list(rows[0]) if rows else []


def _order(k: tuple) -> tuple:
    """Sort keys of mixed types without comparing an int to a str or None."""
    return tuple((x is None, type(x).__name__, x if x is not None else 0) for x in k)


def _show_key(k: tuple):
    return k[0] if len(k) == 1 else list(k)


def _version(root: Path) -> str | None:
    try:
        version = loads_json(read_regular(root / layout.MANIFEST, MAX_TEXT_BYTES), layout.MANIFEST).get("dataset_version")
    except (Unreadable, ValueError, AttributeError):
        return None
    return version if isinstance(version, str) else None


def render(result: dict) -> str:
    lines = [f"old: {result['old']['path']} ({result['old']['version']})", f"new: {result['new']['path']} ({result['new']['version']})"]
    same = [t for t, d in result["tables"].items() if d["status"] == "unchanged"]
    for table, d in result["tables"].items():
        if d["status"] in ("added", "removed"):
            lines.append(f"{table}: table {d['status']} ({d['rows']['old']} -> {d['rows']['new']} rows)")
        elif d["status"] == "changed":
            lines += _render_table(table, d)
    if same:
        lines.append(f"unchanged: {', '.join(same)}")
    n = sum(d["status"] != "unchanged" for d in result["tables"].values())
    lines.append("identical" if result["identical"] else f"{n} table(s) differ")
    return "\n".join(map(printable, lines))      # a key or path with a newline stays on its line


def _render_table(table: str, d: dict) -> list[str]:
    counts = ", ".join(f"{len(d[x])} {x}" for x in ("added", "removed", "changed") if d[x])
    lines = [f"{table}: {counts or 'columns changed'} ({d['rows']['old']} -> {d['rows']['new']} rows)"]
    lines += [f"  column added: {c}" for c in d["columns_added"]] + [f"  column removed: {c}" for c in d["columns_removed"]]
    lines += [f"  + {k}" for k in d["added"]] + [f"  - {k}" for k in d["removed"]]
    for change in d["changed"]:
        for fld, v in change["fields"].items():
            lines.append(f"  ~ {change['key']} {fld}: {_short(v['old'])} -> {_short(v['new'])}")
    return lines


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= SHOW else text[: SHOW - 1] + "…"
