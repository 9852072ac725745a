"""Access declarations for routes. Every route under /api declares exactly one of:
`public()` (no sign-in), `signed_in()` (any signed-in user) or `require("code")`.
A test walks all routes and fails when one declares none (deny by default)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from jxc.auth import principal as principals
from jxc.auth.credentials import csrf_matches
from jxc.auth.permissions import known
from jxc.auth.principal import Principal
from jxc.common import audit
from jxc.common.errors import Forbidden, NotAuthenticated
from jxc.common.route import SAFE_METHODS, SESSION_COOKIE, get_context, get_session

ACCESS_MARK = "__jxc_access__"
CSRF_HEADER = "x-csrf-token"


async def _authenticate(request: Request, session: Session = Depends(get_session)) -> Principal:
    if request.app.state.db.is_sqlite:
        # Two keyed reads of a local file cost less than the hop to a worker thread that a plain `def`
        # dependency takes; a database across the network is waited for on a worker thread.
        return _sign_in(request, session)
    return await run_in_threadpool(_sign_in, request, session)


def _sign_in(request: Request, session: Session) -> Principal:
    ctx = get_context(request)
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        # Integrations: a Bearer token is never sent by a browser on its own, so no CSRF check.
        return principals.from_api_token(session, authorization[7:].strip(), ctx)
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise NotAuthenticated()
    principal = principals.from_session_cookie(session, cookie, ctx)
    if request.method not in SAFE_METHODS and not csrf_matches(
        principal.session_hash or "", request.headers.get(CSRF_HEADER)
    ):
        raise Forbidden("csrf_failed")
    return principal


def public() -> Callable[[], Any]:
    async def access() -> None:
        return None

    setattr(access, ACCESS_MARK, "public")
    return access


def signed_in() -> Callable[..., Any]:
    async def access(principal: Principal = Depends(_authenticate)) -> Principal:
        return principal

    setattr(access, ACCESS_MARK, "signed_in")
    return access


def require(code: str) -> Callable[..., Any]:
    if not known(code):
        raise ValueError(f"unknown permission code {code!r}: register it in auth/permissions.py")

    async def access(request: Request, principal: Principal = Depends(_authenticate)) -> Principal:
        if not principal.has(code):
            deny(request, code)
        return principal

    setattr(access, ACCESS_MARK, code)
    return access


def require_any(*codes: str) -> Callable[..., Any]:
    """Any one of `codes` will do: a look-up a document editor needs (open items, categories, rates) is
    allowed to whoever may view its report or may create that document."""
    for code in codes:
        if not known(code):
            raise ValueError(f"unknown permission code {code!r}: register it in auth/permissions.py")

    async def access(request: Request, principal: Principal = Depends(_authenticate)) -> Principal:
        if not any(principal.has(c) for c in codes):
            deny(request, codes[0])
        return principal

    setattr(access, ACCESS_MARK, " | ".join(codes))
    return access


def deny(request: Request, code: str) -> Any:
    """Refuse, and log the refusal (it must survive the request's rollback, so it runs on close)."""
    ctx = get_context(request)
    path = request.url.path

    def log_refusal(session: Session) -> None:
        audit.record(
            session,
            action="permission_denied",
            object_type="permission",
            object_id=code,
            object_label=path[:200],
        )

    ctx.on_close.append(log_refusal)
    raise Forbidden("permission_denied", permission=code)


def check(request: Request, principal: Principal, code: str) -> None:
    """For a second permission inside a route (e.g. export on a list)."""
    if not principal.has(code):
        deny(request, code)
