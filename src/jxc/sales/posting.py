"""What the sales documents share when they post: their references in the two ledgers, lots (first expiry,
first out), the customer's receivable with the money taken or refunded with the document, the 订金 of an
order, the credit check, and turning stock shortages into errors that name the document's lines."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.common.errors import Invalid, field_error
from jxc.common.i18n import t
from jxc.finance import ledger as money
from jxc.finance.ledger import Cash, Owed, Pair
from jxc.inventory import ledger as stock
from jxc.inventory.lines import ensure_lot, find_lot, sku_infos
from jxc.inventory.locks import lock_balances
from jxc.inventory.queries import lots_in_stock
from jxc.inventory.warehouses import warehouse_names
from jxc.partners.models import Partner
from jxc.sales.customers.credit import check_credit
from jxc.sales.lines import MULTI_LOT
from jxc.sales.models import SalesDoc, SalesDocLine

ZERO = Decimal(0)
Key = tuple[int, int]


@dataclass(frozen=True)
class Refs:
    stock: stock.DocRef
    money: money.DocRef


def refs(doc: SalesDoc, business_date: date | None = None, undo: bool = False) -> Refs:
    """The document in both ledgers. A 反审核 posts under its own kind (`…_undo`) so the document may be
    approved again under its own kind and the money ledger pairs each negation with what it negates."""
    kind = f"sales_{doc.kind}" + ("_undo" if undo else "")
    day = business_date or doc.business_date
    return Refs(
        stock.DocRef(kind=kind, id=doc.id, number=doc.number, business_date=day),
        money.DocRef(kind=kind, id=doc.id, number=doc.number, business_date=day),
    )


def _plain(x: Decimal) -> str:
    return format(x.normalize(), "f") if x else "0"


def shortage_errors(
    session: Session,
    lines: Sequence[SalesDocLine],
    warehouse_id: int,
    wanted: dict[Key, Decimal],
    asking: set[int],
) -> stock.InsufficientStock:
    """409 insufficient_stock naming every asking line of a short SKU: index, SKU, needed (all asking lines
    of the SKU in this document) and available (on hand − reserved) — the editor highlights the lines."""
    balances = lock_balances(session, wanted)  # already held by the refused attempt: no new wait
    infos = sku_infos(session, {s for s, _ in wanted})
    place = warehouse_names(session, [warehouse_id]).get(warehouse_id, str(warehouse_id))
    errors = []
    for i, ln in enumerate(lines):
        key = (ln.sku_id, warehouse_id)
        if key not in wanted or ln.id not in asking:
            continue
        bal = balances[key]
        available = bal.on_hand - bal.reserved
        if available >= wanted[key]:
            continue
        info = infos[ln.sku_id]
        errors.append(
            {
                "field": f"lines.{i}.qty",
                "code": "insufficient_stock",
                "message": t(
                    "error.insufficient_stock_line",
                    product=info.name,
                    warehouse=place,
                    needed=_plain(wanted[key]),
                    on_hand=_plain(available),
                ),
                "line": str(i),
                "sku_id": str(ln.sku_id),
                "sku_code": info.code,
                "needed": _plain(wanted[key]),
                "available": _plain(available),
            }
        )
    return stock.InsufficientStock(errors=errors)


def reserve(
    session: Session, warehouse_id: int, lines: Sequence[SalesDocLine], qty: dict[int, Decimal]
) -> None:
    """Change the reservation by `qty` (base units per line id, negative to release), one item per SKU so
    the ledger checks the sum of a SKU's lines against what is available."""
    delta: dict[Key, Decimal] = defaultdict(Decimal)
    for ln in lines:
        if ln.id in qty:
            delta[(ln.sku_id, warehouse_id)] += qty[ln.id]
    items = [(s, w, q) for (s, w), q in sorted(delta.items()) if q != 0]
    if not items:
        return
    try:
        stock.change_reserved(session, items)
    except stock.InsufficientStock:
        short = {(s, w): q for s, w, q in items if q > 0}
        asking = {i for i, q in qty.items() if q > 0}
        raise shortage_errors(session, lines, warehouse_id, short, asking) from None


@dataclass(frozen=True)
class LotPart:
    lot_id: int | None
    qty: Decimal  # base units, positive


