"""Tables of the shared kernel: audit trail, idempotency keys, document-number counters."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jxc.db.base import Base, CompanyScoped, UTCDateTime, utcnow


class AuditLog(Base):
    """Append-only (a trigger refuses UPDATE and DELETE); rows chain by hash per company so edits show."""

    __tablename__ = "audit_logs"
    # Every state change writes each b-tree of this table: two indexes serve the log's list (a company's
    # entries newest first, by date) and an object's history; other filters narrow within those.
    __table_args__ = (
        Index("ix_audit_logs_company_time", "company_id", "created_at", "id"),
        Index("ix_audit_logs_object", "company_id", "object_type", "object_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Nullable: a failed sign-in belongs to no company yet. Chain 0 holds those.
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    object_label: Mapped[str | None] = mapped_column(String(200))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(64))
    ip: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The last hash of each company's chain; its row lock orders concurrent audit writers."""

    __tablename__ = "audit_heads"

    chain: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("principal", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    principal: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(500))
    request_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(12))  # in_flight | done
    status_code: Mapped[int | None] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(100))
    response_body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class NumberSequence(CompanyScoped, Base):
    """Daily counter behind document numbers such as CGRK-20261122-0001."""

    __tablename__ = "number_sequences"
    __table_args__ = (UniqueConstraint("company_id", "prefix", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(String(10))
    day: Mapped[date] = mapped_column(Date)
    last: Mapped[int] = mapped_column(Integer, default=0)
