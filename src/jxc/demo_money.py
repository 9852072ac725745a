"""`jxc demo` money: opening balances (cash, bank, receivables and payables), a receipt that settles part of
a receivable, a payment to a supplier and a month of expenses — all through the money documents service, so
entries, allocations, balances and the audit trail look as if a user had made them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.common.clock import today
from jxc.finance import documents
from jxc.finance.doc_models import MoneyCategory, MoneyDoc
from jxc.finance.doc_schemas import MoneyDocWrite
from jxc.finance.models import Account
from jxc.partners.models import Partner


def _post(session: Session, kind: str, body: dict[str, object]) -> None:
    doc = documents.create(session, kind, MoneyDocWrite.model_validate(body))
    documents.approve(session, kind, doc.id)


def load(session: Session) -> list[str]:
    """Idempotent: skipped when the company already has money documents."""
    if session.execute(select(MoneyDoc.id).limit(1)).first():
        return []
    accounts = list(session.execute(select(Account).order_by(Account.id)).scalars())
    partners = list(session.execute(select(Partner).order_by(Partner.id)).scalars())
    customers = [p for p in partners if p.is_customer][:4]
    suppliers = [p for p in partners if p.is_supplier][:3]
    if not accounts or not customers:
        return []
    start = today() - timedelta(days=95)
    lines: list[dict[str, object]] = [
        {"account_id": a.id, "amount": Decimal(5000 + 20000 * i)} for i, a in enumerate(accounts[:3])
    ]
    # Receivables of different ages, so 账龄分析 has something in every bucket.
    for i, c in enumerate(customers):
        lines.append(
            {
                "partner_id": c.id,
                "side": "ar",
                "amount": Decimal(1200 + 850 * i),
                "due_date": start + timedelta(30),
            }
        )
    for i, s in enumerate(suppliers):
        lines.append({"partner_id": s.id, "side": "ap", "amount": Decimal(3000 + 1500 * i)})
    _post(session, "opening", {"business_date": start, "remark": "演示期初余额", "lines": lines})
    cash = accounts[0].id
    bank = accounts[1].id if len(accounts) > 1 else cash
    _post(
        session,
        "receipt",
        {
            "business_date": today() - timedelta(days=20),
            "partner_id": customers[0].id,
            "account_id": bank,
            "amount": Decimal(800),
            "remark": "部分回款",
        },
    )
    if suppliers:
        _post(
            session,
            "payment",
            {
                "business_date": today() - timedelta(days=10),
                "partner_id": suppliers[0].id,
                "account_id": bank,
                "amount": Decimal(3000),
            },
        )
    categories = {c.name: c.id for c in session.execute(select(MoneyCategory)).scalars()}
    if "房租" in categories and "水电费" in categories:
        _post(
            session,
            "expense",
            {
                "business_date": today() - timedelta(days=5),
                "account_id": cash,
                "remark": "本月费用",
                "lines": [
                    {"category_id": categories["房租"], "amount": Decimal(3500)},
                    {"category_id": categories["水电费"], "amount": Decimal("426.80")},
                ],
            },
        )
    return ["期初余额、收款、付款与费用单据（资金）"]
