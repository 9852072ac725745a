"""Inventory documents: opening stock, other receipts/issues and transfers (one table, a `kind` column), and
stocktakes with their frozen lines and per-counter counts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKeyConstraint, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jxc.common.audit_spec import AuditSpec
from jxc.common.lifecycle import DocumentColumns
from jxc.db.base import Base, CompanyScoped, Timestamps, UTCDateTime, Versioned
from jxc.db.types import Money, Price, Qty, ScaledDecimal


def _fk(cols: list[str], table: str, ondelete: str | None = None) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["company_id", *cols], [f"{table}.company_id", f"{table}.id"], ondelete=ondelete
    )


class StockDoc(CompanyScoped, Timestamps, Versioned, DocumentColumns, Base):
    __tablename__ = "stock_docs"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "number"),
        _fk(["warehouse_id"], "warehouses"),
        _fk(["to_warehouse_id"], "warehouses"),
        Index("ix_stock_docs_kind_date", "company_id", "kind", "business_date"),
    )
    __audit__ = AuditSpec("stock_doc", label="number")

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # opening | other_in | other_out | transfer
    warehouse_id: Mapped[int] = mapped_column(Integer)
    to_warehouse_id: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(16), default="")
    total_qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    total_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))


class StockDocLine(CompanyScoped, Base):
    __tablename__ = "stock_doc_lines"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        _fk(["doc_id"], "stock_docs", "CASCADE"),
        _fk(["sku_id"], "skus"),
        _fk(["unit_id"], "units"),
        _fk(["lot_id"], "lots"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[int] = mapped_column(Integer, index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    sku_id: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    qty: Mapped[Decimal] = mapped_column(Qty())
    ratio: Mapped[Decimal] = mapped_column(ScaledDecimal(6))  # base units in one line unit, when saved
    base_qty: Mapped[Decimal] = mapped_column(Qty())
    lot_id: Mapped[int | None] = mapped_column(Integer)
    lot_no: Mapped[str] = mapped_column(String(64), default="")
    production_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    unit_cost: Mapped[Decimal | None] = mapped_column(Price())  # per line unit
    amount: Mapped[Decimal | None] = mapped_column(Money())
    remark: Mapped[str] = mapped_column(String(200), default="")


class Stocktake(CompanyScoped, Timestamps, Versioned, DocumentColumns, Base):
    __tablename__ = "stocktakes"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "number"),
        _fk(["warehouse_id"], "warehouses"),
        _fk(["category_id"], "categories"),
    )
    __audit__ = AuditSpec("stocktake", label="number")

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(Integer, index=True)
    category_id: Mapped[int | None] = mapped_column(Integer)
    frozen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The newest stock move when the book was frozen: moves after it are "moved since the freeze".
    freeze_move_id: Mapped[int] = mapped_column(Integer, default=0)


class StocktakeLine(CompanyScoped, Base):
    __tablename__ = "stocktake_lines"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "stocktake_id", "sku_id", "lot_key"),
        _fk(["stocktake_id"], "stocktakes", "CASCADE"),
        _fk(["sku_id"], "skus"),
        _fk(["lot_id"], "lots"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stocktake_id: Mapped[int] = mapped_column(Integer, index=True)
    sku_id: Mapped[int] = mapped_column(Integer)
    lot_id: Mapped[int | None] = mapped_column(Integer)
    lot_key: Mapped[int] = mapped_column(Integer, default=0)  # lot_id or 0: one line per SKU × lot
    book_qty: Mapped[Decimal] = mapped_column(Qty())
    counted_qty: Mapped[Decimal | None] = mapped_column(Qty())  # Σ of the counters' counts
    unit_cost: Mapped[Decimal | None] = mapped_column(Price())  # at approval
    variance_amount: Mapped[Decimal | None] = mapped_column(Money())  # at approval


class StocktakeCount(CompanyScoped, Base):
    """One counter's count of one line; a line's counted quantity is the sum over its counters."""

    __tablename__ = "stocktake_counts"
    __table_args__ = (
        UniqueConstraint("company_id", "line_id", "user_id"),
        _fk(["line_id"], "stocktake_lines", "CASCADE"),
    )
    # Every count (scan or typed) is in the audit trail: who counted what, before and after.
    __audit__ = AuditSpec("stocktake_count", exclude=frozenset({"updated_at"}))

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int] = mapped_column(Integer, index=True)
    user_id: Mapped[int] = mapped_column(Integer)
    qty: Mapped[Decimal] = mapped_column(Qty())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
