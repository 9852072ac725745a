"""Read side of stock: 库存查询 (now or at any past date), availability per document line, lots (FEFO),
出入库流水 with running balance, 库存预警 and 效期. Every query honours the user's warehouse scope."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal, cast

from pydantic import BaseModel
from sqlalchemy import Select, func, literal, or_, select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.catalog.categories import descendants
from jxc.catalog.models import Category, Product, Sku, SkuStockLimit, Unit
from jxc.common.clock import today
from jxc.common.errors import Invalid, field_error
from jxc.common.pagination import ListParams
from jxc.common.schemas import CostField, Money, Price, Qty, ReadModel
from jxc.db.scoping import session_company
from jxc.db.search import contains
from jxc.inventory.costing import unit_cost
from jxc.inventory.ledger import InsufficientStock
from jxc.inventory.lines import user_names
from jxc.inventory.models import Warehouse
from jxc.inventory.stock_models import Lot, StockBalance, StockLotBalance, StockMove
from jxc.inventory.warehouses import warehouse_names

ZERO = Decimal(0)
ZERO_QTY = Decimal("0.0000")
ZERO_MONEY = Decimal("0.00")


class StockBalanceRead(ReadModel):
    sku_id: int
    sku_code: str
    product_id: int
    product_name: str
    spec: str
    attributes_text: str
    base_unit_name: str
    category_name: str | None
    warehouse_id: int
    warehouse_name: str
    lot_id: int | None
    lot_no: str
    expiry_date: date | None
    on_hand: Qty
    reserved: Qty
    available: Qty
    incoming: Qty
    unit_cost: Price | None = CostField()
    value: Money | None = CostField()


class StockTotals(ReadModel):
    on_hand: Qty
    value: Money | None = CostField()


class Availability(ReadModel):
    sku_id: int
    on_hand: Qty
    reserved: Qty
    available: Qty
    incoming: Qty


class LotStock(ReadModel):
    lot_id: int
    lot_no: str
    production_date: date | None
    expiry_date: date | None
    on_hand: Qty


class LotPick(ReadModel):
    lot_id: int
    lot_no: str
    expiry_date: date | None
    qty: Qty


class StockMoveRead(ReadModel):
    id: int
    business_date: date
    kind: str
    doc_kind: str
    doc_id: int
    doc_number: str
    warehouse_id: int
    warehouse_name: str
    lot_no: str
    qty_in: Qty
    qty_out: Qty
    balance_qty: Qty
    unit_cost: Price | None = CostField()
    value: Money | None = CostField()
    balance_value: Money | None = CostField()
    created_at: Any
    created_by_name: str | None


class StockMovePage(ReadModel):
    # A ReadModel (not Page) so the cost field at page level is dropped too without cost.view.
    items: list[StockMoveRead]
    total: int
    page: int
    page_size: int
    opening_qty: Qty
    opening_value: Money | None = CostField()


class AlertRead(ReadModel):
    sku_id: int
    sku_code: str
    product_name: str
    spec: str
    base_unit_name: str
    warehouse_id: int
    warehouse_name: str
    on_hand: Qty
    min_qty: Qty | None
    max_qty: Qty | None
    kind: Literal["low", "high"]
    suggested_qty: Qty


class AlertCount(BaseModel):
    low: int
    high: int


class ExpiryRead(ReadModel):
    sku_id: int
    sku_code: str
    product_name: str
    spec: str
    warehouse_id: int
    warehouse_name: str
    lot_id: int
    lot_no: str
    production_date: date | None
    expiry_date: date
    days_left: int
    on_hand: Qty


def _product_filter(stmt: Any, session: Session, q: str | None, category_id: int | None) -> Any:
    if q:
        dialect = session.get_bind().dialect.name
        stmt = stmt.where(
            or_(
                contains(Product.search_text, q, dialect),
                contains(Sku.search_text, q, dialect),
                Sku.code == q,
            )
        )
    if category_id is not None:
        stmt = stmt.where(Product.category_id.in_(sorted(descendants(session, category_id))))
    return stmt


def _page(
    session: Session, stmt: Select[Any], params: ListParams, limit: int | None
) -> tuple[list[Any], int]:
    if limit is not None:
        return list(session.execute(stmt.limit(limit)).all()), 0
    rows = list(
        session.execute(stmt.limit(params.page_size).offset((params.page - 1) * params.page_size)).all()
    )
    if params.page == 1 and len(rows) < params.page_size:
        return rows, len(rows)
    total = session.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
    return rows, int(total)


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
    stmt = _product_filter(stmt, session, params.q, category_id)
    if warehouse_id is not None:
        stmt = stmt.where(src.c.warehouse_id == warehouse_id)
    if nonzero:
        stmt = stmt.where(or_(src.c.on_hand != 0, src.c.reserved != 0, src.c.incoming != 0))
    stmt = stmt.order_by(Sku.code, Warehouse.id, src.c.lot_id)
    rows, total = _page(session, stmt, params, limit)
    lots = _lots(session, {r[2] for r in rows if r[2]})
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


def _lots(session: Session, ids: set[int]) -> dict[int, Lot]:
    if not ids:
        return {}
    return {lot.id: lot for lot in session.execute(select(Lot).where(Lot.id.in_(ids))).scalars()}


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
    stmt = _product_filter(scope.restrict(cast(Select[Any], stmt), wh_col), session, q, category_id)
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


def stock_moves(
    session: Session,
    params: ListParams,
    sku_id: int,
    warehouse_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> StockMovePage:
    base = scope.restrict(select(StockMove).where(StockMove.sku_id == sku_id), StockMove.warehouse_id)
    if warehouse_id is not None:
        base = base.where(StockMove.warehouse_id == warehouse_id)
    opening_qty, opening_value = ZERO_QTY, ZERO_MONEY
    if date_from is not None:
        before = base.where(StockMove.business_date < date_from).subquery()
        q, v = session.execute(
            select(func.coalesce(func.sum(before.c.qty), 0), func.coalesce(func.sum(before.c.value), 0))
        ).one()
        opening_qty, opening_value = Decimal(q) + ZERO_QTY, Decimal(v) + ZERO_MONEY
        base = base.where(StockMove.business_date >= date_from)
    if date_to is not None:
        base = base.where(StockMove.business_date <= date_to)
    if kind:
        base = base.where(StockMove.kind == kind)
    stmt = base.order_by(StockMove.business_date, StockMove.id)
    if limit is not None:
        moves = list(session.execute(stmt.limit(limit)).scalars())
        total = len(moves)
    else:
        moves = list(
            session.execute(
                stmt.limit(params.page_size).offset((params.page - 1) * params.page_size)
            ).scalars()
        )
        total = int(session.execute(select(func.count()).select_from(base.subquery())).scalar_one())
    whs = warehouse_names(session, sorted({m.warehouse_id for m in moves}))
    lots = _lots(session, {m.lot_id for m in moves if m.lot_id})
    users = user_names(session, {m.created_by for m in moves})
    items = [
        StockMoveRead(
            id=m.id,
            business_date=m.business_date,
            kind=m.kind,
            doc_kind=m.doc_kind,
            doc_id=m.doc_id,
            doc_number=m.doc_number,
            warehouse_id=m.warehouse_id,
            warehouse_name=whs.get(m.warehouse_id, ""),
            lot_no=lots[m.lot_id].lot_no if m.lot_id in lots else "",
            qty_in=m.qty if m.qty > 0 else ZERO_QTY,
            qty_out=-m.qty if m.qty < 0 else ZERO_QTY,
            balance_qty=m.balance_qty,
            unit_cost=m.unit_cost,
            value=m.value,
            balance_value=m.balance_value,
            created_at=m.created_at,
            created_by_name=users.get(m.created_by) if m.created_by else None,
        )
        for m in moves
    ]
    return StockMovePage(
        items=items,
        total=total,
        page=params.page,
        page_size=params.page_size,
        opening_qty=opening_qty,
        opening_value=opening_value,
    )


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
    stmt = _product_filter(stmt, session, params.q, None).order_by(Sku.code, Warehouse.id)
    rows, total = _page(session, stmt, params, limit)
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
    stmt = _product_filter(stmt, session, params.q, None).order_by(Lot.expiry_date, Sku.code)
    rows, total = _page(session, stmt, params, limit)
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