def pick_lots(session: Session, warehouse_id: int, lines: Sequence[SalesDocLine]) -> dict[int, list[LotPart]]:
    """Line id → the lots it leaves from. A lot-tracked line with `lot_no` leaves from that lot; without one,
    from the lots in stock, first expiry first out (a line may split; it then shows "多批次"). Lots are read
    under the SKU × warehouse balance lock, so two deliveries never both pick the same last units."""
    infos = sku_infos(session, {ln.sku_id for ln in lines})
    tracked = [ln for ln in lines if infos[ln.sku_id].tracking == "lot"]
    out: dict[int, list[LotPart]] = {ln.id: [LotPart(None, ln.base_qty)] for ln in lines}
    if not tracked:
        return out
    balances = lock_balances(session, ((ln.sku_id, warehouse_id) for ln in tracked))
    negative_ok = next(iter(balances.values())).allow_negative_stock
    errors = []
    taken: dict[int, Decimal] = defaultdict(Decimal)  # lot id → units already given to earlier lines
    for i, ln in enumerate(lines):
        if infos[ln.sku_id].tracking != "lot":
            continue
        if ln.lot_no and ln.lot_no != MULTI_LOT:
            lot = find_lot(session, ln.sku_id, ln.lot_no)
            if lot is None:
                errors.append(field_error(f"lines.{i}.lot_no", "lot_unknown", lot=ln.lot_no))
                continue
            out[ln.id] = [LotPart(lot.id, ln.base_qty)]
            taken[lot.id] += ln.base_qty
            continue
        parts, rest = [], ln.base_qty
        in_stock = lots_in_stock(session, ln.sku_id, warehouse_id)
        for have in in_stock:
            room = have.on_hand - taken[have.lot_id]
            if rest <= 0 or room <= 0:
                continue
            take = min(rest, room)
            parts.append(LotPart(have.lot_id, take))
            taken[have.lot_id] += take
            rest -= take
        if rest > 0:
            if not negative_ok or not in_stock:
                errors.append(
                    field_error(
                        f"lines.{i}.qty",
                        "insufficient_stock_lots",
                        needed=_plain(ln.base_qty),
                        short=_plain(rest),
                    )
                )
                continue
            # Negative stock allowed: what no lot covers leaves from the last lot to expire.
            parts.append(LotPart(in_stock[-1].lot_id, rest))
        out[ln.id] = parts
        ln.lot_id = parts[0].lot_id
        ln.lot_no = MULTI_LOT if len({p.lot_id for p in parts}) > 1 else _lot_no(in_stock, parts[0].lot_id)
    if errors:
        raise stock.InsufficientStock(errors=errors)
    for ln in lines:
        if ln.lot_id is None and out[ln.id][0].lot_id is not None:
            ln.lot_id = out[ln.id][0].lot_id
    return out


def _lot_no(in_stock: Sequence[object], lot_id: int | None) -> str:
    for lot in in_stock:
        if getattr(lot, "lot_id", None) == lot_id:
            return str(getattr(lot, "lot_no", ""))
    return ""


def return_lot(session: Session, line: SalesDocLine, index: int) -> int | None:
    """The lot a direct return line comes back into (created when the customer brings an unknown lot)."""
    info = sku_infos(session, {line.sku_id})[line.sku_id]
    if info.tracking != "lot":
        return None
    if not line.lot_no or line.lot_no == MULTI_LOT:
        raise Invalid("lot_required", errors=[field_error(f"lines.{index}.lot_no", "lot_required")])
    return ensure_lot(session, info, line.lot_no, None, None).id


def due_date(session: Session, doc: SalesDoc) -> date | None:
    terms = session.execute(
        select(Partner.payment_terms_days).where(Partner.id == doc.customer_id)
    ).scalar_one_or_none()
    return doc.business_date + timedelta(days=terms) if terms else None


def receivable(session: Session, doc: SalesDoc, ref: money.DocRef, sign: int) -> None:
    """The customer's receivable moves by the document's total (+ deliveries, − returns); what was received
    with it (deliveries, 本次收款) or refunded (returns, 本次退款) goes through the account, settled against
    it."""
    if doc.total_amount == 0 or doc.customer_id is None:
        return
    owed = Owed(
        doc.customer_id,
        "ar",
        sign * doc.total_amount,
        doc.currency,
        doc.rate,
        due_date(session, doc) if sign > 0 else None,
    )
    [entry] = money.owe(session, ref, [owed])
    if doc.paid_amount <= 0:
        return
    assert doc.account_id is not None
    if sign > 0:
        money.pay_now(session, ref, entry, doc.account_id, doc.paid_amount)
        return
    # A refund: we pay the customer back part of what the return lowered the receivable by.
    [refund] = money.owe(session, ref, [Owed(doc.customer_id, "ar", doc.paid_amount, doc.currency, doc.rate)])
    money.cash(
        session, ref, [Cash(doc.account_id, -money.base_of(doc.paid_amount, doc.rate), doc.customer_id)]
    )
    money.allocate(session, ref, [Pair(refund.id, entry.id, doc.paid_amount)])


def deposit(session: Session, doc: SalesDoc) -> None:
    """订金 received with an order: money into the account and an advance (an open negative receivable) that
    a receipt or 核销单 later settles against the deliveries' receivables."""
    if doc.paid_amount <= 0 or doc.customer_id is None:
        return
    assert doc.account_id is not None
    ref = refs(doc).money
    money.owe(session, ref, [Owed(doc.customer_id, "ar", -doc.paid_amount, doc.currency, doc.rate)])
    money.cash(
        session, ref, [Cash(doc.account_id, money.base_of(doc.paid_amount, doc.rate), doc.customer_id)]
    )


def undo_deposit(session: Session, doc: SalesDoc) -> None:
    """Un-approving an order gives its 订金 back (reverse_blocked once something settled it)."""
    if doc.paid_amount > 0:
        money.reverse(session, refs(doc).money, refs(doc, undo=True).money)


def unpost(session: Session, doc: SalesDoc, undo: bool, business_date: date) -> list[stock.Posted]:
    """Negate the document's stock moves and money (反审核 when `undo`, else 红冲)."""
    posted = stock.reverse(session, refs(doc, business_date).stock, "_undo" if undo else "_reversal")
    money.reverse(session, refs(doc).money, refs(doc, business_date, undo).money)
    return posted


def credit(
    session: Session, doc: SalesDoc, *, action: str, taking: Mapping[int, Decimal] | None = None
) -> str:
    """The credit check (jxc.sales.customers.credit) for what the document adds to the receivable, less
    what is received with it: "" when fine or off, a warning to store, or it raises 409
    credit_limit_exceeded. `taking`: what a delivery takes from its orders (order line → base quantity)."""
    if doc.customer_id is None:
        return ""
    adding = money.base_of(doc.total_amount - doc.paid_amount, doc.rate)
    return check_credit(session, doc.customer_id, adding, action=action, taking=taking)[:200]
