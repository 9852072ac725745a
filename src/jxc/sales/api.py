"""/api/v1/sales-orders, /sales-deliveries, /sales-returns (one router per kind, from one factory), the 选单
look-ups (open order lines, returnable delivery lines) and the picking list of a delivery."""

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
from jxc.sales import documents, queries
from jxc.sales.schemas import (
    DeliverStatus,
    PickingList,
    SalesDocRead,
    SalesDocSummary,
    SalesDocUpdate,
    SalesDocWrite,
    SalesOpenOrderLine,
    SalesReturnableLine,
    Status,
)
from jxc.sales.states import TRANSITIONS
from jxc.trade.routes import add_kind_routes, id_list

PATHS = {"order": "/sales-orders", "delivery": "/sales-deliveries", "return": "/sales-returns"}


def _columns(kind: str) -> list[Column]:
    cols = [
        Column("number", "field.number"),
        Column("business_date", "field.business_date", "date"),
        Column("customer_name", "field.customer"),
        Column("warehouse_name", "field.warehouse"),
        Column("salesperson_name", "field.salesperson"),
    ]
    if kind == "order":
        cols += [
            Column("expected_date", "field.expected_date", "date"),
            Column(
                "deliver_status",
                "field.deliver_status",
                get=lambda d: t(f"deliver_status.{d.deliver_status}") if d.deliver_status else "",
            ),
        ]
    return [
        *cols,
        Column("total_qty", "field.total_qty", "number"),
        Column("amount", "field.amount_ex_tax", "money"),
        Column("tax_amount", "field.tax_amount", "money"),
        Column("total_amount", "field.total_amount", "money"),
        Column("paid_amount", "field.paid_amount", "money"),
        # Cost columns: dropped by choose_columns for users without cost.view.
        Column("cost_amount", "field.cost_amount", "money", cost=True),
        Column("profit_amount", "field.profit_amount", "money", cost=True),
        Column("status", "field.status", get=lambda d: t(f"doc_status.{d.status}")),
        Column("created_by_name", "field.created_by"),
        Column("remark", "field.remark"),
    ]


def build(kind: str) -> APIRouter:
    path = PATHS[kind]
    perm = f"sales.{kind}"
    router = APIRouter(prefix="/api/v1", tags=[f"sales-docs:{kind}"], route_class=TransactionalRoute)

    @router.get(path, response_model=Page[SalesDocSummary], name=f"list_sales_{kind}")
    def list_docs(
        request: Request,
        params: ListParams = Depends(),
        status: Status | None = None,
        customer_id: int | None = None,
        warehouse_id: int | None = None,
        deliver_status: DeliverStatus | None = None,
        salesperson_id: int | None = None,
        channel_id: int | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        format: Literal["xlsx", "csv"] | None = None,
        columns_: str | None = Query(default=None, alias="columns", max_length=500),
        principal: Principal = Depends(require(f"{perm}.view")),
        session: Session = Depends(get_session),
    ) -> Page[SalesDocSummary] | Response:
        filters = {
            "status": status,
            "customer_id": customer_id,
            "warehouse_id": warehouse_id,
            "deliver_status": deliver_status,
            "salesperson_id": salesperson_id,
            "channel_id": channel_id,
            "date_from": date_from,
            "date_to": date_to,
        }
        if format:
            check(request, principal, f"{perm}.export")
            rows, _ = queries.list_docs(session, kind, params, filters, limit=100_000)
            cols = choose_columns(_columns(kind), columns_)
            return export_response(format, t(f"export.sales_{kind}"), cols, rows)
        items, total = queries.list_docs(session, kind, params, filters)
        return Page[SalesDocSummary](items=items, total=total, page=params.page, page_size=params.page_size)

    if kind == "order":
        _order_routes(router, path)
    if kind == "delivery":
        _delivery_routes(router, path)

    add_kind_routes(
        router,
        side="sales",
        kind=kind,
        path=path,
        documents=documents,
        read=SalesDocRead,
        write=SalesDocWrite,
        update=SalesDocUpdate,
        transitions=TRANSITIONS[kind],
    )
    return router


def _order_routes(router: APIRouter, path: str) -> None:
    @router.get(f"{path}/open-lines", response_model=list[SalesOpenOrderLine], name="sales_order_open_lines")
    def open_lines(
        customer_id: int,
        warehouse_id: int | None = None,
        order_ids: str | None = Query(default=None, max_length=2000),
        _: Principal = Depends(require_any("sales.delivery.create", "sales.order.view")),
        session: Session = Depends(get_session),
    ) -> list[SalesOpenOrderLine]:
        ids = id_list(order_ids, "query.order_ids")
        return queries.open_lines(session, customer_id, warehouse_id, ids)

    @router.post(f"{path}/{{doc_id}}/close", response_model=SalesDocRead, name="close_sales_order")
    def close(
        doc_id: int,
        _: Principal = Depends(require("sales.order.close")),
        session: Session = Depends(get_session),
    ) -> SalesDocRead:
        return documents.close(session, "order", doc_id)


def _delivery_routes(router: APIRouter, path: str) -> None:
    @router.get(
        f"{path}/returnable-lines", response_model=list[SalesReturnableLine], name="sales_returnable_lines"
    )
    def returnable_lines(
        customer_id: int,
        delivery_ids: str | None = Query(default=None, max_length=2000),
        _: Principal = Depends(require_any("sales.return.create", "sales.delivery.view")),
        session: Session = Depends(get_session),
    ) -> list[SalesReturnableLine]:
        ids = id_list(delivery_ids, "query.delivery_ids")
        return queries.returnable_lines(session, customer_id, ids)

    @router.get(
        f"{path}/{{doc_id}}/picking-list", response_model=PickingList, name="sales_delivery_picking_list"
    )
    def picking_list(
        doc_id: int,
        _: Principal = Depends(require("sales.delivery.view")),
        session: Session = Depends(get_session),
    ) -> PickingList:
        return queries.picking_list(session, doc_id)


routers: list[APIRouter] = [build(kind) for kind in PATHS]
