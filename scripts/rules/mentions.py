"""Mentions: the words before a reporting verb -> who speaks.

A mention is a pronoun, an organization (by its ending, a report in 《》, or a known name), a
known name with its printed titles, a surname with a form of address (李教授), or a new name
split off the titles printed before it. What the rules are unsure of carries a message that
the build prints as a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from . import lexicon
from .titles import TitleIndex, is_title_alone

NOT_NAMES = {"方面", "高層", "高层", "官方", "市場", "市场", "雙方", "双方", "對方", "对方", "有關", "有关", "相關", "相关",
             "記者", "记者", "專家", "专家", "報告", "报告", "數據", "数据", "消息", "有消息", "業內", "业内", "文章", "分析",
             "調查", "调查", "個人", "个人", "本人", "周期", "週期", "時間", "时间", "金額", "金额", "史上", "於是", "于是",
             "成功", "馬上", "马上", "高度", "安全", "文化", "方案", "方向", "方式", "方法", "程度", "金融", "出生",
             "司機", "司机", "同時", "同时", "經濟", "经济", "經過", "经过", "江湖", "黃金", "黄金",
             "陸方", "陆方", "美方", "中方", "台方", "港方", "日方", "俄方", "烏方", "乌方", "英方", "歐方", "欧方", "韓方", "韩方"}


# A word before a cue that opens with these is a clause, not a name (有記者問, 請問商務部, 無法對外公布).
NOT_OPENING_NAMES = ("有", "據", "据", "請問", "请问", "截至", "截止", "本", "執行", "执行", "不", "並不", "并不", "涉事", "涉案") + lexicon.UNSAID + lexicon.PREFACE_PHRASES
# A word before a cue that ends so is a clause (市府希望透過公告): a wish or a plan, not a name.
NOT_ENDING_NAMES = ("希望", "打算", "決定", "决定", "計劃", "计划", "準備", "准备", "要求", "需要", "將會", "将会")
# Last characters of a word for people (女攤販, 老街坊) or of a place in a clause (聲明中): no organization.
NOT_ENDING_ORGANIZATIONS = set("官者人員员販贩民客女男婦妇工生兒儿童嫂姨伯叔哥姐妹弟爺爷奶婆友仔中上內内裡里後后前時时主商")
# Endings of bodies that a person's given name does not have (衛生局 is no person 衛生局).
NOT_ENDING_GIVEN_NAMES = set("局署部處处廳厅府宮宫黨党社報报網网委辦办")
CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
CONJUNCTION_CHARACTERS = set("和與与及跟同或、")     # 蘋果和谷歌: a name after them is conjoined, not titled
NOT_IN_GIVEN_NAMES = set("這这那的了是在把被對对從从本")    # function words (向本報: 本 is "this"), never part of a given name


@dataclass
class Mention:
    kind: str                 # name_with_title | name | pronoun | organization
    name: str | None          # the person's or organization's name; None for a pronoun
    roles: list[str]
    start: int
    end: int
    uncertain: tuple[str, str] | None = None   # (warning code, message) when the rules were unsure
    surname_only: str | None = None   # 李教授: the surname of a person introduced earlier
    address_only: bool = False        # 趙律師 with no earlier 趙: a person known only this way
    rule: str = ""                    # which rule read the mention (provenance, see SPEAKER_RULES)
    anaphor: str | None = None        # 該公司: the noun of an organization named before
    notice: tuple[str, str] | None = None   # (code, message): worth a warning, but the mention is sure
    medium: bool = False              # an organization that reports (參考消息網報道): a news medium


def parse_mention(m: str, start: int, names: dict[str, str]) -> Mention | None:
    if m in lexicon.PRONOUNS:
        return Mention("pronoun", None, [], start, start + len(m))
    if (surname := _surname_and_address(m, names)) is not None:
        return Mention("name_with_title", None, [], start, start + len(m), surname_only=surname)
    if (address := _unknown_surname_and_address(m)) is not None:
        return Mention("name_with_title", m, [address], start, start + len(m),
                       ("surname-and-address-only",
                        f"{m!r} names a person by surname and {address!r} only, and no earlier speaker has that surname; "
                        "kept as printed (a curated entry can give the full name)"), address_only=True)
    parsed = (_organization_by_suffix(m) or _known_name(m, names) or _honorific_after(m) or _name_then_title(m) or _titled_name(m)
              or _bare_name(m))
    if parsed is None:
        return None
    kind, name, roles, uncertain = parsed
    return Mention(kind, name, roles, start, start + len(m), uncertain)


class KnownNames(dict):
    """name -> speaker type ("person" or "organization"), with the surnames of its persons kept
    in a set, so that a mention costs the same however many names are known, and the titles
    printed with them (titles.py). Not changed after it is made (the set is computed once, on
    first use)."""

    def __init__(self, names=(), titles: TitleIndex | None = None):
        super().__init__(names)
        self.titles = titles or TitleIndex()

    @cached_property
    def person_surnames(self) -> frozenset[str]:
        """The one- and two-character beginnings of person names that leave a given name after them."""
        return frozenset(x[:n] for x, kind in self.items() if kind == "person" for n in (1, 2) if len(x) > n)


    @cached_property
    def foreign_tails(self) -> dict[str, str]:
        """The last part of a foreign person's name printed with a middle dot (佩斯科夫 of
        德米特里·佩斯科夫) -> that name, when only one known name ends so."""
        tails: dict[str, str | None] = {}
        for name, kind in self.items():
            parts = split_at_dots(name)
            if kind == "person" and len(parts) > 1 and len(parts[-1]) >= 2:
                tails[parts[-1]] = None if parts[-1] in tails else name
        return {t: n for t, n in tails.items() if n}


def known_names(names: dict[str, str]) -> KnownNames:
    return names if isinstance(names, KnownNames) else KnownNames(names)


def _surname_and_address(m: str, names: dict[str, str]) -> str | None:
    """李教授 / 王先生 continue a person with that surname; which one is decided in reading
    order by speakers.py."""
    for n in (2, 1):
        surname, address = m[:n], m[n:]
        if address in lexicon.FORMS_OF_ADDRESS and surname in known_names(names).person_surnames:
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
    org = _trim_adjuncts(report.group("org")) if (report := lexicon.REPORT_BY.match(m)) else ""
    if len(org) >= 2 and not lexicon.ADVERB.fullmatch(org) and not holds_clause_word(org):
        return _titled_person(org) or ("organization", org, [], None)       # 裕榮食品公司今天也發布聲明
    for suf in lexicon.ORG_MENTION_SUFFIXES:
        if m.endswith(suf) and len(m) > len(suf) and not lexicon.QUANTIFIED.match(m):
            org = lexicon.UNNAMED_UNIT.sub("", m[: -len(suf)]) or m[: -len(suf)]
            org = next((org[: -len(s)] for s in UNIT_WORDS if org.endswith(s) and len(org) > len(s)), org)   # 四川航空官方客服
            if holds_clause_word(org) or org.startswith(("涉事", "涉案")) or COUNTED_PEOPLE.search(org):
                return None     # 投訴人向工作人員: an addressee; 涉事企業負責人, 公司一位行政人員: nobody named
            return "organization", org, [], None     # 一名發言人: nobody named (parse_unnamed)
    return None


COUNTED_PEOPLE = re.compile(r"(?:[一兩两幾几數数多]|\d+)(?:位|名)")
# What stands between a body and its staff word (四川航空官方客服, 某局舉報熱線工作人員).
UNIT_WORDS = ("官方", "方面", "舉報熱線", "举报热线", "服務熱線", "服务热线", "客服熱線", "客服热线", "熱線", "热线")


def _titled_person(m: str):
    """衛生總監諾希山 (發表聲明): a person after a title issues the statement, not a body."""
    titled = _titled_name(m)
    if titled and titled[0] == "name_with_title" and titled[3] is None:
        return titled
    foreign = _foreign_after(m, 0, len(m), {}, titled=True)
    return (foreign.kind, foreign.name, foreign.roles, None) if foreign and foreign.roles else None


def _trim_adjuncts(org: str) -> str:
    """A publisher's name without the time words and particles printed after it (…公司今天也)."""
    changed = True
    while changed and org:
        changed = False
        if org.endswith(lexicon.PARTICLES):
            org = org[: -len(next(p for p in lexicon.PARTICLES if org.endswith(p)))]
            changed = True
        tail = next((k for k in range(max(0, len(org) - 8), len(org)) if lexicon.TIME_WORD.fullmatch(org, k)), None)
        if tail:
            org, changed = org[:tail], True
    return org


