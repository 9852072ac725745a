"""What one request (or CLI command) is: who, in which company, in which language.

The object is set in a context variable by the route wrapper before anything runs. Dependencies run in
worker threads that receive a *copy* of the context, so they fill in this same object rather than setting
new variables: the response serializer (back in the event loop) then sees who the user is.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEFAULT_LANGUAGE = "zh-CN"
LANGUAGES = ("zh-CN", "en")


@dataclass
class RequestContext:
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    language: str = DEFAULT_LANGUAGE
    ip: str | None = None
    user_id: int | None = None
    username: str | None = None
    company_id: int | None = None
    permissions: frozenset[str] = frozenset()
    is_admin: bool = False
    warehouse_ids: frozenset[int] | None = None  # None: every warehouse (see auth.scope)
    # Work that must survive the request's own rollback (failed sign-ins, refused access):
    # each callable runs after the request's transaction ends, in a writing transaction of its own.
    on_close: list[Callable[[Session], None]] = field(default_factory=list)

    def has(self, code: str) -> bool:
        return self.is_admin or code in self.permissions

    @property
    def can_view_cost(self) -> bool:
        return self.has("cost.view")


_current: ContextVar[RequestContext | None] = ContextVar("jxc_request_context", default=None)
_SYSTEM = RequestContext(request_id="system", username="system", is_admin=True)


def current() -> RequestContext:
    """The running request's context; outside a request (CLI, scripts) a system context with all rights."""
    return _current.get() or _SYSTEM


def activate(ctx: RequestContext) -> object:
    return _current.set(ctx)


def deactivate(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


def negotiate_language(header: str | None) -> str:
    """Pick zh-CN or en from Accept-Language; Chinese unless English is preferred."""
    if not header:
        return DEFAULT_LANGUAGE
    best: tuple[Decimal, str] | None = None
    for part in header.split(","):
        piece = part.strip()
        if not piece:
            continue
        tag, _, q = piece.partition(";q=")
        try:
            weight = Decimal(q) if q else Decimal(1)
        except InvalidOperation:
            continue
        lang = tag.strip().lower()
        code = "en" if lang.startswith("en") else "zh-CN" if lang.startswith("zh") else None
        if code and (best is None or weight > best[0]):
            best = (weight, code)
    return best[1] if best else DEFAULT_LANGUAGE
