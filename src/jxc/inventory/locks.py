"""Row locks on stock balances, always in one global order: (SKU id, warehouse id).

Every change to a SKU × warehouse — posting, reserving, incoming — first locks its `stock_balances` row here,
so the row is the mutex of that SKU × warehouse (its lots and moves included). Locking in one order means two
postings never wait on each other in a circle. PostgreSQL: `SELECT … ORDER BY … FOR UPDATE` (rows are locked
as the sorted rows come out); SQLite: the writing transaction already holds the database (`BEGIN IMMEDIATE`
behind the in-process writer lock), and `FOR UPDATE` renders as nothing. Never SKIP LOCKED or NOWAIT.

The ledger works on rows, not ORM objects (every posting passes here; see ledger.py), so these statements
name the company themselves: the ORM's company filter does not apply to Core statements.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Table, and_, bindparam, exists, or_, select
from sqlalchemy.orm import Session

from jxc.auth.models import Company
from jxc.catalog.models import Product, Sku
from jxc.db.engine import Prepared, connection
from jxc.db.scoping import session_company
from jxc.db.upsert import insert_missing
from jxc.inventory.stock_models import StockBalance, StockLotBalance, StockMove

Key = tuple[int, int]  # (sku_id, warehouse_id)
LotKey = tuple[int, int, int]  # (sku_id, warehouse_id, lot_id)
AnyRow: TypeAlias = Any  # a row of a Prepared statement: a named tuple (SQLite) or a Core row


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


BALANCES, LOT_BALANCES = _table(StockBalance), _table(StockLotBalance)
_MOVES = _table(StockMove)
_COMPANIES = _table(Company)


def company_of(session: Session) -> int:
    company_id = session_company(session)
    assert company_id is not None, "stock is always posted in one company"
    return company_id


@cache
def _balances_stmt(warehouses: int, with_later: bool = False) -> Prepared:
    # Also reads what a posting checks about these rows, the SKU's lot tracking and the company's rules
    # (closed period, negative stock): two statements fewer on every posting.
    t, sku, product = BALANCES, _table(Sku), _table(Product)
    later: list[Any] = []
    if with_later:
        # Seeks the position index (company, SKU, warehouse, date) once per row.
        later.append(
            exists()
            .where(
                _MOVES.c.company_id == t.c.company_id,
                _MOVES.c.sku_id == t.c.sku_id,
                _MOVES.c.warehouse_id == t.c.warehouse_id,
                _MOVES.c.business_date > bindparam("later_than"),
            )
            .label("later")
        )
    return Prepared(
        select(
            t.c.id,
            t.c.sku_id,
            t.c.warehouse_id,
            t.c.on_hand,
            t.c.reserved,
            t.c.incoming,
            t.c.value,
            t.c.avg_cost,
            t.c.negative_ok,
            product.c.tracking,
            _COMPANIES.c.closed_until,
            _COMPANIES.c.allow_negative_stock,
            *later,
        )
        .join(sku, and_(sku.c.company_id == t.c.company_id, sku.c.id == t.c.sku_id))
        .join(product, and_(product.c.company_id == sku.c.company_id, product.c.id == sku.c.product_id))
        .join(_COMPANIES, _COMPANIES.c.id == t.c.company_id)
        .where(t.c.company_id == bindparam("company_id"), per_warehouse_condition(t, "sku_id", warehouses))
        .order_by(t.c.sku_id, t.c.warehouse_id)
        .with_for_update(of=t)
    )


def per_warehouse(keys: Iterable[tuple[int, int]]) -> dict[str, Any]:
    """Parameters of a per-warehouse statement: (warehouse id, ids in it) pairs as w0/s0, w1/s1, …"""
    groups: dict[int, list[int]] = {}
    for item, w in keys:
        groups.setdefault(w, []).append(item)
    params: dict[str, Any] = {}
    for i, (w, items) in enumerate(groups.items()):
        params[f"w{i}"], params[f"s{i}"] = w, items
    return params


def lock_balances(session: Session, keys: Iterable[Key], later_than: date | None = None) -> dict[Key, AnyRow]:
    """The balance rows of these SKU × warehouse pairs, locked, created (at zero) when missing; each also
    carries its SKU's `tracking` and the company's `closed_until` and `allow_negative_stock`.

    With `later_than` on SQLite, each row also tells whether its SKU × warehouse has moves dated after that
    day (`later`): there the writer holds the whole database from its first statement, so nothing can commit
    between the lock and that look. PostgreSQL needs a statement that starts after the lock (see ledger)."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    company_id = company_of(session)
    params: dict[str, Any] = {"company_id": company_id, **per_warehouse(wanted)}
    conn = connection(session)
    warehouses = (len(params) - 1) // 2
    if conn.dialect.name == "sqlite":
        # Nothing else writes while this transaction does: the usual case (every row there) is one statement,
        # and missing rows are created and the rows read again.
        with_later = later_than is not None
        if with_later:
            params["later_than"] = later_than
        stmt = _balances_stmt(warehouses, with_later)
        rows = stmt.rows(conn, params)
        if len(rows) < len(wanted):
            present = {(r.sku_id, r.warehouse_id) for r in rows}
            insert_missing(
                session, BALANCES, [_zero(company_id, s, w) for s, w in wanted if (s, w) not in present]
            )
            rows = stmt.rows(conn, params)
        return {(r.sku_id, r.warehouse_id): r for r in rows}
    # Missing rows are created before anything is locked: a transaction that waited for another's new row
    # while holding a lock that one needs next would deadlock (PostgreSQL's unique index makes an insert
    # wait for the other's uncommitted row of the same key).
    present = {(r.sku_id, r.warehouse_id) for r in _present_stmt(warehouses).rows(conn, params)}
    if len(present) < len(wanted):
        insert_missing(
            session, BALANCES, [_zero(company_id, s, w) for s, w in wanted if (s, w) not in present]
        )
    return {(r.sku_id, r.warehouse_id): r for r in _balances_stmt(warehouses).rows(conn, params)}


