"""`view`: the annotated page, checked in a real (headless, system) Chromium.

Every row of attributions, errata, sections and disclaimers must be visible on the page and sit
at its offsets: the browser computes each marked element's position in document.text from the
DOM (the text before it in its line, in code points), and the test compares that and the
element's text with the row. One browser for the whole module. Without a Chromium on PATH the
browser tests skip and say so; .ci/run installs Debian's `chromium` first.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import Browser, find_chromium, png_pixels
from conftest import DATASET, ROOT, read
from jd_wechat_commentary.release import figure
from jd_wechat_commentary.build import build
from jd_wechat_commentary.marks import Span, render_line

CHROMIUM = find_chromium()
# .ci/run sets REQUIRE_CHROMIUM=1 after installing the browser: there a missing browser fails, never skips
if CHROMIUM is None and os.environ.get("REQUIRE_CHROMIUM"):
    raise RuntimeError("REQUIRE_CHROMIUM is set but no chromium is on PATH (apt-get install chromium)")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (.ci/run installs Debian's chromium; "
                                                            "or set CHROMIUM=/path/to/chrome)")
# a generic build: headings misnumbered, a pronoun, organizations, an image caption, a build warning
OTHER = ROOT / "tests" / "fixtures" / "heldout2" / "hant-developer-debt-report-two-lis-misnumbered" / "article.txt"
CLI = [sys.executable, "-m", "jd_wechat_commentary.cli"]


def _view(release: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "view", str(release), "--out", str(out)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def project_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("view") / "dataset.html"
    done = _view(DATASET, out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def other_release(tmp_path_factory) -> Path:
    """A generic build (rules alone) with its warnings written as warnings.jsonl, the way a build
    that records them would; view reads whatever file is there."""
    out = tmp_path_factory.mktemp("other") / "release"
    warnings = build(OTHER, None, out)
    assert warnings, "the fixture is chosen for its build warning"
    records = []
    for w in warnings:
        line, message = re.search(r"(?:line |:)(\d+): (.*)$", w).groups()
        records.append({"code": "rule-warning", "line": int(line), "message": message})
    records.append({"code": "no-line", "line": None, "message": "a warning about the whole <article> & no line"})
    (out / "warnings.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def other_page(other_release, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("view-other") / "other.html"
    done = _view(other_release, out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH")
    b = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


# ---- without a browser -----------------------------------------------------------------------

def test_marks_nest_crossing_spans_as_fragments():
    # [0,4) and [2,6) cross: the second is cut at 4 and continued; both keep their whole range
    a = Span(10, 14, "span", 0, (("id", "a"),))
    b = Span(12, 16, "mark", 1, (("id", "b"),))
    html = render_line("一二<三&四五六", 10, [a, b])
    assert html == ('<span id="a" data-start="10" data-end="14">一二<mark id="b" data-start="12" data-end="16">&lt;三</mark></span>'
                    '<mark data-start="12" data-end="16" data-part="continued">&amp;四</mark>五六')


def test_marks_put_the_longer_span_outside_and_cut_spans_at_the_line():
    outer = Span(0, 3, "span", 0, (("class", "c"),))
    same = Span(0, 3, "mark", 2, (("class", "e"),))      # same range: the lower rank is the outer element
    past = Span(2, 9, "i", 1)                            # reaches past the line's end: cut there
    html = render_line("abc", 0, [same, past, outer])
    assert html == ('<span class="c" data-start="0" data-end="3"><mark class="e" data-start="0" data-end="3">ab'
                    '<i data-start="2" data-end="9">c</i></mark></span>')


def test_view_is_byte_identical_on_rerun(project_page, tmp_path):
    again = tmp_path / "again.html"
    assert _view(DATASET, again).returncode == 0
    assert again.read_bytes() == project_page.read_bytes()


def test_view_loads_nothing_from_elsewhere(project_page):
    html = project_page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!#)""", html), "a src or href that is not a link inside the page"
    assert "@import" not in html and "url(" not in html
    assert html.count("<script") == 1 and html.count("<style") == 1


def test_view_refuses_a_page_inside_the_release_and_a_folder_that_is_not_one(tmp_path):
    done = _view(DATASET, DATASET / "view.html")
    assert done.returncode == 2 and "inside the release folder" in done.stderr
    assert not (DATASET / "view.html").exists()
    done = _view(tmp_path, tmp_path.parent / "x.html")
    assert done.returncode == 2 and "not a release folder (no data/ inside)" in done.stderr


