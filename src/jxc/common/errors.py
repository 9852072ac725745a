"""Domain errors with stable codes, and their RFC 9457 problem+json rendering.

A service raises `DomainError` subclasses with a code; the message comes from the i18n catalogue under
`error.<code>` in the request's language, so the same failure reads 库存不足 or "Insufficient stock".
"""

from __future__ import annotations

from typing import Any

from jxc.common.i18n import t


class DomainError(Exception):
    status = 422
    code = "invalid"

    def __init__(
        self,
        code: str | None = None,
        /,
        *,
        status: int | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        **params: Any,
    ) -> None:
        self.code = code or self.code
        if status is not None:
            self.status = status
        self.params = params
        self.errors = errors or []
        self.headers = headers or {}
        super().__init__(self.code)

    def detail(self) -> str:
        return t(f"error.{self.code}", **self.params)


class BadRequest(DomainError):
    status = 400
    code = "bad_request"


class NotAuthenticated(DomainError):
    status = 401
    code = "not_authenticated"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class Invalid(DomainError):
    """Input that is well formed but breaks a rule; `errors` names the fields."""

    status = 422
    code = "invalid"


class TooMany(DomainError):
    status = 429
    code = "too_many_attempts"


def field_error(field: str, code: str, /, **params: Any) -> dict[str, str]:
    return {"field": field, "code": code, "message": t(f"validation.{code}", **params)}


def problem(
    status: int, code: str, detail: str, request_id: str | None, errors: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://jxc.example/problems/{code}",
        "title": t(f"status.{status}"),
        "status": status,
        "detail": detail,
        "code": code,
        "request_id": request_id,
    }
    if errors:
        body["errors"] = errors
    return body
