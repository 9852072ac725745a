"""The issue's "bad input and rules": each refused with a clear 4xx and nothing written."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select, update

from jxc.catalog.models import Sku
from jxc.inventory.stock_models import StockMove
from jxc.purchasing import documents
from jxc.purchasing.models import PurchaseDoc
from jxc.purchasing.states import TRANSITIONS
from tests.api.purchasing.conftest import PATHS, Buyer
from tests.helpers import make_user, problem


def _count(buyer: Buyer, model: type) -> int:
    with buyer.api.db.transaction(writer=False, company_id=1) as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def _order(buyer: Buyer, qty: str = "10", price: str = "2.00") -> tuple[dict, int]:
    order = buyer.post("order", [buyer.line("COLA", qty, price)], expected_date="2026-11-25")
    return order, order["lines"][0]["id"]


def test_receiving_beyond_the_order_is_refused_unless_within_tolerance(buyer: Buyer) -> None:
    order, line = _order(buyer)
    doc = buyer.draft("receipt", [buyer.line("COLA", "11", "2.00", source_line_id=line)])
    moves = _count(buyer, StockMove)
    body = problem(buyer.act("receipt", doc["id"], "approve"), 409, "over_receipt")
    assert body["errors"][0]["field"] == "lines.0.qty"
    assert _count(buyer, StockMove) == moves
    assert buyer.get("order", order["id"])["receive_status"] == "none"
    company = buyer.api.get("/companies/current").json()
    r = buyer.api.patch("/companies/current", {"over_receipt_tolerance": "10", "version": company["version"]})
    assert r.status_code == 200, r.text
    assert Decimal(r.json()["over_receipt_tolerance"]) == 10
    assert buyer.act("receipt", doc["id"], "approve").status_code == 200
    order = buyer.get("order", order["id"])
    assert order["receive_status"] == "full"
    assert Decimal(order["lines"][0]["remaining_qty"]) == 0
    assert buyer.qty("COLA", "incoming") == 0
    # 11 received of 10 (+10% = 11): not one more.
    more = buyer.draft("receipt", [buyer.line("COLA", "1", "2.00", source_line_id=line)])
    problem(buyer.act("receipt", more["id"], "approve"), 409, "over_receipt")
    assert buyer.problems() == []


def test_rejected_units_never_enter_stock_nor_the_payable(buyer: Buyer) -> None:
    _, line = _order(buyer)
    rec = buyer.post("receipt", [buyer.line("COLA", "7", "2.00", rejected_qty="3", source_line_id=line)])
    assert rec["total_amount"] == "14.00"
    assert buyer.position("COLA") == (7, Decimal("14.00"))
    assert Decimal(buyer.payable()) == Decimal("14.00")
    # The rejected units do not count as received: 3 remain on the order.
    assert buyer.qty("COLA", "incoming") == 3
    # A line of rejected units only.
    only = buyer.post("receipt", [buyer.line("COLA", "0", "2.00", rejected_qty="2", source_line_id=line)])
    assert only["total_amount"] == "0.00"
    assert buyer.qty("COLA") == 7
    assert buyer.problems() == []


def test_returning_more_than_received_less_returned_is_refused(buyer: Buyer) -> None:
    rec = buyer.post("receipt", [buyer.line("COLA", "5", "2.00")])
    src = rec["lines"][0]["id"]
    buyer.post("return", [buyer.line("COLA", "3", "2.00", source_line_id=src)])
    r = buyer.api.get("/purchase-receipts/returnable-lines", params={"supplier_id": buyer.partner["S1"]})
    assert r.status_code == 200, r.text
    assert [(x["line_id"], Decimal(x["returnable_qty"])) for x in r.json()] == [(src, 2)]
    doc = buyer.draft("return", [buyer.line("COLA", "3", "2.00", source_line_id=src)])
    body = problem(buyer.act("return", doc["id"], "approve"), 409, "return_exceeds_received")
    assert body["errors"][0]["field"] == "lines.0.qty"
    assert buyer.qty("COLA") == 2
    # A receipt with returns is neither reversed nor un-approved until they are undone.
    problem(buyer.act("receipt", rec["id"], "reverse"), 409, "has_returns")
    # 生成退货单 from one receipt asks for that receipt's lines only
    other = buyer.post("receipt", [buyer.line("COLA", "1", "2.00")])
    r = buyer.api.get(
        "/purchase-receipts/returnable-lines",
        params={"supplier_id": buyer.partner["S1"], "receipt_ids": str(other["id"])},
    )
    assert [x["line_id"] for x in r.json()] == [other["lines"][0]["id"]]
    assert buyer.problems() == []


def test_inactive_supplier_or_sku_and_bad_quantities_and_prices(buyer: Buyer) -> None:
    p = buyer.api.get(f"/partners/{buyer.partner['S2']}").json()
    buyer.api.patch(f"/partners/{buyer.partner['S2']}", {"is_active": False, "version": p["version"]})
    r = buyer.api.post(PATHS["order"], buyer.body([buyer.line("COLA", "1", "1")], who="S2"))
    assert problem(r, 422, "invalid_document")["errors"][0]["code"] == "supplier_inactive"
    r = buyer.api.post(PATHS["order"], buyer.body([buyer.line("COLA", "1", "1")], who="C1"))
    problem(r, 404, "supplier_not_found")
    with buyer.api.db.transaction(company_id=1) as s:
        s.execute(update(Sku).where(Sku.id == buyer.shop.sku["MILK"]).values(is_active=False))
    r = buyer.api.post(PATHS["order"], buyer.body([buyer.line("MILK", "1", "1")]))
    assert problem(r, 422, "invalid_lines")["errors"][0]["code"] == "sku_inactive"
    for qty in ("0", "-1"):
        r = buyer.api.post(PATHS["order"], buyer.body([buyer.line("COLA", qty, "1")]))
        assert r.status_code == 422, r.text
    r = buyer.api.post(PATHS["receipt"], buyer.body([buyer.line("COLA", "0", "1")]))
    assert problem(r, 422, "invalid_lines")["errors"][0]["code"] == "qty_positive"
    r = buyer.api.post(PATHS["order"], buyer.body([buyer.line("COLA", "1", "1.0000001")]))
    assert r.status_code == 422, r.text
    r = buyer.api.post(PATHS["order"], buyer.body([buyer.line("COLA", "1.5", "1")]))
    assert r.status_code == 422, r.text  # 瓶 takes no fractions
    assert _count(buyer, PurchaseDoc) == 0


def test_an_approved_document_is_not_edited(buyer: Buyer) -> None:
    order, _ = _order(buyer)
    body = {**buyer.body([buyer.line("COLA", "20", "2.00")]), "version": order["version"]}
    problem(buyer.api.put(f"{PATHS['order']}/{order['id']}", body), 409, "invalid_transition")
    problem(buyer.api.delete(f"{PATHS['order']}/{order['id']}"), 409, "invalid_transition")
    assert Decimal(buyer.get("order", order["id"])["lines"][0]["qty"]) == 10


def test_reversing_a_receipt_whose_stock_was_sold_is_refused_unless_negative_allowed(buyer: Buyer) -> None:
    rec = buyer.post("receipt", [buyer.line("COLA", "5", "2.00")])
    buyer.shop.post("other_out", [buyer.shop.line("COLA", "4")], reason="loss")
    problem(buyer.act("receipt", rec["id"], "reverse"), 409, "insufficient_stock")
    problem(buyer.act("receipt", rec["id"], "unapprove"), 409, "insufficient_stock")
    assert Decimal(buyer.payable()) == Decimal("10.00")
    company = buyer.api.get("/companies/current").json()
    buyer.api.patch("/companies/current", {"allow_negative_stock": True, "version": company["version"]})
    r = buyer.act("receipt", rec["id"], "reverse")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "reversed"
    assert buyer.qty("COLA") == -4
    assert Decimal(buyer.payable()) == 0
    assert buyer.problems() == []


def test_reversing_a_receipt_a_payment_settled_is_blocked(buyer: Buyer) -> None:
    rec = buyer.post("receipt", [buyer.line("COLA", "5", "2.00")])
    company = buyer.api.get("/companies/current").json()
    buyer.api.patch("/companies/current", {"allow_negative_cash": True, "version": company["version"]})
    pay = buyer.api.post(
        "/payments",
        {
            "business_date": "2026-11-21",
            "partner_id": buyer.partner["S1"],
            "account_id": buyer.account["CASH"],
            "amount": "10.00",
        },
    ).json()
    assert buyer.api.post(f"/payments/{pay['id']}/approve").status_code == 200
    body = problem(buyer.act("receipt", rec["id"], "reverse"), 409, "reverse_blocked")
    assert pay["number"] in body["detail"]
    assert buyer.qty("COLA") == 5
    assert buyer.api.post(f"/payments/{pay['id']}/reverse").status_code == 200
    assert buyer.act("receipt", rec["id"], "reverse").status_code == 200
    assert buyer.problems() == []


def test_paid_now_and_unapprove_then_approve_again(buyer: Buyer) -> None:
    company = buyer.api.get("/companies/current").json()
    buyer.api.patch("/companies/current", {"allow_negative_cash": True, "version": company["version"]})
    r = buyer.api.post(PATHS["receipt"], buyer.body([buyer.line("COLA", "5", "2.00")], paid_amount="4.00"))
    assert problem(r, 422, "invalid_document")["errors"][0]["code"] == "account_required"
    rec = buyer.post(
        "receipt", [buyer.line("COLA", "5", "2.00")], paid_amount="4.00", account_id=buyer.account["CASH"]
    )
    assert Decimal(buyer.payable()) == Decimal("6.00")
    cash = buyer.api.get("/account-balances").json()["items"][0]["balance"]
    assert cash == "-4.00"
    r = buyer.act("receipt", rec["id"], "unapprove")
    assert r.status_code == 200, r.text
    assert (Decimal(buyer.payable()), buyer.qty("COLA")) == (0, 0)
    assert buyer.act("receipt", rec["id"], "approve").status_code == 200
    assert (Decimal(buyer.payable()), buyer.qty("COLA")) == (Decimal("6.00"), 5)
    assert buyer.act("receipt", rec["id"], "reverse").status_code == 200
    assert (Decimal(buyer.payable()), buyer.qty("COLA")) == (0, 0)
    assert buyer.api.get("/account-balances").json()["items"][0]["balance"] == "0.00"
    assert buyer.problems() == []


def test_orders_unapprove_only_before_receipts_and_close_releases_incoming(buyer: Buyer) -> None:
    order, line = _order(buyer)
    assert buyer.act("order", order["id"], "unapprove").status_code == 200
    assert buyer.qty("COLA", "incoming") == 0
    assert buyer.act("order", order["id"], "approve").status_code == 200
    buyer.post("receipt", [buyer.line("COLA", "4", "2.00", source_line_id=line)])
    problem(buyer.act("order", order["id"], "unapprove"), 409, "order_has_receipts")
    late = buyer.draft("receipt", [buyer.line("COLA", "1", "2.00", source_line_id=line)])
    assert buyer.act("order", order["id"], "reverse").status_code in (404, 405)  # orders have no 红冲
    r = buyer.act("order", order["id"], "close")
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["receive_status"]) == ("closed", "closed")
    assert buyer.qty("COLA", "incoming") == 0
    problem(buyer.act("receipt", late["id"], "approve"), 409, "order_line_invalid")
    r = buyer.api.post(PATHS["receipt"], buyer.body([buyer.line("COLA", "1", "2.00", source_line_id=line)]))
    assert problem(r, 422, "invalid_lines")["errors"][0]["code"] == "order_line_invalid"
    assert buyer.problems() == []


def test_receipts_from_another_suppliers_order_are_refused(buyer: Buyer) -> None:
    _, line = _order(buyer)
    r = buyer.api.post(
        PATHS["receipt"], buyer.body([buyer.line("COLA", "1", "2.00", source_line_id=line)], who="S2")
    )
    assert problem(r, 422, "invalid_lines")["errors"][0]["code"] == "order_line_invalid"


def test_purchase_prices_need_price_or_cost_permission(buyer: Buyer) -> None:
    order, _ = _order(buyer)
    make_user(buyer.api.db, "keeper", ["purchase.order.view"])
    make_user(buyer.api.db, "buyer1", ["purchase.order.view", "purchase.price.view"])
    buyer.api.login("keeper")
    doc = buyer.api.get(f"{PATHS['order']}/{order['id']}").json()
    assert "total_amount" not in doc
    assert "price" not in doc["lines"][0]
    assert "amount" not in doc["lines"][0]
    row = buyer.api.get(PATHS["order"]).json()["items"][0]
    assert "total_amount" not in row
    make_user(buyer.api.db, "clerk", ["purchase.order.view", "purchase.order.export"])
    buyer.api.login("clerk")
    csv = buyer.api.get(PATHS["order"], params={"format": "csv"}).content.decode("utf-8-sig")
    assert order["number"] in csv
    assert "20.00" not in csv
    buyer.api.login("buyer1")
    doc = buyer.api.get(f"{PATHS['order']}/{order['id']}").json()
    assert doc["total_amount"] == "20.00"
    assert doc["lines"][0]["price"] == "2.000000"


def test_price_default_is_the_suppliers_last_price_then_the_reference(buyer: Buyer) -> None:
    params = {
        "supplier_id": buyer.partner["S1"],
        "sku_id": buyer.shop.sku["COLA"],
        "unit_id": buyer.shop.units["瓶"],
    }
    r = buyer.api.get("/purchase-prices/default", params=params)
    assert r.json()["source"] in ("none", "reference")
    buyer.post("receipt", [buyer.line("COLA", "1", "2.35")], day="2026-11-02")
    buyer.post("receipt", [buyer.line("COLA", "1", "2.40")], day="2026-11-03")
    r = buyer.api.get("/purchase-prices/default", params=params).json()
    assert (r["source"], r["price"]) == ("last", "2.400000")
    doc = buyer.draft("order", [buyer.line("COLA", "2")])
    assert doc["lines"][0]["price"] == "2.400000"


def test_an_order_deposit_is_a_prepayment_returned_on_unapprove(buyer: Buyer) -> None:
    company = buyer.api.get("/companies/current").json()
    buyer.api.patch("/companies/current", {"allow_negative_cash": True, "version": company["version"]})
    order = buyer.post(
        "order", [buyer.line("COLA", "10", "2.00")], paid_amount="5.00", account_id=buyer.account["CASH"]
    )
    assert order["paid_amount"] == "5.00"
    assert Decimal(buyer.payable()) == Decimal("-5.00")
    assert buyer.api.get("/account-balances").json()["items"][0]["balance"] == "-5.00"
    assert buyer.act("order", order["id"], "unapprove").status_code == 200
    assert Decimal(buyer.payable()) == 0
    assert buyer.act("order", order["id"], "approve").status_code == 200
    assert Decimal(buyer.payable()) == Decimal("-5.00")
    assert buyer.problems() == []


def test_every_transition_has_a_service_function_and_a_route(buyer: Buyer) -> None:
    paths = set(buyer.api.client.app.openapi()["paths"])  # type: ignore[attr-defined]
    for kind, transitions in TRANSITIONS.items():
        for action in transitions.table:
            assert callable(getattr(documents, action))
            assert f"/api/v1{PATHS[kind]}/{{doc_id}}/{action}" in paths
    assert "/api/v1/purchase-orders/{doc_id}/reverse" not in paths
