"""Statements found from the cue: every reporting verb in a clause, then its speaker before it.

Real news rarely opens a sentence with the speaker: 'X昨日在記者會上表示', '「……，」X說',
'與此同時，X指', '在X看來，', '據X介紹，'. This search finds each cue outside quotations, takes
the clause it sits in, skips the clause's openers (connectors, dates), and reads the words
before the cue as a mention followed by adjuncts (time, place, occasion, addressee, manner),
which are part of neither span. Where no mention can be read, nothing is recorded: the
sentence-start rules in attribution.py say what they could not attribute.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain

from . import lexicon
from .mentions import Mention, inside_title, is_media, is_name, known_names, parse_news_mention, parse_unnamed
from .sentences import track_quotes

CLAUSE_BREAKS = "，,；;：:﹕︰、|｜•\u3000【】[]〔〕［］—"     # 華盛頓——某某表示: a dash ends a dateline
COLONS = ":：﹕︰"
MAX_MENTION = 30
ROLE_MAX = 20          # a title with its organization, printed before a name
# A cue inside an adjunct clause ('回應質詢時表示'): a later cue follows within this many characters.
ADJUNCT_CUE_SPAN = 30
ADJUNCT_LAST = "時时上中後后前裡里內内間间"    # 在接受…的訪問時: an adjunct holding 的 ends in time or place
TIME_CLAUSE_ENDS = ("時", "时", "之際", "之际")
ADJUNCT_CUE_ENDS = ("時", "时", "之際", "之际", "後", "后", "中", "上")

ZAI_KANLAI = re.compile(r"在(?P<m>[^，,。；;：:「」“”]{1,30}?)(?P<cue>看來|看来)[，,]")
JU_SOURCE = re.compile(r"(?:根據|根据|據|据)(?P<m>[^，,。；;：:「」“”]{1,30}?)"
                       r"(?P<cue>介紹|介绍|透露|稱|称|說|说|説|指出|表示|分析|估計|估计|預計|预计|反映|報導|報道|报道|报导)[，,]")
# 據衛生部文告，: a document that speaks for its organization, cited without a verb.
JU_DOCUMENT = re.compile(r"(?:根據|根据|據|据)(?P<m>[^，,。；;：:「」“”]{1,30}?)"
                         r"(?P<cue>文告|聲明|声明|新聞稿|新闻稿|公告|通告)[，,]")
# （以下簡稱「中國南車」）: an alias declared in a parenthesis; its quotation marks quote nothing.
ALIAS_PAREN = re.compile(r"[（(](?:(?:以下|下)?(?:簡稱|简称|稱|称)[^（）()，,。]{1,20}"
                         r"|\d{4,6}(?:\.[A-Z]{2})?(?:[，,][^（）()。]{1,40})?)[）)]")      # or a stock code: (300972.SZ,股價…)
CONJUNCTIONS = re.compile(r"和|與|与|及|、|以及")


@dataclass
class CueHead:
    mention: Mention
    cue: tuple[int, int]
    cue_kind: str
    clause_start: int
    rule_id: str


def find_cue_heads(text: str, s: int, e: int, names: dict[str, str], confident_only: bool = False) -> list[CueHead]:
    """Every (mention, cue) in the sentence text[s:e], in reading order, at most one a clause."""
    heads, stack, clause, done = [], [], s, False
    clauses = [s]           # clause starts of this sentence: the topic of a later cue is found there
    clause_start = None     # the clause's start after its openers, computed once a clause
    i = s
    while i < e:
        if text[i] in "（(" and not stack and (alias := ALIAS_PAREN.match(text, i, e)):
            i = alias.end()
            continue
        ch = text[i]
        if not stack and (name_end := _quoted_name_end(text, clause, i, e)):
            i = name_end        # 在「真實社交」上發文稱: a platform's or programme's name, not a quotation
            continue
        was_open = bool(stack)
        closed = track_quotes(ch, stack)
        if stack or was_open:
            if closed and not stack:
                clause, done = i + 1, False       # 「……，」X說：the speaker follows the quotation
            i += 1
            continue
        if ch in COLONS and not done and (head := _colon_head(text, clause, i, e, names)):
            heads.append(head)
            done = True
        if _breaks_clause(text, i):
            clause, done = i + 1, False
            clauses.append(clause)
            clause_start = None
            i += 1
            continue
        if clause_start is None or clause_start < clause:
            clause_start = _skip_openers(text, clause, e)
        if not done and i == clause_start and (phrase := _source_phrase(text, i, e, names)):
            heads.extend(phrase)
            done = True
            i = phrase[-1].cue[1]
            continue
        cue = None if done else cue_at(text, i, e)
        if cue:
            found = _head_for_cue(text, clause, i, cue, names, confident_only or bool(heads), _topic_clauses(clauses, heads))
            if found:
                heads.extend(found)
                done = True
            i += len(cue)       # 作出回應 with no speaker: its 回應 is not a cue of its own
            continue
        i += 1
    return heads


def _topic_clauses(clauses: list[int], heads: list[CueHead]) -> list[int]:
    """The clauses whose subject may be a later cue's topic: after a statement of this sentence,
    only those up to the statement's own clause (the clauses after it are its content, whose
    names are talked about: X重申，首相某某不會撤回…，強調… is X's)."""
    if not heads:
        return clauses
    last = heads[-1].clause_start
    return [c for c in clauses if c <= last] + clauses[-1:] if clauses[-1] > last else clauses


