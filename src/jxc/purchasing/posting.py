"""What the purchase documents share when they post: their references in the two ledgers, their lots, the
supplier's payable and the money paid or refunded with the document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.common.errors import Invalid, field_error
from jxc.finance import ledger as money
from jxc.finance.ledger import Cash, Owed, Pair
from jxc.inventory import ledger as stock
from jxc.inventory.lines import ensure_lot, find_lot, sku_infos
from jxc.partners.models import Partner
from jxc.purchasing.models import PurchaseDoc, PurchaseDocLine

ZERO = Decimal(0)


@dataclass(frozen=True)
class Refs:
    stock: stock.DocRef
    money: money.DocRef


def refs(doc: PurchaseDoc, business_date: date | None = None, undo: bool = False) -> Refs:
    """The document in both ledgers. A 反审核 posts under its own kind (`…_undo`): the document may be
    approved again under its own kind, and the money ledger pairs each negation with what it negates."""
    kind = f"purchase_{doc.kind}" + ("_undo" if undo else "")
    day = business_date or doc.business_date
    return Refs(
        stock.DocRef(kind=kind, id=doc.id, number=doc.number, business_date=day),
        money.DocRef(kind=kind, id=doc.id, number=doc.number, business_date=day),
    )


def set_lots(session: Session, lines: list[PurchaseDocLine], create: bool) -> None:
    """Give lot-tracked lines their lot: created when a receipt brings a new lot number, found otherwise."""
    errors = []
    infos = sku_infos(session, {ln.sku_id for ln in lines})
    for i, ln in enumerate(lines):
        info = infos[ln.sku_id]
        if info.tracking != "lot" or ln.base_qty == 0:
            continue
        if not ln.lot_no:
            errors.append(field_error(f"lines.{i}.lot_no", "lot_required"))
        elif create:
            ln.lot_id = ensure_lot(session, info, ln.lot_no, ln.production_date, ln.expiry_date).id
        elif ln.lot_id is None:
            lot = find_lot(session, ln.sku_id, ln.lot_no)
            if lot is None:
                errors.append(field_error(f"lines.{i}.lot_no", "lot_unknown", lot=ln.lot_no))
            else:
                ln.lot_id = lot.id
    if errors:
        raise Invalid(
            "lot_required" if all(e["code"] == "lot_required" for e in errors) else "invalid_lines",
            errors=errors,
        )


def _due_date(session: Session, doc: PurchaseDoc) -> date | None:
    terms = session.execute(
        select(Partner.payment_terms_days).where(Partner.id == doc.supplier_id)
    ).scalar_one_or_none()
    return doc.business_date + timedelta(days=terms) if terms else None


def payable(session: Session, doc: PurchaseDoc, ref: money.DocRef, sign: int) -> None:
    """The supplier's payable moves by the document's total (+ receipts, − returns), and what was paid
    (receipts, 本次付款) or refunded (returns, 本次退款) with it goes through the account, settled
    against it."""
    if doc.total_amount == 0:
        return
    [entry] = money.owe(
        session,
        ref,
        [
            Owed(
                doc.supplier_id,
                "ap",
                sign * doc.total_amount,
                doc.currency,
                doc.rate,
                _due_date(session, doc) if sign > 0 else None,
            )
        ],
    )
    if doc.paid_amount <= 0:
        return
    assert doc.account_id is not None
    if sign > 0:
        money.pay_now(session, ref, entry, doc.account_id, doc.paid_amount)
        return
    # A refund: the supplier pays us back part of what the return lowered the payable by.
    [refund] = money.owe(session, ref, [Owed(doc.supplier_id, "ap", doc.paid_amount, doc.currency, doc.rate)])
    money.cash(
        session, ref, [Cash(doc.account_id, money.base_of(doc.paid_amount, doc.rate), doc.supplier_id)]
    )
    money.allocate(session, ref, [Pair(refund.id, entry.id, doc.paid_amount)])


def deposit(session: Session, doc: PurchaseDoc) -> None:
    """订金 paid with an order: money out of the account and a prepayment (an open negative payable) that a
    核销单 or payment later settles against the receipts' payables."""
    if doc.paid_amount <= 0:
        return
    assert doc.account_id is not None
    ref = refs(doc).money
    money.owe(session, ref, [Owed(doc.supplier_id, "ap", -doc.paid_amount, doc.currency, doc.rate)])
    money.cash(
        session, ref, [Cash(doc.account_id, -money.base_of(doc.paid_amount, doc.rate), doc.supplier_id)]
    )


def undo_deposit(session: Session, doc: PurchaseDoc) -> None:
    """Un-approving an order returns its 订金 (refused with reverse_blocked once something settled it)."""
    if doc.paid_amount > 0:
        money.reverse(session, refs(doc).money, refs(doc, undo=True).money)


def unpost(session: Session, doc: PurchaseDoc, undo: bool, business_date: date) -> None:
    """Negate the document's stock moves and money (反审核 when `undo`, else 红冲): refused when its stock
    has since left (insufficient_stock) or another document settled its payable (reverse_blocked)."""
    # The stock ledger finds a document's moves by its own kind and skips those already undone.
    stock.reverse(session, refs(doc, business_date).stock, "_undo" if undo else "_reversal")
    money.reverse(session, refs(doc).money, refs(doc, business_date, undo).money)
