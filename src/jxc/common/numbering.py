"""Document numbers: prefix + yyyymmdd + 4-digit daily sequence (CGRK-20261122-0001).

Allocated when a document is saved (never when a form opens, so no gaps from abandoned forms), inside the
saving transaction: the counter row's UPDATE locks it until commit, so two savers never get one number,
and a rolled-back save gives its number back.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jxc.common.models import NumberSequence
from jxc.db.engine import Prepared
from jxc.db.scoping import session_company


def next_number(session: Session, prefix: str, business_date: date) -> str:
    return f"{prefix}-{business_date:%Y%m%d}-{_next(session, prefix, business_date):04d}"


def _next(session: Session, prefix: str, day: date) -> int:
    company_id = session_company(session)
    if company_id is None:
        raise RuntimeError("numbers need a current company")
    value = _bump(session, company_id, prefix, day)
    if value is None:
        try:
            with session.begin_nested():
                session.add(NumberSequence(company_id=company_id, prefix=prefix, day=day, last=0))
        except IntegrityError:
            pass  # another transaction created the counter first; bumping it below waits for it
        value = _bump(session, company_id, prefix, day)
        assert value is not None
    return value


_SEQ: Table = NumberSequence.__table__  # type: ignore[assignment]
# Every document save bumps a counter: prepared once, sent straight to the driver on SQLite (db.engine).
_BUMP = Prepared(
    update(_SEQ)
    .where(
        _SEQ.c.company_id == bindparam("company_"),
        _SEQ.c.prefix == bindparam("prefix_"),
        _SEQ.c.day == bindparam("day_"),
    )
    .values(last=_SEQ.c.last + bindparam("step"))
    .returning(_SEQ.c.last)
)


def _bump(session: Session, company_id: int, prefix: str, day: date) -> int | None:
    rows = _BUMP.rows(
        session.connection(), {"company_": company_id, "prefix_": prefix, "day_": day, "step": 1}
    )
    return int(rows[0].last) if rows else None


def peek(session: Session, prefix: str, day: date) -> int:
    value = session.execute(
        select(NumberSequence.last).where(NumberSequence.prefix == prefix, NumberSequence.day == day)
    ).scalar_one_or_none()
    return int(value or 0)


SERIAL_DAY = date(2000, 1, 1)


def next_serial(session: Session, key: str) -> int:
    """A company-wide counter that never resets (generated master-data codes such as SP000001)."""
    return _next(session, key, SERIAL_DAY)
