"""销售出库: approval checks each line against its order under the order lines' row locks (id order), takes
the stock out at the moving average (lots first-expiry-first-out), releases the orders' reservations in the
same step, stores each line's cost and gross profit from what the ledger took, and posts the receivable (and
any 本次收款) — all in the caller's transaction."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from jxc.common.errors import Conflict, field_error
from jxc.common.lifecycle import APPROVED, advance
from jxc.inventory import ledger as stock
from jxc.inventory.costing import money
from jxc.inventory.ledger import Move, Posted
from jxc.sales import orders
from jxc.sales.lines import MULTI_LOT
from jxc.sales.models import SalesDoc, SalesDocLine
from jxc.sales.posting import credit, pick_lots, receivable, refs, reserve, unpost
from jxc.sales.states import DELIVERY
from jxc.trade.source_lines import claimed
from jxc.trade.source_lines import source_docs as trade_source_docs

ZERO = Decimal(0)


def source_docs(session: Session, locked: dict[int, SalesDocLine]) -> dict[int, SalesDoc]:
    return trade_source_docs(session, SalesDoc, locked)


def _plain(x: Decimal) -> str:
    return format(x.normalize(), "f") if x else "0"


def _check_orders(
    doc: SalesDoc,
    lines: list[SalesDocLine],
    locked: dict[int, SalesDocLine],
    found: dict[int, SalesDoc],
) -> dict[int, Decimal]:
    """Base quantity delivered per order line; refuses lines whose order is gone, closed, un-approved or of
    another customer or warehouse, and anything beyond what is left to deliver."""
    asked = claimed(
        lines,
        locked,
        found,
        fits=lambda order: (
            order.kind == "order"
            and order.status == APPROVED
            and order.customer_id == doc.customer_id
            and order.warehouse_id == doc.warehouse_id
        ),
        error="order_line_invalid",
    )
    errors = []
    for i, ln in enumerate(lines):
        if ln.source_line_id is None:
            continue
        source = locked[ln.source_line_id]
        left = max(source.base_qty - source.done_qty, ZERO)
        if asked[source.id] > left:
            errors.append(
                field_error(
                    f"lines.{i}.qty", "over_delivery", remaining=_plain(left), asked=_plain(asked[source.id])
                )
            )
    if errors:
        raise Conflict("over_delivery", errors=errors)
    return asked


def store_costs(doc: SalesDoc, lines: list[SalesDocLine], posted: list[Posted], sign: int) -> None:
    """Cost § (what the ledger took: sign −1 for a delivery; what came back: +1 for a return) and gross
    profit § per line and for the document, in base currency: revenue is the line's ex-tax amount × rate."""
    value: dict[int | None, Decimal] = defaultdict(Decimal)
    for p in posted:
        value[p.doc_line_id] += p.value
    for ln in lines:
        ln.cost_amount = sign * value[ln.id]
        ln.profit_amount = money(ln.amount * doc.rate) - ln.cost_amount
    doc.cost_amount = sum((ln.cost_amount for ln in lines), ZERO)
    doc.profit_amount = sum((ln.profit_amount for ln in lines), ZERO)


def approve(session: Session, doc: SalesDoc, lines: list[SalesDocLine]) -> None:
    DELIVERY.target(doc.status, "approve")  # refused before anything is locked or written
    locked = orders.lock_lines(session, (ln.source_line_id for ln in lines))
    found = source_docs(session, locked)
    delivered = _check_orders(doc, lines, locked, found)
    doc.credit_warning = credit(session, doc, action="delivery_approve", taking=delivered)
    # Direct lines must find their units available (not reserved by orders): they reserve first, and the
    # consume below releases that and the orders' reservations as the stock leaves, under the same locks.
    reserve(
        session, doc.warehouse_id, lines, {ln.id: ln.base_qty for ln in lines if ln.source_line_id is None}
    )
    parts = pick_lots(session, doc.warehouse_id, lines)
    ref = refs(doc)
    moves = [
        Move(ln.sku_id, doc.warehouse_id, -p.qty, "sales_out", lot_id=p.lot_id, line=i, doc_line_id=ln.id)
        for i, ln in enumerate(lines)
        for p in parts[ln.id]
        if p.qty > 0
    ]
    posted = stock.consume(session, ref.stock, moves)
    store_costs(doc, lines, posted, -1)
    orders.deliver(session, found, locked, delivered, reserve_back=False)
    receivable(session, doc, ref.money, +1)
    advance(doc, DELIVERY, "approve")
    session.flush()


def _undo(session: Session, doc: SalesDoc, lines: list[SalesDocLine], action: str, day: date) -> None:
    DELIVERY.target(doc.status, action)
    locked = orders.lock_lines(session, [ln.id for ln in lines] + [ln.source_line_id for ln in lines])
    if any(locked[ln.id].done_qty != 0 for ln in lines):
        raise Conflict("has_returns")
    order_lines = {k: v for k, v in locked.items() if v.doc_id != doc.id}
    found = source_docs(session, order_lines)
    unpost(session, doc, action == "unapprove", day)
    back: dict[int, Decimal] = defaultdict(Decimal)
    for ln in lines:
        if ln.source_line_id is not None:
            back[ln.source_line_id] -= ln.base_qty
    # The stock is back: the orders that are still open hold their undelivered units again.
    orders.deliver(session, found, order_lines, dict(back), reserve_back=True)
    if action == "unapprove":  # a draft again: its figures are set anew at the next approval
        for ln in lines:
            ln.cost_amount = ln.profit_amount = ZERO
            if ln.lot_no == MULTI_LOT:
                ln.lot_no, ln.lot_id = "", None
        doc.cost_amount = doc.profit_amount = ZERO
        doc.credit_warning = ""
    advance(doc, DELIVERY, action)
    session.flush()


def unapprove(session: Session, doc: SalesDoc, lines: list[SalesDocLine]) -> None:
    _undo(session, doc, lines, "unapprove", doc.business_date)


def reverse(session: Session, doc: SalesDoc, lines: list[SalesDocLine], day: date) -> None:
    _undo(session, doc, lines, "reverse", day)
