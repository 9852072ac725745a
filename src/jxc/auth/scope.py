"""The warehouse data scope: a user may be limited to some warehouses or stores.

Later modules call these two functions and nothing else: `restrict` on every query of warehouse-bound rows
(lists, reports, exports, pickers), `ensure` on every id a request names (documents, transfers, counts).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, false
from sqlalchemy.orm import QueryableAttribute

from jxc.common.context import current
from jxc.common.errors import Forbidden

S = TypeVar("S", bound=Select[Any])


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
