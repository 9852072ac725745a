"""Exchange rates (汇率) users maintain, and the rate a document of a given date uses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth.periods import company_rules
from jxc.common.errors import Conflict, Invalid, NotFound, field_error
from jxc.common.schemas import InputModel, ReadModel
from jxc.common.schemas import Price as Rate
from jxc.finance.currencies import currency_code
from jxc.finance.doc_models import ExchangeRate

RATE_QUANTUM = Decimal("0.000001")
ONE = Decimal(1).quantize(RATE_QUANTUM)


class RateRead(ReadModel):
    id: int
    currency: str
    rate_date: date
    rate: Rate
    version: int


class RateCreate(InputModel):
    # Checked against ISO 4217 by the service, so a bad code answers `currency_invalid`, not a pattern error.
    currency: str = Field(min_length=1, max_length=8)
    rate_date: date
    rate: Rate


class RateUpdate(InputModel):
    rate: Rate
    version: int


class RateLookup(ReadModel):
    currency: str
    rate: Rate
    rate_date: date


def base_currency(session: Session) -> str:
    return company_rules(session).base_currency


def _latest(session: Session, currency: str, day: date) -> ExchangeRate | None:
    return session.execute(
        select(ExchangeRate)
        .where(ExchangeRate.currency == currency, ExchangeRate.rate_date <= day)
        .order_by(ExchangeRate.rate_date.desc())
        .limit(1)
    ).scalar_one_or_none()


def rate_for(session: Session, currency: str, day: date) -> Decimal:
    """The latest rate on or before `day` (1 for the base currency)."""
    return lookup(session, currency, day).rate


def lookup(session: Session, currency: str, day: date) -> RateLookup:
    code = currency_code(currency)
    if code == base_currency(session):
        return RateLookup(currency=code, rate=ONE, rate_date=day)
    row = _latest(session, code, day)
    if row is None:
        raise Invalid("exchange_rate_missing", currency=code, date=day.isoformat())
    return RateLookup(currency=code, rate=row.rate, rate_date=row.rate_date)


def list_rates(session: Session, currency: str | None = None) -> list[RateRead]:
    stmt = select(ExchangeRate)
    if currency:
        stmt = stmt.where(ExchangeRate.currency == currency.strip().upper())
    stmt = stmt.order_by(ExchangeRate.rate_date.desc(), ExchangeRate.currency, ExchangeRate.id)
    return [RateRead.model_validate(r) for r in session.execute(stmt).scalars()]


def _checked(rate: Decimal) -> Decimal:
    """The rate at its stored scale, so the answer shows what the table now holds."""
    if rate <= 0:
        raise Invalid("rate_invalid", errors=[field_error("body.rate", "rate_invalid")])
    return rate.quantize(RATE_QUANTUM)


def _load(session: Session, rate_id: int) -> ExchangeRate:
    row = session.execute(select(ExchangeRate).where(ExchangeRate.id == rate_id)).scalar_one_or_none()
    if row is None:
        raise NotFound("exchange_rate_not_found")
    return row


def create_rate(session: Session, body: RateCreate) -> RateRead:
    code = currency_code(body.currency, "body.currency")
    if code == base_currency(session):
        # The base currency is 1 by definition; a stored rate for it could only disagree.
        raise Invalid("currency_is_base", errors=[field_error("body.currency", "currency_is_base")])
    rate = _checked(body.rate)
    taken = session.execute(
        select(ExchangeRate.id).where(ExchangeRate.currency == code, ExchangeRate.rate_date == body.rate_date)
    ).first()
    if taken:
        raise Conflict("exchange_rate_exists", currency=code, date=body.rate_date.isoformat())
    row = ExchangeRate(currency=code, rate_date=body.rate_date, rate=rate)
    session.add(row)
    session.flush()
    return RateRead.model_validate(row)


def update_rate(session: Session, rate_id: int, body: RateUpdate) -> RateRead:
    row = _load(session, rate_id)
    if body.version != row.version:
        raise Conflict("version_conflict")
    row.rate = _checked(body.rate)
    session.flush()
    return RateRead.model_validate(row)


def delete_rate(session: Session, rate_id: int) -> None:
    # Documents copy the rate they used, so deleting a table row changes no posted amount.
    session.delete(_load(session, rate_id))
    session.flush()