def _zero(company_id: int, sku_id: int, warehouse_id: int) -> dict[str, Any]:
    return {"company_id": company_id, "sku_id": sku_id, "warehouse_id": warehouse_id} | {
        "on_hand": 0,
        "reserved": 0,
        "incoming": 0,
        "value": 0,
        "avg_cost": 0,
        "negative_ok": False,
    }


def per_warehouse_condition(table: Table, column: str, warehouses: int) -> ColumnElement[bool]:
    # Grouped per warehouse (documents touch one or two): a long OR chain would pass SQLite's depth limit.
    # The id lists expand at execution, so one statement per number of warehouses is built, once.
    return or_(
        *(
            and_(
                table.c.warehouse_id == bindparam(f"w{i}"),
                table.c[column].in_(bindparam(f"s{i}", expanding=True)),
            )
            for i in range(warehouses)
        )
    )


@cache
def _present_stmt(warehouses: int) -> Prepared:
    t = BALANCES
    return Prepared(
        select(t.c.sku_id, t.c.warehouse_id).where(
            t.c.company_id == bindparam("company_id"), per_warehouse_condition(t, "sku_id", warehouses)
        )
    )


@cache
def _lots_stmt(warehouses: int) -> Prepared:
    # Lots belong to one SKU, so warehouse + lot id finds the row.
    t = LOT_BALANCES
    return Prepared(
        select(t.c.id, t.c.sku_id, t.c.warehouse_id, t.c.lot_id, t.c.on_hand, t.c.negative_ok).where(
            t.c.company_id == bindparam("company_id"), per_warehouse_condition(t, "lot_id", warehouses)
        )
    )


def lot_balances(session: Session, keys: Iterable[LotKey]) -> dict[LotKey, AnyRow]:
    """Lot rows of SKU × warehouse pairs whose balance row the caller has locked already."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    company_id = company_of(session)
    params = {"company_id": company_id, **per_warehouse((lot, w) for _s, w, lot in wanted)}
    stmt = _lots_stmt((len(params) - 1) // 2)
    conn = connection(session)
    present = {(r.sku_id, r.warehouse_id, r.lot_id) for r in stmt.rows(conn, params)}
    insert_missing(
        session,
        LOT_BALANCES,
        [
            {"company_id": company_id, "sku_id": s, "warehouse_id": w, "lot_id": lot, "on_hand": 0}
            | {"negative_ok": False}
            for s, w, lot in wanted
            if (s, w, lot) not in present
        ],
    )
    return {(r.sku_id, r.warehouse_id, r.lot_id): r for r in stmt.rows(conn, params)}
