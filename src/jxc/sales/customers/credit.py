"""信用控制: may this customer take on more receivable?

`check_credit` is called by sales order approve and sales delivery approve (docs/contracts/sales-api.md,
"Credit control"). The customer is over when what it owes (its `ar` balance, base currency) plus what its
approved orders have yet to deliver (未出库订单: they become receivable as they are delivered, so two orders
that each fit cannot together pass the limit) plus what the document adds passes its credit limit (when one
is set), or when it has receivables overdue (the ageing
rule: an open receivable whose due date — its own, else its date plus the payment terms — is before today).
What is overdue is netted against the customer's unallocated credits (receipts, returns, 预收 not yet
allocated to a document): as an accountant would apply them, to the oldest items first, so they settle the
overdue items before anything not yet due; and it never exceeds what the customer owes altogether.
The company setting `credit_control` decides what happens then: `off` nothing, `warn` the warning text (the
document stores it in `credit_warning`), `refuse` a 409 `credit_limit_exceeded` unless the user holds
`sales.credit.override` (then the warning text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jxc.auth.periods import company_rules
from jxc.common import context
from jxc.common.clock import today
from jxc.common.errors import Conflict, NotFound
from jxc.common.i18n import has_key, t
from jxc.common.lifecycle import APPROVED
from jxc.finance.ageing import open_at, overdue
from jxc.finance.ledger_models import AR, PartnerBalance
from jxc.partners.models import Partner
from jxc.sales.models import SalesDoc, SalesDocLine

ZERO = Decimal("0.00")
OVERRIDE = "sales.credit.override"
MODES = ("off", "warn", "refuse")
WARNING_LENGTH = 200  # sales_docs.credit_warning


@dataclass(frozen=True)
class CreditStanding:
    """What a customer owes now, in base currency."""

    customer_id: int
    customer_name: str
    outstanding: Decimal  # Σ ar balance (may be negative: 预收)
    credit_limit: Decimal | None
    overdue_amount: Decimal  # Σ open overdue receivables − unallocated credits, within 0..outstanding
    open_orders: Decimal = ZERO  # what approved, unclosed orders have yet to deliver


def open_orders(session: Session, customer_id: int, taking: Mapping[int, Decimal] | None = None) -> Decimal:
    """The undelivered value of the customer's approved orders (not closed), in base currency: each line's
    total × (ordered − delivered) / ordered. `taking` (order line id → base quantity) is what the delivery
    being approved takes from them, counted by the check as `adding` instead."""
    taking = taking or {}
    rows = session.execute(
        select(
            SalesDocLine.id, SalesDocLine.total, SalesDocLine.base_qty, SalesDocLine.done_qty, SalesDoc.rate
        )
        .join(SalesDoc, SalesDoc.id == SalesDocLine.doc_id)
        .where(
            SalesDoc.customer_id == customer_id,
            SalesDoc.kind == "order",
            SalesDoc.status == APPROVED,
            SalesDoc.deliver_status != "closed",
            SalesDocLine.base_qty > SalesDocLine.done_qty,
        )
    ).all()
    total = ZERO
    for r in rows:
        left = r.base_qty - r.done_qty - taking.get(r.id, ZERO)
        if left > 0 and r.base_qty > 0:
            total += r.total * left / r.base_qty * r.rate
    return total.quantize(ZERO)


def outstanding(session: Session, customer_id: int) -> Decimal:
    """The customer's receivable balance in base currency, over all its currencies."""
    total = session.execute(
        select(func.coalesce(func.sum(PartnerBalance.base_balance), 0)).where(
            PartnerBalance.partner_id == customer_id, PartnerBalance.side == AR
        )
    ).scalar_one()
    return Decimal(total).quantize(ZERO)


def overdue_amount(session: Session, customer_id: int, balance: Decimal | None = None) -> Decimal:
    """What the customer has overdue, in base currency: the open parts of its overdue receivables less its
    unallocated credits (FIFO: credits settle the oldest items, and overdue items are older than those not
    yet due), never below zero nor above its receivable balance (`balance`, else looked up)."""
    day = today()
    owed = sum((i.base_open_amount for i in overdue(session, AR, day, customer_id)), ZERO)
    if owed <= 0:
        return ZERO
    credits = -sum((o.base for o in open_at(session, AR, day, False, customer_id)), ZERO)
    if balance is None:
        balance = outstanding(session, customer_id)
    return min(max(owed - credits, ZERO), max(balance, ZERO))


def standing(
    session: Session, customer_id: int, *, lock: bool = False, taking: Mapping[int, Decimal] | None = None
) -> CreditStanding:
    """`lock`: the customer's row is locked first, so approvals for one customer check one after another
    (each sees what the one before it added) instead of side by side."""
    query = select(Partner).where(Partner.id == customer_id, Partner.is_customer.is_(True))
    customer = session.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if customer is None:
        raise NotFound("customer_not_found")
    owes = outstanding(session, customer_id)
    return CreditStanding(
        customer_id=customer.id,
        customer_name=customer.name,
        outstanding=owes,
        credit_limit=customer.credit_limit,
        overdue_amount=overdue_amount(session, customer_id, owes),
        open_orders=open_orders(session, customer_id, taking),
    )


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value.quantize(ZERO), "f")


def _action_label(action: str) -> str:
    key = f"credit.action.{action}"
    return t(key) if has_key(key) else action


def check_credit(
    session: Session,
    customer_id: int,
    adding: Decimal,
    *,
    action: str,
    taking: Mapping[int, Decimal] | None = None,
) -> str:
    """Empty when the customer may take on `adding` (base currency) more, or credit control is off; else the
    warning text (company `warn`, or `refuse` with the override permission). Refused: 409
    `credit_limit_exceeded`, the figures in the problem's `errors[0]` (outstanding, credit_limit, adding,
    open_orders, overdue_amount as strings). `action` names the step asking ("order_approve",
    "delivery_approve"), for the text; `taking` is what a delivery takes from orders (see `open_orders`)."""
    mode = company_rules(session).credit_control
    if mode not in MODES or mode == "off":
        return ""
    s = standing(session, customer_id, lock=True, taking=taking)
    over_limit = s.credit_limit is not None and s.outstanding + s.open_orders + adding > s.credit_limit
    if not over_limit and s.overdue_amount <= 0:
        return ""
    figures: dict[str, Any] = {
        "customer": s.customer_name,
        "action": _action_label(action),
        "outstanding": _plain(s.outstanding),
        "open_orders": _plain(s.open_orders),
        "credit_limit": _plain(s.credit_limit) if s.credit_limit is not None else t("credit.no_limit"),
        "adding": _plain(adding),
        "overdue_amount": _plain(s.overdue_amount),
    }
    key = "credit.over_limit" if over_limit else "credit.overdue"
    if over_limit and s.overdue_amount > 0:
        key = "credit.over_limit_and_overdue"
    text = t(key, **figures)
    if mode == "refuse" and not context.current().has(OVERRIDE):
        raise Conflict(
            "credit_limit_exceeded",
            errors=[
                {
                    "field": "customer_id",
                    "code": "credit_limit_exceeded",
                    "message": text,
                    "outstanding": _plain(s.outstanding),
                    "open_orders": _plain(s.open_orders),
                    "credit_limit": _plain(s.credit_limit),
                    "adding": _plain(adding),
                    "overdue_amount": _plain(s.overdue_amount),
                }
            ],
            **figures,
        )
    return text[:WARNING_LENGTH]
