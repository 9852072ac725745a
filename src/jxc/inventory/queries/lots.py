"""Lots in stock: choosing them first expiry first out (FEFO), and 效期 (lots expired or near expiry)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any, Literal, cast

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.catalog.models import Product, Sku
from jxc.common.clock import today
from jxc.common.errors import Invalid, field_error
from jxc.common.pagination import ListParams
from jxc.inventory.ledger import InsufficientStock
from jxc.inventory.models import Warehouse
from jxc.inventory.queries.schemas import ExpiryRead, LotPick, LotStock
from jxc.inventory.queries.shared import page_rows, product_filter
from jxc.inventory.stock_models import Lot, StockLotBalance


def lots_in_stock(session: Session, sku_id: int, warehouse_id: int) -> list[LotStock]:
    scope.ensure(warehouse_id)
    rows = session.execute(
        select(Lot, StockLotBalance.on_hand)
        .join(StockLotBalance, StockLotBalance.lot_id == Lot.id)
        .where(StockLotBalance.sku_id == sku_id, StockLotBalance.warehouse_id == warehouse_id)
        .where(StockLotBalance.on_hand > 0)
        .order_by(Lot.expiry_date.is_(None), Lot.expiry_date, Lot.lot_no)
    ).all()
    return [
        LotStock(
            lot_id=lot.id,
            lot_no=lot.lot_no,
            production_date=lot.production_date,
            expiry_date=lot.expiry_date,
            on_hand=qty,
        )
        for lot, qty in rows
    ]


def suggest_lots(session: Session, sku_id: int, warehouse_id: int, qty: Decimal) -> list[LotPick]:
    """First expiry, first out: the lots that cover `qty`, soonest expiry first."""
    picks = []
    rest = qty
    for lot in lots_in_stock(session, sku_id, warehouse_id):
        if rest <= 0:
            break
        take = min(rest, lot.on_hand)
        picks.append(LotPick(lot_id=lot.lot_id, lot_no=lot.lot_no, expiry_date=lot.expiry_date, qty=take))
        rest -= take
    if rest > 0:
        raise InsufficientStock(
            errors=[
                field_error(
                    "qty", "insufficient_stock_lots", needed=format(qty, "f"), short=format(rest, "f")
                )
            ]
        )
    return picks


def expiry(
    session: Session,
    params: ListParams,
    warehouse_id: int | None = None,
    days: int = 30,
    status: Literal["all", "expired", "near"] = "all",
    limit: int | None = None,
) -> tuple[list[ExpiryRead], int]:
    if days < 0 or days > 3650:
        raise Invalid("invalid_query", errors=[field_error("query.days", "days_range")])
    now = today()
    horizon = now + timedelta(days=days)
    stmt = (
        select(StockLotBalance, Lot, Sku.code, Product.name, Product.spec, Warehouse.name)
        .join(Lot, Lot.id == StockLotBalance.lot_id)
        .join(Sku, Sku.id == StockLotBalance.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .join(Warehouse, Warehouse.id == StockLotBalance.warehouse_id)
        .where(StockLotBalance.on_hand > 0, Lot.expiry_date.is_not(None))
    )
    stmt = scope.restrict(cast(Select[Any], stmt), StockLotBalance.warehouse_id)
    if warehouse_id is not None:
        stmt = stmt.where(StockLotBalance.warehouse_id == warehouse_id)
    if status == "expired":
        stmt = stmt.where(Lot.expiry_date < now)
    elif status == "near":
        stmt = stmt.where(Lot.expiry_date >= now, Lot.expiry_date <= horizon)
    else:
        stmt = stmt.where(Lot.expiry_date <= horizon)
    stmt = product_filter(stmt, session, params.q, None).order_by(Lot.expiry_date, Sku.code)
    rows, total = page_rows(session, stmt, params, limit)
    return [
        ExpiryRead(
            sku_id=bal.sku_id,
            sku_code=code,
            product_name=name,
            spec=spec,
            warehouse_id=bal.warehouse_id,
            warehouse_name=wh,
            lot_id=lot.id,
            lot_no=lot.lot_no,
            production_date=lot.production_date,
            expiry_date=lot.expiry_date,
            days_left=(lot.expiry_date - now).days,
            on_hand=bal.on_hand,
        )
        for bal, lot, code, name, spec, wh in rows
    ], total
