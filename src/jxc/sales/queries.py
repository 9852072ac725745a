"""Read side of the sales documents: one document with its lines, links and (orders) timeline; lists;
选单 (open order lines, returnable delivery lines); the picking list of a delivery."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.catalog.models import Product
from jxc.common.errors import NotFound
from jxc.common.lifecycle import APPROVED, trail, trail_user_ids
from jxc.common.pagination import ListParams, paginate
from jxc.finance.models import Account
from jxc.inventory.lines import sku_infos, unit_names, user_names
from jxc.inventory.queries import lots_in_stock
from jxc.inventory.stock_models import StockBalance
from jxc.inventory.warehouses import warehouse_names
from jxc.partners.models import Partner
from jxc.sales.lines import MULTI_LOT
from jxc.sales.models import SalesChannel, SalesDoc, SalesDocLine
from jxc.sales.schemas import (
    PickingLine,
    PickingList,
    PickLot,
    SalesDocLink,
    SalesDocRead,
    SalesDocSummary,
    SalesLineRead,
    SalesOpenOrderLine,
    SalesReturnableLine,
    SourceLink,
    TimelineEvent,
)
from jxc.trade import documents as trade_docs
from jxc.trade import selection
from jxc.trade.order_lines import remaining

ZERO = Decimal(0)
CENT, QTY_STEP, PRICE_STEP = Decimal("0.01"), Decimal("0.0001"), Decimal("0.000001")


def _m(x: Decimal) -> Decimal:
    """Amounts at their scale also for values set in this request and not yet read back ("0" → "0.00")."""
    return x.quantize(CENT)


def _q(x: Decimal) -> Decimal:
    return x.quantize(QTY_STEP)


def _p(x: Decimal) -> Decimal:
    return x.quantize(PRICE_STEP)


def _by_id(session: Session, columns: Any, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    id_col, name_col = columns
    return {int(i): str(n) for i, n in session.execute(select(id_col, name_col).where(id_col.in_(wanted)))}


def _names(session: Session, docs: Sequence[SalesDoc]) -> dict[str, dict[int, str]]:
    return {
        "customer": _by_id(session, (Partner.id, Partner.name), {d.customer_id for d in docs}),
        "account": _by_id(session, (Account.id, Account.name), {d.account_id for d in docs}),
        "channel": _by_id(session, (SalesChannel.id, SalesChannel.name), {d.channel_id for d in docs}),
        "warehouse": warehouse_names(session, sorted({d.warehouse_id for d in docs})),
        "user": user_names(
            session,
            trail_user_ids(list(docs)) | {d.salesperson_id for d in docs} | {d.closed_by for d in docs},
        ),
    }


def _header(doc: SalesDoc, names: dict[str, dict[int, str]]) -> dict[str, Any]:
    users = names["user"]
    return dict(
        id=doc.id,
        number=doc.number,
        kind=doc.kind,
        business_date=doc.business_date,
        customer_id=doc.customer_id,
        customer_name=names["customer"].get(doc.customer_id, "") if doc.customer_id else "",
        warehouse_id=doc.warehouse_id,
        warehouse_name=names["warehouse"].get(doc.warehouse_id, ""),
        channel_id=doc.channel_id,
        channel_name=names["channel"].get(doc.channel_id) if doc.channel_id else None,
        salesperson_id=doc.salesperson_id,
        salesperson_name=users.get(doc.salesperson_id) if doc.salesperson_id else None,
        expected_date=doc.expected_date,
        currency=doc.currency,
        rate=doc.rate,
        status=doc.status,
        deliver_status=doc.deliver_status,
        remark=doc.remark,
        total_qty=_q(doc.total_qty),
        amount=_m(doc.amount),
        tax_amount=_m(doc.tax_amount),
        total_amount=_m(doc.total_amount),
        discount_amount=_m(doc.discount_amount),
        paid_amount=_m(doc.paid_amount),
        account_id=doc.account_id,
        account_name=names["account"].get(doc.account_id) if doc.account_id else None,
        cost_amount=_m(doc.cost_amount),
        profit_amount=_m(doc.profit_amount),
        credit_warning=doc.credit_warning,
        version=doc.version,
        closed_by_name=users.get(doc.closed_by) if doc.closed_by else None,
        closed_at=doc.closed_at,
        **trail(doc, users),
    )


def _links(
    session: Session, line_ids: set[int], *, followers: bool
) -> tuple[list[tuple[SalesDoc, int]], dict[int, str]]:
    """(document, line id) of the documents linked through these lines — the sources they came from, or the
    documents whose lines came from them — and the number of each linked line."""
    if not line_ids:
        return [], {}
    joined = SalesDocLine.source_line_id if followers else SalesDocLine.id
    rows = session.execute(
        select(SalesDoc, SalesDocLine.id)
        .join(SalesDocLine, SalesDocLine.doc_id == SalesDoc.id)
        .where(joined.in_(line_ids))
        .order_by(SalesDoc.id, SalesDocLine.id)
    ).all()
    return [(d, i) for d, i in rows], {i: d.number for d, i in rows}


def _unique(docs: Sequence[SalesDoc]) -> list[SalesDoc]:
    return list({d.id: d for d in docs}.values())


def available(session: Session, warehouse_id: int, sku_ids: set[int]) -> dict[int, Decimal]:
    """On hand − reserved per SKU in the warehouse, now (what the editor shows next to each line)."""
    if not sku_ids:
        return {}
    rows = session.execute(
        select(StockBalance.sku_id, StockBalance.on_hand, StockBalance.reserved).where(
            StockBalance.warehouse_id == warehouse_id, StockBalance.sku_id.in_(sku_ids)
        )
    ).all()
    return {int(s): on_hand - reserved for s, on_hand, reserved in rows}


def read(session: Session, doc: SalesDoc) -> SalesDocRead:
    session.flush()
    lines = trade_docs.doc_lines(session, SalesDocLine, doc.id)
    infos = sku_infos(session, {ln.sku_id for ln in lines})
    units = {i: name for i, (name, _) in unit_names(session).items()}
    free = available(session, doc.warehouse_id, {ln.sku_id for ln in lines})
    sources, source_numbers = _links(
        session, {ln.source_line_id for ln in lines if ln.source_line_id}, followers=False
    )
    followers, _ = _links(session, {ln.id for ln in lines}, followers=True)
    following = [d for d in _unique([d for d, _ in followers]) if d.status != "void"]
    return SalesDocRead(
        **_header(doc, _names(session, [doc])),
        line_count=len(lines),
        sources=[SourceLink(id=d.id, number=d.number, kind=d.kind) for d in _unique([d for d, _ in sources])],
        followers=[SalesDocLink(id=d.id, number=d.number, kind=d.kind, status=d.status) for d in following],
        timeline=timeline(session, doc, following) if doc.kind == "order" else [],
        lines=[
            SalesLineRead(
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
                qty=_q(ln.qty),
                base_unit_name=infos[ln.sku_id].base_unit_name,
                base_qty=_q(ln.base_qty),
                list_price=_p(ln.list_price),
                price=_p(ln.price),
                discount_rate=_m(ln.discount_rate),
                tax_rate=_m(ln.tax_rate),
                net_price=_p(ln.net_price),
                total=_m(ln.total),
                amount=_m(ln.amount),
                tax_amount=_m(ln.tax_amount),
                cost_amount=_m(ln.cost_amount),
                profit_amount=_m(ln.profit_amount),
                promotion_id=ln.promotion_id,
                promotion_text=ln.promotion_text,
                below_min_price=ln.below_min_price,
                lot_id=ln.lot_id,
                lot_no=ln.lot_no,
                source_line_id=ln.source_line_id,
                source_number=source_numbers.get(ln.source_line_id) if ln.source_line_id else None,
                done_qty=_q(ln.done_qty),
                remaining_qty=_q(remaining(doc, ln)),
                available_qty=_q(free.get(ln.sku_id, ZERO)),
                remark=ln.remark,
            )
            for ln in lines
        ],
    )


def timeline(session: Session, order: SalesDoc, deliveries: Sequence[SalesDoc]) -> list[TimelineEvent]:
    """What happened to an order, oldest first: approved (and 订金 paid), each approved delivery (partly or
    completing it), each approved return of those deliveries, closed."""
    if order.approved_at is None:
        return []
    events = [TimelineEvent(at=order.approved_at, event="approved", number=None)]
    if order.paid_amount > 0:
        events.append(TimelineEvent(at=order.approved_at, event="paid", number=order.number))
    approved = sorted(
        (d for d in deliveries if d.status == APPROVED and d.kind == "delivery"),
        key=lambda d: (d.approved_at or order.approved_at, d.id),
    )
    ordered = {
        ln.id: ln.base_qty
        for ln in session.execute(select(SalesDocLine).where(SalesDocLine.doc_id == order.id)).scalars()
    }
    delivered: dict[int, Decimal] = defaultdict(Decimal)
    delivery_lines: set[int] = set()
    for d in approved:
        for ln in session.execute(select(SalesDocLine).where(SalesDocLine.doc_id == d.id)).scalars():
            delivery_lines.add(ln.id)
            if ln.source_line_id in ordered:
                delivered[ln.source_line_id] += ln.base_qty
        full = all(delivered[i] >= q for i, q in ordered.items())
        events.append(
            TimelineEvent(
                at=d.approved_at, event="delivered" if full else "delivered_partly", number=d.number
            )
        )
        if d.paid_amount > 0:
            events.append(TimelineEvent(at=d.approved_at, event="paid", number=d.number))
    returned, _ = _links(session, delivery_lines, followers=True)
    for r in _unique([r for r, _ in returned]):
        if r.status == APPROVED and r.kind == "return":
            events.append(TimelineEvent(at=r.approved_at, event="returned", number=r.number))
    if order.closed_at is not None:
        events.append(TimelineEvent(at=order.closed_at, event="closed", number=None))
    return sorted(events, key=lambda e: (e.at is None, e.at))


SORTS = {
    "business_date": SalesDoc.business_date,
    "number": SalesDoc.number,
    "created_at": SalesDoc.created_at,
    "expected_date": SalesDoc.expected_date,
    "total_amount": SalesDoc.total_amount,
}


def list_docs(
    session: Session,
    kind: str,
    params: ListParams,
    filters: dict[str, Any],
    limit: int | None = None,
) -> tuple[list[SalesDocSummary], int]:
    stmt = scope.restrict(select(SalesDoc).where(SalesDoc.kind == kind), SalesDoc.warehouse_id)
    if params.q:
        stmt = stmt.where(trade_docs.matching(SalesDoc, SalesDoc.customer_id, params.q))
    for name in ("status", "customer_id", "warehouse_id", "deliver_status", "salesperson_id", "channel_id"):
        if filters.get(name) is not None:
            stmt = stmt.where(getattr(SalesDoc, name) == filters[name])
    if filters.get("date_from"):
        stmt = stmt.where(SalesDoc.business_date >= filters["date_from"])
    if filters.get("date_to"):
        stmt = stmt.where(SalesDoc.business_date <= filters["date_to"])
    docs, total = paginate(
        session,
        stmt,
        params,
        params.order_by(SORTS, [SalesDoc.business_date.desc(), SalesDoc.id.desc()]),
        limit,
    )
    return summaries(session, docs), total


def summaries(session: Session, docs: Sequence[SalesDoc]) -> list[SalesDocSummary]:
    counts = trade_docs.line_counts(session, SalesDocLine, [d.id for d in docs])
    names = _names(session, docs)
    return [SalesDocSummary(**_header(d, names), line_count=int(counts.get(d.id, 0))) for d in docs]


def open_lines(
    session: Session, customer_id: int, warehouse_id: int | None = None, order_ids: list[int] | None = None
) -> list[SalesOpenOrderLine]:
    """Lines of this customer's approved orders with something left to deliver, oldest order first."""
    return selection.open_lines(
        session,
        SalesDoc,
        SalesDocLine,
        SalesDoc.customer_id,
        customer_id,
        warehouse_id,
        order_ids,
        make=SalesOpenOrderLine,
        done_field="delivered_qty",
    )