def _known_name(m: str, names: dict[str, str]):
    """The longest known name that ends the mention (one dictionary lookup per length)."""
    for n in range(len(m), 0, -1):
        name = m[-n:]
        if name in names:
            if names[name] == "organization":
                return ("organization", name, [], None) if m == name else None
            prefix = m[: -len(name)]
            if holds_clause_word(prefix) or _holds_known_person(prefix, names) or _opens_with_a_subject(prefix):
                return None     # 黃某將接棒李某, 劉某得知王某: a clause before the known name, not its title
            roles = split_roles(m[: -len(name)])
            return ("name_with_title" if roles else "name"), name, roles, None
    return None


def _opens_with_a_subject(prefix: str) -> bool:
    """劉某得知|王某: a name opens what would be the title, which ends in no title: a clause."""
    return (is_name(prefix[:3]) or is_name(prefix[:2])) and not _ends_like_a_role(prefix)


def _ends_like_a_role(prefix: str) -> bool:
    """What is printed before a name as its title ends in a title, an organization or a form of
    address (劉某得知|王某 does not)."""
    return prefix.endswith(ROLE_ENDINGS) or LATIN_TITLE.search(prefix) is not None


ROLE_ENDINGS = (lexicon.TITLE_SUFFIXES + lexicon.ORG_NAME_SUFFIXES + lexicon.NEWS_ORG_SUFFIXES
                + lexicon.NEWS_ADDRESSES + lexicon.FORMS_OF_ADDRESS + ("、",))
