"""db.transient: new_row's ORM objects built without per-attribute events read, change and insert (audit
included) exactly as constructed ones; plain_row's stand-ins read and change as they do, and a session
refuses them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.orm.exc import UnmappedInstanceError

from jxc.catalog.models import Unit
from jxc.common.models import AuditLog
from jxc.db.engine import Database
from jxc.db.transient import new_row, plain_row
from jxc.sales.models import SalesDocLine

LINE = {
    "line_no": 1,
    "sku_id": 7,
    "unit_id": 3,
    "qty": Decimal("2"),
    "price": Decimal("5.50"),
    "lot_id": None,
    "remark": "赠品",
    "below_min_price": False,
}


def test_values_read_and_change_as_a_constructed_objects() -> None:
    built, made = new_row(SalesDocLine, **LINE), SalesDocLine(**LINE)
    for key in (a.key for a in inspect(SalesDocLine).column_attrs):
        assert getattr(built, key) == getattr(made, key), key
    built.price = Decimal("6.00")
    assert built.price == Decimal("6.00")
    assert inspect(built).transient


def test_an_unknown_or_relationship_name_is_refused() -> None:
    with pytest.raises(TypeError):
        SalesDocLine(colour="red")
    with pytest.raises(TypeError, match="colour"):
        new_row(SalesDocLine, colour="red")
    with pytest.raises(TypeError, match="doc"):
        new_row(SalesDocLine, doc=None)


def test_added_to_a_session_it_inserts_and_audits_as_a_constructed_one(seeded: Database) -> None:
    with seeded.transaction(company_id=1) as s:
        s.add_all([new_row(Unit, name="箱", allow_fraction=True), Unit(name="盒", allow_fraction=True)])
    with seeded.transaction(writer=False, company_id=1) as s:
        units = {u.name: u for u in s.scalars(select(Unit).where(Unit.name.in_(["箱", "盒"])))}
        assert {n: (u.allow_fraction, u.is_active, u.company_id) for n, u in units.items()} == {
            "箱": (True, True, 1),
            "盒": (True, True, 1),
        }
        after = {
            e.object_label: json.loads(e.after) if isinstance(e.after, str) else e.after
            for e in s.scalars(select(AuditLog).where(AuditLog.object_type == "unit"))
        }
    assert {k: v for k, v in after["箱"].items() if k not in {"id", "name"}} == {
        k: v for k, v in after["盒"].items() if k not in {"id", "name"}
    }


def test_a_stand_in_reads_and_changes_as_a_constructed_object_and_is_never_flushed(seeded: Database) -> None:
    row, made = plain_row(SalesDocLine, **LINE), SalesDocLine(**LINE)
    for key in (a.key for a in inspect(SalesDocLine).column_attrs):
        assert getattr(row, key) == getattr(made, key), key  # unset columns read None on both
    row.price = Decimal("6.00")
    assert (row.price, plain_row(SalesDocLine).price) == (Decimal("6.00"), None)
    with pytest.raises(TypeError, match="colour"):
        plain_row(SalesDocLine, colour="red")
    with seeded.transaction(company_id=1) as s, pytest.raises(UnmappedInstanceError):
        s.add(row)
