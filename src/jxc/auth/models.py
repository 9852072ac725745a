"""Tables of companies, users, roles, memberships and credentials.

Users are global (one login for all the companies they belong to); everything a user may do is held on
their membership of one company: roles, and the warehouse scope.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from jxc.common.audit_spec import AuditSpec
from jxc.db.base import Base, CompanyScoped, Timestamps, UTCDateTime, Versioned, utcnow
from jxc.db.types import Money


class Company(Timestamps, Versioned, Base):
    __tablename__ = "companies"
    __audit__ = AuditSpec("company", label="name")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    base_currency: Mapped[str] = mapped_column(String(3), default="CNY")
    start_date: Mapped[date] = mapped_column(Date)
    allow_negative_stock: Mapped[bool] = mapped_column(Boolean, default=False)
    allow_negative_cash: Mapped[bool] = mapped_column(Boolean, default=False)
    # 采购入库 may exceed an order line by this percentage of its quantity (0 = never over-receive).
    over_receipt_tolerance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), server_default="0")
    # 信用控制 on sales order approval and delivery: off | warn (approve, record the warning) | refuse.
    credit_control: Mapped[str] = mapped_column(String(8), default="warn", server_default="warn")
    closed_until: Mapped[date | None] = mapped_column(Date)
    qty_precision: Mapped[int] = mapped_column(Integer, default=2)
    price_precision: Mapped[int] = mapped_column(Integer, default=2)
    amount_precision: Mapped[int] = mapped_column(Integer, default=2)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class User(Timestamps, Versioned, Base):
    __tablename__ = "users"
    __audit__ = AuditSpec("user", label="username", exclude=frozenset({"password_hash"}))

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    default_company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))


class Role(CompanyScoped, Timestamps, Versioned, Base):
    __tablename__ = "roles"
    __table_args__ = (UniqueConstraint("company_id", "id"), UniqueConstraint("company_id", "name"))
    __audit__ = AuditSpec("role", label="name")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(200), default="")
    # The system role 管理员 holds every permission, present and future, and cannot be edited.
    is_system: Mapped[bool] = mapped_column(Boolean, default=False)


class RolePermission(CompanyScoped, Base):
    __tablename__ = "role_permissions"
    __table_args__ = (
        UniqueConstraint("company_id", "role_id", "code"),
        ForeignKeyConstraint(["company_id", "role_id"], ["roles.company_id", "roles.id"], ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(Integer, index=True)
    code: Mapped[str] = mapped_column(String(80))


class Membership(CompanyScoped, Timestamps, Base):
    """A user's place in one company: their roles and which warehouses they may work in."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("company_id", "id"), UniqueConstraint("company_id", "user_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    all_warehouses: Mapped[bool] = mapped_column(Boolean, default=True)


class MembershipRole(CompanyScoped, Base):
    __tablename__ = "membership_roles"
    __table_args__ = (
        UniqueConstraint("company_id", "membership_id", "role_id"),
        ForeignKeyConstraint(
            ["company_id", "membership_id"], ["memberships.company_id", "memberships.id"], ondelete="CASCADE"
        ),
        ForeignKeyConstraint(["company_id", "role_id"], ["roles.company_id", "roles.id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(Integer, index=True)
    role_id: Mapped[int] = mapped_column(Integer, index=True)


class MembershipWarehouse(CompanyScoped, Base):
    __tablename__ = "membership_warehouses"
    __table_args__ = (
        UniqueConstraint("company_id", "membership_id", "warehouse_id"),
        ForeignKeyConstraint(
            ["company_id", "membership_id"], ["memberships.company_id", "memberships.id"], ondelete="CASCADE"
        ),
        ForeignKeyConstraint(["company_id", "warehouse_id"], ["warehouses.company_id", "warehouses.id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    membership_id: Mapped[int] = mapped_column(Integer, index=True)
    warehouse_id: Mapped[int] = mapped_column(Integer, index=True)


class UserSession(Base):
    """A browser sign-in. Only the SHA-256 of the cookie's token is stored."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))


class ApiToken(Base):
    """A personal token for integrations (Authorization: Bearer), bound to one company."""

    __tablename__ = "api_tokens"
    __audit__ = AuditSpec("api_token", label="name", exclude=frozenset({"token_hash"}))

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LoginFailure(Base):
    """One failed sign-in; counted per username and per address to slow down guessing."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    ip: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
