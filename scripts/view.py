"""`view [RELEASE] [--out FILE.html]`: the release as one annotated, self-contained HTML page.

The article as printed, section by section, with every attribution (source, cue and content
marked differently), the speakers' legend, the errata on their characters, the headings' labels
and numbering notes, image placeholders and the platform's notice set apart, and the build's
warnings beside their lines. No network: the style and the small script are inlined, and
nothing is loaded from anywhere. The page is a pure function of the release (byte-identical on
rerun). Every marked element carries data-start/data-end (code points into document.text), so
the page can be checked against the tables in a browser.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from . import layout, schemas
from .layout import default_release
from .layout import WARNINGS, parquet_path, read_parquet
from .marks import Span, render_line
from .usage import no_default

EXAMPLE = "jd-wechat-commentary view dataset --out /tmp/view.html\n  jd-wechat-commentary view /tmp/other-release --out other.html"
ASSETS = Path(__file__).resolve().parent
# Okabe & Ito (2008): eight colours told apart with every common colour-vision deficiency.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
OUTER, MIDDLE, INNER = 0, 1, 2      # nesting ranks: a statement holds its source and cue, an erratum sits innermost


class ViewError(Exception):
    """A folder that is not a release, or a warnings file that cannot be read."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def add_arguments(parser) -> None:
    parser.add_argument("release", nargs="?", type=Path, default=default_release(), metavar="RELEASE",
                        help="release folder (default: dataset/)")
    parser.add_argument("--out", type=Path, default=Path("view.html"),
                        help="the HTML file to write (default: view.html in the current folder)")


def run(args) -> int:
    try:
        if args.release is None:
            raise no_default("release folder", "give the folder to view: jd-wechat-commentary view DIR")
        release = load_release(args.release)
        out = _checked_out(args.release, args.out)
        out.write_text(render_page(release), encoding="utf-8")
    except ViewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except OSError as exc:
        print(f"error: {args.out}: could not write the page ({exc})", file=sys.stderr)
        return 1
    t = release.tables
    print(f"wrote {out} ({len(t['attributions'])} attributions, {len(t['speakers'])} speakers, "
          f"{len(t['errata'])} errata, {len(release.warnings)} warnings)")
    return 0


def _checked_out(release: Path, out: Path) -> Path:
    """A page inside the release would be a file the manifest does not list (manifest-extra-file)."""
    if Path(out).resolve().is_relative_to(Path(release).resolve()):
        raise ViewError(f"{out}: inside the release folder {release}; write the page elsewhere (it is not a release file)")
    return Path(out)


@dataclass
class Release:
    tables: dict[str, list[dict]]
    warnings: list[dict] = field(default_factory=list)

    @property
    def document(self) -> dict:
        return self.tables["document"][0]


def load_release(root: Path) -> Release:
    root = Path(root)
    if not (root / layout.DATA_DIR).is_dir():
        raise ViewError(f"{root}: not a release folder (no {layout.DATA_DIR}/ inside)")
    tables = {}
    for table in schemas.TABLES:
        path = parquet_path(root, table)
        try:
            tables[table] = read_parquet(path).to_pylist()
        except (OSError, ValueError) as exc:
            raise ViewError(f"{path}: cannot read the {table} table ({exc}); validate the release first", 1) from exc
    if len(tables["document"]) != 1:
        raise ViewError(f"{parquet_path(root, 'document')}: found {len(tables['document'])} rows; expected 1", 1)
    return Release(tables, read_warnings(root / WARNINGS))


def read_warnings(path: Path) -> list[dict]:
    """The build's warnings, one JSON object a line with `message` and `line` (the source line,
    or null) and optionally `code`; no file, no warnings."""
    if not path.is_file():
        return []
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ViewError(f"{path}:{n}: found invalid JSON ({exc.msg}); expected one JSON object a line", 1) from exc
        line = record.get("line") if isinstance(record, dict) else None
        if not isinstance(record, dict) or not isinstance(record.get("message"), str) \
                or not (line is None or (isinstance(line, int) and not isinstance(line, bool))):
            raise ViewError(f"{path}:{n}: found {raw[:80]!r}; expected an object with a string `message` "
                            "and an integer or null `line`", 1)
        out.append({"code": str(record.get("code") or "warning"), "line": line, "message": record["message"]})
    return out


# ---- the page ---------------------------------------------------------------------------------

