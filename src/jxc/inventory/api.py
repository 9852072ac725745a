"""/api/v1/warehouses."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from jxc.auth.deps import require
from jxc.auth.principal import Principal
from jxc.common.pagination import ListParams, Page
from jxc.common.route import TransactionalRoute, get_session
from jxc.inventory import warehouses
from jxc.inventory.warehouses import WarehouseCreate, WarehouseRead

router = APIRouter(prefix="/api/v1/warehouses", tags=["warehouses"], route_class=TransactionalRoute)


@router.get("", response_model=Page[WarehouseRead])
def list_warehouses(
    params: ListParams = Depends(),
    _: Principal = Depends(require("warehouse.view")),
    session: Session = Depends(get_session),
) -> Page[WarehouseRead]:
    items, total = warehouses.list_warehouses(session, params)
    return Page[WarehouseRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.post("", response_model=WarehouseRead, status_code=201)
def create_warehouse(
    body: WarehouseCreate,
    _: Principal = Depends(require("warehouse.create")),
    session: Session = Depends(get_session),
) -> WarehouseRead:
    return warehouses.create_warehouse(session, body)
