"""/api/v1/reports/ageing (账龄分析) and /api/v1/reports/overdue (超期应收/应付)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from jxc.auth.deps import check, require
from jxc.auth.principal import Principal
from jxc.common.clock import today
from jxc.common.export import Column, choose_columns, export_response
from jxc.common.i18n import t
from jxc.common.route import TransactionalRoute, get_session
from jxc.finance import ageing
from jxc.finance.ageing import Ageing, Basis, OverdueItem

router = APIRouter(prefix="/api/v1/reports", tags=["money-reports"], route_class=TransactionalRoute)
Fmt = Literal["xlsx", "csv"]
Side = Literal["ar", "ap"]

OVERDUE_COLUMNS = [
    Column("partner_name", "field.partner"),
    Column("doc_number", "field.number"),
    Column("business_date", "field.business_date", "date"),
    Column("due_date", "field.due_date", "date"),
    Column("days_overdue", "field.days_overdue", "number"),
    Column("currency", "field.currency"),
    Column("amount", "field.amount", "money"),
    Column("open_amount", "field.open_amount", "money"),
    Column("base_open_amount", "field.base_open_amount", "money"),
]


def _bucket(i: int) -> Any:
    return lambda row: row.amounts[i]


def _ageing_columns(report: Ageing) -> list[Column]:
    # Bucket labels ("0-30", "90+") are not catalogue keys: t() hands an unknown key back unchanged.
    buckets = [Column(f"b{i}", label, "money", get=_bucket(i)) for i, label in enumerate(report.buckets)]
    return [
        Column("partner_code", "field.partner_code"),
        Column("partner_name", "field.partner"),
        *buckets,
        Column("total", "field.total", "money"),
        Column("prepaid", "field.prepaid", "money"),
    ]


@router.get("/ageing", response_model=Ageing)
def ageing_report(
    request: Request,
    side: Side = "ar",
    as_of: date | None = None,
    buckets: str = Query(default="30,60,90", max_length=100),
    basis: Basis = "date",
    partner_id: int | None = None,
    format: Fmt | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("finance.ageing.view")),
    session: Session = Depends(get_session),
) -> Ageing | Response:
    if format:
        check(request, principal, "finance.ageing.export")
    report = ageing.ageing(session, side, as_of or today(), buckets, basis, partner_id)
    if format:
        return export_response(
            format, t(f"export.ageing.{side}"), choose_columns(_ageing_columns(report), columns), report.items
        )
    return report


@router.get("/overdue", response_model=list[OverdueItem])
def overdue_report(
    request: Request,
    side: Side = "ar",
    as_of: date | None = None,
    partner_id: int | None = None,
    format: Fmt | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("finance.ageing.view")),
    session: Session = Depends(get_session),
) -> list[OverdueItem] | Response:
    if format:
        check(request, principal, "finance.ageing.export")
    rows = ageing.overdue(session, side, as_of or today(), partner_id)
    if format:
        return export_response(
            format, t(f"export.overdue.{side}"), choose_columns(OVERDUE_COLUMNS, columns), rows
        )
    return rows
