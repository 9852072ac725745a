"""The stock ledger's tables: lots, moves (the ledger) and balances (a cache of the moves).

Only `inventory.ledger` writes `stock_moves`, `stock_balances` and `stock_lot_balances` (a test scans the code
base for writes elsewhere). Moves are facts: who, what, where, when and how many never change (a database
trigger refuses it). Their valuation (unit cost, value, running balances) is derived, and the ledger
re-computes it when a back-dated move is posted before them (ADR 0004).
"""

from __future__ import annotations

from datetime import date, datetime
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

from jxc.db.base import Base, CompanyScoped, UTCDateTime, utcnow
from jxc.db.types import Money, Price, Qty


def _fk(cols: list[str], table: str) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["company_id", *cols], [f"{table}.company_id", f"{table}.id"])


class Lot(CompanyScoped, Base):
    """批次: a SKU's lot number with its production and expiry dates."""

    __tablename__ = "lots"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "sku_id", "lot_no"),
        _fk(["sku_id"], "skus"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(Integer)
    lot_no: Mapped[str] = mapped_column(String(64))
    production_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


# How a move's value is found: `given` by its document (receipts at a price, opening stock), `average` at
# the moving average where it stands in the ledger, `linked` as the negation of another move (the transfer
# out it came from, the move a reversal undoes).
COST_MODES = ("given", "average", "linked")


class StockMove(CompanyScoped, Base):
    __tablename__ = "stock_moves"
    # Every posting writes each b-tree of this table (ADR 0004 §Speed): only indexes that queries use; each
    # leads with company_id, so the column needs none of its own.
    __company_index__ = False
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        _fk(["sku_id"], "skus"),
        _fk(["warehouse_id"], "warehouses"),
        _fk(["lot_id"], "lots"),
        Index("ix_stock_moves_position", "company_id", "sku_id", "warehouse_id", "business_date", "id"),
        Index("ix_stock_moves_doc", "company_id", "doc_kind", "doc_id"),
        Index("ix_stock_moves_warehouse_date", "company_id", "warehouse_id", "business_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(Integer)
    lot_id: Mapped[int | None] = mapped_column(Integer)
    business_date: Mapped[date] = mapped_column(Date)
    qty: Mapped[Decimal] = mapped_column(Qty())  # signed, base unit
    kind: Mapped[str] = mapped_column(String(24))  # opening, other_in, transfer_out, stocktake_gain, …
    doc_kind: Mapped[str] = mapped_column(String(24))
    doc_id: Mapped[int] = mapped_column(Integer)
    doc_line_id: Mapped[int | None] = mapped_column(Integer)
    doc_number: Mapped[str] = mapped_column(String(40))
    cost_mode: Mapped[str] = mapped_column(String(8))
    link_move_id: Mapped[int | None] = mapped_column(Integer)
    reverses_move_id: Mapped[int | None] = mapped_column(Integer)  # read with the document's moves
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Derived valuation (re-computed by back-dated postings):
    value: Mapped[Decimal] = mapped_column(Money())  # signed
    unit_cost: Mapped[Decimal] = mapped_column(Price())
    balance_qty: Mapped[Decimal] = mapped_column(Qty())  # SKU × warehouse after this move
    balance_value: Mapped[Decimal] = mapped_column(Money())
    balance_cost: Mapped[Decimal] = mapped_column(Price())  # moving average after this move


MOVE_FACTS = (
    "id",
    "company_id",
    "sku_id",
    "warehouse_id",
    "lot_id",
    "business_date",
    "qty",
    "kind",
    "doc_kind",
    "doc_id",
    "doc_line_id",
    "doc_number",
    "cost_mode",
    "link_move_id",
    "reverses_move_id",
    "created_by",
    "created_at",
)


class StockBalance(CompanyScoped, Base):
    """SKU × warehouse: on hand, reserved (confirmed sales orders), incoming (confirmed purchase orders) and
    the value behind the moving average. The row is also the lock every change to that SKU × warehouse takes.
    """

    __tablename__ = "stock_balances"
    __table_args__ = (
        UniqueConstraint("company_id", "sku_id", "warehouse_id"),
        _fk(["sku_id"], "skus"),
        _fk(["warehouse_id"], "warehouses"),
        CheckConstraint("on_hand >= 0 OR negative_ok", name="on_hand_not_negative"),
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        CheckConstraint("incoming >= 0", name="incoming_not_negative"),
        Index("ix_stock_balances_warehouse", "company_id", "warehouse_id", "sku_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(Integer)
    on_hand: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    reserved: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    incoming: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    value: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    avg_cost: Mapped[Decimal] = mapped_column(Price(), default=Decimal(0))
    # The company's negative-stock setting as of the last change: lets a CHECK back the rule.
    negative_ok: Mapped[bool] = mapped_column(Boolean, default=False)


class StockLotBalance(CompanyScoped, Base):
    __tablename__ = "stock_lot_balances"
    __table_args__ = (
        UniqueConstraint("company_id", "sku_id", "warehouse_id", "lot_id"),
        _fk(["sku_id"], "skus"),
        _fk(["warehouse_id"], "warehouses"),
        _fk(["lot_id"], "lots"),
        CheckConstraint("on_hand >= 0 OR negative_ok", name="on_hand_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(Integer)
    lot_id: Mapped[int] = mapped_column(Integer, index=True)
    on_hand: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    negative_ok: Mapped[bool] = mapped_column(Boolean, default=False)
