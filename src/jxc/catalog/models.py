"""Tables of the catalogue. Documents reference SKUs; a product groups SKUs sharing name, units and category.

Foreign keys between company tables carry `company_id`, so a row can never point into another company.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKeyConstraint,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from jxc.common.audit_spec import AuditSpec
from jxc.db.base import Base, CompanyScoped, Timestamps, Versioned
from jxc.db.types import Price, Qty, ScaledDecimal

RATIO_SCALE = 6


def _fk(cols: list[str], table: str, ondelete: str | None = None) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["company_id", *cols], [f"{table}.company_id", f"{table}.id"], ondelete=ondelete
    )


class PriceLevel(CompanyScoped, Timestamps, Base):
    __tablename__ = "price_levels"
    __table_args__ = (UniqueConstraint("company_id", "id"), UniqueConstraint("company_id", "name"))
    __audit__ = AuditSpec("price_level", label="name")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Unit(CompanyScoped, Timestamps, Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("company_id", "id"), UniqueConstraint("company_id", "name"))
    __audit__ = AuditSpec("unit", label="name")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(16))
    allow_fraction: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Category(CompanyScoped, Timestamps, Versioned, Base):
    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("company_id", "id"), _fk(["parent_id"], "categories"))
    __audit__ = AuditSpec("category", label="name")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    parent_id: Mapped[int | None] = mapped_column(Integer, index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Product(CompanyScoped, Timestamps, Versioned, Base):
    __tablename__ = "products"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "code"),
        _fk(["category_id"], "categories"),
        _fk(["base_unit_id"], "units"),
        _fk(["default_supplier_id"], "partners"),
    )
    __audit__ = AuditSpec("product", label="name", exclude=frozenset({"search_text"}))

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    spec: Mapped[str] = mapped_column(String(120), default="")
    model: Mapped[str] = mapped_column(String(120), default="")
    brand: Mapped[str] = mapped_column(String(64), default="")
    category_id: Mapped[int | None] = mapped_column(Integer, index=True)
    base_unit_id: Mapped[int] = mapped_column(Integer)
    mnemonic: Mapped[str] = mapped_column(String(120), default="")
    mnemonic_alternatives: Mapped[list[str]] = mapped_column(JSON, default=list)
    tracking: Mapped[str] = mapped_column(String(8), default="none")  # none | lot | serial
    shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    # 货位 (e.g. "A-03-2"): the picking list walks the shelves in this order.
    location: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # The supplier lives in `partners` (a sibling layer): checked through common.refs, constrained here.
    default_supplier_id: Mapped[int | None] = mapped_column(Integer, index=True)
    image_url: Mapped[str | None] = mapped_column(String(500))
    remark: Mapped[str] = mapped_column(String(500), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    attributes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    search_text: Mapped[str] = mapped_column(Text, default="")


class ProductUnit(CompanyScoped, Base):
    """An extra unit of a product: one of it holds `ratio` base units (1 箱 = 24 瓶)."""

    __tablename__ = "product_units"
    __table_args__ = (
        UniqueConstraint("company_id", "product_id", "unit_id"),
        _fk(["product_id"], "products", "CASCADE"),
        _fk(["unit_id"], "units"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    ratio: Mapped[Decimal] = mapped_column(ScaledDecimal(RATIO_SCALE))


class Sku(CompanyScoped, Timestamps, Base):
    __tablename__ = "skus"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "code"),
        _fk(["product_id"], "products", "CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(Integer, index=True)
    code: Mapped[str] = mapped_column(String(48))
    attributes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    attributes_text: Mapped[str] = mapped_column(String(200), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    search_text: Mapped[str] = mapped_column(Text, default="")


class Barcode(CompanyScoped, Base):
    __tablename__ = "barcodes"
    __table_args__ = (
        UniqueConstraint("company_id", "barcode"),
        _fk(["sku_id"], "skus", "CASCADE"),
        _fk(["unit_id"], "units"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    barcode: Mapped[str] = mapped_column(String(32))


class SkuPrice(CompanyScoped, Base):
    __tablename__ = "sku_prices"
    __table_args__ = (
        UniqueConstraint("company_id", "sku_id", "unit_id"),
        _fk(["sku_id"], "skus", "CASCADE"),
        _fk(["unit_id"], "units"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    retail_price: Mapped[Decimal | None] = mapped_column(Price())
    wholesale_price: Mapped[Decimal | None] = mapped_column(Price())
    min_price: Mapped[Decimal | None] = mapped_column(Price())
    purchase_price: Mapped[Decimal | None] = mapped_column(Price())


class SkuLevelPrice(CompanyScoped, Base):
    """The price of a SKU × unit for customers of one price level (价格等级)."""

    __tablename__ = "sku_level_prices"
    __table_args__ = (
        UniqueConstraint("company_id", "sku_id", "unit_id", "price_level_id"),
        _fk(["sku_id"], "skus", "CASCADE"),
        _fk(["unit_id"], "units"),
        _fk(["price_level_id"], "price_levels"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    price_level_id: Mapped[int] = mapped_column(Integer, index=True)
    price: Mapped[Decimal] = mapped_column(Price())


class SkuStockLimit(CompanyScoped, Base):
    """库存预警 thresholds per SKU × warehouse (in base units)."""

    __tablename__ = "sku_stock_limits"
    __table_args__ = (
        UniqueConstraint("company_id", "sku_id", "warehouse_id"),
        _fk(["sku_id"], "skus", "CASCADE"),
        _fk(["warehouse_id"], "warehouses"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(Integer, index=True)
    warehouse_id: Mapped[int] = mapped_column(Integer, index=True)
    min_qty: Mapped[Decimal | None] = mapped_column(Qty())
    max_qty: Mapped[Decimal | None] = mapped_column(Qty())
