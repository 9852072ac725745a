"""Warehouses and stores (仓库/门店) with their locations (库位). Lists honour the user's warehouse scope."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.common import refs
from jxc.common.errors import Conflict, NotFound
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.common.schemas import InputModel, ReadModel
from jxc.common.unique import ensure_free
from jxc.db.scoping import session_company
from jxc.inventory.models import Location, Warehouse

Kind = Literal["warehouse", "store"]


class WarehouseRead(ReadModel):
    id: int
    code: str
    name: str
    kind: Kind
    address: str
    keeper: str
    is_active: bool
    version: int


class WarehouseCreate(InputModel):
    code: str = Field(min_length=1, max_length=32)
    name: str = Field(min_length=1, max_length=100)
    kind: Kind = "warehouse"
    address: str = Field(default="", max_length=200)
    keeper: str = Field(default="", max_length=64)
    is_active: bool = True


class WarehouseUpdate(InputModel):
    code: str | None = Field(default=None, min_length=1, max_length=32)
    name: str | None = Field(default=None, min_length=1, max_length=100)
    kind: Kind | None = None
    address: str | None = Field(default=None, max_length=200)
    keeper: str | None = Field(default=None, max_length=64)
    is_active: bool | None = None
    version: int


class LocationRead(ReadModel):
    id: int
    warehouse_id: int
    code: str
    name: str
    is_active: bool


class LocationCreate(InputModel):
    code: str = Field(min_length=1, max_length=32)
    name: str = Field(default="", max_length=64)


class LocationUpdate(InputModel):
    code: str | None = Field(default=None, min_length=1, max_length=32)
    name: str | None = Field(default=None, max_length=64)
    is_active: bool | None = None


SORTS = {"code": Warehouse.code, "name": Warehouse.name}


def list_warehouses(
    session: Session,
    params: ListParams,
    kind: Kind | None = None,
    is_active: bool | None = None,
    limit: int | None = None,
) -> tuple[list[WarehouseRead], int]:
    stmt = scope.restrict(select(Warehouse), Warehouse.id)
    if params.q:
        pattern = like_pattern(params.q)
        stmt = stmt.where(
            or_(Warehouse.code.ilike(pattern, escape="\\"), Warehouse.name.ilike(pattern, escape="\\"))
        )
    if kind:
        stmt = stmt.where(Warehouse.kind == kind)
    if is_active is not None:
        stmt = stmt.where(Warehouse.is_active.is_(is_active))
    rows, total = paginate(session, stmt, params, params.order_by(SORTS, [Warehouse.code]), limit)
    return [WarehouseRead.model_validate(w) for w in rows], total


def _load(session: Session, warehouse_id: int) -> Warehouse:
    scope.ensure(warehouse_id)
    row = session.execute(select(Warehouse).where(Warehouse.id == warehouse_id)).scalar_one_or_none()
    if row is None:
        raise NotFound("warehouse_not_found")
    return row


def create_warehouse(session: Session, body: WarehouseCreate) -> WarehouseRead:
    ensure_free(session, Warehouse.code, body.code, code="warehouse_code_taken")
    row = Warehouse(**body.model_dump())
    session.add(row)
    session.flush()
    return WarehouseRead.model_validate(row)


def update_warehouse(session: Session, warehouse_id: int, body: WarehouseUpdate) -> WarehouseRead:
    row = _load(session, warehouse_id)
    if body.version != row.version:
        raise Conflict("version_conflict")
    if body.code is not None and body.code != row.code:
        ensure_free(session, Warehouse.code, body.code, except_id=row.id, code="warehouse_code_taken")
    for name, value in body.model_dump(exclude={"version"}, exclude_none=True).items():
        setattr(row, name, value)
    session.flush()
    return WarehouseRead.model_validate(row)


def delete_warehouse(session: Session, warehouse_id: int) -> None:
    row = _load(session, warehouse_id)
    used = refs.usage(session, "warehouse", row.id)
    if used:
        raise Conflict("warehouse_in_use", what="、".join(used))
    session.execute(delete(Location).where(Location.warehouse_id == row.id))
    session.delete(row)
    session.flush()


def list_locations(session: Session, warehouse_id: int) -> list[LocationRead]:
    _load(session, warehouse_id)
    rows = (
        session.execute(select(Location).where(Location.warehouse_id == warehouse_id).order_by(Location.code))
        .scalars()
        .all()
    )
    return [LocationRead.model_validate(r) for r in rows]


def _location(session: Session, location_id: int) -> Location:
    row = session.execute(select(Location).where(Location.id == location_id)).scalar_one_or_none()
    if row is None:
        raise NotFound("location_not_found")
    scope.ensure(row.warehouse_id)
    return row


def create_location(session: Session, warehouse_id: int, body: LocationCreate) -> LocationRead:
    _load(session, warehouse_id)
    ensure_free(
        session,
        Location.code,
        body.code,
        within=Location.warehouse_id == warehouse_id,
        code="location_code_taken",
    )
    row = Location(warehouse_id=warehouse_id, code=body.code, name=body.name)
    session.add(row)
    session.flush()
    return LocationRead.model_validate(row)


def update_location(session: Session, location_id: int, body: LocationUpdate) -> LocationRead:
    row = _location(session, location_id)
    if body.code is not None and body.code != row.code:
        ensure_free(
            session,
            Location.code,
            body.code,
            except_id=row.id,
            within=Location.warehouse_id == row.warehouse_id,
            code="location_code_taken",
        )
    for name, value in body.model_dump(exclude_none=True).items():
        setattr(row, name, value)
    session.flush()
    return LocationRead.model_validate(row)


def delete_location(session: Session, location_id: int) -> None:
    row = _location(session, location_id)
    used = refs.usage(session, "location", row.id)
    if used:
        raise Conflict("location_in_use", what="、".join(used))
    session.delete(row)
    session.flush()


def warehouse_names(session: Session, ids: list[int], active_only: bool = False) -> dict[int, str]:
    """id → name of those `ids` that exist (and are active, when asked); remembered for the session, as a
    document is checked and answered within one request."""
    if not ids:
        return {}
    cache: dict[int, tuple[str, bool]] = session.info.setdefault(
        ("jxc.warehouses", session_company(session)), {}
    )
    missing = set(ids) - cache.keys()
    if missing:
        stmt = select(Warehouse.id, Warehouse.name, Warehouse.is_active).where(
            Warehouse.id.in_(sorted(missing))
        )
        for i, n, active in session.execute(stmt).all():
            cache[int(i)] = (str(n), bool(active))
    return {i: cache[i][0] for i in ids if i in cache and (cache[i][1] or not active_only)}
