"""Reading the audit trail (操作日志): filter by user, action, object and date."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from jxc.common.i18n import t
from jxc.common.models import AuditLog
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.common.schemas import ReadModel
from jxc.db.scoping import session_company


class AuditRead(ReadModel):
    id: int
    created_at: datetime
    user_id: int | None
    username: str | None
    action: str
    object_type: str
    object_id: str | None
    object_label: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    request_id: str | None
    ip: str | None


class Facet(ReadModel):
    value: str
    label: str


class AuditFacets(ReadModel):
    actions: list[Facet]
    object_types: list[Facet]


SORTS = {"created_at": AuditLog.created_at, "id": AuditLog.id}


def _query(
    session: Session,
    params: ListParams,
    user_id: int | None,
    action: str | None,
    object_type: str | None,
    object_id: str | None,
    date_from: date | None,
    date_to: date | None,
) -> Select[AuditLog]:
    # audit_logs is not CompanyScoped (a failed sign-in has no company), so it is filtered here.
    stmt = select(AuditLog).where(AuditLog.company_id == session_company(session))
    if user_id is not None:
        stmt = stmt.where(AuditLog.user_id == user_id)
    if action:
        stmt = stmt.where(AuditLog.action == action)
    if object_type:
        stmt = stmt.where(AuditLog.object_type == object_type)
    if object_id:
        stmt = stmt.where(AuditLog.object_id == object_id)
    if date_from:
        stmt = stmt.where(AuditLog.created_at >= datetime.combine(date_from, time.min, UTC))
    if date_to:
        stmt = stmt.where(AuditLog.created_at < datetime.combine(date_to + timedelta(days=1), time.min, UTC))
    if params.q:
        pattern = like_pattern(params.q)
        stmt = stmt.where(
            or_(
                AuditLog.object_label.ilike(pattern, escape="\\"),
                AuditLog.username.ilike(pattern, escape="\\"),
                AuditLog.request_id == params.q,
            )
        )
    return stmt


def list_entries(
    session: Session,
    params: ListParams,
    *,
    user_id: int | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
) -> tuple[list[AuditRead], int]:
    stmt = _query(session, params, user_id, action, object_type, object_id, date_from, date_to)
    rows, total = paginate(
        session, stmt, params, params.order_by(SORTS, [AuditLog.created_at.desc(), AuditLog.id.desc()]), limit
    )
    return [AuditRead.model_validate(r) for r in rows], total


def facets(session: Session) -> AuditFacets:
    cid = session_company(session)
    actions = (
        session.execute(
            select(AuditLog.action).distinct().where(AuditLog.company_id == cid).order_by(AuditLog.action)
        )
        .scalars()
        .all()
    )
    types = (
        session.execute(
            select(AuditLog.object_type)
            .distinct()
            .where(AuditLog.company_id == cid)
            .order_by(AuditLog.object_type)
        )
        .scalars()
        .all()
    )
    return AuditFacets(
        actions=[Facet(value=a, label=t(f"audit.action.{a}")) for a in actions],
        object_types=[Facet(value=o, label=t(f"audit.object.{o}")) for o in types],
    )
