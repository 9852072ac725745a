"""/api/v1/warehouses and /api/v1/locations."""

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
from jxc.inventory import warehouses
from jxc.inventory.warehouses import (
    Kind,
    LocationCreate,
    LocationRead,
    LocationUpdate,
    WarehouseCreate,
    WarehouseRead,
    WarehouseUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["warehouses"], route_class=TransactionalRoute)

COLUMNS = [
    Column("code", "field.code"),
    Column("name", "field.name"),
    Column("kind", "field.warehouse_kind", get=lambda w: t(f"warehouse.kind.{w.kind}")),
    Column("address", "field.address"),
    Column("keeper", "field.keeper"),
    Column("is_active", "field.is_active", "bool"),
]


@router.get("/warehouses", response_model=Page[WarehouseRead])
def list_warehouses(
    request: Request,
    params: ListParams = Depends(),
    kind: Kind | None = None,
    is_active: bool | None = None,
    format: Literal["xlsx", "csv"] | None = None,
    columns: str | None = Query(default=None, max_length=500),
    # The till picks its store: a cashier sees the warehouses of their scope without warehouse.view.
    principal: Principal = Depends(require_any("warehouse.view", "retail.sell")),
    session: Session = Depends(get_session),
) -> Page[WarehouseRead] | Response:
    if format:
        check(request, principal, "warehouse.export")
        rows, _ = warehouses.list_warehouses(session, params, kind, is_active, limit=100_000)
        return export_response(format, t("export.warehouses"), choose_columns(COLUMNS, columns), rows)
    items, total = warehouses.list_warehouses(session, params, kind, is_active)
    return Page[WarehouseRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.post("/warehouses", response_model=WarehouseRead, status_code=201)
def create_warehouse(
    body: WarehouseCreate,
    _: Principal = Depends(require("warehouse.create")),
    session: Session = Depends(get_session),
) -> WarehouseRead:
    return warehouses.create_warehouse(session, body)


@router.patch("/warehouses/{warehouse_id}", response_model=WarehouseRead)
def update_warehouse(
    warehouse_id: int,
    body: WarehouseUpdate,
    _: Principal = Depends(require("warehouse.edit")),
    session: Session = Depends(get_session),
) -> WarehouseRead:
    return warehouses.update_warehouse(session, warehouse_id, body)


@router.delete("/warehouses/{warehouse_id}", status_code=204)
def delete_warehouse(
    warehouse_id: int,
    _: Principal = Depends(require("warehouse.delete")),
    session: Session = Depends(get_session),
) -> Response:
    warehouses.delete_warehouse(session, warehouse_id)
    return Response(status_code=204)


@router.get("/warehouses/{warehouse_id}/locations", response_model=list[LocationRead])
def list_locations(
    warehouse_id: int,
    _: Principal = Depends(require("warehouse.view")),
    session: Session = Depends(get_session),
) -> list[LocationRead]:
    return warehouses.list_locations(session, warehouse_id)


@router.post("/warehouses/{warehouse_id}/locations", response_model=LocationRead, status_code=201)
def create_location(
    warehouse_id: int,
    body: LocationCreate,
    _: Principal = Depends(require("warehouse.edit")),
    session: Session = Depends(get_session),
) -> LocationRead:
    return warehouses.create_location(session, warehouse_id, body)


@router.patch("/locations/{location_id}", response_model=LocationRead)
def update_location(
    location_id: int,
    body: LocationUpdate,
    _: Principal = Depends(require("warehouse.edit")),
    session: Session = Depends(get_session),
) -> LocationRead:
    return warehouses.update_location(session, location_id, body)


@router.delete("/locations/{location_id}", status_code=204)
def delete_location(
    location_id: int,
    _: Principal = Depends(require("warehouse.edit")),
    session: Session = Depends(get_session),
) -> Response:
    warehouses.delete_location(session, location_id)
    return Response(status_code=204)
