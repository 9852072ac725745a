"""Every failure leaves as RFC 9457 problem+json in the user's language — never a bare 500 page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jxc.common.context import RequestContext, activate, current, deactivate, negotiate_language
from jxc.common.errors import DomainError, problem
from jxc.common.i18n import has_key, t

PROBLEM = "application/problem+json"
log = structlog.get_logger("jxc.errors")

_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "body_too_large",
    415: "unsupported_media_type",
    429: "too_many_attempts",
}


def _respond(
    status: int,
    code: str,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = problem(status, code, detail, current().request_id, errors)
    out = JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)
    if current().request_id != "system":
        out.headers["X-Request-ID"] = current().request_id
    return out


@contextmanager
def _in_request(request: Request) -> Iterator[None]:
    """Handlers run after the route has left its context: render in the request's language and id."""
    ctx = getattr(request.state, "ctx", None)
    if ctx is None:
        ctx = RequestContext(language=negotiate_language(request.headers.get("accept-language")))
    token = activate(ctx)
    try:
        yield
    finally:
        deactivate(token)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(p) for p in loc)


def translate_validation(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    out = []
    for err in errors:
        kind = str(err.get("type", "invalid"))
        params: dict[str, Any] = {k: v for k, v in (err.get("ctx") or {}).items() if isinstance(v, str | int)}
        key = f"validation.{kind}"
        if kind == "value_error":
            # Our validators raise ValueError("<code>"); the code names the message.
            raw = str((err.get("ctx") or {}).get("error", ""))
            key = f"validation.{raw}" if has_key(f"validation.{raw}") else "validation.invalid"
        elif not has_key(key):
            key = "validation.invalid"
        out.append({"field": _field(err.get("loc", ())), "code": kind, "message": t(key, **params)})
    return out


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        with _in_request(request):
            return _respond(exc.status, exc.code, exc.detail(), exc.errors, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        raw = list(exc.errors())
        with _in_request(request):
            if any(e.get("type") == "json_invalid" for e in raw):
                return _respond(400, "malformed_json", t("error.malformed_json"))
            return _respond(422, "validation_failed", t("error.validation_failed"), translate_validation(raw))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "http_error")
        with _in_request(request):
            detail = t(f"error.{code}", limit=_size(request.app.state.settings.max_body_bytes))
            return _respond(exc.status_code, code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, _exc: StaleDataError) -> JSONResponse:
        with _in_request(request):
            return _respond(409, "version_conflict", t("error.version_conflict"))

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        log.warning("integrity error reached the handler", error=str(exc.orig))
        with _in_request(request):
            return _respond(409, "conflict", t("error.conflict"))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        with _in_request(request):
            return _respond(500, "internal_error", t("error.internal_error"))


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit} bytes"


class BodyLimitMiddleware:
    """Refuses bodies over the limit (413) before any handler reads them, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_upload_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_upload_bytes = max_upload_bytes or max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        path = str(scope.get("path", ""))
        limit = self.max_upload_bytes if path.endswith(("/import", "/import/error-file")) else self.max_bytes
        declared = headers.get(b"content-length")
        lang = negotiate_language((headers.get(b"accept-language") or b"").decode("latin-1"))
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(send, lang, limit)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # FastAPI turns any error while reading a body into a 400, except HTTPException.
                    raise StarletteHTTPException(413)
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, send: Send, lang: str, limit: int) -> None:
        body = problem(413, "body_too_large", t("error.body_too_large", lang, limit=_size(limit)), None)
        body["title"] = t("status.413", lang)
        payload = json.dumps(body, ensure_ascii=False).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM.encode()),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})
