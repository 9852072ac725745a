"""Sales orders, deliveries and returns: one service for the three kinds (DESIGN §5). Saving and the draft
actions live here; what approval and its undoing post lives per kind (orders.py, delivering.py, returns.py)
and is reached through `approve`, `unapprove`, `reverse` and `close` below; reading lives in queries.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.auth.models import User
from jxc.common import context
from jxc.common.clock import today
from jxc.common.errors import Invalid, NotFound, field_error
from jxc.common.lifecycle import APPROVED, DRAFT, advance
from jxc.common.numbering import next_number
from jxc.inventory.warehouses import warehouse_names
from jxc.partners.models import Partner
from jxc.sales import delivering, orders, queries, returns
from jxc.sales.lines import MULTI_LOT, LineIn, build_lines, totals
from jxc.sales.models import SalesChannel, SalesDoc, SalesDocLine
from jxc.sales.schemas import SalesDocRead, SalesDocUpdate, SalesDocWrite, SalesLineWrite
from jxc.sales.states import PREFIX, TRANSITIONS
from jxc.trade import documents as trade_docs

ZERO = Decimal(0)
# What a line of each kind may come from, and the error naming a source line that does not fit.
SOURCE_KIND = {"delivery": "order", "return": "delivery"}
SOURCE_ERROR = {"delivery": "order_line_invalid", "return": "delivery_line_invalid"}


def load(session: Session, kind: str, doc_id: int) -> SalesDoc:
    return trade_docs.load(session, SalesDoc, kind, doc_id)


def doc_lines(session: Session, doc_id: int) -> list[SalesDocLine]:
    return trade_docs.doc_lines(session, SalesDocLine, doc_id)


def _customer(session: Session, customer_id: int) -> Partner:
    customer = session.execute(
        select(Partner).where(Partner.id == customer_id, Partner.is_customer.is_(True))
    ).scalar_one_or_none()
    if customer is None:
        raise NotFound("customer_not_found", errors=[field_error("customer_id", "customer_not_found")])
    return customer


def _check_header(session: Session, body: SalesDocWrite) -> tuple[Partner, str, Decimal]:
    """The checked header; answers the customer, the document's currency and rate."""
    customer = _customer(session, body.customer_id)
    errors = []
    if not customer.is_active:
        errors.append(field_error("customer_id", "customer_inactive"))
    if body.warehouse_id not in warehouse_names(session, [body.warehouse_id], active_only=True):
        errors.append(field_error("warehouse_id", "warehouse_not_found"))
    if (
        body.salesperson_id is not None
        and not session.execute(select(User.id).where(User.id == body.salesperson_id)).first()
    ):
        errors.append(field_error("salesperson_id", "user_not_found"))
    if (
        body.channel_id is not None
        and not session.execute(
            select(SalesChannel.id).where(
                SalesChannel.id == body.channel_id, SalesChannel.is_active.is_(True)
            )
        ).first()
    ):
        errors.append(field_error("channel_id", "channel_not_found"))
    errors += trade_docs.payment_errors(session, body.paid_amount, body.account_id)
    if errors:
        raise Invalid("invalid_document", errors=errors)
    scope.ensure(body.warehouse_id)
    currency, rate = trade_docs.currency_and_rate(
        session, body.currency, customer.currency, body.rate, body.business_date
    )
    return customer, currency, rate


def _sources(session: Session, ids: set[int]) -> dict[int, tuple[SalesDocLine, SalesDoc]]:
    if not ids:
        return {}
    rows = session.execute(
        select(SalesDocLine, SalesDoc)
        .join(SalesDoc, SalesDoc.id == SalesDocLine.doc_id)
        .where(SalesDocLine.id.in_(ids))
    ).all()
    return {ln.id: (ln, doc) for ln, doc in rows}


Sources = dict[int, tuple[SalesDocLine, SalesDoc]]


