"""Read side of the money ledger: open items (the allocation picker), 应收应付余额, 账户余额 and 资金流水
with its running balance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from jxc.common.errors import NotFound
from jxc.common.pagination import ListParams
from jxc.common.pinyin import search_pattern
from jxc.common.schemas import Money, ReadModel
from jxc.finance import ledger
from jxc.finance.doc_schemas import OpenItem
from jxc.finance.ledger_models import AccountBalance, AccountEntry, PartnerBalance, PartnerEntry
from jxc.finance.models import Account
from jxc.finance.report_common import (
    account_names,
    category_names,
    check_range,
    kind_label,
    page_rows,
    partner,
    partner_names,
)
from jxc.partners.models import Partner

ZERO = Decimal("0.00")
Sign = Literal["debit", "credit", "all"]


class PartnerBalanceRead(ReadModel):
    partner_id: int
    partner_code: str
    partner_name: str
    side: str
    currency: str
    balance: Money
    base_balance: Money
    debt_open: Money  # Σ open positive entries: what is still to be settled
    prepaid: Money  # −Σ open negative entries: 预收/预付 not yet used


class AccountBalanceRead(ReadModel):
    account_id: int
    account_code: str
    account_name: str
    kind: str
    balance: Money


class AccountBalances(ReadModel):
    items: list[AccountBalanceRead]
    total: Money


class AccountFlowRow(ReadModel):
    id: int
    business_date: date
    account_id: int
    account_name: str
    doc_kind: str
    doc_kind_label: str
    doc_number: str
    doc_id: int
    partner_name: str | None
    category_name: str | None
    remark: str
    income: Money
    expense: Money
    balance: Money  # running, after this entry


class AccountFlowPage(ReadModel):
    items: list[AccountFlowRow]
    total: int
    page: int
    page_size: int
    opening_balance: Money
    closing_balance: Money


def open_items(
    session: Session, partner_id: int, side: str, sign: Sign = "debit", currency: str | None = None
) -> list[OpenItem]:
    partner(session, partner_id)
    rows = ledger.open_entries(session, partner_id, side, currency, sign)
    return [OpenItem.model_validate(e) for e in rows]


def _open_sums(session: Session, side: str, partner_ids: list[int]) -> dict[tuple[int, str, bool], Decimal]:
    """(partner, currency, positive?) → Σ open amounts, for the partners on one page."""
    if not partner_ids:
        return {}
    positive = PartnerEntry.open_amount > 0
    rows = session.execute(
        select(PartnerEntry.partner_id, PartnerEntry.currency, positive, func.sum(PartnerEntry.open_amount))
        .where(
            PartnerEntry.side == side,
            PartnerEntry.partner_id.in_(partner_ids),
            PartnerEntry.open_amount != 0,
        )
        .group_by(PartnerEntry.partner_id, PartnerEntry.currency, positive)
    ).all()
    return {(int(p), str(c), bool(pos)): Decimal(total) for p, c, pos, total in rows}


PARTNER_SORTS = {
    "code": Partner.code,
    "name": Partner.name,
    "currency": PartnerBalance.currency,
    "balance": PartnerBalance.balance,
    "base_balance": PartnerBalance.base_balance,
}


def partner_balances(
    session: Session,
    params: ListParams,
    side: str,
    nonzero: bool = True,
    limit: int | None = None,
) -> tuple[list[PartnerBalanceRead], int]:
    stmt = (
        select(PartnerBalance, Partner.code, Partner.name)
        .join(Partner, Partner.id == PartnerBalance.partner_id)
        .where(PartnerBalance.side == side)
    )
    if params.q:
        stmt = stmt.where(Partner.search_text.like(search_pattern(params.q), escape="\\"))
    if nonzero:
        # A zero balance can still hide an open debt and an unused prepayment of the same size: keep those
        # rows, someone has to allocate them.
        still_open = exists().where(
            PartnerEntry.partner_id == PartnerBalance.partner_id,
            PartnerEntry.side == PartnerBalance.side,
            PartnerEntry.currency == PartnerBalance.currency,
            PartnerEntry.open_amount != 0,
        )
        stmt = stmt.where(or_(PartnerBalance.balance != 0, still_open))
    order = params.order_by(PARTNER_SORTS, [Partner.code, PartnerBalance.currency, PartnerBalance.id])
    rows, total = page_rows(session, stmt.order_by(*order), params, limit)
    sums = _open_sums(session, side, sorted({b.partner_id for b, _, _ in rows}))
    return [
        PartnerBalanceRead(
            partner_id=b.partner_id,
            partner_code=code,
            partner_name=name,
            side=b.side,
            currency=b.currency,
            balance=b.balance,
            base_balance=b.base_balance,
            debt_open=sums.get((b.partner_id, b.currency, True), ZERO),
            prepaid=-sums.get((b.partner_id, b.currency, False), ZERO),
        )
        for b, code, name in rows
    ], total


def account_balances(session: Session) -> AccountBalances:
    rows = session.execute(
        select(Account, AccountBalance.balance)
        .outerjoin(AccountBalance, AccountBalance.account_id == Account.id)
        .order_by(Account.code)
    ).all()
    items = [
        AccountBalanceRead(
            account_id=a.id,
            account_code=a.code,
            account_name=a.name,
            kind=a.kind,
            balance=balance if balance is not None else ZERO,
        )
        for a, balance in rows
        # A deactivated account still shows while money sits in it.
        if a.is_active or (balance or 0) != 0
    ]
    return AccountBalances(items=items, total=sum((i.balance for i in items), ZERO))


def _sum(session: Session, stmt: Select[*tuple[Any, ...]]) -> Decimal:
    sub = stmt.subquery()
    value = session.execute(select(func.sum(sub.c.amount))).scalar_one()
    return Decimal(value) + ZERO if value is not None else ZERO


def account_entries(
    session: Session,
    params: ListParams,
    account_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
) -> AccountFlowPage:
    """资金流水 of one account (or all of them together), oldest first, each row with the balance after it."""
    check_range(date_from, date_to)
    base = select(AccountEntry.amount)
    if account_id is not None:
        if session.get(Account, account_id) is None:
            raise NotFound("account_not_found")
        base = base.where(AccountEntry.account_id == account_id)
    opening = ZERO
    if date_from is not None:
        opening = _sum(session, base.where(AccountEntry.business_date < date_from))
        base = base.where(AccountEntry.business_date >= date_from)
    if date_to is not None:
        base = base.where(AccountEntry.business_date <= date_to)
    count_sub = base.subquery()
    total, moved = session.execute(select(func.count(), func.sum(count_sub.c.amount))).one()
    closing = opening + (Decimal(moved) if moved is not None else ZERO)
    ordered = base.order_by(AccountEntry.business_date, AccountEntry.id)
    stmt = ordered.with_only_columns(AccountEntry)
    if limit is not None:
        entries = list(session.execute(stmt.limit(limit)).scalars())
        running = opening
    else:
        offset = (params.page - 1) * params.page_size
        entries = list(session.execute(stmt.limit(params.page_size).offset(offset)).scalars())
        # The page starts where the rows before it left the balance.
        running = opening + (_sum(session, ordered.limit(offset)) if offset else ZERO)
    accounts = account_names(session, (e.account_id for e in entries))
    partners = partner_names(session, (e.partner_id for e in entries))
    categories = category_names(session, (e.category_id for e in entries))
    items = []
    for e in entries:
        running += e.amount
        items.append(
            AccountFlowRow(
                id=e.id,
                business_date=e.business_date,
                account_id=e.account_id,
                account_name=accounts.get(e.account_id, ""),
                doc_kind=e.doc_kind,
                doc_kind_label=kind_label(e.doc_kind),
                doc_number=e.doc_number,
                doc_id=e.doc_id,
                partner_name=partners.get(e.partner_id) if e.partner_id else None,
                category_name=categories.get(e.category_id) if e.category_id else None,
                remark=e.remark,
                income=e.amount if e.amount > 0 else ZERO,
                expense=-e.amount if e.amount < 0 else ZERO,
                balance=running,
            )
        )
    return AccountFlowPage(
        items=items,
        total=int(total),
        page=params.page,
        page_size=params.page_size,
        opening_balance=opening,
        closing_balance=closing,
    )
