"""References across domains that must not import each other.

- Lookups: "which of these ids exist (as a supplier, a warehouse, …)?" — registered by the domain that owns
  the table, asked by a domain that points at it (a product's default supplier).
- Usage: "is this row referenced, and by what?" — registered by every domain that points at a row, asked
  before deleting it (a warehouse named in stock limits, later in documents). A referenced row is
  deactivated, never deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy.orm import Session

Lookup = Callable[[Session, list[int] | None], dict[int, str]]
Usage = Callable[[Session, int], str | None]

_lookups: dict[str, Lookup] = {}
_usages: dict[str, list[Usage]] = {}


def register_lookup(kind: str, lookup: Lookup) -> None:
    _lookups[kind] = lookup


def names(session: Session, kind: str, ids: Iterable[int] | None) -> dict[int, str]:
    """id → display name of those `ids` that exist (in the current company); `None` asks for all of them."""
    if kind not in _lookups:
        raise RuntimeError(f"no lookup registered for {kind!r}")
    if ids is None:
        return _lookups[kind](session, None)
    wanted = sorted(set(ids))
    return _lookups[kind](session, wanted) if wanted else {}


def register_usage(kind: str, usage: Usage) -> None:
    _usages.setdefault(kind, []).append(usage)


def usage(session: Session, kind: str, row_id: int) -> list[str]:
    """What references the row (human-readable, in the request's language); empty when nothing does."""
    found = []
    for check in _usages.get(kind, []):
        what = check(session, row_id)
        if what:
            found.append(what)
    return found
