"""The development-set scorer (benchmarks/score_devset.py) on labels made up for this test: no
third-party text. Expected values counted by hand from the lists below."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("score_devset", ROOT / "benchmarks" / "score_devset.py")
score_devset = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score_devset)

GOLD = {"lines": [
    {"line": 1, "speakers": [{"name": "外交部", "kind": "organization", "mention": "org", "aliases": ["中國外交部"]}]},
    {"line": 2, "speakers": [{"name": "王大明", "kind": "person", "mention": "name", "aliases": []},
                             {"name": "馬斯克", "kind": "foreign", "mention": "name", "aliases": []}]},
]}


def test_an_alias_matches_media_never_count_and_a_wrong_line_is_both_missed_and_false():
    pred = [{"line": 1, "name": "中國外交部", "type": "organization", "rule": "cue-after-mention"},
            {"line": 1, "name": "路透社", "type": "media", "rule": "ju-x-cue"},
            {"line": 3, "name": "王大明", "type": "person", "rule": "sentence-start"},
            {"line": 2, "name": "馬斯克", "type": "person", "rule": "cue-after-mention"}]
    hits, misses, false = score_devset.match(score_devset.gold_pairs(GOLD), pred)
    assert [(g["line"], g["name"]) for g, _ in hits] == [(1, "外交部"), (2, "馬斯克")]
    assert [(m["line"], m["name"]) for m in misses] == [(2, "王大明")]
    assert [(p["line"], p["name"]) for p in false] == [(3, "王大明")]
    assert score_devset.prf(2, 3, 3) == {"precision": 0.667, "recall": 0.667, "f1": 0.667, "tp": 2, "n_pred": 3, "n_gold": 3}


def test_every_committed_gold_file_is_well_formed():
    import json
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "devset" / "gold").glob("*.json"))]
    assert len(docs) >= 40 and {d["split"] for d in docs} == {"dev", "heldout"}
    assert sum(d["split"] == "heldout" for d in docs) * 3 >= len(docs) - 2      # about a third held out
    assert {d["script"] for d in docs} == {"hant", "hans"}
    pairs = sum(len(line["speakers"]) for d in docs for line in d["lines"])
    assert pairs >= 250
    for d in docs:
        assert "title" not in d and len(d["text_sha256"]) == 64, d["doc_id"]      # no article text, only hashes
        for line in d["lines"]:
            assert len(line["sha256"]) == 64 and 1 <= line["line"] <= d["n_lines"]
            assert all(s["kind"] in ("person", "foreign", "organization") for s in line["speakers"])
