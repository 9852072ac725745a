"""Server-side messages (error details, permission labels) in zh-CN and en, from JSON catalogues."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jxc.common.context import DEFAULT_LANGUAGE, current

PACKAGE = Path(__file__).resolve().parents[1]


def catalogue_files(language: str) -> list[Path]:
    """Every package keeps its own messages in `<package>/locales/<language>.json`."""
    return sorted(p for p in PACKAGE.rglob(f"locales/{language}.json") if "web" not in p.parts)


@cache
def catalogue(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in catalogue_files(language):
        data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        clash = sorted(set(merged) & set(data))
        if clash:
            raise RuntimeError(f"{path}: keys defined twice: {', '.join(clash[:5])}")
        merged.update(data)
    return merged


def t(key: str, language: str | None = None, /, **params: Any) -> str:
    """Translate `key` into the request's language; an unknown key falls back to zh-CN, then to the key."""
    lang = language or current().language
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def has_key(key: str) -> bool:
    return key in catalogue(DEFAULT_LANGUAGE)
