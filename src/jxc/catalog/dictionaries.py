"""Units (单位) and price levels (价格等级): small per-company dictionaries."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jxc.catalog.models import Barcode, PriceLevel, Product, ProductUnit, SkuLevelPrice, SkuPrice, Unit
from jxc.catalog.schemas import (
    PriceLevelCreate,
    PriceLevelRead,
    PriceLevelUpdate,
    UnitCreate,
    UnitRead,
    UnitUpdate,
)
from jxc.common import refs
from jxc.common.errors import Conflict, NotFound, field_error


def list_units(session: Session) -> list[UnitRead]:
    rows = session.execute(select(Unit).order_by(Unit.id)).scalars().all()
    return [UnitRead.model_validate(u) for u in rows]


def _unit(session: Session, unit_id: int) -> Unit:
    unit = session.execute(select(Unit).where(Unit.id == unit_id)).scalar_one_or_none()
    if unit is None:
        raise NotFound("unit_not_found")
    return unit


def _unit_name_free(session: Session, name: str, except_id: int | None = None) -> None:
    stmt = select(Unit.id).where(Unit.name == name)
    if except_id is not None:
        stmt = stmt.where(Unit.id != except_id)
    if session.execute(stmt).first():
        raise Conflict("unit_name_taken", errors=[field_error("body.name", "name_taken")], name=name)


def create_unit(session: Session, body: UnitCreate) -> UnitRead:
    _unit_name_free(session, body.name)
    unit = Unit(name=body.name, allow_fraction=body.allow_fraction)
    session.add(unit)
    session.flush()
    return UnitRead.model_validate(unit)


def update_unit(session: Session, unit_id: int, body: UnitUpdate) -> UnitRead:
    unit = _unit(session, unit_id)
    if body.name is not None and body.name != unit.name:
        _unit_name_free(session, body.name, unit.id)
        unit.name = body.name
    if body.allow_fraction is not None:
        unit.allow_fraction = body.allow_fraction
    if body.is_active is not None:
        unit.is_active = body.is_active
    session.flush()
    return UnitRead.model_validate(unit)


def unit_in_use(session: Session, unit_id: int) -> bool:
    for table, column in (
        (Product, Product.base_unit_id),
        (ProductUnit, ProductUnit.unit_id),
        (Barcode, Barcode.unit_id),
        (SkuPrice, SkuPrice.unit_id),
    ):
        if session.execute(select(table.id).where(column == unit_id).limit(1)).first():
            return True
    return bool(refs.usage(session, "unit", unit_id))


def delete_unit(session: Session, unit_id: int) -> None:
    unit = _unit(session, unit_id)
    if unit_in_use(session, unit.id):
        raise Conflict("unit_in_use")
    session.delete(unit)
    session.flush()


def list_price_levels(session: Session) -> list[PriceLevelRead]:
    rows = session.execute(select(PriceLevel).order_by(PriceLevel.sort_order, PriceLevel.id)).scalars().all()
    return [PriceLevelRead.model_validate(p) for p in rows]


def _level(session: Session, level_id: int) -> PriceLevel:
    level = session.execute(select(PriceLevel).where(PriceLevel.id == level_id)).scalar_one_or_none()
    if level is None:
        raise NotFound("price_level_not_found")
    return level


def _level_name_free(session: Session, name: str, except_id: int | None = None) -> None:
    stmt = select(PriceLevel.id).where(func.lower(PriceLevel.name) == name.lower())
    if except_id is not None:
        stmt = stmt.where(PriceLevel.id != except_id)
    if session.execute(stmt).first():
        raise Conflict("price_level_name_taken", errors=[field_error("body.name", "name_taken")], name=name)


def create_price_level(session: Session, body: PriceLevelCreate) -> PriceLevelRead:
    _level_name_free(session, body.name)
    level = PriceLevel(name=body.name, sort_order=body.sort_order)
    session.add(level)
    session.flush()
    return PriceLevelRead.model_validate(level)


def update_price_level(session: Session, level_id: int, body: PriceLevelUpdate) -> PriceLevelRead:
    level = _level(session, level_id)
    if body.name is not None and body.name != level.name:
        _level_name_free(session, body.name, level.id)
        level.name = body.name
    if body.sort_order is not None:
        level.sort_order = body.sort_order
    session.flush()
    return PriceLevelRead.model_validate(level)


def delete_price_level(session: Session, level_id: int) -> None:
    level = _level(session, level_id)
    used = session.execute(
        select(SkuLevelPrice.id).where(SkuLevelPrice.price_level_id == level.id).limit(1)
    ).first()
    if used or refs.usage(session, "price_level", level.id):
        raise Conflict("price_level_in_use")
    session.delete(level)
    session.flush()


def _level_names(session: Session, ids: list[int] | None) -> dict[int, str]:
    stmt = select(PriceLevel.id, PriceLevel.name)
    rows = session.execute(stmt if ids is None else stmt.where(PriceLevel.id.in_(ids))).all()
    return {int(i): str(n) for i, n in rows}


def _unit_names(session: Session, ids: list[int] | None) -> dict[int, str]:
    stmt = select(Unit.id, Unit.name)
    rows = session.execute(stmt if ids is None else stmt.where(Unit.id.in_(ids))).all()
    return {int(i): str(n) for i, n in rows}


refs.register_lookup("price_level", _level_names)
refs.register_lookup("unit", _unit_names)
