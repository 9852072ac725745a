"""Sign-in, sign-out, the current user, switching company, own password and personal API tokens."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from jxc.auth import passwords
from jxc.auth.credentials import csrf_token, new_api_token, new_token, token_hash
from jxc.auth.models import ApiToken, Company, LoginFailure, Membership, User, UserSession
from jxc.auth.permissions import all_codes
from jxc.auth.principal import Principal, build_principal
from jxc.auth.schemas import (
    ChangePassword,
    CompanyRef,
    LoginRequest,
    Me,
    TokenCreate,
    TokenCreated,
    TokenRead,
)
from jxc.common import audit
from jxc.common.context import current
from jxc.common.errors import Forbidden, Invalid, NotAuthenticated, NotFound, TooMany, field_error
from jxc.db.base import utcnow
from jxc.db.scoping import across_companies
from jxc.settings import get_settings

WINDOW = timedelta(minutes=15)
SLOW_AFTER = 5  # failures on one username before each further try must wait
REFUSE_AFTER = 10  # failures on one username within the window before sign-in is refused
REFUSE_IP_AFTER = 50


@dataclass
class SignedIn:
    token: str
    csrf_token: str
    me: Me


def _throttle(session: Session, username: str, ip: str | None) -> None:
    now = utcnow()
    since = now - WINDOW
    rows = session.execute(
        select(func.count(), func.min(LoginFailure.created_at), func.max(LoginFailure.created_at)).where(
            LoginFailure.username == username, LoginFailure.created_at > since
        )
    ).one()
    count, first, last = int(rows[0]), rows[1], rows[2]
    if ip:
        ip_count = session.execute(
            select(func.count()).where(LoginFailure.ip == ip, LoginFailure.created_at > since)
        ).scalar_one()
        if ip_count >= REFUSE_IP_AFTER:
            _too_many(WINDOW.total_seconds())
    if count >= REFUSE_AFTER and first is not None:
        _too_many((first + WINDOW - now).total_seconds())
    if count >= SLOW_AFTER and last is not None:
        wait = timedelta(seconds=2 ** (count - SLOW_AFTER + 1))
        if now - last < wait:
            _too_many((last + wait - now).total_seconds())


def _too_many(seconds: float) -> None:
    secs = max(1, math.ceil(seconds))
    raise TooMany("too_many_attempts", seconds=secs, headers={"Retry-After": str(secs)})


def login(session: Session, body: LoginRequest, user_agent: str | None) -> SignedIn:
    ctx = current()
    username = body.username.strip().lower()
    _throttle(session, username, ctx.ip)
    user = session.execute(select(User).where(func.lower(User.username) == username)).scalar_one_or_none()
    ok, new_hash = passwords.verify_password(
        body.password, user.password_hash if user else passwords.dummy_hash()
    )
    if user is None or not ok:
        user_id = user.id if user else None

        def remember_failure(s: Session) -> None:
            s.add(LoginFailure(username=username, ip=ctx.ip))
            audit.record(
                s,
                action="login_failed",
                object_type="session",
                object_label=username[:64],
                user_id=user_id,
                username=username[:64],
                company_id=None,
            )

        ctx.on_close.append(remember_failure)
        raise NotAuthenticated("invalid_credentials")
    if not user.is_active:
        raise Forbidden("user_disabled")
    company_id = _pick_company(session, user)
    if new_hash:
        user.password_hash = new_hash
    user.last_login_at = utcnow()
    session.execute(delete(LoginFailure).where(LoginFailure.username == username))
    token = new_token()
    settings = get_settings()
    row = UserSession(
        token_hash=token_hash(token),
        user_id=user.id,
        company_id=company_id,
        expires_at=utcnow() + timedelta(hours=settings.session_absolute_hours),
        ip=ctx.ip,
        user_agent=(user_agent or "")[:300],
    )
    session.add(row)
    ctx.user_id, ctx.username, ctx.company_id = user.id, user.username, company_id
    session.flush()
    audit.record(
        session, action="login", object_type="session", object_id=str(row.id), object_label=user.username
    )
    principal = build_principal(session, user, company_id, ctx)
    principal.session_hash = row.token_hash
    return SignedIn(token, csrf_token(row.token_hash), me(session, principal))


def _pick_company(session: Session, user: User) -> int:
    with across_companies(session):
        ids = (
            session.execute(
                select(Membership.company_id)
                .join(Company, Company.id == Membership.company_id)
                .where(Membership.user_id == user.id, Company.is_active.is_(True))
                .order_by(Membership.company_id)
            )
            .scalars()
            .all()
        )
    if not ids:
        raise Forbidden("no_company_access")
    if user.default_company_id is not None and user.default_company_id in ids:
        return user.default_company_id
    return ids[0]


def companies_of(session: Session, user_id: int) -> list[CompanyRef]:
    with across_companies(session):
        rows = session.execute(
            select(Company.id, Company.name)
            .join(Membership, Membership.company_id == Company.id)
            .where(Membership.user_id == user_id, Company.is_active.is_(True))
            .order_by(Company.id)
        ).all()
    return [CompanyRef(id=r.id, name=r.name) for r in rows]


def me(session: Session, principal: Principal) -> Me:
    companies = companies_of(session, principal.user_id)
    company = next((c for c in companies if c.id == principal.company_id), None)
    if company is None:
        raise Forbidden("no_company_access")
    perms = all_codes() if principal.is_admin else sorted(principal.permissions)
    return Me(
        id=principal.user_id,
        username=principal.username,
        display_name=principal.user.display_name,
        company=company,
        companies=companies,
        permissions=perms,
        is_admin=principal.is_admin,
        all_warehouses=principal.warehouse_ids is None,
        warehouse_ids=sorted(principal.warehouse_ids or []),
        csrf_token=csrf_token(principal.session_hash) if principal.session_hash else None,
    )


def logout(session: Session, principal: Principal) -> None:
    if principal.session_hash is None:
        return
    row = session.execute(
        select(UserSession).where(UserSession.token_hash == principal.session_hash)
    ).scalar_one()
    row.revoked_at = utcnow()
    audit.record(
        session,
        action="logout",
        object_type="session",
        object_id=str(row.id),
        object_label=principal.username,
    )


def switch_company(session: Session, principal: Principal, company_id: int) -> Me:
    if principal.session_hash is None:
        raise Forbidden("switch_needs_session")
    if company_id not in {c.id for c in companies_of(session, principal.user_id)}:
        raise NotFound("company_not_found")
    row = session.execute(
        select(UserSession).where(UserSession.token_hash == principal.session_hash)
    ).scalar_one()
    before = row.company_id
    row.company_id = company_id
    principal.user.default_company_id = company_id
    audit.record(
        session,
        action="switch_company",
        object_type="session",
        object_id=str(row.id),
        object_label=principal.username,
        before={"company_id": before},
        after={"company_id": company_id},
        company_id=company_id,
    )
    session.flush()
    fresh = build_principal(session, principal.user, company_id, current())
    fresh.session_hash = principal.session_hash
    return me(session, fresh)


def change_password(session: Session, principal: Principal, body: ChangePassword) -> None:
    ok, _ = passwords.verify_password(body.old_password, principal.user.password_hash)
    if not ok:
        raise Invalid("wrong_password", errors=[field_error("body.old_password", "wrong_password")])
    problem = passwords.password_problem(body.new_password)
    if problem:
        raise Invalid(problem, errors=[field_error("body.new_password", problem)])
    principal.user.password_hash = passwords.hash_password(body.new_password)
    audit.name_action(session, principal.user, "change_password")
    # Every other sign-in of this user ends; this one stays.
    session.execute(
        update(UserSession)
        .where(
            UserSession.user_id == principal.user_id,
            UserSession.revoked_at.is_(None),
            UserSession.token_hash != (principal.session_hash or ""),
        )
        .values(revoked_at=utcnow())
    )
    session.flush()


def list_tokens(session: Session, principal: Principal) -> list[TokenRead]:
    rows = (
        session.execute(
            select(ApiToken)
            .where(ApiToken.user_id == principal.user_id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.id.desc())
        )
        .scalars()
        .all()
    )
    return [TokenRead.model_validate(r) for r in rows]


def create_token(session: Session, principal: Principal, body: TokenCreate) -> TokenCreated:
    token = new_api_token()
    row = ApiToken(
        token_hash=token_hash(token),
        user_id=principal.user_id,
        company_id=principal.company_id,
        name=body.name,
        expires_at=utcnow() + timedelta(days=body.expires_days) if body.expires_days else None,
    )
    session.add(row)
    session.flush()
    return TokenCreated(
        id=row.id,
        name=row.name,
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=None,
        token=token,
    )


def revoke_token(session: Session, principal: Principal, token_id: int) -> None:
    row = session.get(ApiToken, token_id)
    if row is None or row.user_id != principal.user_id or row.revoked_at is not None:
        raise NotFound("token_not_found")
    row.revoked_at = utcnow()
    audit.name_action(session, row, "revoke")
    session.flush()
