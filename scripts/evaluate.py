"""Score a built release's speaker attribution against a gold release.

The metrics follow quote-attribution research (BBC's Citron reports exact and overlap
matches for cue, source and content spans), so results stay comparable with that work:

* pairs: precision/recall/F1 over the set of (paragraph, speaker) pairs.  A paragraph is
  identified by its ``char_start`` in the source text and a speaker by its ``name``, because
  the two releases are free to number paragraphs and speakers differently.
* cue / source / content spans, each scored twice:
  - exact: a span is (paragraph char_start, start, end); tp is the size of the intersection
    of the gold and predicted sets;
  - overlap: a predicted span matches when it shares at least one code point with a gold
    span of the same kind in the same paragraph; precision = matched predicted / predicted,
    recall = matched gold / gold (the symmetric rule).
  Null content spans (bare agreement) are left out of content scoring.
* Only named speakers (persons and organizations) are scored: media and unnamed sources
  (speaker_type media, unnamed) are counted apart, never as named pairs.
* by_rule: for each rule that found a predicted statement (attributions.rule_id), how many of
  its (paragraph, speaker) pairs are in the gold, so a reader can trust or filter by rule.

Conventions for empty sets, so that a perfect empty prediction scores 1.0 and no division
by zero happens: both gold and pred empty -> P = R = F1 = 1.0; pred empty, gold not ->
P = 1.0, R = 0.0, F1 = 0.0; gold empty, pred not -> P = 0.0, R = 1.0, F1 = 0.0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import layout
from .layout import read_parquet
from .reading import Unreadable, loads_json, read_regular

SPAN_KINDS = ("cue", "source", "content")
NAMED_TYPES = ("person", "organization")
EXAMPLE = ("jd-wechat-commentary evaluate /tmp/gold-release dataset    # gold first, then the release to score\n"
           "  jd-wechat-commentary evaluate /tmp/gold-release dataset --json")


def read_table(root, table: str) -> list[dict]:
    """Rows of a table, from the release's Parquet shard when present, else from <table>.jsonl."""
    root = Path(root)
    shards = layout.table_shards(root, table)
    if shards:     # regular files only, bounded: see layout.read_parquet
        return [row for shard in shards for row in read_parquet(shard).to_pylist()]
    path = root / layout.table_jsonl(table)
    if not path.exists():
        raise FileNotFoundError(f"{root}: no {table} table (neither {layout.shard_glob(table)} nor {path.name} exists)")
    lines = read_regular(path).split(b"\n")
    return [loads_json(line, f"{path}:{n}") for n, line in enumerate(lines, start=1) if line.strip()]


def prf(matched_pred: int, n_pred: int, matched_gold: int, n_gold: int) -> dict:
    """Precision, recall and F1 with the empty-set conventions of the module docstring."""
    if not n_pred and not n_gold:
        p, r, f1 = 1.0, 1.0, 1.0
    elif not n_pred:
        p, r, f1 = 1.0, 0.0, 0.0
    elif not n_gold:
        p, r, f1 = 0.0, 1.0, 0.0
    else:
        p, r = matched_pred / n_pred, matched_gold / n_gold
        f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "n_gold": n_gold, "n_pred": n_pred}


def _keyed_attributions(root) -> list[dict]:
    """Attributions with paragraph_id and speaker_id replaced by release-independent keys."""
    paras = {p["paragraph_id"]: p["char_start"] for p in read_table(root, "paragraphs")}
    speakers = {s["speaker_id"]: s for s in read_table(root, "speakers")}
    rows = []
    for a in read_table(root, "attributions"):
        if a["paragraph_id"] not in paras or a["speaker_id"] not in speakers:
            raise ValueError(f"{root}: attribution {a.get('attribution_id')} points to an unknown paragraph or speaker")
        sp = speakers[a["speaker_id"]]
        rows.append({**a, "_para": paras[a["paragraph_id"]], "_speaker": sp["name"],
                     "_named": sp.get("speaker_type", "person") in NAMED_TYPES})
    return rows


def _spans(rows: list[dict], kind: str) -> set[tuple]:
    return {(r["_para"], r[f"{kind}_start"], r[f"{kind}_end"]) for r in rows if r.get(f"{kind}_start") is not None}


def _overlaps(span: tuple, others: set[tuple]) -> bool:
    para, start, end = span
    return any(p == para and start < e and s < end for p, s, e in others)


