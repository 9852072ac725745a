"""库存预警: stock below a SKU's minimum or above its maximum in a warehouse, with the quantity to restore."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.catalog.models import Product, Sku, SkuStockLimit, Unit
from jxc.common.pagination import ListParams
from jxc.inventory.models import Warehouse
from jxc.inventory.queries.schemas import AlertCount, AlertRead
from jxc.inventory.queries.shared import ZERO, page_rows, product_filter
from jxc.inventory.stock_models import StockBalance


def _alert_stmt(warehouse_id: int | None, kind: str) -> Any:
    on_hand = func.coalesce(StockBalance.on_hand, 0)
    low = (SkuStockLimit.min_qty.is_not(None)) & (on_hand < SkuStockLimit.min_qty)
    high = (SkuStockLimit.max_qty.is_not(None)) & (on_hand > SkuStockLimit.max_qty)
    stmt = select(SkuStockLimit, on_hand).outerjoin(
        StockBalance,
        (StockBalance.sku_id == SkuStockLimit.sku_id)
        & (StockBalance.warehouse_id == SkuStockLimit.warehouse_id),
    )
    stmt = scope.restrict(stmt, SkuStockLimit.warehouse_id)
    if warehouse_id is not None:
        stmt = stmt.where(SkuStockLimit.warehouse_id == warehouse_id)
    return stmt.where(low if kind == "low" else high if kind == "high" else or_(low, high))


def alerts(
    session: Session,
    params: ListParams,
    warehouse_id: int | None = None,
    kind: Literal["low", "high", "all"] = "all",
    limit: int | None = None,
) -> tuple[list[AlertRead], int]:
    stmt = (
        _alert_stmt(warehouse_id, kind)
        .join(Sku, Sku.id == SkuStockLimit.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .add_columns(Sku.code, Product.name, Product.spec, Unit.name, Warehouse.name)
        .join(Unit, Unit.id == Product.base_unit_id)
        .join(Warehouse, Warehouse.id == SkuStockLimit.warehouse_id)
    )
    stmt = product_filter(stmt, session, params.q, None).order_by(Sku.code, Warehouse.id)
    rows, total = page_rows(session, stmt, params, limit)
    out = []
    for lim, on_hand, code, name, spec, unit, wh in rows:
        on_hand = Decimal(on_hand)
        is_low = lim.min_qty is not None and on_hand < lim.min_qty
        target = lim.max_qty if lim.max_qty is not None else lim.min_qty
        suggested = (target - on_hand) if is_low and target is not None else (on_hand - (lim.max_qty or 0))
        out.append(
            AlertRead(
                sku_id=lim.sku_id,
                sku_code=code,
                product_name=name,
                spec=spec,
                base_unit_name=unit,
                warehouse_id=lim.warehouse_id,
                warehouse_name=wh,
                on_hand=on_hand,
                min_qty=lim.min_qty,
                max_qty=lim.max_qty,
                kind="low" if is_low else "high",
                suggested_qty=max(suggested, ZERO),
            )
        )
    return out, total


def alert_count(session: Session, warehouse_id: int | None = None) -> AlertCount:
    def n(kind: str) -> int:
        sub = _alert_stmt(warehouse_id, kind).subquery()
        return int(session.execute(select(func.count()).select_from(sub)).scalar_one())

    return AlertCount(low=n("low"), high=n("high"))
