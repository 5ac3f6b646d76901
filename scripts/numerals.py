"""Section numbers as printed: Arabic (01) or Chinese (十二) to int, and back in the same form."""
from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def to_int(num: str) -> int:
    if num.isdigit():
        return int(num)
    if num.startswith("十"):
        num = "一" + num
    if "十" in num:
        tens, _, ones = num.partition("十")
        return _DIGITS[tens] * 10 + (_DIGITS[ones] if ones else 0)
    return _DIGITS[num]


def like(printed: str, value: int) -> str:
    """Write `value` the way `printed` writes numbers (zero-padded width, or Chinese)."""
    if printed.isdigit():
        return str(value).zfill(len(printed))
    names = "零一二三四五六七八九"
    if value < 10:
        return names[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else names[tens]) + "十" + (names[ones] if ones else "")