def score_spans(gold: set[tuple], pred: set[tuple]) -> dict:
    """Exact and overlap scores for one kind of span."""
    tp = len(gold & pred)
    exact = {**prf(tp, len(pred), tp, len(gold)), "tp": tp}
    mp = sum(_overlaps(s, gold) for s in pred)
    mg = sum(_overlaps(s, pred) for s in gold)
    overlap = {**prf(mp, len(pred), mg, len(gold)), "matched_pred": mp, "matched_gold": mg}
    return {"exact": exact, "overlap": overlap}


def check_same_source(gold_dir, pred_dir) -> None:
    """Scores of a prediction built from another article mean nothing: refuse it (UsageError).
    Releases without a document table (gold written by hand as JSON Lines) are not compared."""
    from .errors import UsageError
    try:
        gold, pred = (read_table(d, "document") for d in (gold_dir, pred_dir))
    except FileNotFoundError:
        return
    shas = [{r.get("source_sha256") for r in rows} for rows in (gold, pred)]
    if shas[0] != shas[1]:
        show = [", ".join(sorted(str(s)[:12] + "…" for s in sha)) or "none" for sha in shas]
        raise UsageError(pred_dir, f"built from another source than the gold release {gold_dir} (document.source_sha256 "
                         f"{show[1]}, gold {show[0]})", "score a prediction built from the same article as the gold")


def evaluate(gold_dir, pred_dir) -> dict:
    """Compare two releases; returns a JSON-serializable dict of pair and span scores."""
    gold_all, pred_all = _keyed_attributions(gold_dir), _keyed_attributions(pred_dir)
    gold, pred = [r for r in gold_all if r["_named"]], [r for r in pred_all if r["_named"]]
    gp = {(r["_para"], r["_speaker"]) for r in gold}
    pp = {(r["_para"], r["_speaker"]) for r in pred}
    tp = len(gp & pp)
    result = {"pairs": {**prf(tp, len(pp), tp, len(gp)), "tp": tp}}
    for kind in SPAN_KINDS:
        result[kind] = score_spans(_spans(gold, kind), _spans(pred, kind))
    result["by_rule"] = _by_rule(pred, gp)
    result["not_named"] = {"gold": len(gold_all) - len(gold), "pred": len(pred_all) - len(pred)}
    return result


def _by_rule(pred: list[dict], gold_pairs: set[tuple]) -> dict:
    """Precision of the pairs each rule found (a pair found by two rules counts for both)."""
    found: dict[str, set] = {}
    for r in pred:
        found.setdefault(r.get("rule_id") or "unknown", set()).add((r["_para"], r["_speaker"]))
    return {rule: {"pairs": len(pairs), "correct": len(pairs & gold_pairs),
                   "precision": len(pairs & gold_pairs) / len(pairs)} for rule, pairs in sorted(found.items())}


def format_table(result: dict) -> str:
    """A short human-readable table of the scores."""
    lines = [f"{'metric':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}"]
    rows = [("pairs", result["pairs"])]
    rows += [(f"{k} {m}", result[k][m]) for k in SPAN_KINDS for m in ("exact", "overlap")]
    for label, s in rows:
        lines.append(f"{label:<16}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['n_gold']:>6}{s['n_pred']:>6}")
    for rule, s in result.get("by_rule", {}).items():
        lines.append(f"rule {rule}: {s['correct']}/{s['pairs']} pairs in the gold (precision {s['precision']:.3f})")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of the `evaluate` subcommand."""
    parser.add_argument("gold", metavar="GOLD_DIR", help=f"gold release directory ({layout.shard_glob('<table>')} or {layout.table_jsonl('<table>')})")
    parser.add_argument("pred", metavar="PRED_DIR", help="predicted release directory, same layout")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")


def run(args) -> int:
    """CLI entry: print the scores and return 0 (scoring is a report, not a check); 2 when a
    folder or one of its tables is missing (a usage error), 1 when a release is inconsistent."""
    from .usage import release_folder
    for given, folder in (("GOLD_DIR", args.gold), ("PRED_DIR", args.pred)):
        release_folder(folder, given, also=(layout.table_jsonl("attributions"),))
    try:
        check_same_source(args.gold, args.pred)
        result = evaluate(args.gold, args.pred)
    except (OSError, Unreadable) as exc:    # FileNotFoundError, and pyarrow's ArrowIOError
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, KeyError, TypeError) as exc:    # a table that is not a release's: validate says what
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(_parser)
    raise SystemExit(run(_parser.parse_args()))
