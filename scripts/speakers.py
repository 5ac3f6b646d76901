"""Speaker registry: resolve pronouns, merge mentions into speakers, apply the curated file.

Rules find who speaks; the curated file only adds what a person decides (ids, romanized names,
organization/title splits, a type). Where the text and the curated file disagree, the build
stops and names the curated entry; where the rules were unsure, a warning names the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon
from .attribution import Statement
from .errors import BuildError, Warnings


@dataclass
class Speaker:
    speaker_type: str
    name: str
    roles: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    speaker_id: str = ""
    name_romanized: str = ""
    affiliations: list[dict] = field(default_factory=list)


def build_speakers(statements: list[Statement], curation, warnings: Warnings) -> list[Speaker]:
    _resolve_pronouns(statements, warnings)
    registry: dict[tuple[str, str], Speaker] = {}
    for st in statements:
        if st.speaker is None:
            continue
        sp = registry.setdefault(st.speaker, Speaker(*st.speaker))
        sp.statements.append(st)
        sp.roles.extend(r for r in st.mention.roles if r not in sp.roles)
    speakers = list(registry.values())
    _apply_curation(speakers, curation, warnings)
    _assign_ids(speakers)
    for sp in speakers:
        for st in sp.statements:
            st.speaker_id = sp.speaker_id
    return speakers


def _resolve_pronouns(statements: list[Statement], warnings: Warnings) -> None:
    """A pronoun refers to the last person who spoke, not to the nearest name in the text; a
    surname with a form of address (李教授) to the last person of that surname who spoke."""
    people: list[str] = []          # persons in the order they last spoke
    roles: dict[str, list[str]] = {}
    previous = None                 # the speaker of the statement just before
    for st in statements:
        roles.setdefault(st.mention.name, []).extend(st.mention.roles)
        m = st.mention
        if m.kind == "pronoun":
            st.speaker = _by_pronoun(st, people, previous, warnings)
        elif m.surname_only:
            st.speaker = _by_surname(st, people, roles, previous, warnings)
        else:
            st.speaker = ("organization" if m.kind == "organization" else "person", m.name)
        if st.speaker and st.speaker[0] == "person":
            people = [p for p in people if p != st.speaker[1]] + [st.speaker[1]]
        previous = st.speaker


def _by_pronoun(st: Statement, people: list[str], previous, warnings: Warnings):
    """他/她 is the last person who spoke. When someone else (an organization) spoke in between,
    that choice is said; the pronoun's gender is never checked."""
    if not people:
        warnings.add("pronoun-without-antecedent", st.paragraph.line, f"pronoun {_printed(st)!r} has no earlier speaker to refer to; statement dropped")
        return None
    if previous != ("person", people[-1]):
        warnings.add("pronoun-across-speaker", st.paragraph.line, f"pronoun {_printed(st)!r} taken for {people[-1]!r}, the last person who "
                     f"spoke, although {previous[1] if previous else 'nobody'!r} spoke in between")
    return "person", people[-1]


def _by_surname(st: Statement, people: list[str], roles: dict, previous, warnings: Warnings):
    """李所長 is the 李 whose printed role has 所長; 李先生 the last 李 who spoke. With several 李 it is
    sure only when 李先生/李女士 continues the statement just before; otherwise it is said."""
    surname = st.mention.surname_only
    address = _printed(st)[len(surname):]
    fits = [p for p in people if p.startswith(surname) and len(p) > len(surname)]
    by_role = [p for p in fits if any(address in r for r in roles.get(p, []))]   # 李律師: …律師事務所合夥人
    if len(by_role) == 1:
        return "person", by_role[0]
    if not fits:
        warnings.add("surname-without-antecedent", st.paragraph.line, f"{_printed(st)!r} names no earlier speaker of surname {surname}; statement dropped")
        return None
    continues = previous == ("person", fits[-1]) and address in lexicon.GENERIC_ADDRESSES
    if len(fits) > 1 and not continues:
        warnings.add("surname-ambiguous", st.paragraph.line, f"{_printed(st)!r} could be any of {fits}; taken for the last who spoke, {fits[-1]!r}")
    return "person", fits[-1]


def _printed(st: Statement) -> str:
    return st.paragraph.text[st.mention.start - st.paragraph.char_start:st.mention.end - st.paragraph.char_start]


