"""`jxc demo` stock: opening stock in every warehouse, a transfer to each store, an other issue and a
stocktake with a small variance — all through the document services (never raw inserts), so the ledger,
balances and audit trail look exactly as if a user had done it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.catalog.models import Product, Sku, SkuPrice
from jxc.common.clock import today
from jxc.inventory import documents, stocktakes
from jxc.inventory.doc_models import StockDoc
from jxc.inventory.doc_schemas import StockDocWrite
from jxc.inventory.models import Warehouse
from jxc.inventory.stocktake_schemas import CountBody, StocktakeCreate


def load(session: Session) -> list[str]:
    """Idempotent: skipped when the company already has inventory documents."""
    if session.execute(select(StockDoc.id).limit(1)).first():
        return []
    whs = {w.code: w.id for w in session.execute(select(Warehouse)).scalars()}
    if "WH01" not in whs:
        return []
    rows = session.execute(
        select(Sku.id, Product.base_unit_id, Product.tracking, SkuPrice.purchase_price)
        .join(Product, Product.id == Sku.product_id)
        .outerjoin(SkuPrice, (SkuPrice.sku_id == Sku.id) & (SkuPrice.unit_id == Product.base_unit_id))
        .order_by(Sku.id)
    ).all()
    start = today() - timedelta(days=30)
    lines = []
    for i, (sku_id, unit_id, tracking, cost) in enumerate(rows):
        line = {"sku_id": sku_id, "unit_id": unit_id, "qty": Decimal(40 + (i * 7) % 90)}
        line["unit_cost"] = cost if cost is not None else Decimal("1.00")
        if tracking == "lot":
            line["lot_no"] = f"{start:%Y%m}A{i:02d}"
            line["production_date"] = start - timedelta(days=60 + i * 20)
        lines.append(line)
    if not lines:
        return []
    opening = documents.create(
        session,
        "opening",
        StockDocWrite.model_validate(
            {"business_date": start, "warehouse_id": whs["WH01"], "remark": "演示期初", "lines": lines}
        ),
    )
    documents.approve(session, "opening", opening.id)
    plain = [ln for ln in lines if "lot_no" not in ln][:8]
    for day, store in ((5, "ST01"), (6, "ST02")):
        if store not in whs:
            continue
        doc = documents.create(
            session,
            "transfer",
            StockDocWrite.model_validate(
                {
                    "business_date": start + timedelta(days=day),
                    "warehouse_id": whs["WH01"],
                    "to_warehouse_id": whs[store],
                    "remark": "门店补货",
                    "lines": [{"sku_id": ln["sku_id"], "unit_id": ln["unit_id"], "qty": 12} for ln in plain],
                }
            ),
        )
        documents.approve(session, "transfer", doc.id)
    issue = documents.create(
        session,
        "other_out",
        StockDocWrite.model_validate(
            {
                "business_date": start + timedelta(days=10),
                "warehouse_id": whs["WH01"],
                "reason": "loss",
                "remark": "破损报损",
                "lines": [{"sku_id": plain[0]["sku_id"], "unit_id": plain[0]["unit_id"], "qty": 2}],
            }
        ),
    )
    documents.approve(session, "other_out", issue.id)
    added = ["期初库存 1 张、调拨单 2 张、其他出库 1 张"]
    if "ST01" in whs:
        st = stocktakes.create(
            session,
            StocktakeCreate(
                warehouse_id=whs["ST01"], business_date=start + timedelta(days=20), remark="月末盘点"
            ),
        )
        for k, ln in enumerate(plain):
            counted = Decimal(12) - (1 if k == 0 else 0)  # one bottle short of the first product
            stocktakes.set_count(session, st.id, CountBody(sku_id=ln["sku_id"], qty=counted))
        stocktakes.approve(session, st.id)
        added.append("盘点单 1 张（人民路门店，盘亏 1）")
    return added
