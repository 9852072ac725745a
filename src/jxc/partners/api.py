"""/api/v1/partners (客户/供应商)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from jxc.auth.deps import check, require
from jxc.auth.principal import Principal
from jxc.common.export import choose_columns, export_response
from jxc.common.i18n import t
from jxc.common.pagination import ListParams, Page
from jxc.common.route import TransactionalRoute, get_session
from jxc.partners import excel, service
from jxc.partners.schemas import PartnerRead, PartnerUpdate, PartnerWrite

router = APIRouter(prefix="/api/v1/partners", tags=["partners"], route_class=TransactionalRoute)


@router.get("", response_model=Page[PartnerRead])
def list_partners(
    request: Request,
    params: ListParams = Depends(),
    kind: Literal["customer", "supplier"] | None = None,
    province: str | None = Query(default=None, max_length=32),
    is_active: bool | None = None,
    format: Literal["xlsx", "csv"] | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("partner.view")),
    session: Session = Depends(get_session),
) -> Page[PartnerRead] | Response:
    if format:
        check(request, principal, "partner.export")
        # The import's own columns, so an exported list re-imports unchanged.
        rows, _ = service.list_partners(session, params, kind, province, is_active, limit=100_000)
        return export_response(
            format,
            t("export.partners"),
            choose_columns(excel.COLUMNS, columns),
            excel.flat_rows(session, rows),
        )
    items, total = service.list_partners(session, params, kind, province, is_active)
    return Page[PartnerRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.post("", response_model=PartnerRead, status_code=201)
def create_partner(
    body: PartnerWrite,
    _: Principal = Depends(require("partner.create")),
    session: Session = Depends(get_session),
) -> PartnerRead:
    return service.create_partner(session, body)


@router.get("/{partner_id}", response_model=PartnerRead)
def get_partner(
    partner_id: int, _: Principal = Depends(require("partner.view")), session: Session = Depends(get_session)
) -> PartnerRead:
    return service.get_partner(session, partner_id)


@router.patch("/{partner_id}", response_model=PartnerRead)
def update_partner(
    partner_id: int,
    body: PartnerUpdate,
    _: Principal = Depends(require("partner.edit")),
    session: Session = Depends(get_session),
) -> PartnerRead:
    return service.update_partner(session, partner_id, body)


@router.delete("/{partner_id}", status_code=204)
def delete_partner(
    partner_id: int,
    _: Principal = Depends(require("partner.delete")),
    session: Session = Depends(get_session),
) -> Response:
    service.delete_partner(session, partner_id)
    return Response(status_code=204)
