"""商品 import and export: one row per product (its base unit, an optional second unit, prices).

Export writes the same columns the import reads, so an exported list re-imports unchanged. Imports of
tens of thousands of rows must finish in seconds, so rows are validated against preloaded maps and written
with multi-row INSERT/UPDATE statements rather than one ORM save per product.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from jxc.catalog import barcodes as bc
from jxc.catalog import searching
from jxc.catalog.models import Barcode, Category, Product, ProductUnit, Sku, SkuPrice, Unit
from jxc.common import audit
from jxc.common.excel import ApplyResult, Field, ImportSpec, register
from jxc.common.excel.reader import Row
from jxc.common.excel.spec import CellError
from jxc.common.export import Column
from jxc.common.i18n import t
from jxc.common.pinyin import mnemonic, search_text
from jxc.common.schemas import can_view_purchase_prices
from jxc.db.base import utcnow
from jxc.db.bulk import insert_rows
from jxc.db.maintenance import refresh_statistics
from jxc.db.search import bulk_insert

TRACKING = (("none", "tracking.none"), ("lot", "tracking.lot"), ("serial", "tracking.serial"))
_PRODUCTS = cast(Table, Product.__table__)
_SKUS = cast(Table, Sku.__table__)
PRICE_KEYS = ("retail_price", "wholesale_price", "min_price", "purchase_price")
_READ_ALL_CODES = 5_000

SPEC = ImportSpec(
    "products",
    "export.products",
    [
        Field("code", "field.code", required=True, kind="code", max_length=40, example="SP000001"),
        Field("name", "field.name", required=True, max_length=120, example="可口可乐 330ml"),
        Field("spec", "field.spec", max_length=120, example="330ml"),
        Field("model", "field.model", max_length=120),
        Field("brand", "field.brand", max_length=64, example="可口可乐"),
        Field(
            "category",
            "field.category_path",
            max_length=200,
            help_key="help.category_path",
            example="饮料/碳酸饮料",
        ),
        Field("base_unit", "field.base_unit", required=True, max_length=16, example="瓶"),
        Field("barcode", "field.barcode", kind="barcode", max_length=32, example="6901234567892"),
        Field("unit2", "field.unit2", max_length=16, example="箱"),
        Field(
            "unit2_ratio",
            "field.unit2_ratio",
            kind="decimal",
            scale=6,
            help_key="help.unit2_ratio",
            example="24",
        ),
        Field("unit2_barcode", "field.unit2_barcode", kind="barcode", max_length=32),
        Field("retail_price", "field.retail_price", kind="decimal", scale=6, example="3.5"),
        Field("wholesale_price", "field.wholesale_price", kind="decimal", scale=6),
        Field("min_price", "field.min_price", kind="decimal", scale=6),
        Field("purchase_price", "field.purchase_price", kind="decimal", scale=6),
        Field("mnemonic", "field.mnemonic", max_length=120),
        Field("tracking", "field.tracking", kind="choice", choices=TRACKING),
        Field("shelf_life_days", "field.shelf_life_days", kind="int"),
        Field("location", "field.location", max_length=40, example="A-03-2"),
        Field("is_active", "field.is_active", kind="bool"),
    ],
    instructions_key="help.products_import",
    checks_on_write=True,  # apply() validates every row before its first write
)


def _columns() -> list[Column]:
    kinds = {"decimal": "number", "int": "number", "bool": "bool"}
    out = []
    for f in SPEC.fields:
        kind: Any = "money" if f.key in PRICE_KEYS else kinds.get(f.kind, "text")
        get = (lambda r: t(f"tracking.{r.tracking}")) if f.key == "tracking" else None
        out.append(Column(f.key, f.label_key, kind, get=get, purchase_price=f.key == "purchase_price"))
    return out


COLUMNS = _columns()


def category_paths(session: Session) -> dict[int, str]:
    rows = {c.id: c for c in session.execute(select(Category)).scalars()}
    paths: dict[int, str] = {}

    def path(cid: int, depth: int = 0) -> str:
        if cid in paths:
            return paths[cid]
        c = rows[cid]
        parent = c.parent_id
        text = (
            c.name
            if parent is None or parent not in rows or depth > 50
            else f"{path(parent, depth + 1)}/{c.name}"
        )
        paths[cid] = text
        return text

    for cid in rows:
        path(cid)
    return paths


def _merge_updates(
    session: Session, changed: list[Any], sku_of: dict[str, int], units: dict[str, Unit], can_price: bool
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Updates add and change, never remove: a row shows one barcode and one extra unit, so barcodes, units
    and prices it does not mention stay as they are (an exported list re-imports without losing any)."""
    company_id = session.info["company_id"]
    units_rows: list[dict[str, Any]] = []
    barcode_rows: list[dict[str, Any]] = []
    price_rows: list[dict[str, Any]] = []
    if not changed:
        return units_rows, barcode_rows, price_rows
    product_ids = [e.id for _, e, _ in changed]
    sku_ids = [sku_of[r["code"]] for _, _, r in changed]
    have_units = {
        (pu.product_id, pu.unit_id): pu
        for pu in session.execute(
            select(ProductUnit).where(ProductUnit.product_id.in_(product_ids))
        ).scalars()
    }
    have_codes = {
        (int(sku), str(code))
        for sku, code in session.execute(
            select(Barcode.sku_id, Barcode.barcode).where(Barcode.sku_id.in_(sku_ids))
        ).all()
    }
    have_prices = {
        (pr.sku_id, pr.unit_id): pr
        for pr in session.execute(select(SkuPrice).where(SkuPrice.sku_id.in_(sku_ids))).scalars()
    }
    price_keys = [k for k in PRICE_KEYS if k != "purchase_price" or can_price]
    for row, _e, r in changed:
        v = row.values
        sku_id, base_id = sku_of[r["code"]], r["base_unit_id"]
        if v.get("barcode") and (sku_id, v["barcode"]) not in have_codes:
            barcode_rows.append(
                {"company_id": company_id, "sku_id": sku_id, "unit_id": base_id, "barcode": v["barcode"]}
            )
        if v.get("unit2"):
            unit2 = units[v["unit2"]].id
            existing = have_units.get((r["id"], unit2))
            if existing is None:
                units_rows.append(
                    {
                        "company_id": company_id,
                        "product_id": r["id"],
                        "unit_id": unit2,
                        "ratio": v["unit2_ratio"],
                    }
                )
            elif existing.ratio != v["unit2_ratio"]:
                existing.ratio = v["unit2_ratio"]
            if v.get("unit2_barcode") and (sku_id, v["unit2_barcode"]) not in have_codes:
                barcode_rows.append(
                    {
                        "company_id": company_id,
                        "sku_id": sku_id,
                        "unit_id": unit2,
                        "barcode": v["unit2_barcode"],
                    }
                )
        sent = {k: v.get(k) for k in price_keys if k in v}
        price = have_prices.get((sku_id, base_id))
        if price is not None:
            for key, value in sent.items():
                setattr(price, key, value)
        elif any(value is not None for value in sent.values()):
            price_rows.append({"company_id": company_id, "sku_id": sku_id, "unit_id": base_id, **sent})
    return units_rows, barcode_rows, price_rows


