"""`jxc demo` purchasing: a year of monthly orders per supplier, received (some late, some with rejected
units), a few returns, one order received in part and one overdue — all through the purchasing service, so
stock, incoming, payables and the audit trail look as if a buyer had done it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.catalog.models import Product, Sku, SkuPrice
from jxc.common.clock import today
from jxc.inventory.models import Warehouse
from jxc.partners.models import Partner
from jxc.purchasing import documents
from jxc.purchasing.models import PurchaseDoc
from jxc.purchasing.schemas import PurchaseDocRead, PurchaseDocWrite


def _post(session: Session, kind: str, body: dict[str, Any], approve: bool = True) -> PurchaseDocRead:
    doc = documents.create(session, kind, PurchaseDocWrite.model_validate(body))
    return documents.approve(session, kind, doc.id) if approve else doc


def _lot(line: dict[str, Any], tracking: str, day: date, i: int) -> dict[str, Any]:
    if tracking == "lot":
        return {**line, "lot_no": f"CG{day:%Y%m%d}{i:02d}", "production_date": day - timedelta(days=20)}
    return line


def load(session: Session) -> list[str]:
    """Idempotent: skipped when the company already has purchase documents."""
    if session.execute(select(PurchaseDoc.id).limit(1)).first():
        return []
    wh = session.execute(select(Warehouse.id).where(Warehouse.code == "WH01")).scalar_one_or_none()
    suppliers = list(
        session.execute(
            select(Partner.id)
            .where(Partner.is_supplier.is_(True), Partner.is_active.is_(True))
            .order_by(Partner.id)
        ).scalars()
    )[:3]
    skus = session.execute(
        select(Sku.id, Product.base_unit_id, Product.tracking, SkuPrice.purchase_price)
        .join(Product, Product.id == Sku.product_id)
        .outerjoin(SkuPrice, (SkuPrice.sku_id == Sku.id) & (SkuPrice.unit_id == Product.base_unit_id))
        .where(Sku.is_active.is_(True), Product.is_active.is_(True))
        .order_by(Sku.id)
    ).all()
    if wh is None or not suppliers or not skus:
        return []
    count = 0
    now = today()
    for month in range(12, 0, -1):
        for n, supplier in enumerate(suppliers):
            day = now - timedelta(days=30 * month + 3 * n)
            picked = [skus[(month * 3 + n * 5 + k) % len(skus)] for k in range(3)]
            picked = list({row[0]: row for row in picked}.values())
            # Prices drift a little over the year, so the price history has a shape.
            drift = Decimal(100 + (12 - month) + n) / 100
            lines: list[dict[str, Any]] = [
                {
                    "sku_id": sku_id,
                    "unit_id": unit_id,
                    "qty": Decimal(24 + 12 * ((month + k) % 5)),
                    "price": ((cost or Decimal("1.00")) * drift).quantize(Decimal("0.01")),
                    "tax_rate": Decimal(13),
                }
                for k, (sku_id, unit_id, _, cost) in enumerate(picked)
            ]
            header = {"supplier_id": supplier, "warehouse_id": wh}
            order = _post(
                session,
                "order",
                {**header, "business_date": day, "expected_date": day + timedelta(days=7), "lines": lines},
            )
            count += 1
            if month == 1 and n == 0:
                continue  # overdue: nothing received yet
            late = (month + n) % 4 == 0
            received = day + timedelta(days=9 if late else 5)
            half = month == 1
            rec_lines = []
            for k, (ln, ol) in enumerate(zip(lines, order.lines, strict=True)):
                qty: Decimal = ln["qty"] / 2 if half else ln["qty"]
                rejected = Decimal(1) if (month + k) % 5 == 0 and not half else Decimal(0)
                rec_lines.append(
                    _lot(
                        {**ln, "qty": qty - rejected, "rejected_qty": rejected, "source_line_id": ol.id},
                        picked[k][2],
                        received,
                        k,
                    )
                )
            receipt = _post(session, "receipt", {**header, "business_date": received, "lines": rec_lines})
            count += 1
            if month % 4 == 2:
                first = receipt.lines[0]
                _post(
                    session,
                    "return",
                    {
                        **header,
                        "business_date": received + timedelta(days=2),
                        "remark": "包装破损退货",
                        "lines": [
                            {
                                "sku_id": first.sku_id,
                                "unit_id": first.unit_id,
                                "qty": Decimal(1),
                                "price": first.price,
                                "tax_rate": first.tax_rate,
                                "source_line_id": first.id,
                            }
                        ],
                    },
                )
                count += 1
    return [f"采购单据 {count} 张（一年的订单、入库、退货）"]
