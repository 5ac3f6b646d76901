"""The scorer on tiny hand-made releases whose scores were worked out by hand."""

import json
import subprocess
import sys
from argparse import ArgumentParser, Namespace

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jd_wechat_commentary.cli import main
from jd_wechat_commentary.evaluate import add_arguments, evaluate, prf, run

# One 30-character source text split into two paragraphs: [0, 14) and [15, 30).
PARAS = [(0, 14), (15, 30)]


def attribution(aid, para, speaker, source, cue, content):
    """An attribution row; spans are (start, end) pairs, content may be None."""
    row = {"attribution_id": aid, "paragraph_id": para, "speaker_id": speaker,
           "source_start": source[0], "source_end": source[1], "cue_start": cue[0], "cue_end": cue[1],
           "content_start": None, "content_end": None}
    if content is not None:
        row["content_start"], row["content_end"] = content
    return row


def release(root, attributions, speakers, para_ids=("p001", "p002")):
    """Write a JSONL release: paragraphs named para_ids, speakers as {id: name}."""
    root.mkdir(parents=True, exist_ok=True)
    tables = {
        "paragraphs": [{"paragraph_id": pid, "char_start": s, "char_end": e, "text": "x" * (e - s)}
                       for pid, (s, e) in zip(para_ids, PARAS)],
        "speakers": [{"speaker_id": sid, "name": name, "speaker_type": "person"} for sid, name in speakers.items()],
        "attributions": attributions,
    }
    for name, rows in tables.items():
        (root / f"{name}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                            encoding="utf-8")
    return root


def to_parquet(root):
    """Move a JSONL release to the data/<table>/train-00000-of-00001.parquet layout."""
    for name in ("paragraphs", "speakers", "attributions"):
        rows = [json.loads(line) for line in (root / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
        shard = root / "data" / name / "train-00000-of-00001.parquet"
        shard.parent.mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist(rows), shard)
        (root / f"{name}.jsonl").unlink()
    return root


def metric(precision, recall, f1):
    return pytest.approx({"precision": precision, "recall": recall, "f1": f1})


def prf_of(score):
    return {k: score[k] for k in ("precision", "recall", "f1")}


GOLD_SPEAKERS = {"g1": "王某某", "g2": "李某"}
GOLD_ROWS = [
    attribution("a001", "p001", "g1", (0, 3), (3, 5), (6, 14)),
    attribution("a002", "p002", "g2", (15, 17), (17, 19), (20, 30)),
]


def test_pairs_match_by_paragraph_start_and_speaker_name(tmp_path):
    # Different ids on the predicted side; 1 of 3 predicted pairs is right: P=1/3, R=1/2, F1=0.4.
    gold = release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS)
    pred = release(tmp_path / "pred", [
        attribution("a1", "x1", "s9", (0, 3), (3, 5), (6, 14)),
        attribution("a2", "x1", "s8", (0, 3), (3, 5), None),
        attribution("a3", "x2", "s7", (15, 17), (17, 19), (20, 30)),
    ], {"s9": "王某某", "s8": "李某", "s7": "張三"}, para_ids=("x1", "x2"))
    pairs = evaluate(gold, pred)["pairs"]
    assert prf_of(pairs) == metric(1 / 3, 1 / 2, 0.4)
    assert (pairs["tp"], pairs["n_gold"], pairs["n_pred"]) == (1, 2, 3)


def test_duplicate_pairs_count_once(tmp_path):
    gold = release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS)
    pred = release(tmp_path / "pred", GOLD_ROWS + [attribution("a003", "p001", "g1", (8, 9), (9, 10), None)],
                   GOLD_SPEAKERS)
    pairs = evaluate(gold, pred)["pairs"]
    assert (pairs["tp"], pairs["n_pred"], pairs["f1"]) == (2, 2, 1.0)


def test_exact_versus_overlap_spans(tmp_path):
    gold = release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS)
    pred = release(tmp_path / "pred", [
        # source one character short, cue exact, content ending where gold content starts (no overlap)
        attribution("a1", "p001", "g1", (1, 3), (3, 5), (5, 6)),
        # second paragraph: source exact, cue overlapping, content strictly inside gold content
        attribution("a2", "p002", "g2", (15, 17), (18, 20), (22, 25)),
    ], GOLD_SPEAKERS)
    result = evaluate(gold, pred)
    # source: exact 1/2 both ways; overlap 2/2
    assert prf_of(result["source"]["exact"]) == metric(0.5, 0.5, 0.5)
    assert prf_of(result["source"]["overlap"]) == metric(1.0, 1.0, 1.0)
    # cue: exact (3,5) only; overlap both
    assert prf_of(result["cue"]["exact"]) == metric(0.5, 0.5, 0.5)
    assert prf_of(result["cue"]["overlap"]) == metric(1.0, 1.0, 1.0)
    # content: [5,6) ends where gold [6,14) starts (half-open: no overlap); [22,25) is inside [20,30)
    assert prf_of(result["content"]["exact"]) == metric(0.0, 0.0, 0.0)
    assert prf_of(result["content"]["overlap"]) == metric(0.5, 0.5, 0.5)
    assert (result["content"]["overlap"]["matched_pred"], result["content"]["overlap"]["matched_gold"]) == (1, 1)