def _ids_by_code(session: Session, table: Table, codes: list[str]) -> dict[str, int]:
    if len(codes) >= _READ_ALL_CODES:
        # A large import: one pass over the company's codes costs less than a hundred IN (500 codes)
        # statements, whose per-statement and per-parameter work in SQLAlchemy was most of a second.
        wanted = set(codes)
        return {
            str(c): int(i)
            for i, c in session.execute(
                select(table.c.id, table.c.code).where(table.c.company_id == session.info["company_id"])
            ).all()
            if c in wanted
        }
    out: dict[str, int] = {}
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        out.update(
            {
                str(c): int(i)
                for i, c in session.execute(
                    select(table.c.id, table.c.code).where(
                        table.c.company_id == session.info["company_id"], table.c.code.in_(chunk)
                    )
                ).all()
            }
        )
    return out


def export_rows(session: Session, products: Sequence[Product] | None = None) -> list[SimpleNamespace]:
    """One flat row per product, in the import's columns (variant products show their first SKU)."""
    if products is None:
        products = session.execute(select(Product).order_by(Product.code)).scalars().all()
    if not products:
        return []
    ids = [p.id for p in products]
    units = {u.id: u.name for u in session.execute(select(Unit)).scalars()}
    categories = category_paths(session)
    first_sku: dict[int, int] = {}
    for sku_id, product_id in session.execute(
        select(Sku.id, Sku.product_id).where(Sku.product_id.in_(ids)).order_by(Sku.id)
    ).all():
        first_sku.setdefault(product_id, sku_id)
    second: dict[int, ProductUnit] = {}
    for pu in session.execute(
        select(ProductUnit).where(ProductUnit.product_id.in_(ids)).order_by(ProductUnit.id)
    ).scalars():
        second.setdefault(pu.product_id, pu)
    sku_ids = list(first_sku.values())
    codes: dict[tuple[int, int], str] = {}
    for b in session.execute(
        select(Barcode).where(Barcode.sku_id.in_(sku_ids)).order_by(Barcode.id)
    ).scalars():
        codes.setdefault((b.sku_id, b.unit_id), b.barcode)
    prices = {
        (p.sku_id, p.unit_id): p
        for p in session.execute(select(SkuPrice).where(SkuPrice.sku_id.in_(sku_ids))).scalars()
    }
    out = []
    for p in products:
        sku = first_sku.get(p.id, 0)
        unit2 = second.get(p.id)
        price = prices.get((sku, p.base_unit_id))
        out.append(
            SimpleNamespace(
                code=p.code,
                name=p.name,
                spec=p.spec,
                model=p.model,
                brand=p.brand,
                category=categories.get(p.category_id) if p.category_id else None,
                base_unit=units[p.base_unit_id],
                barcode=codes.get((sku, p.base_unit_id)),
                unit2=units[unit2.unit_id] if unit2 else None,
                unit2_ratio=unit2.ratio.normalize() if unit2 else None,
                unit2_barcode=codes.get((sku, unit2.unit_id)) if unit2 else None,
                **{
                    k: (getattr(price, k).normalize() if price and getattr(price, k) is not None else None)
                    for k in PRICE_KEYS
                },
                mnemonic=p.mnemonic,
                tracking=p.tracking,
                shelf_life_days=p.shelf_life_days,
                location=p.location,
                is_active=p.is_active,
            )
        )
    return out


