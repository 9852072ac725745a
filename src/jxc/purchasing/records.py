"""Supplier records (供应商档案/评估): what was bought and is owed, deliveries, on-time and quality rates, and
the price history per SKU — read from approved purchase documents and the money ledger."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jxc.common.clock import today
from jxc.common.errors import NotFound
from jxc.finance.ledger import base_of
from jxc.finance.ledger_models import PartnerBalance
from jxc.inventory.lines import sku_infos, unit_names
from jxc.partners.models import Partner
from jxc.purchasing.lines import POSTED
from jxc.purchasing.models import PurchaseDoc, PurchaseDocLine
from jxc.purchasing.record_schemas import Delivery, PricePoint, SupplierRecord

ZERO = Decimal(0)
RATE_STEP = Decimal("0.0001")


def _supplier(session: Session, supplier_id: int) -> Partner:
    found = session.execute(
        select(Partner).where(Partner.id == supplier_id, Partner.is_supplier.is_(True))
    ).scalar_one_or_none()
    if found is None:
        raise NotFound("supplier_not_found")
    return found


def _rate(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part / whole).quantize(RATE_STEP, ROUND_HALF_UP) if whole else None


def record(
    session: Session, supplier_id: int, date_from: date | None = None, date_to: date | None = None
) -> SupplierRecord:
    supplier = _supplier(session, supplier_id)
    stmt = select(PurchaseDoc).where(PurchaseDoc.supplier_id == supplier_id, PurchaseDoc.status.in_(POSTED))
    if date_from:
        stmt = stmt.where(PurchaseDoc.business_date >= date_from)
    if date_to:
        stmt = stmt.where(PurchaseDoc.business_date <= date_to)
    docs = list(session.execute(stmt.order_by(PurchaseDoc.business_date, PurchaseDoc.id)).scalars())
    by_id = {d.id: d for d in docs}
    lines = (
        list(
            session.execute(select(PurchaseDocLine).where(PurchaseDocLine.doc_id.in_(list(by_id)))).scalars()
        )
        if by_id
        else []
    )
    receipts = [d for d in docs if d.kind == "receipt"]
    purchased = sum((base_of(d.total_amount, d.rate) for d in receipts), ZERO) - sum(
        (base_of(d.total_amount, d.rate) for d in docs if d.kind == "return"), ZERO
    )
    outstanding = session.execute(
        select(func.coalesce(func.sum(PartnerBalance.base_balance), 0)).where(
            PartnerBalance.partner_id == supplier_id, PartnerBalance.side == "ap"
        )
    ).scalar_one()
    delivered = sum(
        (ln.base_qty + ln.rejected_base_qty for ln in lines if by_id[ln.doc_id].kind == "receipt"), ZERO
    )
    rejected = sum((ln.rejected_base_qty for ln in lines if by_id[ln.doc_id].kind == "receipt"), ZERO)
    on_time, counted = _on_time(session, supplier_id)
    deliveries = _deliveries(session, receipts, [ln for ln in lines if by_id[ln.doc_id].kind == "receipt"])
    return SupplierRecord(
        supplier_id=supplier.id,
        supplier_name=supplier.name,
        purchased_amount=purchased,
        outstanding_amount=Decimal(outstanding),
        order_count=sum(1 for d in docs if d.kind == "order"),
        receipt_count=len(receipts),
        delivered_qty=delivered,
        rejected_qty=rejected,
        quality_rate=_rate(delivered - rejected, delivered),
        on_time_rate=_rate(Decimal(on_time), Decimal(counted)),
        deliveries=deliveries,
    )


def _on_time(session: Session, supplier_id: int) -> tuple[int, int]:
    """(order lines received in full by their expected date, order lines that count: received in full, or
    past their expected date)."""
    order_lines = session.execute(
        select(
            PurchaseDocLine.id, PurchaseDocLine.base_qty, PurchaseDocLine.done_qty, PurchaseDoc.expected_date
        )
        .join(PurchaseDoc, PurchaseDoc.id == PurchaseDocLine.doc_id)
        .where(
            PurchaseDoc.kind == "order",
            PurchaseDoc.status.in_(POSTED),
            PurchaseDoc.supplier_id == supplier_id,
            PurchaseDoc.expected_date.is_not(None),
        )
    ).all()
    if not order_lines:
        return 0, 0
    by_date: dict[int, Decimal] = defaultdict(Decimal)
    expected = {i: d for i, _, _, d in order_lines}
    for source, qty, received_on in session.execute(
        select(PurchaseDocLine.source_line_id, PurchaseDocLine.base_qty, PurchaseDoc.business_date)
        .join(PurchaseDoc, PurchaseDoc.id == PurchaseDocLine.doc_id)
        .where(
            PurchaseDoc.kind == "receipt",
            PurchaseDoc.status == "approved",
            PurchaseDocLine.source_line_id.in_(list(expected)),
        )
    ).all():
        due = expected.get(source or 0)
        if source is not None and due is not None and received_on <= due:
            by_date[source] += qty
    on_time = counted = 0
    now = today()
    for line_id, ordered, done, due_day in order_lines:
        if done >= ordered or (due_day is not None and due_day < now):
            counted += 1
            on_time += by_date[line_id] >= ordered
    return on_time, counted


def _deliveries(
    session: Session, receipts: list[PurchaseDoc], lines: list[PurchaseDocLine]
) -> list[Delivery]:
    sources = {ln.source_line_id for ln in lines if ln.source_line_id}
    orders = (
        {
            line_id: (number, expected)
            for line_id, number, expected in session.execute(
                select(PurchaseDocLine.id, PurchaseDoc.number, PurchaseDoc.expected_date)
                .join(PurchaseDoc, PurchaseDoc.id == PurchaseDocLine.doc_id)
                .where(PurchaseDocLine.id.in_(sources))
            ).all()
        }
        if sources
        else {}
    )
    per_doc: dict[int, list[PurchaseDocLine]] = defaultdict(list)
    for ln in lines:
        per_doc[ln.doc_id].append(ln)
    out = []
    for d in receipts:
        mine = per_doc[d.id]
        linked = [orders[ln.source_line_id] for ln in mine if ln.source_line_id in orders]
        dated = [expected for _, expected in linked if expected is not None]
        out.append(
            Delivery(
                receipt_id=d.id,
                number=d.number,
                business_date=d.business_date,
                order_numbers=sorted({number for number, _ in linked}),
                qty=sum((ln.base_qty for ln in mine), ZERO),
                rejected_qty=sum((ln.rejected_base_qty for ln in mine), ZERO),
                total=d.total_amount,
                on_time=all(d.business_date <= e for e in dated) if dated else None,
            )
        )
    return out


def price_history(session: Session, supplier_id: int, sku_id: int | None = None) -> list[PricePoint]:
    _supplier(session, supplier_id)
    stmt = (
        select(PurchaseDocLine, PurchaseDoc.business_date, PurchaseDoc.number, PurchaseDoc.kind)
        .join(PurchaseDoc, PurchaseDoc.id == PurchaseDocLine.doc_id)
        .where(
            PurchaseDoc.supplier_id == supplier_id,
            PurchaseDoc.kind.in_(("order", "receipt")),
            PurchaseDoc.status.in_(POSTED),
        )
        .order_by(PurchaseDoc.business_date, PurchaseDocLine.id)
    )
    if sku_id is not None:
        stmt = stmt.where(PurchaseDocLine.sku_id == sku_id)
    rows = session.execute(stmt).all()
    infos = sku_infos(session, {ln.sku_id for ln, *_ in rows})
    units = unit_names(session)
    return [
        PricePoint(
            business_date=day,
            doc_number=number,
            kind=kind,
            sku_id=ln.sku_id,
            sku_code=infos[ln.sku_id].code,
            product_name=infos[ln.sku_id].name,
            unit_name=units.get(ln.unit_id, ("", True))[0],
            price=ln.price,
            net_price=ln.net_price,
            qty=ln.qty,
        )
        for ln, day, number, kind in rows
    ]
