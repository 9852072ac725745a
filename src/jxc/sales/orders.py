"""Sales orders: approval reserves each line's open quantity (never more than is available, unless the
company allows negative stock); deliveries move the lines' delivered quantity under a row lock; 强制结单
releases what is left.

The reservation an order holds is always max(ordered − delivered, 0) per line while it is approved, and 0
otherwise — every change below moves the balance by the difference of that figure before and after, and
`jxc verify` recomputes it (`held`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.common import context
from jxc.common.errors import Conflict
from jxc.common.lifecycle import APPROVED, advance
from jxc.db.base import utcnow
from jxc.inventory.integrity import register_reserved
from jxc.sales.models import SalesDoc, SalesDocLine
from jxc.sales.posting import credit, deposit, reserve, undo_deposit
from jxc.sales.states import ORDER
from jxc.trade import order_lines
from jxc.trade.order_lines import Key, fill_status, has_approved_followers, open_qty


def lock_lines(session: Session, line_ids: Iterable[int | None]) -> dict[int, SalesDocLine]:
    return order_lines.lock_lines(session, SalesDocLine, line_ids)


def approve(session: Session, doc: SalesDoc, lines: list[SalesDocLine]) -> None:
    ORDER.target(doc.status, "approve")  # refused before anything is checked or written
    doc.credit_warning = credit(session, doc, action="order_approve")
    reserve(session, doc.warehouse_id, lines, {ln.id: open_qty(APPROVED, ln) for ln in lines})
    deposit(session, doc)
    advance(doc, ORDER, "approve")
    doc.deliver_status = fill_status(doc, lines)
    session.flush()


def unapprove(session: Session, doc: SalesDoc, lines: list[SalesDocLine]) -> None:
    locked = lock_lines(session, (ln.id for ln in lines))
    ORDER.target(doc.status, "unapprove")
    if any(ln.done_qty != 0 for ln in locked.values()) or has_approved_followers(
        session, SalesDoc, SalesDocLine, locked
    ):
        raise Conflict("order_has_deliveries")
    held = list(locked.values())
    reserve(session, doc.warehouse_id, held, {ln.id: -open_qty(APPROVED, ln) for ln in held})
    undo_deposit(session, doc)
    advance(doc, ORDER, "unapprove")
    doc.deliver_status = "none"
    doc.credit_warning = ""
    session.flush()


def close(session: Session, doc: SalesDoc, lines: list[SalesDocLine]) -> None:
    locked = lock_lines(session, (ln.id for ln in lines))
    ORDER.target(doc.status, "close")
    held = list(locked.values())
    reserve(session, doc.warehouse_id, held, {ln.id: -open_qty(APPROVED, ln) for ln in held})
    advance(doc, ORDER, "close")
    doc.closed_by, doc.closed_at = context.current().user_id, utcnow()
    doc.deliver_status = "closed"
    session.flush()


def deliver(
    session: Session,
    orders: dict[int, SalesDoc],
    lines: dict[int, SalesDocLine],
    done: dict[int, Decimal],
    *,
    reserve_back: bool,
) -> None:
    """Add `done` (base qty per order line, negative to undo) to locked order lines and update the orders'
    deliver status. A delivery's stock move already released the reservation it used (ledger.consume);
    undoing a delivery (`reserve_back`) reserves again what the still-open orders hold once more."""
    by_order: dict[int, list[tuple[SalesDocLine, Decimal, Decimal]]] = defaultdict(list)
    for line_id, qty in done.items():
        line = lines[line_id]
        order = orders[line.doc_id]
        before = open_qty(order.status, line)
        line.done_qty += qty
        by_order[order.id].append((line, before, open_qty(order.status, line)))
    for order_id, changes in sorted(by_order.items()):
        order = orders[order_id]
        if reserve_back:
            reserve(
                session,
                order.warehouse_id,
                [ln for ln, _, _ in changes],
                {ln.id: after - before for ln, before, after in changes},
            )
        all_lines = session.execute(select(SalesDocLine).where(SalesDocLine.doc_id == order_id)).scalars()
        status = fill_status(order, all_lines)
        if status != order.deliver_status:
            order.deliver_status = status
    session.flush()


def held(session: Session) -> dict[Key, Decimal]:
    """Reserved by approved orders, per SKU × warehouse (what `jxc verify` expects the balances say)."""
    return order_lines.held(session, SalesDoc, SalesDocLine)


register_reserved(held)
