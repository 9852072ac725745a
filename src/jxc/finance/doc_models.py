"""Money documents (收款单, 付款单, 核销单, 转账单, 其他收入/支出单, 期初余额): one table with a `kind`
column, plus exchange rates, income/expense categories and statement share links."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKeyConstraint, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jxc.common.audit_spec import AuditSpec
from jxc.common.lifecycle import DocumentColumns
from jxc.db.base import Base, CompanyScoped, Timestamps, UTCDateTime, Versioned, utcnow
from jxc.db.types import Money
from jxc.finance.ledger_models import Rate


def _fk(cols: list[str], table: str, ondelete: str | None = None) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["company_id", *cols], [f"{table}.company_id", f"{table}.id"], ondelete=ondelete
    )


class MoneyDoc(CompanyScoped, Timestamps, Versioned, DocumentColumns, Base):
    __tablename__ = "money_docs"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "number"),
        _fk(["partner_id"], "partners"),
        _fk(["account_id"], "accounts"),
        _fk(["to_account_id"], "accounts"),
        Index("ix_money_docs_kind_date", "company_id", "kind", "business_date"),
    )
    __audit__ = AuditSpec("money_doc", label="number")

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    partner_id: Mapped[int | None] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(2), default="")
    account_id: Mapped[int | None] = mapped_column(Integer)
    to_account_id: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(1))
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    discount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    base_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    auto_allocate: Mapped[bool] = mapped_column(Boolean, default=True)


class MoneyDocLine(CompanyScoped, Base):
    __tablename__ = "money_doc_lines"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        _fk(["doc_id"], "money_docs", "CASCADE"),
        _fk(["partner_id"], "partners"),
        _fk(["account_id"], "accounts"),
        _fk(["category_id"], "money_categories"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[int] = mapped_column(Integer, index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money())
    base_amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    remark: Mapped[str] = mapped_column(String(200), default="")
    entry_id: Mapped[int | None] = mapped_column(Integer)  # allocation target (a positive entry)
    credit_entry_id: Mapped[int | None] = mapped_column(Integer)  # 核销单: the negative entry it uses
    category_id: Mapped[int | None] = mapped_column(Integer)
    partner_id: Mapped[int | None] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(2), default="")
    account_id: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    rate: Mapped[Decimal] = mapped_column(Rate(), default=Decimal(1))
    due_date: Mapped[date | None] = mapped_column(Date)


class ExchangeRate(CompanyScoped, Timestamps, Versioned, Base):
    __tablename__ = "exchange_rates"
    __table_args__ = (UniqueConstraint("company_id", "currency", "rate_date"),)
    __audit__ = AuditSpec("exchange_rate", label="currency")

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    rate_date: Mapped[date] = mapped_column(Date)
    rate: Mapped[Decimal] = mapped_column(Rate())


class MoneyCategory(CompanyScoped, Timestamps, Versioned, Base):
    __tablename__ = "money_categories"
    __table_args__ = (UniqueConstraint("company_id", "id"), UniqueConstraint("company_id", "kind", "name"))
    __audit__ = AuditSpec("money_category", label="name")

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # income | expense
    name: Mapped[str] = mapped_column(String(40))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class StatementLink(CompanyScoped, Base):
    """A signed read-only link to one partner's statement; only the token's SHA-256 is kept."""

    __tablename__ = "statement_links"
    __table_args__ = (UniqueConstraint("token_hash"), _fk(["partner_id"], "partners"))
    __audit__ = AuditSpec("statement_link", label="id", exclude=frozenset({"token_hash"}))

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(2))
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    token_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
