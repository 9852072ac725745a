"""Document lines shared by inventory documents (and later purchasing and sales): checking a line's SKU,
unit and quantity against the catalogue, converting to base units exactly, and naming lines for reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from jxc.auth.models import User
from jxc.catalog.conversion import to_base
from jxc.catalog.models import Product, ProductUnit, Sku, Unit
from jxc.common.errors import Invalid, field_error
from jxc.db.engine import Prepared
from jxc.db.scoping import session_company
from jxc.inventory.stock_models import Lot


@dataclass(frozen=True)
class SkuNames:
    """What a document line shows about its SKU."""

    sku_id: int
    code: str
    product_id: int
    name: str
    spec: str
    attributes_text: str
    tracking: str
    base_unit_name: str


@dataclass(frozen=True)
class SkuInfo(SkuNames):
    """A SKU's catalogue facts for checking lines against it."""

    shelf_life_days: int | None
    base_unit_id: int
    ratios: dict[int, Decimal]  # unit id → base units in one of it
    is_active: bool


_SKU: Table = Sku.__table__  # type: ignore[assignment]
_PRODUCT: Table = Product.__table__  # type: ignore[assignment]
_PUNIT: Table = ProductUnit.__table__  # type: ignore[assignment]
_UNIT: Table = Unit.__table__  # type: ignore[assignment]
_UNIT_NAMES = Prepared(
    select(_UNIT.c.id, _UNIT.c.name, _UNIT.c.allow_fraction).where(
        _UNIT.c.company_id == bindparam("company_")
    )
)
# Every document line is checked against these facts: one prepared statement (db.engine) reads a SKU, its
# product and the product's extra units (a row per unit; the company is named, as Core bypasses the ORM's
# company filter).
_SKU_FACTS = Prepared(
    select(
        _SKU.c.id,
        _SKU.c.code,
        _SKU.c.attributes_text,
        _SKU.c.is_active.label("sku_active"),
        _PRODUCT.c.id.label("product_id"),
        _PRODUCT.c.name,
        _PRODUCT.c.spec,
        _PRODUCT.c.tracking,
        _PRODUCT.c.shelf_life_days,
        _PRODUCT.c.base_unit_id,
        _PRODUCT.c.is_active.label("product_active"),
        _PUNIT.c.unit_id,
        _PUNIT.c.ratio,
    )
    .select_from(
        _SKU.join(
            _PRODUCT, (_PRODUCT.c.id == _SKU.c.product_id) & (_PRODUCT.c.company_id == _SKU.c.company_id)
        ).outerjoin(
            _PUNIT, (_PUNIT.c.product_id == _PRODUCT.c.id) & (_PUNIT.c.company_id == _PRODUCT.c.company_id)
        )
    )
    .where(_SKU.c.company_id == bindparam("company_id"), _SKU.c.id.in_(bindparam("ids", expanding=True)))
)


def sku_infos(session: Session, sku_ids: set[int]) -> dict[int, SkuInfo]:
    """The catalogue facts of these SKUs, cached for the session: one request reads them several times
    (check, post, answer) and the catalogue does not change under a document being posted."""
    company_id = session_company(session)
    cache: dict[int, SkuInfo] = session.info.setdefault(("jxc.sku_infos", company_id), {})
    missing = sku_ids - cache.keys()
    if missing:
        rows = _SKU_FACTS.rows(session.connection(), {"company_id": company_id, "ids": sorted(missing)})
        ratios: dict[int, dict[int, Decimal]] = {}
        for r in rows:
            extra = ratios.setdefault(r.id, {r.base_unit_id: Decimal(1)})
            if r.unit_id is not None:
                extra[r.unit_id] = r.ratio
        names = unit_names(session)
        for r in rows:
            if r.id in cache:
                continue
            cache[r.id] = SkuInfo(
                sku_id=r.id,
                code=r.code,
                product_id=r.product_id,
                name=r.name,
                spec=r.spec,
                attributes_text=r.attributes_text,
                tracking=r.tracking,
                shelf_life_days=r.shelf_life_days,
                base_unit_id=r.base_unit_id,
                base_unit_name=names.get(r.base_unit_id, ("", False))[0],
                ratios=ratios[r.id],
                is_active=bool(r.sku_active and r.product_active),
            )
    return {i: cache[i] for i in sku_ids if i in cache}


def unit_names(session: Session) -> dict[int, tuple[str, bool]]:
    """unit id → (name, allow_fraction), cached for the session."""
    cached: dict[int, tuple[str, bool]] | None = session.info.get(
        ("jxc.unit_names", session_company(session))
    )
    if cached is None:
        # Prepared: every document line and every ticket asks (the ORM query cost ~0.2 ms of a sale).
        company_id = session_company(session)
        cached = {
            int(i): (str(n), bool(f))
            for i, n, f in _UNIT_NAMES.rows(session.connection(), {"company_": company_id})
        }
        session.info[("jxc.unit_names", company_id)] = cached
    return cached


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
    session.flush()
    return lot