def test_view_names_the_line_of_a_broken_warnings_file(tmp_path):
    release = tmp_path / "dataset"
    shutil.copytree(DATASET, release)
    (release / "warnings.jsonl").write_text('{"code": "x", "line": 3, "message": "fine"}\n{"line": "four"}\n', encoding="utf-8")
    done = _view(release, tmp_path / "v.html")
    assert done.returncode == 1
    assert "warnings.jsonl:2: found '{\"line\": \"four\"}'; expected an object with a string `message`" in done.stderr
    assert "Traceback" not in done.stderr


def test_card_picture_counts_statements_per_speaker_and_section():
    tables = {t: read(DATASET, t) for t in ("paragraphs", "attributions", "speakers", "sections")}
    n = figure.counts(tables)
    # by hand from the attributions: a005, a006 in section 1 (p007, p008), a008 in 2, a012 in 3, a018 in 4
    assert {k: v for k, v in n.items() if k[0] == "zhao-shaohui"} == {("zhao-shaohui", 1): 2, ("zhao-shaohui", 2): 1,
                                                                       ("zhao-shaohui", 3): 1, ("zhao-shaohui", 4): 1}
    # the unnamed source of line 3 (當時有消息稱) speaks in the untitled first section too
    assert n[("jd", 0)] == 1 and n[("youxiaoxi", 0)] == 1 and sum(n.values()) == 22
    svg = (DATASET / "images" / "speakers-by-section.svg").read_text(encoding="utf-8")
    assert svg == figure.speakers_by_section(tables)
    assert "趙紹輝 (Zhao Shaohui)" in svg and "京東 (Jingdong) [organization]" in svg


def test_card_picture_is_well_formed_svg_with_a_text_alternative():
    import xml.etree.ElementTree as ET
    root = ET.parse(DATASET / "images" / "speakers-by-section.svg").getroot()   # GitHub shows no malformed SVG
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.get("role") == "img"
    assert root.find(f"{ns}title").text == figure.ALT
    assert "趙紹輝 – section 1: 2, section 2: 1, section 3: 1, section 4: 1." in root.find(f"{ns}desc").text


def test_card_links_the_picture_and_the_manifest_lists_it():
    card = (DATASET / "README.md").read_text(encoding="utf-8")
    assert "](images/speakers-by-section.svg)" in card
    manifest = json.loads((DATASET / "MANIFEST.json").read_text(encoding="utf-8"))
    assert "images/speakers-by-section.svg" in {f["path"] for f in manifest["files"]}


# ---- in the browser ----------------------------------------------------------------------------

# For every element with data-role: its role, row id, text, offset in document.text computed from
# the DOM (its line's data-start + the code points before it in that line), and whether it shows.
PLACED = r"""
(() => {
  const cp = s => Array.from(s).length;
  return Array.from(document.querySelectorAll('[data-role]')).map(el => {
    const line = el.closest('.block');
    const before = document.createRange();
    before.setStart(line, 0);
    before.setEnd(el, 0);
    const r = el.getBoundingClientRect(), st = getComputedStyle(el);
    return {role: el.dataset.role, ref: el.dataset.ref || null, text: el.textContent,
            offset: Number(line.dataset.start) + cp(before.toString()),
            inMain: !!el.closest('main'), inNotice: !!el.closest('aside.notices'),
            shown: r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none'};
  });
})()
"""
BLOCKS = r"""Array.from(document.querySelectorAll('.block')).map(el => ({
  start: Number(el.dataset.start), end: Number(el.dataset.end), text: el.textContent,
  kind: el.className, section: el.closest('section.section') ? Number(el.closest('section.section').dataset.sectionIndex) : null,
  id: el.id}))"""


def _open(browser, page_file: Path, width: int = 1280, height: int = 900, mobile: bool = False):
    page = browser.page()
    page.open(page_file.as_uri(), width, height, mobile)
    return page


def _joined(placed: list[dict], role: str) -> dict[str, tuple[int, str, bool]]:
    """Fragments of one span joined in reading order: (offset of the first, text, every one shown)."""
    out: dict[str, tuple[int, str, bool]] = {}
    for p in (p for p in placed if p["role"] == role):
        if p["ref"] in out:
            off, text, shown = out[p["ref"]]
            out[p["ref"]] = (off, text + p["text"], shown and p["shown"])
        else:
            out[p["ref"]] = (p["offset"], p["text"], p["shown"])
    return out