QUOTED_NAME_MAX = 24


def _quoted_name_end(text: str, clause: int, i: int, e: int) -> int | None:
    """A short quotation inside an adjunct that opens before it (在社交媒體「真實社交」上, 在「台北
    國際電腦展」上): a name, followed by the rest of the adjunct; the index after its closing mark."""
    close = lexicon.OPEN_QUOTES.get(text[i])
    if close is None or i == clause or not _adjunct_opens(text, clause, i):
        return None
    end = text.find(close, i + 1, min(e, i + QUOTED_NAME_MAX + 2))
    if end < 0 or any(ch in CLAUSE_BREAKS or ch in lexicon.SENTENCE_END for ch in text[i + 1:end]):
        return None
    after = text[end + 1:end + 2]
    return end + 1 if "\u4e00" <= after <= "\u9fff" else None


def _adjunct_opens(text: str, clause: int, i: int) -> bool:
    """An adjunct opener (在, 於, 透過, 被問到 …) stands between the clause's start and i."""
    return any(text.startswith(o, k) for k in range(max(clause, i - lexicon.ADJUNCT_MAX), i) for o in QUOTE_ADJUNCT_OPENERS)


# Openers after which a short quotation is a name (在「…」上, 被問到有關「…」一事時); one-character
# openers other than these are too common inside other words.
QUOTE_ADJUNCT_OPENERS = ("在", "於", "于") + tuple(o for o in lexicon.ADJUNCT_OPENERS if len(o) > 1)


def cue_at(text: str, i: int, e: int) -> str | None:
    """The longest reporting verb at i that is not part of another word (指標, 來說) nor the
    verb of an adjunct clause (回應質詢時表示)."""
    cue = longest_cue(text, i)
    if cue is None or text[i - 1:i] == "的" or text.endswith(lexicon.UNSAID, max(0, i - 3), i) \
            or text.endswith(lexicon.NOUN_BEFORE_CUE, max(0, i - 2), i):
        return None     # 的表態, 各種暗示: a noun, not a reporting verb; 拒絕透露, 被問及: the subject said nothing
    end = i + len(cue)
    if end < e and text[end] in lexicon.CUE_NOT_BEFORE.get(cue, ""):
        return None
    if cue in lexicon.STRICT_CUES and not (end < e and (text[end] in CLAUSE_BREAKS or text[end] in lexicon.OPEN_QUOTES)):
        return None
    if inside_word(text, i, cue):
        return None
    if _cue_in_adjunct(text, end, e):
        return None       # 回應質詢時表示: the later cue is the one that reports
    following = longest_cue(text, end)
    return cue + following if following else cue      # 警告稱, 批評指: one cue