LATIN_TITLE = re.compile(r"[A-Za-z]$")


def _holds_known_person(prefix: str, names: dict[str, str]) -> bool:
    return any(prefix[k:k + n] in names and names[prefix[k:k + n]] == "person" for n in (2, 3) for k in range(len(prefix) - n + 1))


def _honorific_after(m: str):
    """某某教授: a name, then an honorific; 部長某某醫生 (Singapore copy): a titled name, then one."""
    for h in lexicon.HONORIFICS_AFTER_TITLED_NAME:
        core = m[: -len(h)]
        if not m.endswith(h) or not core:
            continue
        if is_name(core) and h in lexicon.HONORIFICS_AFTER_NAME:
            return "name_with_title", core, [h], None
        titled = _name_after_office(core) or _titled_name(core)
        if titled and titled[0] == "name_with_title" and titled[3] is None:
            return titled
    return None


def _name_after_office(m: str):
    """外交部長維文: after the title of an office only a person holds, two or three characters
    that are no other word are a name, whether or not they start with a Chinese surname; after a
    Malaysian honorific (拿督斯里卡立), two to five."""
    for n in (5, 4, 3, 2):
        name, prefix = m[-n:], m[:-n]
        office = prefix.endswith(PERSON_TITLES) and n <= 3 or prefix.endswith(lexicon.HONORIFIC_TITLES)   # 拿督斯里卡立
        if office and not holds_clause_word(prefix) and _plain_name(name) and not _ends_with_time(name) \
                and not _splits_honorific(prefix, name) and not any(t.startswith(prefix[-2:] + name[:1]) for t in lexicon.TITLE_SUFFIXES):
            return "name_with_title", name, split_roles(prefix), None
    return None


def _ends_with_time(s: str) -> bool:
    return any(lexicon.TIME_WORD.fullmatch(s, k) for k in range(1, len(s)))


def _plain_name(s: str) -> bool:
    if any(t.startswith(s) or s.startswith(t) for t in lexicon.HONORIFIC_TITLES):
        return False        # 首相拿督斯|里: the start of an honorific, no name
    if s[0] in "們们兼及和與与等暨" or not all("\u4e00" <= ch <= "\u9fff" for ch in s) or set(s) & NOT_IN_GIVEN_NAMES:
        return False        # 議員們一共, 副總理兼經濟: the title goes on, no name follows
    return s not in NOT_NAMES and s not in lexicon.GENERIC_SUBJECTS and not lexicon.TIME_WORD.match(s) \
        and not lexicon.ADVERB.match(s) and not _holds_cue(s) and s[-1] not in NOT_ENDING_GIVEN_NAMES \
        and not s.endswith(lexicon.TITLE_SUFFIXES)


def _name_then_title(m: str):
    """賴清德總統: a full name, then the title (formal Taiwan copy)."""
    for title in lexicon.TITLES_AFTER_NAME:
        core = m[: -len(title)]
        if m.endswith(title) and len(core) >= 3 and is_name(core):
            return "name_with_title", core, [title], None
    return None


