"""Warehouses and stores. The foundation needs them for the user's warehouse scope."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKeyConstraint, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from jxc.auth import scope
from jxc.common.audit_spec import AuditSpec
from jxc.db.base import Base, CompanyScoped, Timestamps, Versioned


class Warehouse(CompanyScoped, Timestamps, Versioned, Base):
    __tablename__ = "warehouses"
    __table_args__ = (UniqueConstraint("company_id", "id"), UniqueConstraint("company_id", "code"))
    __audit__ = AuditSpec("warehouse", label="name")

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16), default="warehouse")  # warehouse (仓库) | store (门店)
    address: Mapped[str] = mapped_column(String(200), default="", server_default="")
    keeper: Mapped[str] = mapped_column(String(64), default="", server_default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Location(CompanyScoped, Timestamps, Base):
    """库位: a place inside a warehouse (shelf, bin)."""

    __tablename__ = "locations"
    __table_args__ = (
        UniqueConstraint("company_id", "id"),
        UniqueConstraint("company_id", "warehouse_id", "code"),
        ForeignKeyConstraint(["company_id", "warehouse_id"], ["warehouses.company_id", "warehouses.id"]),
    )
    __audit__ = AuditSpec("location", label="code")

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(Integer, index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(64), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


def _warehouse_names(session: Session, ids: list[int]) -> dict[int, str]:
    rows = session.execute(select(Warehouse.id, Warehouse.name).where(Warehouse.id.in_(ids))).all()
    return {int(wid): str(name) for wid, name in rows}


scope.register_lookup(_warehouse_names)
