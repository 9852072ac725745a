"""Reading retail tickets and returns: one ticket (with its tenders, its returns and the receipt block) and
the list. The answer of a sale is composed from what the sale already holds in memory (`compose`), so the
counter does not read back what it has just written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.auth.models import Company
from jxc.common.errors import NotFound
from jxc.common.lifecycle import trail, trail_user_ids
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.finance.models import Account
from jxc.inventory.costing import money
from jxc.inventory.lines import sku_infos, unit_names, user_names
from jxc.inventory.stock_models import StockBalance
from jxc.inventory.warehouses import warehouse_names
from jxc.partners.models import Partner
from jxc.sales.models import SalesChannel, SalesDoc, SalesDocLine, SalesPayment
from jxc.sales.retail.schemas import (
    PaymentRead,
    Receipt,
    ReceiptLine,
    ReceiptPayment,
    ReceiptTotals,
    RetailTicketRead,
    RetailTicketSummary,
)
from jxc.sales.schemas import SalesDocLink, SalesLineRead, SourceLink

ZERO = Decimal(0)
KINDS = ("retail", "retail_return")


@dataclass
class Names:
    """Every name an answer shows, by id."""

    customer: dict[int, str] = field(default_factory=dict)
    warehouse: dict[int, str] = field(default_factory=dict)
    channel: dict[int, str] = field(default_factory=dict)
    account: dict[int, str] = field(default_factory=dict)
    user: dict[int, str] = field(default_factory=dict)
    company: str = ""


def company_name(session: Session, company_id: int) -> str:
    return str(session.execute(select(Company.name).where(Company.id == company_id)).scalar_one())


def names_of(session: Session, docs: Sequence[SalesDoc]) -> Names:
    customers = {d.customer_id for d in docs if d.customer_id}
    channels = {d.channel_id for d in docs if d.channel_id}
    accounts = {d.account_id for d in docs if d.account_id}

    def pairs(stmt: Any) -> dict[int, str]:
        return {int(i): str(n) for i, n in session.execute(stmt)}

    return Names(
        customer=pairs(select(Partner.id, Partner.name).where(Partner.id.in_(customers)))
        if customers
        else {},
        warehouse=warehouse_names(session, sorted({d.warehouse_id for d in docs})),
        channel=pairs(select(SalesChannel.id, SalesChannel.name).where(SalesChannel.id.in_(channels)))
        if channels
        else {},
        account=pairs(select(Account.id, Account.name).where(Account.id.in_(accounts))) if accounts else {},
        user=user_names(session, trail_user_ids(list(docs)) | {d.salesperson_id for d in docs}),
    )


def header(doc: SalesDoc, names: Names) -> dict[str, Any]:
    users = names.user
    return dict(
        id=doc.id,
        number=doc.number,
        kind=doc.kind,
        business_date=doc.business_date,
        customer_id=doc.customer_id,
        customer_name=names.customer.get(doc.customer_id, "") if doc.customer_id else "",
        warehouse_id=doc.warehouse_id,
        warehouse_name=names.warehouse.get(doc.warehouse_id, ""),
        channel_id=doc.channel_id,
        channel_name=names.channel.get(doc.channel_id) if doc.channel_id else None,
        salesperson_id=doc.salesperson_id,
        salesperson_name=users.get(doc.salesperson_id) if doc.salesperson_id else None,
        expected_date=None,
        currency=doc.currency,
        rate=doc.rate,
        status=doc.status,
        deliver_status="",
        remark=doc.remark,
        total_qty=doc.total_qty,
        amount=doc.amount,
        tax_amount=doc.tax_amount,
        total_amount=doc.total_amount,
        discount_amount=doc.discount_amount,
        paid_amount=doc.paid_amount,
        account_id=doc.account_id,
        account_name=names.account.get(doc.account_id) if doc.account_id else None,
        cost_amount=doc.cost_amount,
        profit_amount=doc.profit_amount,
        credit_warning=doc.credit_warning,
        version=doc.version,
        closed_by_name=None,
        closed_at=None,
        tendered_amount=doc.tendered_amount,
        change_amount=doc.change_amount,
        **trail(doc, users),
    )


def _line(
    ln: SalesDocLine,
    units: dict[int, tuple[str, bool]],
    infos: dict[int, Any],
    available: dict[int, Decimal],
    source_numbers: dict[int, str],
) -> SalesLineRead:
    info = infos[ln.sku_id]
    return SalesLineRead(
        id=ln.id,
        line_no=ln.line_no,
        sku_id=ln.sku_id,
        sku_code=info.code,
        product_id=info.product_id,
        product_name=info.name,
        spec=info.spec,
        attributes_text=info.attributes_text,
        tracking=info.tracking,
        unit_id=ln.unit_id,
        unit_name=units.get(ln.unit_id, ("", True))[0],
        qty=ln.qty,
        base_unit_name=info.base_unit_name,
        base_qty=ln.base_qty,
        list_price=ln.list_price,
        price=ln.price,
        discount_rate=ln.discount_rate,
        tax_rate=ln.tax_rate,
        net_price=ln.net_price,
        total=ln.total,
        amount=ln.amount,
        tax_amount=ln.tax_amount,
        cost_amount=ln.cost_amount,
        profit_amount=ln.profit_amount,
        promotion_id=ln.promotion_id,
        promotion_text=ln.promotion_text,
        below_min_price=ln.below_min_price,
        lot_id=ln.lot_id,
        lot_no=ln.lot_no,
        source_line_id=ln.source_line_id,
        source_number=source_numbers.get(ln.source_line_id) if ln.source_line_id else None,
        done_qty=ln.done_qty,
        # A ticket line: what may still be returned; a return line: nothing.
        remaining_qty=max(ln.base_qty - ln.done_qty, ZERO) if ln.source_line_id is None else ZERO,
        available_qty=available.get(ln.sku_id, ZERO),
        remark=ln.remark,
    )


def compose(
    session: Session,
    doc: SalesDoc,
    lines: Sequence[SalesDocLine],
    payments: list[PaymentRead],
    names: Names,
    available: dict[int, Decimal],
    sources: list[SourceLink] | None = None,
    followers: list[SalesDocLink] | None = None,
    source_numbers: dict[int, str] | None = None,
) -> RetailTicketRead:
    infos = sku_infos(session, {ln.sku_id for ln in lines})
    units = unit_names(session)
    read_lines = [_line(ln, units, infos, available, source_numbers or {}) for ln in lines]
    head = header(doc, names)
    receipt = Receipt(
        company_name=names.company,
        warehouse_name=head["warehouse_name"],
        cashier_name=names.user.get(doc.created_by, "") if doc.created_by else "",
        member_name=head["customer_name"] or None,
        number=doc.number,
        business_date=doc.business_date,
        sold_at=doc.approved_at,
        lines=[
            ReceiptLine(
                name=" ".join(x for x in (r.product_name, r.spec, r.attributes_text) if x),
                qty=r.qty,
                unit_name=r.unit_name,
                price=r.price,
                total=r.total,
                promotion_text=r.promotion_text,
            )
            for r in read_lines
        ],
        totals=_totals(doc, lines),
        payments=[
            ReceiptPayment(method=p.method, account_name=p.account_name, amount=p.amount) for p in payments
        ],
        tendered=doc.tendered_amount,
        change=doc.change_amount,
    )
    return RetailTicketRead(
        **head,
        line_count=len(read_lines),
        sources=sources or [],
        followers=followers or [],
        timeline=[],
        lines=read_lines,
        payments=payments,
        receipt=receipt,
    )


def _totals(doc: SalesDoc, lines: Sequence[SalesDocLine]) -> ReceiptTotals:
    listed = sum((money(ln.qty * ln.list_price) for ln in lines), ZERO)
    return ReceiptTotals(
        total_qty=doc.total_qty,
        line_count=len(lines),
        list_amount=listed,
        saved_amount=max(listed - doc.total_amount, ZERO),
        discount_amount=doc.discount_amount,
        total_amount=doc.total_amount,
    )


# Reading stored tickets


def load(session: Session, doc_id: int, kinds: Sequence[str] = KINDS) -> SalesDoc:
    doc = session.execute(
        select(SalesDoc).where(SalesDoc.id == doc_id, SalesDoc.kind.in_(kinds))
    ).scalar_one_or_none()
    if doc is None:
        raise NotFound("ticket_not_found")
    scope.ensure(doc.warehouse_id)
    return doc


def doc_lines(session: Session, doc_id: int) -> list[SalesDocLine]:
    return list(
        session.execute(
            select(SalesDocLine).where(SalesDocLine.doc_id == doc_id).order_by(SalesDocLine.line_no)
        ).scalars()
    )


def payments_of(session: Session, doc_id: int) -> list[PaymentRead]:
    rows = session.execute(
        select(SalesPayment.account_id, Account.name, SalesPayment.method, SalesPayment.amount)
        .join(Account, Account.id == SalesPayment.account_id)
        .where(SalesPayment.doc_id == doc_id)
        .order_by(SalesPayment.line_no)
    ).all()
    return [PaymentRead(account_id=a, account_name=n, method=m, amount=x) for a, n, m, x in rows]


def available_in(session: Session, warehouse_id: int, sku_ids: set[int]) -> dict[int, Decimal]:
    """On hand − reserved per SKU in the warehouse, now."""
    if not sku_ids:
        return {}
    rows = session.execute(
        select(StockBalance.sku_id, StockBalance.on_hand, StockBalance.reserved).where(
            StockBalance.warehouse_id == warehouse_id, StockBalance.sku_id.in_(sku_ids)
        )
    ).all()
    return {int(s): on - res for s, on, res in rows}


def _links(
    session: Session, doc: SalesDoc, lines: list[SalesDocLine]
) -> tuple[list[SourceLink], list[SalesDocLink], dict[int, str]]:
    """A return's ticket (its source) with the ticket's number per source line; a ticket's returns."""
    if doc.kind == "retail_return":
        ids = {ln.source_line_id for ln in lines if ln.source_line_id}
        rows = (
            session.execute(
                select(SalesDoc.id, SalesDoc.number, SalesDoc.kind, SalesDocLine.id)
                .join(SalesDocLine, SalesDocLine.doc_id == SalesDoc.id)
                .where(SalesDocLine.id.in_(ids))
            ).all()
            if ids
            else []
        )
        sources = {i: SourceLink(id=i, number=n, kind=k) for i, n, k, _ in rows}
        return list(sources.values()), [], {line_id: n for _, n, _, line_id in rows}
    followers = (
        session.execute(
            select(SalesDoc.id, SalesDoc.number, SalesDoc.kind, SalesDoc.status)
            .join(SalesDocLine, SalesDocLine.doc_id == SalesDoc.id)
            .where(SalesDocLine.source_line_id.in_([ln.id for ln in lines]))
            .distinct()
            .order_by(SalesDoc.id)
        ).all()
        if lines
        else []
    )
    return [], [SalesDocLink(id=i, number=n, kind=k, status=s) for i, n, k, s in followers], {}


