"""A stock document read for approving it: the header, its lines and every name its answer shows, in one
statement (approving is a shop's most frequent write; through ORM objects it took a dozen statements and
most of its time was the ORM's, not the database's).

The statement is Core, so it names the company on every table itself (the ORM's company filter does not
see Core statements). On PostgreSQL it locks the document row: a second approver of the same draft waits,
then finds it approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, and_, bindparam, select
from sqlalchemy.orm import Session

from jxc.auth.models import User
from jxc.catalog.models import Product, Sku, Unit
from jxc.common import context
from jxc.common.errors import NotFound
from jxc.db.engine import Prepared, connection
from jxc.inventory.doc_models import StockDoc, StockDocLine
from jxc.inventory.lines import SkuNames
from jxc.inventory.locks import company_of
from jxc.inventory.models import Warehouse


@dataclass(frozen=True)
class DocRow:
    id: int
    company_id: int
    kind: str
    number: str
    business_date: date
    warehouse_id: int
    to_warehouse_id: int | None
    reason: str
    status: str
    remark: str
    created_by: int | None
    approved_by: int | None
    approved_at: datetime | None
    reversed_by: int | None
    reversed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int
    total_qty: Decimal
    total_amount: Decimal
    # names for the answer
    warehouse_name: str | None
    to_warehouse_name: str | None
    created_by_name: str | None
    current_user_name: str | None


@dataclass(frozen=True)
class LineRow:
    id: int
    line_no: int
    sku_id: int
    unit_id: int
    qty: Decimal
    base_qty: Decimal
    lot_id: int | None
    lot_no: str
    production_date: date | None
    expiry_date: date | None
    unit_cost: Decimal | None
    amount: Decimal | None
    remark: str
    # the catalogue's side, for checking lots and for the answer
    shelf_life_days: int | None
    unit_name: str | None
    sku: SkuNames


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


_d, _l, _users = _table(StockDoc), _table(StockDocLine), _table(User)
_s, _p = _table(Sku), _table(Product)
_wh, _to_wh = _table(Warehouse).alias("wh"), _table(Warehouse).alias("to_wh")
_base_unit, _line_unit = _table(Unit).alias("base_unit"), _table(Unit).alias("line_unit")
_creator = _users.alias("creator")

# The rows' fields that are columns of the document and line tables, in the dataclasses' order; the
# statement selects them first, then the names in the order the dataclasses list them.
_DOC = [c for c in DocRow.__dataclass_fields__ if c in _d.c]
_LINE = [c for c in LineRow.__dataclass_fields__ if c in _l.c]
# Rows are built positionally: the columns come first in each dataclass.
assert list(DocRow.__dataclass_fields__)[: len(DocRow.__dataclass_fields__) - 4] == _DOC
assert list(LineRow.__dataclass_fields__)[: len(LineRow.__dataclass_fields__) - 3] == _LINE
_SKU_ID, _LINE_NO = _LINE.index("sku_id"), _LINE.index("line_no")


def _same_company(table: Any, id_column: Any, company_column: Any) -> Any:
    return and_(table.c.company_id == company_column, table.c.id == id_column)


_LOAD = Prepared(
    select(
        *(_d.c[c] for c in _DOC),
        _wh.c.name,
        _to_wh.c.name,
        _creator.c.display_name,
        select(_users.c.display_name).where(_users.c.id == bindparam("user_id")).scalar_subquery(),
        *(_l.c[c] for c in _LINE),
        _p.c.shelf_life_days,
        _line_unit.c.name,
        _s.c.code,
        _p.c.id,
        _p.c.name,
        _p.c.spec,
        _s.c.attributes_text,
        _p.c.tracking,
        _base_unit.c.name,
    )
    .select_from(_d)
    .outerjoin(_l, and_(_l.c.company_id == _d.c.company_id, _l.c.doc_id == _d.c.id))
    .outerjoin(_s, _same_company(_s, _l.c.sku_id, _l.c.company_id))
    .outerjoin(_p, _same_company(_p, _s.c.product_id, _s.c.company_id))
    .outerjoin(_base_unit, _same_company(_base_unit, _p.c.base_unit_id, _p.c.company_id))
    .outerjoin(_line_unit, _same_company(_line_unit, _l.c.unit_id, _l.c.company_id))
    .outerjoin(_wh, _same_company(_wh, _d.c.warehouse_id, _d.c.company_id))
    .outerjoin(_to_wh, _same_company(_to_wh, _d.c.to_warehouse_id, _d.c.company_id))
    .outerjoin(_creator, _creator.c.id == _d.c.created_by)
    .where(
        _d.c.company_id == bindparam("company_id"),
        _d.c.id == bindparam("doc_id"),
        _d.c.kind == bindparam("kind"),
    )
    .with_for_update(of=_d)
)


def load(session: Session, kind: str, doc_id: int) -> tuple[DocRow, list[LineRow]]:
    session.flush()  # a Core read: what the ORM still holds for this transaction must be in the database
    params = {"company_id": company_of(session), "doc_id": doc_id, "kind": kind}
    rows = _LOAD.rows(connection(session), {**params, "user_id": context.current().user_id})
    if not rows:
        raise NotFound("document_not_found")
    n_doc = len(_DOC) + 4
    if len(rows) > 1:
        # In line order, sorted here: an ORDER BY had SQLite build a temporary b-tree for a document's few
        # lines, ~5 µs of every approval.
        rows.sort(key=itemgetter(n_doc + _LINE_NO))
    doc = DocRow(*rows[0][:n_doc])
    n_line = len(_LINE)
    lines = []
    for row in rows:
        if row[n_doc] is None:  # a document without lines (the left join's empty side)
            continue
        shelf_life_days, unit_name, *sku = row[n_doc + n_line :]
        line = (
            *row[n_doc : n_doc + n_line],
            shelf_life_days,
            unit_name,
            SkuNames(row[n_doc + _SKU_ID], *sku),
        )
        lines.append(LineRow(*line))
    return doc, lines
