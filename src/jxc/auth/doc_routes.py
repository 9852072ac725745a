"""The routes every document type shares — get, create, edit, delete a draft, and one POST per lifecycle
action (DESIGN §7) — added to a module's router from its service and schemas, each with its own permission.
A module adds its list route (its filters differ) and anything special, e.g. imports.

No `from __future__ import annotations` here: FastAPI reads the body types (closure variables) at runtime."""

from datetime import date
from typing import Any, Protocol

from fastapi import APIRouter, Body, Depends, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from jxc.auth.deps import require
from jxc.auth.principal import Principal
from jxc.common.lifecycle import Transitions
from jxc.common.route import get_session
from jxc.common.schemas import InputModel


class DocumentService(Protocol):
    def create(self, session: Session, kind: str, body: Any) -> Any: ...
    def get(self, session: Session, kind: str, doc_id: int) -> Any: ...
    def update(self, session: Session, kind: str, doc_id: int, body: Any) -> Any: ...
    def delete_draft(self, session: Session, kind: str, doc_id: int) -> None: ...
    def approve(self, session: Session, kind: str, doc_id: int) -> Any: ...
    def reverse(self, session: Session, kind: str, doc_id: int, business_date: date | None) -> Any: ...
    def void(self, session: Session, kind: str, doc_id: int) -> Any: ...
    def copy(self, session: Session, kind: str, doc_id: int) -> Any: ...


class ReverseBody(InputModel):
    business_date: date | None = None


def add_document_routes(
    router: APIRouter,
    *,
    path: str,
    kind: str,
    perm: str,
    service: Any,
    read: type[BaseModel],
    write: type[BaseModel],
    update: type[BaseModel],
    transitions: Transitions,
) -> None:
    @router.post(path, response_model=read, status_code=201, name=f"create_{kind}")
    def create_doc(
        body: write = Body(...),  # type: ignore[valid-type]
        _: Principal = Depends(require(f"{perm}.create")),
        session: Session = Depends(get_session),
    ) -> Any:
        return service.create(session, kind, body)

    @router.get(f"{path}/{{doc_id}}", response_model=read, name=f"get_{kind}")
    def get_doc(
        doc_id: int, _: Principal = Depends(require(f"{perm}.view")), session: Session = Depends(get_session)
    ) -> Any:
        return service.get(session, kind, doc_id)

    @router.put(f"{path}/{{doc_id}}", response_model=read, name=f"update_{kind}")
    def update_doc(
        doc_id: int,
        body: update = Body(...),  # type: ignore[valid-type]
        _: Principal = Depends(require(f"{perm}.create")),
        session: Session = Depends(get_session),
    ) -> Any:
        return service.update(session, kind, doc_id, body)

    @router.delete(f"{path}/{{doc_id}}", status_code=204, name=f"delete_{kind}")
    def delete_doc(
        doc_id: int,
        _: Principal = Depends(require(f"{perm}.create")),
        session: Session = Depends(get_session),
    ) -> Response:
        service.delete_draft(session, kind, doc_id)
        return Response(status_code=204)

    def action(name: str, permission: str) -> None:
        def run(
            doc_id: int,
            _: Principal = Depends(require(f"{perm}.{permission}")),
            session: Session = Depends(get_session),
        ) -> Any:
            return getattr(service, name)(session, kind, doc_id)

        router.add_api_route(
            f"{path}/{{doc_id}}/{name}",
            run,
            methods=["POST"],
            response_model=read,
            name=f"{name}_{kind}",
            status_code=201 if name == "copy" else 200,
        )

    action("approve", "approve")
    if "unapprove" in transitions.table:
        action("unapprove", "unapprove")
    action("void", "create")
    action("copy", "create")

    if "reverse" not in transitions.table:  # e.g. purchase orders: closed, never 红冲'd
        return

    @router.post(f"{path}/{{doc_id}}/reverse", response_model=read, name=f"reverse_{kind}")
    def reverse_doc(
        doc_id: int,
        body: ReverseBody | None = None,
        _: Principal = Depends(require(f"{perm}.reverse")),
        session: Session = Depends(get_session),
    ) -> Any:
        return service.reverse(session, kind, doc_id, body.business_date if body else None)