def _apply_curation(speakers: list[Speaker], curation, warnings: Warnings) -> None:
    curated = curation.speaker_by_name()
    seen = set()
    for sp in speakers:
        entry = curated.get(sp.name)
        if entry is None:
            _derive(sp)
            if curation.path is not None:
                warnings.add("speaker-not-curated", sp.statements[0].paragraph.line, f"speaker {sp.name!r} has no entry in {curation.path.name}; id and romanization derived")
            continue
        seen.add(sp.name)
        _curate(sp, entry, curation.path, warnings)
    missing = [n for n in curated if n not in seen]
    if missing:
        raise BuildError(str(curation.path), f"curated speaker(s) {missing} that the text never attributes a statement to",
                         "every curated speaker to be found speaking in the source")


def _derive(sp: Speaker) -> None:
    sp.name_romanized = romanize(sp.name, sp.speaker_type)
    sp.affiliations = [split_affiliation(r) for r in sp.roles]


def _curate(sp: Speaker, entry: dict, path, warnings: Warnings) -> None:
    where = f"{path}: speaker {sp.name!r}"
    if entry.get("speaker_type") and entry["speaker_type"] != sp.speaker_type:
        warnings.add("curated-type-override", None, f"speaker {sp.name!r}: curated type {entry['speaker_type']!r} overrides "
                     f"the rules' {sp.speaker_type!r}", file="curation", where=str(path))
        sp.speaker_type = entry["speaker_type"]
        for st in sp.statements:     # the mention follows its speaker, so the tables never disagree
            st.mention.kind = _mention_kind(st.mention, sp.speaker_type)
    sp.speaker_id = entry.get("speaker_id", "")
    sp.name_romanized = entry.get("name_romanized") or romanize(sp.name, sp.speaker_type)
    if "affiliations" not in entry:
        sp.affiliations = [split_affiliation(r) for r in sp.roles]
        return
    by_role = {a["role"]: a for a in entry["affiliations"]}
    if set(by_role) != set(sp.roles):
        raise BuildError(where, f"curated roles {sorted(by_role)} while the text prints {sp.roles}", "one curated split per role as printed")
    sp.affiliations = [{"organization": by_role[r].get("organization"), "title": by_role[r]["title"]} for r in sp.roles]


def _mention_kind(mention, speaker_type: str) -> str:
    if mention.kind == "pronoun":
        return "pronoun"
    if speaker_type == "organization":
        return "organization"
    return "name_with_title" if mention.roles or mention.surname_only else "name"


def split_affiliation(role: str) -> dict:
    """Split at the last organization ending that leaves a title (…研究中心 + 主任)."""
    best = None
    for suf in lexicon.ORG_NAME_SUFFIXES:
        for m in re.finditer(re.escape(suf), role):
            if m.end() < len(role) and (best is None or m.end() > best):
                best = m.end()
    if best is None:
        return {"organization": None, "title": role}
    return {"organization": role[:best], "title": role[best:]}


def romanize(name: str, speaker_type: str) -> str:
    """Hanyu Pinyin without tones, surname first: 趙紹輝 -> Zhao Shaohui."""
    from pypinyin import lazy_pinyin  # slow to import; a fully curated build never needs it
    if speaker_type == "organization":
        # a short name reads as one word (Jingdong); a long one (a report's title) syllable by syllable
        parts = [p.strip() for p in lazy_pinyin(name.strip("《》"), v_to_u=True) if p.strip()]
        return ("".join(parts) if len(name) <= 4 else " ".join(parts)).capitalize()
    n = 2 if name[:2] in lexicon.COMPOUND_SURNAMES else 1
    surname = lexicon.SURNAME_READINGS.get(name[:n]) or "".join(lazy_pinyin(name[:n], v_to_u=True))
    given = "".join(lazy_pinyin(name[n:], v_to_u=True))
    return f"{surname.capitalize()} {given.capitalize()}".strip()


SLUG_MAX = 40


def slug(romanized: str) -> str:
    """ASCII id from a romanized name: ü as yu (Lü -> lyu, as in passports), at most SLUG_MAX characters."""
    ascii_name = romanized.lower().replace("ü", "yu")
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:SLUG_MAX].strip("-")
    return base or "speaker"


def _assign_ids(speakers: list[Speaker]) -> None:
    taken = {sp.speaker_id for sp in speakers if sp.speaker_id}
    for sp in speakers:
        if sp.speaker_id:
            continue
        base = slug(sp.name_romanized)
        candidate, k = base, 2
        while candidate in taken:
            candidate, k = f"{base}-{k}", k + 1
        sp.speaker_id = candidate
        taken.add(candidate)
