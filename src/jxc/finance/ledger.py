"""The one door for money (DESIGN §4; twin of inventory/ledger.py). Nothing else writes partner entries,
allocations, account entries or their balances; a test scans the code base for writes elsewhere.

Documents call, inside their own transaction:
- `owe(ref, [Owed])`: this document makes a partner owe (+) or be owed (−) on a side (应收 ar / 应付 ap);
- `cash(ref, [Cash])`: money in (+) or out (−) of a settlement account, in base currency;
- `allocate(ref, [Pair])`: 核销 — settle a positive entry with a negative one, never past either open amount;
- `pay_now(...)`: 本次收款/本次付款 on a sales or purchase document: the money, its entry and the allocation;
- `reverse(ref, reversal)`: 红冲 — undo the document's own allocations, then negate its entries; refused
  while other documents' allocations still use them (those must be reversed first, and we say which).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from jxc.auth.periods import check_open_period, company_rules
from jxc.common import context
from jxc.common.errors import Conflict, Invalid, field_error
from jxc.db.base import utcnow
from jxc.db.engine import Prepared
from jxc.db.scoping import session_company
from jxc.db.upsert import insert_missing
from jxc.finance.ledger_models import (
    SIDES,
    AccountBalance,
    AccountEntry,
    Allocation,
    PartnerEntry,
)
from jxc.finance.locks import lock_entries, lock_partner_balances
from jxc.finance.models import Account

CENT = Decimal("0.01")
ZERO = Decimal(0)


def base_of(amount: Decimal, rate: Decimal) -> Decimal:
    """Document currency → base currency, rounded half-up to the fen once (every base total sums these)."""
    return (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class DocRef:
    kind: str
    id: int
    number: str
    business_date: date


@dataclass(frozen=True)
class Owed:
    partner_id: int
    side: str
    amount: Decimal  # signed, document currency
    currency: str
    rate: Decimal = Decimal(1)
    due_date: date | None = None
    remark: str = ""
    reverses_id: int | None = None  # a 红冲 row names the entry it negates and is settled against it


@dataclass(frozen=True)
class Cash:
    account_id: int
    amount: Decimal  # signed, base currency
    partner_id: int | None = None
    category_id: int | None = None
    remark: str = ""
    reverses_id: int | None = None


@dataclass(frozen=True)
class Pair:
    debit_entry_id: int
    credit_entry_id: int
    amount: Decimal  # > 0
    line: int | None = None  # the document line it came from, for errors


def owe(session: Session, ref: DocRef, items: Sequence[Owed]) -> list[PartnerEntry]:
    if not items:
        return []
    check_open_period(session, ref.business_date)
    for it in items:
        if it.side not in SIDES or it.amount == 0:
            raise Invalid("amount_invalid")
        if it.rate <= 0:
            raise Invalid("rate_invalid")
    balances = lock_partner_balances(session, [(it.partner_id, it.side, it.currency) for it in items])
    user = context.current().user_id
    rows = []
    for it in items:
        base = base_of(it.amount, it.rate)
        rows.append(
            PartnerEntry(
                partner_id=it.partner_id,
                side=it.side,
                business_date=ref.business_date,
                due_date=it.due_date,
                doc_kind=ref.kind,
                doc_id=ref.id,
                doc_number=ref.number,
                currency=it.currency,
                rate=it.rate,
                amount=it.amount,
                base_amount=base,
                remark=it.remark,
                open_amount=ZERO if it.reverses_id else it.amount,
                reverses_id=it.reverses_id,
                created_by=user,
            )
        )
        bal = balances[(it.partner_id, it.side, it.currency)]
        bal.balance += it.amount
        bal.base_balance += base
    session.add_all(rows)
    session.flush()
    return rows


_ACCOUNT_BALANCES: Table = AccountBalance.__table__  # type: ignore[assignment]
_ACCOUNT_ENTRIES: Table = AccountEntry.__table__  # type: ignore[assignment]
# Every sale at the till and every receipt or payment moves an account: prepared once (db.engine). Each names
# the company, as Core bypasses the ORM's company filter.
_LOCK_ACCOUNTS = Prepared(
    select(_ACCOUNT_BALANCES.c.id, _ACCOUNT_BALANCES.c.account_id, _ACCOUNT_BALANCES.c.balance)
    .where(
        _ACCOUNT_BALANCES.c.company_id == bindparam("company_id"),
        _ACCOUNT_BALANCES.c.account_id.in_(bindparam("accounts", expanding=True)),
    )
    .order_by(_ACCOUNT_BALANCES.c.account_id)
    .with_for_update()
)
_SET_ACCOUNT = Prepared(
    update(_ACCOUNT_BALANCES)
    .where(
        _ACCOUNT_BALANCES.c.id == bindparam("id_"), _ACCOUNT_BALANCES.c.company_id == bindparam("company_")
    )
    .values(balance=bindparam("balance"), negative_ok=bindparam("negative_ok"))
)
_ADD_ACCOUNT_ENTRY = Prepared(
    insert(_ACCOUNT_ENTRIES).values(
        {c.key: bindparam(c.key) for c in _ACCOUNT_ENTRIES.columns if c.key != "id"}
    )
)


def _lock_accounts(session: Session, company_id: int, wanted: list[int]) -> dict[int, Any]:
    """The balance rows of these accounts, locked in account order (missing ones created first)."""
    conn = session.connection()
    rows = {
        r.account_id: r for r in _LOCK_ACCOUNTS.rows(conn, {"company_id": company_id, "accounts": wanted})
    }
    if len(rows) < len(wanted):
        insert_missing(
            session,
            _ACCOUNT_BALANCES,
            [
                {"company_id": company_id, "account_id": a, "balance": 0, "negative_ok": False}
                for a in wanted
                if a not in rows
            ],
        )
        rows = {
            r.account_id: r for r in _LOCK_ACCOUNTS.rows(conn, {"company_id": company_id, "accounts": wanted})
        }
    return rows


def cash(session: Session, ref: DocRef, items: Sequence[Cash]) -> None:
    items = [it for it in items if it.amount != 0]
    if not items:
        return
    check_open_period(session, ref.business_date)
    negative_ok = company_rules(session).allow_negative_cash
    company_id = session_company(session)
    assert company_id is not None
    session.flush()  # ORM changes of this request go first: a Core write must not be overtaken
    balances = _lock_accounts(session, company_id, sorted({it.account_id for it in items}))
    running = {a: r.balance for a, r in balances.items()}
    user = context.current().user_id
    now = utcnow()
    entries = []
    for it in items:
        if it.amount < 0 and running[it.account_id] + it.amount < 0 and not negative_ok:
            raise Conflict(
                "insufficient_funds",
                account=_account_name(session, it.account_id),
                balance=f"{running[it.account_id]:.2f}",
                amount=f"{-it.amount:.2f}",
            )
        running[it.account_id] += it.amount
        entries.append(
            {
                "company_id": company_id,
                "account_id": it.account_id,
                "business_date": ref.business_date,
                "amount": it.amount,
                "doc_kind": ref.kind,
                "doc_id": ref.id,
                "doc_number": ref.number,
                "partner_id": it.partner_id,
                "category_id": it.category_id,
                "remark": it.remark,
                "reverses_id": it.reverses_id,
                "created_by": user,
                "created_at": now,
            }
        )
    conn = session.connection()
    _SET_ACCOUNT.run(
        conn,
        [
            {"id_": balances[a].id, "company_": company_id, "balance": v, "negative_ok": negative_ok}
            for a, v in running.items()
        ],
    )
    _ADD_ACCOUNT_ENTRY.run(conn, entries)
    for obj in list(session.identity_map.values()):  # ORM objects of these rows are stale now
        if isinstance(obj, AccountBalance | AccountEntry):
            session.expire(obj)


def _account_name(session: Session, account_id: int) -> str:
    return session.execute(select(Account.name).where(Account.id == account_id)).scalar_one()


def allocate(session: Session, ref: DocRef, pairs: Sequence[Pair]) -> list[Allocation]:
    """Settle each pair in order under the entries' locks; nothing is written if any pair does not fit."""
    pairs = [p for p in pairs if p.amount != 0]
    if not pairs:
        return []
    entries = lock_entries(session, [i for p in pairs for i in (p.debit_entry_id, p.credit_entry_id)])
    errors = []
    for n, p in enumerate(pairs):
        field = f"lines.{p.line if p.line is not None else n}"
        debit, credit = entries.get(p.debit_entry_id), entries.get(p.credit_entry_id)
        if debit is None or credit is None or debit.amount <= 0 or credit.amount >= 0 or p.amount < 0:
            raise Invalid("allocation_wrong_partner", errors=[field_error(field, "allocation_wrong_partner")])
        if (debit.partner_id, debit.side) != (credit.partner_id, credit.side):
            raise Invalid("allocation_wrong_partner", errors=[field_error(field, "allocation_wrong_partner")])
        if debit.currency != credit.currency:
            raise Invalid("currency_mismatch", errors=[field_error(field, "currency_mismatch")])
        room = min(debit.open_amount, -credit.open_amount)
        if p.amount > room:
            errors.append(
                field_error(
                    field,
                    "allocation_exceeds_open_line",
                    number=debit.doc_number if p.amount > debit.open_amount else credit.doc_number,
                    open=f"{room:.2f}",
                    amount=f"{p.amount:.2f}",
                )
            )
            continue
        debit.open_amount -= p.amount
        credit.open_amount += p.amount
    if errors:
        raise Conflict("allocation_exceeds_open", errors=errors)
    return _write_allocations(session, ref, [(p.debit_entry_id, p.credit_entry_id, p.amount) for p in pairs])


