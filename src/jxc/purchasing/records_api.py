"""/api/v1/suppliers/{id}/purchase-record, /suppliers/{id}/price-history and /purchase-replenishment."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from jxc.auth.deps import require
from jxc.auth.principal import Principal
from jxc.common.route import TransactionalRoute, get_session
from jxc.purchasing import records, replenish
from jxc.purchasing.record_schemas import CreatedOrders, PricePoint, ProposalOrders, Proposals, SupplierRecord

router = APIRouter(prefix="/api/v1", tags=["purchase-records"], route_class=TransactionalRoute)


@router.get("/suppliers/{supplier_id}/purchase-record", response_model=SupplierRecord)
def supplier_record(
    supplier_id: int,
    date_from: date | None = None,
    date_to: date | None = None,
    _: Principal = Depends(require("purchase.supplier.view")),
    session: Session = Depends(get_session),
) -> SupplierRecord:
    return records.record(session, supplier_id, date_from, date_to)


@router.get("/suppliers/{supplier_id}/price-history", response_model=list[PricePoint])
def supplier_price_history(
    supplier_id: int,
    sku_id: int | None = None,
    _: Principal = Depends(require("purchase.supplier.view")),
    session: Session = Depends(get_session),
) -> list[PricePoint]:
    return records.price_history(session, supplier_id, sku_id)


@router.get("/purchase-replenishment", response_model=Proposals)
def replenishment(
    warehouse_id: int | None = None,
    supplier_id: int | None = None,
    _: Principal = Depends(require("purchase.replenish.view")),
    session: Session = Depends(get_session),
) -> Proposals:
    return replenish.proposals(session, warehouse_id, supplier_id)


@router.post("/purchase-replenishment/orders", response_model=CreatedOrders, status_code=201)
def replenishment_orders(
    body: ProposalOrders,
    _: Principal = Depends(require("purchase.replenish.create")),
    session: Session = Depends(get_session),
) -> CreatedOrders:
    return replenish.create_orders(session, body)
