"""Records -> the tables' rows, each a dict with exactly the schema's columns in order."""
from __future__ import annotations

from .. import schemas
from ..rules.ids import anchored_id, number_repeats
from ..rules.conversion import to_simplified, to_traditional
from ..rules.errata import REFERENCE, SCRIPT_KIND


def _ordered(table: str, row: dict) -> dict:
    cols = schemas.columns(table)
    missing = set(cols) ^ set(row)
    assert not missing, f"{table}: row columns differ from the schema: {sorted(missing)}"
    return {c: row[c] for c in cols}


def make_tables(doc, version: str) -> dict[str, list[dict]]:
    """`doc` carries source, script, blocks, sections, statements, speakers, curation."""
    paragraph_ids = {b.block_id: f"p{i + 1:03d}" for i, b in enumerate(b for b in doc.blocks if b.block_type == "paragraph")}
    rows = {
        "document": [document_row(doc, version)],
        "blocks": [block_row(b) for b in doc.blocks],
        "paragraphs": paragraph_rows(doc, paragraph_ids),
        "sections": [section_row(s, paragraph_ids) for s in doc.sections],
        "speakers": [speaker_row(sp, paragraph_ids) for sp in doc.speakers],
        "attributions": attribution_rows(doc, paragraph_ids),
        "disclaimers": disclaimer_rows(doc.blocks),
        "errata": erratum_rows(doc),
    }
    return {t: [_ordered(t, r) for r in rs] for t, rs in rows.items()}


def document_row(doc, version: str) -> dict:
    notices = [b.notice for b in doc.blocks if b.notice and b.notice["platform"]]
    platform = next((n["platform"] for n in notices if n["language"] == "zh"), notices[0]["platform"] if notices else None)
    text = doc.source.text
    return {"document_id": doc.document_id, "title": doc.curation.document.get("title"), "language": "zh",
            "script": doc.script, "platform": platform, "source_id": doc.curation.document.get("source_id"),
            "dataset_version": version, "text": text, "source_sha256": doc.source.sha256,
            "n_chars": len(text), "n_lines": text.count("\n") + 1}


def block_row(b) -> dict:
    return {"block_id": b.block_id, "position": b.position, "line": b.line, "block_type": b.block_type,
            "section_index": b.section_index, "text": b.text, "char_start": b.char_start, "char_end": b.char_end}


def paragraph_rows(doc, paragraph_ids: dict) -> list[dict]:
    by_section = {s.section_index: s for s in doc.sections}
    speakers_of = _speakers_by_paragraph(doc)
    rows = []
    for b in (b for b in doc.blocks if b.block_type == "paragraph"):
        sec = by_section[b.section_index]
        speakers = speakers_of.get(b.block_id, [])
        rows.append({
            "paragraph_id": paragraph_ids[b.block_id], "position": len(rows), "block_id": b.block_id,
            "section_index": sec.section_index, "section_label": sec.label, "section_title": sec.title, "text": b.text,
            "text_simplified": to_simplified(b.text) if doc.script == "Hant" else None,
            "text_traditional": to_traditional(b.text) if doc.script == "Hans" else None,
            "char_start": b.char_start, "char_end": b.char_end,
            "speaker_ids": [sp.speaker_id for sp in speakers], "speaker_names": [sp.name for sp in speakers],
        })
    return rows


def _speakers_by_paragraph(doc) -> dict[str, list]:
    """block_id -> the speakers of its statements, in the order they first speak there; one
    pass over the statements (grouped once, not scanned again for every paragraph)."""
    by_id = {sp.speaker_id: sp for sp in doc.speakers}
    ids: dict[str, dict[str, None]] = {}
    for st in doc.statements:
        if st.speaker_id:
            ids.setdefault(st.paragraph.block_id, {})[st.speaker_id] = None
    return {block_id: [by_id[i] for i in found] for block_id, found in ids.items()}