def inside_word(text: str, i: int, cue: str) -> bool:
    """The cue at i is part of a word that reports nothing (來說, 據說, 法說會, 著稱)."""
    for w in lexicon.NOT_SPEECH:
        k = w.find(cue)
        if k >= 0 and k <= i and text.startswith(w, i - k):
            return True
    return False


def _weak(text: str, cue: str, end: int, e: int) -> bool:
    """A short or common cue not followed by punctuation or a quotation (X指，is sure; X指標 is not)."""
    return cue in lexicon.WEAK_CUES and not (end < e and (text[end] in CLAUSE_BREAKS or text[end] in lexicon.OPEN_QUOTES))


def longest_cue(text: str, i: int, table: dict[str, tuple[str, ...]] = lexicon.ALL_CUES_BY_FIRST) -> str | None:
    """The longest cue of `table` (lexicon.by_first_character) that starts at i."""
    return next((c for c in table.get(text[i:i + 1], ()) if text.startswith(c, i)), None)


def _cue_in_adjunct(text: str, end: int, e: int) -> bool:
    """回應質詢時表示, or 工作人員向客戶介紹產品時，…: the cue is the verb of a clause of time."""
    for t in range(end, min(e, end + ADJUNCT_CUE_SPAN)):
        if text[t] in CLAUSE_BREAKS or text[t] in lexicon.SENTENCE_END or text[t] in lexicon.OPEN_QUOTES:
            return t > end + 1 and text.endswith(TIME_CLAUSE_ENDS, end, t) and not _clock_hour(text, t - 1) \
                and not any(ch in "在於于當当" for ch in text[end:t])     # 呼籲市民在表達意見時，: the content's own clause
        for ender in ADJUNCT_CUE_ENDS:
            if text.startswith(ender, t) and _cue_soon(text, t + len(ender), e):
                return True
    return False


def _clock_hour(text: str, t: int) -> bool:
    """下午5時, 五時: 時 after a number is an hour of the clock, not the end of a clause of time."""
    return text[t - 1:t].isdigit() or text[t - 1:t] in "一二三四五六七八九十兩两"


def _cue_soon(text: str, t: int, e: int) -> bool:
    """A cue right after an adjunct's end, with adverbs (亦, 再) in between at most."""
    while t < e and (m := lexicon.ADVERB.match(text, t, e)) and m.end() - t <= 2:
        t = m.end()
    return longest_cue(text, t) is not None


def _head_for_cue(text: str, clause: int, j: int, cue: str, names: dict[str, str], confident_only: bool,
                  clauses: list[int]) -> list[CueHead]:
    r = _skip_openers(text, clause, j)
    kind = "agreement" if cue in lexicon.AGREEMENT_CUES else "speech"
    if r >= j or is_adjunct(text, r, j, opening=True):
        if _weak(text, cue, j + len(cue), len(text)) or cue in lexicon.WEAK_CUES:
            return []
        topic = _topic(text, clauses[:-1] if clauses[-1] == clause else clauses, j, names)
        return [CueHead(t, (j, j + len(cue)), kind, clause, "cue-after-topic") for t in topic]
    if cue_at(text, r, j) or confident_only and _weak(text, cue, j + len(cue), len(text)):
        return []   # 認為政府應敦促…: the clause's own verb came first; 北京要求他… inside a statement
    if (conjoined := _conjoined_mentions(text, r, j, names)):
        return [CueHead(m, (j, j + len(cue)), kind, clause, "cue-after-conjoined") for m in conjoined]
    mention = speaker_before(text, r, j, names)
    if mention is None or mention.uncertain:
        mention = _unnamed_before(text, r, j) or mention     # 有網友在社交平台留言稱: nobody named, no organization
    weak = _weak(text, cue, j + len(cue), len(text))
    if mention is None or mention.uncertain and (weak or confident_only and not _bare_name_after_connector(text, clause, mention)):
        return []
    mention.medium = mention.kind == "organization" and cue in lexicon.MEDIA_CUES
    listed = _listed_before(text, clauses, clause, names) if mention.kind == "name_with_title" and not mention.uncertain else []
    return ([CueHead(m, (j, j + len(cue)), kind, clause, "cue-after-conjoined") for m in listed]
            + [CueHead(mention, (j, j + len(cue)), kind, clause, "cue-after-mention")])


