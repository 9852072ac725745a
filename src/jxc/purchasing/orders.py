"""Purchase orders: approval makes each line's open quantity count as incoming stock; receipts move the
lines' received quantity under a row lock; 强制结单 releases what is left.

The incoming an order holds is always max(ordered − received, 0) per line while it is approved, and 0
otherwise — every change below moves the balance by the difference of that figure before and after, and
`jxc verify` recomputes it (`held`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.common import context
from jxc.common.clock import today
from jxc.common.errors import Conflict
from jxc.common.lifecycle import APPROVED, advance
from jxc.db.base import utcnow
from jxc.inventory import ledger
from jxc.inventory.integrity import register_incoming
from jxc.purchasing.models import PurchaseDoc, PurchaseDocLine
from jxc.purchasing.posting import deposit, undo_deposit
from jxc.purchasing.states import ORDER
from jxc.trade import order_lines
from jxc.trade.order_lines import ZERO, Key, fill_status, has_approved_followers, open_qty


def is_overdue(doc: PurchaseDoc, as_of: date | None = None) -> bool:
    return (
        doc.kind == "order"
        and doc.status == APPROVED
        and doc.receive_status in ("none", "partial")
        and doc.expected_date is not None
        and doc.expected_date < (as_of or today())
    )


def lock_lines(session: Session, line_ids: Iterable[int | None]) -> dict[int, PurchaseDocLine]:
    return order_lines.lock_lines(session, PurchaseDocLine, line_ids)


def _incoming(
    session: Session, warehouse_id: int, changes: Iterable[tuple[PurchaseDocLine, Decimal, Decimal]]
) -> None:
    """Move the incoming balance by (after − before) per order line."""
    delta: dict[Key, Decimal] = defaultdict(Decimal)
    for line, before, after in changes:
        delta[(line.sku_id, warehouse_id)] += after - before
    items = [(s, w, q) for (s, w), q in sorted(delta.items()) if q != 0]
    if items:
        ledger.change_incoming(session, items)


def approve(session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine]) -> None:
    advance(doc, ORDER, "approve")
    _incoming(session, doc.warehouse_id, ((ln, ZERO, open_qty(APPROVED, ln)) for ln in lines))
    deposit(session, doc)
    doc.receive_status = fill_status(doc, lines)
    session.flush()


def unapprove(session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine]) -> None:
    locked = lock_lines(session, (ln.id for ln in lines))
    ORDER.target(doc.status, "unapprove")
    # A draft receipt may still name the order's lines; only an approved one blocks.
    if any(ln.done_qty != 0 for ln in locked.values()) or has_approved_followers(
        session, PurchaseDoc, PurchaseDocLine, locked
    ):
        raise Conflict("order_has_receipts")
    _incoming(session, doc.warehouse_id, ((ln, open_qty(APPROVED, ln), ZERO) for ln in locked.values()))
    undo_deposit(session, doc)
    advance(doc, ORDER, "unapprove")
    doc.receive_status = "none"
    session.flush()


def close(session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine]) -> None:
    locked = lock_lines(session, (ln.id for ln in lines))
    ORDER.target(doc.status, "close")
    _incoming(session, doc.warehouse_id, ((ln, open_qty(APPROVED, ln), ZERO) for ln in locked.values()))
    advance(doc, ORDER, "close")
    doc.closed_by, doc.closed_at = context.current().user_id, utcnow()
    doc.receive_status = "closed"
    session.flush()


def receive(
    session: Session,
    orders: dict[int, PurchaseDoc],
    lines: dict[int, PurchaseDocLine],
    done: dict[int, Decimal],
) -> None:
    """Add `done` (base qty per order line, negative to undo) to locked order lines, moving incoming and
    the orders' receive status with them."""
    by_order: dict[int, list[tuple[PurchaseDocLine, Decimal, Decimal]]] = defaultdict(list)
    for line_id, qty in done.items():
        line = lines[line_id]
        order = orders[line.doc_id]
        before = open_qty(order.status, line)
        line.done_qty += qty
        by_order[order.id].append((line, before, open_qty(order.status, line)))
    for order_id, changes in sorted(by_order.items()):
        order = orders[order_id]
        _incoming(session, order.warehouse_id, changes)
        all_lines = session.execute(
            select(PurchaseDocLine).where(PurchaseDocLine.doc_id == order_id)
        ).scalars()
        status = fill_status(order, all_lines)
        if status != order.receive_status:
            order.receive_status = status
    session.flush()


def held(session: Session) -> dict[Key, Decimal]:
    """Incoming held by approved orders, per SKU × warehouse (what `jxc verify` expects the balances say)."""
    return order_lines.held(session, PurchaseDoc, PurchaseDocLine)


register_incoming(held)
