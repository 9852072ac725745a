"""Partners and their contacts."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, ForeignKeyConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jxc.common.audit_spec import AuditSpec
from jxc.db.base import Base, CompanyScoped, Timestamps, Versioned
from jxc.db.types import Money


class Partner(CompanyScoped, Timestamps, Versioned, Base):
    __tablename__ = "partners"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "code"),
        ForeignKeyConstraint(
            ["company_id", "price_level_id"], ["price_levels.company_id", "price_levels.id"]
        ),
    )
    __audit__ = AuditSpec("partner", label="name", exclude=frozenset({"search_text"}))

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    is_customer: Mapped[bool] = mapped_column(Boolean, default=True)
    is_supplier: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    province: Mapped[str] = mapped_column(String(32), default="", index=True)
    city: Mapped[str] = mapped_column(String(32), default="")
    tax_no: Mapped[str] = mapped_column(String(32), default="")
    bank_name: Mapped[str] = mapped_column(String(64), default="")
    bank_account: Mapped[str] = mapped_column(String(64), default="")
    price_level_id: Mapped[int | None] = mapped_column(Integer)
    credit_limit: Mapped[Decimal | None] = mapped_column(Money())
    payment_terms_days: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")  # statements and receipts default to it
    salesperson_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    remark: Mapped[str] = mapped_column(String(500), default="")
    mnemonic: Mapped[str] = mapped_column(String(120), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    search_text: Mapped[str] = mapped_column(Text, default="")


class PartnerContact(CompanyScoped, Base):
    __tablename__ = "partner_contacts"
    __table_args__ = (
        ForeignKeyConstraint(
            ["company_id", "partner_id"], ["partners.company_id", "partners.id"], ondelete="CASCADE"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(40), default="")
    position: Mapped[str] = mapped_column(String(64), default="")
