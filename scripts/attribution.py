"""Paragraph -> statements: who speaks (mention), the reporting verb (cue) and what was said.

A statement opens a sentence: [connector] mention [particles] cue [punctuation] content, or a
quotation followed by mention and cue (“……。”張三說。). The content runs to the end of the
last sentence before the next sentence that opens a statement, or to the paragraph's end.
Pronouns are resolved later, against the speakers in reading order (see speakers.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import lexicon
from .blocks import Block
from .errors import Warnings

MAX_MENTION = 60
NOT_NAMES = {"方面", "高層", "高层", "官方", "市場", "市场", "雙方", "双方", "對方", "对方", "有關", "有关", "相關", "相关",
             "記者", "记者", "專家", "专家", "報告", "报告", "數據", "数据", "消息", "有消息", "業內", "业内", "文章", "分析",
             "調查", "调查", "個人", "个人", "本人", "周期", "週期", "時間", "时间", "金額", "金额", "史上", "於是", "于是"}


@dataclass
class Mention:
    kind: str                 # name_with_title | name | pronoun | organization
    name: str | None          # the person's or organization's name; None for a pronoun
    roles: list[str]
    start: int
    end: int
    uncertain: str | None = None
    surname_only: str | None = None   # 李教授: the surname of a person introduced earlier
    address_only: bool = False        # 趙律師 with no earlier 趙: a person known only this way


@dataclass
class Statement:
    paragraph: Block
    mention: Mention
    cue: tuple[int, int]
    cue_kind: str             # speech | agreement
    content: tuple[int, int] | None
    quote_type: str
    speaker: tuple[str, str] | None = None   # (speaker_type, name), set by speakers.py
    speaker_id: str | None = None


@dataclass
class _Head:
    sentence: int
    mention: Mention
    cue: tuple[int, int]
    cue_kind: str
    quote: tuple[int, int] | None = None   # a quotation printed before its attribution


def find_statements(text: str, paragraphs: list[Block], names: dict[str, str], warnings: Warnings) -> list[Statement]:
    names = {**_titled_names(text, paragraphs, names, warnings), **names}
    out = []
    for block in paragraphs:
        out.extend(_paragraph_statements(text, block, names, warnings))
    return out


def _titled_names(text: str, paragraphs: list[Block], names: dict[str, str], warnings: Warnings) -> dict[str, str]:
    """First pass: people introduced with a title and organizations named as such (X方面), so
    that later bare mentions match them. An unsure split is warned about here, once."""
    found = {}
    for block in paragraphs:
        for s, e in split_sentences(text, block.char_start, block.char_end):
            head = _match_head(text, s, e, names, Warnings())
            if head is None or head.mention.surname_only or head.mention.address_only:
                continue
            m = head.mention
            if m.kind == "name_with_title" and m.name not in found:
                found[m.name] = "person"
                if m.uncertain:
                    warnings.add(f"line {block.line}", m.uncertain)
            elif m.kind == "organization" and not m.uncertain:
                found.setdefault(m.name, "organization")
    return found


def _paragraph_statements(text: str, block: Block, names: dict[str, str], warnings: Warnings) -> list[Statement]:
    sentences = _join_quote_tails(text, split_sentences(text, block.char_start, block.char_end), names)
    heads = []
    for k, (s, e) in enumerate(sentences):
        head = _match_head(text, s, e, names, warnings)
        if head is None and (unknown := _unrecognised_speaker(text, s, e)):
            warnings.add(f"line {block.line}", unknown)
        if head:
            head.sentence = k
            heads.append(head)
            if head.mention.uncertain:
                warnings.add(f"line {block.line}", head.mention.uncertain)
    out = []
    for i, head in enumerate(heads):
        last = heads[i + 1].sentence - 1 if i + 1 < len(heads) else len(sentences) - 1
        content = head.quote or _content_span(text, head.cue[1], sentences[last][1])
        out.append(Statement(block, head.mention, head.cue, head.cue_kind, content, _quote_type(text, content, head)))
    return out


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans; a sentence end inside a quotation does not end the sentence."""
    spans, open_stack, s = [], [], start
    for i in range(start, end):
        ch = text[i]
        closed = _track_quotes(ch, open_stack)
        at_end = not open_stack and (ch in lexicon.SENTENCE_END or (closed and text[i - 1] in lexicon.SENTENCE_END))
        if at_end and not (i + 1 < end and text[i + 1] in lexicon.CLOSE_QUOTES):
            spans.append((s, i + 1))
            s = i + 1
    if s < end and text[s:end].strip():
        spans.append((s, end))
    return spans


def _join_quote_tails(text: str, sentences: list[tuple[int, int]], names: dict[str, str]) -> list[tuple[int, int]]:
    """“……。”張三說。 is one sentence: a whole quotation followed by a bare attribution."""
    out = []
    for s, e in sentences:
        if out and _is_quotation(text, *out[-1]) and _is_bare_attribution(text, s, e, names):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _is_quotation(text: str, s: int, e: int) -> bool:
    opens = text[s] in lexicon.OPEN_QUOTES or text[s] == lexicon.ASCII_QUOTE
    return opens and _closing_quote(text, s, e) == e - 1


