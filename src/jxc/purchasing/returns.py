"""采购退货: from a receipt line (at most what it received less what was already returned), the stock leaving
at the cost it came in with and the payable dropping by the return's total; or direct, at the moving
average. The receipt lines' returned quantity changes under their row lock."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from jxc.common.lifecycle import APPROVED, advance
from jxc.inventory import ledger as stock
from jxc.inventory.costing import money
from jxc.inventory.ledger import Move
from jxc.purchasing.models import PurchaseDoc, PurchaseDocLine
from jxc.purchasing.orders import lock_lines
from jxc.purchasing.posting import payable, refs, set_lots, unpost
from jxc.purchasing.states import RETURN
from jxc.trade.source_lines import check_returnable, claimed, source_docs

ZERO = Decimal(0)


def _check(
    session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine], locked: dict[int, PurchaseDocLine]
) -> dict[int, Decimal]:
    asked = claimed(
        lines,
        locked,
        source_docs(session, PurchaseDoc, locked),
        fits=lambda receipt: (
            receipt.kind == "receipt"
            and receipt.status == APPROVED
            and receipt.supplier_id == doc.supplier_id
        ),
        error="receipt_line_invalid",
    )
    check_returnable(lines, locked, asked, "return_exceeds_received")
    return asked


def approve(session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine]) -> None:
    RETURN.target(doc.status, "approve")
    locked = lock_lines(session, (ln.source_line_id for ln in lines if ln.source_line_id))
    returned = _check(session, doc, lines, locked)
    moves = []
    for i, ln in enumerate(lines):
        source = locked.get(ln.source_line_id) if ln.source_line_id else None
        if source is not None:
            # Out at the cost it came in with: the receipt line's value for this share of its units.
            ln.lot_id = source.lot_id
            ln.stock_value = money(source.stock_value * ln.base_qty / source.base_qty)
            how: dict[str, object] = {"cost_mode": "given", "value": -ln.stock_value}
        else:
            how = {}
        moves.append((i, ln, how))
    set_lots(session, [ln for ln in lines if ln.source_line_id is None], create=False)
    ref = refs(doc)
    posted = stock.post(
        session,
        ref.stock,
        [
            Move(
                ln.sku_id,
                doc.warehouse_id,
                -ln.base_qty,
                "purchase_return",
                lot_id=ln.lot_id,
                line=i,
                doc_line_id=ln.id,
                **how,  # type: ignore[arg-type]
            )
            for i, ln, how in moves
        ],
    )
    for p in posted:  # direct lines left at the moving average: the document shows that cost
        for ln in lines:
            if ln.id == p.doc_line_id and ln.source_line_id is None:
                ln.stock_value = -p.value
    for line_id, qty in returned.items():
        locked[line_id].done_qty += qty
    payable(session, doc, ref.money, -1)
    advance(doc, RETURN, "approve")
    session.flush()


def _undo(session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine], action: str, day: date) -> None:
    RETURN.target(doc.status, action)
    locked = lock_lines(session, (ln.source_line_id for ln in lines if ln.source_line_id))
    unpost(session, doc, action == "unapprove", day)
    for ln in lines:
        if ln.source_line_id is not None:
            locked[ln.source_line_id].done_qty -= ln.base_qty
    advance(doc, RETURN, action)
    session.flush()


def unapprove(session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine]) -> None:
    _undo(session, doc, lines, "unapprove", doc.business_date)


def reverse(session: Session, doc: PurchaseDoc, lines: list[PurchaseDocLine], day: date) -> None:
    _undo(session, doc, lines, "reverse", day)
