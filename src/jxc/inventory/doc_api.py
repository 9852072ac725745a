"""/api/v1/opening-stocks, /other-receipts, /other-issues, /stock-transfers: one router per document kind,
each with its list (and, for opening stock, the Excel import) and the routes every document type shares
(auth.doc_routes), with its own permission codes."""

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
from jxc.inventory import documents, opening_import
from jxc.inventory.doc_schemas import (
    ImportLinesResult,
    StockDocRead,
    StockDocSummary,
    StockDocUpdate,
    StockDocWrite,
)
from jxc.inventory.states import STOCK_DOC

PATHS = {
    "opening": "/opening-stocks",
    "other_in": "/other-receipts",
    "other_out": "/other-issues",
    "transfer": "/stock-transfers",
}
Status = Literal["draft", "approved", "reversed", "void"]


def _columns(kind: str) -> list[Column]:
    cols = [
        Column("number", "field.number"),
        Column("business_date", "field.business_date", "date"),
        Column("warehouse_name", "field.out_warehouse" if kind == "transfer" else "field.warehouse"),
    ]
    if kind == "transfer":
        cols.append(Column("to_warehouse_name", "field.in_warehouse"))
    if kind in ("other_in", "other_out"):
        cols.append(
            Column("reason", "field.reason", get=lambda d: t(f"reason.{d.reason}") if d.reason else "")
        )
    return [
        *cols,
        Column("total_qty", "field.total_qty", "number"),
        Column("total_amount", "field.total_amount", "money", cost=True),
        Column("status", "field.status", get=lambda d: t(f"doc_status.{d.status}")),
        Column("created_by_name", "field.created_by"),
        Column("remark", "field.remark"),
    ]


def build(kind: str) -> APIRouter:
    path = PATHS[kind]
    perm = f"inventory.{kind}"
    router = APIRouter(prefix="/api/v1", tags=[f"stock-docs:{kind}"], route_class=TransactionalRoute)
    columns = _columns(kind)

    @router.get(path, response_model=Page[StockDocSummary], name=f"list_{kind}")
    def list_docs(
        request: Request,
        params: ListParams = Depends(),
        status: Status | None = None,
        warehouse_id: int | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        format: Literal["xlsx", "csv"] | None = None,
        columns_: str | None = Query(default=None, alias="columns", max_length=500),
        principal: Principal = Depends(require(f"{perm}.view")),
        session: Session = Depends(get_session),
    ) -> Page[StockDocSummary] | Response:
        args = (session, kind, params, status, warehouse_id, date_from, date_to)
        if format:
            check(request, principal, f"{perm}.export")
            rows, _ = documents.list_docs(*args, limit=100_000)
            return export_response(format, t(f"export.{kind}"), choose_columns(columns, columns_), rows)
        items, total = documents.list_docs(*args)
        return Page[StockDocSummary](items=items, total=total, page=params.page, page_size=params.page_size)

    if kind == "opening":

        @router.get(f"{path}/import-template", name="opening_import_template")
        def import_template(_: Principal = Depends(require(f"{perm}.create"))) -> Response:
            return opening_import.template()

        @router.post(f"{path}/import-lines", response_model=ImportLinesResult, name="opening_import_lines")
        def import_lines(
            warehouse_id: int,
            file: UploadFile = File(...),
            _: Principal = Depends(require(f"{perm}.create")),
            session: Session = Depends(get_session),
        ) -> ImportLinesResult:
            return opening_import.parse(session, warehouse_id, file)

    add_document_routes(
        router,
        path=path,
        kind=kind,
        perm=perm,
        service=documents,
        read=StockDocRead,
        write=StockDocWrite,
        update=StockDocUpdate,
        transitions=STOCK_DOC,
    )
    return router


routers = [build(kind) for kind in PATHS]