def _bare_name_after_connector(text: str, clause: int, mention: Mention) -> bool:
    """…，而金某則敦促…: a bare name that a connector (而, 但, 並) puts at the head of a new clause
    inside another statement is its own speaker, though never introduced."""
    return mention.kind == "name" and mention.rule == "name" and _skip_openers(text, clause, mention.start) == mention.start \
        and text.startswith(("而", "但", "並", "并"), clause)


def _listed_before(text: str, clauses: list[int], clause: int, names: dict[str, str]) -> list[Mention]:
    """甲局局長張三，乙局副局長李四，丙署署長王五介紹…: the titled names listed in the clauses
    right before the speaker's, each a clause of its own, speak with it. A title that ends in 、
    belongs to the next name's roles (專班副組長、交通部副部長徐某)."""
    listed: list[Mention] = []
    k = len(clauses) - 1 if clauses[-1:] == [clause] else 0     # after a quotation: no list
    while k > 0 and text[clauses[k] - 1] in "，,、":
        a, b = clauses[k - 1], clauses[k] - 1
        mention = parse_news_mention(text[a:b], a, names) if b - a <= MAX_MENTION else None
        if mention and mention.kind == "name_with_title" and not mention.uncertain and mention.name:
            listed.insert(0, mention)
        elif not (text[b] == "、" and text[a:b].endswith(lexicon.TITLE_SUFFIXES)):
            break
        k -= 1
    return listed


def _topic(text: str, clauses: list[int], j: int, names: dict[str, str]) -> list[Mention]:
    """'X接受專訪時，談到…': a cue that opens its clause speaks for the subject that opened an
    earlier clause of the sentence, when that subject is a sure mention (or sure conjoined ones)."""
    for c in reversed(clauses):
        r = _skip_openers(text, c, j)
        if _opens_with_verb(text, r):
            continue        # 首先會見外交部長某某: the object of a verb, not the subject
        end = next((k for k in range(r, min(j, r + MAX_MENTION)) if text[k] in CLAUSE_BREAKS or text[k] in lexicon.OPEN_QUOTES), min(j, r + MAX_MENTION))
        for k in range(end, r + 1, -1):
            if _predicate_at(text, k, j) and not _cuts_opener(text, k) and (subjects := _subjects(text, r, k, names)):
                return subjects
    return []


def _cuts_opener(text: str, k: int) -> bool:
    """局長某某|向立法會, 創始人某某|通過微博: a subject ending at k would end with the first
    character of an adjunct's opener, which no name ends with."""
    return text[k - 1] in "向在對对於于跟" or any(len(o) == 2 and text.startswith(o, k - 1) for o in lexicon.ADJUNCT_OPENERS)


def _predicate_at(text: str, k: int, j: int) -> bool:
    """A subject ends at k unless k cuts a cue in two (安華|警告…, not 安華警|告; 週五|表示)."""
    return not any((c := longest_cue(text, t)) and t + len(c) > k for t in range(max(0, k - 3), k))


def _subjects(text: str, r: int, k: int, names: dict[str, str]) -> list[Mention]:
    """text[r:k] as a sure subject: one mention, or conjoined ones (A與B) of which one is known.
    An organization by its ending alone must be known (speak elsewhere) to be a topic."""
    parts = _conjoined(r, k, text)
    mentions = [parse_news_mention(text[a:b], a, names) for a, b in parts] if len(parts) > 1 else []
    if mentions and all(m and not m.uncertain and m.kind != "pronoun" for m in mentions) and any(m.name in names for m in mentions):
        return mentions
    mention = parse_news_mention(text[r:k], r, names)
    if mention and not mention.uncertain and (mention.rule != "organization-ending" or mention.name in names):
        return [mention]
    return []


