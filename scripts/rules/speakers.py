"""Speaker registry: resolve pronouns, merge mentions into speakers, apply the curated file.

Rules find who speaks; the curated file only adds what a person decides (ids, romanized names,
organization/title splits, a type). Where the text and the curated file disagree, the build
stops and names the curated entry; where the rules were unsure, a warning names the line.
"""
from __future__ import annotations

import re
from itertools import islice
from dataclasses import dataclass, field

from . import lexicon
from .attribution import Statement
from ..errors import BuildError, Warnings
from .mentions import is_foreign_name, is_media, is_name, speaker_rule, split_at_dots


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
    roles_seen: dict[tuple[str, str], set[str]] = {}    # each speaker's roles as a set: one lookup per role
    for st in statements:
        if st.speaker is None:
            continue
        sp = registry.setdefault(st.speaker, Speaker(*st.speaker))
        sp.statements.append(st)
        known = roles_seen.setdefault(st.speaker, set())
        for r in st.mention.roles:
            if r not in known:
                known.add(r)
                sp.roles.append(r)
    speakers = list(registry.values())
    _apply_curation(speakers, curation, warnings)
    _assign_ids(speakers)
    for sp in speakers:
        for st in sp.statements:
            st.speaker_id = sp.speaker_id
    return speakers


class _People:
    """Persons in the order they last spoke, indexed so that each statement costs the same
    however many people spoke before it: by surname (the first one or two characters), and by
    surname and a form of address printed in their roles (李 + 律師 for …律師事務所合夥人)."""

    def __init__(self):
        self.order: dict[str, None] = {}                    # an ordered set: the last to speak is last
        self.by_surname: dict[str, dict[str, None]] = {}     # the same order, per surname
        self.roles: dict[str | None, list[str]] = {}         # every role printed with a name
        self.addressed: dict[tuple[str, str], dict[str, None]] = {}

    def add_roles(self, name: str | None, roles: list[str]) -> None:
        self.roles.setdefault(name, []).extend(roles)
        for role in roles if name else ():
            for address in (a for a in lexicon.FORMS_OF_ADDRESS if a in role):
                for surname in _surnames(name):
                    self.addressed.setdefault((surname, address), {})[name] = None

    def spoke(self, name: str) -> None:
        for group in [self.order] + [self.by_surname.setdefault(s, {}) for s in _surnames(name)]:
            group.pop(name, None)
            group[name] = None

    def last(self) -> str | None:
        return next(reversed(self.order), None)

    def of_surname(self, surname: str) -> list[str]:
        """Persons whose name starts with the surname and goes on, in the order they last spoke."""
        return list(self.by_surname.get(surname, ()))

    def addressed_as(self, surname: str, address: str, limit: int = 2) -> list[str]:
        """Up to `limit` persons of this surname who spoke and whose printed roles contain the
        address; enough to tell one from several."""
        if address not in lexicon.FORMS_OF_ADDRESS:     # not indexed: look at every person of the surname
            return [p for p in self.of_surname(surname) if any(address in r for r in self.roles.get(p, []))][:limit]
        spoke = self.by_surname.get(surname, {})
        out = []
        for p in self.addressed.get((surname, address), ()):
            if p in spoke:
                out.append(p)
                if len(out) == limit:
                    break
        return out


def _surnames(name: str) -> list[str]:
    """The one- and two-character beginnings of a name that leave a given name after them."""
    return [name[:n] for n in (1, 2) if len(name) > n]


def _resolve_pronouns(statements: list[Statement], warnings: Warnings) -> None:
    """A pronoun refers to the last person who spoke, not to the nearest name in the text; a
    surname with a form of address (李教授) to the last person of that surname who spoke; 該公司
    to the last organization that spoke."""
    people = _People()
    orgs: dict[str, None] = {}      # organizations in the order they last spoke (an ordered set)
    last_person = None              # the statement of the person who spoke last
    previous = None                 # the speaker of the statement just before
    for st in statements:
        people.add_roles(st.mention.name, st.mention.roles)
        m = st.mention
        st.speaker_rule = speaker_rule(m)
        if m.kind == "pronoun":
            st.speaker = _by_pronoun(st, people, previous, warnings, last_person)
        elif m.surname_only:
            st.speaker = _by_surname(st, people, previous, warnings)
        elif m.anaphor is not None:
            st.speaker = _by_anaphor(st, orgs, warnings, people)
        else:
            st.speaker = (_speaker_type(m), m.name)
        if st.speaker and st.speaker[0] == "person":
            people.spoke(st.speaker[1])
            if _same_sentence(last_person, st) and last_person.speaker:
                people.spoke(last_person.speaker[1])    # 甲指出，…乙抨擊…。他說: the sentence's first speaker
            else:
                last_person = st
        _remember_organizations(st, orgs)
        previous = st.speaker


