"""Users of the current company: create, edit, disable/enable, reset password, roles, warehouse scope."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from jxc.auth import passwords, scope
from jxc.auth.models import (
    ApiToken,
    Membership,
    MembershipRole,
    MembershipWarehouse,
    Role,
    User,
    UserSession,
)
from jxc.auth.principal import Principal
from jxc.auth.schemas import ResetPassword, RoleRef, UserCreate, UserRead, UserUpdate
from jxc.common import audit, refs
from jxc.common.context import current
from jxc.common.errors import Conflict, Invalid, NotFound, field_error
from jxc.common.i18n import t
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.db.base import utcnow

SORTS = {
    "username": User.username,
    "display_name": User.display_name,
    "created_at": User.created_at,
    "last_login_at": User.last_login_at,
}


def _query(params: ListParams | None, is_active: bool | None, role_id: int | None) -> Select[User]:
    stmt = select(User).join(Membership, Membership.user_id == User.id)
    if params and params.q:
        pattern = like_pattern(params.q)
        stmt = stmt.where(
            or_(
                User.username.ilike(pattern, escape="\\"),
                User.display_name.ilike(pattern, escape="\\"),
                User.phone.ilike(pattern, escape="\\"),
            )
        )
    if is_active is not None:
        stmt = stmt.where(User.is_active.is_(is_active))
    if role_id is not None:
        stmt = stmt.where(
            Membership.id.in_(select(MembershipRole.membership_id).where(MembershipRole.role_id == role_id))
        )
    return stmt


def list_users(
    session: Session,
    params: ListParams,
    is_active: bool | None = None,
    role_id: int | None = None,
    limit: int | None = None,
) -> tuple[list[UserRead], int]:
    stmt = _query(params, is_active, role_id)
    users, total = paginate(session, stmt, params, params.order_by(SORTS, [User.id]), limit)
    return to_read(session, users), total


def to_read(session: Session, users: Sequence[User]) -> list[UserRead]:
    if not users:
        return []
    ids = [u.id for u in users]
    memberships = {
        m.user_id: m for m in session.execute(select(Membership).where(Membership.user_id.in_(ids))).scalars()
    }
    mids = [m.id for m in memberships.values()]
    roles: dict[int, list[RoleRef]] = {}
    for mid, rid, name in session.execute(
        select(MembershipRole.membership_id, Role.id, Role.name)
        .join(Role, Role.id == MembershipRole.role_id)
        .where(MembershipRole.membership_id.in_(mids))
        .order_by(Role.id)
    ).all():
        roles.setdefault(mid, []).append(RoleRef(id=rid, name=name))
    warehouses: dict[int, list[int]] = {}
    for mid, wid in session.execute(
        select(MembershipWarehouse.membership_id, MembershipWarehouse.warehouse_id)
        .where(MembershipWarehouse.membership_id.in_(mids))
        .order_by(MembershipWarehouse.warehouse_id)
    ).all():
        warehouses.setdefault(mid, []).append(wid)
    names = scope.warehouse_names(session, sorted({w for ws in warehouses.values() for w in ws}))
    out = []
    for u in users:
        m = memberships[u.id]
        out.append(
            UserRead(
                id=u.id,
                username=u.username,
                display_name=u.display_name,
                phone=u.phone,
                email=u.email,
                is_active=u.is_active,
                roles=roles.get(m.id, []),
                all_warehouses=m.all_warehouses,
                warehouse_ids=[] if m.all_warehouses else warehouses.get(m.id, []),
                warehouse_names=[]
                if m.all_warehouses
                else [names.get(w, str(w)) for w in warehouses.get(m.id, [])],
                last_login_at=u.last_login_at,
                created_at=u.created_at,
                version=u.version,
            )
        )
    return out


def _load(session: Session, user_id: int) -> tuple[User, Membership]:
    row = session.execute(
        select(User, Membership).join(Membership, Membership.user_id == User.id).where(User.id == user_id)
    ).first()
    if row is None:
        raise NotFound("user_not_found")
    return row[0], row[1]


def get_user(session: Session, user_id: int) -> UserRead:
    user, _ = _load(session, user_id)
    return to_read(session, [user])[0]


def _check_roles(session: Session, role_ids: list[int]) -> list[Role]:
    wanted = sorted(set(role_ids))
    found = session.execute(select(Role).where(Role.id.in_(wanted))).scalars().all() if wanted else []
    missing = set(wanted) - {r.id for r in found}
    if missing:
        raise Invalid(
            "role_not_found",
            errors=[field_error("body.role_ids", "role_not_found", ids=", ".join(map(str, sorted(missing))))],
        )
    return list(found)


def _check_warehouses(session: Session, all_warehouses: bool, ids: list[int]) -> list[int]:
    wanted = sorted(set(ids))
    if all_warehouses:
        return []
    if not wanted:
        raise Invalid(
            "warehouse_scope_empty", errors=[field_error("body.warehouse_ids", "warehouse_scope_empty")]
        )
    found = scope.existing_warehouses(session, wanted)
    missing = set(wanted) - found
    if missing:
        raise Invalid(
            "warehouse_not_found",
            errors=[
                field_error(
                    "body.warehouse_ids", "warehouse_not_found", ids=", ".join(map(str, sorted(missing)))
                )
            ],
        )
    return wanted


def _set_roles(session: Session, membership: Membership, roles: list[Role]) -> None:
    current_ids = set(
        session.execute(
            select(MembershipRole.role_id).where(MembershipRole.membership_id == membership.id)
        ).scalars()
    )
    wanted = {r.id for r in roles}
    for link in session.execute(
        select(MembershipRole).where(
            MembershipRole.membership_id == membership.id, MembershipRole.role_id.in_(current_ids - wanted)
        )
    ).scalars():
        session.delete(link)
    for rid in sorted(wanted - current_ids):
        session.add(MembershipRole(membership_id=membership.id, role_id=rid))


def _set_warehouses(session: Session, membership: Membership, ids: list[int]) -> None:
    current_ids = set(
        session.execute(
            select(MembershipWarehouse.warehouse_id).where(MembershipWarehouse.membership_id == membership.id)
        ).scalars()
    )
    wanted = set(ids)
    for link in session.execute(
        select(MembershipWarehouse).where(
            MembershipWarehouse.membership_id == membership.id,
            MembershipWarehouse.warehouse_id.in_(current_ids - wanted),
        )
    ).scalars():
        session.delete(link)
    for wid in sorted(wanted - current_ids):
        session.add(MembershipWarehouse(membership_id=membership.id, warehouse_id=wid))


def _password_ok(password: str, field: str) -> None:
    problem = passwords.password_problem(password)
    if problem:
        raise Invalid(problem, errors=[field_error(field, problem)])


def create_user(session: Session, body: UserCreate) -> UserRead:
    taken = session.execute(select(User.id).where(func.lower(User.username) == body.username.lower())).first()
    if taken:
        raise Conflict(
            "username_taken", errors=[field_error("body.username", "username_taken")], username=body.username
        )
    _password_ok(body.password, "body.password")
    roles = _check_roles(session, body.role_ids)
    warehouse_ids = _check_warehouses(session, body.all_warehouses, body.warehouse_ids)
    user = User(
        username=body.username,
        display_name=body.display_name,
        phone=body.phone or None,
        email=body.email,
        password_hash=passwords.hash_password(body.password),
    )
    session.add(user)
    audit.extra_after(
        session,
        user,
        {
            "roles": [r.name for r in roles],
            "all_warehouses": body.all_warehouses,
            "warehouse_ids": warehouse_ids,
        },
    )
    session.flush()
    membership = Membership(user_id=user.id, all_warehouses=body.all_warehouses)
    session.add(membership)
    session.flush()
    _set_roles(session, membership, roles)
    _set_warehouses(session, membership, warehouse_ids)
    session.flush()
    return get_user(session, user.id)


def update_user(session: Session, user_id: int, body: UserUpdate) -> UserRead:
    user, membership = _load(session, user_id)
    if body.version != user.version:
        raise Conflict("version_conflict")
    fields = body.model_fields_set
    for name in ("display_name", "phone", "email"):
        if name in fields and (name != "display_name" or getattr(body, name) is not None):
            setattr(
                user, name, getattr(body, name) or (None if name != "display_name" else user.display_name)
            )
    extra: dict[str, object] = {}
    if body.role_ids is not None:
        roles = _check_roles(session, body.role_ids)
        if (
            user_id == current().user_id
            and not any(r.is_system for r in roles)
            and _is_admin(session, membership)
        ):
            raise Conflict("cannot_demote_self")
        _set_roles(session, membership, roles)
        extra["roles"] = [r.name for r in roles]
    if body.all_warehouses is not None or body.warehouse_ids is not None:
        all_wh = membership.all_warehouses if body.all_warehouses is None else body.all_warehouses
        ids = _check_warehouses(session, all_wh, body.warehouse_ids or [])
        membership.all_warehouses = all_wh
        _set_warehouses(session, membership, ids)
        extra.update({"all_warehouses": all_wh, "warehouse_ids": ids})
    if extra:
        audit.extra_after(session, user, extra)
        user.updated_at = utcnow()  # membership changes bump the user's version too
    session.flush()
    return get_user(session, user.id)


def _is_admin(session: Session, membership: Membership) -> bool:
    return bool(
        session.execute(
            select(func.count())
            .select_from(MembershipRole)
            .join(Role, Role.id == MembershipRole.role_id)
            .where(MembershipRole.membership_id == membership.id, Role.is_system.is_(True))
        ).scalar_one()
    )


def _active_admins(session: Session) -> int:
    return int(
        session.execute(
            select(func.count(func.distinct(Membership.user_id)))
            .join(MembershipRole, MembershipRole.membership_id == Membership.id)
            .join(Role, Role.id == MembershipRole.role_id)
            .join(User, User.id == Membership.user_id)
            .where(Role.is_system.is_(True), User.is_active.is_(True))
        ).scalar_one()
    )


def _end_sessions(session: Session, user_id: int, tokens_too: bool) -> None:
    now = utcnow()
    session.execute(
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if tokens_too:
        session.execute(
            update(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )


def set_active(session: Session, principal: Principal, user_id: int, active: bool) -> UserRead:
    user, membership = _load(session, user_id)
    if user.is_active == active:
        return get_user(session, user_id)
    if not active:
        if user.id == principal.user_id:
            raise Conflict("cannot_disable_self")
        if _is_admin(session, membership) and _active_admins(session) <= 1:
            raise Conflict("last_admin")
        _end_sessions(session, user.id, tokens_too=True)
    user.is_active = active
    audit.name_action(session, user, "enable" if active else "disable")
    session.flush()
    return get_user(session, user_id)


def reset_password(session: Session, user_id: int, body: ResetPassword) -> None:
    user, _ = _load(session, user_id)
    _password_ok(body.new_password, "body.new_password")
    user.password_hash = passwords.hash_password(body.new_password)
    audit.name_action(session, user, "reset_password")
    _end_sessions(session, user.id, tokens_too=False)
    session.flush()


def _scoped_users(session: Session, warehouse_id: int) -> str | None:
    row = session.execute(
        select(User.username)
        .join(Membership, Membership.user_id == User.id)
        .join(MembershipWarehouse, MembershipWarehouse.membership_id == Membership.id)
        .where(MembershipWarehouse.warehouse_id == warehouse_id)
        .limit(1)
    ).first()
    return t("refs.user_scope", name=row[0]) if row else None


refs.register_usage("warehouse", _scoped_users)
