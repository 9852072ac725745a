"""/api/v1/sales-prices (default, quote), /price-lists and /promotions (with the slow movers a markdown is
made for). Thin: parse, authorise, call one service function."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile
from sqlalchemy.orm import Session

from jxc.auth.deps import require, require_any
from jxc.auth.principal import Principal
from jxc.common.export import Column, export_response
from jxc.common.pagination import ListParams, Page
from jxc.common.route import TransactionalRoute, get_session
from jxc.pricing import price_lists, promotions, quotes
from jxc.pricing.schemas import (
    Channel,
    Kind,
    PriceListImportResult,
    PriceListRead,
    PriceListSummary,
    PriceListUpdate,
    PriceListWrite,
    PromotionRead,
    PromotionSummary,
    PromotionUpdate,
    PromotionWrite,
    QuoteRead,
    QuoteWrite,
    SalesPriceDefaultRead,
    SlowMover,
)

# Whoever makes a sales document or sells at the counter may ask what a price would be.
SELLERS = ("sales.order.create", "sales.delivery.create", "sales.return.create", "retail.sell")

prices = APIRouter(prefix="/api/v1", tags=["sales-prices"], route_class=TransactionalRoute)


@prices.get("/sales-prices/default", response_model=SalesPriceDefaultRead, name="sales_price_default")
def price_default(
    sku_id: int,
    unit_id: int,
    customer_id: int | None = None,
    channel: Channel = "sales",
    date_: date | None = Query(default=None, alias="date"),
    _: Principal = Depends(require_any(*SELLERS)),
    session: Session = Depends(get_session),
) -> SalesPriceDefaultRead:
    return quotes.default(session, customer_id, sku_id, unit_id, channel, date_)


@prices.post("/sales-prices/quote", response_model=QuoteRead, name="sales_price_quote")
def price_quote(
    body: QuoteWrite,
    _: Principal = Depends(require_any(*SELLERS)),
    session: Session = Depends(get_session),
) -> QuoteRead:
    return quotes.quote(session, body)


lists = APIRouter(prefix="/api/v1/price-lists", tags=["price-lists"], route_class=TransactionalRoute)


@lists.get("", response_model=Page[PriceListSummary], name="list_price_lists")
def list_price_lists(
    params: ListParams = Depends(),
    active: bool | None = None,
    price_level_id: int | None = None,
    _: Principal = Depends(require("pricing.view")),
    session: Session = Depends(get_session),
) -> Page[PriceListSummary]:
    items, total = price_lists.list_price_lists(session, params, active, price_level_id)
    return Page[PriceListSummary](items=items, total=total, page=params.page, page_size=params.page_size)


@lists.post("", response_model=PriceListRead, status_code=201, name="create_price_list")
def create_price_list(
    body: PriceListWrite,
    _: Principal = Depends(require("pricing.edit")),
    session: Session = Depends(get_session),
) -> PriceListRead:
    return price_lists.create(session, body)


ITEM_COLUMNS = [
    Column("sku_code", "field.product_code_or_barcode"),
    Column("product_name", "field.product_name"),
    Column("spec", "field.spec"),
    Column("unit_name", "field.unit"),
    Column("price", "field.sales_price", "number"),
]


@lists.get("/{list_id}", response_model=PriceListRead, name="get_price_list")
def get_price_list(
    list_id: int,
    format: Literal["xlsx", "csv"] | None = None,
    _: Principal = Depends(require("pricing.view")),
    session: Session = Depends(get_session),
) -> PriceListRead | Response:
    if format:
        name, items = price_lists.export_items(session, list_id)
        return export_response(format, name, ITEM_COLUMNS, items)
    return price_lists.get(session, list_id)


@lists.put("/{list_id}", response_model=PriceListRead, name="update_price_list")
def update_price_list(
    list_id: int,
    body: PriceListUpdate,
    _: Principal = Depends(require("pricing.edit")),
    session: Session = Depends(get_session),
) -> PriceListRead:
    return price_lists.update(session, list_id, body)


@lists.delete("/{list_id}", status_code=204, name="delete_price_list")
def delete_price_list(
    list_id: int,
    _: Principal = Depends(require("pricing.edit")),
    session: Session = Depends(get_session),
) -> Response:
    price_lists.remove(session, list_id)
    return Response(status_code=204)


@lists.post("/{list_id}/import", response_model=PriceListImportResult, name="import_price_list_items")
def import_price_list_items(
    list_id: int,
    file: UploadFile = File(...),
    _: Principal = Depends(require("pricing.edit")),
    session: Session = Depends(get_session),
) -> PriceListImportResult:
    """All or nothing: with any wrong row the answer lists every problem and nothing is changed."""
    return price_lists.import_items(session, list_id, file)


promos = APIRouter(prefix="/api/v1/promotions", tags=["promotions"], route_class=TransactionalRoute)


@promos.get("", response_model=Page[PromotionSummary], name="list_promotions")
def list_promotions(
    params: ListParams = Depends(),
    active: bool | None = None,
    on: date | None = None,
    kind: Kind | None = None,
    _: Principal = Depends(require("pricing.view")),
    session: Session = Depends(get_session),
) -> Page[PromotionSummary]:
    items, total = promotions.list_promotions(session, params, active, on, kind)
    return Page[PromotionSummary](items=items, total=total, page=params.page, page_size=params.page_size)


@promos.get("/slow-movers", response_model=list[SlowMover], name="promotion_slow_movers")
def slow_movers(
    days: int = Query(default=90, ge=1, le=3650),
    warehouse_id: int | None = None,
    _: Principal = Depends(require("pricing.view")),
    session: Session = Depends(get_session),
) -> list[SlowMover]:
    return promotions.slow_movers(session, days, warehouse_id)


@promos.post("", response_model=PromotionRead, status_code=201, name="create_promotion")
def create_promotion(
    body: PromotionWrite,
    _: Principal = Depends(require("pricing.edit")),
    session: Session = Depends(get_session),
) -> PromotionRead:
    return promotions.create(session, body)


@promos.get("/{promotion_id}", response_model=PromotionRead, name="get_promotion")
def get_promotion(
    promotion_id: int,
    _: Principal = Depends(require("pricing.view")),
    session: Session = Depends(get_session),
) -> PromotionRead:
    return promotions.get(session, promotion_id)


@promos.put("/{promotion_id}", response_model=PromotionRead, name="update_promotion")
def update_promotion(
    promotion_id: int,
    body: PromotionUpdate,
    _: Principal = Depends(require("pricing.edit")),
    session: Session = Depends(get_session),
) -> PromotionRead:
    return promotions.update(session, promotion_id, body)


@promos.delete("/{promotion_id}", status_code=204, name="delete_promotion")
def delete_promotion(
    promotion_id: int,
    _: Principal = Depends(require("pricing.edit")),
    session: Session = Depends(get_session),
) -> Response:
    promotions.remove(session, promotion_id)
    return Response(status_code=204)


routers: list[APIRouter] = [prices, lists, promos]
