"""Traditional <-> Simplified script with OpenCC: which script a text is in, and its other form."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def converter(config: str):
    import opencc
    return opencc.OpenCC(f"{config}.json")


def detect_script(text: str) -> str:
    """Hant when converting to Simplified changes more characters than converting to Traditional."""
    to_s = sum(a != b for a, b in zip(text, converter("t2s").convert(text)))
    to_t = sum(a != b for a, b in zip(text, converter("s2t").convert(text)))
    return "Hant" if to_s >= to_t else "Hans"


def to_simplified(text: str) -> str:
    # tw2s, not t2s: t2s keeps 著 where Simplified writes 着 (標志著 -> 标志着), tw2s decides by phrase
    return converter("tw2s").convert(text)


def to_traditional(text: str) -> str:
    return converter("s2t").convert(text)
