"""`insert_rows` stores exactly what a Core `insert(table)` executemany stores, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Column, Integer, MetaData, String, Table, insert, select, text

from jxc.db import migration_helpers, search
from jxc.db.base import UTCDateTime
from jxc.db.bulk import insert_rows
from jxc.db.engine import Database
from jxc.db.types import Price, Qty

ROWS: list[dict[str, Any]] = [
    {
        "code": "A",
        "price": Decimal("3.5"),
        "qty": Decimal("-0.0001"),
        "at": datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        "tags": ["kkkl", "可口"],
        "flag": False,
    },
    {
        "code": "B",
        "price": Decimal("123456789.123456"),
        "qty": None,
        "at": datetime(2024, 6, 30, 23, 59, 59, tzinfo=timezone(timedelta(hours=8))),
        "tags": [],
        "flag": True,
    },
    {"code": "C", "price": None, "qty": Decimal("7"), "at": None, "tags": None, "flag": None},
]


def _probe(md: MetaData, name: str, counter: itertools.count[int]) -> Table:
    return Table(
        name,
        md,
        Column("id", Integer, primary_key=True),
        Column("code", String(8), nullable=False, unique=True),
        Column("price", Price()),
        Column("qty", Qty()),
        Column("at", UTCDateTime()),
        Column("tags", JSON, default=list),
        Column("flag", Boolean),
        Column("note", String(8), default="-"),
        Column("seq", Integer, default=lambda: next(counter)),
        Column("made", UTCDateTime(), default=lambda: datetime(2025, 1, 1, tzinfo=UTC)),
    )


def _stored(db: Database, table: Table) -> list[tuple[Any, ...]]:
    """The raw stored values (scaled integers, timestamp text on SQLite), as the driver returns them."""
    columns = ", ".join(c.name for c in table.c if c.name != "id")
    with db.engine.connect() as conn:
        return list(conn.exec_driver_sql(f"SELECT {columns} FROM {table.name} ORDER BY code").all())


def _insert_both(
    db: Database, rows: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> tuple[Table, Table]:
    md = MetaData()
    core, bulk = _probe(md, "t_bulk_core", itertools.count(1)), _probe(md, "t_bulk_fast", itertools.count(1))
    md.create_all(db.engine)
    with db.transaction(writer=True, all_companies=True) as session:
        session.execute(insert(core), rows)
        with monkeypatch.context() as m:
            m.setattr(session, "execute", None)  # the fast path, not the fallback through Core
            insert_rows(session, bulk, rows)
    return core, bulk


def test_same_stored_values_as_core(db: Database, monkeypatch: pytest.MonkeyPatch):
    core, bulk = _insert_both(db, ROWS, monkeypatch)
    try:
        assert _stored(db, bulk) == _stored(db, core)
        with db.engine.connect() as conn:
            got = [
                tuple(r)
                for r in conn.execute(select(bulk.c.price, bulk.c.qty, bulk.c.at).order_by(bulk.c.code))
            ]
        assert got == [
            (Decimal("3.500000"), Decimal("-0.0001"), datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=UTC)),
            (Decimal("123456789.123456"), None, datetime(2024, 6, 30, 15, 59, 59, tzinfo=UTC)),
            (None, Decimal("7.0000"), None),
        ]
    finally:
        MetaData().drop_all(db.engine, tables=[core, bulk])


def test_defaults_are_filled_per_row(db: Database, monkeypatch: pytest.MonkeyPatch):
    rows = [{"code": c} for c in "PQRS"]
    core, bulk = _insert_both(db, rows, monkeypatch)
    try:
        stored = _stored(db, bulk)
        assert stored == _stored(db, core)
        assert [r[-2] for r in stored] == [1, 2, 3, 4]  # a callable default runs once per row, as in Core
        assert {r[-3] for r in stored} == {"-"}
    finally:
        MetaData().drop_all(db.engine, tables=[core, bulk])


def test_values_every_row_shares(db: Database, monkeypatch: pytest.MonkeyPatch):
    md = MetaData()
    core, bulk = _probe(md, "t_bulk_core", itertools.count(1)), _probe(md, "t_bulk_fast", itertools.count(1))
    md.create_all(db.engine)
    same = {"at": datetime(2024, 5, 6, 7, 8, 9, 10, tzinfo=UTC), "tags": ["x"], "price": Decimal("0.000001")}
    rows = [{"code": c, "price": Decimal(1)} for c in "XYZ"]
    try:
        with db.transaction(writer=True, all_companies=True) as session:
            session.execute(insert(core), [{**row, **same} for row in rows])
            with monkeypatch.context() as m:
                m.setattr(session, "execute", None)
                insert_rows(session, bulk, rows, same)
        assert _stored(db, bulk) == _stored(db, core)
        with db.engine.connect() as conn:
            got = [tuple(r) for r in conn.execute(select(bulk.c.price, bulk.c.tags))]
        assert got == [(Decimal("0.000001"), ["x"])] * 3
    finally:
        md.drop_all(db.engine)


def test_default_reading_the_row_and_empty_input(db: Database):
    md = MetaData()
    table = Table(
        "t_bulk_context",
        md,
        Column("id", Integer, primary_key=True),
        Column("code", String(8)),
        Column("label", String(16), default=lambda ctx: ctx.get_current_parameters()["code"] + "!"),
    )
    md.create_all(db.engine)
    try:
        with db.transaction(writer=True, all_companies=True) as session:
            insert_rows(session, table, [])
            insert_rows(session, table, [{"code": "x"}, {"code": "y"}])
        with db.engine.connect() as conn:
            assert list(conn.execute(select(table.c.code, table.c.label).order_by(table.c.id))) == [
                ("x", "x!"),
                ("y", "y!"),
            ]
            assert conn.execute(text("SELECT count(*) FROM t_bulk_context")).scalar_one() == 2
    finally:
        md.drop_all(db.engine)


def test_search_pause_table_name_matches_the_migrations():
    assert search.PAUSE_TABLE == migration_helpers.PAUSE_TABLE
