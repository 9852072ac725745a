"""Roles of the current company and the permission codes they grant."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from jxc.auth.models import MembershipRole, Role, RolePermission
from jxc.auth.permissions import all_codes, known
from jxc.auth.schemas import RoleCreate, RoleRead, RoleUpdate
from jxc.common import audit
from jxc.common.errors import Conflict, Invalid, NotFound, field_error
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.db.base import utcnow

SORTS = {"name": Role.name, "created_at": Role.created_at}
ADMIN_ROLE_NAME = "管理员"


def _to_read(session: Session, roles: list[Role]) -> list[RoleRead]:
    ids = [r.id for r in roles]
    perms: dict[int, list[str]] = {}
    for rid, code in session.execute(
        select(RolePermission.role_id, RolePermission.code)
        .where(RolePermission.role_id.in_(ids))
        .order_by(RolePermission.code)
    ).all():
        perms.setdefault(rid, []).append(code)
    counts = dict(
        session.execute(
            select(MembershipRole.role_id, func.count())
            .where(MembershipRole.role_id.in_(ids))
            .group_by(MembershipRole.role_id)
        ).all()
    )
    return [
        RoleRead(
            id=r.id,
            name=r.name,
            description=r.description,
            is_system=r.is_system,
            permissions=all_codes() if r.is_system else perms.get(r.id, []),
            user_count=int(counts.get(r.id, 0)),
            version=r.version,
        )
        for r in roles
    ]


def list_roles(session: Session, params: ListParams) -> tuple[list[RoleRead], int]:
    stmt = select(Role)
    if params.q:
        stmt = stmt.where(Role.name.ilike(like_pattern(params.q), escape="\\"))
    rows, total = paginate(session, stmt, params, params.order_by(SORTS, [Role.is_system.desc(), Role.id]))
    return _to_read(session, rows), total


def _load(session: Session, role_id: int) -> Role:
    role = session.execute(select(Role).where(Role.id == role_id)).scalar_one_or_none()
    if role is None:
        raise NotFound("role_not_found")
    return role


def get_role(session: Session, role_id: int) -> RoleRead:
    return _to_read(session, [_load(session, role_id)])[0]


def _check_codes(codes: list[str]) -> list[str]:
    unknown = sorted({c for c in codes if not known(c)})
    if unknown:
        raise Invalid(
            "permission_unknown",
            errors=[field_error("body.permissions", "permission_unknown", codes=", ".join(unknown))],
        )
    return sorted(set(codes))


def _name_free(session: Session, name: str, except_id: int | None = None) -> None:
    stmt = select(Role.id).where(func.lower(Role.name) == name.lower())
    if except_id is not None:
        stmt = stmt.where(Role.id != except_id)
    if session.execute(stmt).first():
        raise Conflict("role_name_taken", errors=[field_error("body.name", "role_name_taken")], name=name)


def _set_codes(session: Session, role: Role, codes: list[str]) -> None:
    existing = {
        p.code: p
        for p in session.execute(select(RolePermission).where(RolePermission.role_id == role.id)).scalars()
    }
    for code, row in existing.items():
        if code not in codes:
            session.delete(row)
    for code in codes:
        if code not in existing:
            session.add(RolePermission(role_id=role.id, code=code))


def create_role(session: Session, body: RoleCreate) -> RoleRead:
    _name_free(session, body.name)
    codes = _check_codes(body.permissions)
    role = Role(name=body.name, description=body.description)
    session.add(role)
    audit.extra_after(session, role, {"permissions": codes})
    session.flush()
    _set_codes(session, role, codes)
    session.flush()
    return get_role(session, role.id)


def ensure_admin_role(session: Session) -> Role:
    """The company's 管理员 role: every permission, present and future."""
    role = session.execute(select(Role).where(Role.is_system.is_(True))).scalar_one_or_none()
    if role is None:
        role = Role(name=ADMIN_ROLE_NAME, description="", is_system=True)
        session.add(role)
        session.flush()
    return role


def update_role(session: Session, role_id: int, body: RoleUpdate) -> RoleRead:
    role = _load(session, role_id)
    if role.is_system:
        raise Conflict("system_role_readonly")
    if body.version != role.version:
        raise Conflict("version_conflict")
    if body.name is not None and body.name != role.name:
        _name_free(session, body.name, role.id)
        role.name = body.name
    if body.description is not None:
        role.description = body.description
    if body.permissions is not None:
        codes = _check_codes(body.permissions)
        _set_codes(session, role, codes)
        audit.extra_after(session, role, {"permissions": codes})
        role.updated_at = utcnow()
    session.flush()
    return get_role(session, role.id)


def delete_role(session: Session, role_id: int) -> None:
    role = _load(session, role_id)
    if role.is_system:
        raise Conflict("system_role_readonly")
    in_use = session.execute(select(func.count()).where(MembershipRole.role_id == role.id)).scalar_one()
    if in_use:
        raise Conflict("role_in_use", count=in_use)
    session.execute(delete(RolePermission).where(RolePermission.role_id == role.id))
    session.delete(role)
    session.flush()
