"""客户档案: what a customer bought, returned and paid, what it owes and has overdue, the last price of
each SKU sold to it and its best products — read from approved sales documents (orders, deliveries,
returns, retail tickets) and the money ledger, within the user's warehouse scope."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from jxc.auth import scope
from jxc.auth.models import User
from jxc.finance.ledger import base_of
from jxc.finance.ledger_models import AccountEntry
from jxc.inventory.lines import sku_infos, unit_names
from jxc.partners.models import Partner
from jxc.sales.customers.credit import standing
from jxc.sales.customers.schemas import (
    CustomerRecord,
    LastPrice,
    RecordDocument,
    RecordPayment,
    TopProduct,
)
from jxc.sales.models import SalesDoc, SalesDocLine

S = TypeVar("S", bound=Select[*tuple[Any, ...]])
ZERO = Decimal("0.00")
POSTED = ("approved", "closed")
KINDS = ("order", "delivery", "return", "retail", "retail_return")
SOLD = ("delivery", "retail")  # goods left, at a price
RETURNED = ("return", "retail_return")  # goods came back, money owed back
MAX_DOCUMENTS = 200
MAX_PAYMENTS = 100
TOP = 10


def _dated(stmt: S, column: InstrumentedAttribute[date], date_from: date | None, date_to: date | None) -> S:
    if date_from:
        stmt = stmt.where(column >= date_from)
    if date_to:
        stmt = stmt.where(column <= date_to)
    return stmt


def _docs(session: Session, customer_id: int, date_from: date | None, date_to: date | None) -> list[SalesDoc]:
    stmt = select(SalesDoc).where(
        SalesDoc.customer_id == customer_id, SalesDoc.kind.in_(KINDS), SalesDoc.status.in_(POSTED)
    )
    stmt = scope.restrict(_dated(stmt, SalesDoc.business_date, date_from, date_to), SalesDoc.warehouse_id)
    return list(session.execute(stmt.order_by(SalesDoc.business_date.desc(), SalesDoc.id.desc())).scalars())


def _sign(kind: str) -> int:
    return -1 if kind in RETURNED else 1


def _profit(docs: list[SalesDoc]) -> Decimal:
    """Revenue (ex tax, base) less cost, per document; a return takes its own back. Magnitudes are used so
    the answer does not depend on how a return signs its figures."""
    total = ZERO
    for d in docs:
        if d.kind in SOLD or d.kind in RETURNED:
            total += _sign(d.kind) * (abs(base_of(d.amount, d.rate)) - abs(d.cost_amount))
    return total


def _payments(
    session: Session, customer_id: int, date_from: date | None, date_to: date | None
) -> list[RecordPayment]:
    """Money received from (+) or refunded to (−) the customer: its account entries that are not 红冲 rows
    and were not undone by one."""
    undone = select(AccountEntry.reverses_id).where(AccountEntry.reverses_id.is_not(None))
    stmt = select(AccountEntry).where(
        AccountEntry.partner_id == customer_id,
        AccountEntry.reverses_id.is_(None),
        AccountEntry.id.not_in(undone),
    )
    stmt = _dated(stmt, AccountEntry.business_date, date_from, date_to)
    rows = session.execute(
        stmt.order_by(AccountEntry.business_date.desc(), AccountEntry.id.desc()).limit(MAX_PAYMENTS)
    ).scalars()
    return [RecordPayment(doc_number=e.doc_number, date=e.business_date, amount=e.amount) for e in rows]


def _lines(session: Session, docs: list[SalesDoc]) -> list[SalesDocLine]:
    ids = [d.id for d in docs if d.kind in SOLD or d.kind in RETURNED]
    if not ids:
        return []
    out: list[SalesDocLine] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        out.extend(session.execute(select(SalesDocLine).where(SalesDocLine.doc_id.in_(chunk))).scalars())
    return out


def _last_prices(session: Session, by_id: dict[int, SalesDoc], lines: list[SalesDocLine]) -> list[LastPrice]:
    """The newest price charged per SKU × unit (free units of a promotion are not a price)."""
    sold = [ln for ln in lines if by_id[ln.doc_id].kind in SOLD and ln.price > 0]
    sold.sort(key=lambda ln: (by_id[ln.doc_id].business_date, ln.doc_id, ln.id), reverse=True)
    seen: set[tuple[int, int]] = set()
    picked = []
    for ln in sold:
        if (ln.sku_id, ln.unit_id) not in seen:
            seen.add((ln.sku_id, ln.unit_id))
            picked.append(ln)
    infos = sku_infos(session, {ln.sku_id for ln in picked})
    units = unit_names(session)
    return [
        LastPrice(
            sku_id=ln.sku_id,
            sku=infos[ln.sku_id].code,
            product_name=infos[ln.sku_id].name,
            unit_id=ln.unit_id,
            unit=units.get(ln.unit_id, ("", True))[0],
            price=ln.price,
            date=by_id[ln.doc_id].business_date,
            number=by_id[ln.doc_id].number,
        )
        for ln in picked
    ]


def _top_products(
    session: Session, by_id: dict[int, SalesDoc], lines: list[SalesDocLine]
) -> list[TopProduct]:
    qty: dict[int, Decimal] = defaultdict(Decimal)
    amount: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for ln in lines:
        d = by_id[ln.doc_id]
        sign = _sign(d.kind)
        qty[ln.sku_id] += sign * abs(ln.base_qty)
        amount[ln.sku_id] += sign * abs(base_of(ln.total, d.rate))
    best = sorted(qty, key=lambda s: (-amount[s], -qty[s], s))[:TOP]
    infos = sku_infos(session, set(best))
    return [
        TopProduct(
            sku_id=s,
            sku_code=infos[s].code,
            product_name=infos[s].name,
            qty=qty[s],
            amount=amount[s],
        )
        for s in best
    ]


def record(
    session: Session, customer_id: int, date_from: date | None = None, date_to: date | None = None
) -> CustomerRecord:
    s = standing(session, customer_id)
    owner_id = session.execute(select(Partner.salesperson_id).where(Partner.id == customer_id)).scalar_one()
    owner = session.get(User, owner_id) if owner_id is not None else None
    docs = _docs(session, customer_id, date_from, date_to)
    by_id = {d.id: d for d in docs}
    lines = _lines(session, docs)
    sold = sum(
        (_sign(d.kind) * abs(base_of(d.total_amount, d.rate)) for d in docs if d.kind != "order"), ZERO
    )
    return CustomerRecord(
        customer_id=s.customer_id,
        customer_name=s.customer_name,
        salesperson_id=owner_id,
        salesperson_name=owner.display_name if owner is not None else None,
        sold_amount=sold,
        outstanding=s.outstanding,
        open_orders=s.open_orders,
        credit_limit=s.credit_limit,
        overdue_amount=s.overdue_amount,
        profit_amount=_profit(docs),
        documents=[
            RecordDocument(
                id=d.id,
                kind=d.kind,
                number=d.number,
                business_date=d.business_date,
                status=d.status,
                total_amount=d.total_amount,
                deliver_status=d.deliver_status,
            )
            for d in docs[:MAX_DOCUMENTS]
        ],
        payments=_payments(session, customer_id, date_from, date_to),
        last_prices=_last_prices(session, by_id, lines),
        top_products=_top_products(session, by_id, lines),
    )
