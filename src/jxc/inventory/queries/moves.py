"""出入库流水: the ledger of one SKU with its running balance and the balance before the first shown day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.common.pagination import ListParams
from jxc.inventory.lines import user_names
from jxc.inventory.queries.schemas import StockMovePage, StockMoveRead
from jxc.inventory.queries.shared import ZERO_MONEY, ZERO_QTY, lots_by_id
from jxc.inventory.stock_models import StockMove
from jxc.inventory.warehouses import warehouse_names


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
    lots = lots_by_id(session, {m.lot_id for m in moves if m.lot_id})
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
