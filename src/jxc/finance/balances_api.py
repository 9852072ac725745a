"""/api/v1 money views: open items, 应收应付余额, 账户余额, 资金流水."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from jxc.auth.deps import check, require, require_any
from jxc.auth.principal import Principal
from jxc.common.export import Column, choose_columns, export_response
from jxc.common.i18n import t
from jxc.common.pagination import ListParams, Page
from jxc.common.route import TransactionalRoute, get_session
from jxc.finance import balances
from jxc.finance.balances import AccountBalances, AccountFlowPage, PartnerBalanceRead, Sign
from jxc.finance.doc_schemas import OpenItem

router = APIRouter(prefix="/api/v1", tags=["money-balances"], route_class=TransactionalRoute)
Fmt = Literal["xlsx", "csv"]
Side = Literal["ar", "ap"]
EXPORT_LIMIT = 100_000

PARTNER_BALANCE_COLUMNS = [
    Column("partner_code", "field.partner_code"),
    Column("partner_name", "field.partner"),
    Column("currency", "field.currency"),
    Column("balance", "field.balance", "money"),
    Column("base_balance", "field.base_balance", "money"),
    Column("debt_open", "field.debt_open", "money"),
    Column("prepaid", "field.prepaid", "money"),
]
FLOW_COLUMNS = [
    Column("business_date", "field.business_date", "date"),
    Column("account_name", "field.account"),
    Column("doc_kind_label", "field.doc_kind"),
    Column("doc_number", "field.number"),
    Column("partner_name", "field.partner"),
    Column("category_name", "field.money_category"),
    Column("remark", "field.remark"),
    Column("income", "field.income", "money"),
    Column("expense", "field.expense", "money"),
    Column("balance", "field.balance", "money"),
]


@router.get("/partner-entries/open", response_model=list[OpenItem])
def open_partner_entries(
    partner_id: int,
    side: Side = "ar",
    sign: Sign = "debit",
    currency: str | None = Query(default=None, max_length=8),
    _: Principal = Depends(
        require_any(
            "finance.balance.view",
            "finance.receipt.create",
            "finance.payment.create",
            "finance.allocation.create",
        )
    ),
    session: Session = Depends(get_session),
) -> list[OpenItem]:
    return balances.open_items(session, partner_id, side, sign, currency.upper() if currency else None)


@router.get("/partner-balances", response_model=Page[PartnerBalanceRead])
def partner_balances(
    request: Request,
    params: ListParams = Depends(),
    side: Side = "ar",
    nonzero: bool = True,
    format: Fmt | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("finance.balance.view")),
    session: Session = Depends(get_session),
) -> Page[PartnerBalanceRead] | Response:
    if format:
        check(request, principal, "finance.balance.export")
        rows, _ = balances.partner_balances(session, params, side, nonzero, limit=EXPORT_LIMIT)
        title = t(f"export.partner_balances.{side}")
        return export_response(format, title, choose_columns(PARTNER_BALANCE_COLUMNS, columns), rows)
    items, total = balances.partner_balances(session, params, side, nonzero)
    return Page[PartnerBalanceRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.get("/account-balances", response_model=AccountBalances)
def account_balances(
    _: Principal = Depends(require("finance.balance.view")),
    session: Session = Depends(get_session),
) -> AccountBalances:
    return balances.account_balances(session)


@router.get("/account-entries", response_model=AccountFlowPage)
def account_entries(
    request: Request,
    params: ListParams = Depends(),
    account_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    format: Fmt | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("finance.balance.view")),
    session: Session = Depends(get_session),
) -> AccountFlowPage | Response:
    args = (session, params, account_id, date_from, date_to)
    if format:
        check(request, principal, "finance.balance.export")
        page = balances.account_entries(*args, limit=EXPORT_LIMIT)
        return export_response(
            format, t("export.account_entries"), choose_columns(FLOW_COLUMNS, columns), page.items
        )
    return balances.account_entries(*args)
