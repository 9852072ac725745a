"""Read side of purchasing: 选单 (open order lines), overdue orders."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.common.clock import today
from jxc.common.lifecycle import APPROVED
from jxc.inventory.lines import sku_infos, unit_names
from jxc.purchasing import documents
from jxc.purchasing.models import PurchaseDoc, PurchaseDocLine
from jxc.purchasing.schemas import OpenOrderLine, PurchaseDocSummary, ReturnableLine

ZERO = Decimal(0)


def open_lines(
    session: Session,
    supplier_id: int,
    warehouse_id: int | None = None,
    order_ids: list[int] | None = None,
) -> list[OpenOrderLine]:
    """Lines of this supplier's approved orders with something left to receive, oldest order first."""
    stmt = (
        select(PurchaseDocLine, PurchaseDoc)
        .join(PurchaseDoc, PurchaseDoc.id == PurchaseDocLine.doc_id)
        .where(
            PurchaseDoc.kind == "order",
            PurchaseDoc.status == APPROVED,
            PurchaseDoc.supplier_id == supplier_id,
            PurchaseDocLine.done_qty < PurchaseDocLine.base_qty,
        )
        .order_by(PurchaseDoc.business_date, PurchaseDoc.id, PurchaseDocLine.line_no)
    )
    stmt = scope.restrict(stmt, PurchaseDoc.warehouse_id)
    if warehouse_id is not None:
        stmt = stmt.where(PurchaseDoc.warehouse_id == warehouse_id)
    if order_ids:
        stmt = stmt.where(PurchaseDoc.id.in_(order_ids))
    rows = session.execute(stmt).all()
    infos = sku_infos(session, {ln.sku_id for ln, _ in rows})
    units = unit_names(session)
    out = []
    for ln, doc in rows:
        left = ln.base_qty - ln.done_qty
        name, fraction = units.get(ln.unit_id, ("", True))
        in_unit = left / ln.ratio
        in_unit = in_unit.quantize(Decimal("0.0001") if fraction else Decimal(1), ROUND_DOWN)
        out.append(
            OpenOrderLine(
                order_id=doc.id,
                order_number=doc.number,
                business_date=doc.business_date,
                expected_date=doc.expected_date,
                line_id=ln.id,
                sku_id=ln.sku_id,
                sku_code=infos[ln.sku_id].code,
                product_name=infos[ln.sku_id].name,
                spec=infos[ln.sku_id].spec,
                tracking=infos[ln.sku_id].tracking,
                unit_id=ln.unit_id,
                unit_name=name,
                ratio=ln.ratio,
                qty=ln.qty,
                base_qty=ln.base_qty,
                received_qty=ln.done_qty,
                remaining_qty=left,
                remaining_unit_qty=in_unit,
                price=ln.price,
                discount_rate=ln.discount_rate,
                tax_rate=ln.tax_rate,
            )
        )
    return out


def returnable_lines(session: Session, supplier_id: int) -> list[ReturnableLine]:
    """Lines of this supplier's approved receipts with accepted units not yet returned, newest first."""
    stmt = scope.restrict(
        select(PurchaseDocLine, PurchaseDoc)
        .join(PurchaseDoc, PurchaseDoc.id == PurchaseDocLine.doc_id)
        .where(
            PurchaseDoc.kind == "receipt",
            PurchaseDoc.status == APPROVED,
            PurchaseDoc.supplier_id == supplier_id,
            PurchaseDocLine.done_qty < PurchaseDocLine.base_qty,
        )
        .order_by(PurchaseDoc.business_date.desc(), PurchaseDoc.id.desc(), PurchaseDocLine.line_no),
        PurchaseDoc.warehouse_id,
    )
    rows = session.execute(stmt.limit(500)).all()
    infos = sku_infos(session, {ln.sku_id for ln, _ in rows})
    units = unit_names(session)
    return [
        ReturnableLine(
            receipt_id=doc.id,
            receipt_number=doc.number,
            business_date=doc.business_date,
            line_id=ln.id,
            sku_id=ln.sku_id,
            sku_code=infos[ln.sku_id].code,
            product_name=infos[ln.sku_id].name,
            spec=infos[ln.sku_id].spec,
            tracking=infos[ln.sku_id].tracking,
            unit_id=ln.unit_id,
            unit_name=units.get(ln.unit_id, ("", True))[0],
            ratio=ln.ratio,
            lot_no=ln.lot_no,
            qty=ln.base_qty,
            returned_qty=ln.done_qty,
            returnable_qty=ln.base_qty - ln.done_qty,
            price=ln.price,
            discount_rate=ln.discount_rate,
            tax_rate=ln.tax_rate,
        )
        for ln, doc in rows
    ]


def overdue(session: Session, as_of: date | None = None) -> list[tuple[PurchaseDocSummary, int]]:
    """Approved orders not fully received whose expected date has passed, most overdue first."""
    day = as_of or today()
    stmt = scope.restrict(
        select(PurchaseDoc).where(documents.overdue_orders(day)), PurchaseDoc.warehouse_id
    ).order_by(PurchaseDoc.expected_date, PurchaseDoc.id)
    docs = list(session.execute(stmt).scalars())
    return [
        (s, (day - d.expected_date).days)
        for s, d in zip(documents.summaries(session, docs), docs, strict=True)
        if d.expected_date is not None
    ]
