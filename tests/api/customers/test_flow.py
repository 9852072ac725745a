"""Credit control and the customer record through the real sales documents: the 409 carries the figures,
an approved delivery shows up in the record with its price, cost and profit."""

from __future__ import annotations

from typing import Any

import pytest

from jxc.common.clock import today
from tests.api.inventory.conftest import Shop
from tests.api.inventory.conftest import shop as shop
from tests.helpers import Api, make_user, problem


@pytest.fixture
def customer(shop: Shop) -> int:
    shop.post("opening", [shop.line("COLA", "100", "2.00")], day="2026-11-01")
    r = shop.api.post("/partners", {"code": "C1", "name": "华联超市", "credit_limit": "100.00"})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _doc(shop: Shop, customer: int, path: str, qty: str, price: str, **extra: Any) -> dict[str, Any]:
    body = {
        "business_date": today().isoformat(),  # due today (no terms): not overdue
        "customer_id": customer,
        "warehouse_id": shop.wh["A"],
        "lines": [
            {"sku_id": shop.sku["COLA"], "unit_id": shop.units["瓶"], "qty": qty, "price": price, **extra}
        ],
    }
    r = shop.api.post(path, body)
    assert r.status_code == 201, r.text
    return dict(r.json())


def _refuse(api: Api) -> None:
    company = api.get("/companies/current").json()
    r = api.patch("/companies/current", {"credit_control": "refuse", "version": company["version"]})
    assert r.status_code == 200, r.text


def test_a_refused_approval_carries_the_figures(shop: Shop, customer: int, client):  # type: ignore[no-untyped-def]
    api = shop.api
    first = _doc(shop, customer, "/sales-deliveries", "10", "6.00")  # 60.00
    assert api.post(f"/sales-deliveries/{first['id']}/approve").status_code == 200
    _refuse(api)
    order = _doc(shop, customer, "/sales-orders", "10", "5.00")  # 50.00: 60 + 50 > 100
    make_user(api.db, "clerk", ["sales.order.create", "sales.order.approve", "sales.order.view"])
    clerk = Api(client, api.db)
    clerk.login("clerk")
    body = problem(clerk.post(f"/sales-orders/{order['id']}/approve"), 409, "credit_limit_exceeded")
    figures = {k: body["errors"][0][k] for k in ("outstanding", "credit_limit", "adding", "overdue_amount")}
    assert figures == {
        "outstanding": "60.00",
        "credit_limit": "100.00",
        "adding": "50.00",
        "overdue_amount": "0.00",
    }
    assert "60.00" in body["detail"]
    assert clerk.get(f"/sales-orders/{order['id']}").json()["status"] == "draft"


def test_the_record_reads_approved_deliveries(shop: Shop, customer: int, client):  # type: ignore[no-untyped-def]
    api = shop.api
    d = _doc(shop, customer, "/sales-deliveries", "10", "5.65", tax_rate="13")  # 56.50, ex tax 50.00
    assert api.post(f"/sales-deliveries/{d['id']}/approve").status_code == 200
    rec = api.get(f"/customers/{customer}/sales-record").json()
    assert rec["sold_amount"] == "56.50"
    assert rec["outstanding"] == "56.50"
    # Revenue 50.00 less cost 10 × 2.00
    assert rec["profit_amount"] == "30.00"
    assert [(p["sku"], p["price"]) for p in rec["last_prices"]] == [("COLA", "5.650000")]
    assert [x["number"] for x in rec["documents"]] == [d["number"]]
    make_user(api.db, "viewer", ["sales.customer.view"])
    viewer = Api(client, api.db)
    viewer.login("viewer")
    assert "profit_amount" not in viewer.get(f"/customers/{customer}/sales-record").json()
