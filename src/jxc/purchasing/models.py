"""Purchase orders, receipts and returns: one table with a `kind` column (as the inventory documents), lines
that point back to the line they came from (receipt line → order line, return line → receipt line)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, ForeignKeyConstraint, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jxc.common.audit_spec import AuditSpec
from jxc.common.lifecycle import DocumentColumns
from jxc.db.base import Base, CompanyScoped, Timestamps, UTCDateTime, Versioned
from jxc.db.types import Money, Price, Qty, ScaledDecimal
from jxc.finance.ledger_models import Rate


def _fk(cols: list[str], table: str, ondelete: str | None = None) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["company_id", *cols], [f"{table}.company_id", f"{table}.id"], ondelete=ondelete
    )


class PurchaseDoc(CompanyScoped, Timestamps, Versioned, DocumentColumns, Base):
    __tablename__ = "purchase_docs"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "number"),
        _fk(["supplier_id"], "partners"),
        _fk(["warehouse_id"], "warehouses"),
        _fk(["account_id"], "accounts"),
        Index("ix_purchase_docs_kind_date", "company_id", "kind", "business_date"),
        Index("ix_purchase_docs_supplier", "company_id", "supplier_id", "kind"),
    )
    __audit__ = AuditSpec("purchase_doc", label="number")

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # order | receipt | return
    supplier_id: Mapped[int] = mapped_column(Integer)
    warehouse_id: Mapped[int] = mapped_column(Integer)
    buyer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    expected_date: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(1))
    total_qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    rejected_qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # ex tax
    tax_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    total_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    paid_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # 本次付款 / 本次退款
    account_id: Mapped[int | None] = mapped_column(Integer)
    # Orders: none | partial | full | closed (未入库/部分入库/全部入库/已关闭), kept from the lines' progress.
    receive_status: Mapped[str] = mapped_column(String(8), default="")
    closed_by: Mapped[int | None] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PurchaseDocLine(CompanyScoped, Base):
    __tablename__ = "purchase_doc_lines"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        _fk(["doc_id"], "purchase_docs", "CASCADE"),
        _fk(["sku_id"], "skus"),
        _fk(["unit_id"], "units"),
        _fk(["lot_id"], "lots"),
        _fk(["source_line_id"], "purchase_doc_lines"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[int] = mapped_column(Integer, index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    sku_id: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    qty: Mapped[Decimal] = mapped_column(Qty())  # ordered / accepted / returned, in the line unit
    rejected_qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))  # receipts: 质检不合格
    ratio: Mapped[Decimal] = mapped_column(ScaledDecimal(6))
    base_qty: Mapped[Decimal] = mapped_column(Qty())
    rejected_base_qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    price: Mapped[Decimal] = mapped_column(Price())  # ex tax, before discount, document currency
    discount_rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # percent
    tax_rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # percent
    net_price: Mapped[Decimal] = mapped_column(Price())
    amount: Mapped[Decimal] = mapped_column(Money())  # ex tax
    tax_amount: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())
    stock_value: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # amount × rate (base)
    lot_id: Mapped[int | None] = mapped_column(Integer)
    lot_no: Mapped[str] = mapped_column(String(64), default="")
    production_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    source_line_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # Progress in base units, changed only under the line's row lock: orders — received (accepted);
    # receipts — returned.
    done_qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    remark: Mapped[str] = mapped_column(String(200), default="")
