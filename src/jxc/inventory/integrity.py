"""`jxc verify` checks of the stock ledger, and `jxc rebuild-balances`.

Balances are a cache: on hand == Σ moves per SKU × warehouse (× lot), value == Σ move values per SKU ×
warehouse, each move's running balance follows from the one before it, nothing negative where the company
does not allow it, and reserved/incoming equal what open documents hold (the documents that reserve register
how much — purchasing and sales add theirs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jxc.auth.models import Company
from jxc.common import verify
from jxc.db.engine import Database
from jxc.db.scoping import set_company
from jxc.inventory.stock_models import StockBalance, StockLotBalance, StockMove

Key = tuple[int, int]
# (session) → {(sku_id, warehouse_id): quantity} held by open documents
ReservationSource = Callable[[Session], dict[Key, Decimal]]
_reserved_sources: list[ReservationSource] = []
_incoming_sources: list[ReservationSource] = []


def register_reserved(source: ReservationSource) -> None:
    _reserved_sources.append(source)


def register_incoming(source: ReservationSource) -> None:
    _incoming_sources.append(source)


def _held(session: Session, sources: list[ReservationSource]) -> dict[Key, Decimal]:
    total: dict[Key, Decimal] = defaultdict(Decimal)
    for source in sources:
        for key, qty in source(session).items():
            total[key] += qty
    return total


def _sums(session: Session) -> tuple[dict[Key, tuple[Decimal, Decimal]], dict[tuple[int, int, int], Decimal]]:
    by_key = {
        (int(s), int(w)): (Decimal(q), Decimal(v))
        for s, w, q, v in session.execute(
            select(
                StockMove.sku_id, StockMove.warehouse_id, func.sum(StockMove.qty), func.sum(StockMove.value)
            ).group_by(StockMove.sku_id, StockMove.warehouse_id)
        ).all()
    }
    by_lot = {
        (int(s), int(w), int(lot or 0)): Decimal(q)
        for s, w, lot, q in session.execute(
            select(StockMove.sku_id, StockMove.warehouse_id, StockMove.lot_id, func.sum(StockMove.qty))
            .where(StockMove.lot_id.is_not(None))
            .group_by(StockMove.sku_id, StockMove.warehouse_id, StockMove.lot_id)
        ).all()
    }
    return by_key, by_lot


def problems(session: Session) -> list[str]:
    """Every difference between the balances and the ledger in the session's company."""
    out: list[str] = []
    company = session.get(Company, session.info["company_id"])
    negative_ok = bool(company and company.allow_negative_stock)
    by_key, by_lot = _sums(session)
    reserved, incoming = _held(session, _reserved_sources), _held(session, _incoming_sources)
    balances = {(b.sku_id, b.warehouse_id): b for b in session.execute(select(StockBalance)).scalars()}
    for key in sorted(set(by_key) | set(balances)):
        qty, value = by_key.get(key, (Decimal(0), Decimal(0)))
        b = balances.get(key)
        where = f"SKU {key[0]} × 仓库/warehouse {key[1]}"
        if b is None:
            out.append(f"{where}: no balance row, moves sum to {qty}")
            continue
        if b.on_hand != qty:
            out.append(f"{where}: on hand {b.on_hand} != Σ moves {qty}")
        if b.value != value:
            out.append(f"{where}: value {b.value} != Σ move values {value}")
        if b.on_hand < 0 and not negative_ok:
            out.append(f"{where}: negative on hand {b.on_hand}")
        if b.reserved != reserved.get(key, 0):
            out.append(f"{where}: reserved {b.reserved} != open documents {reserved.get(key, 0)}")
        if b.incoming != incoming.get(key, 0):
            out.append(f"{where}: incoming {b.incoming} != open documents {incoming.get(key, 0)}")
    lots = {
        (b.sku_id, b.warehouse_id, b.lot_id): b for b in session.execute(select(StockLotBalance)).scalars()
    }
    for lkey in sorted(set(by_lot) | set(lots)):
        qty = by_lot.get(lkey, Decimal(0))
        lb = lots.get(lkey)
        on_hand = lb.on_hand if lb else Decimal(0)
        if on_hand != qty:
            out.append(
                f"SKU {lkey[0]} × 仓库/warehouse {lkey[1]} × 批次/lot {lkey[2]}: {on_hand} != Σ moves {qty}"
            )
        if on_hand < 0 and not negative_ok:
            out.append(f"SKU {lkey[0]} × 仓库/warehouse {lkey[1]} × 批次/lot {lkey[2]}: negative {on_hand}")
    out.extend(_running_balances(session))
    return out


