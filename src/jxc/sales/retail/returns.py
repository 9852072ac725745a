"""零售退货: units of a ticket brought back, made and posted at once. Each ticket line takes back at most what
it sold less what earlier returns took (`return_exceeds_sold`, checked under the ticket lines' row locks);
the refund is the returned units' share of what the line was paid (its ticket-discount share included), and
the stock comes back at the cost it left with. The refund tenders must add up to the refund exactly."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy.orm import Session

from jxc.common.clock import today
from jxc.common.errors import Conflict, Invalid, field_error
from jxc.common.i18n import t
from jxc.common.lifecycle import APPROVED
from jxc.common.numbering import next_number
from jxc.db.transient import plain_row
from jxc.inventory.costing import money
from jxc.inventory.ledger import Move
from jxc.inventory.lines import check_lines
from jxc.inventory.stock_models import Lot
from jxc.sales.lines import MULTI_LOT, split_tax, totals
from jxc.sales.models import SalesDocLine
from jxc.sales.orders import lock_lines
from jxc.sales.posting import refs
from jxc.sales.retail import reading, rows, tenders
from jxc.sales.retail.schemas import RetailTicketRead, ReturnWrite
from jxc.sales.retail.states import PREFIX
from jxc.sales.retail.tickets import new_doc, post_stock
from jxc.sales.returns import moves_back

ZERO = Decimal(0)


def _plain(x: Decimal) -> str:
    return format(x.normalize(), "f") if x else "0"


def _share(whole: Decimal, base: Decimal, before: Decimal, now: Decimal) -> Decimal:
    """The part of `whole` (a ticket line's total or cost over its `base` units) that units before+1 …
    before+now carry, rounded so that the parts of a fully returned line add up to `whole` exactly."""
    return money(whole * (before + now) / base) - money(whole * before / base)


def create(session: Session, body: ReturnWrite) -> RetailTicketRead:
    ticket = reading.load(session, body.ticket_id, ("retail",))
    if ticket.status != APPROVED:
        raise Conflict("invalid_transition", state=t(f"doc_status.{ticket.status}"))
    day = body.business_date or today()
    locked = lock_lines(session, (ln.source_line_id for ln in body.lines))
    session.refresh(ticket)  # a 红冲 that held the lines' locks first has committed: see it
    if ticket.status != APPROVED:
        raise Conflict("invalid_transition", state=t(f"doc_status.{ticket.status}"))
    errors = [
        field_error(f"lines.{i}.source_line_id", "ticket_line_invalid")
        for i, ln in enumerate(body.lines)
        if ln.source_line_id not in locked or locked[ln.source_line_id].doc_id != ticket.id
    ]
    if errors:
        raise Invalid("ticket_line_invalid", errors=errors)
    sources = [locked[ln.source_line_id] for ln in body.lines]
    checked = check_lines(
        session, [(s.sku_id, s.unit_id, ln.qty) for s, ln in zip(sources, body.lines, strict=True)]
    )
    asked: dict[int, Decimal] = defaultdict(Decimal)
    lines = []
    for i, (src, c) in enumerate(zip(sources, checked, strict=True)):
        before = src.done_qty + asked[src.id]
        left = src.base_qty - before
        if c.base_qty > left:
            errors.append(
                field_error(
                    f"lines.{i}.qty",
                    "return_exceeds_sold",
                    left=_plain(max(left, ZERO)),
                    asked=_plain(c.base_qty),
                )
            )
            continue
        asked[src.id] += c.base_qty
        total = _share(src.total, src.base_qty, before, c.base_qty)
        amount, tax = split_tax(total, src.tax_rate)
        lines.append(
            plain_row(
                SalesDocLine,
                line_no=i + 1,
                sku_id=src.sku_id,
                unit_id=src.unit_id,
                qty=body.lines[i].qty,
                ratio=src.ratio,
                base_qty=c.base_qty,
                list_price=src.list_price,
                price=src.price,
                discount_rate=src.discount_rate,
                tax_rate=src.tax_rate,
                net_price=src.net_price,
                total=total,
                amount=amount,
                tax_amount=tax,
                cost_amount=ZERO,  # what the moves back carry (below)
                profit_amount=ZERO,
                promotion_id=src.promotion_id,
                promotion_text=src.promotion_text,
                below_min_price=False,
                # Set from the moves below: the lots the units left from, in that order.
                lot_id=src.lot_id,
                lot_no="",
                source_line_id=src.id,
                done_qty=ZERO,
                remark="",
            )
        )
    if errors:
        raise Conflict("return_exceeds_sold", errors=errors)
    doc = new_doc(
        "retail_return",
        business_date=day,
        customer_id=ticket.customer_id,
        warehouse_id=ticket.warehouse_id,
        channel_id=ticket.channel_id,
        currency=ticket.currency,
        rate=ticket.rate,
        remark=body.remark,
    )
    totals(doc, lines)
    paid = tenders.refund(session, body.payments, doc.total_amount)
    doc.tendered_amount, doc.paid_amount = paid.tendered, doc.total_amount
    doc.account_id = paid.tenders[0].account_id if paid.tenders else None
    doc.number = next_number(session, PREFIX["retail_return"], day)
    rows.insert_doc(session, doc)
    rows.insert_lines(session, doc, lines)
    back: list[Move] = []
    given: dict[int, Decimal] = defaultdict(Decimal)  # units of a ticket line given to earlier lines here
    for i, (src, ln) in enumerate(zip(sources, lines, strict=True)):
        moves = moves_back(
            session, doc.warehouse_id, i, ln, src, ticket, src.done_qty + given[src.id], doc.kind
        )
        ln.cost_amount = sum((m.value or ZERO for m in moves), ZERO)
        ln.lot_no = _lot_no(session, {m.lot_id for m in moves})
        back += moves
        given[src.id] += ln.base_qty
    post_stock(session, doc, lines, list(range(len(lines))), sign=+1, back=back)
    rows.set_costs(session, doc, lines)
    for src_id, qty in asked.items():
        locked[src_id].done_qty += qty
    tenders.post(session, refs(doc).money, paid, -1, doc.customer_id)
    rows.insert_payments(session, paid.rows(doc.id, doc.company_id))
    rows.audit_created(session, doc)
    session.flush()
    return reading.read(session, doc)


def _lot_no(session: Session, lot_ids: set[int | None]) -> str:
    """What the return line shows: the lot its units came back into, or 多批次 for several."""
    if len(lot_ids) > 1:
        return MULTI_LOT
    lot_id = next(iter(lot_ids), None)
    lot = session.get(Lot, lot_id) if lot_id is not None else None
    return lot.lot_no if lot is not None else ""
