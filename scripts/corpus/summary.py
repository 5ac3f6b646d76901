"""The counts a corpus card shows: articles, rejects by code, scripts, outlets, speakers per
article, attributions by rule, warnings by code. Gathered by each task while it writes
(corpus_steps.ShardWriter), merged once (corpus_release.finish), and gathered again from the
shards by `corpus validate`, which compares the two. No datatrove here: validate runs without it.
"""
from __future__ import annotations

from collections import Counter

KEYS = ("articles", "rejects", "script", "outlet", "rows", "rule_id", "speaker_rule", "speakers_per_article", "warnings")
NO_OUTLET = "(none)"


class Summary:
    def __init__(self):
        self.counts = {k: Counter() for k in KEYS}

    def reject(self, code: str) -> None:
        self.counts["rejects"][code] += 1

    def add(self, tables: dict, warning_codes=()) -> None:
        """One built article: its tables (the document row with the input's outlet)."""
        c, doc = self.counts, tables["document"][0]
        c["articles"]["built"] += 1
        c["articles"]["chars"] += doc["n_chars"]
        c["script"][doc["script"]] += 1
        c["outlet"][doc.get("outlet") or NO_OUTLET] += 1
        c["rows"].update({t: len(rows) for t, rows in tables.items()})
        c["rule_id"].update(r["rule_id"] for r in tables["attributions"])
        c["speaker_rule"].update(r["speaker_rule"] for r in tables["attributions"])
        c["speakers_per_article"][str(len(tables["speakers"]))] += 1
        c["warnings"].update(warning_codes)

    def to_dict(self) -> dict:
        return {k: dict(sorted(v.items())) for k, v in self.counts.items()}


def merge_summaries(parts) -> dict:
    total = {k: Counter() for k in KEYS}
    for part in parts:
        for key, counts in part.items():
            total.setdefault(key, Counter()).update(counts)
    return {k: dict(sorted(v.items())) for k, v in sorted(total.items())}