def test_overlap_counts_each_side_separately(tmp_path):
    # One gold content [20,30) against two predicted pieces of it: P = 2/2, R = 1/1.
    gold = release(tmp_path / "gold", GOLD_ROWS[1:], GOLD_SPEAKERS)
    pred = release(tmp_path / "pred", [
        attribution("a1", "p002", "g2", (15, 17), (17, 19), (20, 24)),
        attribution("a2", "p002", "g2", (15, 17), (17, 19), (25, 30)),
    ], GOLD_SPEAKERS)
    overlap = evaluate(gold, pred)["content"]["overlap"]
    assert prf_of(overlap) == metric(1.0, 1.0, 1.0)
    assert (overlap["n_pred"], overlap["n_gold"]) == (2, 1)


def test_overlap_needs_the_same_paragraph(tmp_path):
    gold = release(tmp_path / "gold", GOLD_ROWS[:1], GOLD_SPEAKERS)
    pred = release(tmp_path / "pred", [attribution("a1", "p002", "g1", (0, 3), (3, 5), (6, 14))], GOLD_SPEAKERS)
    result = evaluate(gold, pred)
    assert result["cue"]["overlap"]["f1"] == 0.0
    assert result["pairs"]["tp"] == 0


def test_null_content_is_left_out(tmp_path):
    # Both sides hold one bare agreement: no content spans at all, which scores 1.0.
    rows = [attribution("a001", "p001", "g1", (0, 3), (4, 8), None)]
    result = evaluate(release(tmp_path / "gold", rows, GOLD_SPEAKERS), release(tmp_path / "pred", rows, GOLD_SPEAKERS))
    assert result["content"]["exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "n_gold": 0, "n_pred": 0, "tp": 0}
    assert result["cue"]["exact"]["tp"] == 1


def test_empty_conventions(tmp_path):
    gold = release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS)
    empty = release(tmp_path / "empty", [], GOLD_SPEAKERS)
    both_empty = evaluate(empty, empty)
    assert prf_of(both_empty["pairs"]) == metric(1.0, 1.0, 1.0)
    assert prf_of(both_empty["content"]["overlap"]) == metric(1.0, 1.0, 1.0)
    assert prf_of(evaluate(gold, empty)["pairs"]) == metric(1.0, 0.0, 0.0)
    assert prf_of(evaluate(empty, gold)["source"]["exact"]) == metric(0.0, 1.0, 0.0)
    assert prf(0, 0, 0, 0)["f1"] == 1.0


def test_perfect_prediction(tmp_path):
    gold = release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS)
    result = evaluate(gold, gold)
    assert result["pairs"]["f1"] == 1.0
    assert all(result[k][m]["f1"] == 1.0 for k in ("cue", "source", "content") for m in ("exact", "overlap"))
    json.dumps(result)  # JSON-serializable


def test_parquet_release_reads_like_jsonl(tmp_path):
    gold = release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS)
    pred = to_parquet(release(tmp_path / "pred", GOLD_ROWS[:1], GOLD_SPEAKERS))
    assert not list(pred.glob("*.jsonl"))
    result = evaluate(gold, pred)
    assert prf_of(result["pairs"]) == metric(1.0, 0.5, 2 / 3)


def test_parquet_wins_over_jsonl(tmp_path):
    pred = to_parquet(release(tmp_path / "pred", GOLD_ROWS, GOLD_SPEAKERS))
    (pred / "attributions.jsonl").write_text("not json\n", encoding="utf-8")
    assert evaluate(release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS), pred)["pairs"]["f1"] == 1.0


def test_missing_table_is_a_clear_error(tmp_path):
    gold = release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS)
    (gold / "speakers.jsonl").unlink()
    with pytest.raises(FileNotFoundError, match="speakers"):
        evaluate(gold, gold)


def test_cli(tmp_path, capsys):
    gold = release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS)
    parser = ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args([str(gold), str(gold), "--json"])
    assert run(args) == 0
    assert json.loads(capsys.readouterr().out)["pairs"]["f1"] == 1.0
    assert run(Namespace(gold=str(gold), pred=str(gold), json=False)) == 0
    table = capsys.readouterr().out
    assert "pairs" in table and "content overlap" in table


def test_cli_missing_release_folder_is_a_usage_error_naming_it(tmp_path):
    """`evaluate GOLD /nope`, as a user types it: no traceback, the folder named, exit 2."""
    gold = release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS)
    done = subprocess.run([sys.executable, "-m", "jd_wechat_commentary.cli", "evaluate", str(gold), "/nope"],
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("error: /nope: no such folder (given as PRED_DIR); give a release folder that build wrote "
                           "(it holds MANIFEST.json and data/), e.g. dataset\n")


def test_cli_missing_gold_folder_and_missing_table_are_usage_errors(tmp_path, capsys):
    gold = release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS)
    assert main(["evaluate", str(tmp_path / "no-gold"), str(gold)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'no-gold'}: no such folder (given as GOLD_DIR); ")
    (gold / "speakers.jsonl").unlink()
    assert main(["evaluate", str(gold), str(gold)]) == 2
    assert capsys.readouterr().err == (f"error: {gold}: no speakers table "
                                       "(neither data/speakers/train-*.parquet nor speakers.jsonl exists)\n")


def test_cli_inconsistent_release_exits_1(tmp_path, capsys):
    """An attribution pointing to a speaker the release does not have: an invalid release, exit 1."""
    gold = release(tmp_path / "gold", GOLD_ROWS, GOLD_SPEAKERS)
    pred = release(tmp_path / "pred", GOLD_ROWS, {"g1": "王某某"})
    assert main(["evaluate", str(gold), str(pred)]) == 1
    assert "points to an unknown paragraph or speaker" in capsys.readouterr().err
