"""/api/v1/accounts (结算账户)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from jxc.auth.deps import check, require, require_any
from jxc.auth.principal import Principal
from jxc.common.export import Column, choose_columns, export_response
from jxc.common.i18n import t
from jxc.common.pagination import ListParams, Page
from jxc.common.route import TransactionalRoute, get_session
from jxc.finance import accounts
from jxc.finance.accounts import AccountCreate, AccountRead, AccountUpdate, Kind

router = APIRouter(prefix="/api/v1/accounts", tags=["accounts"], route_class=TransactionalRoute)

COLUMNS = [
    Column("code", "field.code"),
    Column("name", "field.name"),
    Column("kind", "field.account_kind", get=lambda a: t(f"account.kind.{a.kind}")),
    Column("bank_name", "field.bank_name"),
    Column("account_no", "field.account_no"),
    Column("remark", "field.remark"),
    Column("is_active", "field.is_active", "bool"),
]


@router.get("", response_model=Page[AccountRead])
def list_accounts(
    request: Request,
    params: ListParams = Depends(),
    kind: Kind | None = None,
    is_active: bool | None = None,
    format: Literal["xlsx", "csv"] | None = None,
    columns: str | None = Query(default=None, max_length=500),
    # The till lists the accounts it takes tenders into (and refunds from): a cashier needs no finance rights.
    principal: Principal = Depends(require_any("finance.account.view", "retail.sell", "retail.return")),
    session: Session = Depends(get_session),
) -> Page[AccountRead] | Response:
    if format:
        check(request, principal, "finance.account.export")
        rows, _ = accounts.list_accounts(session, params, kind, is_active, limit=100_000)
        return export_response(format, t("export.accounts"), choose_columns(COLUMNS, columns), rows)
    items, total = accounts.list_accounts(session, params, kind, is_active)
    return Page[AccountRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.post("", response_model=AccountRead, status_code=201)
def create_account(
    body: AccountCreate,
    _: Principal = Depends(require("finance.account.create")),
    session: Session = Depends(get_session),
) -> AccountRead:
    return accounts.create_account(session, body)


@router.patch("/{account_id}", response_model=AccountRead)
def update_account(
    account_id: int,
    body: AccountUpdate,
    _: Principal = Depends(require("finance.account.edit")),
    session: Session = Depends(get_session),
) -> AccountRead:
    return accounts.update_account(session, account_id, body)


@router.delete("/{account_id}", status_code=204)
def delete_account(
    account_id: int,
    _: Principal = Depends(require("finance.account.delete")),
    session: Session = Depends(get_session),
) -> Response:
    accounts.delete_account(session, account_id)
    return Response(status_code=204)
