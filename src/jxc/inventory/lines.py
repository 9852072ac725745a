"""Document lines shared by inventory documents (and later purchasing and sales): checking a line's SKU,
unit and quantity against the catalogue, converting to base units exactly, and naming lines for reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth.models import User
from jxc.catalog.conversion import to_base
from jxc.catalog.models import Product, ProductUnit, Sku, Unit
from jxc.common.errors import Invalid, field_error
from jxc.inventory.stock_models import Lot


@dataclass(frozen=True)
class SkuInfo:
    sku_id: int
    code: str
    product_id: int
    name: str
    spec: str
    attributes_text: str
    tracking: str
    shelf_life_days: int | None
    base_unit_id: int
    base_unit_name: str
    ratios: dict[int, Decimal]  # unit id → base units in one of it
    is_active: bool


def sku_infos(session: Session, sku_ids: set[int]) -> dict[int, SkuInfo]:
    if not sku_ids:
        return {}
    rows = session.execute(
        select(Sku, Product).join(Product, Product.id == Sku.product_id).where(Sku.id.in_(sku_ids))
    ).all()
    product_ids = {p.id for _, p in rows}
    extra: dict[int, dict[int, Decimal]] = {}
    for pu in session.execute(select(ProductUnit).where(ProductUnit.product_id.in_(product_ids))).scalars():
        extra.setdefault(pu.product_id, {})[pu.unit_id] = pu.ratio
    names = unit_names(session)
    out = {}
    for sku, p in rows:
        out[sku.id] = SkuInfo(
            sku_id=sku.id,
            code=sku.code,
            product_id=p.id,
            name=p.name,
            spec=p.spec,
            attributes_text=sku.attributes_text,
            tracking=p.tracking,
            shelf_life_days=p.shelf_life_days,
            base_unit_id=p.base_unit_id,
            base_unit_name=names.get(p.base_unit_id, ("", False))[0],
            ratios={p.base_unit_id: Decimal(1), **extra.get(p.id, {})},
            is_active=sku.is_active and p.is_active,
        )
    return out


def unit_names(session: Session) -> dict[int, tuple[str, bool]]:
    """unit id → (name, allow_fraction)."""
    return {u.id: (u.name, u.allow_fraction) for u in session.execute(select(Unit)).scalars()}


def user_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.display_name).where(User.id.in_(wanted))).all()
    return {int(i): str(n) for i, n in rows}


@dataclass(frozen=True)
class CheckedLine:
    info: SkuInfo
    ratio: Decimal
    base_qty: Decimal


def check_lines(
    session: Session, lines: list[tuple[int, int, Decimal]], field: str = "lines"
) -> list[CheckedLine]:
    """(sku_id, unit_id, qty) per line → the SKU, the unit's ratio and the base quantity; every problem of
    every line in one 422."""
    infos = sku_infos(session, {s for s, _, _ in lines})
    units = unit_names(session)
    errors = []
    out: list[CheckedLine] = []
    for i, (sku_id, unit_id, qty) in enumerate(lines):
        info = infos.get(sku_id)
        if info is None:
            errors.append(field_error(f"{field}.{i}.sku_id", "sku_not_found"))
            continue
        ratio = info.ratios.get(unit_id)
        if ratio is None:
            errors.append(field_error(f"{field}.{i}.unit_id", "unit_not_of_product", product=info.name))
            continue
        if not units.get(unit_id, ("", True))[1] and qty != qty.to_integral_value():
            errors.append(field_error(f"{field}.{i}.qty", "qty_fraction", unit=units[unit_id][0]))
            continue
        base = to_base(qty, ratio)
        if base != base.quantize(Decimal("0.0001")):
            errors.append(field_error(f"{field}.{i}.qty", "qty_too_precise"))
            continue
        out.append(CheckedLine(info, ratio, base.quantize(Decimal("0.0001"))))
    if errors:
        raise Invalid("invalid_lines", errors=errors)
    return out


def find_lot(session: Session, sku_id: int, lot_no: str) -> Lot | None:
    return session.execute(select(Lot).where(Lot.sku_id == sku_id, Lot.lot_no == lot_no)).scalar_one_or_none()


def ensure_lot(
    session: Session,
    info: SkuInfo,
    lot_no: str,
    production_date: date | None,
    expiry_date: date | None,
) -> Lot:
    """The SKU's lot with that number, created when new (expiry from the shelf life when not given)."""
    lot = find_lot(session, info.sku_id, lot_no)
    if lot is not None:
        return lot
    if expiry_date is None and production_date is not None and info.shelf_life_days:
        expiry_date = production_date + timedelta(days=info.shelf_life_days)
    lot = Lot(sku_id=info.sku_id, lot_no=lot_no, production_date=production_date, expiry_date=expiry_date)
    session.add(lot)
    session.flush([lot])
    return lot
