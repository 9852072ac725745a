"""Replenishment (库存预警 → 采购): per SKU × warehouse whose stock plus incoming is below its minimum,
propose ordering up to its maximum (or the minimum when there is none), grouped by the product's default
supplier; and turn chosen proposals into draft orders, one per supplier × warehouse, for the user to edit."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.catalog.models import Product, Sku, SkuStockLimit
from jxc.common.clock import today
from jxc.inventory.lines import unit_names
from jxc.inventory.stock_models import StockBalance
from jxc.inventory.warehouses import warehouse_names
from jxc.partners.models import Partner
from jxc.purchasing import documents
from jxc.purchasing.lines import price_default
from jxc.purchasing.record_schemas import (
    CreatedOrders,
    ProposalGroup,
    ProposalLine,
    ProposalOrders,
    Proposals,
)
from jxc.purchasing.schemas import PurchaseDocWrite

ZERO = Decimal(0)


def proposals(session: Session, warehouse_id: int | None = None, supplier_id: int | None = None) -> Proposals:
    stmt = (
        select(
            SkuStockLimit.sku_id,
            SkuStockLimit.warehouse_id,
            SkuStockLimit.min_qty,
            SkuStockLimit.max_qty,
            Sku.code,
            Product.name,
            Product.spec,
            Product.base_unit_id,
            Product.default_supplier_id,
            StockBalance.on_hand,
            StockBalance.incoming,
        )
        .join(Sku, Sku.id == SkuStockLimit.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .outerjoin(
            StockBalance,
            (StockBalance.sku_id == SkuStockLimit.sku_id)
            & (StockBalance.warehouse_id == SkuStockLimit.warehouse_id),
        )
        .where(SkuStockLimit.min_qty.is_not(None), Sku.is_active.is_(True), Product.is_active.is_(True))
        .order_by(Product.default_supplier_id, Sku.code, SkuStockLimit.warehouse_id)
    )
    stmt = scope.restrict(stmt, SkuStockLimit.warehouse_id)
    if warehouse_id is not None:
        stmt = stmt.where(SkuStockLimit.warehouse_id == warehouse_id)
    if supplier_id is not None:
        stmt = stmt.where(Product.default_supplier_id == supplier_id)
    rows = session.execute(stmt).all()
    units = unit_names(session)
    whs = warehouse_names(session, sorted({r.warehouse_id for r in rows}))
    groups: dict[int | None, list[ProposalLine]] = defaultdict(list)
    for r in rows:
        on_hand, incoming = r.on_hand or ZERO, r.incoming or ZERO
        if on_hand + incoming >= r.min_qty:
            continue
        target = r.max_qty if r.max_qty is not None else r.min_qty
        supplier = r.default_supplier_id
        groups[supplier].append(
            ProposalLine(
                sku_id=r.sku_id,
                sku_code=r.code,
                product_name=r.name,
                spec=r.spec,
                warehouse_id=r.warehouse_id,
                warehouse_name=whs.get(r.warehouse_id, ""),
                unit_id=r.base_unit_id,
                unit_name=units.get(r.base_unit_id, ("", True))[0],
                on_hand=on_hand,
                incoming=incoming,
                min_qty=r.min_qty,
                max_qty=r.max_qty,
                proposed_qty=target - on_hand - incoming,
                price=price_default(session, supplier, r.sku_id, r.base_unit_id).price if supplier else None,
                reason="below_min",
            )
        )
    ids = [s for s in groups if s is not None]
    names = (
        {
            int(i): str(n)
            for i, n in session.execute(select(Partner.id, Partner.name).where(Partner.id.in_(ids)))
        }
        if ids
        else {}
    )
    return Proposals(
        groups=[
            ProposalGroup(supplier_id=s, supplier_name=names.get(s) if s else None, lines=lines)
            for s, lines in sorted(groups.items(), key=lambda g: (g[0] is None, names.get(g[0] or 0, "")))
        ]
    )


def create_orders(session: Session, body: ProposalOrders) -> CreatedOrders:
    """One draft order per supplier × warehouse; prices, when not given, by the price default."""
    grouped: dict[tuple[int, int], list[dict[str, object]]] = defaultdict(list)
    for ln in body.lines:
        grouped[(ln.supplier_id, ln.warehouse_id)].append(
            {"sku_id": ln.sku_id, "unit_id": ln.unit_id, "qty": ln.qty, "price": ln.price}
        )
    day = body.business_date or today()
    created = []
    for (supplier, warehouse), lines in sorted(grouped.items()):
        doc = documents.create(
            session,
            "order",
            PurchaseDocWrite.model_validate(
                {"business_date": day, "supplier_id": supplier, "warehouse_id": warehouse, "lines": lines}
            ),
        )
        created.append(documents.load(session, "order", doc.id))
    return CreatedOrders(orders=documents.summaries(session, created))