def _titled_name(m: str):
    enders = lexicon.TITLE_SUFFIXES + lexicon.ORG_NAME_SUFFIXES
    for n in (3, 2, 4):
        name, prefix = m[-n:], m[:-n]
        if len(m) > n and is_titled_name(name, prefix) and prefix.endswith(enders) and not inside_title(m, n) and not holds_clause_word(prefix):
            return "name_with_title", name, split_roles(prefix), None
    if m.endswith(lexicon.ORG_NAME_SUFFIXES) and len(m) > 2:
        return "organization", m, [], ("uncertain-organization", f"{m!r} speaks and is taken for an organization by its ending")
    if (titled := _name_after_office(m)):
        return titled
    if holds_clause_word(m):
        return None
    for n in (3, 2):
        if len(m) > n + 1 and is_name(m[-n:]) and "、" not in m[-n:] and m[-n - 1] not in CONJUNCTION_CHARACTERS \
                and not _holds_cue(m[-n - 1:]):
            return ("name_with_title", m[-n:], split_roles(m[:-n]),
                    ("uncertain-name-split", f"the name in {m!r} was split off as {m[-n:]!r} although no known title ends before it"))
    return None


def _holds_cue(s: str) -> bool:
    """中國南車回應 (…車 回應): a reporting verb of two or more characters inside what would be a name."""
    return any(len(c) > 1 and s.startswith(c, k) for k in range(len(s)) for c in lexicon.ALL_CUES_BY_FIRST.get(s[k], ()))


def _bare_name(m: str):
    if is_name(m):
        return "name", m, [], ("name-never-introduced", f"{m!r} was never introduced with a title; taken for a person's name")
    return None


def is_name(s: str) -> bool:
    if not s or s in NOT_NAMES or not all("\u4e00" <= ch <= "\u9fff" for ch in s) or lexicon.TIME_WORD.fullmatch(s):
        return False
    if s.startswith(TITLES_OF_TWO) or s in lexicon.GENERIC_SUBJECTS or any(w in s[1:] for w in UNSAID_WORDS):
        return False        # 司長早 (律政司司長早前), 文告, 安華拒絕: a title, a noun, a refusal; no name
    if s[1:] in lexicon.GENERIC_SUBJECTS or set(s[1:]) & NOT_IN_GIVEN_NAMES or s[1:] in lexicon.TITLES_AFTER_NAME \
            or s[-1] in NOT_ENDING_GIVEN_NAMES or _ends_with_time(s) or _holds_cue(s):
        return False        # 向大家, 馬克這, 文總統, 衛生局, 宮周五, 安華今天, 安華警告: no given name
    if s[:2] in lexicon.COMPOUND_SURNAMES:
        return 3 <= len(s) <= 4
    if len(s) == 4:     # a married woman's two surnames in Hong Kong copy (林鄭月娥)
        return s[0] in lexicon.SURNAMES and s[1] in lexicon.SURNAMES
    return 2 <= len(s) <= 3 and s[0] in lexicon.SURNAMES


UNSAID_WORDS = tuple(w for w in lexicon.UNSAID if len(w) > 1)
TITLES_OF_TWO = tuple(t for t in lexicon.TITLE_SUFFIXES + lexicon.NEWS_ADDRESSES if len(t) == 2)
TITLES_OF_TWO_OR_MORE = tuple(t for t in lexicon.TITLE_SUFFIXES + lexicon.NEWS_ADDRESSES if len(t) >= 2)


def is_titled_name(s: str, title: str) -> bool:
    """A name right after a title may also be a Korean one with 在 (總統李在明), or a Japanese
    name of four characters after a Japanese title (日本首相高市早苗, 經濟產業大臣武藤容治)."""
    if is_name(s):
        return True
    if not all("\u4e00" <= ch <= "\u9fff" for ch in s) or s in NOT_NAMES or s[1:] in lexicon.GENERIC_SUBJECTS:
        return False
    if len(s) == 3 and s[1] == "在":
        return s[0] in lexicon.SURNAMES and s[2] not in NOT_IN_GIVEN_NAMES
    japanese = "日本" in title or title.endswith(lexicon.JAPANESE_TITLES)
    return len(s) in (3, 4) and japanese and not set(s) & NOT_IN_GIVEN_NAMES and not _holds_cue(s)


def holds_clause_word(s: str) -> bool:
    """s holds a word no title or name of a body holds (對, 在, 將 …: a clause), other than inside
    the words of party names (反對黨, 在野黨)."""
    for word in lexicon.TITLE_WORDS_WITH_CLAUSE_CHARACTERS:
        s = s.replace(word, "")
    return bool(lexicon.NOT_IN_TITLES & set(s))


def split_roles(prefix: str) -> list[str]:
    return [r for r in prefix.split("、") if r]


# --- Mentions of news copy: the speaker found before a cue (cue_search.py) ------------------

