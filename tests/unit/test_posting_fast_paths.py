"""The shortcuts of the posting path give what the long way gives: the connection a posting holds for its
transaction, the faster processors of dates, times and decimals, and one processing of a value repeated
across the rows of an executemany."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

import pytest
from sqlalchemy import Column, Date, Integer, MetaData, Table, bindparam, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError, PendingRollbackError

from jxc.common.models import NumberSequence
from jxc.db.base import UTCDateTime
from jxc.db.engine import Prepared, _Plan, connection
from jxc.db.types import ScaledDecimal
from tests.helpers import company_id

DIALECT = sqlite.dialect()  # type: ignore[no-untyped-call]


# --- the connection held for a transaction


def test_the_held_connection_is_the_sessions_own_for_that_transaction(seeded):  # type: ignore[no-untyped-def]
    with seeded.transaction(writer=False, company_id=company_id(seeded)) as s:
        held = connection(s)
        assert held is s.connection()
        assert connection(s) is held


def test_a_new_transaction_of_the_same_session_gets_its_own_connection(seeded):  # type: ignore[no-untyped-def]
    tx = seeded.open(writer=False)
    try:
        first = connection(tx.session)
        tx.session.commit()  # the session gives its connection back
        second = tx.session.connection()  # and begins anew
        assert connection(tx.session) is second
        assert not second.closed
        assert first.closed or first is second  # the first transaction's one was given back
    finally:
        tx.rollback()


def test_a_failed_transaction_raises_as_the_session_would(seeded):  # type: ignore[no-untyped-def]
    cid = company_id(seeded)
    tx = seeded.open(writer=True)
    tx.session.info["company_id"] = cid
    try:
        connection(tx.session)
        day = date(2026, 1, 1)
        tx.session.add(NumberSequence(company_id=cid, prefix="DUP", day=day, last=1))
        tx.session.flush()
        tx.session.add(NumberSequence(company_id=cid, prefix="DUP", day=day, last=2))
        with pytest.raises(IntegrityError):
            tx.session.flush()
        with pytest.raises(PendingRollbackError):
            tx.session.connection()
        with pytest.raises(PendingRollbackError):
            connection(tx.session)  # not the connection held from before the failure
    finally:
        tx.rollback()


def test_inside_a_savepoint_the_sessions_lookup_is_used(seeded):  # type: ignore[no-untyped-def]
    with seeded.transaction(company_id=company_id(seeded)) as s:
        outer = connection(s)
        with s.begin_nested():
            assert connection(s) is s.connection()
        assert connection(s) is outer is s.connection()


# --- processors


def _date_processor() -> Any:
    plan = _Plan.of(insert(Table("t", MetaData(), Column("d", Date))).values(d=bindparam("d")), DIALECT)
    (processor,) = plan.bind_processors.values()
    return processor


def test_dates_are_bound_as_sqlalchemy_binds_them() -> None:
    fast = _date_processor()
    core = Date().dialect_impl(DIALECT).bind_processor(DIALECT)
    assert fast is not core
    for value in (date(2026, 1, 31), date(1, 1, 1), date(999, 12, 9), date(9999, 12, 31), None):
        assert fast(value) == core(value)
    moment = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)  # a datetime is a date: Core keeps the day only
    assert fast(moment) == core(moment) == "2026-03-04"
    for processor in (fast, core):
        with pytest.raises(TypeError, match="only accepts Python date objects"):
            processor("2026-01-01")


def _utc_bind_before(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(" ", "microseconds")


def _utc_result_before(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def test_utc_times_are_written_and_read_as_before() -> None:
    bind = UTCDateTime().bind_processor(DIALECT)
    result = UTCDateTime().result_processor(DIALECT, None)
    east = timezone(timedelta(hours=8))
    for value in (
        datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=east),
        datetime(2026, 1, 2, 3, 4, 5),
        None,
    ):
        assert bind(value) == _utc_bind_before(value)
    for text in (
        "2026-01-02 03:04:05.000006",
        "2026-01-02 03:04:05",  # CURRENT_TIMESTAMP's text
        "2026-01-02",
        "2026-01-02T03:04:05+08:00",
        "2026-01-02T03:04:05Z",
        None,
    ):
        read = result(text)
        assert read == _utc_result_before(text)
        assert read is None or read.tzinfo is UTC
    with pytest.raises(ValueError, match="Invalid isoformat"):
        result("not a time")


def test_decimals_are_bound_as_before() -> None:
    bind = ScaledDecimal(4).bind_processor(DIALECT)
    decorator = ScaledDecimal(4)
    for value in (Decimal("1.23456"), Decimal("-0.00005"), Decimal("7"), 3, 2.5, "1.5", None):
        assert bind(value) == decorator.process_bind_param(value, DIALECT)
    with pytest.raises(InvalidOperation):
        bind(Decimal("1e30"))


# --- executemany


class _Counting:
    def __init__(self) -> None:
        self.seen: list[Any] = []

    def __call__(self, value: Any) -> Any:
        self.seen.append(value)
        return f"<{value}>"


def test_a_value_repeated_by_the_rows_of_an_executemany_is_processed_once() -> None:
    table = Table("t", MetaData(), Column("a", Integer), Column("d", Date))
    plan = Prepared(insert(table).values(a=bindparam("a"), d=bindparam("d")))._plan_for(DIALECT)
    counting = _Counting()
    plan.bind_processors = dict.fromkeys(plan.bind_processors, counting)
    day, other = date(2026, 1, 1), date(2026, 1, 2)
    rows = [{"a": 1, "d": day}, {"a": 2, "d": day}, {"a": 3, "d": other}, {"a": 4, "d": day}]
    sql, many = plan.bind_many(rows)
    assert [plan.bind(r)[1] for r in rows] == many
    assert sql == plan.bind(rows[0])[0]
    counting.seen.clear()
    plan.bind_many(rows)
    assert counting.seen == [day, other, day]  # the second row's day is the first's object


def test_rows_of_a_join_process_a_repeated_value_once() -> None:
    table = Table("t", MetaData(), Column("id", Integer), Column("d", Date))
    plan = Prepared(select(table.c.id, table.c.d))._plan_for(DIALECT)
    rows = plan.rows([(1, "2026-01-01"), (2, "2026-01-01"), (3, "2026-01-02")])
    assert [r.d for r in rows] == [date(2026, 1, 1), date(2026, 1, 1), date(2026, 1, 2)]
    assert rows[0].d is rows[1].d
