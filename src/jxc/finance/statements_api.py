"""/api/v1/statements (对账单), /api/v1/statement-links, and the public /api/v1/public/statements/{token}."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from jxc.auth.deps import check, public, require
from jxc.auth.principal import Principal
from jxc.common.export import Column, choose_columns, export_response
from jxc.common.i18n import t
from jxc.common.route import TransactionalRoute, get_session
from jxc.finance import statement_links
from jxc.finance.statement_links import LinkCreate, LinkCreated, LinkRead
from jxc.finance.statements import Period, Statement, statement

router = APIRouter(prefix="/api/v1", tags=["statements"], route_class=TransactionalRoute)
public_router = APIRouter(prefix="/api/v1/public", tags=["statements"], route_class=TransactionalRoute)

COLUMNS = [
    Column("business_date", "field.business_date", "date"),
    Column("doc_kind_label", "field.doc_kind"),
    Column("doc_number", "field.number"),
    Column("remark", "field.remark"),
    Column("increase", "field.increase", "money"),
    Column("decrease", "field.decrease", "money"),
    Column("balance", "field.balance", "money"),
]


def _export_rows(s: Statement) -> list[Any]:
    """The rows framed by the balance carried in and the period's totals, as on a printed statement."""
    opening = SimpleNamespace(
        business_date=s.date_from,
        doc_kind_label=t("statement.opening"),
        doc_number="",
        remark="",
        increase=None,
        decrease=None,
        balance=s.opening_balance,
    )
    totals = SimpleNamespace(
        business_date=s.date_to,
        doc_kind_label=t("statement.total"),
        doc_number="",
        remark="",
        increase=s.total_increase,
        decrease=s.total_decrease,
        balance=s.closing_balance,
    )
    return [opening, *s.rows, totals]


@router.get("/statements", response_model=Statement)
def get_statement(
    request: Request,
    partner_id: int,
    date_from: date,
    date_to: date,
    side: Literal["ar", "ap"] = "ar",
    currency: str | None = Query(default=None, max_length=8),
    format: Literal["xlsx", "csv"] | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("finance.statement.view")),
    session: Session = Depends(get_session),
) -> Statement | Response:
    if format:
        check(request, principal, "finance.statement.export")
    result = statement(session, Period(partner_id, side, date_from, date_to, currency))
    if format:
        return export_response(
            format, t("export.statement"), choose_columns(COLUMNS, columns), _export_rows(result)
        )
    return result


@router.post("/statement-links", response_model=LinkCreated, status_code=201)
def create_statement_link(
    body: LinkCreate,
    _: Principal = Depends(require("finance.statement.share")),
    session: Session = Depends(get_session),
) -> LinkCreated:
    return statement_links.create_link(session, body)


@router.get("/statement-links", response_model=list[LinkRead])
def list_statement_links(
    partner_id: int | None = None,
    _: Principal = Depends(require("finance.statement.view")),
    session: Session = Depends(get_session),
) -> list[LinkRead]:
    return statement_links.list_links(session, partner_id)


@router.post("/statement-links/{link_id}/revoke", response_model=LinkRead)
def revoke_statement_link(
    link_id: int,
    _: Principal = Depends(require("finance.statement.share")),
    session: Session = Depends(get_session),
) -> LinkRead:
    return statement_links.revoke_link(session, link_id)


@public_router.get("/statements/{token}", response_model=Statement, dependencies=[Depends(public())])
def public_statement(
    token: str,
    response: Response,
    session: Session = Depends(get_session),
) -> Statement:
    # Anyone holding the link may read it, but no shared cache or search engine should keep a copy.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return statement_links.public_statement(session, token[:100])
