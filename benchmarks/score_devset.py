"""Score the builder's speaker attribution on the real-news development set (devset/).

Gold is devset/gold/<doc_id>.json (format: devset/FORMAT.md); the texts are third-party and
git-ignored, re-obtained by the recipe into devset/texts/. Each text is built in-process from
the rules alone (no curated file), and its named (line, speaker) pairs are compared with gold:
a predicted pair matches when the line is the same and the speaker's name equals the gold name
or one of its aliases. Unnamed and media sources never count as named pairs.

    python benchmarks/score_devset.py [--split dev|heldout|all] [--json] [--show-errors]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMED_TYPES = ("person", "organization")


def load_gold(devset: Path, split: str) -> list[dict]:
    docs = []
    for path in sorted((devset / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if split == "all" or gold["split"] == split:
            docs.append(gold)
    return docs


def read_text(devset: Path, gold: dict) -> str | None:
    """The prepared text, when it was re-obtained and its hashes match the gold's."""
    path = devset / "texts" / f"{gold['doc_id']}.txt"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != gold["text_sha256"]:
        raise SystemExit(f"{path}: the text's sha256 differs from gold {gold['doc_id']}; re-obtain it (devset/FORMAT.md)")
    return text


def predict(text: str, name: str) -> list[dict]:
    """Every attribution the rules find: line, speaker name and type, and the rules that found it."""
    import tempfile

    from jd_wechat_commentary.build import build_tables
    from jd_wechat_commentary.errors import Warnings

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{name}.txt"
        src.write_text(text, encoding="utf-8")
        doc, _ = build_tables(src, None, Warnings())
    by_id = {sp.speaker_id: sp for sp in doc.speakers}
    out = []
    for st in doc.statements:
        sp = by_id.get(st.speaker_id)
        if sp is None:
            continue
        out.append({"line": st.paragraph.line, "name": sp.name, "type": sp.speaker_type,
                    "rule": getattr(st, "rule_id", None) or "head", "resolved_by": getattr(st, "speaker_rule", None) or "-"})
    return out


def gold_pairs(gold: dict) -> list[dict]:
    pairs = []
    for line in gold["lines"]:
        for sp in line["speakers"]:
            pairs.append({"line": line["line"], "name": sp["name"], "names": {sp["name"], *sp.get("aliases", [])},
                          "kind": sp["kind"], "mention": sp.get("mention", "name")})
    return pairs


def match(gold: list[dict], pred: list[dict]) -> tuple[list, list, list]:
    """(matched gold, missed gold, false predictions), pairs counted once per (line, speaker)."""
    pred_pairs = {(p["line"], p["name"]): p for p in pred if p["type"] in NAMED_TYPES}
    used, hits, misses = set(), [], []
    for g in gold:
        key = next(((g["line"], n) for n in sorted(g["names"]) if (g["line"], n) in pred_pairs and (g["line"], n) not in used), None)
        if key:
            used.add(key)
            hits.append((g, pred_pairs[key]))
        else:
            misses.append(g)
    false = [p for k, p in pred_pairs.items() if k not in used]
    return hits, misses, false


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def score(devset: Path, split: str) -> dict:
    totals = defaultdict(lambda: [0, 0, 0])      # group -> [tp, n_pred, n_gold]
    kind_recall = defaultdict(lambda: [0, 0])
    rule_precision = defaultdict(lambda: [0, 0])
    resolver_precision = defaultdict(lambda: [0, 0])
    docs, skipped, errors = [], [], []
    for gold in load_gold(devset, split):
        text = read_text(devset, gold)
        if text is None:
            skipped.append(gold["doc_id"])
            continue
        pred = predict(text, gold["doc_id"])
        g = gold_pairs(gold)
        hits, misses, false = match(g, pred)
        groups = ("all", f"script:{gold['script']}", f"region:{gold['region']}")
        for grp in groups:
            t = totals[grp]
            t[0] += len(hits); t[1] += len(hits) + len(false); t[2] += len(g)
        for gp in g:
            for key in (f"kind:{gp['kind']}", f"mention:{gp['mention']}"):
                kind_recall[key][1] += 1
        for gp, pp in hits:
            for key in (f"kind:{gp['kind']}", f"mention:{gp['mention']}"):
                kind_recall[key][0] += 1
            for table, key in ((rule_precision, pp["rule"]), (resolver_precision, pp["resolved_by"])):
                table[key][0] += 1; table[key][1] += 1
        for pp in false:
            rule_precision[pp["rule"]][1] += 1
            resolver_precision[pp["resolved_by"]][1] += 1
        docs.append({"doc_id": gold["doc_id"], **prf(len(hits), len(hits) + len(false), len(g))})
        errors.append({"doc_id": gold["doc_id"], "missed": [(m["line"], m["name"], m["kind"], m["mention"]) for m in misses],
                       "false": [(p["line"], p["name"], p["type"], p["rule"]) for p in false]})
    return {"split": split, "documents": len(docs), "skipped_no_text": skipped,
            "scores": {k: prf(*v) for k, v in sorted(totals.items())},
            "recall_by_kind": {k: {"recall": round(a / b, 3) if b else None, "found": a, "gold": b} for k, (a, b) in sorted(kind_recall.items())},
            "precision_by_rule": _precision_table(rule_precision),
            "precision_by_resolver": _precision_table(resolver_precision),
            "per_document": docs, "errors": errors}


def _precision_table(counts: dict) -> dict:
    return {k: {"precision": round(a / b, 3) if b else None, "correct": a, "predicted": b} for k, (a, b) in sorted(counts.items())}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--devset", type=Path, default=ROOT / "devset")
    ap.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args(argv)
    result = score(args.devset, args.split)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"split {result['split']}: {result['documents']} documents"
          + (f" ({len(result['skipped_no_text'])} without text)" if result["skipped_no_text"] else ""))
    for k, v in result["scores"].items():
        print(f"  {k:16s} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}  (tp {v['tp']}, pred {v['n_pred']}, gold {v['n_gold']})")
    for k, v in result["recall_by_kind"].items():
        print(f"  recall {k:18s} {v['recall']}  ({v['found']}/{v['gold']})")
    for k, v in result["precision_by_rule"].items():
        print(f"  precision rule {k:18s} {v['precision']}  ({v['correct']}/{v['predicted']})")
    for k, v in result["precision_by_resolver"].items():
        print(f"  precision speaker rule {k:22s} {v['precision']}  ({v['correct']}/{v['predicted']})")
    if args.show_errors:
        for e in result["errors"]:
            if e["missed"] or e["false"]:
                print(f"{e['doc_id']}:\n  missed {e['missed']}\n  false  {e['false']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
