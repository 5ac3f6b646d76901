"""Section numbers as printed: Arabic (01) or Chinese (十二, 一百零五) to int, and back in the same form."""
from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NAMES = "零一二三四五六七八九"
# [h百[零]] [[t]十] [o]: 三, 十二, 二十, 一百零五, 一百二十; anything else (十十, 三三, 百) is not a number
_CHINESE = re.compile(r"(?:(?P<h>[一二三四五六七八九])百(?P<zero>[零〇])?)?(?:(?P<t>[一二三四五六七八九])?(?P<ten>十))?(?P<o>[零〇一二三四五六七八九])?")


def to_int(num: str) -> int | None:
    """The value of a printed number; None when the characters do not form one."""
    if num.isdecimal():
        return int(num)
    m = _CHINESE.fullmatch(num)
    if not num or m is None or (m["zero"] and m["ten"]):
        return None
    hundreds = _DIGITS[m["h"]] * 100 if m["h"] else 0
    tens = (_DIGITS[m["t"]] if m["t"] else 1) * 10 if m["ten"] else 0
    return hundreds + tens + (_DIGITS[m["o"]] if m["o"] else 0)


def like(printed: str, value: int) -> str:
    """Write `value` the way `printed` writes numbers (zero-padded width, or Chinese)."""
    if printed.isdecimal() or not 0 <= value < 1000:
        return str(value).zfill(len(printed) if printed.isdecimal() else 0)
    hundreds, rest = divmod(value, 100)
    tens, ones = divmod(rest, 10)
    if not hundreds:
        if not tens:
            return _NAMES[ones]
        return ("" if tens == 1 else _NAMES[tens]) + "十" + (_NAMES[ones] if ones else "")
    head = _NAMES[hundreds] + "百"
    if not rest:
        return head
    return head + ("零" + _NAMES[ones] if not tens else _NAMES[tens] + "十" + (_NAMES[ones] if ones else ""))
