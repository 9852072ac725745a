"""Who is calling: a browser session (cookie) or an integration (Bearer API token), in which company,
with which permissions and warehouse scope.

Every API request passes through here, so the look-ups are prepared Core statements (one for the session,
user and membership, one for the grants) rather than ORM queries: the ORM's per-query cost made signing a
request in dearer than most of what the request then did. The user's ORM object is loaded only by the few
routes that change it (`Principal.user`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import and_, bindparam, select, update
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
from jxc.db.engine import Prepared
from jxc.db.scoping import set_company
from jxc.settings import get_settings

TOUCH_EVERY = timedelta(minutes=1)

_US, _U, _M = UserSession.__table__, User.__table__, Membership.__table__
_MR, _R, _RP, _MW = (
    MembershipRole.__table__,
    Role.__table__,
    RolePermission.__table__,
    MembershipWarehouse.__table__,
)
_SESSION = Prepared(
    select(
        _US.c.id,
        _US.c.user_id,
        _US.c.company_id,
        _US.c.revoked_at,
        _US.c.expires_at,
        _US.c.last_seen_at,
        _U.c.username,
        _U.c.is_active,
        _M.c.id.label("membership_id"),
        _M.c.all_warehouses,
    )
    .select_from(
        _US.join(_U, _U.c.id == _US.c.user_id).outerjoin(
            _M, and_(_M.c.company_id == _US.c.company_id, _M.c.user_id == _US.c.user_id)
        )
    )
    .where(_US.c.token_hash == bindparam("hash_"))
)
_MEMBERSHIP = Prepared(
    select(_M.c.id.label("membership_id"), _M.c.all_warehouses).where(
        _M.c.company_id == bindparam("company_"), _M.c.user_id == bindparam("user_")
    )
)
# A role without permission rows (the system role) still comes back once, for its is_system flag.
_GRANTS = Prepared(
    select(_R.c.is_system, _RP.c.code)
    .select_from(
        _MR.join(_R, and_(_R.c.company_id == _MR.c.company_id, _R.c.id == _MR.c.role_id)).outerjoin(
            _RP, and_(_RP.c.company_id == _R.c.company_id, _RP.c.role_id == _R.c.id)
        )
    )
    .where(_MR.c.company_id == bindparam("company_"), _MR.c.membership_id == bindparam("membership_"))
)
_SCOPE = Prepared(
    select(_MW.c.warehouse_id).where(
        _MW.c.company_id == bindparam("company_"), _MW.c.membership_id == bindparam("membership_")
    )
)


@dataclass
class Principal:
    user_id: int
    username: str
    company_id: int
    membership_id: int
    permissions: frozenset[str]
    is_admin: bool
    warehouse_ids: frozenset[int] | None  # None: every warehouse
    session_hash: str | None = None  # set for browser sessions
    api_token_id: int | None = None
    session: Session | None = field(default=None, repr=False, compare=False)

    def has(self, code: str) -> bool:
        return self.is_admin or code in self.permissions

    @property
    def user(self) -> User:
        """The user's row, for the routes that read more of it or change it (same session, same object)."""
        assert self.session is not None, "a principal built outside a request has no session"
        user = self.session.get(User, self.user_id)
        if user is None:
            raise NotAuthenticated()
        return user


def load_grants(
    session: Session, company_id: int, membership_id: int, all_warehouses: bool
) -> tuple[frozenset[str], bool, frozenset[int] | None]:
    conn = session.connection()
    params = {"company_": company_id, "membership_": membership_id}
    rows = _GRANTS.rows(conn, params)
    is_admin = any(r.is_system for r in rows)
    codes = frozenset(r.code for r in rows if r.code is not None)
    scope: frozenset[int] | None = None
    if not all_warehouses:
        scope = frozenset(r.warehouse_id for r in _SCOPE.rows(conn, params))
    return codes, is_admin, scope


def _principal(
    session: Session,
    ctx: RequestContext,
    user_id: int,
    username: str,
    company_id: int,
    membership: Any,  # a row with membership_id and all_warehouses (None: not a member)
) -> Principal:
    if membership is None or membership.membership_id is None:
        raise Forbidden("no_company_access")
    set_company(session, company_id)
    codes, is_admin, scope = load_grants(
        session, company_id, membership.membership_id, membership.all_warehouses
    )
    ctx.user_id, ctx.username, ctx.company_id = user_id, username, company_id
    ctx.permissions, ctx.is_admin, ctx.warehouse_ids = codes, is_admin, scope
    return Principal(
        user_id, username, company_id, membership.membership_id, codes, is_admin, scope, session=session
    )


def build_principal(session: Session, user: User, company_id: int, ctx: RequestContext) -> Principal:
    if not user.is_active:
        raise NotAuthenticated("user_disabled")
    found = _MEMBERSHIP.rows(session.connection(), {"company_": company_id, "user_": user.id})
    return _principal(session, ctx, user.id, user.username, company_id, found[0] if found else None)


def from_session_cookie(session: Session, cookie: str, ctx: RequestContext) -> Principal:
    hashed = token_hash(cookie)
    found = _SESSION.rows(session.connection(), {"hash_": hashed})
    row = found[0] if found else None
    now = utcnow()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise NotAuthenticated("session_expired" if row is not None else "not_authenticated")
    if now - row.last_seen_at > timedelta(minutes=get_settings().session_idle_minutes):
        raise NotAuthenticated("session_expired")
    if not row.is_active:
        raise NotAuthenticated("user_disabled")
    principal = _principal(session, ctx, row.user_id, row.username, row.company_id, row)
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
