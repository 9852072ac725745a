"""The company rules both ledgers apply to every posting: the closed period (关账日期) and its settings."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from jxc.auth.models import Company
from jxc.common.errors import Invalid
from jxc.db.scoping import session_company


def company_rules(session: Session) -> Company:
    company = session.get(Company, session_company(session))
    assert company is not None
    return company


def check_open_period(session: Session, business_date: date) -> None:
    closed = company_rules(session).closed_until
    if closed is not None and business_date <= closed:
        raise Invalid("period_closed", date=closed.isoformat())