def _is_bare_attribution(text: str, s: int, e: int, names: dict[str, str]) -> bool:
    head = _match_mention_cue(text, s, e, names)
    return head is not None and not text[head.cue[1]:e].strip("。.！!？? ")


def _track_quotes(ch: str, stack: list[str]) -> bool:
    if ch == lexicon.ASCII_QUOTE:
        if stack and stack[-1] == ch:
            stack.pop()
            return True
        stack.append(ch)
    elif ch in lexicon.OPEN_QUOTES:
        stack.append(lexicon.OPEN_QUOTES[ch])
    elif stack and ch == stack[-1]:
        stack.pop()
        return True
    return False


def _match_head(text: str, s: int, e: int, names: dict[str, str], warnings: Warnings) -> _Head | None:
    i = _skip_connector(text, s, e)
    if i < e and text[i] in lexicon.OPEN_QUOTES or text[i:i + 1] == lexicon.ASCII_QUOTE:
        return _match_quote_first(text, i, e, names)
    return _match_mention_cue(text, i, e, names)


def _skip_connector(text: str, i: int, e: int) -> int:
    i = _skip_preface(text, i, e)
    for c in lexicon.CONNECTORS:
        if text.startswith(c, i):
            j = i + len(c)
            while j < e and text[j] in "，, ":
                j += 1
            return j
    return i


def _unrecognised_speaker(text: str, s: int, e: int) -> str | None:
    """A short name-like word right before a cue that no rule recognised (騰訊表示): never guessed,
    always said. A curated speaker entry with that name makes it a speaker."""
    i = _skip_connector(text, s, e)
    for j in range(i + 2, min(e, i + 9)):
        if text[j] in lexicon.MENTION_FORBIDDEN:
            return None
        cue = next((c for c in lexicon.CUES if text.startswith(c, j)), None)
        if cue and _not_speech(text, i, j, cue):
            return None
        if cue:
            word = text[i:_strip_particles(text, i, j)]
            unnamed = any(u in word for u in lexicon.UNNAMED_SOURCES)
            if len(word) >= 2 and word not in NOT_NAMES and not unnamed and all(ch.isalpha() or ch == "·" for ch in word):
                return (f"{word!r} before the cue {cue!r} is neither a known person nor an organization; not attributed "
                        "(a curated speaker entry with this name would make it a speaker)")
            return None
    return None


def _skip_preface(text: str, i: int, e: int) -> int:
    """對於X的回應，他表示… : a leading phrase up to its comma is not part of the mention."""
    if not text.startswith(lexicon.PREFACE_PHRASES, i):
        return i
    for j in range(i, min(e, i + lexicon.PREFACE_MAX)):
        if text[j] in "，,":
            return j + 1
        if text[j] in lexicon.SENTENCE_END:
            break
    return i


def _match_mention_cue(text: str, i: int, e: int, names: dict[str, str]) -> _Head | None:
    for j in range(i + 1, min(e, i + MAX_MENTION)):
        if text[j] in lexicon.MENTION_FORBIDDEN:
            return None
        cue = next((c for c in lexicon.CUES if text.startswith(c, j)), None)
        if cue is None or _not_speech(text, i, j, cue):
            continue
        k = _strip_particles(text, i, j)
        mention = parse_mention(text[i:k], i, names)
        if mention:
            kind = "agreement" if cue in lexicon.AGREEMENT_CUES else "speech"
            return _Head(0, mention, (j, j + len(cue)), kind)
    return None


def _not_speech(text: str, i: int, j: int, cue: str) -> bool:
    """The cue at j ends a word that is not speech (來說, 據說)."""
    end = j + len(cue)
    return any(w.endswith(cue) and text[max(0, end - len(w)):end] == w for w in lexicon.NOT_SPEECH)


def _match_quote_first(text: str, q: int, e: int, names: dict[str, str]) -> _Head | None:
    close = _closing_quote(text, q, e)
    if close is None:
        return None
    i = close + 1
    while i < e and text[i] in "，, ":
        i += 1
    head = _match_mention_cue(text, i, e, names)
    if head and not text[head.cue[1]:e].strip("。.！!？? "):
        head.quote = (q, close + 1)
        return head
    return None


def _closing_quote(text: str, q: int, e: int) -> int | None:
    stack = []
    for i in range(q, e):
        _track_quotes(text[i], stack)
        if not stack:
            return i
    return None


def _strip_particles(text: str, i: int, j: int) -> int:
    k, changed = j, True
    while changed:
        changed = False
        for p in lexicon.PARTICLES:
            if k - len(p) > i and text[k - len(p):k] == p:
                k, changed = k - len(p), True
                break
    return k


