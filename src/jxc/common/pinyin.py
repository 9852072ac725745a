"""助记码: pinyin initials (with the alternatives polyphones give) and full pinyin, for search.

`kkkl` and `kekou` both find 可口可乐; 重庆 is `cq` (the phrase reading) but `zq` is kept as an alternative,
so a user who guesses the other reading still finds it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pypinyin import Style, pinyin

MAX_ALTERNATIVES = 8
# Non-Chinese characters one item each, so readings line up with the characters of the text.
_EACH_CHAR: Any = list
_KEEP = re.compile(r"[0-9a-z]+")
_HAN = re.compile(r"[\u3400-\u9fff]+")


@dataclass(frozen=True)
class Mnemonic:
    initials: str
    alternatives: tuple[str, ...]
    full: str


def _clean(parts: list[str]) -> list[str]:
    return ["".join(_KEEP.findall(p.lower())) for p in parts]


@lru_cache(maxsize=4096)
def _plain(ch: str) -> str:
    """What one non-Chinese character keeps (cached: names repeat the same digits and letters)."""
    return _clean([ch])[0]


@lru_cache(maxsize=20_000)
def _readings(ch: str) -> tuple[str, ...]:
    """Initials of every reading of one character (cached: a catalogue reuses a few thousand characters)."""
    return tuple(_clean(pinyin(ch, style=Style.FIRST_LETTER, heteronym=True, errors=_EACH_CHAR)[0]))


@lru_cache(maxsize=100_000)
def _han_run(run: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Syllables of a run of Chinese characters read in context, and each character's initials (its reading
    in context first). Cached per run: a catalogue repeats its words (可口可乐, 农夫山泉) in many names."""
    syllables = tuple(_clean([p[0] for p in pinyin(run, style=Style.NORMAL, errors=_EACH_CHAR)]))
    if len(syllables) != len(run):
        syllables = tuple(_clean([pinyin(ch, style=Style.NORMAL)[0][0] for ch in run]))
    choices = tuple(
        (s[:1], *[r for r in _readings(ch) if r and r != s[:1]][:1])
        for ch, s in zip(run, syllables, strict=True)
    )
    return syllables, choices


def mnemonic(text: str) -> Mnemonic:
    """Initials by the reading in context, other readings of polyphones as alternatives, full pinyin."""
    syllables: list[str] = []
    # The initials position by position, except that a stretch of positions with one reading each is one
    # piece: the alternatives (the same strings, in the same order) come from a few pieces, not one per
    # character. This runs for every product of an import.
    pieces: list[tuple[str, ...]] = []
    fixed: list[str] = []
    pos = 0
    for match in [*_HAN.finditer(text), None]:
        end = match.start() if match else len(text)
        for ch in text[pos:end]:
            kept = _plain(ch)
            if kept:
                syllables.append(kept)
                fixed.append(kept)
        if match:
            run_syllables, run_choices = _han_run(match.group())
            syllables.extend(run_syllables)
            for choice in run_choices:
                if len(choice) == 1:
                    fixed.append(choice[0])
                    continue
                if fixed:
                    pieces.append(("".join(fixed),))
                    fixed = []
                pieces.append(choice)
            pos = match.end()
    if fixed:
        pieces.append(("".join(fixed),))
    initials = "".join(p[0] for p in pieces)
    alternatives: list[str] = []
    if any(len(p) > 1 for p in pieces):
        for combo in itertools.product(*pieces):
            candidate = "".join(combo)
            if candidate != initials and candidate not in alternatives:
                alternatives.append(candidate)
            if len(alternatives) >= MAX_ALTERNATIVES:
                break
    return Mnemonic(initials, tuple(alternatives), "".join(syllables))


def search_text(*parts: str | None) -> str:
    """One lower-case haystack for `q`: codes, names, barcodes, initials and full pinyin, without spaces
    (so "农夫 山泉" and "农夫山泉" find the same), tokens kept apart by `|`."""
    kept = [p for p in parts if p and not p.isspace()]
    # Lower-casing and dropping whitespace once over the joined text gives the same as doing it per part
    # (`|` is neither whitespace nor a letter) at a third of the cost: it runs for every imported product.
    return "".join("|".join(kept).lower().split())


def search_pattern(q: str) -> str:
    """LIKE pattern for `q` against `search_text` (escape with backslash)."""
    cleaned = "".join(q.lower().split()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{cleaned}%"
