"""The card's picture: who speaks in which section, as an SVG drawn from the tables.

Hand-written SVG (text and rectangles, integer coordinates, no fonts embedded, no dates): the
same tables give the same bytes, and GitHub and the Hub show it as an image from the card's
relative link. Each cell prints its number, so the shading is never the only way to read it.
"""
from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path

from ..layout import SPEAKERS_FIGURE

CELL, ROW, TOTAL, TOP, PAD = 56, 30, 56, 74, 12
INK, MUTED, FILL, EMPTY = "#1a1a1a", "#555555", "#0072B2", "#f2f2f2"   # Okabe-Ito blue
ALT = "Statements per speaker (rows) and section (columns)"
# A picture stays a picture: past these, the speakers and the sections with most statements are
# drawn (in reading order) and a line says how many are left out; the tables hold them all.
MAX_ROWS, MAX_COLUMNS = 40, 30


def write_figure(root: Path, tables: dict) -> None:
    path = Path(root) / SPEAKERS_FIGURE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(speakers_by_section(tables), encoding="utf-8")


def card_link() -> str:
    """The card's Markdown for the picture: a relative link works on the Hub and on GitHub."""
    return f"![{ALT}]({SPEAKERS_FIGURE})"


def counts(tables: dict) -> Counter:
    """(speaker_id, section_index) -> number of attributions."""
    section_of = {p["paragraph_id"]: p["section_index"] for p in tables["paragraphs"]}
    return Counter((a["speaker_id"], section_of[a["paragraph_id"]]) for a in tables["attributions"])


def speakers_by_section(tables: dict) -> str:
    n = counts(tables)
    speakers = _most(tables["speakers"], "speaker_id", n, 0, MAX_ROWS)
    sections = _most(tables["sections"], "section_index", n, 1, MAX_COLUMNS)
    left_out = _left_out(tables, speakers, sections)
    most = max(n.values(), default=1)
    names = [_name(r, s) for r, s in enumerate(speakers)]
    left = max([160] + [_text_width(t) + 16 for t in names])
    width = PAD * 2 + left + CELL * len(sections) + TOTAL
    height = TOP + ROW * len(speakers) + 40 + (18 if left_out else 0)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-labelledby="title desc" font-family="sans-serif" font-size="13">',
           f"<title id=\"title\">{escape(ALT)}</title>",
           f'<desc id="desc">{escape(_description(speakers, sections, n))}</desc>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{PAD}" y="22" font-size="15" font-weight="bold" fill="{INK}">Who speaks in which section</text>',
           *_column_heads(sections, left)]
    for r, s in enumerate(speakers):
        out += _row(r, s, names[r], sections, n, most, left)
    out.append(f'<text x="{PAD}" y="{height - 12 - (18 if left_out else 0)}" fill="{MUTED}" font-size="11">Each cell: statements '
               '(rows of attributions) by the speaker in the section; sections in reading order, printed label below.</text>')
    if left_out:
        out.append(f'<text x="{PAD}" y="{height - 12}" fill="{MUTED}" font-size="11">{escape(left_out)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _most(rows: list[dict], key: str, n: Counter, position: int, limit: int) -> list[dict]:
    """All rows when they fit; else the `limit` rows with most statements, in their own order."""
    if len(rows) <= limit:
        return rows
    totals = Counter()
    for pair, k in n.items():
        totals[pair[position]] += k
    keep = {r[key] for r in sorted(rows, key=lambda r: -totals[r[key]])[:limit]}
    return [r for r in rows if r[key] in keep]


def _left_out(tables: dict, speakers: list[dict], sections: list[dict]) -> str:
    gone = [(len(tables["speakers"]) - len(speakers), "speakers"), (len(tables["sections"]) - len(sections), "sections")]
    gone = [f"{k} {what}" for k, what in gone if k]
    return f"Left out of the picture (fewest statements): {' and '.join(gone)}; the tables hold every one." if gone else ""


def _name(r: int, speaker: dict) -> str:
    name = f'{r + 1}. {speaker["name"]}' + (f' ({speaker["name_romanized"]})' if speaker["name_romanized"] else "")
    return name + ("" if speaker["speaker_type"] == "person" else f' [{speaker["speaker_type"]}]')


def _text_width(text: str) -> int:
    """A generous estimate at 13 px: wide (CJK) characters 14 px, others 8 px."""
    return sum(14 if ord(ch) > 0x2E80 else 8 for ch in text)


def _column_heads(sections: list[dict], left: int) -> list[str]:
    out = []
    for c, sec in enumerate(sections):
        x = PAD + left + CELL * c + CELL // 2
        out.append(f'<text x="{x}" y="{TOP - 28}" text-anchor="middle" fill="{INK}">§{sec["section_index"]}</text>')
        printed = sec["label"] or ("opening" if sec["heading_block_id"] is None else "—")
        out.append(f'<text x="{x}" y="{TOP - 12}" text-anchor="middle" fill="{MUTED}" font-size="11">{escape(printed)}</text>')
    x = PAD + left + CELL * len(sections) + TOTAL // 2
    out.append(f'<text x="{x}" y="{TOP - 28}" text-anchor="middle" fill="{INK}">total</text>')
    return out


def _row(r: int, speaker: dict, name: str, sections: list[dict], n: Counter, most: int, left: int) -> list[str]:
    y = TOP + ROW * r
    out = [f'<text x="{PAD}" y="{y + ROW // 2 + 5}" fill="{INK}">{escape(name)}</text>']
    for c, sec in enumerate(sections):
        k = n.get((speaker["speaker_id"], sec["section_index"]), 0)
        x = PAD + left + CELL * c
        out.append(_cell(x, y, k, most))
    total = sum(n.get((speaker["speaker_id"], sec["section_index"]), 0) for sec in sections)   # drawn sections only
    x = PAD + left + CELL * len(sections) + TOTAL // 2
    out.append(f'<text x="{x}" y="{y + ROW // 2 + 5}" text-anchor="middle" font-weight="bold" fill="{INK}">{total}</text>')
    return out


def _cell(x: int, y: int, k: int, most: int) -> str:
    box = f'x="{x + 2}" y="{y + 2}" width="{CELL - 4}" height="{ROW - 4}" rx="3"'
    if not k:
        return f'<rect {box} fill="{EMPTY}"/>'
    strength = 35 + 65 * k // most        # percent: the more statements, the darker
    ink = "#ffffff" if strength >= 80 else INK   # white only on the dark cells (contrast)
    return (f'<rect {box} fill="{FILL}" fill-opacity="{strength / 100:.2f}" stroke="{FILL}"/>'
            f'<text x="{x + CELL // 2}" y="{y + ROW // 2 + 5}" text-anchor="middle" font-weight="bold" fill="{ink}">{k}</text>')


def _description(speakers: list[dict], sections: list[dict], n: Counter) -> str:
    """The same facts as text, for screen readers: one sentence a speaker."""
    parts = []
    for s in speakers:
        where = [f"section {sec['section_index']}: {n[(s['speaker_id'], sec['section_index'])]}"
                 for sec in sections if n.get((s["speaker_id"], sec["section_index"]))]
        parts.append(f"{s['name']} – {', '.join(where)}.")
    return " ".join(parts)
