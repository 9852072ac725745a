"""超期应收 for credit control and the customer record is netted against the customer's unallocated credits
(receipts, returns, 预收 not allocated to a document): credits settle the oldest items first, so what is
overdue is Σ open overdue items − unallocated credits, never below 0 nor above the receivable balance."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from jxc.common.clock import today
from jxc.common.errors import Conflict
from jxc.sales.customers.credit import standing
from tests.api.customers.conftest import Customers, ago
from tests.api.customers.conftest import customers as customers
from tests.api.sales.conftest import Seller


def _record(seller: Seller, who: str = "C1") -> dict[str, Any]:
    r = seller.api.get(f"/customers/{seller.partner[who]}/sales-record")
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def _overdue_delivery_and_receipt(seller: Seller, received: str) -> None:
    """An approved delivery of 100.00 due on its date (no terms), well past; a receipt of `received` not
    allocated to it (a prepayment as far as the books know)."""
    c1 = seller.partner["C1"]
    p = seller.api.get(f"/partners/{c1}").json()
    r = seller.api.patch(f"/partners/{c1}", {"payment_terms_days": 0, "version": p["version"]})
    assert r.status_code == 200, r.text
    delivery = seller.post("delivery", [seller.line("COLA", "20")], day="2026-11-10")  # 20 × 5.00
    assert delivery["total_amount"] == "100.00"
    r = seller.api.post(
        "/receipts",
        {
            "business_date": "2026-11-12",
            "partner_id": c1,
            "account_id": seller.account["CASH"],
            "amount": received,
            "auto_allocate": False,
        },
    )
    assert r.status_code == 201, r.text
    r = seller.api.post(f"/receipts/{r.json()['id']}/approve")
    assert r.status_code == 200, r.text
    assert r.json()["unallocated_amount"] == received


def _standing(seller: Seller) -> tuple[Decimal, Decimal]:
    with seller.api.db.transaction(writer=False, company_id=1) as s:
        st = standing(s, seller.partner["C1"])
        return st.outstanding, st.overdue_amount


@pytest.mark.skipif(today() <= date(2026, 11, 10), reason="the delivery must be past due")
def test_an_unallocated_receipt_lowers_what_is_overdue(seller: Seller) -> None:
    _overdue_delivery_and_receipt(seller, "30.00")
    assert seller.receivable() == Decimal("70.00")
    assert _standing(seller) == (Decimal("70.00"), Decimal("70.00"))
    record = _record(seller)
    assert (record["outstanding"], record["overdue_amount"]) == ("70.00", "70.00")
    # The warning on order approval names 70.00 overdue, not the gross 100.00.
    warning = seller.post("order", [seller.line("COLA", "2")])["credit_warning"]  # adds 10.00
    assert "70.00" in warning
    assert "100.00" not in warning
    # The per-document overdue report still lists the delivery's open 100.00 (the receipt is a 预收).
    r = seller.api.get("/reports/overdue", params={"side": "ar", "partner_id": seller.partner["C1"]})
    assert r.status_code == 200, r.text
    assert [i["base_open_amount"] for i in r.json()] == ["100.00"]


@pytest.mark.skipif(today() <= date(2026, 11, 10), reason="the delivery must be past due")
def test_a_receipt_larger_than_the_overdue_leaves_nothing_overdue(seller: Seller) -> None:
    _overdue_delivery_and_receipt(seller, "150.00")
    assert seller.receivable() == Decimal("-50.00")
    assert _standing(seller) == (Decimal("-50.00"), Decimal("0.00"))
    record = _record(seller)
    assert (record["outstanding"], record["overdue_amount"]) == ("-50.00", "0.00")
    # No limit, nothing overdue: no warning at all.
    assert seller.post("order", [seller.line("COLA", "2")])["credit_warning"] == ""


def test_credits_settle_the_overdue_items_before_those_not_yet_due(customers: Customers) -> None:
    customers.control("refuse")
    customers.customer("C1", payment_terms_days=30)
    customers.owe("C1", "100.00", ago(40))  # overdue
    customers.owe("C1", "50.00", ago(5))  # due in 25 days
    customers.owe("C1", "-80.00", ago(1))  # a receipt not allocated
    with pytest.raises(Conflict) as raised:
        customers.check("C1", "0.00")
    assert raised.value.errors[0]["overdue_amount"] == "20.00"
    assert raised.value.errors[0]["outstanding"] == "70.00"
    customers.owe("C1", "-40.00", today())  # a return not allocated: 120 credits ≥ 100 overdue
    assert customers.check("C1", "0.00") == ""


def test_overdue_never_exceeds_the_balance(customers: Customers) -> None:
    customers.control("refuse")
    customers.customer("C1", payment_terms_days=0)
    customers.owe("C1", "100.00", ago(10))  # overdue
    # A credit dated after today counts in the balance only: overdue is capped at the balance, 40.00.
    customers.owe("C1", "-60.00", today() + timedelta(days=3))
    with pytest.raises(Conflict) as raised:
        customers.check("C1", "0.00")
    assert raised.value.errors[0]["outstanding"] == "40.00"
    assert raised.value.errors[0]["overdue_amount"] == "40.00"
