"""助记码: pinyin initials (with the alternatives polyphones give) and full pinyin, for search.

`kkkl` and `kekou` both find 可口可乐; 重庆 is `cq` (the phrase reading) but `zq` is kept as an alternative,
so a user who guesses the other reading still finds it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from pypinyin import Style, lazy_pinyin, pinyin

MAX_ALTERNATIVES = 8
# Non-Chinese characters one item each, so readings line up with the characters of the text.
_EACH_CHAR: Any = list
_KEEP = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True)
class Mnemonic:
    initials: str
    alternatives: tuple[str, ...]
    full: str


def _clean(parts: list[str]) -> list[str]:
    return ["".join(_KEEP.findall(p.lower())) for p in parts]


def mnemonic(text: str) -> Mnemonic:
    """Initials by the reading in context, other readings of polyphones as alternatives, full pinyin."""
    if not text:
        return Mnemonic("", (), "")
    primary = _clean([p[0] for p in pinyin(text, style=Style.FIRST_LETTER, errors=_EACH_CHAR)])
    initials = "".join(primary)
    # Per character readings give the polyphones' other initials (bounded: names are short, but be safe).
    choices: list[list[str]] = []
    for ch, first in zip(text, primary, strict=False):
        readings = pinyin(ch, style=Style.FIRST_LETTER, heteronym=True, errors=_EACH_CHAR)[0]
        options = [first, *[r for r in _clean(readings) if r and r != first]]
        choices.append(options[:2])
    alternatives: list[str] = []
    if len(choices) == len(primary):
        for combo in itertools.product(*choices):
            candidate = "".join(combo)
            if candidate != initials and candidate not in alternatives:
                alternatives.append(candidate)
            if len(alternatives) >= MAX_ALTERNATIVES:
                break
    full = "".join(_clean(lazy_pinyin(text)))
    return Mnemonic(initials, tuple(alternatives), full)


def search_text(*parts: str | None) -> str:
    """One lower-case haystack for `q`: codes, names, barcodes, initials and full pinyin, without spaces
    (so "农夫 山泉" and "农夫山泉" find the same), tokens kept apart by `|`."""
    return "|".join("".join(p.lower().split()) for p in parts if p and p.strip())


def search_pattern(q: str) -> str:
    """LIKE pattern for `q` against `search_text` (escape with backslash)."""
    cleaned = "".join(q.lower().split()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{cleaned}%"
