"""对账单: one partner's entries on one side and currency over a period, with the balance carried in and
the balance after every row. Also served, read-only, through share links (statement_links.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jxc.auth.models import Company
from jxc.common.schemas import Money, ReadModel
from jxc.db.scoping import session_company
from jxc.finance.currencies import currency_code
from jxc.finance.ledger_models import PartnerEntry
from jxc.finance.report_common import check_range, kind_label, partner

ZERO = Decimal("0.00")


class StatementRow(ReadModel):
    business_date: date
    doc_kind: str
    doc_kind_label: str
    doc_id: int
    doc_number: str
    remark: str
    increase: Money
    decrease: Money
    balance: Money


class Statement(ReadModel):
    company_name: str
    partner_id: int
    partner_code: str
    partner_name: str
    side: str
    currency: str
    date_from: date
    date_to: date
    opening_balance: Money
    rows: list[StatementRow]
    total_increase: Money
    total_decrease: Money
    closing_balance: Money


@dataclass(frozen=True)
class Period:
    partner_id: int
    side: str
    date_from: date
    date_to: date
    currency: str | None = None  # None: the partner's own


def statement(session: Session, period: Period) -> Statement:
    check_range(period.date_from, period.date_to)
    who = partner(session, period.partner_id)
    currency = currency_code(period.currency) if period.currency else who.currency
    mine = (
        PartnerEntry.partner_id == who.id,
        PartnerEntry.side == period.side,
        PartnerEntry.currency == currency,
    )
    carried = session.execute(
        select(func.sum(PartnerEntry.amount)).where(*mine, PartnerEntry.business_date < period.date_from)
    ).scalar_one()
    opening = Decimal(carried) + ZERO if carried is not None else ZERO
    entries = session.execute(
        select(PartnerEntry)
        .where(*mine, PartnerEntry.business_date >= period.date_from)
        .where(PartnerEntry.business_date <= period.date_to)
        .order_by(PartnerEntry.business_date, PartnerEntry.id)
    ).scalars()
    rows = []
    balance, up, down = opening, ZERO, ZERO
    for e in entries:
        increase = e.amount if e.amount > 0 else ZERO
        decrease = -e.amount if e.amount < 0 else ZERO
        balance += e.amount
        up += increase
        down += decrease
        rows.append(
            StatementRow(
                business_date=e.business_date,
                doc_kind=e.doc_kind,
                doc_kind_label=kind_label(e.doc_kind),
                doc_id=e.doc_id,
                doc_number=e.doc_number,
                remark=e.remark,
                increase=increase,
                decrease=decrease,
                balance=balance,
            )
        )
    company = session.get(Company, session_company(session))
    return Statement(
        company_name=company.name if company else "",
        partner_id=who.id,
        partner_code=who.code,
        partner_name=who.name,
        side=period.side,
        currency=currency,
        date_from=period.date_from,
        date_to=period.date_to,
        opening_balance=opening,
        rows=rows,
        total_increase=up,
        total_decrease=down,
        closing_balance=balance,
    )
