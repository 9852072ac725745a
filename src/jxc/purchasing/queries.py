"""Read side of purchasing: 选单 (open order lines), overdue orders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.common.clock import today
from jxc.purchasing import documents
from jxc.purchasing.models import PurchaseDoc, PurchaseDocLine
from jxc.purchasing.schemas import OpenOrderLine, PurchaseDocSummary, ReturnableLine
from jxc.trade import selection

ZERO = Decimal(0)


def open_lines(
    session: Session,
    supplier_id: int,
    warehouse_id: int | None = None,
    order_ids: list[int] | None = None,
) -> list[OpenOrderLine]:
    """Lines of this supplier's approved orders with something left to receive, oldest order first."""
    return selection.open_lines(
        session,
        PurchaseDoc,
        PurchaseDocLine,
        PurchaseDoc.supplier_id,
        supplier_id,
        warehouse_id,
        order_ids,
        make=OpenOrderLine,
        done_field="received_qty",
    )


def returnable_lines(
    session: Session, supplier_id: int, receipt_ids: list[int] | None = None
) -> list[ReturnableLine]:
    """Lines of this supplier's approved receipts (of `receipt_ids` only, when given) with accepted units not
    yet returned, newest first."""
    return selection.returnable_lines(
        session,
        PurchaseDoc,
        PurchaseDocLine,
        PurchaseDoc.supplier_id,
        supplier_id,
        receipt_ids,
        source_kind="receipt",
        make=ReturnableLine,
    )


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
