"""/api/v1/customers/{id}/sales-record, /customers/handover and /sales-channels (docs/contracts/sales-api.md,
"Customers and channels")."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from jxc.auth.deps import require, require_any
from jxc.auth.principal import Principal
from jxc.common.route import TransactionalRoute, get_session
from jxc.sales.customers import channels, handover, records
from jxc.sales.customers.schemas import (
    CustomerRecord,
    Handover,
    HandoverResult,
    SalesChannelCreate,
    SalesChannelRead,
    SalesChannelUpdate,
)

# Whoever may see or write any sales or retail document needs the channel list (filters, editors).
CHANNEL_READERS = (
    "sales.order.view",
    "sales.order.create",
    "sales.delivery.view",
    "sales.delivery.create",
    "sales.return.view",
    "sales.return.create",
    "retail.view",
    "retail.sell",
    "sales.customer.view",
    "sales.channel.edit",
)

customers_router = APIRouter(prefix="/api/v1/customers", tags=["customers"], route_class=TransactionalRoute)
channels_router = APIRouter(
    prefix="/api/v1/sales-channels", tags=["sales-channels"], route_class=TransactionalRoute
)


@customers_router.get("/{customer_id}/sales-record", response_model=CustomerRecord)
def customer_sales_record(
    customer_id: int,
    date_from: date | None = None,
    date_to: date | None = None,
    _: Principal = Depends(require("sales.customer.view")),
    session: Session = Depends(get_session),
) -> CustomerRecord:
    return records.record(session, customer_id, date_from, date_to)


@customers_router.post("/handover", response_model=HandoverResult)
def customers_handover(
    body: Handover,
    _: Principal = Depends(require("sales.customer.handover")),
    session: Session = Depends(get_session),
) -> HandoverResult:
    return handover.hand_over(session, body)


@channels_router.get("", response_model=list[SalesChannelRead])
def list_sales_channels(
    is_active: bool | None = None,
    _: Principal = Depends(require_any(*CHANNEL_READERS)),
    session: Session = Depends(get_session),
) -> list[SalesChannelRead]:
    return channels.list_channels(session, is_active)


@channels_router.get("/{channel_id}", response_model=SalesChannelRead)
def get_sales_channel(
    channel_id: int,
    _: Principal = Depends(require_any(*CHANNEL_READERS)),
    session: Session = Depends(get_session),
) -> SalesChannelRead:
    return channels.get_channel(session, channel_id)


@channels_router.post("", response_model=SalesChannelRead, status_code=201)
def create_sales_channel(
    body: SalesChannelCreate,
    _: Principal = Depends(require("sales.channel.edit")),
    session: Session = Depends(get_session),
) -> SalesChannelRead:
    return channels.create_channel(session, body)


@channels_router.put("/{channel_id}", response_model=SalesChannelRead)
def update_sales_channel(
    channel_id: int,
    body: SalesChannelUpdate,
    _: Principal = Depends(require("sales.channel.edit")),
    session: Session = Depends(get_session),
) -> SalesChannelRead:
    return channels.update_channel(session, channel_id, body)


@channels_router.delete("/{channel_id}", status_code=204)
def delete_sales_channel(
    channel_id: int,
    _: Principal = Depends(require("sales.channel.edit")),
    session: Session = Depends(get_session),
) -> Response:
    channels.delete_channel(session, channel_id)
    return Response(status_code=204)


routers: list[APIRouter] = [customers_router, channels_router]
