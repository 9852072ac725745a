"""库存查询: stock per SKU, warehouse and lot, now or at a past date, its totals, and availability for
document lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Select, func, literal, or_, select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.catalog.models import Category, Product, Sku, Unit
from jxc.common.pagination import ListParams
from jxc.db.scoping import session_company
from jxc.inventory.costing import unit_cost
from jxc.inventory.models import Warehouse
from jxc.inventory.queries.schemas import Availability, StockBalanceRead, StockTotals
from jxc.inventory.queries.shared import ZERO, ZERO_MONEY, ZERO_QTY, lots_by_id, page_rows, product_filter
from jxc.inventory.stock_models import StockBalance, StockLotBalance, StockMove


def stock_balances(
    session: Session,
    params: ListParams,
    warehouse_id: int | None = None,
    category_id: int | None = None,
    by_lot: bool = False,
    at: date | None = None,
    nonzero: bool = True,
    limit: int | None = None,
) -> tuple[list[StockBalanceRead], int]:
    if at is not None:
        group = [StockMove.sku_id, StockMove.warehouse_id] + ([StockMove.lot_id] if by_lot else [])
        source = (
            select(
                StockMove.sku_id.label("sku_id"),
                StockMove.warehouse_id.label("warehouse_id"),
                (StockMove.lot_id if by_lot else literal(None)).label("lot_id"),
                func.sum(StockMove.qty).label("on_hand"),
                literal(0).label("reserved"),
                literal(0).label("incoming"),
                func.sum(StockMove.value).label("value"),
            )
            .where(StockMove.business_date <= at)
            .group_by(*group)
        )
        if by_lot:
            source = source.where(StockMove.lot_id.is_not(None))
        src = scope.restrict(source, StockMove.warehouse_id).subquery()
    elif by_lot:
        src = scope.restrict(
            select(
                StockLotBalance.sku_id,
                StockLotBalance.warehouse_id,
                StockLotBalance.lot_id,
                StockLotBalance.on_hand,
                literal(0).label("reserved"),
                literal(0).label("incoming"),
                literal(None).label("value"),
            ),
            StockLotBalance.warehouse_id,
        ).subquery()
    else:
        src = scope.restrict(
            select(
                StockBalance.sku_id,
                StockBalance.warehouse_id,
                literal(None).label("lot_id"),
                StockBalance.on_hand,
                StockBalance.reserved,
                StockBalance.incoming,
                StockBalance.value,
                StockBalance.avg_cost,
            ),
            StockBalance.warehouse_id,
        ).subquery()
    cols = [
        src.c.sku_id,
        src.c.warehouse_id,
        src.c.lot_id,
        src.c.on_hand,
        src.c.reserved,
        src.c.incoming,
        src.c.value,
        src.c.avg_cost if "avg_cost" in src.c else literal(None).label("avg_cost"),
        Sku.code,
        Sku.attributes_text,
        Product.id,
        Product.name,
        Product.spec,
        Unit.name,
        Category.name,
        Warehouse.name,
    ]
    stmt = (
        select(*cols)
        .join(Sku, Sku.id == src.c.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .join(Unit, Unit.id == Product.base_unit_id)
        .join(Warehouse, Warehouse.id == src.c.warehouse_id)
        .outerjoin(Category, Category.id == Product.category_id)
    )
    stmt = product_filter(stmt, session, params.q, category_id)
    if warehouse_id is not None:
        stmt = stmt.where(src.c.warehouse_id == warehouse_id)
    if nonzero:
        stmt = stmt.where(or_(src.c.on_hand != 0, src.c.reserved != 0, src.c.incoming != 0))
    stmt = stmt.order_by(Sku.code, Warehouse.id, src.c.lot_id)
    rows, total = page_rows(session, stmt, params, limit)
    lots = lots_by_id(session, {r[2] for r in rows if r[2]})
    avg_by_key = {}
    if by_lot and at is None:
        avg_by_key = _avg_costs(session, {(r[0], r[1]) for r in rows})
    out = []
    for (
        sku_id,
        wh_id,
        lot_id,
        on_hand,
        reserved,
        incoming,
        value,
        avg,
        code,
        attrs,
        pid,
        name,
        spec,
        unit,
        cat,
        wh,
    ) in rows:
        on_hand, reserved, incoming = Decimal(on_hand), Decimal(reserved or 0), Decimal(incoming or 0)
        if value is None:
            cost = avg_by_key.get((sku_id, wh_id), ZERO)
            value = (on_hand * cost).quantize(Decimal("0.01"))
        else:
            value = Decimal(value)
            cost = Decimal(avg) if avg is not None else unit_cost(value, on_hand) if on_hand > 0 else ZERO
        lot = lots.get(lot_id) if lot_id else None
        out.append(
            StockBalanceRead(
                sku_id=sku_id,
                sku_code=code,
                product_id=pid,
                product_name=name,
                spec=spec,
                attributes_text=attrs,
                base_unit_name=unit,
                category_name=cat,
                warehouse_id=wh_id,
                warehouse_name=wh,
                lot_id=lot_id,
                lot_no=lot.lot_no if lot else "",
                expiry_date=lot.expiry_date if lot else None,
                on_hand=on_hand,
                reserved=reserved,
                available=on_hand - reserved,
                incoming=incoming,
                unit_cost=cost,
                value=value,
            )
        )
    return out, total


def _avg_costs(session: Session, keys: set[tuple[int, int]]) -> dict[tuple[int, int], Decimal]:
    if not keys:
        return {}
    rows = session.execute(
        select(StockBalance.sku_id, StockBalance.warehouse_id, StockBalance.avg_cost).where(
            StockBalance.sku_id.in_({s for s, _ in keys}), StockBalance.warehouse_id.in_({w for _, w in keys})
        )
    ).all()
    return {(int(s), int(w)): Decimal(c) for s, w, c in rows}


def stock_totals(
    session: Session, q: str | None, warehouse_id: int | None, category_id: int | None, at: date | None
) -> StockTotals:
    if at is not None:
        stmt = select(
            func.coalesce(func.sum(StockMove.qty), 0), func.coalesce(func.sum(StockMove.value), 0)
        ).where(StockMove.business_date <= at)
        wh_col: Any = StockMove.warehouse_id
        sku_col: Any = StockMove.sku_id
    else:
        stmt = select(
            func.coalesce(func.sum(StockBalance.on_hand), 0), func.coalesce(func.sum(StockBalance.value), 0)
        )
        wh_col, sku_col = StockBalance.warehouse_id, StockBalance.sku_id
    stmt = stmt.join(Sku, Sku.id == sku_col).join(Product, Product.id == Sku.product_id)
    stmt = product_filter(scope.restrict(cast(Select[Any], stmt), wh_col), session, q, category_id)
    if warehouse_id is not None:
        stmt = stmt.where(wh_col == warehouse_id)
    qty, value = session.execute(stmt).one()
    return StockTotals(on_hand=Decimal(qty) + ZERO_QTY, value=Decimal(value) + ZERO_MONEY)


def on_hand(session: Session, warehouse_id: int) -> dict[int, Decimal]:
    """SKU id → on hand of every SKU in a warehouse: read from the balances, never a ledger scan."""
    scope.ensure(warehouse_id)
    t = StockBalance.__table__.c
    # A Core statement on the connection skips ORM row handling (half the time for 10,000 rows); the
    # company filter the session would add is therefore written here.
    rows = session.connection().execute(
        select(t.sku_id, t.on_hand).where(
            t.company_id == session_company(session), t.warehouse_id == warehouse_id
        )
    )
    return dict(rows.tuples().all())


def availability(session: Session, warehouse_id: int, sku_ids: list[int]) -> list[Availability]:
    scope.ensure(warehouse_id)
    rows = {
        r.sku_id: r
        for r in session.execute(
            select(StockBalance).where(
                StockBalance.warehouse_id == warehouse_id, StockBalance.sku_id.in_(sku_ids)
            )
        ).scalars()
    }
    out = []
    for s in dict.fromkeys(sku_ids):
        r = rows.get(s)
        on_hand, reserved, incoming = (r.on_hand, r.reserved, r.incoming) if r else (ZERO_QTY,) * 3
        out.append(
            Availability(
                sku_id=s, on_hand=on_hand, reserved=reserved, available=on_hand - reserved, incoming=incoming
            )
        )
    return out