def _opens_with_verb(text: str, r: int) -> bool:
    """A clause opened by a verb of an occasion (會見, 出席, 接受 …): its names are objects."""
    return any(len(o) > 1 and text.startswith(o, r) for o in lexicon.ADJUNCT_OPENERS)


def _conjoined_mentions(text: str, r: int, j: int, names: dict[str, str]) -> list[Mention]:
    """大陸外交部與國台辦在例行記者會上表示: every conjoined subject, each a sure mention."""
    if j - r > 2 * MAX_MENTION + lexicon.ADJUNCT_MAX:
        return []       # subjects and adjuncts are short: a long clause is no list of speakers
    for k in range(j, r + 1, -1):
        if k < j and not is_adjunct(text, k, j):
            continue
        parts = _conjoined(r, k, text)
        if len(parts) < 2:
            continue
        mentions = [parse_news_mention(text[a:b], a, names) for a, b in parts]
        if all(m and not m.uncertain and m.kind != "pronoun" for m in mentions):
            return mentions
    return []


def _colon_head(text: str, clause: int, i: int, e: int, names: dict[str, str]) -> CueHead | None:
    """A headline's 'X：…' or 'X:…': a name (not a word read by its position) then a colon."""
    r = _skip_openers(text, clause, i)
    if i - r < 1 or i + 1 >= e or text[r].isdigit() or i - r == 1 and text[r] not in known_names(names).person_surnames:
        return None     # one character is a surname of a person named in full (陳：…), or nobody
    mention = parse_news_mention(text[r:i], r, names)
    if mention is None or mention.rule in ("organization-position", "anaphor") or mention.kind == "pronoun":
        return None
    return CueHead(mention, (i, i + 1), "speech", clause, "colon-after-name")


def _breaks_clause(text: str, i: int) -> bool:
    """Punctuation, a space between a headline's parts, or a closing quotation mark whose
    opening is not in this sentence (the quotation began in an earlier paragraph, and its
    speaker follows it)."""
    ch = text[i]
    return ch in CLAUSE_BREAKS and not _clock(text, i) or _space_break(text, i) or ch in lexicon.CLOSE_QUOTES


def _clock(text: str, i: int) -> bool:
    """The colon of a time of day (11:51:40) breaks no clause."""
    return text[i] in COLONS and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _space_break(text: str, i: int) -> bool:
    """A space between Chinese phrases separates a headline's parts (議員促港鐵減價 陳帆:會考慮),
    but not a title from its name (證監會新聞發言人 常德鵬:)."""
    if text[i] != " " or not 0 < i < len(text) - 1 or text[i + 1] in "(（" or text[i - 1] in ")）":
        return False        # 卡拉夫 (Roula Khalaf) 表示: a gloss, not a new part
    if text.endswith(("發言人", "发言人"), 0, i):
        return False
    return not (text[i - 1].isascii() and text[i + 1].isascii())


def _skip_openers(text: str, i: int, e: int) -> int:
    """Connectors, dates and spaces that open a clause (與此同時，此前，昨日，12月1日)."""
    moved = True
    while moved and i < e:
        moved = False
        while i < e and text[i] in " \u3000":
            i += 1
        for opener in lexicon.CLAUSE_OPENERS:
            if text.startswith(opener, i):
                i, moved = i + len(opener), True
                break
        for pattern in (lexicon.TIME_WORD, lexicon.PAREN, lexicon.TIME_CLAUSE, lexicon.AGENCY_DATELINE):
            if (m := pattern.match(text, i, e)):
                i, moved = m.end(), True
    return i


