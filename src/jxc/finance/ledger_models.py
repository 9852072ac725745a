"""The money ledger (DESIGN §4, twin of the stock ledger): partner entries (应收/应付) with their allocations
(核销), account entries (资金流水), and the balances cached from them.

Entries are immutable facts; only `open_amount` (what allocations have not yet settled) changes, and
`jxc verify` checks it against the allocations.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
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
from jxc.db.types import Money, ScaledDecimal

AR = "ar"  # 应收: what customers owe us
AP = "ap"  # 应付: what we owe suppliers
SIDES = (AR, AP)


def _fk(cols: list[str], table: str) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["company_id", *cols], [f"{table}.company_id", f"{table}.id"])


def Rate() -> ScaledDecimal:
    return ScaledDecimal(6)


class PartnerEntry(CompanyScoped, Base):
    """One amount a document makes a partner owe (+) or be owed (−) on one side, in the document currency."""

    __tablename__ = "partner_entries"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        _fk(["partner_id"], "partners"),
        Index("ix_partner_entries_partner", "company_id", "partner_id", "side", "business_date", "id"),
        Index("ix_partner_entries_doc", "company_id", "doc_kind", "doc_id"),
        CheckConstraint("side IN ('ar', 'ap')", name="side_known"),
        CheckConstraint("rate > 0", name="rate_positive"),
        # open moves from amount toward zero, never past it: allocations can never exceed either side
        CheckConstraint(
            "(amount >= 0 AND open_amount >= 0 AND open_amount <= amount) OR "
            "(amount < 0 AND open_amount <= 0 AND open_amount >= amount)",
            name="open_within_amount",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(2))
    business_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    doc_kind: Mapped[str] = mapped_column(String(24))
    doc_id: Mapped[int] = mapped_column(Integer)
    doc_number: Mapped[str] = mapped_column(String(40))
    currency: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal] = mapped_column(Rate())
    amount: Mapped[Decimal] = mapped_column(Money())  # signed, document currency
    base_amount: Mapped[Decimal] = mapped_column(Money())  # signed, base currency, rounded once
    remark: Mapped[str] = mapped_column(String(200), default="")
    reverses_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Derived: amount − Σ allocations touching this entry.
    open_amount: Mapped[Decimal] = mapped_column(Money())


ENTRY_FACTS = (
    "id",
    "company_id",
    "partner_id",
    "side",
    "business_date",
    "due_date",
    "doc_kind",
    "doc_id",
    "doc_number",
    "currency",
    "rate",
    "amount",
    "base_amount",
    "reverses_id",
    "created_by",
    "created_at",
)


class Allocation(CompanyScoped, Base):
    """核销: `amount` of a positive entry settled by a negative one. An undo is a row with −amount that
    names the row it undoes."""

    __tablename__ = "allocations"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        _fk(["debit_entry_id"], "partner_entries"),
        _fk(["credit_entry_id"], "partner_entries"),
        Index("ix_allocations_debit", "company_id", "debit_entry_id"),
        Index("ix_allocations_credit", "company_id", "credit_entry_id"),
        Index("ix_allocations_doc", "company_id", "doc_kind", "doc_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    debit_entry_id: Mapped[int] = mapped_column(Integer)
    credit_entry_id: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money())
    business_date: Mapped[date] = mapped_column(Date)
    doc_kind: Mapped[str] = mapped_column(String(24))  # the document that made (or undid) it
    doc_id: Mapped[int] = mapped_column(Integer)
    doc_number: Mapped[str] = mapped_column(String(40))
    reverses_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PartnerBalance(CompanyScoped, Base):
    """Partner × side × currency: Σ entry amounts (a cache; also the lock a posting to it takes)."""

    __tablename__ = "partner_balances"
    __table_args__ = (
        UniqueConstraint("company_id", "partner_id", "side", "currency"),
        _fk(["partner_id"], "partners"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
    balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    base_balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))


class AccountEntry(CompanyScoped, Base):
    """One change of a settlement account's balance, in base currency (signed)."""

    __tablename__ = "account_entries"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        _fk(["account_id"], "accounts"),
        Index("ix_account_entries_account", "company_id", "account_id", "business_date", "id"),
        Index("ix_account_entries_doc", "company_id", "doc_kind", "doc_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer)
    business_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())
    doc_kind: Mapped[str] = mapped_column(String(24))
    doc_id: Mapped[int] = mapped_column(Integer)
    doc_number: Mapped[str] = mapped_column(String(40))
    partner_id: Mapped[int | None] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(Integer)
    remark: Mapped[str] = mapped_column(String(200), default="")
    reverses_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AccountBalance(CompanyScoped, Base):
    __tablename__ = "account_balances"
    __table_args__ = (
        UniqueConstraint("company_id", "account_id"),
        _fk(["account_id"], "accounts"),
        CheckConstraint("balance >= 0 OR negative_ok", name="balance_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer)
    balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # The company's negative-cash setting as of the last change: lets a CHECK back the rule.
    negative_ok: Mapped[bool] = mapped_column(default=False)