def section_row(s, paragraph_ids: dict) -> dict:
    h = s.heading
    return {"section_index": s.section_index, "label": s.label, "number": s.number, "title": s.title,
            "heading_block_id": h.block_id if h else None, "char_start": h.char_start if h else None,
            "char_end": h.char_end if h else None,
            "paragraph_ids": [paragraph_ids[b.block_id] for b in s.paragraph_blocks], "note": s.note}


def speaker_row(sp, paragraph_ids: dict) -> dict:
    return {"speaker_id": sp.speaker_id, "speaker_type": sp.speaker_type, "name": sp.name,
            "name_simplified": to_simplified(sp.name), "name_romanized": sp.name_romanized, "roles": list(sp.roles),
            "affiliations": sp.affiliations, "n_attributions": len(sp.statements),
            "first_paragraph_id": paragraph_ids[sp.statements[0].paragraph.block_id]}


def attribution_rows(doc, paragraph_ids: dict) -> list[dict]:
    text, rows = doc.source.text, []
    statements = [s for s in doc.statements if s.speaker_id]
    ids = number_repeats([anchored_id("a", st.paragraph.text, st.cue[0] - st.paragraph.char_start) for st in statements])
    for attribution_id, st in zip(ids, statements):
        c = st.content
        rows.append({
            "attribution_id": attribution_id, "paragraph_id": paragraph_ids[st.paragraph.block_id],
            "speaker_id": st.speaker_id, "source_text": text[st.mention.start:st.mention.end],
            "source_start": st.mention.start, "source_end": st.mention.end, "mention_type": st.mention.kind,
            "cue_text": text[st.cue[0]:st.cue[1]], "cue_start": st.cue[0], "cue_end": st.cue[1],
            "content_text": text[c[0]:c[1]] if c else None, "content_start": c[0] if c else None,
            "content_end": c[1] if c else None, "quote_type": st.quote_type,
            "rule_id": st.rule_id, "speaker_rule": st.speaker_rule,
            "agrees_with_attribution_id": _agreed_with(rows, st.speaker_id) if st.quote_type == "agreement" else None,
        })
    return rows


def _agreed_with(earlier: list[dict], speaker_id: str) -> str | None:
    """A bare agreement (X對此表示認同) agrees with the statement before it: the nearest earlier
    attribution by another speaker that is not itself an agreement."""
    return next((r["attribution_id"] for r in reversed(earlier)
                 if r["speaker_id"] != speaker_id and r["quote_type"] != "agreement"), None)


def disclaimer_rows(blocks) -> list[dict]:
    rows, notices = [], [b for b in blocks if b.block_type == "disclaimer"]
    for disclaimer_id, b in zip(number_repeats([anchored_id("d", b.text) for b in notices]), notices):
        rows.append({"disclaimer_id": disclaimer_id, "language": b.notice["language"],
                     "platform": b.notice["platform"], "block_id": b.block_id, "text": b.text,
                     "char_start": b.char_start, "char_end": b.char_end})
    return rows


def erratum_rows(doc) -> list[dict]:
    found = doc.errata
    ids = number_repeats([anchored_id("e", *_erratum_anchor(e)) for e in found])
    return [{"erratum_id": erratum_id, "block_id": e["block"].block_id, "char_start": e["char_start"],
             "char_end": e["char_end"], "printed": e["printed"], "suggested": e["suggested"], **_erratum_origin(e["kind"]),
             "kind": e["kind"], "note": e["note"], "detected_by": e["detected_by"]} for erratum_id, e in zip(ids, found)]


def _erratum_anchor(e: dict) -> tuple[str, int]:
    """A curated erratum is anchored by its context (the curated file's own anchor: the id survives
    edits of the line outside it); one found by rule by its line. The offset is where `printed` starts."""
    if e["detected_by"] == "curated":
        return e["context"], e["context"].index(e["printed"])
    return e["block"].text, e["char_start"] - e["block"].char_start


def _erratum_origin(kind: str) -> dict:
    """A script_conversion erratum is a leftover of the rendering into Traditional script, checked
    against the script reference (errata_check.py); every other kind is the author's own error."""
    if kind == SCRIPT_KIND:
        return {"category": "script_rendering", "reference": REFERENCE}
    return {"category": "author_error", "reference": None}
