"""Row locks on stock balances, always in one global order: (SKU id, warehouse id).

Every change to a SKU × warehouse — posting, reserving, incoming — first locks its `stock_balances` row here,
so the row is the mutex of that SKU × warehouse (its lots and moves included). Locking in one order means two
postings never wait on each other in a circle. PostgreSQL: `SELECT … ORDER BY … FOR UPDATE` (rows are locked
as the sorted rows come out); SQLite: the writing transaction already holds the database (`BEGIN IMMEDIATE`
behind the in-process writer lock), and `FOR UPDATE` renders as nothing. Never SKIP LOCKED or NOWAIT.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from jxc.db.scoping import session_company
from jxc.db.upsert import insert_missing
from jxc.inventory.stock_models import StockBalance, StockLotBalance

Key = tuple[int, int]  # (sku_id, warehouse_id)


def _where(keys: list[Key]) -> ColumnElement[bool]:
    # Grouped per warehouse (documents touch one or two): a long OR chain would pass SQLite's depth limit.
    by_wh: dict[int, list[int]] = {}
    for s, w in keys:
        by_wh.setdefault(w, []).append(s)
    return or_(
        *(and_(StockBalance.warehouse_id == w, StockBalance.sku_id.in_(skus)) for w, skus in by_wh.items())
    )


def lock_balances(session: Session, keys: Iterable[Key]) -> dict[Key, StockBalance]:
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    rows = _locked(session, wanted)
    if len(rows) < len(wanted):
        company_id = session_company(session)
        present = {(r.sku_id, r.warehouse_id) for r in rows}
        insert_missing(
            session,
            StockBalance.__table__,  # type: ignore[arg-type]
            [
                {"company_id": company_id, "sku_id": s, "warehouse_id": w}
                | {
                    "on_hand": 0,
                    "reserved": 0,
                    "incoming": 0,
                    "value": 0,
                    "avg_cost": 0,
                    "negative_ok": False,
                }
                for s, w in wanted
                if (s, w) not in present
            ],
        )
        # Rows locked before the inserts stay locked; locking them again in order is a no-op for this
        # transaction, and the new rows are taken in order behind them.
        rows = _locked(session, wanted)
    return {(r.sku_id, r.warehouse_id): r for r in rows}


def _locked(session: Session, wanted: list[Key]) -> list[StockBalance]:
    return list(
        session.execute(
            select(StockBalance)
            .where(_where(wanted))
            .order_by(StockBalance.sku_id, StockBalance.warehouse_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).scalars()
    )


def lot_balances(
    session: Session, keys: Iterable[tuple[int, int, int]]
) -> dict[tuple[int, int, int], StockLotBalance]:
    """Lot rows of SKU × warehouse pairs whose balance row the caller has locked already."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    company_id = session_company(session)

    by_wh: dict[int, list[int]] = {}
    for _s, w, lot in wanted:
        by_wh.setdefault(w, []).append(lot)

    def where() -> ColumnElement[bool]:
        # Lots belong to one SKU, so warehouse + lot id finds the row.
        return or_(
            *(
                and_(StockLotBalance.warehouse_id == w, StockLotBalance.lot_id.in_(lots))
                for w, lots in by_wh.items()
            )
        )

    present = {
        (r.sku_id, r.warehouse_id, r.lot_id)
        for r in session.execute(select(StockLotBalance).where(where())).scalars()
    }
    insert_missing(
        session,
        StockLotBalance.__table__,  # type: ignore[arg-type]
        [
            {"company_id": company_id, "sku_id": s, "warehouse_id": w, "lot_id": lot, "on_hand": 0}
            | {"negative_ok": False}
            for s, w, lot in wanted
            if (s, w, lot) not in present
        ],
    )
    rows = session.execute(
        select(StockLotBalance).where(where()).execution_options(populate_existing=True)
    ).scalars()
    return {(r.sku_id, r.warehouse_id, r.lot_id): r for r in rows}