def _error(errors: list[CellError], row: int, key: str, message_key: str, /, **params: Any) -> None:
    errors.append(SPEC.error(row, key, t(message_key, **params)))


@dataclass
class _Existing:
    id: int
    version: int
    base_unit_id: int
    sku_id: int | None
    sku_count: int


def apply(session: Session, rows: list[Row], write: bool) -> ApplyResult:
    units = {u.name: u for u in session.execute(select(Unit)).scalars()}
    categories = {path: cid for cid, path in category_paths(session).items()}
    existing: dict[str, _Existing] = {}
    for pid, code, version, base_unit_id in session.execute(
        select(Product.id, Product.code, Product.version, Product.base_unit_id)
    ).all():
        existing[code] = _Existing(pid, version, base_unit_id, None, 0)
    by_id = {e.id: e for e in existing.values()}
    for sku_id, product_id in session.execute(select(Sku.id, Sku.product_id).order_by(Sku.id)).all():
        e = by_id[product_id]
        e.sku_count += 1
        if e.sku_id is None:
            e.sku_id = sku_id
    taken = dict(
        session.execute(select(Barcode.barcode, Sku.product_id).join(Sku, Sku.id == Barcode.sku_id)).all()
    )
    errors: list[CellError] = []
    seen_codes: dict[str, int] = {}
    seen_barcodes: dict[str, int] = {}
    can_price = can_view_purchase_prices()
    for row in rows:
        v = row.values
        code = v.get("code") or ""
        err = partial(_error, errors, row.number)
        if code in seen_codes:
            err("code", "import.duplicate_in_file", row=seen_codes[code])
        seen_codes.setdefault(code, row.number)
        current_product = existing.get(code)
        base = units.get(v.get("base_unit") or "")
        if current_product and base is not None and current_product.base_unit_id != base.id:
            err("base_unit", "import.base_unit_fixed")
        if base is None or not base.is_active:
            err("base_unit", "validation.unit_not_found")
        unit2 = v.get("unit2")
        if unit2:
            if unit2 not in units or (base is not None and units[unit2].id == base.id):
                err("unit2", "validation.unit_not_found")
            ratio = v.get("unit2_ratio")
            if ratio is None or ratio <= 0:
                err("unit2_ratio", "validation.unit_ratio_invalid")
        elif v.get("unit2_barcode") or v.get("unit2_ratio") is not None:
            err("unit2", "validation.missing")
        category = v.get("category")
        if category and category not in categories:
            err("category", "validation.category_not_found")
        for key in ("barcode", "unit2_barcode"):
            value = v.get(key)
            if not value:
                continue
            issue = bc.problem(value)
            if issue:
                err(key, f"validation.{issue}", barcode=value)
            elif value in seen_barcodes or (
                value in taken and (current_product is None or taken[value] != current_product.id)
            ):
                err(key, "validation.barcode_taken", barcode=value)
            seen_barcodes.setdefault(value, row.number)
        if v.get("purchase_price") is not None and not can_price:
            err("purchase_price", "validation.cost_not_allowed")
        for key in PRICE_KEYS:
            if v.get(key) is not None and v[key] < 0:
                err(key, "validation.greater_than_equal", ge=0)
    created = sum(1 for r in rows if (r.values.get("code") or "") not in existing)
    updated = len(rows) - created
    if errors or not write:
        return ApplyResult(created=created, updated=updated, errors=errors)
    _write(session, rows, units, categories, existing, can_price)
    return ApplyResult(created=created, updated=updated, errors=[])


