"""Warehouses and stores (the 基础资料 issue adds locations, keepers and the page).
Lists honour the user's warehouse scope."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.common.errors import Conflict, field_error
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.common.schemas import InputModel, ReadModel
from jxc.inventory.models import Warehouse


class WarehouseRead(ReadModel):
    id: int
    code: str
    name: str
    kind: Literal["warehouse", "store"]
    is_active: bool


class WarehouseCreate(InputModel):
    code: str = Field(min_length=1, max_length=32)
    name: str = Field(min_length=1, max_length=100)
    kind: Literal["warehouse", "store"] = "warehouse"


SORTS = {"code": Warehouse.code, "name": Warehouse.name}


def list_warehouses(session: Session, params: ListParams) -> tuple[list[WarehouseRead], int]:
    stmt = scope.restrict(select(Warehouse), Warehouse.id)
    if params.q:
        pattern = like_pattern(params.q)
        stmt = stmt.where(
            or_(Warehouse.code.ilike(pattern, escape="\\"), Warehouse.name.ilike(pattern, escape="\\"))
        )
    rows, total = paginate(session, stmt, params, params.order_by(SORTS, [Warehouse.code]))
    return [WarehouseRead.model_validate(w) for w in rows], int(total)


def create_warehouse(session: Session, body: WarehouseCreate) -> WarehouseRead:
    if session.execute(select(Warehouse.id).where(Warehouse.code == body.code)).first():
        raise Conflict(
            "warehouse_code_taken", errors=[field_error("body.code", "code_taken")], value=body.code
        )
    row = Warehouse(code=body.code, name=body.name, kind=body.kind)
    session.add(row)
    session.flush()
    return WarehouseRead.model_validate(row)