def _running_balances(session: Session) -> list[str]:
    """Each move's running quantity and value == the previous move's + its own, in ledger order."""
    out = []
    prev: dict[Key, tuple[Decimal, Decimal]] = {}
    stmt = select(
        StockMove.id,
        StockMove.sku_id,
        StockMove.warehouse_id,
        StockMove.qty,
        StockMove.value,
        StockMove.balance_qty,
        StockMove.balance_value,
    ).order_by(StockMove.sku_id, StockMove.warehouse_id, StockMove.business_date, StockMove.id)
    for mid, s, w, qty, value, bq, bv in session.execute(stmt).yield_per(5000):
        q0, v0 = prev.get((s, w), (Decimal(0), Decimal(0)))
        if q0 + qty != bq or v0 + value != bv:
            out.append(f"move {mid}: running balance {bq}/{bv} != {q0 + qty}/{v0 + value}")
        prev[(s, w)] = (bq, bv)
        if len(out) > 50:
            break
    return out


def _companies(db: Database) -> list[int]:
    with db.transaction(writer=False, all_companies=True) as s:
        return [int(c) for c in s.execute(select(Company.id)).scalars()]


@verify.register("库存余额与流水一致 / stock balances match the ledger")
def _stock_check(db: Database) -> list[str]:
    out: list[str] = []
    for cid in _companies(db):
        with db.transaction(writer=False, company_id=cid) as s:
            out.extend(f"[company {cid}] {p}" for p in problems(s))
    return out


def rebuild(session: Session) -> int:
    """Rebuild the session company's balances from the ledger (and open documents); returns rows changed.
    The ledger's own lock order is kept by locking every balance row first (one statement, sorted)."""
    company_id = session.info["company_id"]
    set_company(session, company_id)
    company = session.get(Company, company_id)
    negative_ok = bool(company and company.allow_negative_stock)
    by_key, by_lot = _sums(session)
    reserved, incoming = _held(session, _reserved_sources), _held(session, _incoming_sources)
    balances = {
        (b.sku_id, b.warehouse_id): b
        for b in session.execute(
            select(StockBalance).order_by(StockBalance.sku_id, StockBalance.warehouse_id).with_for_update()
        ).scalars()
    }
    last_cost = {
        (int(s), int(w)): Decimal(c)
        for s, w, c in session.execute(
            select(StockMove.sku_id, StockMove.warehouse_id, StockMove.balance_cost).where(
                StockMove.id.in_(
                    select(func.max(StockMove.id)).group_by(StockMove.sku_id, StockMove.warehouse_id)
                )
            )
        ).all()
    }
    changed = 0
    for key in sorted(set(by_key) | set(balances) | set(reserved) | set(incoming)):
        qty, value = by_key.get(key, (Decimal(0), Decimal(0)))
        want = (qty, value, reserved.get(key, Decimal(0)), incoming.get(key, Decimal(0)))
        b = balances.get(key)
        if b is None:
            b = StockBalance(sku_id=key[0], warehouse_id=key[1], on_hand=0, reserved=0, incoming=0, value=0)
            b.avg_cost = last_cost.get(key, Decimal(0))
            session.add(b)
        elif (b.on_hand, b.value, b.reserved, b.incoming) == want:
            continue
        b.on_hand, b.value, b.reserved, b.incoming = want
        b.negative_ok = negative_ok or qty < 0
        changed += 1
    lots = {
        (b.sku_id, b.warehouse_id, b.lot_id): b for b in session.execute(select(StockLotBalance)).scalars()
    }
    for lkey in sorted(set(by_lot) | set(lots)):
        qty = by_lot.get(lkey, Decimal(0))
        lb = lots.get(lkey)
        if lb is None:
            lb = StockLotBalance(sku_id=lkey[0], warehouse_id=lkey[1], lot_id=lkey[2], on_hand=0)
            session.add(lb)
        elif lb.on_hand == qty:
            continue
        lb.on_hand = qty
        lb.negative_ok = negative_ok or qty < 0
        changed += 1
    session.flush()
    return changed
