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

Conventions for empty sets, so that a perfect empty prediction scores 1.0 and no division
by zero happens: both gold and pred empty -> P = R = F1 = 1.0; pred empty, gold not ->
P = 1.0, R = 0.0, F1 = 0.0; gold empty, pred not -> P = 0.0, R = 1.0, F1 = 0.0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .layout import read_parquet
from .reading import Unreadable, loads_json, read_regular

SPAN_KINDS = ("cue", "source", "content")


def read_table(root, table: str) -> list[dict]:
    """Rows of a table, from the release's Parquet shard when present, else from <table>.jsonl."""
    root = Path(root)
    shard = root / "data" / table / "train-00000-of-00001.parquet"
    if shard.exists():
        return read_parquet(shard).to_pylist()     # regular files only, bounded: see layout.read_parquet
    path = root / f"{table}.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{root}: no {table} table (neither {shard.relative_to(root)} nor {path.name} exists)")
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
    names = {s["speaker_id"]: s["name"] for s in read_table(root, "speakers")}
    rows = []
    for a in read_table(root, "attributions"):
        if a["paragraph_id"] not in paras or a["speaker_id"] not in names:
            raise ValueError(f"{root}: attribution {a.get('attribution_id')} points to an unknown paragraph or speaker")
        rows.append({**a, "_para": paras[a["paragraph_id"]], "_speaker": names[a["speaker_id"]]})
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


def evaluate(gold_dir, pred_dir) -> dict:
    """Compare two releases; returns a JSON-serializable dict of pair and span scores."""
    gold, pred = _keyed_attributions(gold_dir), _keyed_attributions(pred_dir)
    gp = {(r["_para"], r["_speaker"]) for r in gold}
    pp = {(r["_para"], r["_speaker"]) for r in pred}
    tp = len(gp & pp)
    result = {"pairs": {**prf(tp, len(pp), tp, len(gp)), "tp": tp}}
    for kind in SPAN_KINDS:
        result[kind] = score_spans(_spans(gold, kind), _spans(pred, kind))
    return result


def format_table(result: dict) -> str:
    """A short human-readable table of the scores."""
    lines = [f"{'metric':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}"]
    rows = [("pairs", result["pairs"])]
    rows += [(f"{k} {m}", result[k][m]) for k in SPAN_KINDS for m in ("exact", "overlap")]
    for label, s in rows:
        lines.append(f"{label:<16}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['n_gold']:>6}{s['n_pred']:>6}")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of the `evaluate` subcommand."""
    parser.add_argument("gold", help="gold release directory (data/<table>/*.parquet or <table>.jsonl)")
    parser.add_argument("pred", help="predicted release directory, same layout")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")


def run(args) -> int:
    """CLI entry: print the scores and return 0 (scoring is a report, not a check); 2 when a
    folder or one of its tables is missing (a usage error), 1 when a release is inconsistent."""
    for label, folder in (("gold", args.gold), ("predicted", args.pred)):
        if not Path(folder).is_dir():
            print(f"error: the {label} release folder {folder} does not exist (or is not a folder)", file=sys.stderr)
            return 2
    try:
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