def speaker_before(text: str, r: int, j: int, names: dict[str, str]) -> Mention | None:
    """The mention that text[r:j] opens with, the rest being adjuncts. A mention that fills the
    whole span wins when sure; else the shortest sure mention; else the best unsure one."""
    whole_end = strip_particles(text, r, j)
    whole = parse_news_mention(text[r:whole_end], r, names) if whole_end - r <= MAX_MENTION else None
    if whole and not whole.uncertain:
        return whole
    unsure, boundary = None, False
    for k in range(r + 1, min(j, r + MAX_MENTION)):
        if not is_adjunct(text, k, j):
            continue
        boundary = True
        if text[r:k] in lexicon.GENERIC_SUBJECTS:
            return None     # 接聽者簡短回應: somebody not named, then an adverb
        if any(text[r:r + n] in names for n in range(k - r + 1, k - r + 4)):
            continue        # 王大同院長: 同 opens no adjunct inside a known name
        mention = parse_news_mention(text[r:k], r, names)
        if mention and not mention.uncertain:
            return mention
        unsure = unsure or mention
    # an adjunct was found but nothing before it names anyone (消保官|另表示): not the whole either
    return _titled_name_before(text, r, j) or _sure_prefix(text, r, j, names) or unsure or (None if boundary else whole)


SURE_PREFIX_REST = 4


def _sure_prefix(text: str, r: int, j: int, names: dict[str, str]) -> Mention | None:
    """雷軍直播坦誠 / 貝森特反覆: a person known by name (or a foreign name), then a few words that
    are neither a known adjunct nor part of the name (an adverb or manner the lists lack)."""
    for k in range(j - 1, max(r + 1, j - SURE_PREFIX_REST - 1), -1):
        if k - r > MAX_MENTION:
            continue
        mention = parse_news_mention(text[r:k], r, names)
        if mention and not mention.uncertain and mention.kind in ("name", "name_with_title") and mention.name \
                and (mention.name in names or mention.rule == "foreign-name"):
            return mention
    return None


def _titled_name_before(text: str, r: int, j: int) -> Mention | None:
    """…增長了65%上海某醫院主任王某表示: where the clause holds no sure mention from its start
    (sentences glued by the page's extraction), a name right after a title, before the adjuncts."""
    k = next((k for k in range(max(r + 3, j - lexicon.ADJUNCT_MAX), j + 1) if is_adjunct(text, k, j)), None)
    for n in (3, 2):
        if k is None or k - n - 2 < r or not is_name(text[k - n:k]):
            continue
        role_end = k - n
        if not text.endswith(lexicon.TITLE_SUFFIXES, r, role_end) or inside_title(text[r:k], n):
            continue
        start = role_end
        while start > r and role_end - start < ROLE_MAX and _role_character(text[start - 1]):
            start -= 1
        if role_end - start < ROLE_MAX and start > r:
            return Mention("name_with_title", text[k - n:k], [text[start:role_end]], start, k, rule="title-and-name")
    return None