def _write(
    session: Session,
    rows: list[Row],
    units: dict[str, Unit],
    categories: dict[str, int],
    existing: dict[str, _Existing],
    can_price: bool,
) -> None:
    company_id = session.info["company_id"]
    fresh, changed = [], []
    for row in rows:
        v = row.values
        e = existing.get(v["code"])
        m = mnemonic(v["name"])
        record: dict[str, Any] = {
            "code": v["code"],
            "name": v["name"],
            "spec": v.get("spec") or "",
            "model": v.get("model") or "",
            "brand": v.get("brand") or "",
            "category_id": categories.get(v.get("category") or ""),
            "base_unit_id": units[v["base_unit"]].id,
            "mnemonic": (v.get("mnemonic") or "").lower() or m.initials,
            "mnemonic_alternatives": list(m.alternatives),
            "tracking": v.get("tracking") or "none",
            "shelf_life_days": v.get("shelf_life_days"),
            "location": (v.get("location") or "").strip(),
            "is_active": v.get("is_active") if v.get("is_active") is not None else True,
        }
        record["search_text"] = search_text(
            record["code"],
            record["name"],
            record["spec"],
            record["model"],
            record["brand"],
            record["mnemonic"],
            *m.alternatives,
            m.full,
            v.get("barcode"),
            v.get("unit2_barcode"),
        )
        if e is None:
            fresh.append((row, record))
        else:
            changed.append((row, e, {**record, "id": e.id, "version": e.version}))
    sku_of: dict[str, int] = {}
    if fresh:
        # One instant for the whole import, converted once rather than a timestamp per row and column.
        now = utcnow()
        same = {"company_id": company_id, "created_at": now, "updated_at": now}
        # Plain multi-row INSERTs, ids read back by code: an ordered RETURNING would make SQLite run one
        # statement per row (measured: 20,000 statements for 10,000 products).
        with bulk_insert(session, "products"):
            insert_rows(session, _PRODUCTS, [r for _, r in fresh], {**same, "attributes": []})
        product_ids = _ids_by_code(session, _PRODUCTS, [r["code"] for _, r in fresh])
        for _, r in fresh:
            r["id"] = product_ids[r["code"]]
        with bulk_insert(session, "skus"):
            insert_rows(
                session,
                _SKUS,
                [
                    {"product_id": r["id"], "code": r["code"], "search_text": r["search_text"]}
                    for _, r in fresh
                ],
                {**same, "attributes": {}, "attributes_text": "", "is_active": True},
            )
        sku_of.update(_ids_by_code(session, _SKUS, [r["code"] for _, r in fresh]))
    if changed:
        session.execute(update(Product), [r for _, _, r in changed])
        for _, e, r in changed:
            if e.sku_id is None:
                e.sku_id = session.execute(
                    insert(Sku)
                    .returning(Sku.id)
                    .values(
                        company_id=company_id,
                        product_id=e.id,
                        code=r["code"],
                        attributes={},
                        attributes_text="",
                        is_active=True,
                        search_text=r["search_text"],
                    )
                ).scalar_one()
            sku_of[r["code"]] = e.sku_id
        session.execute(
            update(Sku), [{"id": e.sku_id, "search_text": r["search_text"]} for _, e, r in changed]
        )
    units_rows, barcode_rows, price_rows = _merge_updates(session, changed, sku_of, units, can_price)
    for row, r in fresh:
        v = row.values
        sku_id = sku_of[r["code"]]
        base_id = r["base_unit_id"]
        if v.get("barcode"):
            barcode_rows.append(
                {"company_id": company_id, "sku_id": sku_id, "unit_id": base_id, "barcode": v["barcode"]}
            )
        if v.get("unit2"):
            unit2 = units[v["unit2"]].id
            units_rows.append(
                {"company_id": company_id, "product_id": r["id"], "unit_id": unit2, "ratio": v["unit2_ratio"]}
            )
            if v.get("unit2_barcode"):
                barcode_rows.append(
                    {
                        "company_id": company_id,
                        "sku_id": sku_id,
                        "unit_id": unit2,
                        "barcode": v["unit2_barcode"],
                    }
                )
        if any(v.get(k) is not None for k in PRICE_KEYS):
            price_rows.append(
                {
                    "company_id": company_id,
                    "sku_id": sku_id,
                    "unit_id": base_id,
                    "retail_price": v.get("retail_price"),
                    "wholesale_price": v.get("wholesale_price"),
                    "min_price": v.get("min_price"),
                    "purchase_price": v.get("purchase_price") if can_price else None,
                }
            )
    batches: list[tuple[Any, list[dict[str, Any]]]] = [
        (ProductUnit, units_rows),
        (Barcode, barcode_rows),
        (SkuPrice, price_rows),
    ]
    for table, batch in batches:
        if batch:
            # Core-level inserts: the rows are plain dicts and the ORM's bookkeeping is not needed.
            insert_rows(session, table.__table__, batch)
    searching.refresh(session, [e.id for _, e, _ in changed])
    refresh_statistics(session)
    audit.record(
        session,
        action="import",
        object_type="product",
        object_label=f"{len(rows)}",
        after={"created": [r["code"] for _, r in fresh], "updated": [r["code"] for _, _, r in changed]},
    )
    session.flush()


register("products", SPEC, apply, lambda s: export_rows(s), COLUMNS)
