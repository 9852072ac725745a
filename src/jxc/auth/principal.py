"""Who is calling: a browser session (cookie) or an integration (Bearer API token), in which company,
with which permissions and warehouse scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jxc.auth.credentials import token_hash
from jxc.auth.models import (
    ApiToken,
    Membership,
    MembershipRole,
    MembershipWarehouse,
    Role,
    RolePermission,
    User,
    UserSession,
)
from jxc.common.context import RequestContext
from jxc.common.errors import Forbidden, NotAuthenticated
from jxc.db.base import utcnow
from jxc.db.scoping import set_company
from jxc.settings import get_settings

TOUCH_EVERY = timedelta(minutes=1)


@dataclass
class Principal:
    user: User
    company_id: int
    membership: Membership
    permissions: frozenset[str]
    is_admin: bool
    warehouse_ids: frozenset[int] | None  # None: every warehouse
    session_hash: str | None = None  # set for browser sessions
    api_token_id: int | None = None

    def has(self, code: str) -> bool:
        return self.is_admin or code in self.permissions


def load_grants(
    session: Session, membership: Membership
) -> tuple[frozenset[str], bool, frozenset[int] | None]:
    roles = session.execute(
        select(Role.id, Role.is_system)
        .join(MembershipRole, MembershipRole.role_id == Role.id)
        .where(MembershipRole.membership_id == membership.id)
    ).all()
    is_admin = any(r.is_system for r in roles)
    codes = (
        session.execute(select(RolePermission.code).where(RolePermission.role_id.in_([r.id for r in roles])))
        .scalars()
        .all()
        if roles
        else []
    )
    scope: frozenset[int] | None = None
    if not membership.all_warehouses:
        scope = frozenset(
            session.execute(
                select(MembershipWarehouse.warehouse_id).where(
                    MembershipWarehouse.membership_id == membership.id
                )
            )
            .scalars()
            .all()
        )
    return frozenset(codes), is_admin, scope


def build_principal(session: Session, user: User, company_id: int, ctx: RequestContext) -> Principal:
    if not user.is_active:
        raise NotAuthenticated("user_disabled")
    set_company(session, company_id)
    membership = session.execute(select(Membership).where(Membership.user_id == user.id)).scalar_one_or_none()
    if membership is None:
        raise Forbidden("no_company_access")
    codes, is_admin, scope = load_grants(session, membership)
    ctx.user_id, ctx.username, ctx.company_id = user.id, user.username, company_id
    ctx.permissions, ctx.is_admin, ctx.warehouse_ids = codes, is_admin, scope
    return Principal(user, company_id, membership, codes, is_admin, scope)


def from_session_cookie(session: Session, cookie: str, ctx: RequestContext) -> Principal:
    hashed = token_hash(cookie)
    row = session.execute(select(UserSession).where(UserSession.token_hash == hashed)).scalar_one_or_none()
    now = utcnow()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise NotAuthenticated("session_expired" if row is not None else "not_authenticated")
    if now - row.last_seen_at > timedelta(minutes=get_settings().session_idle_minutes):
        raise NotAuthenticated("session_expired")
    user = session.get(User, row.user_id)
    if user is None:
        raise NotAuthenticated()
    principal = build_principal(session, user, row.company_id, ctx)
    principal.session_hash = hashed
    if now - row.last_seen_at > TOUCH_EVERY:
        session_id = row.id

        def touch(s: Session) -> None:
            s.execute(update(UserSession).where(UserSession.id == session_id).values(last_seen_at=utcnow()))

        ctx.on_close.append(touch)
    return principal


def from_api_token(session: Session, token: str, ctx: RequestContext) -> Principal:
    row = session.execute(
        select(ApiToken).where(ApiToken.token_hash == token_hash(token))
    ).scalar_one_or_none()
    now = utcnow()
    if row is None or row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= now):
        raise NotAuthenticated("invalid_token")
    user = session.get(User, row.user_id)
    if user is None:
        raise NotAuthenticated("invalid_token")
    principal = build_principal(session, user, row.company_id, ctx)
    principal.api_token_id = row.id
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
        token_id = row.id

        def touch(s: Session) -> None:
            s.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=utcnow()))

        ctx.on_close.append(touch)
    return principal
