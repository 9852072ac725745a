"""Saving a product as one aggregate: its units, attributes and SKUs with barcodes, prices and stock limits.

Every problem in the payload is collected and reported at once (per field), and nothing is written unless
all of it is valid. A SKU dropped from the payload is deleted only when nothing references it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.catalog import barcodes as bc
from jxc.catalog import searching
from jxc.catalog.models import (
    Barcode,
    Category,
    PriceLevel,
    Product,
    ProductUnit,
    Sku,
    SkuLevelPrice,
    SkuPrice,
    SkuStockLimit,
    Unit,
)
from jxc.catalog.product_queries import get_product
from jxc.catalog.schemas import ProductRead, ProductUpdate, ProductWrite, SkuIn
from jxc.common import audit, refs
from jxc.common.errors import Conflict, Invalid, NotFound, field_error
from jxc.common.numbering import next_serial
from jxc.common.pinyin import mnemonic as make_mnemonic
from jxc.common.pinyin import search_text
from jxc.common.schemas import can_view_purchase_prices


@dataclass
class _Problems:
    invalid: list[dict[str, str]] = field(default_factory=list)
    taken: list[dict[str, str]] = field(default_factory=list)

    def add(self, where: str, code: str, **params: Any) -> None:
        (self.taken if code.endswith("_taken") else self.invalid).append(field_error(where, code, **params))

    def raise_if_any(self) -> None:
        if self.invalid:
            raise Invalid("product_invalid", errors=self.invalid + self.taken)
        if self.taken:
            raise Conflict(self.taken[0]["code"], errors=self.taken)


def _generated_code(session: Session) -> str:
    while True:
        code = f"SP{next_serial(session, 'SP'):06d}"
        if not session.execute(select(Product.id).where(Product.code == code)).first():
            return code


def _matrix(attributes: list[tuple[str, list[str]]]) -> list[dict[str, str]]:
    names = [a[0] for a in attributes]
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(a[1] for a in attributes))]


def save(session: Session, body: ProductWrite, product_id: int | None = None) -> ProductRead:
    problems = _Problems()
    product = None
    if product_id is not None:
        product = session.execute(select(Product).where(Product.id == product_id)).scalar_one_or_none()
        if product is None:
            raise NotFound("product_not_found")
        if isinstance(body, ProductUpdate) and body.version != product.version:
            raise Conflict("version_conflict")
    own_skus = (
        {s.id: s for s in session.execute(select(Sku).where(Sku.product_id == product_id)).scalars()}
        if product_id is not None
        else {}
    )

    code = (body.code or "").strip()
    if code:
        clash = select(Product.id).where(Product.code == code)
        if product_id is not None:
            clash = clash.where(Product.id != product_id)
        if session.execute(clash).first():
            problems.add("body.code", "code_taken")
    units = {u.id: u for u in session.execute(select(Unit)).scalars()}
    base = units.get(body.base_unit_id)
    if base is None or not base.is_active:
        problems.add("body.base_unit_id", "unit_not_found")
    product_units: dict[int, Decimal] = {body.base_unit_id: Decimal(1)}
    for i, pu in enumerate(body.units):
        where = f"body.units.{i}"
        if pu.unit_id not in units:
            problems.add(f"{where}.unit_id", "unit_not_found")
        elif pu.unit_id in product_units:
            problems.add(f"{where}.unit_id", "unit_duplicate")
        if pu.ratio <= 0:
            problems.add(f"{where}.ratio", "unit_ratio_invalid")
        product_units.setdefault(pu.unit_id, pu.ratio)
    if (
        body.category_id is not None
        and not session.execute(select(Category.id).where(Category.id == body.category_id)).first()
    ):
        problems.add("body.category_id", "category_not_found")
    if body.default_supplier_id is not None and not refs.names(
        session, "supplier", [body.default_supplier_id]
    ):
        problems.add("body.default_supplier_id", "supplier_not_found")

    attributes: list[tuple[str, list[str]]] = []
    seen_names: set[str] = set()
    for i, attr in enumerate(body.attributes):
        values = [v.strip() for v in attr.values]
        if attr.name in seen_names or any(not v for v in values) or len(set(values)) != len(values):
            problems.add(f"body.attributes.{i}", "attribute_invalid")
        seen_names.add(attr.name)
        attributes.append((attr.name, values))
    skus_in: list[SkuIn] = list(body.skus)
    if not skus_in:
        combos = _matrix(attributes) if attributes else [{}]
        skus_in = [SkuIn(attributes=c) for c in combos]
    _check_matrix(problems, attributes, skus_in)

    levels = {pl.id for pl in session.execute(select(PriceLevel)).scalars()}
    warehouse_ids = {lim.warehouse_id for s in skus_in for lim in s.stock_limits}
    known_warehouses = scope.existing_warehouses(session, sorted(warehouse_ids))
    fraction_ok = bool(base and base.allow_fraction)
    payload_barcodes: dict[str, str] = {}
    payload_codes: set[str] = set()
    for i, sku in enumerate(skus_in):
        where = f"body.skus.{i}"
        if sku.id is not None and sku.id not in own_skus:
            problems.add(f"{where}.id", "sku_not_found")
        if sku.code:
            if sku.code in payload_codes:
                problems.add(f"{where}.code", "code_taken")
            payload_codes.add(sku.code)
            clash = select(Sku.id).where(Sku.code == sku.code)
            if sku.id is not None:
                clash = clash.where(Sku.id != sku.id)
            if product_id is not None:
                clash = clash.where(Sku.product_id != product_id)
            if session.execute(clash).first():
                problems.add(f"{where}.code", "code_taken")
        for j, b in enumerate(sku.barcodes):
            value = bc.normalise(b.barcode)
            issue = bc.problem(value)
            if issue:
                problems.add(f"{where}.barcodes.{j}.barcode", issue, barcode=value)
            elif value in payload_barcodes:
                problems.add(f"{where}.barcodes.{j}.barcode", "barcode_taken", barcode=value)
            payload_barcodes[value] = where
            if b.unit_id not in product_units:
                problems.add(f"{where}.barcodes.{j}.unit_id", "unit_not_of_product")
        seen_units: set[int] = set()
        for j, price in enumerate(sku.prices):
            if price.unit_id not in product_units or price.unit_id in seen_units:
                problems.add(f"{where}.prices.{j}.unit_id", "unit_not_of_product")
            seen_units.add(price.unit_id)
            if price.purchase_price is not None and not can_view_purchase_prices():
                problems.add(f"{where}.prices.{j}.purchase_price", "cost_not_allowed")
            for k, lp in enumerate(price.level_prices):
                if lp.price_level_id not in levels:
                    problems.add(f"{where}.prices.{j}.level_prices.{k}", "price_level_not_found")
        for j, lim in enumerate(sku.stock_limits):
            lw = f"{where}.stock_limits.{j}"
            if lim.warehouse_id not in known_warehouses:
                problems.add(f"{lw}.warehouse_id", "warehouse_not_found")
            if lim.min_qty is not None and lim.max_qty is not None and lim.min_qty > lim.max_qty:
                problems.add(lw, "stock_limit_order")
            for q in (lim.min_qty, lim.max_qty):
                if q is not None and not fraction_ok and q != q.to_integral_value():
                    problems.add(lw, "fraction_not_allowed")
    if payload_barcodes:
        taken = select(Barcode.barcode, Barcode.sku_id).where(Barcode.barcode.in_(list(payload_barcodes)))
        for value, sku_id in session.execute(taken).all():
            if sku_id not in own_skus:
                problems.add(f"{payload_barcodes[value]}.barcodes", "barcode_taken", barcode=value)
    problems.raise_if_any()
    scope.ensure_all(warehouse_ids)

    kept = {s.id for s in skus_in if s.id is not None}
    for sku_id in set(own_skus) - kept:
        used = refs.usage(session, "sku", sku_id)
        if used:
            raise Conflict("sku_in_use", code_value=own_skus[sku_id].code, what="、".join(used))
    return _write(session, product, body, code, attributes, skus_in, own_skus, product_units)


def _check_matrix(problems: _Problems, attributes: list[tuple[str, list[str]]], skus: list[SkuIn]) -> None:
    names = {a[0] for a in attributes}
    allowed = {a[0]: set(a[1]) for a in attributes}
    seen: set[tuple[tuple[str, str], ...]] = set()
    for i, sku in enumerate(skus):
        key = tuple(sorted(sku.attributes.items()))
        if (
            set(sku.attributes) != names
            or any(v not in allowed[k] for k, v in sku.attributes.items())
            or key in seen
        ):
            problems.add(f"body.skus.{i}.attributes", "attribute_matrix")
        seen.add(key)
    if not attributes and len(skus) != 1:
        problems.add("body.skus", "attribute_matrix")


def _write(
    session: Session,
    product: Product | None,
    body: ProductWrite,
    code: str,
    attributes: list[tuple[str, list[str]]],
    skus_in: list[SkuIn],
    own_skus: dict[int, Sku],
    product_units: dict[int, Decimal],
) -> ProductRead:
    names = make_mnemonic(body.name)
    if product is None:
        product = Product(
            code=code or _generated_code(session), base_unit_id=body.base_unit_id, name=body.name
        )
        session.add(product)
    elif code:
        product.code = code
    product.name, product.spec, product.model, product.brand = body.name, body.spec, body.model, body.brand
    product.category_id, product.base_unit_id = body.category_id, body.base_unit_id
    product.mnemonic = (body.mnemonic or "").strip().lower() or names.initials
    product.mnemonic_alternatives = list(names.alternatives)
    product.tracking, product.shelf_life_days = body.tracking, body.shelf_life_days
    product.location = body.location.strip()
    product.default_supplier_id, product.image_url = body.default_supplier_id, body.image_url
    product.remark, product.is_active = body.remark, body.is_active
    product.attributes = [{"name": n, "values": v} for n, v in attributes]
    session.flush()

    session.execute(delete(ProductUnit).where(ProductUnit.product_id == product.id))
    for unit_id, ratio in product_units.items():
        if unit_id != body.base_unit_id:
            session.add(ProductUnit(product_id=product.id, unit_id=unit_id, ratio=ratio))

    for sku_id in set(own_skus) - {s.id for s in skus_in if s.id is not None}:
        session.delete(own_skus[sku_id])
    session.flush()
    kept_costs = _kept_purchase_prices(session, list(own_skus))
    can_price = can_view_purchase_prices()
    multi = len(skus_in) > 1
    product_text = searching.product_tokens(product)
    all_barcodes: list[str] = []
    all_codes: list[str] = []
    for n, sku_in in enumerate(skus_in, start=1):
        sku = own_skus.get(sku_in.id) if sku_in.id is not None else None
        sku_code = (sku_in.code or "").strip() or (
            sku.code if sku else (f"{product.code}-{n:02d}" if multi else product.code)
        )
        if sku is None:
            sku = Sku(product_id=product.id, code=sku_code)
            session.add(sku)
        sku.code, sku.attributes, sku.is_active = sku_code, dict(sku_in.attributes), sku_in.is_active
        sku.attributes_text = " ".join(
            sku_in.attributes[a[0]] for a in attributes if a[0] in sku_in.attributes
        )
        session.flush()
        for table in (Barcode, SkuPrice, SkuLevelPrice, SkuStockLimit):
            session.execute(delete(table).where(table.sku_id == sku.id))
        codes = [bc.normalise(b.barcode) for b in sku_in.barcodes]
        for b, value in zip(sku_in.barcodes, codes, strict=True):
            session.add(Barcode(sku_id=sku.id, unit_id=b.unit_id, barcode=value))
        for price in sku_in.prices:
            purchase = price.purchase_price if can_price else kept_costs.get((sku.id, price.unit_id))
            session.add(
                SkuPrice(
                    sku_id=sku.id,
                    unit_id=price.unit_id,
                    retail_price=price.retail_price,
                    wholesale_price=price.wholesale_price,
                    min_price=price.min_price,
                    purchase_price=purchase,
                )
            )
            for lp in price.level_prices:
                session.add(
                    SkuLevelPrice(
                        sku_id=sku.id, unit_id=price.unit_id, price_level_id=lp.price_level_id, price=lp.price
                    )
                )
        for lim in sku_in.stock_limits:
            session.add(
                SkuStockLimit(
                    sku_id=sku.id, warehouse_id=lim.warehouse_id, min_qty=lim.min_qty, max_qty=lim.max_qty
                )
            )
        sku.search_text = search_text(*product_text, sku.code, sku.attributes_text, *codes)
        all_barcodes.extend(codes)
        all_codes.append(sku.code)
    product.search_text = search_text(*product_text, *all_codes, *all_barcodes)
    audit.extra_after(
        session,
        product,
        {
            "units": {str(k): str(v) for k, v in product_units.items()},
            "skus": all_codes,
            "barcodes": all_barcodes,
        },
    )
    session.flush()
    return get_product(session, product.id)


def _kept_purchase_prices(session: Session, sku_ids: list[int]) -> dict[tuple[int, int], Decimal | None]:
    """A user who may not see purchase prices cannot have erased them by saving."""
    if not sku_ids or can_view_purchase_prices():
        return {}
    rows = session.execute(
        select(SkuPrice.sku_id, SkuPrice.unit_id, SkuPrice.purchase_price).where(SkuPrice.sku_id.in_(sku_ids))
    ).all()
    return {(r[0], r[1]): r[2] for r in rows}


def delete_product(session: Session, product_id: int) -> None:
    product = session.execute(select(Product).where(Product.id == product_id)).scalar_one_or_none()
    if product is None:
        raise NotFound("product_not_found")
    for sku_id in session.execute(select(Sku.id).where(Sku.product_id == product.id)).scalars():
        used = refs.usage(session, "sku", sku_id)
        if used:
            raise Conflict("product_in_use", what="、".join(used))
    sku_ids = list(session.execute(select(Sku.id).where(Sku.product_id == product.id)).scalars())
    for table in (Barcode, SkuPrice, SkuLevelPrice, SkuStockLimit):
        session.execute(delete(table).where(table.sku_id.in_(sku_ids)))
    session.execute(delete(Sku).where(Sku.product_id == product.id))
    session.execute(delete(ProductUnit).where(ProductUnit.product_id == product.id))
    session.delete(product)
    session.flush()