def parse_mention(m: str, start: int, names: dict[str, str]) -> Mention | None:
    if m in lexicon.PRONOUNS:
        return Mention("pronoun", None, [], start, start + len(m))
    if (surname := _surname_and_address(m, names)) is not None:
        return Mention("name_with_title", None, [], start, start + len(m), surname_only=surname)
    if (address := _unknown_surname_and_address(m)) is not None:
        return Mention("name_with_title", m, [address], start, start + len(m),
                       f"{m!r} names a person by surname and {address!r} only, and no earlier speaker has that surname; "
                       "kept as printed (a curated entry can give the full name)", address_only=True)
    parsed = _organization_by_suffix(m) or _known_name(m, names) or _honorific_after(m) or _titled_name(m) or _bare_name(m)
    if parsed is None:
        return None
    kind, name, roles, uncertain = parsed
    return Mention(kind, name, roles, start, start + len(m), uncertain)


def _surname_and_address(m: str, names: dict[str, str]) -> str | None:
    """李教授 / 王先生 continue a person with that surname; which one is decided in reading
    order by speakers.py."""
    for n in (2, 1):
        surname, address = m[:n], m[n:]
        if address in lexicon.FORMS_OF_ADDRESS and any(
                kind == "person" and x.startswith(surname) and len(x) > n for x, kind in names.items()):
            return surname
    return None


def _unknown_surname_and_address(m: str) -> str | None:
    for n in (2, 1):
        surname, address = m[:n], m[n:]
        known = surname in lexicon.COMPOUND_SURNAMES if n == 2 else surname in lexicon.SURNAMES
        if known and address in lexicon.FORMS_OF_ADDRESS:
            return address
    return None


def _organization_by_suffix(m: str):
    if lexicon.PUBLICATION.match(m):
        return "organization", m, [], None
    if (report := lexicon.REPORT_BY.match(m)) and len(report.group("org")) >= 2:
        return "organization", report.group("org"), [], None
    for suf in lexicon.ORG_MENTION_SUFFIXES:
        if m.endswith(suf) and len(m) > len(suf):
            return "organization", m[: -len(suf)], [], None
    return None


def _known_name(m: str, names: dict[str, str]):
    for name in sorted(names, key=len, reverse=True):
        if m.endswith(name):
            if names[name] == "organization":
                return ("organization", name, [], None) if m == name else None
            roles = split_roles(m[: -len(name)])
            return ("name_with_title" if roles else "name"), name, roles, None
    return None


def _honorific_after(m: str):
    for h in lexicon.HONORIFICS_AFTER_NAME:
        core = m[: -len(h)]
        if m.endswith(h) and is_name(core):
            return "name_with_title", core, [h], None
    return None


def _titled_name(m: str):
    enders = lexicon.TITLE_SUFFIXES + lexicon.ORG_NAME_SUFFIXES
    for n in (3, 2, 4):
        name, prefix = m[-n:], m[:-n]
        if len(m) > n and is_name(name) and prefix.endswith(enders):
            return "name_with_title", name, split_roles(prefix), None
    if m.endswith(lexicon.ORG_NAME_SUFFIXES) and len(m) > 2:
        return "organization", m, [], f"{m!r} speaks and is taken for an organization by its ending"
    if lexicon.NOT_IN_TITLES & set(m):
        return None
    for n in (3, 2):
        if len(m) > n + 1 and is_name(m[-n:]) and "、" not in m[-n:]:
            return ("name_with_title", m[-n:], split_roles(m[:-n]),
                    f"the name in {m!r} was split off as {m[-n:]!r} although no known title ends before it")
    return None


def _bare_name(m: str):
    if is_name(m):
        return "name", m, [], f"{m!r} was never introduced with a title; taken for a person's name"
    return None


def is_name(s: str) -> bool:
    if s in NOT_NAMES or not all("\u4e00" <= ch <= "\u9fff" for ch in s):
        return False
    if s[:2] in lexicon.COMPOUND_SURNAMES:
        return 3 <= len(s) <= 4
    return 2 <= len(s) <= 3 and s[0] in lexicon.SURNAMES


def split_roles(prefix: str) -> list[str]:
    return [r for r in prefix.split("、") if r]


def _content_span(text: str, cue_end: int, stmt_end: int) -> tuple[int, int] | None:
    s = cue_end
    while s < stmt_end and text[s] in lexicon.CUE_TRAILERS:
        s += 1
    e = stmt_end
    while e > s and text[e - 1].isspace():
        e -= 1
    if not text[s:e].strip("。.！!？? "):
        return None
    return s, e


def _quote_type(text: str, content: tuple[int, int] | None, head: _Head) -> str:
    if content is None:
        return "agreement" if head.cue_kind == "agreement" else "indirect"
    s, e = content
    if text[s] in lexicon.OPEN_QUOTES or text[s] == lexicon.ASCII_QUOTE:
        close = _closing_quote(text, s, e)
        if close is not None and not text[close + 1:e].strip("。.！!？? "):
            return "direct"
    return "mixed" if _has_quoted_sentence(text, s, e) else "indirect"


def _has_quoted_sentence(text: str, s: int, e: int) -> bool:
    stack, inside = [], []
    for i in range(s, e):
        was_open = bool(stack)
        _track_quotes(text[i], stack)
        if was_open and stack and text[i] in lexicon.SENTENCE_END:
            return True
    return False
