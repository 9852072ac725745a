"""Progress of order lines, alike for purchase and sales orders: an approved order line holds its open
quantity (incoming for a purchase, a reservation for a sale) until receipts or deliveries fill it; those move
it under a row lock, and `jxc verify` recomputes what all orders hold (`held`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.common.lifecycle import APPROVED, CLOSED

ZERO = Decimal(0)
Key = tuple[int, int]
L = TypeVar("L")


class Progress(Protocol):
    @property
    def base_qty(self) -> Decimal: ...

    @property
    def done_qty(self) -> Decimal: ...


class Header(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def status(self) -> str: ...


def open_qty(status: str, line: Progress) -> Decimal:
    """What this order line holds."""
    return max(line.base_qty - line.done_qty, ZERO) if status == APPROVED else ZERO


def remaining(doc: Header, line: Progress) -> Decimal:
    """Orders: what is still to be received or delivered (0 once closed); other documents: 0."""
    if doc.kind != "order" or doc.status == CLOSED:
        return ZERO
    return max(line.base_qty - line.done_qty, ZERO)


def fill_status(doc: Header, lines: Iterable[Progress]) -> str:
    """An order's receive or deliver status: none | partial | full, or closed."""
    if doc.status == CLOSED:
        return "closed"
    lines = list(lines)
    done = [ln.done_qty >= ln.base_qty for ln in lines]
    if done and all(done):
        return "full"
    return "partial" if any(ln.done_qty > 0 for ln in lines) else "none"


def lock_lines(session: Session, model: type[L], line_ids: Iterable[int | None]) -> dict[int, L]:
    """Document lines, locked (`SELECT … FOR UPDATE`, in id order, so two receivers or deliveries never
    deadlock) and read fresh: one that waited sees what the first one did."""
    ids = sorted({i for i in line_ids if i is not None})
    if not ids:
        return {}
    session.flush()
    table: Any = model
    rows = session.execute(
        select(table)
        .where(table.id.in_(ids))
        .order_by(table.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalars()
    return {ln.id: ln for ln in rows}


def has_approved_followers(
    session: Session, doc_model: Any, line_model: Any, line_ids: Iterable[int]
) -> bool:
    """Whether an approved document has lines from these (even lines since un-done to zero)."""
    return (
        session.execute(
            select(line_model.id)
            .join(doc_model, doc_model.id == line_model.doc_id)
            .where(line_model.source_line_id.in_(list(line_ids)), doc_model.status == APPROVED)
            .limit(1)
        ).first()
        is not None
    )


def held(session: Session, doc_model: Any, line_model: Any) -> dict[Key, Decimal]:
    """What approved orders hold, per SKU × warehouse."""
    total: dict[Key, Decimal] = defaultdict(Decimal)
    rows = session.execute(
        select(doc_model.warehouse_id, line_model.sku_id, line_model.base_qty, line_model.done_qty)
        .join(doc_model, doc_model.id == line_model.doc_id)
        .where(doc_model.kind == "order", doc_model.status == APPROVED)
    ).all()
    for warehouse_id, sku_id, qty, done in rows:
        if qty > done:
            total[(sku_id, warehouse_id)] += qty - done
    return total
