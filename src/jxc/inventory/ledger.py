"""The one door for stock (DESIGN §4): every change to stock moves, balances, reservations and incoming
quantities goes through here, in the caller's transaction, or raises and leaves the transaction to roll back.

`post()` writes immutable moves and updates the SKU × warehouse (and lot) balances under row locks taken in
one global order (inventory.locks). A move dated before later moves of its SKU × warehouse re-computes the
valuation of those later moves only (bounded to that SKU × warehouse; ADR 0004).

Every receipt, sale and transfer passes here, so the ledger reads and writes rows with Core statements built
once rather than through ORM objects (ADR 0004, "Speed"). Those statements name the company themselves (the
ORM's company filter does not see them), and ORM objects of ledger rows that the session may hold are
expired after a write, so they reload.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from jxc.auth.periods import refuse_closed
from jxc.catalog.models import Product, Sku
from jxc.common import context
from jxc.common.errors import Conflict, Invalid
from jxc.common.i18n import t
from jxc.db.base import utcnow
from jxc.db.engine import Prepared, connection
from jxc.inventory import costing
from jxc.inventory.costing import Position
from jxc.inventory.locks import (
    BALANCES,
    LOT_BALANCES,
    AnyRow,
    Key,
    LotKey,
    company_of,
    lock_balances,
    lot_balances,
    per_warehouse,
    per_warehouse_condition,
)
from jxc.inventory.models import Warehouse
from jxc.inventory.stock_models import StockBalance, StockLotBalance, StockMove

ZERO = Decimal(0)


@dataclass
class Move:
    """One move to post. `qty` is signed, in the SKU's base unit.

    cost_mode `given`: `value` (signed) comes from the document; `average`: the ledger values it at the moving
    average; `linked`: the negation of another move — `link` (an existing move id) or `link_index` (an earlier
    move of the same batch)."""

    sku_id: int
    warehouse_id: int
    qty: Decimal
    kind: str
    cost_mode: str = "average"
    value: Decimal | None = None
    link: int | None = None
    link_index: int | None = None
    lot_id: int | None = None
    line: int | None = None  # index of the document line, for error messages
    doc_line_id: int | None = None
    reverses_move_id: int | None = None


@dataclass(frozen=True)
class DocRef:
    kind: str
    id: int
    number: str
    business_date: date


@dataclass
class Shortage:
    line: int | None
    sku_id: int
    warehouse_id: int
    needed: Decimal
    on_hand: Decimal


class InsufficientStock(Conflict):
    code = "insufficient_stock"


@dataclass(frozen=True)
class Posted:
    """A move as written (what a document shows of it)."""

    sku_id: int
    warehouse_id: int
    lot_id: int | None
    qty: Decimal
    kind: str
    doc_line_id: int | None
    value: Decimal
    unit_cost: Decimal


MOVES: Table = StockMove.__table__  # type: ignore[assignment]

# The statements of every posting, built and compiled once (see db.engine.Prepared).
_VALUES = Prepared(
    select(MOVES.c.id, MOVES.c.value).where(
        MOVES.c.company_id == bindparam("company_id"), MOVES.c.id.in_(bindparam("ids", expanding=True))
    )
)
_MOVE_COLUMNS: dict[str, Any] = {c.key: bindparam(c.key) for c in MOVES.columns if c.key != "id"}
_ADD_MOVES = Prepared(insert(MOVES).values(_MOVE_COLUMNS))
_ADD_MOVE_WITH_ID = Prepared(insert(MOVES).values(_MOVE_COLUMNS).returning(MOVES.c.id))


def _set_balance(table: Table, *columns: str) -> Prepared:
    return Prepared(
        update(table)
        .where(table.c.id == bindparam("id_"), table.c.company_id == bindparam("company_"))
        .values({c: bindparam(c) for c in columns})
    )


_SET_BALANCE = _set_balance(BALANCES, "on_hand", "value", "avg_cost", "negative_ok")
_SET_LOT = _set_balance(LOT_BALANCES, "on_hand", "negative_ok")
_SET_RESERVED = _set_balance(BALANCES, "reserved")
_SET_INCOMING = _set_balance(BALANCES, "incoming")
_MOVES_OF = Prepared(
    select(
        MOVES.c.id,
        MOVES.c.sku_id,
        MOVES.c.warehouse_id,
        MOVES.c.lot_id,
        MOVES.c.qty,
        MOVES.c.value,
        MOVES.c.kind,
        MOVES.c.doc_line_id,
        MOVES.c.reverses_move_id,
    )
    .where(
        MOVES.c.company_id == bindparam("company_id"),
        MOVES.c.doc_kind == bindparam("doc_kind"),
        MOVES.c.doc_id == bindparam("doc_id"),
    )
    .order_by(MOVES.c.id)
)


def post(
    session: Session, doc: DocRef, moves: list[Move], locked: dict[Key, AnyRow] | None = None
) -> list[Posted]:
    """`locked`: what `lock_balances(session, keys, doc.business_date)` answered earlier in this transaction
    for exactly these moves' SKU × warehouse pairs, with nothing posted to them since (a sale that checked
    what is available first); it spares reading them again. Anything else is locked and read here."""
    if not moves:
        return []
    session.flush()  # the reads below go around the ORM: what it still holds must be in the database first
    conn = connection(session)
    company_id = company_of(session)
    # Locked first: the balance rows come with the company's rules and each SKU's lot tracking.
    keys = {(m.sku_id, m.warehouse_id) for m in moves}
    balances = (
        locked
        if locked is not None and locked.keys() == keys
        else lock_balances(session, keys, doc.business_date)
    )
    rules = next(iter(balances.values()))
    refuse_closed(rules.closed_until, doc.business_date)
    negative_ok = rules.allow_negative_stock
    tracked = {s for (s, _w), bal in balances.items() if bal.tracking == "lot"}
    missing = [m for m in moves if m.sku_id in tracked and m.lot_id is None]
    if missing:
        raise Invalid(
            "lot_required",
            errors=[
                {"field": f"lines.{m.line}", "code": "lot_required", "message": t("error.lot_required")}
                for m in missing
            ],
        )
    lots = lot_balances(session, ((m.sku_id, m.warehouse_id, m.lot_id) for m in moves if m.lot_id))
    later = (
        {key for key, bal in balances.items() if bal.later}
        if conn.dialect.name == "sqlite"
        else _keys_with_later_moves(conn, company_id, set(balances), doc.business_date)
    )
    positions: dict[Key, Position] = {}
    for key, bal in balances.items():
        positions[key] = (
            _position_before(session, key, doc.business_date)
            if key in later
            else Position(bal.on_hand, bal.value, bal.avg_cost)
        )
    linked = sorted({m.link for m in moves if m.link is not None and m.link_index is None})
    sources: dict[int, Decimal] = (
        {int(i): v for i, v in _VALUES.rows(conn, {"company_id": company_id, "ids": linked})}
        if linked
        else {}
    )
    lot_on_hand: dict[LotKey, Decimal] = {key: row.on_hand for key, row in lots.items()}
    user_id, now = context.current().user_id, utcnow()
    rows: list[dict[str, Any]] = []
    shortages: list[Shortage] = []
    for m in moves:
        key = (m.sku_id, m.warehouse_id)
        pos = positions[key]
        if m.cost_mode == "given":
            assert m.value is not None
            raw = m.value
        elif m.cost_mode == "linked":
            raw = -(rows[m.link_index]["value"] if m.link_index is not None else sources[m.link or 0])
        else:
            raw = costing.average_value(pos, m.qty)
        value, after = costing.apply(pos, m.qty, raw, absorb=m.cost_mode != "given")
        if after.qty < 0 and m.qty < 0 and not negative_ok:
            shortages.append(Shortage(m.line, m.sku_id, m.warehouse_id, -m.qty, pos.qty))
        positions[key] = after
        rows.append(
            {
                "company_id": company_id,
                "sku_id": m.sku_id,
                "warehouse_id": m.warehouse_id,
                "lot_id": m.lot_id,
                "business_date": doc.business_date,
                "qty": m.qty,
                "kind": m.kind,
                "doc_kind": doc.kind,
                "doc_id": doc.id,
                "doc_line_id": m.doc_line_id,
                "doc_number": doc.number,
                "cost_mode": m.cost_mode,
                "link_move_id": m.link,  # or, for a link within this batch, its id once written
                "reverses_move_id": m.reverses_move_id,
                "created_by": user_id,
                "created_at": now,
                "value": value,
                "unit_cost": costing.unit_cost(value, m.qty),
                "balance_qty": after.qty,
                "balance_value": after.value,
                "balance_cost": after.cost,
            }
        )
        if m.lot_id:
            lot_key = (m.sku_id, m.warehouse_id, m.lot_id)
            on_hand = lot_on_hand[lot_key]
            if on_hand + m.qty < 0 and m.qty < 0 and not negative_ok:
                shortages.append(Shortage(m.line, m.sku_id, m.warehouse_id, -m.qty, on_hand))
            lot_on_hand[lot_key] = on_hand + m.qty
    _insert_moves(conn, moves, rows)
    for key in later:
        positions[key] = _recompute_after(
            session, key, doc.business_date, positions[key], negative_ok, shortages
        )
    if shortages:
        raise _shortage_error(session, shortages)
    delta: dict[Key, Decimal] = defaultdict(Decimal)
    for m in moves:
        delta[(m.sku_id, m.warehouse_id)] += m.qty
    updates = []
    for key, bal in balances.items():
        pos = positions[key]
        assert bal.on_hand + delta[key] == pos.qty, (key, bal.on_hand, pos)
        # A balance left negative under an earlier setting stays allowed until stock comes back.
        updates.append(
            {"id_": bal.id, "company_": company_id, "on_hand": pos.qty, "value": pos.value}
            | {"avg_cost": pos.cost, "negative_ok": negative_ok or pos.qty < 0}
        )
    _SET_BALANCE.run(conn, updates)
    if lots:
        _SET_LOT.run(
            conn,
            [
                {"id_": row.id, "company_": company_id, "on_hand": lot_on_hand[key]}
                | {"negative_ok": negative_ok or lot_on_hand[key] < 0}
                for key, row in lots.items()
            ],
        )
    _expire_ledger_objects(session)
    return [
        Posted(
            sku_id=r["sku_id"],
            warehouse_id=r["warehouse_id"],
            lot_id=r["lot_id"],
            qty=r["qty"],
            kind=r["kind"],
            doc_line_id=r["doc_line_id"],
            value=r["value"],
            unit_cost=r["unit_cost"],
        )
        for r in rows
    ]


def _insert_moves(conn: Connection, moves: list[Move], rows: list[dict[str, Any]]) -> None:
    """Insert the moves in order, in as few statements as order allows. A move linked to another of the same
    batch (a transfer-in names its transfer-out) needs that one's id: a link target goes alone, returning it.
    """
    targets = {m.link_index for m in moves if m.link_index is not None}
    ids: dict[int, int] = {}
    pending: list[dict[str, Any]] = []
    for i, (m, row) in enumerate(zip(moves, rows, strict=True)):
        if m.link_index is not None:
            row["link_move_id"] = ids[m.link_index]
        if i not in targets:
            pending.append(row)
            continue
        if pending:
            _ADD_MOVES.run(conn, pending)
            pending = []
        ids[i] = _ADD_MOVE_WITH_ID.rows(conn, row)[0].id
    if pending:
        _ADD_MOVES.run(conn, pending)


def _expire_ledger_objects(session: Session) -> None:
    """ORM objects of ledger rows loaded earlier in this session are stale after a Core write."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, StockMove | StockBalance | StockLotBalance):
            session.expire(obj)


