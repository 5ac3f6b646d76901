"""Titles printed with a person's name, so that the title alone names that person.

Hong Kong and Taiwan copy print a person once as 行政長官林鄭月娥 and elsewhere, above all in
headlines, by the title alone (特首：…, 新加坡副總理：…). The first pass of attribution.py
records every title printed before a sure name; a mention that is a title alone then names
the one person printed with it, wherever in the article (a headline comes before the body).
Two people with the title, or none, and the title names nobody.
"""
from __future__ import annotations

import re

from . import lexicon

ROLE_PARTS = re.compile("兼|、|及|" + "|".join(lexicon.HONORIFIC_TITLES) + "$")


class TitleIndex:
    """title -> the persons printed with it: every ending of every part of their roles
    (新加坡副總理兼財政部長 -> 新加坡副總理, 副總理, 財政部長, 部長 …), never the title of a
    deputy (副總理 is not 總理)."""

    def __init__(self) -> None:
        self.by_title: dict[str, dict[str, None]] = {}

    def add(self, name: str, roles: list[str]) -> None:
        for role in roles:
            for part in ROLE_PARTS.split(role):
                for k in range(2, len(part) + 1):
                    if part[-k - 1:-k] != "副":
                        self.by_title.setdefault(part[-k:], {})[name] = None

    def person(self, title: str) -> str | None:
        """The one person printed with this title (or a title it stands for: 特首 = 行政長官)."""
        found: dict[str, None] = {}
        for form in (title,) + lexicon.TITLE_SYNONYMS.get(title, ()):
            found.update(self.by_title.get(form, {}))
        return next(iter(found)) if len(found) == 1 else None


def is_title_alone(m: str) -> bool:
    return m.endswith(lexicon.TITLE_SUFFIXES) or m in lexicon.TITLE_SYNONYMS
