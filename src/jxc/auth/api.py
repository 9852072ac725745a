"""/api/v1/auth: sign-in, sign-out, the current user, company switch, own password, API tokens."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy.orm import Session

from jxc.auth import sessions
from jxc.auth.deps import public, signed_in
from jxc.auth.principal import Principal
from jxc.auth.schemas import (
    ChangePassword,
    LoginRequest,
    LoginResult,
    Me,
    SwitchCompany,
    TokenCreate,
    TokenCreated,
    TokenRead,
)
from jxc.common.route import SESSION_COOKIE, TransactionalRoute, get_session
from jxc.settings import get_settings

router = APIRouter(prefix="/api/v1/auth", tags=["auth"], route_class=TransactionalRoute)


def _secure(request: Request) -> bool:
    mode = get_settings().cookie_secure.lower()
    if mode in ("true", "1", "yes"):
        return True
    if mode in ("false", "0", "no"):
        return False
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


@router.post("/login", response_model=LoginResult, dependencies=[Depends(public())])
def login(
    body: LoginRequest, request: Request, response: Response, session: Session = Depends(get_session)
) -> LoginResult:
    result = sessions.login(session, body, request.headers.get("user-agent"))
    response.set_cookie(
        SESSION_COOKIE,
        result.token,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
        max_age=get_settings().session_absolute_hours * 3600,
    )
    return LoginResult(csrf_token=result.csrf_token, user=result.me)


@router.post("/logout", status_code=204)
def logout(
    response: Response, principal: Principal = Depends(signed_in()), session: Session = Depends(get_session)
) -> Response:
    sessions.logout(session, principal)
    out = Response(status_code=204)
    out.delete_cookie(SESSION_COOKIE, path="/")
    return out


@router.get("/me", response_model=Me)
def me(principal: Principal = Depends(signed_in()), session: Session = Depends(get_session)) -> Me:
    return sessions.me(session, principal)


@router.post("/switch-company", response_model=Me)
def switch_company(
    body: SwitchCompany, principal: Principal = Depends(signed_in()), session: Session = Depends(get_session)
) -> Me:
    return sessions.switch_company(session, principal, body.company_id)


@router.post("/change-password", status_code=204)
def change_password(
    body: ChangePassword, principal: Principal = Depends(signed_in()), session: Session = Depends(get_session)
) -> Response:
    sessions.change_password(session, principal, body)
    return Response(status_code=204)


@router.get("/tokens", response_model=list[TokenRead])
def list_tokens(
    principal: Principal = Depends(signed_in()), session: Session = Depends(get_session)
) -> list[TokenRead]:
    return sessions.list_tokens(session, principal)


@router.post("/tokens", response_model=TokenCreated, status_code=201)
def create_token(
    body: TokenCreate, principal: Principal = Depends(signed_in()), session: Session = Depends(get_session)
) -> TokenCreated:
    return sessions.create_token(session, principal, body)


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(
    token_id: int, principal: Principal = Depends(signed_in()), session: Session = Depends(get_session)
) -> Response:
    sessions.revoke_token(session, principal, token_id)
    return Response(status_code=204)
