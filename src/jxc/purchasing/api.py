"""/api/v1/purchase-orders, /purchase-receipts, /purchase-returns (one router per kind, from one factory),
the 选单 and overdue look-ups of orders, and the price default."""

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
from jxc.common.schemas import can_view_purchase_prices
from jxc.purchasing import documents, queries
from jxc.purchasing.lines import price_default
from jxc.purchasing.records_api import router as records_router
from jxc.purchasing.schemas import (
    OpenOrderLine,
    OverdueCount,
    OverdueOrder,
    PriceDefaultRead,
    PurchaseDocRead,
    PurchaseDocSummary,
    PurchaseDocUpdate,
    PurchaseDocWrite,
    ReceiveStatus,
    ReturnableLine,
    Status,
)
from jxc.purchasing.states import TRANSITIONS
from jxc.trade.routes import add_kind_routes, id_list

PATHS = {"order": "/purchase-orders", "receipt": "/purchase-receipts", "return": "/purchase-returns"}


def _columns(kind: str) -> list[Column]:
    cols = [
        Column("number", "field.number"),
        Column("business_date", "field.business_date", "date"),
        Column("supplier_name", "field.supplier"),
        Column("warehouse_name", "field.warehouse"),
    ]
    if kind == "order":
        cols += [
            Column("expected_date", "field.expected_date", "date"),
            Column(
                "receive_status",
                "field.receive_status",
                get=lambda d: t(f"receive_status.{d.receive_status}") if d.receive_status else "",
            ),
        ]
    cols.append(Column("total_qty", "field.total_qty", "number"))
    if can_view_purchase_prices():  # purchase prices: with purchase.price.view or cost.view only
        cols += [
            Column("amount", "field.amount_ex_tax", "money"),
            Column("tax_amount", "field.tax_amount", "money"),
            Column("total_amount", "field.total_amount", "money"),
        ]
    return [
        *cols,
        Column("status", "field.status", get=lambda d: t(f"doc_status.{d.status}")),
        Column("created_by_name", "field.created_by"),
        Column("remark", "field.remark"),
    ]


def build(kind: str) -> APIRouter:
    path = PATHS[kind]
    perm = f"purchase.{kind}"
    router = APIRouter(prefix="/api/v1", tags=[f"purchase-docs:{kind}"], route_class=TransactionalRoute)

    @router.get(path, response_model=Page[PurchaseDocSummary], name=f"list_purchase_{kind}")
    def list_docs(
        request: Request,
        params: ListParams = Depends(),
        status: Status | None = None,
        supplier_id: int | None = None,
        warehouse_id: int | None = None,
        receive_status: ReceiveStatus | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        overdue: bool = False,
        format: Literal["xlsx", "csv"] | None = None,
        columns_: str | None = Query(default=None, alias="columns", max_length=500),
        principal: Principal = Depends(require(f"{perm}.view")),
        session: Session = Depends(get_session),
    ) -> Page[PurchaseDocSummary] | Response:
        args = (session, kind, params, status, supplier_id, warehouse_id, receive_status, date_from, date_to)
        if format:
            check(request, principal, f"{perm}.export")
            rows, _ = documents.list_docs(*args, limit=100_000, overdue=overdue)
            cols = choose_columns(_columns(kind), columns_)
            return export_response(format, t(f"export.purchase_{kind}"), cols, rows)
        items, total = documents.list_docs(*args, overdue=overdue)
        return Page[PurchaseDocSummary](
            items=items, total=total, page=params.page, page_size=params.page_size
        )

    if kind == "order":
        _order_routes(router, path)
    if kind == "receipt":

        @router.get(
            f"{path}/returnable-lines", response_model=list[ReturnableLine], name="purchase_returnable_lines"
        )
        def returnable_lines(
            supplier_id: int,
            receipt_ids: str | None = Query(default=None, max_length=2000),
            _: Principal = Depends(require_any("purchase.return.create", "purchase.receipt.view")),
            session: Session = Depends(get_session),
        ) -> list[ReturnableLine]:
            ids = id_list(receipt_ids, "query.receipt_ids")
            return queries.returnable_lines(session, supplier_id, ids)

    add_kind_routes(
        router,
        side="purchase",
        kind=kind,
        path=path,
        documents=documents,
        read=PurchaseDocRead,
        write=PurchaseDocWrite,
        update=PurchaseDocUpdate,
        transitions=TRANSITIONS[kind],
    )
    return router


def _order_routes(router: APIRouter, path: str) -> None:
    @router.get(f"{path}/open-lines", response_model=list[OpenOrderLine], name="purchase_order_open_lines")
    def open_lines(
        supplier_id: int,
        warehouse_id: int | None = None,
        order_ids: str | None = Query(default=None, max_length=2000),
        _: Principal = Depends(require_any("purchase.receipt.create", "purchase.order.view")),
        session: Session = Depends(get_session),
    ) -> list[OpenOrderLine]:
        ids = id_list(order_ids, "query.order_ids")
        return queries.open_lines(session, supplier_id, warehouse_id, ids)

    @router.get(f"{path}/overdue", response_model=list[OverdueOrder], name="purchase_orders_overdue")
    def overdue(
        as_of: date | None = None,
        _: Principal = Depends(require_any("purchase.order.view", "purchase.supplier.view")),
        session: Session = Depends(get_session),
    ) -> list[OverdueOrder]:
        return [OverdueOrder(**s.__dict__, days_overdue=days) for s, days in queries.overdue(session, as_of)]

    @router.get(f"{path}/overdue/count", response_model=OverdueCount, name="purchase_orders_overdue_count")
    def overdue_count(
        _: Principal = Depends(require_any("purchase.order.view", "purchase.supplier.view")),
        session: Session = Depends(get_session),
    ) -> OverdueCount:
        return OverdueCount(count=len(queries.overdue(session)))

    @router.post(f"{path}/{{doc_id}}/close", response_model=PurchaseDocRead, name="close_purchase_order")
    def close(
        doc_id: int,
        _: Principal = Depends(require("purchase.order.close")),
        session: Session = Depends(get_session),
    ) -> PurchaseDocRead:
        return documents.close(session, "order", doc_id)


prices = APIRouter(prefix="/api/v1", tags=["purchase-prices"], route_class=TransactionalRoute)


@prices.get("/purchase-prices/default", response_model=PriceDefaultRead, name="purchase_price_default")
def get_price_default(
    supplier_id: int,
    sku_id: int,
    unit_id: int,
    _: Principal = Depends(
        require_any("purchase.order.create", "purchase.receipt.create", "purchase.return.create")
    ),
    session: Session = Depends(get_session),
) -> PriceDefaultRead:
    found = price_default(session, supplier_id, sku_id, unit_id)
    return PriceDefaultRead(
        price=found.price, source=found.source, last_date=found.last_date, last_number=found.last_number
    )


routers = [build(kind) for kind in PATHS] + [prices, records_router]
