"""Replenishment (库存预警 / 以销定购 → 采购). The position of a SKU × warehouse is on hand − reserved
(what approved sales orders hold) + incoming. Where it is below the SKU's minimum, propose ordering up to its
maximum (or the minimum when there is none); where approved sales orders hold more than stock and incoming
cover (a company that allows negative stock), propose the shortage, limits or not. Grouped by the product's
default supplier; chosen proposals become draft orders, one per supplier × warehouse, for the user to edit."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import literal, select
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


def _columns() -> tuple[Any, ...]:
    return (
        Sku.code,
        Product.name,
        Product.spec,
        Product.base_unit_id,
        Product.default_supplier_id,
        StockBalance.on_hand,
        StockBalance.reserved,
        StockBalance.incoming,
    )


def _rows(session: Session, warehouse_id: int | None, supplier_id: int | None) -> list[Any]:
    """SKUs with a minimum (below_min candidates) and SKUs whose orders hold more than their stock."""
    limited = (
        select(
            SkuStockLimit.sku_id,
            SkuStockLimit.warehouse_id,
            SkuStockLimit.min_qty,
            SkuStockLimit.max_qty,
            *_columns(),
        )
        .join(Sku, Sku.id == SkuStockLimit.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .outerjoin(
            StockBalance,
            (StockBalance.sku_id == SkuStockLimit.sku_id)
            & (StockBalance.warehouse_id == SkuStockLimit.warehouse_id),
        )
        .where(SkuStockLimit.min_qty.is_not(None))
    )
    short = (
        select(
            StockBalance.sku_id,
            StockBalance.warehouse_id,
            literal(None).label("min_qty"),
            literal(None).label("max_qty"),
            *_columns(),
        )
        .join(Sku, Sku.id == StockBalance.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .where(StockBalance.reserved > StockBalance.on_hand + StockBalance.incoming)
    )
    out: list[Any] = []
    for stmt, warehouse_col, supplier_col in (
        (limited, SkuStockLimit.warehouse_id, Product.default_supplier_id),
        (short, StockBalance.warehouse_id, Product.default_supplier_id),
    ):
        stmt = scope.restrict(stmt, warehouse_col).where(Sku.is_active.is_(True), Product.is_active.is_(True))
        if warehouse_id is not None:
            stmt = stmt.where(warehouse_col == warehouse_id)
        if supplier_id is not None:
            stmt = stmt.where(supplier_col == supplier_id)
        out.extend(session.execute(stmt).all())
    seen: set[tuple[int, int]] = set()
    rows = []
    for r in out:  # a SKU with limits appears once, from the first query
        if (r.sku_id, r.warehouse_id) not in seen:
            seen.add((r.sku_id, r.warehouse_id))
            rows.append(r)
    rows.sort(
        key=lambda r: (r.default_supplier_id is None, r.default_supplier_id or 0, r.code, r.warehouse_id)
    )
    return rows


def _proposal(r: Any) -> tuple[Decimal, str] | None:
    """(quantity, reason) for a row, or None when it needs nothing."""
    on_hand, reserved, incoming = r.on_hand or ZERO, r.reserved or ZERO, r.incoming or ZERO
    position = on_hand - reserved + incoming
    if r.min_qty is not None and position < r.min_qty:
        target = r.max_qty if r.max_qty is not None else r.min_qty
        return target - position, "below_min" if reserved <= on_hand + incoming else "sales_shortage"
    if position < 0:
        return -position, "sales_shortage"
    return None


def proposals(session: Session, warehouse_id: int | None = None, supplier_id: int | None = None) -> Proposals:
    rows = _rows(session, warehouse_id, supplier_id)
    units = unit_names(session)
    whs = warehouse_names(session, sorted({r.warehouse_id for r in rows}))
    groups: dict[int | None, list[ProposalLine]] = defaultdict(list)
    for r in rows:
        found = _proposal(r)
        if found is None:
            continue
        qty, reason = found
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
                on_hand=r.on_hand or ZERO,
                reserved=r.reserved or ZERO,
                incoming=r.incoming or ZERO,
                min_qty=r.min_qty,
                max_qty=r.max_qty,
                proposed_qty=qty,
                price=price_default(session, supplier, r.sku_id, r.base_unit_id).price if supplier else None,
                reason=reason,
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
