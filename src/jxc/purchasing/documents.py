"""Purchase orders, receipts and returns: one service for the three kinds (DESIGN §5). Saving, reading and
the draft actions live here; what approval and its undoing post lives per kind (orders.py, receiving.py,
returns.py) and is reached through `approve`, `unapprove`, `reverse` and `close` below."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.auth.models import User
from jxc.common import context
from jxc.common.clock import today
from jxc.common.errors import Invalid, NotFound, field_error
from jxc.common.lifecycle import APPROVED, DRAFT, advance, trail, trail_user_ids
from jxc.common.numbering import next_number
from jxc.common.pagination import ListParams, paginate
from jxc.finance.models import Account
from jxc.inventory.lines import sku_infos, unit_names, user_names
from jxc.inventory.warehouses import warehouse_names
from jxc.partners.models import Partner
from jxc.purchasing import orders, receiving, returns
from jxc.purchasing.lines import build_lines, totals
from jxc.purchasing.models import PurchaseDoc, PurchaseDocLine
from jxc.purchasing.schemas import (
    DocLink,
    PurchaseDocRead,
    PurchaseDocSummary,
    PurchaseDocUpdate,
    PurchaseDocWrite,
    PurchaseLineRead,
)
from jxc.purchasing.states import TRANSITIONS
from jxc.trade import documents as trade_docs
from jxc.trade.order_lines import remaining

PREFIX = {"order": "CGDD", "receipt": "CGRK", "return": "CGTH"}
ZERO = Decimal(0)


def load(session: Session, kind: str, doc_id: int) -> PurchaseDoc:
    return trade_docs.load(session, PurchaseDoc, kind, doc_id)


def doc_lines(session: Session, doc_id: int) -> list[PurchaseDocLine]:
    return trade_docs.doc_lines(session, PurchaseDocLine, doc_id)


def _check_header(session: Session, kind: str, body: PurchaseDocWrite) -> tuple[str, Decimal]:
    """The checked header; answers the document's currency and rate."""
    supplier = session.execute(
        select(Partner).where(Partner.id == body.supplier_id, Partner.is_supplier.is_(True))
    ).scalar_one_or_none()
    if supplier is None:
        raise NotFound("supplier_not_found", errors=[field_error("supplier_id", "supplier_not_found")])
    errors = []
    if not supplier.is_active:
        errors.append(field_error("supplier_id", "supplier_inactive"))
    if body.warehouse_id not in warehouse_names(session, [body.warehouse_id], active_only=True):
        errors.append(field_error("warehouse_id", "warehouse_not_found"))
    if (
        body.buyer_id is not None
        and not session.execute(select(User.id).where(User.id == body.buyer_id)).first()
    ):
        errors.append(field_error("buyer_id", "user_not_found"))
    errors += trade_docs.payment_errors(session, body.paid_amount, body.account_id)
    if errors:
        raise Invalid("invalid_document", errors=errors)
    scope.ensure(body.warehouse_id)
    return trade_docs.currency_and_rate(
        session, body.currency, supplier.currency, body.rate, body.business_date
    )


def _fill(session: Session, doc: PurchaseDoc, kind: str, body: PurchaseDocWrite) -> list[PurchaseDocLine]:
    doc.currency, doc.rate = _check_header(session, kind, body)
    lines = build_lines(session, kind, body)
    doc.business_date = body.business_date
    doc.supplier_id, doc.warehouse_id, doc.buyer_id = body.supplier_id, body.warehouse_id, body.buyer_id
    doc.expected_date = body.expected_date if kind == "order" else None
    doc.remark = body.remark
    doc.paid_amount = body.paid_amount  # orders: 订金; receipts: 本次付款; returns: 本次退款
    doc.account_id = body.account_id if body.paid_amount > 0 else None
    totals(doc, lines)
    if doc.paid_amount > doc.total_amount:
        raise Invalid("amount_invalid", errors=[field_error("paid_amount", "paid_exceeds_total")])
    return lines


def create(session: Session, kind: str, body: PurchaseDocWrite) -> PurchaseDocRead:
    doc = PurchaseDoc(kind=kind, status=DRAFT, created_by=context.current().user_id)
    lines = _fill(session, doc, kind, body)
    doc.number = next_number(session, PREFIX[kind], body.business_date)
    doc.receive_status = "none" if kind == "order" else ""
    session.add(doc)
    session.flush()
    trade_docs.attach(session, doc, lines)
    return read(session, doc)


def update(session: Session, kind: str, doc_id: int, body: PurchaseDocUpdate) -> PurchaseDocRead:
    doc = load(session, kind, doc_id)
    trade_docs.ensure_draft(doc)
    trade_docs.ensure_version(doc, body.version)
    lines = _fill(session, doc, kind, body)
    trade_docs.replace_lines(session, PurchaseDocLine, doc, lines)
    return read(session, doc)


def get(session: Session, kind: str, doc_id: int) -> PurchaseDocRead:
    return read(session, load(session, kind, doc_id))


