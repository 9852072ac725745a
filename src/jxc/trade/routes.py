"""Route wiring shared by the purchase and sales document routers (one router per kind, from one factory)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from jxc.auth.doc_routes import add_document_routes
from jxc.common.errors import Invalid, field_error
from jxc.common.lifecycle import Transitions


class KindService:
    """The shared document routes name the kind as the route name's suffix (`purchase_order`); the service
    knows the kind by its short name."""

    def __init__(self, documents: Any, kind: str) -> None:
        self.documents = documents
        self.kind = kind

    def __getattr__(self, name: str) -> object:
        fn = getattr(self.documents, name)
        return lambda session, _kind, *args: fn(session, self.kind, *args)


def add_kind_routes(
    router: APIRouter,
    *,
    side: str,
    kind: str,
    path: str,
    documents: Any,
    read: type[BaseModel],
    write: type[BaseModel],
    update: type[BaseModel],
    transitions: Transitions,
) -> None:
    """The create/read/update/delete and state routes of one kind; `side` (`purchase`, `sales`) prefixes the
    route names and permission codes."""
    add_document_routes(
        router,
        path=path,
        kind=f"{side}_{kind}",
        perm=f"{side}.{kind}",
        service=KindService(documents, kind),
        read=read,
        write=write,
        update=update,
        transitions=transitions,
    )


def id_list(raw: str | None, field: str) -> list[int] | None:
    """A comma-separated id list from the query string; `field` names it in the error."""
    try:
        return [int(x) for x in raw.split(",") if x.strip()] if raw else None
    except ValueError:
        raise Invalid("invalid_query", errors=[field_error(field, "invalid")]) from None