def _write_allocations(
    session: Session, ref: DocRef, rows: list[tuple[int, int, Decimal]], reverses: list[int] | None = None
) -> list[Allocation]:
    user = context.current().user_id
    out = [
        Allocation(
            debit_entry_id=d,
            credit_entry_id=c,
            amount=a,
            business_date=ref.business_date,
            doc_kind=ref.kind,
            doc_id=ref.id,
            doc_number=ref.number,
            reverses_id=reverses[i] if reverses else None,
            created_by=user,
        )
        for i, (d, c, a) in enumerate(rows)
    ]
    session.add_all(out)
    session.flush()
    return out


def open_entries(
    session: Session, partner_id: int, side: str, currency: str | None = None, sign: str = "debit"
) -> list[PartnerEntry]:
    """The partner's open entries on a side, oldest first (business date, then number)."""
    stmt = select(PartnerEntry).where(PartnerEntry.partner_id == partner_id, PartnerEntry.side == side)
    if currency:
        stmt = stmt.where(PartnerEntry.currency == currency)
    if sign == "debit":
        stmt = stmt.where(PartnerEntry.open_amount > 0)
    elif sign == "credit":
        stmt = stmt.where(PartnerEntry.open_amount < 0)
    else:
        stmt = stmt.where(PartnerEntry.open_amount != 0)
    stmt = stmt.order_by(PartnerEntry.business_date, PartnerEntry.doc_number, PartnerEntry.id)
    return list(session.execute(stmt).scalars())