def _inputs(session: Session, kind: str, body: SalesDocWrite) -> tuple[list[LineIn], Sources]:
    """The lines as asked, checked against their source lines; a line from a source without its own price
    takes the source's price, discount and tax (an order line delivers at the order's price, a return
    refunds what the delivery charged), and a return line leaves the lot it was delivered from."""
    sources = _sources(session, {ln.source_line_id for ln in body.lines if ln.source_line_id})
    errors = []
    out = []
    for i, ln in enumerate(body.lines):
        found = sources.get(ln.source_line_id) if ln.source_line_id else None
        if ln.source_line_id is not None:
            if kind not in SOURCE_KIND:
                errors.append(field_error(f"lines.{i}.source_line_id", "source_line_unexpected"))
                continue
            if not _source_fits(kind, body, ln, found):
                errors.append(field_error(f"lines.{i}.source_line_id", SOURCE_ERROR[kind]))
                continue
        out.append(_line_in(ln, found[0] if found else None, kind))
    if errors:
        raise Invalid("invalid_lines", errors=errors)
    return out, sources


def _source_fits(
    kind: str, body: SalesDocWrite, ln: SalesLineWrite, found: tuple[SalesDocLine, SalesDoc] | None
) -> bool:
    if found is None:
        return False
    source, doc = found
    return (
        doc.kind == SOURCE_KIND[kind]
        and doc.status == APPROVED
        and doc.customer_id == body.customer_id
        and source.sku_id == ln.sku_id
        # An order reserves in its own warehouse; its delivery releases that reservation.
        and (kind != "delivery" or doc.warehouse_id == body.warehouse_id)
    )


def _line_in(ln: SalesLineWrite, source: SalesDocLine | None, kind: str) -> LineIn:
    price, discount, tax = ln.price, ln.discount_rate, ln.tax_rate
    given = ln.model_fields_set
    inherit = source is not None and price is None
    if inherit and source is not None:
        price = source.price
        discount = discount if "discount_rate" in given else source.discount_rate
        tax = tax if "tax_rate" in given else source.tax_rate
    lot_no = ln.lot_no
    if kind == "return" and source is not None:
        lot_no = source.lot_no
    return LineIn(
        sku_id=ln.sku_id,
        unit_id=ln.unit_id,
        qty=ln.qty,
        price=price,
        discount_rate=discount,
        tax_rate=tax,
        lot_no=lot_no,
        source_line_id=ln.source_line_id,
        remark=ln.remark,
        allow_below_min=inherit,
    )


def _fill(session: Session, doc: SalesDoc, kind: str, body: SalesDocWrite) -> list[SalesDocLine]:
    customer, doc.currency, doc.rate = _check_header(session, body)
    inputs, sources = _inputs(session, kind, body)
    built = build_lines(
        session,
        inputs,
        customer_id=body.customer_id,
        on=body.business_date,
        channel="sales",
        rate=doc.rate,
        promote="never" if kind == "return" else "omitted",
        # A refund is what the delivery charged: no minimum applies to it.
        may_sell_below_min=True if kind == "return" else None,
    )
    for b in built:
        if inputs[b.index].allow_below_min and b.line.source_line_id in sources:
            # Priced by its source line: it shows that line's list price and promotion too.
            source = sources[b.line.source_line_id][0]
            b.line.list_price = source.list_price
            b.line.promotion_id, b.line.promotion_text = source.promotion_id, source.promotion_text
    lines = [b.line for b in built]
    if kind == "return":  # the refund of a delivery line's last units is what is left of it
        returns.refund_figures(session, lines, {i: src for i, (src, _) in sources.items()})
    doc.business_date = body.business_date
    doc.customer_id, doc.warehouse_id, doc.channel_id = body.customer_id, body.warehouse_id, body.channel_id
    doc.salesperson_id = body.salesperson_id if body.salesperson_id is not None else customer.salesperson_id
    doc.expected_date = body.expected_date if kind == "order" else None
    doc.remark = body.remark
    doc.paid_amount = body.paid_amount  # orders: 订金; deliveries: 本次收款; returns: 本次退款
    doc.account_id = body.account_id if body.paid_amount > 0 else None
    totals(doc, lines)
    if doc.paid_amount > doc.total_amount:
        raise Invalid("amount_invalid", errors=[field_error("paid_amount", "received_exceeds_total")])
    return lines


