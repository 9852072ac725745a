"""What several stock queries share: the product search and category filter, paging, lots by id, zeros."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from jxc.catalog.categories import descendants
from jxc.catalog.models import Product, Sku
from jxc.common.pagination import ListParams
from jxc.db.search import contains
from jxc.inventory.stock_models import Lot

ZERO = Decimal(0)
ZERO_QTY = Decimal("0.0000")
ZERO_MONEY = Decimal("0.00")


def product_filter(stmt: Any, session: Session, q: str | None, category_id: int | None) -> Any:
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


def page_rows(
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


def lots_by_id(session: Session, ids: set[int]) -> dict[int, Lot]:
    if not ids:
        return {}
    return {lot.id: lot for lot in session.execute(select(Lot).where(Lot.id.in_(ids))).scalars()}