def _same_sentence(earlier: Statement | None, st: Statement) -> bool:
    """st is reported later in the sentence of an earlier person's statement (inside its content)."""
    if earlier is None or earlier.paragraph is not st.paragraph or st.cue[0] <= earlier.cue[1]:
        return False
    text, base = st.paragraph.text, st.paragraph.char_start
    between = text[earlier.cue[1] - base:st.mention.start - base]
    return not any(ch in lexicon.SENTENCE_END for ch in between)


def _remember_organizations(st: Statement, orgs: dict[str, None]) -> None:
    """What 該局 / 該公司 may point back to: an organization that spoke, or one printed in the
    role of a person who spoke (運輸局局長某某表示 … 該局表示), the latest last."""
    found = [o for o in map(role_organization, st.mention.roles) if o] if st.speaker and st.speaker[0] == "person" else []
    if st.speaker and st.speaker[0] == "organization":
        found.append(st.speaker[1])
    for o in found:
        orgs.pop(o, None)
        orgs[o] = None


def role_organization(role: str) -> str | None:
    """運輸及物流局局長 -> 運輸及物流局: the organization that a role's title follows."""
    for k in range(len(role) - 1, 1, -1):
        if role.endswith(lexicon.NEWS_ORG_SUFFIXES + lexicon.ORG_NAME_SUFFIXES, 0, k) and role[k:].endswith(lexicon.TITLE_SUFFIXES):
            return role[:k]
    return None


def _speaker_type(m) -> str:
    if m.kind == "unnamed":
        return "unnamed"
    if m.kind != "organization":
        return "person"
    return "media" if m.medium or is_media(m.name) else "organization"


GENERIC_ORGANIZATION_NOUNS = ("公司", "集團", "集团", "企業", "企业", "機構", "机构")
RECENT_PEOPLE = 6       # how far back a pronoun looks for a speaker whose given name fits its gender
RECENT_ORGANIZATIONS = 20   # how far back 該公司 looks for the organization it points to


def _by_anaphor(st: Statement, orgs: dict[str, None], warnings: Warnings, people: _People | None = None):
    """該公司 / 該局 is the last organization of that kind that spoke; 公司 alone the last one;
    發言人 alone the last organization that spoke, unless a spokesperson was named (then who
    it means is not sure, and nothing is recorded)."""
    noun = st.mention.anaphor
    if noun == lexicon.SPOKESPERSON and people is not None and _named_spokesperson(people):
        warnings.add("anaphor-without-antecedent", st.paragraph.line,
                     f"{_printed(st)!r} may be the spokesperson named before or the body; statement dropped")
        return None
    noun = "" if noun == lexicon.SPOKESPERSON else noun
    recent = (o for k, o in enumerate(reversed(orgs)) if k < RECENT_ORGANIZATIONS)
    fit = next((o for o in recent if not noun or noun in GENERIC_ORGANIZATION_NOUNS or o.endswith(noun)), None)
    if fit is None:
        warnings.add("anaphor-without-antecedent", st.paragraph.line,
                     f"{_printed(st)!r} points back to no organization that spoke before; statement dropped")
        return None
    return "organization", fit


def _named_spokesperson(people: _People) -> bool:
    return any(any(w in r for w in ("發言人", "发言人") for r in people.roles.get(p, []))
               for p in islice(reversed(people.order), RECENT_PEOPLE))


def _by_pronoun(st: Statement, people: _People, previous, warnings: Warnings, last_person=None):
    """他/她 is the last person who spoke, or a person introduced with a title later than that in
    the same paragraph (研究員李明持不同看法。她表示; of two, the sentence's subject). A 她 skips a last speaker whose given name
    reads as a man's for a recent one whose name reads as a woman's, and 他 the reverse; every
    such choice is said."""
    introduced = _introduced_before(st, last_person)
    subject = _subject_before(st, last_person, people)
    if subject and (not introduced or subject[0] > introduced[0]):
        if subject[1] != people.last():
            warnings.add("pronoun-introduced", st.paragraph.line, f"pronoun {_printed(st)!r} taken for {subject[1]!r}, "
                         "the subject of a sentence before it")
        return "person", subject[1]
    if introduced:
        introduced = introduced[1]
        warnings.add("pronoun-introduced", st.paragraph.line,
                     f"pronoun {_printed(st)!r} taken for {introduced!r}, introduced before it with a title without speaking")
        return "person", introduced
    last = people.last()
    if last is None:
        warnings.add("pronoun-without-antecedent", st.paragraph.line, f"pronoun {_printed(st)!r} has no earlier speaker to refer to; statement dropped")
        return None
    if (gendered := _by_gender(_printed(st), people)) and gendered != last:
        warnings.add("pronoun-by-gender", st.paragraph.line, f"pronoun {_printed(st)!r} taken for {gendered!r} rather than "
                     f"the last person who spoke, {last!r}, by the gender their given names suggest")
        return "person", gendered
    if previous != ("person", last):
        warnings.add("pronoun-across-speaker", st.paragraph.line, f"pronoun {_printed(st)!r} taken for {last!r}, the last person who "
                     f"spoke, although {previous[1] if previous else 'nobody'!r} spoke in between")
    return "person", last