def _role_character(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in lexicon.NOT_IN_TITLES and ch not in "了的"


def _unnamed_before(text: str, r: int, j: int) -> Mention | None:
    """業內人士普遍認為 / 有網友在社交平台表示: an unnamed source, then adjuncts (the shortest
    source: 2家公司|公開譴責)."""
    for k in chain((k for k in range(r + 2, j) if is_adjunct(text, k, j)), (j,)):
        if (mention := parse_unnamed(text[r:k], r)):
            return mention
    return None


def is_adjunct(text: str, k: int, j: int, opening: bool = False) -> bool:
    """text[k:j] holds only time words, adverbs, a parenthesis, or a phrase opened by 在/向/
    對/接受/出席… that runs to the cue. `opening`: text[k:j] opens the clause, so no speaker
    stands before it."""
    if j - k > lexicon.ADJUNCT_MAX:
        return False
    while k < j and text[k] == " ":
        k += 1      # 馬斯克 (Elon Musk) 在…: the space after a gloss
    while k < j:
        opener = next((o for o in lexicon.ADJUNCT_OPENERS if text.startswith(o, k)), None)
        if opener and len(opener) > 1 and text[k + len(opener):k + len(opener) + 1] in ("人", "者", "團", "团", "處", "处"):
            return False    # 發言人, 代表團: a title, not the opening of an adjunct (在人民大會堂 is one)
        if opener or _cue_clause(text, k, j):
            if "的" in text[k:j] and text[j - 1] not in ADJUNCT_LAST and not _addressee_after(text, text.rindex("的", k, j), j):
                return False    # 出席的官員: a noun phrase, the subject itself
            return not any(ch in lexicon.SENTENCE_END or ch in CLAUSE_BREAKS for ch in text[k:j])
        patterns = OPENING_ADJUNCT_PATTERNS if opening else ADJUNCT_PATTERNS
        m = next((m for p in patterns if (m := p.match(text, k, j))), None)
        if m is None or m.end() == k:
            return False
        k = m.end()
    return True


OPENING_ADJUNCT_PATTERNS = (lexicon.TIME_WORD, lexicon.PAREN, ALIAS_PAREN, lexicon.ADVERB)
ADJUNCT_PATTERNS = OPENING_ADJUNCT_PATTERNS + (lexicon.MANNER_AFTER_SPEAKER,)


def _addressee_after(text: str, k: int, j: int) -> bool:
    """在…的論壇期間對記者表示: an addressee phrase after the 的 at k runs to the cue, so the 的
    is inside the adjuncts (in 對印度的軍事行動表示遺憾 it is not)."""
    return any(text.startswith(o, t) for t in range(k + 1, j) for o in ADDRESSEE_OPENERS)


ADDRESSEE_OPENERS = ("對", "对", "向")


def _cue_clause(text: str, k: int, j: int) -> bool:
    """回答記者提問時 before the cue: a verb of speech in a clause of time."""
    return text[j - 1] in "時时後后" and longest_cue(text, k) is not None


def strip_particles(text: str, i: int, j: int) -> int:
    k, changed = j, True
    while changed:
        changed = False
        for p in lexicon.PARTICLES:
            if k - len(p) > i and text[k - len(p):k] == p:
                k, changed = k - len(p), True
                break
    return k


def _source_phrase(text: str, i: int, e: int, names: dict[str, str]) -> list[CueHead]:
    """在X看來， / 據X介紹，: the source phrase opens the clause and the content follows it."""
    for pattern, rule in ((ZAI_KANLAI, "zai-x-kanlai"), (JU_SOURCE, "ju-x-cue"), (JU_DOCUMENT, "ju-x-cue")):
        m = pattern.match(text, i, e)
        if not m:
            continue
        heads = []
        reports = m.group("cue") in lexicon.MEDIA_CUES
        for start, end in _conjoined(m.start("m"), m.end("m"), text):
            mention = _source_mention(text, start, end, names, reports)
            if mention is None:
                return []
            mention.medium = mention.kind == "organization" and reports
            heads.append(CueHead(mention, (m.start("cue"), m.end("cue")), "speech", i, rule))
        return heads
    return []


def _source_mention(text: str, start: int, end: int, names: dict[str, str], reports: bool) -> Mention | None:
    """The X of 在X看來 / 據X報道: a sure mention, a bare name (sure enough in this position) or
    a medium (by its name, or any organization that reports), with adjuncts after it
    (據新華社24日報道); else an unnamed source (據消息人士透露)."""
    mention = speaker_before(text, start, end, names)
    if mention and reports and is_media(mention.name or ""):
        mention.kind = "organization"       # 據東方新聞報道: a medium, though 東方 is a surname too
    elif mention and mention.uncertain and mention.kind != "name":
        mention = mention if reports and mention.kind == "organization" else None
    return mention or _unnamed_before(text, start, end)


def _conjoined(s: int, e: int, text: str) -> list[tuple[int, int]]:
    """在A和B看來: each conjoined part's span."""
    spans, start = [], s
    for m in CONJUNCTIONS.finditer(text, s, e):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, e))
    return [(a, b) for a, b in spans if b > a]
