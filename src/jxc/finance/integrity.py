"""`jxc verify` for money (invariant 5): partner and account balances equal the sums of their entries, every
entry's open amount equals its amount less its allocations, and no allocation exceeds either side."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jxc.auth.models import Company
from jxc.common import verify
from jxc.db.engine import Database
from jxc.finance.ledger_models import AccountBalance, AccountEntry, Allocation, PartnerBalance, PartnerEntry

ZERO = Decimal(0)


def problems(session: Session) -> list[str]:
    out: list[str] = []
    sums = {
        (int(p), str(s), str(c)): (Decimal(a), Decimal(b))
        for p, s, c, a, b in session.execute(
            select(
                PartnerEntry.partner_id,
                PartnerEntry.side,
                PartnerEntry.currency,
                func.sum(PartnerEntry.amount),
                func.sum(PartnerEntry.base_amount),
            ).group_by(PartnerEntry.partner_id, PartnerEntry.side, PartnerEntry.currency)
        ).all()
    }
    cached = {
        (b.partner_id, b.side, b.currency): b for b in session.execute(select(PartnerBalance)).scalars()
    }
    for key in sorted(set(sums) | set(cached)):
        amount, base = sums.get(key, (ZERO, ZERO))
        row = cached.get(key)
        have = (row.balance, row.base_balance) if row else (ZERO, ZERO)
        if have != (amount, base):
            out.append(
                f"partner {key[0]} {key[1]} {key[2]}: balance {have[0]}/{have[1]}, entries {amount}/{base}"
            )
    account_sums = {
        int(a): Decimal(s)
        for a, s in session.execute(
            select(AccountEntry.account_id, func.sum(AccountEntry.amount)).group_by(AccountEntry.account_id)
        ).all()
    }
    accounts = {b.account_id: b for b in session.execute(select(AccountBalance)).scalars()}
    for account_id in sorted(set(account_sums) | set(accounts)):
        held = accounts[account_id].balance if account_id in accounts else ZERO
        if held != account_sums.get(account_id, ZERO):
            out.append(f"account {account_id}: balance {held}, entries {account_sums.get(account_id, ZERO)}")
        if account_id in accounts and held < 0 and not accounts[account_id].negative_ok:
            out.append(f"account {account_id}: negative balance {held}")
    out.extend(_open_amounts(session))
    return out


def _open_amounts(session: Session) -> list[str]:
    debits = dict(
        session.execute(
            select(Allocation.debit_entry_id, func.sum(Allocation.amount)).group_by(Allocation.debit_entry_id)
        ).all()
    )
    credits = dict(
        session.execute(
            select(Allocation.credit_entry_id, func.sum(Allocation.amount)).group_by(
                Allocation.credit_entry_id
            )
        ).all()
    )
    out = []
    for e in session.execute(select(PartnerEntry).order_by(PartnerEntry.id)).scalars():
        settled = Decimal(debits.get(e.id, 0)) - Decimal(credits.get(e.id, 0))
        if (e.amount > 0 and e.id in credits) or (e.amount < 0 and e.id in debits):
            out.append(f"entry {e.id} ({e.doc_number}): allocated on the wrong side")
        if e.open_amount != e.amount - settled:
            want = e.amount - settled
            out.append(f"entry {e.id} ({e.doc_number}): open {e.open_amount}, amount less allocations {want}")
        if abs(settled) > abs(e.amount) or settled * e.amount < 0:
            out.append(f"entry {e.id} ({e.doc_number}): allocations {settled} exceed amount {e.amount}")
    return out


def rebuild(session: Session) -> int:
    """Rebuild the session company's partner and account balances and every entry's open amount from the
    entries and allocations (the caches of `problems`); returns rows changed. Rows are locked in the
    ledger's order first: entries, partner balances, account balances."""
    entries = list(
        session.execute(select(PartnerEntry).order_by(PartnerEntry.id).with_for_update()).scalars()
    )
    partner_rows = {
        (b.partner_id, b.side, b.currency): b
        for b in session.execute(
            select(PartnerBalance)
            .order_by(PartnerBalance.partner_id, PartnerBalance.side, PartnerBalance.currency)
            .with_for_update()
        ).scalars()
    }
    account_rows = {
        b.account_id: b
        for b in session.execute(
            select(AccountBalance).order_by(AccountBalance.account_id).with_for_update()
        ).scalars()
    }
    debit = _allocated(session, Allocation.debit_entry_id)
    credit = _allocated(session, Allocation.credit_entry_id)
    changed = 0
    sums: dict[tuple[int, str, str], tuple[Decimal, Decimal]] = {}
    for e in entries:
        want = e.amount - debit.get(e.id, ZERO) + credit.get(e.id, ZERO)
        if e.open_amount != want:
            e.open_amount = want
            changed += 1
        amount, base = sums.get((e.partner_id, e.side, e.currency), (ZERO, ZERO))
        sums[(e.partner_id, e.side, e.currency)] = (amount + e.amount, base + e.base_amount)
    for key in sorted(set(sums) | set(partner_rows)):
        amount, base = sums.get(key, (ZERO, ZERO))
        row = partner_rows.get(key)
        if row is None:
            row = PartnerBalance(partner_id=key[0], side=key[1], currency=key[2])
            session.add(row)
        elif (row.balance, row.base_balance) == (amount, base):
            continue
        row.balance, row.base_balance = amount, base
        changed += 1
    account_sums = {
        int(a): Decimal(v)
        for a, v in session.execute(
            select(AccountEntry.account_id, func.sum(AccountEntry.amount)).group_by(AccountEntry.account_id)
        ).all()
    }
    for account_id in sorted(set(account_sums) | set(account_rows)):
        want_balance = account_sums.get(account_id, ZERO)
        acc = account_rows.get(account_id)
        if acc is None:
            acc = AccountBalance(account_id=account_id, negative_ok=False)
            session.add(acc)
        elif acc.balance == want_balance:
            continue
        acc.balance = want_balance
        acc.negative_ok = acc.negative_ok or want_balance < 0
        changed += 1
    session.flush()
    return changed


def _allocated(session: Session, column: Any) -> dict[int, Decimal]:
    return {
        int(i): Decimal(v)
        for i, v in session.execute(select(column, func.sum(Allocation.amount)).group_by(column)).all()
    }


def _companies(db: Database) -> list[int]:
    with db.transaction(writer=False, all_companies=True) as s:
        return [int(c) for c in s.execute(select(Company.id)).scalars()]


@verify.register("往来与账户余额与明细一致 / partner and account balances match their entries")
def _money_check(db: Database) -> list[str]:
    out: list[str] = []
    for cid in _companies(db):
        with db.transaction(writer=False, company_id=cid) as s:
            out.extend(f"[company {cid}] {p}" for p in problems(s))
    return out