def _since_last_statement(st: Statement, last_person) -> tuple:
    """The pronoun's paragraph and the part of it (start, offset) where its antecedent may be
    printed: from the last person's statement, when that is in the same paragraph, to the pronoun."""
    para = st.paragraph
    start = last_person.cue[1] - para.char_start if last_person is not None and last_person.paragraph is para else 0
    return para, start, st.mention.start - para.char_start


def _introduced_before(st: Statement, last_person) -> tuple[int, str] | None:
    """The first person printed with a title in the last sentence before the pronoun that has
    one (主席甲會見主席乙。她表示: the subject 甲, not the object), in the pronoun's paragraph,
    after the last person's statement."""
    para, start, offset = _since_last_statement(st, last_person)
    found, sentence_has = None, False
    for i in range(start, offset):
        ch = para.text[i]
        if ch in lexicon.SENTENCE_END:
            sentence_has = False
        elif not sentence_has and (ch in lexicon.SURNAMES or ch in lexicon.TRANSLIT or _before_honorific(para.text, i)) \
                and para.text.endswith(lexicon.TITLE_SUFFIXES, start, i) \
                and not para.text.endswith(lexicon.GENERIC_SUBJECTS, start, i):   # 受市民關注: 市民 introduces nobody
            name = _name_at(para.text, i) or _foreign_name_at(para.text, i) or _before_honorific(para.text, i)
            if name:
                found, sentence_has = (i, name), True
    return found


def _subject_before(st: Statement, last_person, people: _People) -> tuple[int, str] | None:
    """奧特曼則將合作稱為「…」。他坦言: a person who opens a sentence of the pronoun's paragraph
    before it, after the last person's statement, is the pronoun's antecedent though it did not
    speak there: a person who spoke earlier in the article (by full name or, for a dotted foreign
    name, its last part), or a transliterated foreign name."""
    para, start, offset = _since_last_statement(st, last_person)
    forms = _spoken_forms(people)
    lengths = sorted({len(f) for f in forms}, reverse=True)
    found = None
    for i in _sentence_starts(para.text, start, offset):
        j = _after_time(para.text, i + next((len(o) for o in lexicon.CLAUSE_OPENERS if para.text.startswith(o, i)), 0))
        form = next((f for n in lengths if (f := para.text[j:j + n]) in forms and _ends_name(para.text, j + n)), None)
        name = forms[form] if form else _foreign_name_at(para.text, j) or _full_name_at(para.text, j)
        found = (j, name) if name else found
    return found


def _after_time(text: str, j: int) -> int:
    """當地時間26日，某某…: the subject after the time words (and their comma) that open a sentence."""
    while (m := lexicon.TIME_WORD.match(text, j)) and m.end() > j:
        j = m.end()
        while text[j:j + 1] in ("，", ",", " "):
            j += 1
    return j


def _full_name_at(text: str, i: int) -> str | None:
    """洪某某現身會場…。他說: a Chinese name of three characters opening the sentence."""
    three = text[i:i + 3]
    return three if len(three) == 3 and is_name(three) and not is_name(text[i:i + 4]) else None


def _spoken_forms(people: _People) -> dict[str, str]:
    """Each person who spoke, by full name and by the last part of a dotted foreign name."""
    forms = {}
    for name in islice(reversed(people.order), RECENT_PEOPLE):
        forms[name] = name
        tail = split_at_dots(name)[-1]
        if tail != name and len(tail) >= 2:
            forms[tail] = name
    return forms


def _sentence_starts(text: str, start: int, end: int):
    """Where a subject may stand: a sentence's start, or the clause after a leading topic phrase
    (針對…，雷軍顯得無奈。他表示)."""
    opens = start
    yield start
    for k in range(start, end - 1):
        if text[k] in lexicon.SENTENCE_END and text[k + 1] not in lexicon.CLOSE_QUOTES:
            opens = k + 1
            yield k + 1
        elif text[k] in "，," and text.startswith(lexicon.PREFACE_PHRASES + ("在",), opens):
            yield k + 1


def _name_at(text: str, i: int) -> str | None:
    three, two = text[i:i + 3], text[i:i + 2]
    if len(three) == 3 and is_name(three) and _ends_name(text, i + 3):
        return three
    return two if is_name(two) and _ends_name(text, i + 2) else None