def returnable_lines(
    session: Session, customer_id: int, delivery_ids: list[int] | None = None
) -> list[SalesReturnableLine]:
    """Lines of this customer's approved deliveries (of `delivery_ids` only, when given) with units not yet
    returned, newest first (≤ 500)."""
    return selection.returnable_lines(
        session,
        SalesDoc,
        SalesDocLine,
        SalesDoc.customer_id,
        customer_id,
        delivery_ids,
        source_kind="delivery",
        make=SalesReturnableLine,
    )


def picking_list(session: Session, doc_id: int) -> PickingList:
    """A delivery's lines in walking order — by the products' 货位 (location), those without one last, then
    by SKU code — each with its on-hand and, for lot-tracked SKUs, the lots to take first-expiry-first-out."""
    doc = session.execute(
        select(SalesDoc).where(SalesDoc.id == doc_id, SalesDoc.kind == "delivery")
    ).scalar_one_or_none()
    if doc is None:
        raise NotFound("document_not_found")
    scope.ensure(doc.warehouse_id)
    lines = list(session.execute(select(SalesDocLine).where(SalesDocLine.doc_id == doc.id)).scalars())
    infos = sku_infos(session, {ln.sku_id for ln in lines})
    units = {i: name for i, (name, _) in unit_names(session).items()}
    on_hand = {
        int(s): q
        for s, q in session.execute(
            select(StockBalance.sku_id, StockBalance.on_hand).where(
                StockBalance.warehouse_id == doc.warehouse_id,
                StockBalance.sku_id.in_({ln.sku_id for ln in lines}),
            )
        )
    }
    names = _names(session, [doc])
    locations: dict[int, str] = {
        int(i): str(place)
        for i, place in session.execute(
            select(Product.id, Product.location).where(Product.id.in_({i.product_id for i in infos.values()}))
        )
    }
    out = []
    taken: dict[int, Decimal] = defaultdict(Decimal)

    def walk(ln: SalesDocLine) -> tuple[bool, str, str, int]:
        place = locations.get(infos[ln.sku_id].product_id, "")
        return (not place, place, infos[ln.sku_id].code, ln.line_no)

    for ln in sorted(lines, key=walk):
        info = infos[ln.sku_id]
        lots: list[PickLot] = []
        rest = ln.base_qty
        if info.tracking == "lot":
            for lot in lots_in_stock(session, ln.sku_id, doc.warehouse_id):
                if ln.lot_no and ln.lot_no != MULTI_LOT and lot.lot_no != ln.lot_no:
                    continue
                room = lot.on_hand - taken[lot.lot_id]
                take = min(rest, room)
                if take > 0:
                    lots.append(
                        PickLot(lot_id=lot.lot_id, lot_no=lot.lot_no, expiry_date=lot.expiry_date, qty=take)
                    )
                    taken[lot.lot_id] += take
                    rest -= take
        out.append(
            PickingLine(
                line_no=ln.line_no,
                sku_id=ln.sku_id,
                sku_code=info.code,
                product_name=info.name,
                spec=info.spec,
                attributes_text=info.attributes_text,
                location=locations.get(info.product_id, ""),
                unit_name=units.get(ln.unit_id, ""),
                qty=ln.qty,
                base_unit_name=info.base_unit_name,
                base_qty=ln.base_qty,
                on_hand=on_hand.get(ln.sku_id, ZERO),
                lot_no=ln.lot_no,
                lots=lots,
                short_qty=rest if info.tracking == "lot" else ZERO,
                remark=ln.remark,
            )
        )
    return PickingList(
        id=doc.id,
        number=doc.number,
        business_date=doc.business_date,
        customer_name=names["customer"].get(doc.customer_id, "") if doc.customer_id else "",
        warehouse_id=doc.warehouse_id,
        warehouse_name=names["warehouse"].get(doc.warehouse_id, ""),
        remark=doc.remark,
        lines=out,
    )
