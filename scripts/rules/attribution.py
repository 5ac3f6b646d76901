"""Paragraph -> statements: who speaks (mention), the reporting verb (cue) and what was said.

A statement opens a sentence: [connector] mention [particles] cue [punctuation] content, or a
quotation followed by mention and cue (“……。”張三說。). The content runs to the end of the
last sentence before the next sentence that opens a statement, or to the paragraph's end.
Pronouns are resolved later, against the speakers in reading order (see speakers.py).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import lexicon
from .blocks import Block
from .cue_search import find_cue_heads, inside_word, longest_cue, strip_particles
from ..errors import Warnings
from .mentions import NOT_NAMES, KnownNames, Mention, is_foreign_name, is_name, known_names, parse_mention
from .titles import TitleIndex
from .sentences import closing_quote, ends_sentence, has_quoted_sentence, is_quotation, split_sentences

MAX_MENTION = 60
ANAPHORIC_SIDES = {c + "方" for c in "局署院校廠厂館馆"}     # 局方發言人: the bureau named before


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
    rule_id: str = "sentence-start"          # which rule found the statement (lexicon.RULES)
    speaker_rule: str = ""                   # which rule decided the speaker (lexicon.SPEAKER_RULES)


@dataclass
class _Head:
    sentence: int
    mention: Mention
    cue: tuple[int, int]
    cue_kind: str
    quote: tuple[int, int] | None = None   # a quotation printed before its attribution
    rule_id: str = "sentence-start"
    content_end: int | None = None          # where the next statement of the same sentence begins


def find_statements(text: str, paragraphs: list[Block], names: dict[str, str], warnings: Warnings) -> list[Statement]:
    curated = known_names(names)
    titles = TitleIndex()
    names = KnownNames({**_titled_names(text, paragraphs, curated, warnings, titles), **names}, titles)
    out = []
    for block in paragraphs:
        out.extend(_paragraph_statements(text, block, names, warnings))
    return out


def _titled_names(text: str, paragraphs: list[Block], names: dict[str, str], warnings: Warnings,
                  titles: TitleIndex) -> dict[str, str]:
    """First pass: people introduced with a title and organizations named as such (X方面), so
    that later bare mentions match them, and the titles printed with sure names (`titles`).
    An unsure split is warned about here, once."""
    found, by_position = {}, Counter()
    for block in paragraphs:
        for s, e in split_sentences(text, block.char_start, block.char_end):
            for head in _sentence_heads(text, s, e, names):
                _register(head.mention, found, block, warnings, by_position)
                if head.mention.kind == "name_with_title" and not head.mention.uncertain and head.mention.name:
                    titles.add(head.mention.name, head.mention.roles)
    for name, times in by_position.items():
        if times >= 2:      # a word that speaks more than once: a brand or body, or a person by a name
            found.setdefault(name, "person" if is_name(name) or is_foreign_name(name) else "organization")
    return found


def _register(m, found: dict[str, str], block: Block, warnings: Warnings, by_position: Counter) -> None:
    if m.surname_only or m.address_only or m.name is None:
        return
    if m.rule == "organization-position" or m.kind == "name" and m.uncertain and m.uncertain[0] == "name-never-introduced":
        by_position[m.name] += 1      # a bare word or name that speaks twice is somebody known
        return
    if m.kind == "name_with_title" and m.name not in found:
        found[m.name] = "person"
        if m.uncertain:
            warnings.add(m.uncertain[0], block.line, m.uncertain[1])
    elif m.kind == "organization" and not m.uncertain and m.name not in found:
        found[m.name] = "organization"
        if m.notice:
            warnings.add(m.notice[0], block.line, m.notice[1])


def _sentence_heads(text: str, s: int, e: int, names: dict[str, str]) -> list[_Head]:
    """The statement that opens the sentence (the genre's rules), else every statement found
    from its cues."""
    head = _match_head(text, s, e, names)
    if head and not head.mention.uncertain and not _generic(head.mention):
        return [head] + _later_heads(text, head, e, names)
    found = find_cue_heads(text, s, e, names)
    if head and (not found or found[0].mention.uncertain):
        return [head]
    heads = []
    for h in found:
        _end_content_before(heads, h)
        heads.append(_Head(0, h.mention, h.cue, h.cue_kind, rule_id=h.rule_id))
    return heads


def _end_content_before(heads: list[_Head], h) -> None:
    """The statements before a new cue end where its clause begins: every speaker of the last
    cue (conjoined speakers share it), each set once."""
    k = len(heads) - 1
    while k >= 0 and heads[k].cue == heads[-1].cue and heads[k].cue != h.cue:
        heads[k].content_end = h.clause_start
        k -= 1


def _paragraph_statements(text: str, block: Block, names: dict[str, str], warnings: Warnings) -> list[Statement]:
    if lexicon.CAPTION_END.search(block.text.strip()) or lexicon.CAPTION_SOURCE.search(block.text):
        return []
    sentences = _join_quote_tails(text, split_sentences(text, block.char_start, block.char_end), names)
    heads = []
    for k, (s, e) in enumerate(sentences):
        found = _sentence_heads(text, s, e, names)
        if not found and (unknown := _unrecognised_speaker(text, s, e)):
            warnings.add("unrecognised-speaker", block.line, unknown)
        for head in found:
            head.sentence = k
            heads.append(head)
            if head.mention.uncertain:
                warnings.add(head.mention.uncertain[0], block.line, head.mention.uncertain[1])
    out = []
    for i, head in enumerate(heads):
        last = heads[i + 1].sentence - 1 if i + 1 < len(heads) else len(sentences) - 1
        end = head.content_end if head.content_end is not None else sentences[max(last, head.sentence)][1]
        content = head.quote or _content_span(text, head.cue[1], end)
        st = Statement(block, head.mention, head.cue, head.cue_kind, content, _quote_type(text, content, head))
        st.rule_id = head.rule_id
        out.append(st)
    return out


def _join_quote_tails(text: str, sentences: list[tuple[int, int]], names: dict[str, str]) -> list[tuple[int, int]]:
    """“……。”張三說。 is one sentence: a whole quotation followed by a bare attribution."""
    out = []
    for s, e in sentences:
        if out and is_quotation(text, *out[-1]) and _is_bare_attribution(text, s, e, names):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _is_bare_attribution(text: str, s: int, e: int, names: dict[str, str]) -> bool:
    head = _match_mention_cue(text, s, e, names)
    return head is not None and ends_sentence(text, head.cue[1], e)


def _later_heads(text: str, head: _Head, e: int, names: dict[str, str]) -> list[_Head]:
    """蕭光偉指出，外交部強調，…: a sure speaker of another statement later in the sentence."""
    start = head.quote[1] if head.quote and head.quote[1] > head.cue[1] else head.cue[1]
    later = [h for h in find_cue_heads(text, start, e, names, confident_only=True) if h.rule_id != "cue-after-topic"]
    heads = [_Head(0, h.mention, h.cue, h.cue_kind, rule_id=h.rule_id) for h in later]
    for before, after in zip([head] + heads, later):
        before.content_end = after.clause_start
    return heads


def _generic(mention) -> bool:
    """該負責人 / 公司: a mention that only points back; the cue search resolves it."""
    name = mention.name or ""
    return mention.kind == "organization" and (name in lexicon.GENERIC_SUBJECTS or name[:1] in "該该本" or len(name) < 2
                                               or name in ANAPHORIC_SIDES)


def _match_head(text: str, s: int, e: int, names: dict[str, str]) -> _Head | None:
    i = _skip_connector(text, s, e)
    if i < e and text[i] in lexicon.OPEN_QUOTES or text[i:i + 1] == lexicon.ASCII_QUOTE:
        return _match_quote_first(text, i, e, names)
    return _match_mention_cue(text, i, e, names)


def _skip_connector(text: str, i: int, e: int) -> int:
    i = _skip_dateline(text, i, e)
    i = _skip_preface(text, i, e)
    for c in lexicon.CONNECTORS:
        if text.startswith(c, i):
            j = i + len(c)
            while j < e and text[j] in "，, ":
                j += 1
            return j
    return i


DATELINE_MAX = 30


def _skip_dateline(text: str, i: int, e: int) -> int:
    """〔記者某某／台北報導〕 or 【本報訊】 before the sentence: the reporter's line, not a speaker."""
    close = {"〔": "〕", "【": "】"}.get(text[i:i + 1])
    k = text.find(close, i + 1, min(e, i + DATELINE_MAX)) if close else -1
    return k + 1 if k > 0 else i


def _unrecognised_speaker(text: str, s: int, e: int) -> str | None:
    """A short name-like word right before a cue that no rule recognised (騰訊表示): never guessed,
    always said. A curated speaker entry with that name makes it a speaker."""
    i = _skip_connector(text, s, e)
    for j in range(i + 2, min(e, i + 9)):
        if text[j] in lexicon.MENTION_FORBIDDEN:
            return None
        cue = _cue_at(text, j)
        if cue and _not_speech(text, i, j, cue):
            return None
        if cue:
            word = text[i:strip_particles(text, i, j)]
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
        cue = _cue_at(text, j)
        if cue is None or _not_speech(text, i, j, cue):
            continue
        k = strip_particles(text, i, j)
        mention = parse_mention(text[i:k], i, names)
        if mention:
            kind = "agreement" if cue in lexicon.AGREEMENT_CUES else "speech"
            return _Head(0, mention, (j, j + len(cue)), kind)
    return None


def _cue_at(text: str, j: int) -> str | None:
    """The longest reporting verb of the sentence-start rules starting at j."""
    return longest_cue(text, j, lexicon.CUES_BY_FIRST)


def _not_speech(text: str, i: int, j: int, cue: str) -> bool:
    """The cue at j is part of a word that is not speech (來說, 據說, 法說會, 說服)."""
    after = text[j + len(cue):j + len(cue) + 1]
    return inside_word(text, j, cue) or bool(after) and after in lexicon.CUE_NOT_BEFORE.get(cue, "")


def _match_quote_first(text: str, q: int, e: int, names: dict[str, str]) -> _Head | None:
    close = closing_quote(text, q, e)
    if close is None:
        return None
    i = close + 1
    while i < e and text[i] in "，, ":
        i += 1
    head = _match_mention_cue(text, i, e, names)
    if head and ends_sentence(text, head.cue[1], e):
        head.quote, head.rule_id = (q, close + 1), "quote-first"
        return head
    return None


def _content_span(text: str, cue_end: int, stmt_end: int) -> tuple[int, int] | None:
    s = cue_end
    while s < stmt_end and text[s] in lexicon.CUE_TRAILERS:
        s += 1
    e = stmt_end
    while e > s and (text[e - 1].isspace() or text[e - 1] in "，,；;"):
        e -= 1
    if ends_sentence(text, s, e):
        return None
    return s, e


def _quote_type(text: str, content: tuple[int, int] | None, head: _Head) -> str:
    if content is None:
        return "agreement" if head.cue_kind == "agreement" else "indirect"
    s, e = content
    if text[s] in lexicon.OPEN_QUOTES or text[s] == lexicon.ASCII_QUOTE:
        close = closing_quote(text, s, e)
        if close is not None and ends_sentence(text, close + 1, e):
            return "direct"
    return "mixed" if has_quoted_sentence(text, s, e) else "indirect"