def _ends_name(text: str, j: int) -> bool:
    """What may follow a name: punctuation or a predicate's first word (NAME_BOUNDARY), a date,
    or the verb of an occasion (行政長官李某出席活動時…)."""
    return (text[j:j + 1] in lexicon.NAME_BOUNDARY or bool(lexicon.TIME_WORD.match(text, j))
            or text.startswith(lexicon.ADJUNCT_OPENERS, j))


FOREIGN_NAME_MAX = 16
HONORIFICS = lexicon.HONORIFICS_AFTER_TITLED_NAME


def _before_honorific(text: str, i: int) -> str | None:
    """外交部長維文醫生: two to four characters between a title and an honorific are a name."""
    for n in (2, 3, 4):
        if text.startswith(HONORIFICS, i + n) and all("\u4e00" <= ch <= "\u9fff" for ch in text[i:i + n]):
            return text[i:i + n]
    return None


def _foreign_name_at(text: str, i: int) -> str | None:
    """總裁史密斯週二…: the run of transliteration characters (and middle dots) at i, when it
    ends at a boundary, a date or an honorific."""
    j = i
    while j < len(text) and j - i < FOREIGN_NAME_MAX and (text[j] in lexicon.TRANSLIT or text[j] in lexicon.MIDDLE_DOTS):
        j += 1
    ends = text[j:j + 1] in lexicon.NAME_BOUNDARY or text.startswith(HONORIFICS, j) or lexicon.TIME_WORD.match(text, j)
    return text[i:j] if ends and is_foreign_name(text[i:j]) else None


def _by_gender(pronoun: str, people: _People) -> str | None:
    """The most recent speaker whose given name fits the pronoun, among the last few."""
    want = lexicon.PRONOUNS.get(pronoun)
    for k, name in enumerate(reversed(people.order)):
        if k == RECENT_PEOPLE:
            break
        female = any(ch in lexicon.FEMALE_NAME_CHARACTERS for ch in name[1:])
        if (want == "female") == female:
            return name
    return None


def _by_surname(st: Statement, people: _People, previous, warnings: Warnings):
    """李所長 is the 李 whose printed role has 所長; 李先生 the last 李 who spoke. With several 李 it is
    sure only when 李先生/李女士 continues the statement just before; otherwise it is said."""
    surname = st.mention.surname_only
    address = _printed(st)[len(surname):]
    by_role = people.addressed_as(surname, address)   # 李律師: …律師事務所合夥人
    if len(by_role) == 1:
        return "person", by_role[0]
    fits = people.by_surname.get(surname)
    if not fits:
        warnings.add("surname-without-antecedent", st.paragraph.line, f"{_printed(st)!r} names no earlier speaker of surname {surname}; statement dropped")
        return None
    last = next(reversed(fits))
    continues = previous == ("person", last) and address in lexicon.GENERIC_ADDRESSES
    if len(fits) > 1 and not continues:
        warnings.add("surname-ambiguous", st.paragraph.line, f"{_printed(st)!r} could be any of {list(fits)}; taken for the last who spoke, {last!r}")
    return "person", last


def _printed(st: Statement) -> str:
    return st.paragraph.text[st.mention.start - st.paragraph.char_start:st.mention.end - st.paragraph.char_start]


def _apply_curation(speakers: list[Speaker], curation, warnings: Warnings) -> None:
    curated = curation.speaker_by_name()
    seen = set()
    for sp in speakers:
        entry = curated.get(sp.name)
        if entry is None:
            _derive(sp)
            if curation.path is not None and sp.speaker_type in ("person", "organization"):
                warnings.add("speaker-not-curated", sp.statements[0].paragraph.line, f"speaker {sp.name!r} has no entry in {curation.path.name}; id and romanization derived")
            continue
        seen.add(sp.name)
        _curate(sp, entry, curation.path, warnings)
    missing = [n for n in curated if n not in seen]
    if missing:
        raise BuildError("curated-speaker-unattributed", str(curation.path), f"curated speaker(s) {missing} that the text never attributes a statement to",
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
        raise BuildError("curated-roles-mismatch", where, f"curated roles {sorted(by_role)} while the text prints {sp.roles}", "one curated split per role as printed")
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
    if speaker_type != "person":
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
    """The slug of the romanized name; a repeat gets -2, -3, … (the first number not taken)."""
    taken = {sp.speaker_id for sp in speakers if sp.speaker_id}
    next_k: dict[str, int] = {}     # per slug, the number to try next: ids taken stay taken, so no scan from 2 again
    for sp in speakers:
        if sp.speaker_id:
            continue
        base = slug(sp.name_romanized)
        candidate, k = base, next_k.get(base, 2)
        if candidate in taken:
            candidate = f"{base}-{k}"
        while candidate in taken:
            k += 1
            candidate = f"{base}-{k}"
        next_k[base] = k + 1 if candidate != base else k
        sp.speaker_id = candidate
        taken.add(candidate)
