"""Sales orders, deliveries, returns and retail tickets: one table with a `kind` column (as purchasing), lines
that point back to the line they came from (delivery line → order line, return line → delivery or ticket
line), the tender lines of a ticket, and the configurable list of sales channels."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
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


class SalesChannel(CompanyScoped, Timestamps, Base):
    """门店 / 线上商城 / 分销 / 批发 …: seeded per company, editable."""

    __tablename__ = "sales_channels"
    __table_args__ = (UniqueConstraint("company_id", "id"), UniqueConstraint("company_id", "name"))
    __audit__ = AuditSpec("sales_channel", label="name")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class SalesDoc(CompanyScoped, Timestamps, Versioned, DocumentColumns, Base):
    __tablename__ = "sales_docs"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "number"),
        _fk(["customer_id"], "partners"),
        _fk(["warehouse_id"], "warehouses"),
        _fk(["account_id"], "accounts"),
        _fk(["channel_id"], "sales_channels"),
        Index("ix_sales_docs_kind_date", "company_id", "kind", "business_date"),
        Index("ix_sales_docs_customer", "company_id", "customer_id", "kind"),
    )
    # Costs and gross profit are for cost.view only: the audit trail must not show them to others.
    __audit__ = AuditSpec("sales_doc", label="number", exclude=frozenset({"cost_amount", "profit_amount"}))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(14))  # order | delivery | return | retail | retail_return
    customer_id: Mapped[int | None] = mapped_column(Integer)  # retail: the optional member; else required
    warehouse_id: Mapped[int] = mapped_column(Integer)
    channel_id: Mapped[int | None] = mapped_column(Integer)
    salesperson_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    expected_date: Mapped[date | None] = mapped_column(Date)  # orders: promised delivery date
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(1))
    total_qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # ex tax, after discounts
    tax_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    total_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # Retail: the whole-ticket discount (整单优惠), already spread over the lines' amounts.
    discount_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # Orders: 订金; deliveries: 本次收款; returns: 本次退款; retail: Σ tenders − change.
    paid_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    account_id: Mapped[int | None] = mapped_column(Integer)
    tendered_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # retail: 实收
    change_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # retail: 找零
    # Base currency, set at approval from the stock ledger (cost.view only).
    cost_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    profit_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # Orders: none | partial | full | closed (未出库/部分出库/全部出库/已关闭), kept from the lines' progress.
    deliver_status: Mapped[str] = mapped_column(String(8), default="")
    closed_by: Mapped[int | None] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Credit control (信用控制): who approved past a warning, and the outstanding amount seen then.
    credit_warning: Mapped[str] = mapped_column(String(200), default="")


class SalesDocLine(CompanyScoped, Base):
    __tablename__ = "sales_doc_lines"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        _fk(["doc_id"], "sales_docs", "CASCADE"),
        _fk(["sku_id"], "skus"),
        _fk(["unit_id"], "units"),
        _fk(["lot_id"], "lots"),
        _fk(["source_line_id"], "sales_doc_lines"),
        _fk(["promotion_id"], "promotions"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[int] = mapped_column(Integer, index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    sku_id: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    qty: Mapped[Decimal] = mapped_column(Qty())  # ordered / delivered / returned / sold, in the line unit
    ratio: Mapped[Decimal] = mapped_column(ScaledDecimal(6))
    base_qty: Mapped[Decimal] = mapped_column(Qty())
    list_price: Mapped[Decimal] = mapped_column(Price(), default=Decimal(0))  # before promotion, incl. tax
    price: Mapped[Decimal] = mapped_column(Price())  # unit price incl. tax (含税单价), document currency
    discount_rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # percent
    tax_rate: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # percent
    net_price: Mapped[Decimal] = mapped_column(Price())  # after the line discount, incl. tax
    total: Mapped[Decimal] = mapped_column(Money())  # incl. tax, after line and ticket discounts
    amount: Mapped[Decimal] = mapped_column(Money())  # ex tax
    tax_amount: Mapped[Decimal] = mapped_column(Money())
    # Base currency, from the stock ledger at approval (cost.view only).
    cost_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    profit_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    promotion_id: Mapped[int | None] = mapped_column(Integer)
    promotion_text: Mapped[str] = mapped_column(String(100), default="")  # shown on the ticket
    below_min_price: Mapped[bool] = mapped_column(Boolean, default=False)  # saved with sales.price.override
    lot_id: Mapped[int | None] = mapped_column(Integer)
    lot_no: Mapped[str] = mapped_column(String(64), default="")
    source_line_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # Progress in base units, changed only under the line's row lock: orders — delivered; deliveries and
    # tickets — returned.
    done_qty: Mapped[Decimal] = mapped_column(Qty(), default=Decimal(0))
    remark: Mapped[str] = mapped_column(String(200), default="")


class SalesPayment(CompanyScoped, Base):
    """A tender of a retail ticket (现金, 微信, 支付宝, 刷卡 …): one account each, split payments allowed."""

    __tablename__ = "sales_payments"
    __table_args__ = (
        _fk(["doc_id"], "sales_docs", "CASCADE"),
        _fk(["account_id"], "accounts"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[int] = mapped_column(Integer, index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))  # cash | wechat | alipay | card | other
    amount: Mapped[Decimal] = mapped_column(Money())  # tendered; change comes out of the cash tender