def check_every_row_placed(page, release: Path) -> None:
    t = {name: read(release, name) for name in ("document", "attributions", "errata", "sections", "disclaimers", "paragraphs")}
    text = t["document"][0]["text"]
    placed = page.evaluate(PLACED)
    blocks = page.evaluate(BLOCKS)
    for b in blocks:    # every shown line is the source's text at its offsets
        assert b["text"] == text[b["start"]:b["end"]], b
    for role, cols in (("source", "source"), ("cue", "cue"), ("content", "content")):
        marked = _joined(placed, role)
        rows = [a for a in t["attributions"] if a[f"{cols}_start"] is not None]
        assert sorted(marked) == sorted(a["attribution_id"] for a in rows), role
        for a in rows:
            assert marked[a["attribution_id"]] == (a[f"{cols}_start"], a[f"{cols}_text"], True), (role, a["attribution_id"])
    errata = _joined(placed, "erratum")
    assert errata == {e["erratum_id"]: (e["char_start"], e["printed"], True) for e in t["errata"]}
    notices = _joined(placed, "disclaimer")
    assert notices == {d["disclaimer_id"]: (d["char_start"], d["text"], True) for d in t["disclaimers"]}
    assert all(p["inNotice"] and not p["inMain"] for p in placed if p["role"] == "disclaimer")
    _check_sections(t, placed, blocks)


def _check_sections(t: dict, placed: list[dict], blocks: list[dict]) -> None:
    headings = _joined(placed, "heading")
    with_heading = [s for s in t["sections"] if s["heading_block_id"] is not None]
    assert headings == {f"section-{s['section_index']}": (s["char_start"], t["document"][0]["text"][s["char_start"]:s["char_end"]], True)
                        for s in with_heading}
    for s in t["sections"]:     # each section holds its paragraphs, in order
        shown = [b["id"] for b in blocks if b["section"] == s["section_index"] and "para" in b["kind"]]
        assert shown == s["paragraph_ids"], s["section_index"]


def check_counts(page, release: Path) -> None:
    counts = page.evaluate("""({
      attributions: new Set(Array.from(document.querySelectorAll('main [data-role=source]')).map(e => e.dataset.ref)).size,
      speakers: document.querySelectorAll('.legend li[data-speaker-id]').length,
      errata: new Set(Array.from(document.querySelectorAll('[data-role=erratum]')).map(e => e.dataset.ref)).size,
      sections: document.querySelectorAll('main section.section').length,
      disclaimers: new Set(Array.from(document.querySelectorAll('[data-role=disclaimer]')).map(e => e.dataset.ref)).size})""")
    assert counts == {name: len(read(release, name)) for name in counts}


def check_offline_and_clean(page, page_file: Path) -> None:
    assert page.problems() == []
    assert page.requests() == [page_file.as_uri()]