def render_page(release: Release) -> str:
    doc = release.document
    title = doc["title"] or doc["document_id"]
    ctx = Context(_spans(release.tables), _warnings_by_line(release.warnings),
                  {p["block_id"]: p["paragraph_id"] for p in release.tables["paragraphs"]},
                  {d["block_id"]: d["language"] for d in release.tables["disclaimers"]})
    style = (ASSETS / "view.css").read_text(encoding="utf-8")
    script = (ASSETS / "view.js").read_text(encoding="utf-8")
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{escape(doc["language"])}-{escape(doc["script"])}">', "<head>",
        '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} · annotated view</title>", f"<style>\n{style}</style>", "</head>", "<body>",
        _header(release, title), _key(), _legend(release.tables), _unplaced_warnings(release),
        '<main id="article">', *_body(release, ctx), "</main>", _after_body(release, ctx),
        f"<script>\n{script}</script>", "</body>", "</html>", ""])


def _header(release: Release, title: str) -> str:
    doc, tables = release.document, release.tables
    counts = "".join(f'<li><span class="k">{t}</span> <span class="v" data-count="{t}">{len(tables[t])}</span></li>'
                     for t in schemas.TABLES)
    facts = [("dataset version", escape(doc["dataset_version"])), ("document", f"<code>{escape(doc['document_id'])}</code>"),
             ("source sha256", f'<code class="sha">{escape(doc["source_sha256"])}</code>'),
             ("text", f"{doc['n_chars']} characters on {doc['n_lines']} lines · {escape(doc['language'])}-{escape(doc['script'])}"),
             ("platform", escape(doc["platform"] or "none printed")), ("build warnings", str(len(release.warnings)))]
    rows = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    return (f'<header class="page-head"><h1>{escape(title)}</h1><p class="sub">annotated view of the release</p>'
            f'<dl class="facts">{rows}</dl><ul class="counts" aria-label="rows per table">{counts}</ul></header>')


def _key() -> str:
    samples = [('<span class="m-source">name</span><span class="tag-sample">[1] name</span>', "source: who speaks (solid underline, speaker's number and name after it)"),
               ('<span class="m-source m-pronoun">他</span><span class="tag-sample">→ name</span>', "a pronoun, linked to the mention it was resolved from"),
               ('<span class="m-cue">認為</span>', "cue: the reporting verb (boxed)"),
               ('<span class="m-content">…</span>', "content: what was said (tinted, dotted underline, between ⟨ ⟩)"),
               ('<span class="m-err">于</span><span class="tag-sample">→於</span>', "erratum: printed text (wavy underline) and the suggested reading"),
               ('<span class="type-badge">organization</span>', "a speaker that is not a person: its type printed beside it")]
    items = "".join(f"<li>{s} <span>{escape(t)}</span></li>" for s, t in samples)
    return f'<section class="key" aria-label="how the marks read"><h2>How to read the marks</h2><ul>{items}</ul></section>'


def _legend(tables: dict) -> str:
    items = []
    for n, s in enumerate(tables["speakers"], 1):
        roles = "; ".join(escape(r) for r in s["roles"]) or "no role printed"
        badge = "" if s["speaker_type"] == "person" else f' <span class="type-badge">{escape(s["speaker_type"])}</span>'
        items.append(
            f'<li class="speaker" id="speaker-{escape(s["speaker_id"])}" data-speaker-id="{escape(s["speaker_id"])}" style="--c:{_colour(n)}">'
            f'<button type="button" aria-pressed="false" data-speaker="{escape(s["speaker_id"])}">'
            f'<span class="swatch" aria-hidden="true"></span><span class="num">{n}</span> '
            f'<span class="name">{escape(s["name"])}</span> <span class="roman">{escape(s["name_romanized"])}</span>{badge}</button>'
            f'<span class="roles">{roles}</span> <span class="n">{s["n_attributions"]} statement{"s" if s["n_attributions"] != 1 else ""}</span></li>')
    return (f'<section class="legend" aria-label="speakers"><h2>Speakers</h2><p class="hint">Select a speaker to highlight '
            f'their statements; select again to show all.</p><ol>{"".join(items)}</ol></section>')


def _colour(n: int) -> str:
    return PALETTE[(n - 1) % len(PALETTE)]


@dataclass
class Context:
    """What every block needs: the spans by block id, the warnings by line, paragraph ids by block id."""
    spans: dict[str, list[Span]]
    warnings: dict[int, list[dict]]
    paragraph_ids: dict[str, str]
    notice_languages: dict[str, str]


def _body(release: Release, ctx: Context) -> list[str]:
    t = release.tables
    blocks = [b for b in t["blocks"] if b["section_index"] is not None and b["block_type"] != "blank"]
    out = []
    for sec in t["sections"]:
        out.append(f'<section class="section" id="section-{sec["section_index"]}" data-section-index="{sec["section_index"]}">')
        out.append(_section_meta(sec))
        for b in (b for b in blocks if b["section_index"] == sec["section_index"]):
            out.append(_block(b, ctx, sec))
        out.append("</section>")
    return out