def read(session: Session, doc: SalesDoc) -> RetailTicketRead:
    session.flush()
    lines = doc_lines(session, doc.id)
    names = names_of(session, [doc])
    names.company = company_name(session, doc.company_id)
    sources, followers, numbers = _links(session, doc, lines)
    return compose(
        session,
        doc,
        lines,
        payments_of(session, doc.id),
        names,
        available_in(session, doc.warehouse_id, {ln.sku_id for ln in lines}),
        sources,
        followers,
        numbers,
    )


def get(session: Session, doc_id: int) -> RetailTicketRead:
    return read(session, load(session, doc_id))


def by_number(session: Session, number: str) -> RetailTicketRead:
    doc = session.execute(
        select(SalesDoc).where(SalesDoc.number == number.strip(), SalesDoc.kind.in_(KINDS))
    ).scalar_one_or_none()
    if doc is None:
        raise NotFound("ticket_not_found")
    scope.ensure(doc.warehouse_id)
    return read(session, doc)


SORTS = {
    "business_date": SalesDoc.business_date,
    "number": SalesDoc.number,
    "created_at": SalesDoc.created_at,
    "total_amount": SalesDoc.total_amount,
}


def list_tickets(
    session: Session,
    params: ListParams,
    kind: str = "retail",
    warehouse_id: int | None = None,
    customer_id: int | None = None,
    status: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
) -> tuple[list[RetailTicketSummary], int]:
    stmt = scope.restrict(select(SalesDoc).where(SalesDoc.kind == kind), SalesDoc.warehouse_id)
    if params.q:
        pattern = like_pattern(params.q)
        members = select(Partner.id).where(Partner.name.ilike(pattern, escape="\\"))
        stmt = stmt.where(
            or_(
                SalesDoc.number.ilike(pattern, escape="\\"),
                SalesDoc.remark.ilike(pattern, escape="\\"),
                SalesDoc.customer_id.in_(members),
            )
        )
    for column, value in (
        (SalesDoc.warehouse_id, warehouse_id),
        (SalesDoc.customer_id, customer_id),
        (SalesDoc.status, status),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if date_from:
        stmt = stmt.where(SalesDoc.business_date >= date_from)
    if date_to:
        stmt = stmt.where(SalesDoc.business_date <= date_to)
    docs, total = paginate(
        session,
        stmt,
        params,
        params.order_by(SORTS, [SalesDoc.business_date.desc(), SalesDoc.id.desc()]),
        limit,
    )
    names = names_of(session, docs)
    counts: dict[int, int] = {}
    if docs:
        counts = {
            int(i): int(n)
            for i, n in session.execute(
                select(SalesDocLine.doc_id, func.count())
                .where(SalesDocLine.doc_id.in_([d.id for d in docs]))
                .group_by(SalesDocLine.doc_id)
            )
        }
    return [RetailTicketSummary(**header(d, names), line_count=counts.get(d.id, 0)) for d in docs], total
