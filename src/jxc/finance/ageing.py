"""账龄 (ageing) and 超期 (overdue) of receivables and payables, in base currency, as of any date.

What was open on `as_of` is rebuilt from the allocations dated on or before it, so a report for the end of
last month does not change when this month's receipts settle those documents.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from jxc.common.errors import Invalid, field_error
from jxc.common.schemas import Money, ReadModel
from jxc.finance.doc_schemas import OpenItem
from jxc.finance.ledger import base_of
from jxc.finance.ledger_models import Allocation, PartnerEntry
from jxc.finance.report_common import partner_info
from jxc.partners.models import Partner

ZERO = Decimal("0.00")
MAX_BUCKETS = 12
MAX_DAYS = 3650
Basis = Literal["date", "due"]


class AgeingRow(ReadModel):
    partner_id: int
    partner_code: str
    partner_name: str
    total: Money
    amounts: list[Money]
    prepaid: Money


class Ageing(ReadModel):
    as_of: date
    basis: Basis
    buckets: list[str]
    items: list[AgeingRow]
    totals: list[Money]
    total: Money


class OverdueItem(OpenItem):
    partner_name: str
    base_open_amount: Money
    days_overdue: int


@dataclass(frozen=True)
class Open:
    entry: PartnerEntry
    open: Decimal  # document currency, as of the report date

    @property
    def base(self) -> Decimal:
        """The open part in base currency: the entry's own rounded base while nothing is settled, so a fully
        open entry adds up exactly as it was posted."""
        if self.open == self.entry.amount:
            return self.entry.base_amount
        return base_of(self.open, self.entry.rate)


def parse_buckets(text: str) -> list[int]:
    """`30,60,90` → [30, 60, 90]: ascending positive whole days."""
    try:
        days = [int(part) for part in text.split(",")]
    except ValueError:
        days = []
    ascending = all(a < b for a, b in pairwise(days))
    if not days or len(days) > MAX_BUCKETS or not ascending or days[0] < 1 or days[-1] > MAX_DAYS:
        raise Invalid(
            "invalid_query",
            errors=[field_error("query.buckets", "buckets_invalid", max=MAX_BUCKETS, days=MAX_DAYS)],
        )
    return days


def bucket_labels(days: list[int]) -> list[str]:
    labels = [f"0-{days[0]}"]
    labels += [f"{a + 1}-{b}" for a, b in pairwise(days)]
    return [*labels, f"{days[-1]}+"]


def bucket_of(age: int, days: list[int]) -> int:
    for i, limit in enumerate(days):
        if age <= limit:
            return i
    return len(days)


def due_on(entry: PartnerEntry, who: Partner | None) -> date:
    """The entry's own due date, else its date plus the partner's payment terms; no terms agreed means due
    on the document date."""
    if entry.due_date is not None:
        return entry.due_date
    terms = who.payment_terms_days if who is not None and who.payment_terms_days else 0
    return entry.business_date + timedelta(days=terms)


def open_at(
    session: Session, side: str, as_of: date, positive: bool, partner_id: int | None = None
) -> list[Open]:
    """Entries of one sign with a part still open on `as_of` (dated on or before it)."""
    own = Allocation.debit_entry_id if positive else Allocation.credit_entry_id
    settled = (
        select(own.label("entry_id"), func.sum(Allocation.amount).label("settled"))
        .where(Allocation.business_date <= as_of)
        .group_by(own)
        .subquery()
    )
    # Settled now and by nothing dated after as_of means settled on as_of too: those rows are skipped.
    later = select(own).where(Allocation.business_date > as_of)
    stmt = (
        select(PartnerEntry, settled.c.settled)
        .outerjoin(settled, settled.c.entry_id == PartnerEntry.id)
        .where(PartnerEntry.side == side, PartnerEntry.business_date <= as_of)
        .where(PartnerEntry.amount > 0 if positive else PartnerEntry.amount < 0)
        .where(or_(PartnerEntry.open_amount != 0, PartnerEntry.id.in_(later)))
        .order_by(PartnerEntry.business_date, PartnerEntry.doc_number, PartnerEntry.id)
    )
    if partner_id is not None:
        stmt = stmt.where(PartnerEntry.partner_id == partner_id)
    out = []
    for entry, done in session.execute(stmt).all():
        done = Decimal(done) if done is not None else ZERO
        left = entry.amount - done if positive else entry.amount + done
        # A 红冲 may be dated before the allocation it undoes; between the two dates the sums overshoot.
        left = min(max(left, ZERO), entry.amount) if positive else max(min(left, ZERO), entry.amount)
        if left != 0:
            out.append(Open(entry, left))
    return out


def ageing(
    session: Session,
    side: str,
    as_of: date,
    buckets: str = "30,60,90",
    basis: Basis = "date",
    partner_id: int | None = None,
) -> Ageing:
    days = parse_buckets(buckets)
    debts = open_at(session, side, as_of, True, partner_id)
    credits = open_at(session, side, as_of, False, partner_id)
    partners = partner_info(session, {o.entry.partner_id for o in [*debts, *credits]})
    amounts: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO] * (len(days) + 1))
    prepaid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for o in debts:
        e = o.entry
        start = due_on(e, partners.get(e.partner_id)) if basis == "due" else e.business_date
        age = max((as_of - start).days, 0)  # not yet due counts as current
        amounts[e.partner_id][bucket_of(age, days)] += o.base
    for o in credits:
        prepaid[o.entry.partner_id] -= o.base
    items = []
    for pid in sorted(set(amounts) | set(prepaid), key=lambda i: (partners[i].code, i)):
        row = amounts[pid]
        items.append(
            AgeingRow(
                partner_id=pid,
                partner_code=partners[pid].code,
                partner_name=partners[pid].name,
                total=sum(row, ZERO),
                amounts=row,
                prepaid=prepaid[pid],
            )
        )
    totals = [sum((r.amounts[i] for r in items), ZERO) for i in range(len(days) + 1)]
    return Ageing(
        as_of=as_of,
        basis=basis,
        buckets=bucket_labels(days),
        items=items,
        totals=totals,
        total=sum(totals, ZERO),
    )


def overdue(session: Session, side: str, as_of: date, partner_id: int | None = None) -> list[OverdueItem]:
    debts = open_at(session, side, as_of, True, partner_id)
    partners = partner_info(session, {o.entry.partner_id for o in debts})
    out = []
    for o in debts:
        e, who = o.entry, partners[o.entry.partner_id]
        due = due_on(e, who)
        if due >= as_of:
            continue
        out.append(
            OverdueItem(
                id=e.id,
                partner_id=e.partner_id,
                side=e.side,
                doc_kind=e.doc_kind,
                doc_number=e.doc_number,
                business_date=e.business_date,
                due_date=due,
                currency=e.currency,
                amount=e.amount,
                open_amount=o.open,
                base_amount=e.base_amount,
                partner_name=who.name,
                base_open_amount=o.base,
                days_overdue=(as_of - due).days,
            )
        )
    out.sort(key=lambda x: (-x.days_overdue, x.business_date, x.id))
    return out