def parse_news_mention(m: str, start: int, names: dict[str, str]) -> Mention | None:
    """The genre's mention forms first (parse_mention), then those of news copy: a surname or
    the start of a known name, a foreign name, 該公司, an organization by a broad ending or,
    unsure, by its position before a cue."""
    core = _core_of(m)
    if core in lexicon.SPOKESPERSON_ALONE:
        return Mention("organization", None, [], start, start + len(m), rule="anaphor", anaphor=lexicon.SPOKESPERSON)
    if _names_nobody(core):
        return None
    end = start + len(m)
    if core in lexicon.MEDIA_NAMES:
        return Mention("organization", core, [], start, end, rule="organization-ending")   # 路透 is no person 路透
    if (anaphor := _anaphor(core)):
        return Mention("organization", None, [], start, end, rule="anaphor", anaphor=anaphor)
    mention = parse_mention(core, start, names)
    if (person := _known_prefix(core, start, end, names)) and core[len(person.surname_only):] in ("發言人", "发言人"):
        return person       # 童發言人: the spokesperson 童, not an organization 童
    if core.endswith(lexicon.SPOKESPERSON_ALONE) and (named := _title_alone(core, start, end, names, by_ending=False)):
        return named        # 白宮發言人 where 白宮發言人某某 was printed: that spokesperson
    if mention and mention.kind == "organization" and (mention.name in lexicon.GENERIC_SUBJECTS or mention.name[:1] in "該该本"
                                                      or _anaphor(mention.name)):
        noun = _anaphor(mention.name) or mention.name.lstrip("該该本")     # 局方發言人 -> 局
        return Mention("organization", None, [], start, end, rule="anaphor", anaphor=noun)
    if mention and not mention.uncertain:
        mention.end, mention.rule = end, speaker_rule(mention)
        return mention
    if mention and mention.kind == "name_with_title" and not mention.address_only or "的" in core:
        mention = None      # a name split off words that end in no title (退款申請須): too unsure from the cue
    if "的" in core and (titled := _after_modifier(m, start, names)):
        return titled
    if person:
        return person
    for reader in (_foreign, _foreign_then_title, _organization_and_name, _news_organization, _country, _title_alone, _title_after_determiner):
        if (found := reader(core, start, end, names)):
            return found
    if mention:
        mention.end, mention.rule = end, _rule_of(mention)
        return mention
    return _organization_by_position(core, start, end)


