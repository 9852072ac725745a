"""The one door for stock (DESIGN §4): every change to stock moves, balances, reservations and incoming
quantities goes through here, in the caller's transaction, or raises and leaves the transaction to roll back.

`post()` writes immutable moves and updates the SKU × warehouse (and lot) balances under row locks taken in
one global order (inventory.locks). A move dated before later moves of its SKU × warehouse re-computes the
valuation of those later moves only (bounded to that SKU × warehouse; ADR 0004).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from jxc.auth.models import Company
from jxc.catalog.models import Product, Sku
from jxc.common import context
from jxc.common.errors import Conflict, Invalid
from jxc.common.i18n import t
from jxc.db.scoping import session_company
from jxc.inventory import costing
from jxc.inventory.costing import Position
from jxc.inventory.lines import sku_infos
from jxc.inventory.locks import Key, lock_balances, lot_balances
from jxc.inventory.models import Warehouse
from jxc.inventory.stock_models import StockMove

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


def company_rules(session: Session) -> Company:
    company = session.get(Company, session_company(session))
    assert company is not None
    return company


def check_open_period(session: Session, business_date: date) -> None:
    closed = company_rules(session).closed_until
    if closed is not None and business_date <= closed:
        raise Invalid("period_closed", date=closed.isoformat())


def _lot_tracked(session: Session, sku_ids: set[int]) -> set[int]:
    return {i for i, info in sku_infos(session, sku_ids).items() if info.tracking == "lot"}


def post(session: Session, doc: DocRef, moves: list[Move]) -> list[StockMove]:
    if not moves:
        return []
    company = company_rules(session)
    check_open_period(session, doc.business_date)
    negative_ok = company.allow_negative_stock
    tracked = _lot_tracked(session, {m.sku_id for m in moves})
    missing = [m for m in moves if m.sku_id in tracked and m.lot_id is None]
    if missing:
        raise Invalid(
            "lot_required",
            errors=[
                {"field": f"lines.{m.line}", "code": "lot_required", "message": t("error.lot_required")}
                for m in missing
            ],
        )
    balances = lock_balances(session, ((m.sku_id, m.warehouse_id) for m in moves))
    lots = lot_balances(session, ((m.sku_id, m.warehouse_id, m.lot_id) for m in moves if m.lot_id))
    later = _keys_with_later_moves(session, set(balances), doc.business_date)
    positions: dict[Key, Position] = {}
    for key, bal in balances.items():
        positions[key] = (
            _position_before(session, key, doc.business_date)
            if key in later
            else Position(bal.on_hand, bal.value, bal.avg_cost)
        )
    user_id = context.current().user_id
    written: list[StockMove] = []
    shortages: list[Shortage] = []
    linked_to = {m.link_index for m in moves if m.link_index is not None}
    for i, m in enumerate(moves):
        key = (m.sku_id, m.warehouse_id)
        pos = positions[key]
        if m.cost_mode == "given":
            assert m.value is not None
            raw = m.value
        elif m.cost_mode == "linked":
            source = written[m.link_index] if m.link_index is not None else session.get(StockMove, m.link)
            assert source is not None
            raw = -source.value
        else:
            raw = costing.average_value(pos, m.qty)
        value, after = costing.apply(pos, m.qty, raw, absorb=m.cost_mode != "given")
        if after.qty < 0 and m.qty < 0 and not negative_ok:
            shortages.append(Shortage(m.line, m.sku_id, m.warehouse_id, -m.qty, pos.qty))
        positions[key] = after
        row = StockMove(
            sku_id=m.sku_id,
            warehouse_id=m.warehouse_id,
            lot_id=m.lot_id,
            business_date=doc.business_date,
            qty=m.qty,
            kind=m.kind,
            doc_kind=doc.kind,
            doc_id=doc.id,
            doc_line_id=m.doc_line_id,
            doc_number=doc.number,
            cost_mode=m.cost_mode,
            link_move_id=m.link if m.link_index is None else written[m.link_index].id,
            reverses_move_id=m.reverses_move_id,
            created_by=user_id,
            value=value,
            unit_cost=costing.unit_cost(value, m.qty),
            balance_qty=after.qty,
            balance_value=after.value,
            balance_cost=after.cost,
        )
        session.add(row)
        if i in linked_to:
            session.flush()  # a later move of this batch records this one's id
        written.append(row)
        if m.lot_id:
            lot = lots[(m.sku_id, m.warehouse_id, m.lot_id)]
            if lot.on_hand + m.qty < 0 and m.qty < 0 and not negative_ok:
                shortages.append(Shortage(m.line, m.sku_id, m.warehouse_id, -m.qty, lot.on_hand))
            lot.on_hand += m.qty
            lot.negative_ok = negative_ok or lot.on_hand < 0
    session.flush()
    new_ids = {r.id for r in written}
    for key in later:
        positions[key] = _recompute_after(
            session, key, doc.business_date, positions[key], new_ids, negative_ok, shortages
        )
    if shortages:
        raise _shortage_error(session, shortages)
    delta: dict[Key, Decimal] = defaultdict(Decimal)
    for m in moves:
        delta[(m.sku_id, m.warehouse_id)] += m.qty
    for key, bal in balances.items():
        pos = positions[key]
        bal.on_hand += delta[key]
        assert bal.on_hand == pos.qty, (key, bal.on_hand, pos)
        # A balance left negative under an earlier setting stays allowed until stock comes back.
        bal.value, bal.avg_cost, bal.negative_ok = pos.value, pos.cost, negative_ok or pos.qty < 0
    session.flush()
    return written


def _keys_with_later_moves(session: Session, keys: set[Key], day: date) -> set[Key]:
    if not keys:
        return set()
    skus = {s for s, _ in keys}
    rows = session.execute(
        select(StockMove.sku_id, StockMove.warehouse_id)
        .where(StockMove.sku_id.in_(skus), StockMove.business_date > day)
        .distinct()
    ).all()
    return {(int(s), int(w)) for s, w in rows} & keys


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
    skip: set[int],
    negative_ok: bool,
    shortages: list[Shortage],
) -> Position:
    """Re-value the moves of `key` dated after `day`, in ledger order, from position `pos`."""
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
        if mid in skip:
            continue
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
    negative_ok = company_rules(session).allow_negative_stock
    balances = lock_balances(session, ((s, w) for s, w, _ in items))
    shortages = []
    for i, (s, w, qty) in enumerate(items):
        bal = balances[(s, w)]
        if qty > 0 and bal.on_hand - bal.reserved < qty and not negative_ok:
            shortages.append(Shortage(i, s, w, qty, bal.on_hand - bal.reserved))
    if shortages:
        raise _shortage_error(session, shortages)
    for s, w, qty in items:
        bal = balances[(s, w)]
        bal.reserved = max(bal.reserved + qty, ZERO)
    session.flush()


def consume(session: Session, doc: DocRef, moves: list[Move]) -> list[StockMove]:
    """A delivery against a sales order: the reservation it held is released and the stock leaves, under
    the same locks and in the same transaction (available never dips in between)."""
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
    balances = lock_balances(session, ((s, w) for s, w, _ in items))
    for s, w, qty in items:
        bal = balances[(s, w)]
        bal.incoming = max(bal.incoming + qty, ZERO)
    session.flush()


def moves_of(session: Session, doc_kind: str, doc_id: int) -> list[StockMove]:
    return list(
        session.execute(
            select(StockMove)
            .where(StockMove.doc_kind == doc_kind, StockMove.doc_id == doc_id)
            .order_by(StockMove.id)
        ).scalars()
    )


def reverse(session: Session, doc: DocRef, kind_suffix: str = "") -> list[StockMove]:
    """Post exactly negating moves for every not yet reversed move of the document (红冲 / 反审核): outbound
    moves come back at the cost they left with, inbound moves leave at the cost they came with."""
    originals = [m for m in moves_of(session, doc.kind, doc.id) if m.reverses_move_id is None]
    undone = {
        m.reverses_move_id for m in moves_of(session, doc.kind, doc.id) if m.reverses_move_id is not None
    }
    todo = [m for m in originals if m.id not in undone]
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
