"""采购入库: approval checks each line against its order under the order lines' row locks, posts the accepted
units to stock at their net ex-tax price in base currency, moves the orders' progress and incoming, and posts
the payable (and any 本次付款) — all in the caller's transaction. Rejected units (质检不合格) post nothing."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from jxc.auth.periods import company_rules
from jxc.common.errors import Conflict, field_error
from jxc.common.lifecycle import APPROVED, advance
from jxc.inventory import ledger as stock
from jxc.inventory.costing import money
from jxc.inventory.ledger import Move
from jxc.purchasing import orders
from jxc.purchasing.models import PurchaseDoc, PurchaseDocLine
from jxc.purchasing.posting import payable, refs, set_lots, unpost
from jxc.purchasing.states import RECEIPT
from jxc.trade.source_lines import claimed, source_docs

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def _orders(session: Session, locked: dict[int, PurchaseDocLine]) -> dict[int, PurchaseDoc]:
    return source_docs(session, PurchaseDoc, locked)


def _check_orders(
    session: Session,
    doc: PurchaseDoc,
    lines: list[PurchaseDocLine],
    locked: dict[int, PurchaseDocLine],
    found: dict[int, PurchaseDoc],
) -> dict[int, Decimal]:
    """Base quantity received per order line; refuses lines whose order is gone, closed or of another
    supplier, and anything beyond the remaining quantity plus the company's tolerance."""
    asked = claimed(
        lines,
        locked,
        found,
        fits=lambda order: (
            order.kind == "order" and order.status == APPROVED and order.supplier_id == doc.supplier_id
        ),
        error="order_line_invalid",
    )
    errors = []
    tolerance = company_rules(session).over_receipt_tolerance
    for i, ln in enumerate(lines):
        if ln.source_line_id is None:
            continue
        source = locked[ln.source_line_id]
        allowed = source.base_qty * (HUNDRED + tolerance) / HUNDRED - source.done_qty
        if asked[source.id] > allowed:
            errors.append(
                field_error(
                    f"lines.{i}.qty",
                    "over_receipt",
                    remaining=_plain(max(source.base_qty - source.done_qty, ZERO)),
                    asked=_plain(asked[source.id]),
                )
            )
    if errors:
        raise Conflict("over_receipt", errors=errors)
    return asked


def _plain(x: Decimal) -> str:
    return format(x.normalize(), "f")


def approve(session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine]) -> None:
    RECEIPT.target(doc.status, "approve")  # refused before anything is locked or written
    locked = orders.lock_lines(session, (ln.source_line_id for ln in lines if ln.source_line_id))
    found = _orders(session, locked)
    received = _check_orders(session, doc, lines, locked, found)
    set_lots(session, lines, create=True)
    ref = refs(doc)
    moves = []
    for i, ln in enumerate(lines):
        ln.stock_value = money(ln.amount * doc.rate)
        if ln.base_qty > 0:
            moves.append(
                Move(
                    ln.sku_id,
                    doc.warehouse_id,
                    ln.base_qty,
                    "purchase_in",
                    cost_mode="given",
                    value=ln.stock_value,
                    lot_id=ln.lot_id,
                    line=i,
                    doc_line_id=ln.id,
                )
            )
    session.flush()
    stock.post(session, ref.stock, moves)
    orders.receive(session, found, locked, received)
    payable(session, doc, ref.money, +1)
    advance(doc, RECEIPT, "approve")
    session.flush()


def _undo(session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine], action: str, day: date) -> None:
    RECEIPT.target(doc.status, action)
    locked = orders.lock_lines(
        session, [ln.id for ln in lines] + [ln.source_line_id for ln in lines if ln.source_line_id]
    )
    if any(locked[ln.id].done_qty != 0 for ln in lines):
        raise Conflict("has_returns")
    found = _orders(session, {k: v for k, v in locked.items() if v.doc_id != doc.id})
    unpost(session, doc, action == "unapprove", day)
    back: dict[int, Decimal] = defaultdict(Decimal)
    for ln in lines:
        if ln.source_line_id is not None:
            back[ln.source_line_id] -= ln.base_qty
    orders.receive(session, found, locked, dict(back))
    advance(doc, RECEIPT, action)
    session.flush()


def unapprove(session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine]) -> None:
    _undo(session, doc, lines, "unapprove", doc.business_date)


def reverse(session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine], day: date) -> None:
    _undo(session, doc, lines, "reverse", day)
