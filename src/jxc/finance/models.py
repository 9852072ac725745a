"""Settlement accounts (结算账户): cash, bank, WeChat, Alipay. Opening balances come with the money issue."""

from __future__ import annotations

from sqlalchemy import Boolean, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jxc.common.audit_spec import AuditSpec
from jxc.db.base import Base, CompanyScoped, Timestamps, Versioned


class Account(CompanyScoped, Timestamps, Versioned, Base):
    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("company_id", "id"), UniqueConstraint("company_id", "code"))
    __audit__ = AuditSpec("account", label="name")

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16), default="cash")  # cash | bank | wechat | alipay | other
    bank_name: Mapped[str] = mapped_column(String(64), default="")
    account_no: Mapped[str] = mapped_column(String(64), default="")
    remark: Mapped[str] = mapped_column(String(200), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
