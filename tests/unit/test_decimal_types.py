"""Quantities and money are exact Decimals in the database (scaled integers on SQLite) and strings in JSON."""

from __future__ import annotations

import random
from decimal import Decimal

from pydantic import BaseModel
from sqlalchemy import Column, Integer, MetaData, Table, func, insert, select

from jxc.app import create_app
from jxc.common.context import RequestContext, activate, deactivate
from jxc.common.schemas import CostField, Money, Qty, ReadModel
from jxc.db.engine import Database
from jxc.db.types import Money as MoneyCol
from jxc.db.types import Qty as QtyCol
from jxc.settings import Settings


def test_values_and_sums_stay_exact(db):
    md = MetaData()
    t = Table(
        "t_decimal_probe",
        md,
        Column("id", Integer, primary_key=True),
        Column("q", QtyCol()),
        Column("m", MoneyCol()),
    )
    md.create_all(db.engine)
    try:
        rng = random.Random(7)
        rows = [
            {
                "q": Decimal(rng.randint(-(10**9), 10**9)) / 10000,
                "m": Decimal(rng.randint(-(10**8), 10**8)) / 100,
            }
            for _ in range(500)
        ]
        with db.engine.begin() as conn:
            conn.execute(insert(t), rows)
            back = conn.execute(select(t.c.q, t.c.m).order_by(t.c.id)).all()
            total_q, total_m = conn.execute(select(func.sum(t.c.q), func.sum(t.c.m))).one()
        assert [(r.q, r.m) for r in back] == [(r["q"], r["m"]) for r in rows]
        assert total_q == sum(r["q"] for r in rows)
        assert total_m == sum(r["m"] for r in rows)
        assert isinstance(total_q, Decimal)
    finally:
        md.drop_all(db.engine)


def test_values_round_half_up_to_the_column_scale(db):
    md = MetaData()
    t = Table("t_round_probe", md, Column("id", Integer, primary_key=True), Column("m", MoneyCol()))
    md.create_all(db.engine)
    try:
        with db.engine.begin() as conn:
            conn.execute(
                insert(t), [{"m": Decimal("2.345")}, {"m": Decimal("-2.345")}, {"m": Decimal("0.005")}]
            )
            assert conn.execute(select(t.c.m).order_by(t.c.id)).scalars().all() == [
                Decimal("2.35"),
                Decimal("-2.35"),
                Decimal("0.01"),
            ]
    finally:
        md.drop_all(db.engine)


class Line(BaseModel):
    qty: Qty
    amount: Money


def test_json_carries_strings_and_the_schema_says_string():
    line = Line(qty=Decimal("1.5000"), amount=Decimal("12.30"))
    assert line.model_dump(mode="json") == {"qty": "1.5000", "amount": "12.30"}
    for mode in ("validation", "serialization"):
        props = Line.model_json_schema(mode=mode)["properties"]
        assert props["qty"]["type"] == "string"
        assert props["amount"]["type"] == "string"
    assert Line.model_validate({"qty": "3", "amount": "1.10"}).amount == Decimal("1.10")


class Priced(ReadModel):
    name: str
    sale_price: Money
    purchase_price: Money | None = CostField()


def test_cost_fields_only_reach_users_with_cost_view():
    item = Priced(name="可口可乐", sale_price=Decimal("3.50"), purchase_price=Decimal("987654.32"))
    clerk = activate(RequestContext(user_id=2, permissions=frozenset({"system.user.view"})))
    try:
        dumped = item.model_dump(mode="json")
        assert "purchase_price" not in dumped
        assert "987654.32" not in str(dumped)
    finally:
        deactivate(clerk)
    buyer = activate(RequestContext(user_id=3, permissions=frozenset({"cost.view"})))
    try:
        assert item.model_dump(mode="json")["purchase_price"] == "987654.32"
    finally:
        deactivate(buyer)


def test_openapi_never_types_money_as_number():
    schema = create_app(Settings(), Database("sqlite://")).openapi()
    text = str(schema)
    assert "'type': 'number'" not in text


def test_utc_timestamps_on_sqlite_read_and_write_what_sqlalchemy_would() -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from sqlalchemy.dialects import sqlite
    from sqlalchemy.dialects.sqlite.base import DATETIME

    from jxc.db.base import UTCDateTime

    dialect, col = sqlite.dialect(), UTCDateTime()
    write, read = col.bind_processor(dialect), col.result_processor(dialect, None)
    layered_write, layered_read = (
        DATETIME().bind_processor(dialect),
        DATETIME().result_processor(dialect, None),
    )
    for value in (
        datetime(2026, 11, 24, 5, 1, 2, 345678, tzinfo=UTC),
        datetime(2026, 1, 1, 8, tzinfo=timezone(timedelta(hours=8))),  # stored as 00:00 UTC
        datetime(2026, 1, 1),
    ):
        assert write(value) == layered_write(col.process_bind_param(value, dialect))
    assert write(None) is None
    for text in ("2026-11-24 05:01:02.345678", "2026-11-24 05:01:02"):  # the second: CURRENT_TIMESTAMP
        assert read(text) == col.process_result_value(layered_read(text), dialect)
        assert read(text).tzinfo is UTC
    assert read(None) is None