def create(session: Session, kind: str, body: SalesDocWrite) -> SalesDocRead:
    doc = SalesDoc(kind=kind, status=DRAFT, created_by=context.current().user_id)
    lines = _fill(session, doc, kind, body)
    doc.number = next_number(session, PREFIX[kind], body.business_date)
    doc.deliver_status = "none" if kind == "order" else ""
    session.add(doc)
    session.flush()
    trade_docs.attach(session, doc, lines)
    return queries.read(session, doc)


def update(session: Session, kind: str, doc_id: int, body: SalesDocUpdate) -> SalesDocRead:
    doc = load(session, kind, doc_id)
    trade_docs.ensure_draft(doc)
    trade_docs.ensure_version(doc, body.version)
    lines = _fill(session, doc, kind, body)
    trade_docs.replace_lines(session, SalesDocLine, doc, lines)
    return queries.read(session, doc)


def get(session: Session, kind: str, doc_id: int) -> SalesDocRead:
    return queries.read(session, load(session, kind, doc_id))


def delete_draft(session: Session, kind: str, doc_id: int) -> None:
    trade_docs.delete_draft(session, load(session, kind, doc_id))


_POSTING: dict[str, Any] = {"order": orders, "delivery": delivering, "return": returns}


def approve(session: Session, kind: str, doc_id: int) -> SalesDocRead:
    doc = load(session, kind, doc_id)
    _POSTING[kind].approve(session, doc, doc_lines(session, doc.id))
    return queries.read(session, doc)


def unapprove(session: Session, kind: str, doc_id: int) -> SalesDocRead:
    doc = load(session, kind, doc_id)
    _POSTING[kind].unapprove(session, doc, doc_lines(session, doc.id))
    return queries.read(session, doc)


def reverse(session: Session, kind: str, doc_id: int, business_date: date | None) -> SalesDocRead:
    doc = load(session, kind, doc_id)
    _POSTING[kind].reverse(session, doc, doc_lines(session, doc.id), business_date or doc.business_date)
    return queries.read(session, doc)


def close(session: Session, kind: str, doc_id: int) -> SalesDocRead:
    doc = load(session, kind, doc_id)
    orders.close(session, doc, doc_lines(session, doc.id))
    return queries.read(session, doc)


def void(session: Session, kind: str, doc_id: int) -> SalesDocRead:
    doc = load(session, kind, doc_id)
    advance(doc, TRANSITIONS[kind], "void")
    session.flush()
    return queries.read(session, doc)


def copy(session: Session, kind: str, doc_id: int) -> SalesDocRead:
    """A new draft dated today with the same customer and lines (prices as they were; free promotion
    lines and source links are left out: the copy is a fresh document)."""
    doc = load(session, kind, doc_id)
    assert doc.customer_id is not None
    body = SalesDocWrite.model_validate(
        {
            "business_date": today(),
            "customer_id": doc.customer_id,
            "warehouse_id": doc.warehouse_id,
            "channel_id": doc.channel_id,
            "salesperson_id": doc.salesperson_id,
            "expected_date": doc.expected_date,
            "currency": doc.currency,
            "remark": doc.remark,
            "lines": [
                {
                    "sku_id": ln.sku_id,
                    "unit_id": ln.unit_id,
                    "qty": ln.qty,
                    "price": ln.price,
                    "discount_rate": ln.discount_rate,
                    "tax_rate": ln.tax_rate,
                    "lot_no": "" if ln.lot_no == MULTI_LOT else ln.lot_no,
                    "remark": ln.remark,
                }
                for ln in doc_lines(session, doc.id)
                if not (ln.promotion_id is not None and ln.price == 0)
            ],
        }
    )
    return create(session, kind, body)
