"""The warehouse data scope: a user may be limited to some warehouses or stores.

Later modules call these two functions and nothing else: `restrict` on every query of warehouse-bound rows
(lists, reports, exports, pickers), `ensure` on every id a request names (documents, transfers, counts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, false
from sqlalchemy.orm import QueryableAttribute, Session

from jxc.common.context import current
from jxc.common.errors import Forbidden

# Typed selects of any shape (Select is variadic): where() keeps the shape.
S = TypeVar("S", bound=Select[*tuple[Any, ...]])


def allowed() -> frozenset[int] | None:
    """The warehouse ids the current user may see; None means all of them."""
    ctx = current()
    return None if ctx.is_admin else ctx.warehouse_ids


def restrict(stmt: S, column: ColumnElement[Any] | QueryableAttribute[Any]) -> S:
    ids = allowed()
    if ids is None:
        return stmt
    if not ids:
        return stmt.where(false())
    return stmt.where(column.in_(sorted(ids)))


def ensure(*warehouse_ids: int | None) -> None:
    ids = allowed()
    if ids is None:
        return
    for wid in warehouse_ids:
        if wid is not None and wid not in ids:
            raise Forbidden("warehouse_out_of_scope")


def ensure_all(warehouse_ids: Iterable[int]) -> None:
    ensure(*warehouse_ids)


# Which of these warehouse ids exist in the current company, with their names. The warehouse table lives
# in a layer above auth, so that layer registers the answer here instead of auth importing it.
_lookup: Callable[[Session, list[int]], dict[int, str]] | None = None


def register_lookup(lookup: Callable[[Session, list[int]], dict[int, str]]) -> None:
    global _lookup
    _lookup = lookup


def warehouse_names(session: Session, ids: list[int]) -> dict[int, str]:
    if _lookup is None:
        raise RuntimeError("no warehouse lookup registered (import jxc.inventory.models)")
    return _lookup(session, ids) if ids else {}


def existing_warehouses(session: Session, ids: list[int]) -> set[int]:
    return set(warehouse_names(session, ids))
