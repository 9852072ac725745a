"""销售退货: from a delivery line (at most what it delivered less what was already returned), the stock
coming back at the cost it left with, into the lots it left from; or direct, at the moving average. The
receivable drops by the return's total and paid_amount is refunded from the account. The delivery lines'
returned quantity changes under their row lock.

A line priced as its delivery line (same unit, net price and tax rate) refunds its units at that price,
rounded to the fen, but never more than what is left of the line's total; the return that brings the
returned quantity up to the delivered quantity takes exactly what is left of the delivery line's total and
ex-tax amount (less what the approved returns took), so the returns of a line never add up to more or less
than it was charged (its cost comes back the same way: `moves_back`). A draft is figured on what is
approved when it is saved, and figured again at approval under the delivery lines' locks."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.common.errors import Invalid, field_error
from jxc.common.lifecycle import APPROVED, advance
from jxc.inventory import ledger as stock
from jxc.inventory.costing import money
from jxc.inventory.ledger import Move
from jxc.sales.delivering import source_docs, store_costs
from jxc.sales.lines import amounts, split_tax, totals
from jxc.sales.models import SalesDoc, SalesDocLine
from jxc.sales.orders import lock_lines
from jxc.sales.posting import receivable, refs, return_lot, unpost
from jxc.sales.states import RETURN
from jxc.trade.source_lines import check_returnable, claimed

ZERO = Decimal(0)


def _priced_as(ln: SalesDocLine, source: SalesDocLine) -> bool:
    """The line refunds its units at the price its delivery line charged them."""
    return (
        ln.unit_id == source.unit_id
        and ln.net_price == source.net_price
        and ln.tax_rate == source.tax_rate
        and ln.sku_id == source.sku_id
    )


def _taken(session: Session, sources: dict[int, SalesDocLine]) -> dict[int, tuple[Decimal, Decimal] | None]:
    """Source line → (total, ex-tax amount) its approved returns took; None when one of them was not
    priced as the source line (then what is left of its figures is no refund's measure)."""
    out: dict[int, tuple[Decimal, Decimal] | None] = dict.fromkeys(sources, (ZERO, ZERO))
    if not sources:
        return out
    rows = session.execute(
        select(SalesDocLine)
        .join(SalesDoc, SalesDoc.id == SalesDocLine.doc_id)
        .where(
            SalesDocLine.source_line_id.in_(sorted(sources)),
            SalesDoc.kind == "return",
            SalesDoc.status == APPROVED,
        )
    ).scalars()
    for ln in rows:
        assert ln.source_line_id is not None
        before = out[ln.source_line_id]
        if before is None or not _priced_as(ln, sources[ln.source_line_id]):
            out[ln.source_line_id] = None
        else:
            out[ln.source_line_id] = (before[0] + ln.total, before[1] + ln.amount)
    return out


def refund_figures(session: Session, lines: list[SalesDocLine], sources: dict[int, SalesDocLine]) -> None:
    """Set total, amount and tax of the lines priced as their delivery line (`sources`, by id; their
    done_qty is what approved returns brought back) by the rule above, in line order; other lines keep
    what `amounts` gave them. Header totals are the caller's."""
    ids = {ln.source_line_id for ln in lines if ln.source_line_id is not None}
    taken = _taken(session, {i: sources[i] for i in ids if i in sources})
    seen: dict[int, Decimal] = defaultdict(Decimal)  # units of a source line given to earlier lines here
    for ln in lines:
        source = sources.get(ln.source_line_id) if ln.source_line_id is not None else None
        if source is None:
            continue
        before = source.done_qty + seen[source.id]
        seen[source.id] += ln.base_qty
        took = taken.get(source.id)
        if took is None or before + ln.base_qty > source.base_qty:
            continue  # more than is left (approval refuses it), or after a refund at another price
        if not _priced_as(ln, source):  # refunded at its own price: the line's figures are no measure
            taken[source.id] = None
            continue
        left_total, left_amount = source.total - took[0], source.amount - took[1]
        if before + ln.base_qty == source.base_qty:  # the last units: what is left
            ln.total, ln.amount = left_total, left_amount
            ln.tax_amount = left_total - left_amount
        else:
            ln.total = min(
                amounts(ln.qty, ln.price, ln.discount_rate, ln.tax_rate).total, max(left_total, ZERO)
            )
            ln.amount, ln.tax_amount = split_tax(ln.total, ln.tax_rate)
        taken[source.id] = (took[0] + ln.total, took[1] + ln.amount)


def _refigure(
    session: Session, doc: SalesDoc, lines: list[SalesDocLine], locked: dict[int, SalesDocLine]
) -> None:
    """At approval: the refund figured again on what is approved now (another return of the same delivery
    line may have been approved or undone since the draft was saved). A refund of the whole old total
    follows the new one; a refund that no longer fits is refused."""
    before = doc.total_amount
    refund_figures(session, lines, locked)
    totals(doc, lines)
    if doc.total_amount == before:
        return
    if doc.paid_amount == before:
        doc.paid_amount = doc.total_amount
    elif doc.paid_amount > doc.total_amount:
        raise Invalid("amount_invalid", errors=[field_error("paid_amount", "received_exceeds_total")])


def _check(
    session: Session, doc: SalesDoc, lines: list[SalesDocLine], locked: dict[int, SalesDocLine]
) -> dict[int, Decimal]:
    asked = claimed(
        lines,
        locked,
        source_docs(session, locked),
        fits=lambda delivery: (
            delivery.kind == "delivery"
            and delivery.status == APPROVED
            and delivery.customer_id == doc.customer_id
        ),
        error="delivery_line_invalid",
    )
    check_returnable(lines, locked, asked, "return_exceeds_delivered")
    return asked


def _delivered_lots(
    session: Session, source: SalesDocLine, delivery: SalesDoc
) -> list[tuple[int | None, Decimal, Decimal]]:
    """(lot, base qty, value) the delivery line left with, in the order it left (its standing moves)."""
    moves = stock.moves_of(session, refs(delivery).stock.kind, delivery.id)
    undone = {m.reverses_move_id for m in moves if m.reverses_move_id is not None}
    return [
        (m.lot_id, -m.qty, -m.value)
        for m in moves
        if m.doc_line_id == source.id and m.reverses_move_id is None and m.id not in undone and m.qty < 0
    ]


def moves_back(
    session: Session,
    warehouse_id: int,
    i: int,
    ln: SalesDocLine,
    source: SalesDocLine,
    delivery: SalesDoc,
    already: Decimal,
    kind: str = "sales_return",
) -> list[Move]:
    """Back into the lots the units left from, in the order they left (skipping the units earlier returns
    brought back: `already`), each lot's part at its share of the value that left that lot — rounded so
    that a line returned in full, at once or bit by bit, brings back exactly the value that left, lot by
    lot. Used by sales returns and retail returns (a ticket is the `delivery`)."""
    left = _delivered_lots(session, source, delivery) or [
        (source.lot_id, source.base_qty, source.cost_amount)
    ]
    parts: list[tuple[int | None, Decimal, Decimal]] = []
    skip, rest = already, ln.base_qty
    for lot_id, qty, value in left:
        before = min(skip, qty)
        skip -= before
        take = min(qty - before, rest)
        if take > 0:
            parts.append((lot_id, take, money(value * (before + take) / qty) - money(value * before / qty)))
            rest -= take
    if rest > 0:  # more than the moves show (cannot happen past the check): the last lot, at the average
        average = money(source.cost_amount * rest / source.base_qty) if source.base_qty else ZERO
        parts.append((parts[-1][0] if parts else source.lot_id, rest, average))
    ln.lot_id = parts[0][0] if parts else None
    return [
        Move(
            ln.sku_id,
            warehouse_id,
            qty,
            kind,
            cost_mode="given",
            value=value,
            lot_id=lot_id,
            line=i,
            doc_line_id=ln.id,
        )
        for lot_id, qty, value in parts
    ]


def approve(session: Session, doc: SalesDoc, lines: list[SalesDocLine]) -> None:
    RETURN.target(doc.status, "approve")
    locked = lock_lines(session, (ln.source_line_id for ln in lines))
    returned = _check(session, doc, lines, locked)
    _refigure(session, doc, lines, locked)
    deliveries = source_docs(session, locked)
    moves: list[Move] = []
    seen: dict[int, Decimal] = defaultdict(Decimal)  # units of a source line given to earlier lines here
    for i, ln in enumerate(lines):
        source = locked.get(ln.source_line_id) if ln.source_line_id else None
        if source is not None:
            moves += moves_back(
                session,
                doc.warehouse_id,
                i,
                ln,
                source,
                deliveries[source.doc_id],
                source.done_qty + seen[source.id],
            )
            seen[source.id] += ln.base_qty
        else:
            ln.lot_id = return_lot(session, ln, i)
            moves.append(
                Move(
                    ln.sku_id,
                    doc.warehouse_id,
                    ln.base_qty,
                    "sales_return",
                    lot_id=ln.lot_id,
                    line=i,
                    doc_line_id=ln.id,
                )
            )
    ref = refs(doc)
    posted = stock.post(session, ref.stock, moves)
    store_costs(doc, lines, posted, +1)
    for line_id, qty in returned.items():
        locked[line_id].done_qty += qty
    receivable(session, doc, ref.money, -1)
    advance(doc, RETURN, "approve")
    session.flush()


def _undo(session: Session, doc: SalesDoc, lines: list[SalesDocLine], action: str, day: date) -> None:
    RETURN.target(doc.status, action)
    locked = lock_lines(session, (ln.source_line_id for ln in lines))
    unpost(session, doc, action == "unapprove", day)
    for ln in lines:
        if ln.source_line_id is not None:
            locked[ln.source_line_id].done_qty -= ln.base_qty
    if action == "unapprove":
        for ln in lines:
            ln.cost_amount = ln.profit_amount = ZERO
        doc.cost_amount = doc.profit_amount = ZERO
    advance(doc, RETURN, action)
    session.flush()


def unapprove(session: Session, doc: SalesDoc, lines: list[SalesDocLine]) -> None:
    _undo(session, doc, lines, "unapprove", doc.business_date)


def reverse(session: Session, doc: SalesDoc, lines: list[SalesDocLine], day: date) -> None:
    _undo(session, doc, lines, "reverse", day)
