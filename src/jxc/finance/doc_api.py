"""/api/v1/receipts, /payments, /allocations, /account-transfers, /other-incomes, /other-expenses,
/opening-balances: one router per money document kind, from one factory (each kind its own permissions)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, File, Query, Request, Response, UploadFile
from sqlalchemy.orm import Session

from jxc.auth.deps import check, require
from jxc.auth.doc_routes import add_document_routes
from jxc.auth.principal import Principal
from jxc.common.export import Column, choose_columns, export_response
from jxc.common.i18n import t
from jxc.common.pagination import ListParams, Page
from jxc.common.route import TransactionalRoute, get_session
from jxc.finance import balance_import, documents
from jxc.finance.doc_schemas import (
    ImportBalancesResult,
    MoneyDocRead,
    MoneyDocSummary,
    MoneyDocUpdate,
    MoneyDocWrite,
)
from jxc.finance.states import MONEY_DOC

PATHS = {
    "receipt": "/receipts",
    "payment": "/payments",
    "allocation": "/allocations",
    "transfer": "/account-transfers",
    "income": "/other-incomes",
    "expense": "/other-expenses",
    "opening": "/opening-balances",
}
Status = Literal["draft", "approved", "reversed", "void"]


def _columns(kind: str) -> list[Column]:
    cols = [Column("number", "field.number"), Column("business_date", "field.business_date", "date")]
    if kind in ("receipt", "payment", "allocation", "income", "expense"):
        cols.append(Column("partner_name", "field.partner"))
    if kind in ("receipt", "payment", "income", "expense", "transfer"):
        cols.append(Column("account_name", "field.out_account" if kind == "transfer" else "field.account"))
    if kind == "transfer":
        cols.append(Column("to_account_name", "field.in_account"))
    if kind in ("receipt", "payment"):
        cols += [Column("currency", "field.currency"), Column("rate", "field.rate", "number")]
    cols.append(Column("amount", "field.amount", "money"))
    if kind in ("receipt", "payment"):
        cols += [
            Column("discount", "field.discount", "money"),
            Column("allocated_amount", "field.allocated_amount", "money"),
            Column("unallocated_amount", "field.unallocated_amount", "money"),
        ]
    return [
        *cols,
        Column("status", "field.status", get=lambda d: t(f"doc_status.{d.status}")),
        Column("created_by_name", "field.created_by"),
        Column("remark", "field.remark"),
    ]


def build(kind: str) -> APIRouter:
    path = PATHS[kind]
    perm = f"finance.{kind}"
    router = APIRouter(prefix="/api/v1", tags=[f"money-docs:{kind}"], route_class=TransactionalRoute)
    columns = _columns(kind)

    @router.get(path, response_model=Page[MoneyDocSummary], name=f"list_{kind}")
    def list_docs(
        request: Request,
        params: ListParams = Depends(),
        status: Status | None = None,
        partner_id: int | None = None,
        account_id: int | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        format: Literal["xlsx", "csv"] | None = None,
        columns_: str | None = Query(default=None, alias="columns", max_length=500),
        principal: Principal = Depends(require(f"{perm}.view")),
        session: Session = Depends(get_session),
    ) -> Page[MoneyDocSummary] | Response:
        args = (session, kind, params, status, partner_id, account_id, date_from, date_to)
        if format:
            check(request, principal, f"{perm}.export")
            rows, _ = documents.list_docs(*args, limit=100_000)
            return export_response(format, t(f"export.money.{kind}"), choose_columns(columns, columns_), rows)
        items, total = documents.list_docs(*args)
        return Page[MoneyDocSummary](items=items, total=total, page=params.page, page_size=params.page_size)

    if kind == "opening":

        @router.get(f"{path}/import-template", name="opening_balances_import_template")
        def import_template(_: Principal = Depends(require(f"{perm}.create"))) -> Response:
            return balance_import.template()

        @router.post(
            f"{path}/import-lines", response_model=ImportBalancesResult, name="opening_balances_import"
        )
        def import_lines(
            file: UploadFile = File(...),
            _: Principal = Depends(require(f"{perm}.create")),
            session: Session = Depends(get_session),
        ) -> ImportBalancesResult:
            return balance_import.parse(session, file)

    add_document_routes(
        router,
        path=path,
        kind=kind,
        perm=perm,
        service=documents,
        read=MoneyDocRead,
        write=MoneyDocWrite,
        update=MoneyDocUpdate,
        transitions=MONEY_DOC,
    )
    return router


routers = [build(kind) for kind in PATHS]
