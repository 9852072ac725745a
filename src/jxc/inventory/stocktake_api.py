"""/api/v1/stocktakes: 盘点单 — freeze, count (scan or type), approve (post variances), reverse, void."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from jxc.auth.deps import check, require
from jxc.auth.doc_routes import ReverseBody
from jxc.auth.principal import Principal
from jxc.common.export import Column, choose_columns, export_response
from jxc.common.i18n import t
from jxc.common.pagination import ListParams, Page
from jxc.common.route import TransactionalRoute, get_session
from jxc.inventory import stocktakes
from jxc.inventory.stocktake_schemas import (
    CountBody,
    LineFilter,
    ScanBody,
    StocktakeCreate,
    StocktakeLineRead,
    StocktakeRead,
)

router = APIRouter(prefix="/api/v1", tags=["stocktakes"], route_class=TransactionalRoute)
P = "inventory.stocktake"
Status = Literal["draft", "approved", "reversed", "void"]

LINE_COLUMNS = [
    Column("sku_code", "field.sku_code"),
    Column("product_name", "field.product_name"),
    Column("spec", "field.spec"),
    Column("lot_no", "field.lot_no"),
    Column("base_unit_name", "field.unit"),
    Column("book_qty", "field.book_qty", "number"),
    Column("moved_qty", "field.moved_qty", "number"),
    Column("counted_qty", "field.counted_qty", "number"),
    Column("variance_qty", "field.variance_qty", "number"),
    Column("variance_amount", "field.variance_amount", "money", cost=True),
]


@router.get("/stocktakes", response_model=Page[StocktakeRead])
def list_stocktakes(
    params: ListParams = Depends(),
    status: Status | None = None,
    warehouse_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    _: Principal = Depends(require(f"{P}.view")),
    session: Session = Depends(get_session),
) -> Page[StocktakeRead]:
    items, total = stocktakes.list_stocktakes(session, params, status, warehouse_id, date_from, date_to)
    return Page[StocktakeRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.post("/stocktakes", response_model=StocktakeRead, status_code=201)
def create_stocktake(
    body: StocktakeCreate,
    _: Principal = Depends(require(f"{P}.create")),
    session: Session = Depends(get_session),
) -> StocktakeRead:
    return stocktakes.create(session, body)


@router.get("/stocktakes/{stocktake_id}", response_model=StocktakeRead)
def get_stocktake(
    stocktake_id: int,
    _: Principal = Depends(require(f"{P}.view")),
    session: Session = Depends(get_session),
) -> StocktakeRead:
    return stocktakes.get(session, stocktake_id)


@router.get("/stocktakes/{stocktake_id}/lines", response_model=Page[StocktakeLineRead])
def stocktake_lines(
    request: Request,
    stocktake_id: int,
    params: ListParams = Depends(),
    filter: LineFilter = "all",
    format: Literal["xlsx", "csv"] | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require(f"{P}.view")),
    session: Session = Depends(get_session),
) -> Page[StocktakeLineRead] | Response:
    if format:
        check(request, principal, f"{P}.export")
        rows, _ = stocktakes.list_lines(session, stocktake_id, params, filter, limit=100_000)
        return export_response(format, t("export.stocktake"), choose_columns(LINE_COLUMNS, columns), rows)
    items, total = stocktakes.list_lines(session, stocktake_id, params, filter)
    return Page[StocktakeLineRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.post("/stocktakes/{stocktake_id}/scan", response_model=StocktakeLineRead)
def scan(
    stocktake_id: int,
    body: ScanBody,
    _: Principal = Depends(require(f"{P}.create")),
    session: Session = Depends(get_session),
) -> StocktakeLineRead:
    return stocktakes.scan(session, stocktake_id, body)


@router.put("/stocktakes/{stocktake_id}/counts", response_model=StocktakeLineRead)
def set_count(
    stocktake_id: int,
    body: CountBody,
    _: Principal = Depends(require(f"{P}.create")),
    session: Session = Depends(get_session),
) -> StocktakeLineRead:
    return stocktakes.set_count(session, stocktake_id, body)


@router.post("/stocktakes/{stocktake_id}/approve", response_model=StocktakeRead)
def approve(
    stocktake_id: int,
    _: Principal = Depends(require(f"{P}.approve")),
    session: Session = Depends(get_session),
) -> StocktakeRead:
    return stocktakes.approve(session, stocktake_id)


@router.post("/stocktakes/{stocktake_id}/reverse", response_model=StocktakeRead)
def reverse(
    stocktake_id: int,
    body: ReverseBody | None = None,
    _: Principal = Depends(require(f"{P}.reverse")),
    session: Session = Depends(get_session),
) -> StocktakeRead:
    return stocktakes.reverse(session, stocktake_id, body.business_date if body else None)


@router.post("/stocktakes/{stocktake_id}/void", response_model=StocktakeRead)
def void(
    stocktake_id: int,
    _: Principal = Depends(require(f"{P}.create")),
    session: Session = Depends(get_session),
) -> StocktakeRead:
    return stocktakes.void(session, stocktake_id)
