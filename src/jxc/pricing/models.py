"""Price lists with validity dates and promotions (促销). Level prices per SKU × unit live in the catalogue
(`sku_level_prices`); these tables add what changes over time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from jxc.common.audit_spec import AuditSpec
from jxc.db.base import Base, CompanyScoped, Timestamps, Versioned
from jxc.db.types import Money, Price, Qty


def _fk(cols: list[str], table: str, ondelete: str | None = None) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["company_id", *cols], [f"{table}.company_id", f"{table}.id"], ondelete=ondelete
    )


class PriceList(CompanyScoped, Timestamps, Versioned, Base):
    """A dated price list (价目表), for every customer or one price level; the newest valid list wins."""

    __tablename__ = "price_lists"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "name"),
        _fk(["price_level_id"], "price_levels"),
        CheckConstraint("date_to IS NULL OR date_to >= date_from", name="dates_ordered"),
    )
    __audit__ = AuditSpec("price_list", label="name")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    price_level_id: Mapped[int | None] = mapped_column(Integer)  # null: every customer
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date | None] = mapped_column(Date)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    remark: Mapped[str] = mapped_column(String(200), default="")


class PriceListItem(CompanyScoped, Base):
    __tablename__ = "price_list_items"
    __table_args__ = (
        UniqueConstraint("company_id", "price_list_id", "sku_id", "unit_id"),
        _fk(["price_list_id"], "price_lists", "CASCADE"),
        _fk(["sku_id"], "skus"),
        _fk(["unit_id"], "units"),
        Index("ix_price_list_items_sku", "company_id", "sku_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    price_list_id: Mapped[int] = mapped_column(Integer)
    sku_id: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(Integer)
    price: Mapped[Decimal] = mapped_column(Price())  # incl. tax


class Promotion(CompanyScoped, Timestamps, Versioned, Base):
    """促销: percent_off (折扣), fixed_price (特价), buy_n_get_m (买N送M), markdown (清仓: percent off for
    slow movers). Scope: every SKU, a category (with its descendants) or listed SKUs."""

    __tablename__ = "promotions"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        CheckConstraint("date_to >= date_from", name="dates_ordered"),
        Index("ix_promotions_dates", "company_id", "date_from", "date_to"),
    )
    __audit__ = AuditSpec("promotion", label="name")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # percent_off | fixed_price | buy_n_get_m | markdown
    scope: Mapped[str] = mapped_column(String(10), default="sku")  # all | category | sku
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    percent_off: Mapped[Decimal | None] = mapped_column(Money())  # percent_off, markdown: 0 < x ≤ 100
    buy_qty: Mapped[Decimal | None] = mapped_column(Qty())  # buy_n_get_m: N
    free_qty: Mapped[Decimal | None] = mapped_column(Qty())  # buy_n_get_m: M
    retail_only: Mapped[bool] = mapped_column(Boolean, default=False)  # only at the counter
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    remark: Mapped[str] = mapped_column(String(200), default="")


class PromotionItem(CompanyScoped, Base):
    """What a promotion covers: a SKU (with its fixed price for fixed_price) or a category."""

    __tablename__ = "promotion_items"
    __table_args__ = (
        _fk(["promotion_id"], "promotions", "CASCADE"),
        _fk(["sku_id"], "skus"),
        _fk(["category_id"], "categories"),
        CheckConstraint("(sku_id IS NULL) <> (category_id IS NULL)", name="one_target"),
        Index("ix_promotion_items_promotion", "company_id", "promotion_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    promotion_id: Mapped[int] = mapped_column(Integer)
    sku_id: Mapped[int | None] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(Integer)
    fixed_price: Mapped[Decimal | None] = mapped_column(Price())  # fixed_price: the price per base unit