def oldest_first(
    credits: Sequence[PartnerEntry], debits: Sequence[PartnerEntry], limit: Decimal | None = None
) -> list[Pair]:
    """Pair open credits with open debits, both oldest first, up to `limit` in all (FIFO 核销)."""
    pairs: list[Pair] = []
    left = {d.id: d.open_amount for d in debits}
    budget = limit
    for c in credits:
        room = -c.open_amount
        for d in debits:
            if room <= 0 or (budget is not None and budget <= 0):
                break
            if d.currency != c.currency or left[d.id] <= 0:
                continue
            amount = min(room, left[d.id], budget if budget is not None else room)
            pairs.append(Pair(d.id, c.id, amount))
            left[d.id] -= amount
            room -= amount
            if budget is not None:
                budget -= amount
    return pairs


def fifo_pairs(
    session: Session,
    partner_id: int,
    side: str,
    currency: str | None,
    credit_ids: Sequence[int] | None = None,
) -> list[Pair]:
    """Automatic 核销: the partner's open credits (or just `credit_ids`) against its open debits, both oldest
    first, read under the entries' locks so a concurrent posting cannot leave us pairing stale amounts."""
    candidates = open_entries(session, partner_id, side, currency, sign="all")
    locked = lock_entries(session, [e.id for e in candidates] + list(credit_ids or []))
    ordered = sorted(locked.values(), key=lambda e: (e.business_date, e.doc_number, e.id))
    debits = [e for e in ordered if e.amount > 0 and e.open_amount > 0]
    if credit_ids is not None:
        credits = [locked[i] for i in credit_ids if i in locked]
    else:
        credits = [e for e in ordered if e.amount < 0 and e.open_amount < 0]
    return oldest_first(credits, debits)


def entry(session: Session, entry_id: int) -> PartnerEntry:
    found = session.get(PartnerEntry, entry_id)
    assert found is not None
    return found