INNER_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[（(][A-Za-z][A-Za-z .&'\-]{0,30}[）)](?=[\u4e00-\u9fff])")
BODY_ENDINGS = lexicon.NEWS_ORG_SUFFIXES + lexicon.ORG_NAME_SUFFIXES
# Names of bodies that open with 經 (經濟部, 經貿辦), which no 'through' precedes.
NAMES_WITH_JING = ("經濟", "经济", "經營", "经营", "經貿", "经贸", "經建", "经建", "經發", "经发")
# A social-media handle after an account (官方微博@平安北京): the account's name, not part of the mention.
HANDLE = re.compile(r"(?<=[\u4e00-\u9fff])@[\w\u4e00-\u9fff]{1,20}$")
NOTE_AFTER_TITLE = re.compile(r"(?P<title>[^（）()]+)[（(][^（）()]{1,12}[）)](?P<name>[\u4e00-\u9fff]{2,4})")
TITLES_BEFORE_NOTE = lexicon.TITLE_SUFFIXES + lexicon.TITLES_AFTER_NAME


def _core_of(m: str) -> str:
    """The mention without what names nobody: glosses, spaces, a handle, a note after a title, 經."""
    core = lexicon.LATIN_GLOSS.sub("", m) if len(m) > 2 else m
    core = INNER_GLOSS.sub("", core)    # 美國在台協會（AIT）發言人: the abbreviation is a gloss
    core = CJK_SPACE.sub("", core)      # 證監會新聞發言人 常德鵬: a title and its name set apart
    core = _without_note_after_title(HANDLE.sub("", core))
    if core[:1] in "經经" and core[:2] not in NAMES_WITH_JING and len(core) > 3 and core.endswith(BODY_ENDINGS):
        core = core[1:]     # 經某航空站確認: confirmed by the body (經 'through' is no part of its name)
    return core


def _without_note_after_title(m: str) -> str:
    """立法會議員(工程界)某某, 高級警司(媒體聯絡)某某: a constituency or unit between the title and
    the name is a note, part of neither."""
    note = NOTE_AFTER_TITLE.fullmatch(m)
    if note and note.group("title").endswith(TITLES_BEFORE_NOTE):
        return note.group("title") + note.group("name")
    return m


def _names_nobody(core: str) -> bool:
    """A generic word, a first or second person, a pronoun and more (他拒絕), markup, or a quantity
    (一名村民: an unnamed source, see parse_unnamed; 兩條建議: things)."""
    demonstrative = core[:1] in "這这那其" and not core.startswith(("這位", "这位"))    # 這位局長 is someone
    return (not core or core in lexicon.GENERIC_SUBJECTS or core[0] in "我你您它" or demonstrative or not _printable(core)
            or core.endswith("等") and len(core) > 2     # 甲、乙等紛紛回應: a list that goes on, no one speaker
            or core[0] in "他她" and len(core) > 1 or bool(lexicon.QUANTIFIED.match(core) or lexicon.QUANTITY.match(core)))


def _after_modifier(m: str, start: int, names: dict[str, str]) -> Mention | None:
    """出生在烏克蘭的中校某某 / 一位士兵的母親某某: a modifier ending in 的, then a titled name."""
    k = m.rindex("的") + 1
    mention = parse_news_mention(m[k:], start + k, names) if len(m) - k >= 3 else None
    if mention and mention.kind == "name_with_title" and mention.name and not mention.uncertain:
        return mention
    return None


def speaker_rule(mention: Mention) -> str:
    return mention.rule or _rule_of(mention)


def _rule_of(mention: Mention) -> str:
    if mention.kind == "pronoun":
        return "pronoun"
    if mention.surname_only:
        return "surname-and-address"
    if mention.kind == "organization":
        return "organization-ending"
    return "title-and-name" if mention.roles else "name"


def _anaphor(m: str) -> str | None:
    """該公司, 本局, and 局方 / 校方 / 院方 (the bureau, school, hospital named before): the noun."""
    for det in ("該", "该", "本"):
        if m.startswith(det) and 2 <= len(m) <= 4 and m[len(det):].endswith(lexicon.NEWS_ORG_SUFFIXES):
            return m[len(det):]
    if len(m) == 2 and m[1] == "方" and m[0] in "局署院校廠厂館馆":
        return m[0]
    return None


def _title_after_determiner(m: str, start: int, end: int, names: dict[str, str]) -> Mention | None:
    """該局長 / 這位部長: the one person printed with that title (titles.py)."""
    for det in ("該名", "该名", "該", "该", "這位", "这位", "此"):
        if m.startswith(det) and len(m) > len(det):
            return _title_alone(m[len(det):], start + len(det), end, names)     # the title as printed, without 該
    return None


# What may follow the start of a known name (梁, 陳局長, 賴總統, 童發言人), none first.
KNOWN_PREFIX_ADDRESSES = ("",) + lexicon.NEWS_ADDRESSES + lexicon.FORMS_OF_ADDRESS + lexicon.TITLES_AFTER_NAME + ("發言人", "发言人")


def _known_prefix(m: str, start: int, end: int, names: dict[str, str]) -> Mention | None:
    """梁 / 林鄭 / 陳局長 in Hong Kong copy: the start of a person's name printed in full before."""
    for address in KNOWN_PREFIX_ADDRESSES:
        head = m[: len(m) - len(address)] if address else m
        if address and not m.endswith(address):
            continue
        if 1 <= len(head) <= 2 and head in known_names(names).person_surnames:
            return Mention("name_with_title", None, [], start, end, surname_only=head, rule="surname-of-known-name")
    return None


def _foreign(m: str, start: int, end: int, names: dict[str, str]) -> Mention | None:
    """馬斯克, 萨姆·奥尔特曼, 美國總統川普: a transliterated name, with any title before it; a name
    with a middle dot is sure enough to follow a title no list has (白宮副幕僚長斯蒂芬·米勒)."""
    return _foreign_after(m, start, end, names, titled=True) or _foreign_after(m, start, end, names, titled=False)


def _foreign_after(m: str, start: int, end: int, names: dict[str, str], titled: bool) -> Mention | None:
    for n in range(len(m), 1, -1):
        name, prefix = m[-n:], m[:-n]
        if not is_foreign_name(name) or inside_title(m, n) or _splits_honorific(prefix, name):
            continue        # 拿督|斯里沙里布丁: 斯里 ends the honorific 拿督斯里
        name = known_names(names).foreign_tails.get(name, name)     # 盖达伊 after 谢尔盖·盖达伊: one person
        if not prefix:
            return Mention("name", name, [], start, end, rule="foreign-name")
        if titled:
            fits = prefix.endswith(lexicon.TITLE_SUFFIXES + lexicon.NEWS_ORG_SUFFIXES)
        else:
            fits = len(split_at_dots(name)) > 1 and len(split_at_dots(name)[0]) <= 4 and _word_like(prefix)
        if fits and not holds_clause_word(prefix):
            return Mention("name_with_title", name, split_roles(prefix), start, end, rule="title-and-foreign-name")
    return None


def _foreign_then_title(m: str, start: int, end: int, names: dict[str, str]) -> Mention | None:
    """布林肯國務卿: a transliterated name, then one title (the order of formal news copy)."""
    for title in lexicon.TITLE_SUFFIXES:
        name = m[: -len(title)]
        if m.endswith(title) and len(name) >= 2 and is_foreign_name(name):
            name = known_names(names).foreign_tails.get(name, name)
            return Mention("name_with_title", name, [title], start, end, rule="title-and-foreign-name")
    return None


def _splits_honorific(prefix: str, name: str) -> bool:
    return any(prefix.endswith(t[:i]) and name.startswith(t[i:]) for t in lexicon.HONORIFIC_TITLES for i in range(1, len(t)))


def inside_title(m: str, n: int) -> bool:
    """The last n characters of m are the end of a title that ends m (斯里 of 首相拿督斯里), not a name."""
    return any(len(t) >= n and m.endswith(t) for t in lexicon.TITLE_SUFFIXES)


def is_foreign_name(s: str) -> bool:
    parts = split_at_dots(s)
    if len(parts) > 1:
        return all(p and all(ch in lexicon.TRANSLIT for ch in p) for p in parts) and len(s) <= 16
    if LATIN_NAME.fullmatch(s):
        return True
    return 2 <= len(s) <= 6 and all(ch in lexicon.TRANSLIT for ch in s) and s not in NOT_NAMES


LATIN_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")


def split_at_dots(s: str) -> list[str]:
    for dot in lexicon.MIDDLE_DOTS[1:]:
        s = s.replace(dot, lexicon.MIDDLE_DOTS[0])
    return s.split(lexicon.MIDDLE_DOTS[0])


def is_media(name: str) -> bool:
    """A news medium by its name or ending (路透社, 南華早報, 美國之音): a source, not a speaker."""
    core = name.strip("《》")
    return core.startswith(lexicon.MEDIA_NAMES) or core.endswith(lexicon.MEDIA_SUFFIXES) and len(core) >= 3


def _organization_and_name(m: str, start: int, end: int, names: dict[str, str]) -> Mention | None:
    """民建聯陳恒鑌: a person's name right after the organization they belong to."""
    for n in (3, 2):
        name, prefix = m[-n:], m[:-n]
        if is_name(name) and (names.get(prefix) == "organization" or len(prefix) >= 3 and _news_organization(prefix, start, end, names)):
            return Mention("name_with_title", name, [prefix], start, end, rule="organization-and-name")
    return None


# 'Through' opens a channel (川普透過社群平台發文): no body's name holds it.
CHANNEL_WORDS = ("透過", "透过", "通過", "通过", "經由", "经由", "藉由", "借由")


def _news_organization(m: str, start: int, end: int, names: dict[str, str]) -> Mention | None:
    if m in lexicon.BODIES_BY_ONE_WORD:
        return Mention("organization", m, [], start, end, rule="organization-ending")
    if len(m) < 2 or holds_clause_word(m) or "的" in m or m.startswith(NOT_OPENING_NAMES) or any(w in m for w in CHANNEL_WORDS):
        return None
    if len(m) == 2 and m[1] in "軍军隊队" and m[0] in lexicon.SURNAMES:
        return None     # 雷軍 is a person (美軍, 俄軍 are no surnames)
    for suf in lexicon.NEWS_ORG_SUFFIXES:
        # a long name is checked for verb characters before its ending only (…研究學會: 會 is the ending)
        if m.endswith(suf) and len(m) > len(suf) and _word_like(m) and (len(m) <= 6 or not lexicon.NOT_IN_ORGANIZATIONS & set(m[:-len(suf)])):
            what = "a news medium (a source, not a named speaker)" if is_media(m) else "an organization"
            return Mention("organization", m, [], start, end, rule="organization-ending",
                           notice=("uncertain-organization", f"{m!r} speaks and is taken for {what} by its ending"))
    return None


def parse_unnamed(m: str, start: int) -> Mention | None:
    """業內人士, 有網友, 一位分析師: a source that names nobody, kept as printed."""
    if len(m) <= lexicon.UNNAMED_MAX and (lexicon.UNNAMED_SOURCE.match(m) or lexicon.QUANTIFIED.match(m)):
        return Mention("unnamed", m, [], start, start + len(m), rule="unnamed-source")
    return None


def _country(m: str, start: int, end: int, names: dict[str, str]) -> Mention | None:
    """中國表示, 俄羅斯聯邦國…: a country, the whole mention, speaks through its government (各國,
    兩國 are generic subjects; a surname and 國 may be a person's name, 林國)."""
    if 2 <= len(m) <= 4 and m[-1] in "國国" and _word_like(m) and not (len(m) == 2 and m[0] in lexicon.SURNAMES):
        return Mention("organization", m, [], start, end, rule="organization-ending")
    return None


def _title_alone(m: str, start: int, end: int, names: dict[str, str], by_ending: bool = True) -> Mention | None:
    """特首 / 新加坡副總理 alone: the one person printed with that title in the article; 港鐵總裁
    for the one person printed with 總裁 (港鐵行政總裁某某) when the whole title was not printed
    (`by_ending`)."""
    if not is_title_alone(m):
        return None
    titles = known_names(names).titles
    person = titles.person(m) or (titles.person(ending) if by_ending and (ending := _ending_title(m)) else None)
    if person is None:
        return None
    return Mention("name_with_title", person, [m], start, end, rule="title-and-name",
                   uncertain=("title-alone", f"the title {m!r} alone was taken for {person!r}, the one person printed with it"))


def _ending_title(m: str) -> str | None:
    """The title that ends m after an organization's name (港鐵|總裁), not a deputy's (副總裁)."""
    title = max((t for t in lexicon.TITLE_SUFFIXES if len(t) >= 2 and len(m) > len(t) and m.endswith(t)), key=len, default=None)
    return title if title and m[-len(title) - 1] != "副" else None


def _organization_by_position(m: str, start: int, end: int) -> Mention | None:
    """A short word before a cue that names no person: an organization or brand (騰訊, 蘋果,
    OpenAI). Unsure, so the build says it."""
    latin = LATIN_ORGANIZATION.fullmatch(m)       # Counterpoint, OpenAI: one Latin-script word
    if not latin and (not 2 <= len(m) <= 6 or lexicon.NOT_IN_ORGANIZATIONS & set(_without_name_words(_abbreviation(m)))
                      or m in NOT_NAMES or not _word_like(m)):
        return None
    if CONJUNCTION_CHARACTERS & set(m[1:-1]):
        return None     # 蘋果和谷歌: two subjects, not one word
    if any(u in m for u in lexicon.UNNAMED_SOURCES) or m.endswith(lexicon.TITLE_SUFFIXES) or m.startswith(NOT_OPENING_NAMES) \
            or m.startswith(TITLES_OF_TWO_OR_MORE):
        return None     # 檢察官起訴: a title and a verb, nobody's name
    if any(len(t) > 1 and t in m[:-1] for t in PERSON_TITLES) or m[-1] in NOT_ENDING_ORGANIZATIONS or m.endswith(NOT_ENDING_NAMES):
        return None     # 南韓總統李…: a title inside, so a person's name was cut
    return Mention("organization", m, [], start, end,
                   ("organization-by-position", f"{m!r} before a cue is no known person; taken for an organization by its position"),
                   rule="organization-position")


# Titles that only a person bears (an organization's name does not hold them, but 總統府 does:
# that one ends in 府 and is read by its ending first).
PERSON_TITLES = ("總統", "总统", "總理", "总理", "首相", "部長", "部长", "主席", "國務卿", "国务卿", "外長", "外长",
                 "大臣", "議員", "议员", "局長", "局长", "市長", "市长", "執行長", "执行长", "董事長", "董事长")
LATIN_ORGANIZATION = re.compile(r"[A-Z][A-Za-z0-9&\-]{2,19}")
# Words of brand names that hold a character of a clause (時 in 全棉時代).
NAME_WORDS_WITH_CLAUSE_CHARACTERS = ("時代", "时代")


def _abbreviation(m: str) -> str:
    """消基會 before a cue: 會 ending a short word is a body (an abbreviation), not the modal 'will'."""
    return m[:-1] if len(m) in (3, 4) and m[-1] in "會会" else m


def _without_name_words(m: str) -> str:
    for word in NAME_WORDS_WITH_CLAUSE_CHARACTERS:
        m = m.replace(word, "")
    return m


def _word_like(m: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" or ch.isascii() and ch.isalnum() for ch in m)


def _printable(m: str) -> bool:
    """A name as news prints it: Chinese characters, Latin letters and digits, a middle dot,
    book-title marks; not the remains of markup (40″ title=”…)."""
    return all("\u4e00" <= ch <= "\u9fff" or ch.isascii() and (ch.isalnum() or ch in " .-&'")
               or ch in lexicon.MIDDLE_DOTS or ch in "《》〈〉（）()" for ch in m)
