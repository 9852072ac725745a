"""Checking a receipt's, delivery's or return's lines against the lines they come from (order lines, receipt
or delivery lines), which the caller has locked first. What may be taken from a source line differs per
document (over-receipt tolerance, deliveries) and stays with it; returns share `check_returnable`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.common.errors import Conflict, field_error

D = TypeVar("D")


def source_docs(session: Session, model: type[D], locked: dict[int, Any]) -> dict[int, D]:
    """The documents of locked lines, read fresh (another transaction may have closed an order)."""
    ids = {ln.doc_id for ln in locked.values()}
    if not ids:
        return {}
    table: Any = model
    rows = session.execute(
        select(table).where(table.id.in_(ids)).execution_options(populate_existing=True)
    ).scalars()
    return {d.id: d for d in rows}


def claimed(
    lines: Sequence[Any],
    locked: dict[int, Any],
    docs: dict[int, Any],
    *,
    fits: Callable[[Any], bool],
    error: str,
) -> dict[int, Decimal]:
    """Base quantity asked per source line; refuses (`error`, per line) lines whose source line or its
    document is gone, whose document does not `fit` (kind, status, partner…) or whose SKU differs."""
    asked: dict[int, Decimal] = defaultdict(Decimal)
    errors = []
    for i, ln in enumerate(lines):
        if ln.source_line_id is None:
            continue
        source = locked.get(ln.source_line_id)
        doc = docs.get(source.doc_id) if source else None
        if source is None or doc is None or not fits(doc) or source.sku_id != ln.sku_id:
            errors.append(field_error(f"lines.{i}.source_line_id", error))
            continue
        asked[source.id] += ln.base_qty
    if errors:
        raise Conflict(error, errors=errors)
    return dict(asked)


def check_returnable(
    lines: Sequence[Any], locked: dict[int, Any], asked: dict[int, Decimal], error: str
) -> None:
    """Refuses (`error`, per line) returning more of a source line than it had less what was returned."""
    errors = []
    for i, ln in enumerate(lines):
        if ln.source_line_id is None:
            continue
        source = locked[ln.source_line_id]
        left = source.base_qty - source.done_qty
        if asked[source.id] > left:
            errors.append(
                field_error(
                    f"lines.{i}.qty",
                    error,
                    left=format(left.normalize(), "f"),
                    asked=format(asked[source.id].normalize(), "f"),
                )
            )
    if errors:
        raise Conflict(error, errors=errors)