def _section_meta(sec: dict) -> str:
    i = sec["section_index"]
    if sec["heading_block_id"] is None:
        what = "the untitled opening" if i == 0 else "no heading"
    elif sec["label"] is None:
        what = "heading without a number label"
    else:
        what = f'printed label <span class="label-badge">{escape(sec["label"])}</span> (number {sec["number"]})'
    note = f'<p class="note" role="note"><strong>Numbering:</strong> {escape(sec["note"])}</p>' if sec["note"] else ""
    return f'<div class="section-meta">Section {i} · {what}</div>{note}'


def _block(b: dict, ctx: Context, sec: dict | None = None) -> str:
    element = _block_element(b, ctx, sec)
    if b["block_type"] == "disclaimer" and b["section_index"] is not None:   # a notice inside the body is set apart too
        element = f'<aside class="notices" aria-label="platform notice">{element}</aside>'
    return element + _warnings_here(ctx.warnings.get(b["line"], []))


def _block_element(b: dict, ctx: Context, sec: dict | None) -> str:
    common = f'data-block="{escape(b["block_id"])}" data-line="{b["line"]}" data-start="{b["char_start"]}" data-end="{b["char_end"]}"'
    inner = render_line(b["text"], b["char_start"], ctx.spans.get(b["block_id"], []) + _heading_spans(b, sec))
    kind = b["block_type"]
    if kind == "heading":
        return f'<h2 class="block heading" {common}>{inner}</h2>'
    if kind == "paragraph":
        return f'<p class="block para" id="{escape(ctx.paragraph_ids.get(b["block_id"], b["block_id"]))}" {common}>{inner}</p>'
    if kind == "disclaimer":
        return f'<p class="block disclaimer" lang="{escape(ctx.notice_languages.get(b["block_id"], ""))}" {common}>{inner}</p>'
    if kind == "image":
        caption = f'Image placeholder (line {b["line"]}); the source has no picture here, only:'
    else:   # a block type this page does not know yet: shown, with its type
        caption = f'<span class="type-badge">{escape(kind)}</span> line {b["line"]}:'
    return (f'<figure class="block-box {escape(kind)}" aria-label="{escape(kind)}"><figcaption>{caption}</figcaption>'
            f'<code class="block" {common}>{inner}</code></figure>')


def _heading_spans(b: dict, sec: dict) -> list[Span]:
    """The section row's heading range, and its printed label where it opens the heading."""
    if sec is None or b["block_id"] != sec["heading_block_id"]:
        return []
    out = [Span(sec["char_start"], sec["char_end"], "span", OUTER,
                (("class", "m-heading"), ("data-role", "heading"), ("data-ref", f"section-{sec['section_index']}")))]
    label = sec["label"]
    if label and b["text"].startswith(label):
        out.append(Span(b["char_start"], b["char_start"] + len(label), "span", MIDDLE,
                        (("class", "m-label"), ("data-role", "label"), ("title", f"printed label {label}"))))
    return out


def _after_body(release: Release, ctx: Context) -> str:
    """Lines after the body (section_index null): the platform's notice in one box, anything else in another."""
    rest = [b for b in release.tables["blocks"] if b["section_index"] is None and b["block_type"] != "blank"]
    notices = "".join(_block(b, ctx) for b in rest if b["block_type"] == "disclaimer")
    others = "".join(_block(b, ctx) for b in rest if b["block_type"] != "disclaimer")
    out = []
    if others:
        out.append(f'<section class="apart" aria-label="after the body"><h2>After the body</h2>{others}</section>')
    if notices:
        out.append(f'<aside class="notices" aria-label="platform notice"><h2>Platform notice (not part of the article)</h2>{notices}</aside>')
    return "\n".join(out)


# ---- spans: every row of attributions, errata and disclaimers, by the block it sits in ----------

def _spans(tables: dict) -> dict[str, list[Span]]:
    blocks = tables["blocks"]
    out: dict[str, list[Span]] = {}

    def place(span: Span) -> None:
        for b in blocks:    # a span reaching over a line end is marked in every line it covers
            if span.start < b["char_end"] and b["char_start"] < span.end:
                out.setdefault(b["block_id"], []).append(span)

    for span in _attribution_spans(tables) + _erratum_spans(tables["errata"]) + _disclaimer_spans(tables["disclaimers"]):
        place(span)
    return out


