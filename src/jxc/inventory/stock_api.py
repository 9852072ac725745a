"""/api/v1 stock views: balances, availability, lots, moves (流水), alerts (预警) and expiry (效期)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import Field
from sqlalchemy.orm import Session

from jxc.auth.deps import check, require
from jxc.auth.principal import Principal
from jxc.common.errors import Invalid, field_error
from jxc.common.export import Column, choose_columns, export_response
from jxc.common.i18n import t
from jxc.common.pagination import ListParams, Page
from jxc.common.route import TransactionalRoute, get_session
from jxc.common.schemas import InputModel, Qty
from jxc.inventory import queries
from jxc.inventory.queries import (
    AlertCount,
    AlertRead,
    Availability,
    ExpiryRead,
    LotPick,
    LotStock,
    StockBalanceRead,
    StockMovePage,
    StockTotals,
)

router = APIRouter(prefix="/api/v1", tags=["stock"], route_class=TransactionalRoute)
Fmt = Literal["xlsx", "csv"]

BALANCE_COLUMNS = [
    Column("sku_code", "field.sku_code"),
    Column("product_name", "field.product_name"),
    Column("spec", "field.spec"),
    Column("attributes_text", "field.attributes"),
    Column("base_unit_name", "field.unit"),
    Column("warehouse_name", "field.warehouse"),
    Column("lot_no", "field.lot_no"),
    Column("expiry_date", "field.expiry_date", "date"),
    Column("on_hand", "field.on_hand", "number"),
    Column("reserved", "field.reserved", "number"),
    Column("available", "field.available", "number"),
    Column("incoming", "field.incoming", "number"),
    Column("unit_cost", "field.unit_cost", "number", cost=True),
    Column("value", "field.stock_value", "money", cost=True),
]
MOVE_COLUMNS = [
    Column("business_date", "field.business_date", "date"),
    Column("kind", "field.move_kind", get=lambda m: t(f"move.{m.kind}")),
    Column("doc_number", "field.number"),
    Column("warehouse_name", "field.warehouse"),
    Column("lot_no", "field.lot_no"),
    Column("qty_in", "field.qty_in", "number"),
    Column("qty_out", "field.qty_out", "number"),
    Column("balance_qty", "field.balance_qty", "number"),
    Column("unit_cost", "field.unit_cost", "number", cost=True),
    Column("value", "field.amount", "money", cost=True),
    Column("balance_value", "field.balance_value", "money", cost=True),
]
ALERT_COLUMNS = [
    Column("sku_code", "field.sku_code"),
    Column("product_name", "field.product_name"),
    Column("spec", "field.spec"),
    Column("warehouse_name", "field.warehouse"),
    Column("on_hand", "field.on_hand", "number"),
    Column("min_qty", "field.min_qty", "number"),
    Column("max_qty", "field.max_qty", "number"),
    Column("kind", "field.alert_kind", get=lambda a: t(f"alert.{a.kind}")),
    Column("suggested_qty", "field.suggested_qty", "number"),
]
EXPIRY_COLUMNS = [
    Column("sku_code", "field.sku_code"),
    Column("product_name", "field.product_name"),
    Column("warehouse_name", "field.warehouse"),
    Column("lot_no", "field.lot_no"),
    Column("production_date", "field.production_date", "date"),
    Column("expiry_date", "field.expiry_date", "date"),
    Column("days_left", "field.days_left", "number"),
    Column("on_hand", "field.on_hand", "number"),
]


@router.get("/stock-balances", response_model=Page[StockBalanceRead])
def stock_balances(
    request: Request,
    params: ListParams = Depends(),
    warehouse_id: int | None = None,
    category_id: int | None = None,
    by_lot: bool = False,
    at: date | None = None,
    nonzero: bool = True,
    format: Fmt | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("inventory.stock.view")),
    session: Session = Depends(get_session),
) -> Page[StockBalanceRead] | Response:
    args = (session, params, warehouse_id, category_id, by_lot, at, nonzero)
    if format:
        check(request, principal, "inventory.stock.export")
        rows, _ = queries.stock_balances(*args, limit=100_000)
        return export_response(format, t("export.stock"), choose_columns(BALANCE_COLUMNS, columns), rows)
    items, total = queries.stock_balances(*args)
    return Page[StockBalanceRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.get("/stock-balances/totals", response_model=StockTotals)
def stock_totals(
    q: str | None = Query(default=None, max_length=100),
    warehouse_id: int | None = None,
    category_id: int | None = None,
    at: date | None = None,
    _: Principal = Depends(require("inventory.stock.view")),
    session: Session = Depends(get_session),
) -> StockTotals:
    return queries.stock_totals(
        session, q.strip() if q and q.strip() else None, warehouse_id, category_id, at
    )


@router.get("/stock-availability", response_model=list[Availability])
def stock_availability(
    warehouse_id: int,
    sku_ids: str = Query(max_length=4000),
    _: Principal = Depends(require("inventory.stock.view")),
    session: Session = Depends(get_session),
) -> list[Availability]:
    try:
        ids = [int(x) for x in sku_ids.split(",") if x.strip()]
    except ValueError:
        raise Invalid("invalid_query", errors=[field_error("query.sku_ids", "ids_list")]) from None
    return queries.availability(session, warehouse_id, ids[:500])


@router.get("/stock-lots", response_model=list[LotStock])
def stock_lots(
    sku_id: int,
    warehouse_id: int,
    _: Principal = Depends(require("inventory.stock.view")),
    session: Session = Depends(get_session),
) -> list[LotStock]:
    return queries.lots_in_stock(session, sku_id, warehouse_id)


class SuggestBody(InputModel):
    sku_id: int
    warehouse_id: int
    qty: Qty = Field(gt=0)


@router.post("/stock-lots/suggest", response_model=list[LotPick])
def suggest_lots(
    body: SuggestBody,
    _: Principal = Depends(require("inventory.stock.view")),
    session: Session = Depends(get_session),
) -> list[LotPick]:
    return queries.suggest_lots(session, body.sku_id, body.warehouse_id, Decimal(body.qty))


@router.get("/stock-moves", response_model=StockMovePage)
def stock_moves(
    request: Request,
    sku_id: int,
    params: ListParams = Depends(),
    warehouse_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    kind: str | None = Query(default=None, max_length=24),
    format: Fmt | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("inventory.ledger.view")),
    session: Session = Depends(get_session),
) -> StockMovePage | Response:
    args = (session, params, sku_id, warehouse_id, date_from, date_to, kind)
    if format:
        check(request, principal, "inventory.ledger.export")
        page = queries.stock_moves(*args, limit=100_000)
        return export_response(
            format, t("export.stock_moves"), choose_columns(MOVE_COLUMNS, columns), page.items
        )
    return queries.stock_moves(*args)


@router.get("/stock-alerts", response_model=Page[AlertRead])
def stock_alerts(
    request: Request,
    params: ListParams = Depends(),
    warehouse_id: int | None = None,
    kind: Literal["low", "high", "all"] = "all",
    format: Fmt | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("inventory.alert.view")),
    session: Session = Depends(get_session),
) -> Page[AlertRead] | Response:
    if format:
        check(request, principal, "inventory.stock.export")
        rows, _ = queries.alerts(session, params, warehouse_id, kind, limit=100_000)
        return export_response(format, t("export.stock_alerts"), choose_columns(ALERT_COLUMNS, columns), rows)
    items, total = queries.alerts(session, params, warehouse_id, kind)
    return Page[AlertRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.get("/stock-alerts/count", response_model=AlertCount)
def stock_alert_count(
    warehouse_id: int | None = None,
    _: Principal = Depends(require("inventory.alert.view")),
    session: Session = Depends(get_session),
) -> AlertCount:
    return queries.alert_count(session, warehouse_id)


@router.get("/stock-expiry", response_model=Page[ExpiryRead])
def stock_expiry(
    request: Request,
    params: ListParams = Depends(),
    warehouse_id: int | None = None,
    days: int = 30,
    status: Literal["all", "expired", "near"] = "all",
    format: Fmt | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("inventory.stock.view")),
    session: Session = Depends(get_session),
) -> Page[ExpiryRead] | Response:
    if format:
        check(request, principal, "inventory.stock.export")
        rows, _ = queries.expiry(session, params, warehouse_id, days, status, limit=100_000)
        return export_response(
            format, t("export.stock_expiry"), choose_columns(EXPIRY_COLUMNS, columns), rows
        )
    items, total = queries.expiry(session, params, warehouse_id, days, status)
    return Page[ExpiryRead](items=items, total=total, page=params.page, page_size=params.page_size)