def check_not_blank_nor_clipped(page) -> None:
    width = page.evaluate("innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    overflowing = page.evaluate("""Array.from(document.querySelectorAll('.block, [data-role], .legend li, .warning, .note'))
        .filter(e => { const r = e.getBoundingClientRect(); return r.left < -1 || r.right > innerWidth + 1; })
        .map(e => e.outerHTML.slice(0, 80))""")
    assert overflowing == []
    w, h, rows = png_pixels(page.screenshot(scale=0.5))     # half size: enough to tell text from a blank page
    assert (w, h) == (width // 2, page.evaluate("innerHeight") // 2)
    bpp = len(rows[0]) // w
    pixels = [bytes(row[i:i + 3]) for row in rows for i in range(0, len(row), bpp)]
    dark = sum(1 for p in pixels if sum(p) < 3 * 160)
    assert dark / len(pixels) > 0.01, "the screenshot is (nearly) blank"
    assert len(set(pixels)) > 8, "the screenshot has almost no colours"


@needs_browser
def test_project_page_renders_offline_without_errors(browser, project_page):
    page = _open(browser, project_page)
    check_offline_and_clean(page, project_page)
    check_counts(page, DATASET)


@needs_browser
def test_project_page_places_every_row_at_its_offsets(browser, project_page):
    check_every_row_placed(_open(browser, project_page), DATASET)


@needs_browser
def test_project_page_shows_the_numbering_note_and_the_suggestions(browser, project_page):
    page = _open(browser, project_page)
    notes = page.evaluate("Array.from(document.querySelectorAll('section.section')).map(s => "
                          "(s.querySelector('.note') || {textContent: null}).textContent)")
    assert notes == [None if s["note"] is None else f"Numbering: {s['note']}" for s in read(DATASET, "sections")]
    shown = page.evaluate("Array.from(document.querySelectorAll('[data-role=erratum]:not([data-part])'))"
                          ".map(e => [e.dataset.ref, getComputedStyle(e, '::after').content])")
    assert shown == [[e["erratum_id"], f'"→{e["suggested"]}"'] for e in read(DATASET, "errata")]
    images = page.evaluate("Array.from(document.querySelectorAll('figure.image .block')).map(e => e.dataset.block)")
    assert images == [b["block_id"] for b in read(DATASET, "blocks") if b["block_type"] == "image"]


@needs_browser
def test_selecting_a_speaker_highlights_their_statements(browser, project_page):
    page = _open(browser, project_page)
    speakers = read(DATASET, "speakers")
    for s in speakers:
        page.evaluate(f"document.querySelector('.legend button[data-speaker=\"{s['speaker_id']}\"]').click()")
        focused = page.evaluate("Array.from(document.querySelectorAll('.focus[data-role=source]')).map(e => e.dataset.speaker)")
        assert focused == [s["speaker_id"]] * s["n_attributions"]
    page.evaluate(f"document.querySelector('.legend button[data-speaker=\"{speakers[-1]['speaker_id']}\"]').click()")
    assert page.evaluate("[document.querySelectorAll('.focus').length, document.body.classList.contains('focusing')]") == [0, False]


@needs_browser
def test_a_pronoun_links_to_the_person_it_was_resolved_to(browser, project_page):
    page = _open(browser, project_page)
    links = page.evaluate("""Array.from(document.querySelectorAll('a.m-pronoun')).map(a => {
        const target = document.querySelector(a.getAttribute('href'));
        return [a.dataset.ref, a.dataset.speaker, target.dataset.speaker || target.dataset.speakerId]; })""")
    pronouns = [a for a in read(DATASET, "attributions") if a["mention_type"] == "pronoun"]
    assert pronouns and links == [[a["attribution_id"], a["speaker_id"], a["speaker_id"]] for a in pronouns]


@needs_browser
@pytest.mark.parametrize("width,height,mobile", [(1280, 900, False), (390, 844, True)], ids=["desktop", "phone"])
def test_screenshot_is_not_blank_and_nothing_is_clipped(browser, project_page, width, height, mobile):
    page = _open(browser, project_page, width, height, mobile)
    check_not_blank_nor_clipped(page)
    page.evaluate("document.querySelector('#section-2').scrollIntoView()")
    check_not_blank_nor_clipped(page)


@needs_browser
def test_card_picture_shows_as_an_image(browser, tmp_path):
    """As GitHub and the Hub show it: an <img> of the file, drawn without errors and not blank."""
    svg = DATASET / "images" / "speakers-by-section.svg"
    holder = tmp_path / "card.html"
    holder.write_text(f'<!DOCTYPE html><body style="margin:0"><img id="fig" src="{svg.as_uri()}"></body>', encoding="utf-8")
    page = _open(browser, holder, 800, 420)
    assert page.problems() == []
    size = page.evaluate("[document.getElementById('fig').naturalWidth, document.getElementById('fig').naturalHeight]")
    root = svg.read_text(encoding="utf-8").split(">", 1)[0]
    assert size == [int(re.search(r'width="(\d+)"', root).group(1)), int(re.search(r'height="(\d+)"', root).group(1))]
    check_not_blank_nor_clipped(page)


@needs_browser
def test_view_of_a_generic_build_of_another_article(browser, other_page, other_release):
    page = _open(browser, other_page, 390, 844, True)
    check_offline_and_clean(page, other_page)
    check_counts(page, other_release)
    check_every_row_placed(page, other_release)
    check_not_blank_nor_clipped(page)
    # each warning sits right after the line it names; the one without a line is listed on top
    beside = page.evaluate("""Array.from(document.querySelectorAll('aside.warning')).map(w =>
        [Number(w.dataset.line), Number(w.previousElementSibling.dataset.line
                                        || w.previousElementSibling.querySelector('.block').dataset.line)])""")
    records = [json.loads(x) for x in (other_release / "warnings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert beside == [[r["line"], r["line"]] for r in records if r["line"] is not None]
    top = page.evaluate("Array.from(document.querySelectorAll('section.warnings li')).map(li => li.textContent)")
    assert top == ["no-line a warning about the whole <article> & no line"]
    assert page.evaluate("document.scripts.length") == 1     # the warning's text stayed text
