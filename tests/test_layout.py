"""layout.py names every path of a release (issue 10): no other module spells a release file name."""
from __future__ import annotations

import ast

from conftest import ROOT

from jd_wechat_commentary import layout

# release file names and folders (".parquet" alone is a suffix, also of a corpus's input files, not a name)
NAMES = ("MANIFEST.json", "README.md", "LICENSE.md", "croissant.json", "datapackage.json", "warnings.jsonl", "summary.json",
         ".schema.json", "train-0", "train-*", "article.txt", "curation.yaml", ".svg", "data/", "schema/", "source/")


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _spelled_names(path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip \
                and not node.value.startswith(("http", "application/")):     # a URL or a media type names no file of ours
            found += [(node.lineno, name) for name in NAMES if name in node.value]
    return found


def test_no_module_but_layout_spells_a_release_file_name():
    spelled = {p.relative_to(ROOT).as_posix(): names for p in sorted((ROOT / "scripts").rglob("*.py"))
               if p.name != "layout.py" and (names := _spelled_names(p))}
    assert spelled == {}


def test_a_table_is_shards_and_one_article_is_one_shard(tmp_path):
    assert layout.shard_path(tmp_path, "blocks", 2, 10) == tmp_path / "data" / "blocks" / "train-00002-of-00010.parquet"
    assert layout.parquet_path(tmp_path, "blocks") == tmp_path / "data" / "blocks" / "train-00000-of-00001.parquet"
    for i in (1, 0):
        layout.shard_path(tmp_path, "blocks", i, 2).parent.mkdir(parents=True, exist_ok=True)
        layout.shard_path(tmp_path, "blocks", i, 2).write_bytes(b"")
    assert [p.name for p in layout.table_shards(tmp_path, "blocks")] == ["train-00000-of-00002.parquet", "train-00001-of-00002.parquet"]
    assert layout.shard_glob("blocks") == "data/blocks/train-*.parquet"
