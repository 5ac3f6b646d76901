"""Mentions: the words before a reporting verb -> who speaks.

A mention is a pronoun, an organization (by its ending, a report in 《》, or a known name), a
known name with its printed titles, a surname with a form of address (李教授), or a new name
split off the titles printed before it. What the rules are unsure of carries a message that
the build prints as a warning.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from . import lexicon

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
    uncertain: tuple[str, str] | None = None   # (warning code, message) when the rules were unsure
    surname_only: str | None = None   # 李教授: the surname of a person introduced earlier
    address_only: bool = False        # 趙律師 with no earlier 趙: a person known only this way


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
    parsed = _organization_by_suffix(m) or _known_name(m, names) or _honorific_after(m) or _titled_name(m) or _bare_name(m)
    if parsed is None:
        return None
    kind, name, roles, uncertain = parsed
    return Mention(kind, name, roles, start, start + len(m), uncertain)


class KnownNames(dict):
    """name -> speaker type ("person" or "organization"), with the surnames of its persons kept
    in a set, so that a mention costs the same however many names are known. Not changed after
    it is made (the set is computed once, on first use)."""

    @cached_property
    def person_surnames(self) -> frozenset[str]:
        """The one- and two-character beginnings of person names that leave a given name after them."""
        return frozenset(x[:n] for x, kind in self.items() if kind == "person" for n in (1, 2) if len(x) > n)


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
    if (report := lexicon.REPORT_BY.match(m)) and len(report.group("org")) >= 2:
        return "organization", report.group("org"), [], None
    for suf in lexicon.ORG_MENTION_SUFFIXES:
        if m.endswith(suf) and len(m) > len(suf):
            return "organization", m[: -len(suf)], [], None
    return None


def _known_name(m: str, names: dict[str, str]):
    """The longest known name that ends the mention (one dictionary lookup per length)."""
    for n in range(len(m), 0, -1):
        name = m[-n:]
        if name in names:
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
        return "organization", m, [], ("uncertain-organization", f"{m!r} speaks and is taken for an organization by its ending")
    if lexicon.NOT_IN_TITLES & set(m):
        return None
    for n in (3, 2):
        if len(m) > n + 1 and is_name(m[-n:]) and "、" not in m[-n:]:
            return ("name_with_title", m[-n:], split_roles(m[:-n]),
                    ("uncertain-name-split", f"the name in {m!r} was split off as {m[-n:]!r} although no known title ends before it"))
    return None


def _bare_name(m: str):
    if is_name(m):
        return "name", m, [], ("name-never-introduced", f"{m!r} was never introduced with a title; taken for a person's name")
    return None


def is_name(s: str) -> bool:
    if s in NOT_NAMES or not all("\u4e00" <= ch <= "\u9fff" for ch in s):
        return False
    if s[:2] in lexicon.COMPOUND_SURNAMES:
        return 3 <= len(s) <= 4
    return 2 <= len(s) <= 3 and s[0] in lexicon.SURNAMES


def split_roles(prefix: str) -> list[str]:
    return [r for r in prefix.split("、") if r]