def delete_draft(session: Session, kind: str, doc_id: int) -> None:
    trade_docs.delete_draft(session, load(session, kind, doc_id))


_POSTING: dict[str, Any] = {"order": orders, "receipt": receiving, "return": returns}


def approve(session: Session, kind: str, doc_id: int) -> PurchaseDocRead:
    doc = load(session, kind, doc_id)
    _POSTING[kind].approve(session, doc, doc_lines(session, doc.id))
    return read(session, doc)


def unapprove(session: Session, kind: str, doc_id: int) -> PurchaseDocRead:
    doc = load(session, kind, doc_id)
    _POSTING[kind].unapprove(session, doc, doc_lines(session, doc.id))
    return read(session, doc)


def reverse(session: Session, kind: str, doc_id: int, business_date: date | None) -> PurchaseDocRead:
    doc = load(session, kind, doc_id)
    _POSTING[kind].reverse(session, doc, doc_lines(session, doc.id), business_date or doc.business_date)
    return read(session, doc)


def close(session: Session, kind: str, doc_id: int) -> PurchaseDocRead:
    doc = load(session, kind, doc_id)
    orders.close(session, doc, doc_lines(session, doc.id))
    return read(session, doc)


def void(session: Session, kind: str, doc_id: int) -> PurchaseDocRead:
    doc = load(session, kind, doc_id)
    advance(doc, TRANSITIONS[kind], "void")
    session.flush()
    return read(session, doc)


def copy(session: Session, kind: str, doc_id: int) -> PurchaseDocRead:
    doc = load(session, kind, doc_id)
    body = PurchaseDocWrite.model_validate(
        {
            "business_date": today(),
            "supplier_id": doc.supplier_id,
            "warehouse_id": doc.warehouse_id,
            "buyer_id": doc.buyer_id,
            "expected_date": doc.expected_date,
            "currency": doc.currency,
            "remark": doc.remark,
            "lines": [
                {
                    "sku_id": ln.sku_id,
                    "unit_id": ln.unit_id,
                    "qty": ln.qty,
                    "rejected_qty": ln.rejected_qty,
                    "price": ln.price,
                    "discount_rate": ln.discount_rate,
                    "tax_rate": ln.tax_rate,
                    "lot_no": ln.lot_no,
                    "production_date": ln.production_date,
                    "expiry_date": ln.expiry_date,
                    "remark": ln.remark,
                }
                for ln in doc_lines(session, doc.id)
            ],
        }
    )
    return create(session, kind, body)


def _names(session: Session, docs: Sequence[PurchaseDoc]) -> dict[str, dict[int, str]]:
    suppliers = {d.supplier_id for d in docs}
    accounts = {d.account_id for d in docs if d.account_id}
    return {
        "supplier": {
            int(i): str(n)
            for i, n in session.execute(select(Partner.id, Partner.name).where(Partner.id.in_(suppliers)))
        }
        if suppliers
        else {},
        "account": {
            int(i): str(n)
            for i, n in session.execute(select(Account.id, Account.name).where(Account.id.in_(accounts)))
        }
        if accounts
        else {},
        "warehouse": warehouse_names(session, sorted({d.warehouse_id for d in docs})),
        "user": user_names(
            session,
            trail_user_ids(list(docs)) | {d.buyer_id for d in docs} | {d.closed_by for d in docs},
        ),
    }


def _header(doc: PurchaseDoc, names: dict[str, dict[int, str]]) -> dict[str, Any]:
    users = names["user"]
    return dict(
        id=doc.id,
        number=doc.number,
        kind=doc.kind,
        business_date=doc.business_date,
        supplier_id=doc.supplier_id,
        supplier_name=names["supplier"].get(doc.supplier_id, ""),
        warehouse_id=doc.warehouse_id,
        warehouse_name=names["warehouse"].get(doc.warehouse_id, ""),
        buyer_id=doc.buyer_id,
        buyer_name=users.get(doc.buyer_id) if doc.buyer_id else None,
        expected_date=doc.expected_date,
        currency=doc.currency,
        rate=doc.rate,
        status=doc.status,
        receive_status=doc.receive_status,
        remark=doc.remark,
        total_qty=doc.total_qty,
        rejected_qty=doc.rejected_qty,
        amount=doc.amount,
        tax_amount=doc.tax_amount,
        total_amount=doc.total_amount,
        paid_amount=doc.paid_amount,
        account_id=doc.account_id,
        account_name=names["account"].get(doc.account_id) if doc.account_id else None,
        overdue=orders.is_overdue(doc),
        version=doc.version,
        closed_by_name=users.get(doc.closed_by) if doc.closed_by else None,
        closed_at=doc.closed_at,
        **trail(doc, users),
    )