def _attribution_spans(tables: dict) -> list[Span]:
    numbers = {s["speaker_id"]: (n, s) for n, s in enumerate(tables["speakers"], 1)}
    last_named: dict[str, str] = {}     # speaker -> id of the latest mention that is not a pronoun
    out = []
    for a in tables["attributions"]:
        n, sp = numbers.get(a["speaker_id"], (0, {"name": a["speaker_id"], "name_romanized": "", "speaker_type": "unknown"}))
        who = f'{sp["name"]} ({sp["name_romanized"]})' if sp["name_romanized"] else sp["name"]
        common = (("data-ref", a["attribution_id"]), ("data-speaker", a["speaker_id"]), ("style", f"--c:{_colour(n) if n else '#777'}"))
        out.append(_source_span(a, n, sp, who, common, last_named.get(a["speaker_id"])))
        if a["mention_type"] != "pronoun":
            last_named[a["speaker_id"]] = a["attribution_id"]
        out.append(Span(a["cue_start"], a["cue_end"], "span", MIDDLE, (("class", "m-cue"), ("data-role", "cue"), *common,
                        ("title", f'{a["attribution_id"]} cue “{a["cue_text"]}” · {who}'))))
        if a["content_start"] is not None:
            out.append(Span(a["content_start"], a["content_end"], "span", OUTER, (
                ("class", "m-content"), ("data-role", "content"), *common, ("data-quote", a["quote_type"]),
                ("title", f'{a["attribution_id"]} content ({a["quote_type"]}) · {who}'))))
    return out


def _source_span(a: dict, n: int, sp: dict, who: str, common: tuple, antecedent: str | None) -> Span:
    kind = sp["speaker_type"]
    type_note = "" if kind == "person" else f" · {kind}"
    title = f'{a["attribution_id"]} source · {who}{type_note} · {a["mention_type"]}'
    attrs = [("id", f'{a["attribution_id"]}-source'), ("data-role", "source"), *common, ("data-type", kind)]
    if a["mention_type"] == "pronoun":
        # the pronoun points at the person it was resolved to: the latest named mention, else the legend
        target = f"#{antecedent}-source" if antecedent else f"#speaker-{a['speaker_id']}"
        return Span(a["source_start"], a["source_end"], "a", MIDDLE, (
            ("class", "m-source m-pronoun"), *attrs, ("href", target), ("data-tag", f"→ [{n}] {sp['name']}{type_note}"),
            ("title", f"{title}: “{a['source_text']}” is resolved to {who}")))
    return Span(a["source_start"], a["source_end"], "span", MIDDLE, (
        ("class", "m-source"), *attrs, ("data-tag", f"[{n}] {sp['name']}{type_note}"), ("title", title)))


def _erratum_spans(errata: list[dict]) -> list[Span]:
    return [Span(e["char_start"], e["char_end"], "mark", INNER, (
        ("class", "m-err"), ("id", e["erratum_id"]), ("data-role", "erratum"), ("data-ref", e["erratum_id"]),
        ("data-suggested", f"→{e['suggested']}"),
        ("title", f'{e["erratum_id"]} ({e["kind"]}, {e["detected_by"]}): printed “{e["printed"]}”, read “{e["suggested"]}”. {e["note"]}')))
            for e in errata]


def _disclaimer_spans(disclaimers: list[dict]) -> list[Span]:
    return [Span(d["char_start"], d["char_end"], "span", OUTER, (
        ("class", "m-notice"), ("data-role", "disclaimer"), ("data-ref", d["disclaimer_id"]), ("lang", d["language"]),
        ("title", f'{d["disclaimer_id"]}: platform notice ({d["language"]}), platform {d["platform"] or "not named"}')))
            for d in disclaimers]


# ---- warnings ------------------------------------------------------------------------------------

def _warnings_by_line(warnings: list[dict]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for w in warnings:
        if w["line"] is not None:
            out.setdefault(w["line"], []).append(w)
    return out


def _warnings_here(warnings: list[dict]) -> str:
    return "".join(f'<aside class="warning" role="note" data-line="{w["line"]}"><strong>warning</strong> '
                   f'<code>{escape(w["code"])}</code> line {w["line"]}: {escape(w["message"])}</aside>' for w in warnings)


def _unplaced_warnings(release: Release) -> str:
    """Warnings with no line, or a line that shows no block (a blank line): listed at the top."""
    shown = {b["line"] for b in release.tables["blocks"] if b["block_type"] != "blank"}
    rest = [w for w in release.warnings if w["line"] not in shown]
    if not rest:
        return ""
    items = "".join(f'<li class="warning" data-line="{w["line"] if w["line"] is not None else ""}"><code>{escape(w["code"])}</code> '
                    f'{"line " + str(w["line"]) + ": " if w["line"] is not None else ""}{escape(w["message"])}</li>' for w in rest)
    return f'<section class="warnings" aria-label="warnings without a line"><h2>Build warnings not tied to a shown line</h2><ul>{items}</ul></section>'
