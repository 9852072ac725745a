"""The company rules both ledgers apply to every posting: the closed period (关账日期) and its settings."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from jxc.auth.models import Company
from jxc.common.errors import Invalid
from jxc.db.scoping import session_company


def company_rules(session: Session) -> Company:
    """The session's company. Kept in `session.info`: the identity map holds objects weakly, so without a
    strong reference every call of a transaction loaded the row again (~0.35 ms through the ORM). It is the
    session's own object, so a change made to it in this session is what later calls see."""
    company_id = session_company(session)
    key = ("jxc.company_rules", company_id)
    company: Company | None = session.info.get(key)
    if company is None or company not in session:
        company = session.get(Company, company_id)
        assert company is not None
        session.info[key] = company
    return company


def check_open_period(session: Session, business_date: date) -> None:
    closed = company_rules(session).closed_until
    if closed is not None and business_date <= closed:
        raise Invalid("period_closed", date=closed.isoformat())