@cache
def _later_stmt(warehouses: int) -> Prepared:
    # Per warehouse, so the position index (company, SKU, warehouse, date) seeks straight to the later moves
    # instead of reading every move of the SKUs.
    return Prepared(
        select(MOVES.c.sku_id, MOVES.c.warehouse_id)
        .where(
            MOVES.c.company_id == bindparam("company_id"),
            MOVES.c.business_date > bindparam("day"),
            per_warehouse_condition(MOVES, "sku_id", warehouses),
        )
        .distinct()
    )


def _keys_with_later_moves(conn: Connection, company_id: int, keys: set[Key], day: date) -> set[Key]:
    if not keys:
        return set()
    by_warehouse = per_warehouse(keys)
    params = {"company_id": company_id, "day": day, **by_warehouse}
    return {(int(s), int(w)) for s, w in _later_stmt(len(by_warehouse) // 2).rows(conn, params)} & keys


def _position_before(session: Session, key: Key, day: date) -> Position:
    """Where the SKU × warehouse stood at the end of `day` (moves of that day included)."""
    row = session.execute(
        select(StockMove.balance_qty, StockMove.balance_value, StockMove.balance_cost)
        .where(StockMove.sku_id == key[0], StockMove.warehouse_id == key[1], StockMove.business_date <= day)
        .order_by(StockMove.business_date.desc(), StockMove.id.desc())
        .limit(1)
    ).first()
    return Position(row[0], row[1], row[2]) if row else Position()


def _recompute_after(
    session: Session,
    key: Key,
    day: date,
    pos: Position,
    negative_ok: bool,
    shortages: list[Shortage],
) -> Position:
    """Re-value the moves of `key` dated after `day`, in ledger order, from position `pos` (the moves just
    posted are dated `day`: they are not among them)."""
    later = session.execute(
        select(
            StockMove.id,
            StockMove.qty,
            StockMove.cost_mode,
            StockMove.value,
            StockMove.link_move_id,
            StockMove.unit_cost,
            StockMove.balance_qty,
            StockMove.balance_value,
            StockMove.balance_cost,
        )
        .where(StockMove.sku_id == key[0], StockMove.warehouse_id == key[1], StockMove.business_date > day)
        .order_by(StockMove.business_date, StockMove.id)
    ).all()
    # A reversal follows the move it undoes when that move is of the same SKU × warehouse (re-valued in this
    # pass or standing before it); a transfer-in keeps the value its other warehouse gave it.
    outside = {r[4] for r in later if r[2] == "linked" and r[4] is not None}
    values: dict[int, Decimal] = (
        {
            int(i): Decimal(v)
            for i, v in session.execute(
                select(StockMove.id, StockMove.value).where(
                    StockMove.id.in_(outside), StockMove.sku_id == key[0], StockMove.warehouse_id == key[1]
                )
            ).all()
        }
        if outside
        else {}
    )
    changed = []
    for mid, qty, mode, old_value, link, old_cost, old_bq, old_bv, old_bc in later:
        if mode == "linked" and link in values:
            raw = -values[link]
        elif mode == "average":
            raw = costing.average_value(pos, qty)
        else:
            raw = old_value
        value, after = costing.apply(pos, qty, raw, absorb=mode != "given")
        if after.qty < 0 and after.qty < old_bq and not negative_ok:
            shortages.append(Shortage(None, key[0], key[1], -qty, pos.qty))
        values[mid] = value
        cost = costing.unit_cost(value, qty)
        if (value, cost, after.qty, after.value, after.cost) != (old_value, old_cost, old_bq, old_bv, old_bc):
            changed.append(
                {"_id": mid, "value": value, "unit_cost": cost, "balance_qty": after.qty}
                | {"balance_value": after.value, "balance_cost": after.cost}
            )
        pos = after
    if changed:
        table: Table = StockMove.__table__  # type: ignore[assignment]
        session.execute(
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values(
                value=bindparam("value"),
                unit_cost=bindparam("unit_cost"),
                balance_qty=bindparam("balance_qty"),
                balance_value=bindparam("balance_value"),
                balance_cost=bindparam("balance_cost"),
            ),
            changed,
        )
    return pos


def _shortage_error(session: Session, shortages: list[Shortage]) -> InsufficientStock:
    skus = dict(
        session.execute(
            select(Sku.id, Product.name)
            .join(Product, Product.id == Sku.product_id)
            .where(Sku.id.in_({s.sku_id for s in shortages}))
        ).all()
    )
    whs = dict(
        session.execute(
            select(Warehouse.id, Warehouse.name).where(Warehouse.id.in_({s.warehouse_id for s in shortages}))
        ).all()
    )
    errors = []
    seen = set()
    for s in shortages:
        field = f"lines.{s.line}" if s.line is not None else f"sku.{s.sku_id}"
        if field in seen:
            continue
        seen.add(field)
        errors.append(
            {
                "field": field,
                "code": "insufficient_stock",
                "message": t(
                    "error.insufficient_stock_line",
                    product=skus.get(s.sku_id, s.sku_id),
                    warehouse=whs.get(s.warehouse_id, s.warehouse_id),
                    needed=_plain(s.needed),
                    on_hand=_plain(s.on_hand),
                ),
            }
        )
    return InsufficientStock(errors=errors)


def _plain(x: Decimal) -> str:
    return format(x.normalize(), "f") if x else "0"


# Reservations (confirmed sales orders) and incoming quantities (confirmed purchase orders).


def change_reserved(session: Session, items: list[tuple[int, int, Decimal]]) -> None:
    """Add (or with a negative quantity release) reservations: (sku_id, warehouse_id, qty) in base units.
    A reservation never takes available stock below zero unless the company allows negative stock."""
    session.flush()
    balances = lock_balances(session, ((s, w) for s, w, _ in items))
    negative_ok = next(iter(balances.values())).allow_negative_stock if balances else False
    shortages = []
    for i, (s, w, qty) in enumerate(items):
        bal = balances[(s, w)]
        if qty > 0 and bal.on_hand - bal.reserved < qty and not negative_ok:
            shortages.append(Shortage(i, s, w, qty, bal.on_hand - bal.reserved))
    if shortages:
        raise _shortage_error(session, shortages)
    reserved = {key: bal.reserved for key, bal in balances.items()}
    for s, w, qty in items:
        reserved[(s, w)] = max(reserved[(s, w)] + qty, ZERO)
    _set(session, _SET_RESERVED, "reserved", balances, reserved)


def consume(session: Session, doc: DocRef, moves: list[Move]) -> list[Posted]:
    """A delivery against a sales order: the reservation it held is released and the stock leaves, under
    the same locks and in the same transaction (available never dips in between)."""
    session.flush()
    release: dict[Key, Decimal] = defaultdict(Decimal)
    for m in moves:
        if m.qty < 0:
            release[(m.sku_id, m.warehouse_id)] += m.qty
    balances = lock_balances(session, release)
    change_reserved(
        session, [(s, w, max(q, -balances[(s, w)].reserved)) for (s, w), q in sorted(release.items())]
    )
    return post(session, doc, moves)


def change_incoming(session: Session, items: list[tuple[int, int, Decimal]]) -> None:
    session.flush()
    balances = lock_balances(session, ((s, w) for s, w, _ in items))
    incoming = {key: bal.incoming for key, bal in balances.items()}
    for s, w, qty in items:
        incoming[(s, w)] = max(incoming[(s, w)] + qty, ZERO)
    _set(session, _SET_INCOMING, "incoming", balances, incoming)


def _set(
    session: Session, stmt: Prepared, column: str, balances: dict[Key, AnyRow], values: dict[Key, Decimal]
) -> None:
    company_id = company_of(session)
    stmt.run(
        connection(session),
        [{"id_": balances[key].id, "company_": company_id, column: v} for key, v in values.items()],
    )
    _expire_ledger_objects(session)


def moves_of(session: Session, doc_kind: str, doc_id: int) -> list[AnyRow]:
    """The document's moves in ledger order (id, SKU, warehouse, lot, qty, value, kind, line, what they
    undo)."""
    params = {"company_id": company_of(session), "doc_kind": doc_kind, "doc_id": doc_id}
    return _MOVES_OF.rows(connection(session), params)


def reverse(session: Session, doc: DocRef, kind_suffix: str = "") -> list[Posted]:
    """Post exactly negating moves for every not yet reversed move of the document (红冲 / 反审核): outbound
    moves come back at the cost they left with, inbound moves leave at the cost they came with."""
    session.flush()
    moves = moves_of(session, doc.kind, doc.id)
    undone = {m.reverses_move_id for m in moves if m.reverses_move_id is not None}
    todo = [m for m in moves if m.reverses_move_id is None and m.id not in undone]
    # Outbound moves are undone first: stock they bring back may be what undoing an inbound move takes.
    todo.sort(key=lambda m: (m.qty > 0, m.id))
    return post(
        session,
        doc,
        [
            Move(
                sku_id=m.sku_id,
                warehouse_id=m.warehouse_id,
                qty=-m.qty,
                kind=m.kind + kind_suffix,
                cost_mode="linked",
                link=m.id,
                lot_id=m.lot_id,
                doc_line_id=m.doc_line_id,
                reverses_move_id=m.id,
            )
            for m in todo
        ],
    )
