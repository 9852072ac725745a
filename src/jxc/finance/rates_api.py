"""/api/v1/exchange-rates (汇率)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy.orm import Session

from jxc.auth.deps import require, require_any
from jxc.auth.principal import Principal
from jxc.common.clock import today
from jxc.common.route import TransactionalRoute, get_session
from jxc.finance import rates
from jxc.finance.rates import RateCreate, RateLookup, RateRead, RateUpdate

router = APIRouter(prefix="/api/v1/exchange-rates", tags=["exchange-rates"], route_class=TransactionalRoute)


@router.get("", response_model=list[RateRead])
def list_rates(
    currency: str | None = Query(default=None, max_length=8),
    _: Principal = Depends(require("finance.rate.view")),
    session: Session = Depends(get_session),
) -> list[RateRead]:
    return rates.list_rates(session, currency)


@router.get("/lookup", response_model=RateLookup)
def lookup_rate(
    currency: str = Query(max_length=8),
    day: date | None = Query(default=None, alias="date"),
    _: Principal = Depends(
        require_any("finance.rate.view", *(f"finance.{k}.create" for k in ("receipt", "payment", "opening")))
    ),
    session: Session = Depends(get_session),
) -> RateLookup:
    return rates.lookup(session, currency, day or today())


@router.post("", response_model=RateRead, status_code=201)
def create_rate(
    body: RateCreate,
    _: Principal = Depends(require("finance.rate.edit")),
    session: Session = Depends(get_session),
) -> RateRead:
    return rates.create_rate(session, body)


@router.patch("/{rate_id}", response_model=RateRead)
def update_rate(
    rate_id: int,
    body: RateUpdate,
    _: Principal = Depends(require("finance.rate.edit")),
    session: Session = Depends(get_session),
) -> RateRead:
    return rates.update_rate(session, rate_id, body)


@router.delete("/{rate_id}", status_code=204)
def delete_rate(
    rate_id: int,
    _: Principal = Depends(require("finance.rate.edit")),
    session: Session = Depends(get_session),
) -> Response:
    rates.delete_rate(session, rate_id)
    return Response(status_code=204)
