"""零售单: the counter's sale, saved and approved in one transaction (收银), and its 红冲.

A sale: lines priced by the shared line builder (sales.lines: the retail price or the member's, promotions
on every line, the minimum price), the whole-ticket discount spread over them, the tenders checked against
what is due, then stock out of the warehouse at the moving average (lots first-expiry-first-out) and each
tender into its account. Cost and profit (§) come from what the stock ledger took.

The path is kept lean (the counter is the shop's busiest write; ADR 0004 §Speed): rows go in through
prepared statements (retail.rows), the catalogue facts are read once per request, the answer is composed from
memory, and the document is audited once."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.auth.periods import company_rules
from jxc.common import context
from jxc.common.clock import today
from jxc.common.errors import Conflict, Invalid, field_error
from jxc.common.i18n import t
from jxc.common.lifecycle import APPROVED, advance
from jxc.common.numbering import next_number
from jxc.db.base import utcnow
from jxc.db.transient import plain_row
from jxc.inventory import ledger as stock
from jxc.inventory.costing import money
from jxc.inventory.ledger import Move
from jxc.inventory.lines import sku_infos
from jxc.inventory.locks import Key, lock_balances
from jxc.inventory.warehouses import warehouse_names
from jxc.sales.lines import LineIn, apply_ticket_discount, build_lines, totals
from jxc.sales.models import SalesDoc, SalesDocLine
from jxc.sales.orders import lock_lines
from jxc.sales.posting import pick_lots, refs, unpost
from jxc.sales.retail import reading, rows, tenders
from jxc.sales.retail.schemas import RetailTicketRead, TicketWrite
from jxc.sales.retail.states import PREFIX, TICKET

ZERO = Decimal(0)


def new_doc(kind: str, **values: object) -> SalesDoc:
    """A transient document with every column set (rows.insert_doc writes them all; no ORM defaults run)."""
    ctx = context.current()
    now = utcnow()
    doc = plain_row(
        SalesDoc,
        kind=kind,
        status=APPROVED,
        created_at=now,
        updated_at=now,
        version=1,
        created_by=ctx.user_id,
        approved_by=ctx.user_id,
        approved_at=now,
        reversed_by=None,
        reversed_at=None,
        salesperson_id=ctx.user_id,  # the cashier (营业员)
        expected_date=None,
        rate=Decimal(1),
        total_qty=ZERO,
        amount=ZERO,
        tax_amount=ZERO,
        total_amount=ZERO,
        discount_amount=ZERO,
        paid_amount=ZERO,
        account_id=None,
        tendered_amount=ZERO,
        change_amount=ZERO,
        cost_amount=ZERO,
        profit_amount=ZERO,
        deliver_status="",
        closed_by=None,
        closed_at=None,
        credit_warning="",
        remark="",
        channel_id=None,
        customer_id=None,
    )
    for key, value in values.items():
        setattr(doc, key, value)
    return doc


def _check_header(session: Session, body: TicketWrite) -> reading.Names:
    """The warehouse (active, in the cashier's scope), the member and the channel; their names and the
    cashier's."""
    errors = []
    user_id = context.current().user_id
    found = rows.header_names(session, body.warehouse_id, body.customer_id, body.channel_id, user_id)
    if found is None or not found.warehouse_active:
        errors.append(field_error("warehouse_id", "warehouse_not_found", ids=str(body.warehouse_id)))
    if body.customer_id is not None and (found is None or found.member_name is None):
        errors.append(field_error("customer_id", "member_not_found"))
    if body.channel_id is not None and (found is None or found.channel_name is None):
        errors.append(field_error("channel_id", "channel_not_found"))
    if errors or found is None:
        raise Invalid("invalid_ticket", errors=errors)
    scope.ensure(body.warehouse_id)
    names = reading.Names(warehouse={body.warehouse_id: found.warehouse_name})
    if body.customer_id is not None:
        names.customer = {body.customer_id: found.member_name}
    if body.channel_id is not None:
        names.channel = {body.channel_id: found.channel_name}
    if user_id is not None and found.cashier_name is not None:
        names.user = {user_id: found.cashier_name}
    return names


def _reserve_check(
    session: Session, warehouse_id: int, lines: list[SalesDocLine], index: list[int], day: date
) -> tuple[dict[int, Decimal], dict[Key, Any]]:
    """A sale never takes what confirmed orders reserved (DESIGN §4 invariant 2): on hand − reserved must
    cover the ticket, per SKU, unless the company allows negative stock. Locks the balances as the posting
    does (it is handed them, not to read them again). Answers what is available per SKU after the sale, and
    the locked rows."""
    wanted: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for ln in lines:
        wanted[(ln.sku_id, warehouse_id)] += ln.base_qty
    balances = lock_balances(session, wanted, day)
    short = {
        key: qty
        for key, qty in wanted.items()
        if balances[key].on_hand - balances[key].reserved < qty and not balances[key].allow_negative_stock
    }
    if short:
        raise _shortage(session, lines, index, warehouse_id, short, balances)
    available = {s: balances[(s, w)].on_hand - balances[(s, w)].reserved - q for (s, w), q in wanted.items()}
    return available, balances


QTY, PRICE, CENT = Decimal("0.0001"), Decimal("0.000001"), Decimal("0.01")


def _as_stored(ln: SalesDocLine) -> SalesDocLine:
    """The figures at the scale the columns keep them, so the sale answers what a later read shows."""
    ln.qty, ln.done_qty = ln.qty.quantize(QTY), ln.done_qty.quantize(QTY)
    ln.price, ln.list_price = ln.price.quantize(PRICE), ln.list_price.quantize(PRICE)
    ln.discount_rate, ln.tax_rate = ln.discount_rate.quantize(CENT), ln.tax_rate.quantize(CENT)
    return ln


def _plain(x: Decimal) -> str:
    return format(x.normalize(), "f") if x else "0"


def _shortage(
    session: Session,
    lines: list[SalesDocLine],
    index: list[int],
    warehouse_id: int,
    short: dict[tuple[int, int], Decimal],
    balances: dict[tuple[int, int], Any],
) -> stock.InsufficientStock:
    """409 insufficient_stock naming each short line as the cashier typed it (as the sales documents do:
    line, SKU, needed — all lines of the SKU — and available)."""
    infos = sku_infos(session, {s for s, _ in short})
    place = warehouse_names(session, [warehouse_id]).get(warehouse_id, str(warehouse_id))
    errors, seen = [], set()
    for i, ln in zip(index, lines, strict=True):
        key = (ln.sku_id, warehouse_id)
        if key not in short or i in seen:
            continue
        seen.add(i)
        available = balances[key].on_hand - balances[key].reserved
        needed, info = _plain(short[key]), infos[ln.sku_id]
        message = t(
            "error.insufficient_stock_line",
            product=info.name,
            warehouse=place,
            needed=needed,
            on_hand=_plain(available),
        )
        errors.append(
            {"field": f"lines.{i}.qty", "code": "insufficient_stock", "message": message, "line": str(i)}
            | {
                "sku_id": str(ln.sku_id),
                "sku_code": info.code,
                "needed": needed,
                "available": _plain(available),
            }
        )
    return stock.InsufficientStock(errors=errors)


def sell(session: Session, body: TicketWrite) -> RetailTicketRead:
    day = body.business_date or today()
    company = company_rules(session)
    names = _check_header(session, body)
    built = build_lines(
        session,
        [
            LineIn(ln.sku_id, ln.unit_id, ln.qty, ln.price, ln.discount_rate, remark=ln.remark)
            for ln in body.lines
        ],
        customer_id=body.customer_id,
        on=day,
        channel="retail",
        promote="always",
        make=plain_row,
    )
    # A scanned item nobody priced (no typed price, no default) would otherwise leave at 0.00: the cashier
    # types its price (0 too, when it really is free).
    unpriced = [
        field_error(f"lines.{b.index}.price", "price_required")
        for b in built
        if not b.free and body.lines[b.index].price is None and b.line.list_price == 0
    ]
    if unpriced:
        raise Invalid("invalid_lines", errors=unpriced)
    lines = [_as_stored(b.line) for b in built]
    index = [b.index for b in built]
    before = sum((ln.total for ln in lines), ZERO)
    if body.discount_amount > before:
        raise Invalid(
            "retail_discount_invalid",
            errors=[field_error("discount_amount", "discount_exceeds_total", total=f"{before:.2f}")],
        )
    apply_ticket_discount(lines, body.discount_amount)
    doc = new_doc(
        "retail",
        business_date=day,
        customer_id=body.customer_id,
        warehouse_id=body.warehouse_id,
        channel_id=body.channel_id,
        remark=body.remark,
        discount_amount=money(body.discount_amount),
        currency=company.base_currency,
    )
    totals(doc, lines)
    if body.expected_total is not None and money(body.expected_total) != doc.total_amount:
        due = f"{doc.total_amount:.2f}"
        raise Conflict(
            "ticket_total_changed",
            due=due,
            errors=[field_error("expected_total", "ticket_total_changed", due=due)],
        )
    paid = tenders.take(session, body.payments, doc.total_amount)
    doc.tendered_amount, doc.change_amount, doc.paid_amount = paid.tendered, paid.change, doc.total_amount
    doc.account_id = paid.tenders[0].account_id if paid.tenders else None
    available, locked = _reserve_check(session, body.warehouse_id, lines, index, day)
    doc.number = next_number(session, PREFIX["retail"], day)
    rows.insert_doc(session, doc)
    rows.insert_lines(session, doc, lines)
    post_stock(session, doc, lines, index, sign=-1, locked=locked)
    rows.set_costs(session, doc, lines)
    ref = refs(doc)
    tenders.post(session, ref.money, paid, +1, doc.customer_id)
    rows.insert_payments(session, paid.rows(doc.id, doc.company_id))
    rows.audit_created(session, doc)
    names.account = {t.account_id: t.account_name for t in paid.tenders}
    names.company = company.name
    return reading.compose(session, doc, lines, paid.payments(), names, available)


def post_stock(
    session: Session,
    doc: SalesDoc,
    lines: list[SalesDocLine],
    index: list[int],
    sign: int,
    back: list[Move] | None = None,
    locked: dict[Key, Any] | None = None,
) -> None:
    """Stock out (a ticket, sign −1: at the moving average, lots first-expiry-first-out) and the cost and
    profit per line from what the ledger took. A return (sign +1) brings each line back at the cost it
    carries already (its share of the ticket line's cost): as the moves `back` say (into the lots the units
    left from), else one move per line."""
    ref = refs(doc).stock
    moves = []
    if back is not None:
        moves = back
    elif sign < 0:
        parts = pick_lots(session, doc.warehouse_id, lines)
        for i, ln in zip(index, lines, strict=True):
            for part in parts[ln.id]:
                moves.append(
                    Move(
                        ln.sku_id,
                        doc.warehouse_id,
                        -part.qty,
                        doc.kind,
                        lot_id=part.lot_id,
                        line=i,
                        doc_line_id=ln.id,
                    )
                )
    else:
        for i, ln in zip(index, lines, strict=True):
            moves.append(
                Move(
                    ln.sku_id,
                    doc.warehouse_id,
                    ln.base_qty,
                    doc.kind,
                    cost_mode="given",
                    value=ln.cost_amount,
                    lot_id=ln.lot_id,
                    line=i,
                    doc_line_id=ln.id,
                )
            )
    posted = stock.post(session, ref, moves, locked)
    if sign < 0:
        cost: dict[int | None, Decimal] = defaultdict(Decimal)
        for p in posted:
            cost[p.doc_line_id] -= p.value
        for ln in lines:
            ln.cost_amount = cost[ln.id]
    for ln in lines:
        ln.profit_amount = money(ln.amount * doc.rate) - ln.cost_amount
    doc.cost_amount = sum((ln.cost_amount for ln in lines), ZERO)
    doc.profit_amount = sum((ln.profit_amount for ln in lines), ZERO)


def reverse(session: Session, doc_id: int, business_date: date | None) -> RetailTicketRead:
    """红冲: every move and tender of the ticket negated, dated `business_date` (the ticket's date). Refused
    while an approved return names the ticket (the return already undid part of it)."""
    doc = reading.load(session, doc_id, ("retail",))
    TICKET.target(doc.status, "reverse")
    # The lines' row locks order this against a return of the same ticket (returns lock them too); what
    # was read before the wait is read again.
    lines = list(lock_lines(session, [ln.id for ln in reading.doc_lines(session, doc.id)]).values())
    session.refresh(doc)
    TICKET.target(doc.status, "reverse")
    returned = session.execute(
        select(SalesDoc.number)
        .join(SalesDocLine, SalesDocLine.doc_id == SalesDoc.id)
        .where(
            SalesDoc.kind == "retail_return",
            SalesDoc.status == APPROVED,
            SalesDocLine.source_line_id.in_([ln.id for ln in lines]),
        )
        .limit(1)
    ).scalar_one_or_none()
    if returned is not None:
        raise Conflict("ticket_has_returns", number=returned)
    day = business_date or doc.business_date
    unpost(session, doc, False, day)
    advance(doc, TICKET, "reverse")
    session.flush()
    return reading.read(session, doc)
