"""仓库 import and export."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.common.excel import ApplyResult, Field, ImportSpec, register
from jxc.common.excel.reader import Row
from jxc.common.excel.upsert import pick, upsert_by_code
from jxc.common.export import Column
from jxc.common.i18n import t
from jxc.inventory.models import Warehouse

KINDS = (("warehouse", "warehouse.kind.warehouse"), ("store", "warehouse.kind.store"))
SPEC = ImportSpec(
    "warehouses",
    "export.warehouses",
    [
        Field("code", "field.code", required=True, kind="code", max_length=32, example="WH01"),
        Field("name", "field.name", required=True, max_length=100, example="总仓"),
        Field("kind", "field.warehouse_kind", kind="choice", choices=KINDS, example="仓库"),
        Field("address", "field.address", max_length=200),
        Field("keeper", "field.keeper", max_length=64),
        Field("is_active", "field.is_active", kind="bool"),
    ],
)


def _kind(warehouse: Warehouse) -> str:
    return t(f"warehouse.kind.{warehouse.kind}")


COLUMNS = [
    Column(f.key, f.label_key, "bool" if f.kind == "bool" else "text", get=_kind if f.key == "kind" else None)
    for f in SPEC.fields
]


def _fields(row: Row) -> dict[str, Any]:
    return pick(
        row, {"code": "", "name": "", "kind": "warehouse", "address": "", "keeper": "", "is_active": True}
    )


def apply(session: Session, rows: list[Row], write: bool) -> ApplyResult:
    allowed = scope.allowed()

    def check(row: Row, current: Warehouse | None) -> list[tuple[str, str, dict[str, Any]]]:
        if current is not None and allowed is not None and current.id not in allowed:
            return [("code", "error.warehouse_out_of_scope", {})]
        return []

    return upsert_by_code(session, Warehouse, SPEC, rows, write, _fields, check)


def export_rows(session: Session) -> list[Warehouse]:
    return list(
        session.execute(scope.restrict(select(Warehouse), Warehouse.id).order_by(Warehouse.code)).scalars()
    )


register("warehouses", SPEC, apply, export_rows, COLUMNS)