def _links(session: Session, line_ids: set[int], *, followers: bool) -> tuple[list[DocLink], dict[int, str]]:
    """Documents linked through their lines: the sources these lines came from, or the documents whose lines
    came from these; with the number of each source line."""
    if not line_ids:
        return [], {}
    joined = PurchaseDocLine.source_line_id if followers else PurchaseDocLine.id
    rows = session.execute(
        select(PurchaseDoc.id, PurchaseDoc.number, PurchaseDoc.kind, PurchaseDoc.status, PurchaseDocLine.id)
        .join(PurchaseDocLine, PurchaseDocLine.doc_id == PurchaseDoc.id)
        .where(joined.in_(line_ids))
        .order_by(PurchaseDoc.id)
    ).all()
    seen: dict[int, DocLink] = {}
    numbers: dict[int, str] = {}
    for doc_id, number, kind, status, line_id in rows:
        seen.setdefault(doc_id, DocLink(id=doc_id, number=number, kind=kind, status=status))
        numbers[line_id] = number
    return list(seen.values()), numbers


def read(session: Session, doc: PurchaseDoc) -> PurchaseDocRead:
    session.flush()
    lines = doc_lines(session, doc.id)
    infos = sku_infos(session, {ln.sku_id for ln in lines})
    units = {i: name for i, (name, _) in unit_names(session).items()}
    sources, source_numbers = _links(
        session, {ln.source_line_id for ln in lines if ln.source_line_id}, followers=False
    )
    followers, _ = _links(session, {ln.id for ln in lines}, followers=True)
    return PurchaseDocRead(
        **_header(doc, _names(session, [doc])),
        line_count=len(lines),
        sources=sources,
        followers=[f for f in followers if f.status != "void"],
        lines=[
            PurchaseLineRead(
                id=ln.id,
                line_no=ln.line_no,
                sku_id=ln.sku_id,
                sku_code=infos[ln.sku_id].code,
                product_id=infos[ln.sku_id].product_id,
                product_name=infos[ln.sku_id].name,
                spec=infos[ln.sku_id].spec,
                attributes_text=infos[ln.sku_id].attributes_text,
                tracking=infos[ln.sku_id].tracking,
                unit_id=ln.unit_id,
                unit_name=units.get(ln.unit_id, ""),
                qty=ln.qty,
                rejected_qty=ln.rejected_qty,
                base_unit_name=infos[ln.sku_id].base_unit_name,
                base_qty=ln.base_qty,
                price=ln.price,
                discount_rate=ln.discount_rate,
                tax_rate=ln.tax_rate,
                net_price=ln.net_price,
                amount=ln.amount,
                tax_amount=ln.tax_amount,
                total=ln.total,
                lot_id=ln.lot_id,
                lot_no=ln.lot_no,
                production_date=ln.production_date,
                expiry_date=ln.expiry_date,
                source_line_id=ln.source_line_id,
                source_number=source_numbers.get(ln.source_line_id) if ln.source_line_id else None,
                done_qty=ln.done_qty,
                remaining_qty=remaining(doc, ln),
                remark=ln.remark,
            )
            for ln in lines
        ],
    )


SORTS = {
    "business_date": PurchaseDoc.business_date,
    "number": PurchaseDoc.number,
    "created_at": PurchaseDoc.created_at,
    "expected_date": PurchaseDoc.expected_date,
}


def overdue_orders(day: date) -> ColumnElement[bool]:
    """Approved orders not fully received whose expected date is before `day` (过期未到货)."""
    return and_(
        PurchaseDoc.kind == "order",
        PurchaseDoc.status == APPROVED,
        PurchaseDoc.receive_status.in_(("none", "partial")),
        PurchaseDoc.expected_date < day,
    )


def list_docs(
    session: Session,
    kind: str,
    params: ListParams,
    status: str | None = None,
    supplier_id: int | None = None,
    warehouse_id: int | None = None,
    receive_status: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
    overdue: bool = False,
) -> tuple[list[PurchaseDocSummary], int]:
    stmt = scope.restrict(select(PurchaseDoc).where(PurchaseDoc.kind == kind), PurchaseDoc.warehouse_id)
    if params.q:
        stmt = stmt.where(trade_docs.matching(PurchaseDoc, PurchaseDoc.supplier_id, params.q))
    for column, value in (
        (PurchaseDoc.status, status),
        (PurchaseDoc.supplier_id, supplier_id),
        (PurchaseDoc.warehouse_id, warehouse_id),
        (PurchaseDoc.receive_status, receive_status),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if date_from:
        stmt = stmt.where(PurchaseDoc.business_date >= date_from)
    if date_to:
        stmt = stmt.where(PurchaseDoc.business_date <= date_to)
    if overdue:
        stmt = stmt.where(overdue_orders(today()))
    docs, total = paginate(
        session,
        stmt,
        params,
        params.order_by(SORTS, [PurchaseDoc.business_date.desc(), PurchaseDoc.id.desc()]),
        limit,
    )
    return summaries(session, docs), total


def summaries(session: Session, docs: Sequence[PurchaseDoc]) -> list[PurchaseDocSummary]:
    counts = trade_docs.line_counts(session, PurchaseDocLine, [d.id for d in docs])
    names = _names(session, docs)
    return [PurchaseDocSummary(**_header(d, names), line_count=int(counts.get(d.id, 0))) for d in docs]
