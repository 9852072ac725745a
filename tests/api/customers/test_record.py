"""客户档案: sums, documents, payments, last prices and top products of one customer, worked out by hand;
profit only for cost.view; only approved documents, the user's warehouses and the customer's company.

The sales documents are written as rows here (as the sales services would leave them once approved), so
these tests do not depend on the document services."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from jxc.common.clock import today
from jxc.finance import ledger
from jxc.finance.ledger import Cash, DocRef
from jxc.sales.models import SalesDoc, SalesDocLine
from tests.api.customers.conftest import Customers, ago
from tests.api.inventory.conftest import Shop
from tests.api.inventory.conftest import shop as shop
from tests.helpers import Api, company_id, make_user, problem

_n = itertools.count(1)
D = Decimal


class Sales:
    def __init__(self, shop: Shop, customers: Customers) -> None:
        self.shop, self.customers = shop, customers

    def doc(
        self,
        kind: str,
        who: str,
        on: str,
        lines: list[tuple[str, str, str, str, str]],  # sku, qty, price, total, amount
        *,
        cost: str = "0",
        status: str = "approved",
        wh: str = "A",
        deliver_status: str = "",
    ) -> int:
        n = next(_n)
        total = sum((D(t) for _, _, _, t, _ in lines), D(0))
        amount = sum((D(a) for _, _, _, _, a in lines), D(0))
        with self.shop.api.db.transaction(writer=True, company_id=self.customers.company) as s:
            doc = SalesDoc(
                kind=kind,
                number=f"{kind.upper()}-{n:04d}",
                business_date=date.fromisoformat(on),
                customer_id=self.customers.ids[who],
                warehouse_id=self.shop.wh[wh],
                status=status,
                total_amount=total,
                amount=amount,
                tax_amount=total - amount,
                cost_amount=D(cost),
                profit_amount=amount - D(cost),
                deliver_status=deliver_status,
            )
            s.add(doc)
            s.flush()
            for i, (sku, qty, price, line_total, line_amount) in enumerate(lines):
                s.add(
                    SalesDocLine(
                        doc_id=doc.id,
                        line_no=i + 1,
                        sku_id=self.shop.sku[sku],
                        unit_id=self.shop.units["瓶"],
                        qty=D(qty),
                        ratio=D(1),
                        base_qty=D(qty),
                        price=D(price),
                        net_price=D(price),
                        total=D(line_total),
                        amount=D(line_amount),
                        tax_amount=D(line_total) - D(line_amount),
                    )
                )
            return doc.id


@pytest.fixture
def sales(shop: Shop, api: Api) -> Sales:
    c = Customers(api, company_id(api.db))
    zhang = make_user(api.db, "zhang", ["sales.order.view"])
    c.customer("C1", salesperson_id=zhang, credit_limit="5000.00", payment_terms_days=30)
    c.customer("C2")
    return Sales(shop, c)


def _record(api: Api, who: int, **params: str) -> dict[str, Any]:
    r = api.get(f"/customers/{who}/sales-record", params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def _book(sales: Sales) -> dict[str, int]:
    d = {
        "O1": sales.doc(
            "order",
            "C1",
            "2026-10-01",
            [("COLA", "20", "56.5", "1130.00", "1000.00")],
            deliver_status="partial",
        ),
        "D1": sales.doc(
            "delivery", "C1", "2026-10-02", [("COLA", "10", "56.5", "565.00", "500.00")], cost="300.00"
        ),
        "D2": sales.doc(
            "delivery", "C1", "2026-10-20", [("COLA", "5", "60", "300.00", "265.49")], cost="150.00"
        ),
        "R1": sales.doc("retail", "C1", "2026-10-21", [("MILK", "2", "10", "20.00", "17.70")], cost="12.00"),
        "T1": sales.doc(
            "return", "C1", "2026-10-22", [("COLA", "2", "56.5", "113.00", "100.00")], cost="60.00"
        ),
        # Not counted: a draft, a reversed delivery, another customer's, and a free unit (price 0).
        "X1": sales.doc(
            "delivery", "C1", "2026-10-23", [("COLA", "99", "1", "99.00", "99.00")], status="draft"
        ),
        "X2": sales.doc(
            "delivery", "C1", "2026-10-24", [("COLA", "7", "70", "490.00", "490.00")], status="reversed"
        ),
        "X3": sales.doc("delivery", "C2", "2026-10-25", [("COLA", "1", "80", "80.00", "80.00")]),
        "B1": sales.doc(
            "delivery", "C1", "2026-10-19", [("MILK", "1", "12", "12.00", "10.62")], wh="B", cost="6.00"
        ),
    }
    return d


def test_the_record_adds_up(api: Api, sales: Sales):
    d = _book(sales)
    c1 = sales.customers.ids["C1"]
    sales.customers.owe("C1", "772.00", ago(40))  # overdue after 30 days' terms
    sales.customers.owe("C1", "12.00", today())
    account = api.post("/accounts", {"code": "CASH", "name": "现金", "kind": "cash"}).json()["id"]
    with api.db.transaction(writer=True, company_id=sales.customers.company) as s:
        ledger.cash(s, DocRef("receipt", 1, "SKD-0001", date(2026, 10, 30)), [Cash(account, D("300.00"), c1)])
        ledger.cash(
            s,
            DocRef("receipt", 2, "SKD-0002", date(2026, 10, 31)),
            [Cash(account, D("5.00"), sales.customers.ids["C2"])],
        )
    rec = _record(api, c1)
    assert rec["customer_name"] == "C1客户"
    assert rec["salesperson_name"] == "Zhang"
    # 565 + 300 + 20 + 12 − 113
    assert rec["sold_amount"] == "784.00"
    # (500 − 300) + (265.49 − 150) + (17.70 − 12) + (10.62 − 6) − (100 − 60)
    assert rec["profit_amount"] == "285.81"
    assert rec["outstanding"] == "784.00"
    assert rec["credit_limit"] == "5000.00"
    assert rec["overdue_amount"] == "772.00"
    assert [x["id"] for x in rec["documents"]] == [d["T1"], d["R1"], d["D2"], d["B1"], d["D1"], d["O1"]]
    assert rec["documents"][-1]["deliver_status"] == "partial"
    assert rec["payments"] == [{"doc_number": "SKD-0001", "date": "2026-10-30", "amount": "300.00"}]
    numbers = {x["id"]: x["number"] for x in rec["documents"]}
    # Newest first; MILK's newest price is the ticket's, not the older one from warehouse B.
    assert [(p["sku"], p["unit"], p["price"], p["number"]) for p in rec["last_prices"]] == [
        ("MILK", "瓶", "10.000000", numbers[d["R1"]]),
        ("COLA", "瓶", "60.000000", numbers[d["D2"]]),
    ]
    # COLA: 10 + 5 − 2 = 13 for 565 + 300 − 113; MILK: 2 + 1 = 3 for 32
    assert [(t["sku_code"], t["qty"], t["amount"]) for t in rec["top_products"]] == [
        ("COLA", "13.0000", "752.00"),
        ("MILK", "3.0000", "32.00"),
    ]


def test_dates_limit_the_documents(api: Api, sales: Sales):
    d = _book(sales)
    rec = _record(api, sales.customers.ids["C1"], date_from="2026-10-20", date_to="2026-10-21")
    assert [x["id"] for x in rec["documents"]] == [d["R1"], d["D2"]]
    assert rec["sold_amount"] == "320.00"


def test_profit_needs_cost_view(api: Api, sales: Sales, client):  # type: ignore[no-untyped-def]
    _book(sales)
    make_user(api.db, "clerk", ["sales.customer.view"])
    make_user(api.db, "owner", ["sales.customer.view", "cost.view"])
    user = Api(client, api.db)
    user.login("clerk")
    rec = _record(user, sales.customers.ids["C1"])
    assert "profit_amount" not in rec
    assert "285.81" not in str(rec)  # the sentinel figure appears nowhere
    user.login("owner")
    assert _record(user, sales.customers.ids["C1"])["profit_amount"] == "285.81"


def test_needs_its_permission_and_respects_the_warehouse_scope(api: Api, sales: Sales, client):  # type: ignore[no-untyped-def]
    d = _book(sales)
    make_user(api.db, "nobody", ["partner.view"])
    make_user(api.db, "store", ["sales.customer.view"], warehouses=[sales.shop.wh["A"]])
    user = Api(client, api.db)
    user.login("nobody")
    problem(user.get(f"/customers/{sales.customers.ids['C1']}/sales-record"), 403, "permission_denied")
    user.login("store")
    rec = _record(user, sales.customers.ids["C1"])
    assert d["B1"] not in [x["id"] for x in rec["documents"]]
    assert rec["sold_amount"] == "772.00"


def test_suppliers_and_other_companies_customers_are_not_found(api: Api, sales: Sales):
    s1 = sales.customers.customer("S1", is_customer=False, is_supplier=True)
    problem(api.get(f"/customers/{s1}/sales-record"), 404, "customer_not_found")
    problem(api.get("/customers/999999/sales-record"), 404, "customer_not_found")
    other = api.post("/companies", {"name": "乙公司", "start_date": "2026-11-01"}).json()["id"]
    api.post("/auth/switch-company", {"company_id": other})
    problem(api.get(f"/customers/{sales.customers.ids['C1']}/sales-record"), 404, "customer_not_found")