def pay_now(
    session: Session,
    ref: DocRef,
    entry: PartnerEntry,
    account_id: int,
    amount: Decimal,
) -> PartnerEntry:
    """本次收款/本次付款 on the document that made `entry`: the money into (ar) or out of (ap) the account,
    the partner entry that records it, and its allocation to `entry`."""
    if amount <= 0 or amount > entry.open_amount:
        raise Invalid("amount_invalid")
    [paid] = owe(session, ref, [Owed(entry.partner_id, entry.side, -amount, entry.currency, entry.rate)])
    money = base_of(amount, entry.rate)
    cash(session, ref, [Cash(account_id, money if entry.side == "ar" else -money, entry.partner_id)])
    allocate(session, ref, [Pair(entry.id, paid.id, amount)])
    return paid


def live_allocations(session: Session, entry_ids: Sequence[int]) -> list[Allocation]:
    """Allocations touching these entries that no later row has undone."""
    if not entry_ids:
        return []
    undone = select(Allocation.reverses_id).where(Allocation.reverses_id.is_not(None))
    rows = session.execute(
        select(Allocation).where(
            Allocation.reverses_id.is_(None),
            Allocation.id.not_in(undone),
            (Allocation.debit_entry_id.in_(entry_ids)) | (Allocation.credit_entry_id.in_(entry_ids)),
        )
    ).scalars()
    return list(rows)


def reverse(session: Session, ref: DocRef, reversal: DocRef) -> None:
    """红冲 of everything `ref` posted, dated `reversal.business_date`."""
    check_open_period(session, reversal.business_date)
    # Entries already negated are left alone: a purchase document un-approved (反审核) and approved again
    # posts anew under the same ref, and only what is still standing is undone.
    negated = select(PartnerEntry.reverses_id).where(PartnerEntry.reverses_id.is_not(None))
    entries = list(
        session.execute(
            select(PartnerEntry)
            .where(PartnerEntry.doc_kind == ref.kind, PartnerEntry.doc_id == ref.id)
            .where(PartnerEntry.reverses_id.is_(None), PartnerEntry.id.not_in(negated))
            .order_by(PartnerEntry.id)
        ).scalars()
    )
    own = list(
        session.execute(
            select(Allocation).where(
                Allocation.doc_kind == ref.kind, Allocation.doc_id == ref.id, Allocation.reverses_id.is_(None)
            )
        ).scalars()
    )
    touched = {i for a in own for i in (a.debit_entry_id, a.credit_entry_id)} | {e.id for e in entries}
    locked = lock_entries(session, touched)
    live = live_allocations(session, [e.id for e in entries])
    blockers = sorted({a.doc_number for a in live if (a.doc_kind, a.doc_id) != (ref.kind, ref.id)})
    if blockers:
        raise Conflict("reverse_blocked", docs="、".join(blockers))
    undo = [
        a for a in live_allocations(session, list(touched)) if (a.doc_kind, a.doc_id) == (ref.kind, ref.id)
    ]
    for a in undo:
        locked[a.debit_entry_id].open_amount += a.amount
        locked[a.credit_entry_id].open_amount -= a.amount
    _write_allocations(
        session,
        reversal,
        [(a.debit_entry_id, a.credit_entry_id, -a.amount) for a in undo],
        [a.id for a in undo],
    )
    # Negate each entry and settle it against its negation, so neither stays open.
    negations = owe(
        session,
        reversal,
        [
            Owed(e.partner_id, e.side, -e.amount, e.currency, e.rate, e.due_date, e.remark, e.id)
            for e in entries
        ],
    )
    pairs = []
    for original, neg in zip(entries, negations, strict=True):
        original.open_amount = ZERO
        debit, credit = (original, neg) if original.amount > 0 else (neg, original)
        pairs.append((debit.id, credit.id, abs(original.amount)))
    session.flush()
    _write_allocations(session, reversal, pairs)
    accounts = list(
        session.execute(
            select(AccountEntry)
            .where(AccountEntry.doc_kind == ref.kind, AccountEntry.doc_id == ref.id)
            .where(
                AccountEntry.reverses_id.is_(None),
                AccountEntry.id.not_in(
                    select(AccountEntry.reverses_id).where(AccountEntry.reverses_id.is_not(None))
                ),
            )
            .order_by(AccountEntry.id)
        ).scalars()
    )
    cash(
        session,
        reversal,
        [Cash(a.account_id, -a.amount, a.partner_id, a.category_id, a.remark, a.id) for a in accounts],
    )
