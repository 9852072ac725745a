"""/api/v1/retail/tickets and /retail/returns: the counter (docs/contracts/sales-api.md, "Retail counter").
A sale is saved and approved in one request; reading, 红冲 and returns each have their own permission."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from jxc.auth.deps import check, require
from jxc.auth.principal import Principal
from jxc.common.export import Column, choose_columns, export_response
from jxc.common.i18n import t
from jxc.common.pagination import ListParams, Page
from jxc.common.route import TransactionalRoute, get_session, short_write
from jxc.sales.retail import reading, returns, tickets
from jxc.sales.retail.schemas import (
    RetailTicketRead,
    RetailTicketSummary,
    ReturnWrite,
    ReverseBody,
    TicketWrite,
)

Status = Literal["approved", "reversed"]

router = APIRouter(prefix="/api/v1", tags=["retail"], route_class=TransactionalRoute)


def _columns() -> list[Column]:
    return [
        Column("number", "field.number"),
        Column("business_date", "field.business_date", "date"),
        Column("warehouse_name", "field.warehouse"),
        Column("customer_name", "field.member"),
        Column("total_qty", "field.total_qty", "number"),
        Column("discount_amount", "field.discount", "money"),
        Column("total_amount", "field.total_amount", "money"),
        Column("tendered_amount", "field.tendered_amount", "money"),
        Column("change_amount", "field.change_amount", "money"),
        Column("cost_amount", "field.cost_amount", "money", cost=True),
        Column("profit_amount", "field.profit_amount", "money", cost=True),
        Column("status", "field.status", get=lambda d: t(f"doc_status.{d.status}")),
        Column("created_by_name", "field.cashier"),
        Column("remark", "field.remark"),
    ]


def _list(kind: str, path: str, name: str) -> None:
    @router.get(path, response_model=Page[RetailTicketSummary], name=name)
    def list_tickets(
        request: Request,
        params: ListParams = Depends(),
        warehouse_id: int | None = None,
        customer_id: int | None = None,
        status: Status | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        format: Literal["xlsx", "csv"] | None = None,
        columns_: str | None = Query(default=None, alias="columns", max_length=500),
        principal: Principal = Depends(require("retail.view")),
        session: Session = Depends(get_session),
    ) -> Page[RetailTicketSummary] | Response:
        args = (session, params, kind, warehouse_id, customer_id, status, date_from, date_to)
        if format:
            check(request, principal, "retail.export")
            rows, _ = reading.list_tickets(*args, limit=100_000)
            return export_response(format, t(f"export.{kind}"), choose_columns(_columns(), columns_), rows)
        items, total = reading.list_tickets(*args)
        return Page[RetailTicketSummary](
            items=items, total=total, page=params.page, page_size=params.page_size
        )


@router.post("/retail/tickets", response_model=RetailTicketRead, status_code=201, name="sell_retail_ticket")
async def sell(
    body: TicketWrite,
    _: Principal = Depends(require("retail.sell")),
    session: Session = Depends(get_session),
) -> RetailTicketRead:
    return await short_write(session, tickets.sell, body)


_list("retail", "/retail/tickets", "list_retail_tickets")


@router.get(
    "/retail/tickets/by-number/{number}", response_model=RetailTicketRead, name="retail_ticket_by_number"
)
def by_number(
    number: str,
    _: Principal = Depends(require("retail.view")),
    session: Session = Depends(get_session),
) -> RetailTicketRead:
    return reading.by_number(session, number)


@router.get("/retail/tickets/{doc_id}", response_model=RetailTicketRead, name="get_retail_ticket")
def get_ticket(
    doc_id: int,
    _: Principal = Depends(require("retail.view")),
    session: Session = Depends(get_session),
) -> RetailTicketRead:
    return reading.read(session, reading.load(session, doc_id, ("retail",)))


@router.post(
    "/retail/tickets/{doc_id}/reverse", response_model=RetailTicketRead, name="reverse_retail_ticket"
)
def reverse(
    doc_id: int,
    body: ReverseBody | None = None,
    _: Principal = Depends(require("retail.reverse")),
    session: Session = Depends(get_session),
) -> RetailTicketRead:
    return tickets.reverse(session, doc_id, body.business_date if body else None)


@router.post("/retail/returns", response_model=RetailTicketRead, status_code=201, name="create_retail_return")
async def create_return(
    body: ReturnWrite,
    _: Principal = Depends(require("retail.return")),
    session: Session = Depends(get_session),
) -> RetailTicketRead:
    return await short_write(session, returns.create, body)


_list("retail_return", "/retail/returns", "list_retail_returns")


@router.get("/retail/returns/{doc_id}", response_model=RetailTicketRead, name="get_retail_return")
def get_return(
    doc_id: int,
    _: Principal = Depends(require("retail.view")),
    session: Session = Depends(get_session),
) -> RetailTicketRead:
    return reading.read(session, reading.load(session, doc_id, ("retail_return",)))


routers: list[APIRouter] = [router]
