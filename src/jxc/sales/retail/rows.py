"""The rows of a retail ticket written with prepared Core statements (ADR 0004 §Speed): the counter is the
shop's busiest write, and through ORM objects a ticket cost a unit of work per flush and a second audit entry
for the cost the stock ledger only knows after posting. Here the document and its lines go in as rows, the
cost comes back onto them in one executemany, and the document is audited once, with its final values,
exactly as a flush would have recorded its creation.

Core statements do not see the ORM's company filter: each names the company itself."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from jxc.auth.models import User
from jxc.common import audit
from jxc.db.engine import Prepared
from jxc.inventory.locks import company_of
from jxc.inventory.models import Warehouse
from jxc.partners.models import Partner
from jxc.sales.models import SalesChannel, SalesDoc, SalesDocLine, SalesPayment


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


DOCS, LINES, PAYMENTS = _table(SalesDoc), _table(SalesDocLine), _table(SalesPayment)
DOC_COLUMNS = [c.key for c in DOCS.columns if c.key != "id"]
LINE_COLUMNS = [c.key for c in LINES.columns if c.key != "id"]
PAYMENT_COLUMNS = [c.key for c in PAYMENTS.columns if c.key != "id"]

_ADD_DOC = Prepared(insert(DOCS).values({k: bindparam(k) for k in DOC_COLUMNS}).returning(DOCS.c.id))
_ADD_LINE = Prepared(insert(LINES).values({k: bindparam(k) for k in LINE_COLUMNS}).returning(LINES.c.id))
_ADD_PAYMENTS = Prepared(insert(PAYMENTS).values({k: bindparam(k) for k in PAYMENT_COLUMNS}))
_SET_LINE_COST = Prepared(
    update(LINES)
    .where(LINES.c.id == bindparam("id_"), LINES.c.company_id == bindparam("company_"))
    .values(
        cost_amount=bindparam("cost_amount"),
        profit_amount=bindparam("profit_amount"),
        lot_id=bindparam("lot_id"),
        lot_no=bindparam("lot_no"),
    )
)
_SET_DOC_COST = Prepared(
    update(DOCS)
    .where(DOCS.c.id == bindparam("id_"), DOCS.c.company_id == bindparam("company_"))
    .values(
        cost_amount=bindparam("cost_amount"),
        profit_amount=bindparam("profit_amount"),
        updated_at=bindparam("updated_at"),
    )
)


_wh, _users, _partners, _channels = _table(Warehouse), _table(User), _table(Partner), _table(SalesChannel)
# What a sale checks of its header, with every name its answer shows, in one statement: the warehouse (no
# row when it is not the company's), the cashier, and the member and channel when active (else null).
_HEADER = Prepared(
    select(
        _wh.c.name.label("warehouse_name"),
        _wh.c.is_active.label("warehouse_active"),
        select(_users.c.display_name)
        .where(_users.c.id == bindparam("user_id"))
        .scalar_subquery()
        .label("cashier_name"),
        select(_partners.c.name)
        .where(
            _partners.c.company_id == bindparam("company_m"),
            _partners.c.id == bindparam("customer_id"),
            _partners.c.is_customer.is_(True),
            _partners.c.is_active.is_(True),
        )
        .scalar_subquery()
        .label("member_name"),
        select(_channels.c.name)
        .where(
            _channels.c.company_id == bindparam("company_c"),
            _channels.c.id == bindparam("channel_id"),
            _channels.c.is_active.is_(True),
        )
        .scalar_subquery()
        .label("channel_name"),
    ).where(_wh.c.company_id == bindparam("company_id"), _wh.c.id == bindparam("warehouse_id"))
)


def header_names(
    session: Session, warehouse_id: int, customer_id: int | None, channel_id: int | None, user_id: int | None
) -> Any | None:
    """(warehouse_name, warehouse_active, cashier_name, member_name, channel_name), or None when the
    warehouse is not the company's."""
    company = company_of(session)
    params: dict[str, int | None] = {"company_id": company, "company_m": company, "company_c": company}
    params["warehouse_id"] = warehouse_id
    params |= {"customer_id": customer_id, "channel_id": channel_id, "user_id": user_id}
    found = _HEADER.rows(session.connection(), params)
    return found[0] if found else None


def _values(obj: Any, columns: list[str]) -> dict[str, Any]:
    return {k: getattr(obj, k) for k in columns}


def insert_doc(session: Session, doc: SalesDoc) -> int:
    """Insert the (transient) document as a row; its id is set on it and returned."""
    session.flush()  # a Core write after ORM work of this request: that must be in the database first
    doc.company_id = company_of(session)
    doc.id = _ADD_DOC.rows(session.connection(), _values(doc, DOC_COLUMNS))[0].id
    return doc.id


def insert_lines(session: Session, doc: SalesDoc, lines: list[SalesDocLine]) -> None:
    """Insert the (transient) lines one statement each, as the stock moves name each line by its id."""
    conn = session.connection()
    for ln in lines:
        ln.company_id, ln.doc_id = doc.company_id, doc.id
        ln.id = _ADD_LINE.rows(conn, _values(ln, LINE_COLUMNS))[0].id


def insert_payments(session: Session, payments: list[SalesPayment]) -> None:
    if payments:
        _ADD_PAYMENTS.run(session.connection(), [_values(p, PAYMENT_COLUMNS) for p in payments])


def set_costs(session: Session, doc: SalesDoc, lines: list[SalesDocLine]) -> None:
    """The cost and profit the stock ledger gave each line, and the lots the lines left from."""
    conn = session.connection()
    company = doc.company_id
    _SET_LINE_COST.run(
        conn,
        [
            {"id_": ln.id, "company_": company}
            | {
                "cost_amount": ln.cost_amount,
                "profit_amount": ln.profit_amount,
                "lot_id": ln.lot_id,
                "lot_no": ln.lot_no,
            }
            for ln in lines
        ],
    )
    _SET_DOC_COST.run(
        conn,
        {"id_": doc.id, "company_": company, "cost_amount": doc.cost_amount}
        | {"profit_amount": doc.profit_amount, "updated_at": doc.updated_at},
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


_UNAUDITED = frozenset({"created_at", "updated_at", "version"})


def audit_created(session: Session, doc: SalesDoc) -> None:
    """The audit entry a flush would have written for the new document, with its final values."""
    spec = SalesDoc.__audit__
    after = {
        k: _jsonable(getattr(doc, k)) for k in DOC_COLUMNS if k not in _UNAUDITED and k not in spec.exclude
    }
    audit.record(
        session,
        action="create",
        object_type=spec.object_type,
        object_id=str(doc.id),
        object_label=doc.number[:200],
        after=after,
        company_id=doc.company_id,
    )
