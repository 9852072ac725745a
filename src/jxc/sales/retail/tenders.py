"""Tenders (收款方式) at the counter: which accounts, how much each, the change (找零), where money goes.

A ticket is paid at once: Σ tenders ≥ due (`tender_insufficient`), and only cash may exceed the due — the
change comes out of the cash tendered, so a WeChat or card payment above the due is refused
(`tender_invalid`). Each account then receives what it kept (cash less the change) through the money door,
`finance.ledger.cash`; a ticket makes no receivable. A return pays its refund out exactly."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from jxc.common.errors import Invalid, field_error
from jxc.db.engine import Prepared
from jxc.db.scoping import session_company
from jxc.db.transient import plain_row
from jxc.finance import ledger as money
from jxc.finance.ledger import Cash
from jxc.finance.models import Account
from jxc.inventory.costing import money as fen
from jxc.sales.models import SalesPayment
from jxc.sales.retail.schemas import Method, PaymentRead, TenderWrite

ZERO = Decimal(0)
_table: Table = Account.__table__  # type: ignore[assignment]
# The sales_payments method of each kind of account.
METHODS: dict[str, Method] = {"cash": "cash", "wechat": "wechat", "alipay": "alipay", "bank": "card"}


@dataclass(frozen=True)
class Tender:
    account_id: int
    account_name: str
    method: Method
    amount: Decimal  # tendered
    kept: Decimal  # what the account keeps: the amount, less the change for cash


@dataclass(frozen=True)
class Tendered:
    tenders: list[Tender]
    tendered: Decimal
    change: Decimal

    def payments(self) -> list[PaymentRead]:
        return [
            PaymentRead(
                account_id=t.account_id, account_name=t.account_name, method=t.method, amount=t.amount
            )
            for t in self.tenders
        ]

    def rows(self, doc_id: int, company_id: int) -> list[SalesPayment]:
        return [
            plain_row(
                SalesPayment,
                company_id=company_id,
                doc_id=doc_id,
                line_no=i + 1,
                account_id=t.account_id,
                method=t.method,
                amount=t.amount,
            )
            for i, t in enumerate(self.tenders)
        ]


# Read on every sale: prepared once (db.engine.Prepared), naming the company itself.
_ACCOUNTS = Prepared(
    select(_table.c.id, _table.c.name, _table.c.kind).where(
        _table.c.company_id == bindparam("company_id"),
        _table.c.id.in_(bindparam("ids", expanding=True)),
        _table.c.is_active.is_(True),
    )
)


def _accounts(
    session: Session, payments: list[TenderWrite]
) -> tuple[dict[int, tuple[str, str]], list[dict[str, str]]]:
    ids = sorted({p.account_id for p in payments})
    params = {"company_id": session_company(session), "ids": ids}
    found = (
        {int(r.id): (str(r.name), str(r.kind)) for r in _ACCOUNTS.rows(session.connection(), params)}
        if ids
        else {}
    )
    errors = [
        field_error(f"payments.{i}.account_id", "tender_account_invalid")
        for i, p in enumerate(payments)
        if p.account_id not in found
    ]
    return found, errors


def _fmt(x: Decimal) -> str:
    return f"{x:.2f}"


def take(session: Session, payments: list[TenderWrite], due: Decimal) -> Tendered:
    """Check a ticket's tenders against what is due and work out the change."""
    accounts, errors = _accounts(session, payments)
    if errors:
        raise Invalid("tender_invalid", errors=errors)
    tendered = fen(sum((p.amount for p in payments), ZERO))
    if tendered < due:
        raise Invalid(
            "tender_insufficient",
            due=_fmt(due),
            tendered=_fmt(tendered),
            errors=[field_error("payments", "tender_insufficient", due=_fmt(due), tendered=_fmt(tendered))],
        )
    kinds = [accounts[p.account_id][1] for p in payments]
    not_cash = sum((p.amount for p, k in zip(payments, kinds, strict=True) if k != "cash"), ZERO)
    if not_cash > due:
        raise Invalid(
            "tender_invalid",
            errors=[
                field_error(f"payments.{i}.amount", "tender_over_due", due=_fmt(due))
                for i, k in enumerate(kinds)
                if k != "cash"
            ],
        )
    change = tendered - due
    # The change leaves the drawer: taken from the last cash tender first (the note handed over last).
    owed = change
    kept = [p.amount for p in payments]
    for i in reversed(range(len(payments))):
        if owed <= 0:
            break
        if kinds[i] == "cash":
            part = min(owed, kept[i])
            kept[i] -= part
            owed -= part
    return Tendered(
        [
            Tender(
                p.account_id, accounts[p.account_id][0], METHODS.get(k, "other"), fen(p.amount), fen(kept[i])
            )
            for i, (p, k) in enumerate(zip(payments, kinds, strict=True))
        ],
        tendered,
        change,
    )


def refund(session: Session, payments: list[TenderWrite], due: Decimal) -> Tendered:
    """A return's refund: the tenders must add up to it exactly (no change is given back on a refund)."""
    accounts, errors = _accounts(session, payments)
    if errors:
        raise Invalid("tender_invalid", errors=errors)
    paid = fen(sum((p.amount for p in payments), ZERO))
    if paid != due:
        raise Invalid(
            "tender_invalid",
            errors=[field_error("payments", "refund_mismatch", due=_fmt(due), paid=_fmt(paid))],
        )
    return Tendered(
        [
            Tender(
                p.account_id,
                accounts[p.account_id][0],
                METHODS.get(accounts[p.account_id][1], "other"),
                fen(p.amount),
                fen(p.amount),
            )
            for p in payments
        ],
        paid,
        ZERO,
    )


def post(session: Session, ref: money.DocRef, tendered: Tendered, sign: int, partner_id: int | None) -> None:
    """Each account receives what it kept (sign +1), or pays out the refund (sign −1), in base currency."""
    money.cash(
        session,
        ref,
        [Cash(t.account_id, sign * t.kept, partner_id) for t in tendered.tenders if t.kept != 0],
    )
