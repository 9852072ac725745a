"""The contract's rules for sales orders, deliveries and returns: each refused with a clear 4xx, nothing
written, and the happy path right after."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update

from jxc.catalog.models import Sku
from jxc.inventory.stock_models import StockMove
from jxc.sales import documents
from jxc.sales.models import SalesDoc
from jxc.sales.states import TRANSITIONS
from tests.api.sales.conftest import PATHS, Seller
from tests.helpers import problem


def _count(seller: Seller, model: type) -> int:
    with seller.api.db.transaction(writer=False, company_id=1) as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_order_approval_reserves_and_names_the_short_lines(seller: Seller) -> None:
    # COLA: 100 available; MILK: 15. Two COLA lines add up past what is available.
    doc = seller.draft(
        "order",
        [
            seller.line("COLA", "60"),
            seller.line("MILK", "3"),
            seller.line("COLA", "50"),
            seller.line("MILK", "20"),
        ],
    )
    body = problem(seller.act("order", doc["id"], "approve"), 409, "insufficient_stock")
    short = {e["field"]: (e["needed"], e["available"]) for e in body["errors"]}
    assert short == {
        "lines.0.qty": ("110", "100"),
        "lines.1.qty": ("23", "15"),
        "lines.2.qty": ("110", "100"),
        "lines.3.qty": ("23", "15"),
    }
    assert all(e["sku_id"] for e in body["errors"])
    assert seller.qty("COLA", "reserved") == seller.qty("MILK", "reserved") == 0
    assert seller.get("order", doc["id"])["status"] == "draft"
    # Within what is available: reserved; what is reserved is no longer available to the next order.
    ok = seller.post("order", [seller.line("COLA", "70")])
    assert ok["lines"][0]["available_qty"] == "30.0000"
    assert seller.qty("COLA", "reserved") == 70
    late = seller.draft("order", [seller.line("COLA", "31")])
    problem(seller.act("order", late["id"], "approve"), 409, "insufficient_stock")
    # Unless the company allows negative stock.
    seller.settings(allow_negative_stock=True)
    assert seller.act("order", late["id"], "approve").status_code == 200
    assert seller.qty("COLA", "reserved") == 101
    assert seller.problems() == []


def test_a_direct_delivery_cannot_take_reserved_stock(seller: Seller) -> None:
    seller.post("order", [seller.line("COLA", "80")], who="C2")
    doc = seller.draft("delivery", [seller.line("COLA", "30")])
    body = problem(seller.act("delivery", doc["id"], "approve"), 409, "insufficient_stock")
    assert body["errors"][0]["field"] == "lines.0.qty"
    assert seller.qty("COLA") == 100
    ok = seller.post("delivery", [seller.line("COLA", "20")])
    assert ok["lines"][0]["cost_amount"] == "40.00"
    assert seller.qty("COLA") == 80
    assert seller.qty("COLA", "reserved") == 80
    assert seller.problems() == []


def test_delivering_beyond_the_order_is_refused(seller: Seller) -> None:
    order = seller.post("order", [seller.line("COLA", "10")])
    line = order["lines"][0]["id"]
    doc = seller.draft("delivery", [seller.line("COLA", "6", source_line_id=line)])
    more = seller.draft("delivery", [seller.line("COLA", "5", source_line_id=line)])
    assert seller.act("delivery", doc["id"], "approve").status_code == 200
    moves = _count(seller, StockMove)
    body = problem(seller.act("delivery", more["id"], "approve"), 409, "over_delivery")
    assert body["errors"][0]["field"] == "lines.0.qty"
    assert _count(seller, StockMove) == moves
    assert seller.qty("COLA", "reserved") == 4
    assert seller.get("order", order["id"])["deliver_status"] == "partial"


def test_close_releases_what_is_left_and_blocks_further_deliveries(seller: Seller) -> None:
    order = seller.post("order", [seller.line("COLA", "10")])
    line = order["lines"][0]["id"]
    seller.post("delivery", [seller.line("COLA", "4", source_line_id=line)])
    pending = seller.draft("delivery", [seller.line("COLA", "2", source_line_id=line)])
    assert seller.qty("COLA", "reserved") == 6
    r = seller.act("order", order["id"], "close")
    assert r.status_code == 200, r.text
    assert r.json()["deliver_status"] == "closed"
    assert r.json()["status"] == "closed"
    assert r.json()["closed_by_name"]
    assert seller.qty("COLA", "reserved") == 0
    problem(seller.act("delivery", pending["id"], "approve"), 409, "order_line_invalid")
    problem(seller.act("order", order["id"], "close"), 409, "invalid_transition")
    problem(seller.act("order", order["id"], "unapprove"), 409, "invalid_transition")
    assert [e["event"] for e in seller.get("order", order["id"])["timeline"]][-1] == "closed"
    assert seller.problems() == []


def test_unapprove_is_refused_once_delivered_and_a_delivery_undone_reserves_again(seller: Seller) -> None:
    order = seller.post(
        "order", [seller.line("COLA", "10")], paid_amount="5.00", account_id=seller.account["CASH"]
    )
    line = order["lines"][0]["id"]
    out = seller.post("delivery", [seller.line("COLA", "4", source_line_id=line)])
    assert seller.receivable() == Decimal("15.00")  # −5 订金 + 4 × 5
    problem(seller.act("order", order["id"], "unapprove"), 409, "order_has_deliveries")
    r = seller.act("delivery", out["id"], "unapprove")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "draft"
    assert r.json()["cost_amount"] == "0.00"
    assert seller.qty("COLA") == 100
    assert seller.qty("COLA", "reserved") == 10
    assert seller.get("order", order["id"])["deliver_status"] == "none"
    assert seller.receivable() == Decimal("-5.00")
    # Nothing delivered any more: the order may be un-approved; its 订金 goes back.
    r = seller.act("order", order["id"], "unapprove")
    assert r.status_code == 200, r.text
    assert seller.qty("COLA", "reserved") == 0
    assert seller.receivable() == 0
    assert seller.cash() == 0
    assert seller.problems() == []


def test_returns_are_limited_to_what_was_delivered_and_block_undoing_the_delivery(seller: Seller) -> None:
    out = seller.post("delivery", [seller.line("COLA", "5")])
    src = out["lines"][0]["id"]
    seller.post("return", [seller.line("COLA", "3", source_line_id=src)])
    doc = seller.draft("return", [seller.line("COLA", "3", source_line_id=src)])
    body = problem(seller.act("return", doc["id"], "approve"), 409, "return_exceeds_delivered")
    assert body["errors"][0]["field"] == "lines.0.qty"
    assert seller.qty("COLA") == 98
    problem(seller.act("delivery", out["id"], "reverse"), 409, "has_returns")
    problem(seller.act("delivery", out["id"], "unapprove"), 409, "has_returns")
    # Another customer's delivery line is not returnable by this one.
    r = seller.api.post(
        PATHS["return"], seller.body([seller.line("COLA", "1", source_line_id=src)], who="C2")
    )
    assert problem(r, 422, "invalid_lines")["errors"][0]["code"] == "delivery_line_invalid"
    assert seller.problems() == []


def test_a_direct_return_comes_back_at_the_moving_average(seller: Seller) -> None:
    ret = seller.post("return", [seller.line("COLA", "10", "3.00")])
    assert ret["lines"][0]["cost_amount"] == "20.00"  # 10 × 2.00, the average
    assert seller.position("COLA") == (110, Decimal("220.00"))
    assert seller.receivable() == Decimal("-30.00")
    r = seller.act("return", ret["id"], "reverse")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "reversed"
    assert seller.position("COLA") == (100, Decimal("200.00"))
    assert seller.receivable() == 0
    assert seller.problems() == []


def test_bad_input_is_refused_and_nothing_written(seller: Seller) -> None:
    p = seller.api.get(f"/partners/{seller.partner['C2']}").json()
    seller.api.patch(f"/partners/{seller.partner['C2']}", {"is_active": False, "version": p["version"]})
    r = seller.api.post(PATHS["order"], seller.body([seller.line("COLA", "1")], who="C2"))
    assert problem(r, 422, "invalid_document")["errors"][0]["code"] == "customer_inactive"
    problem(
        seller.api.post(PATHS["order"], seller.body([seller.line("COLA", "1")], who="S1")),
        404,
        "customer_not_found",
    )
    with seller.api.db.transaction(company_id=1) as s:
        s.execute(update(Sku).where(Sku.id == seller.shop.sku["MILK"]).values(is_active=False))
    r = seller.api.post(PATHS["order"], seller.body([seller.line("MILK", "1")]))
    assert problem(r, 422, "invalid_lines")["errors"][0]["code"] == "sku_inactive"
    r = seller.api.post(PATHS["order"], seller.body([seller.line("COLA", "1", discount_rate="100.01")]))
    assert problem(r, 422, "invalid_lines")["errors"][0] == {
        "field": "lines.0.discount_rate",
        "code": "discount_invalid",
        "message": r.json()["errors"][0]["message"],
    }
    r = seller.api.post(PATHS["order"], seller.body([seller.line("COLA", "1", "1.0000001")]))
    assert r.status_code == 422, r.text
    for qty in ("0", "-1", "1.5"):  # 瓶 takes no fractions
        assert seller.api.post(PATHS["order"], seller.body([seller.line("COLA", qty)])).status_code == 422
    r = seller.api.post(PATHS["delivery"], seller.body([seller.line("COLA", "1")], paid_amount="6.00"))
    assert problem(r, 422, "invalid_document")["errors"][0]["code"] == "account_required"
    r = seller.api.post(
        PATHS["delivery"],
        seller.body([seller.line("COLA", "1")], paid_amount="6.00", account_id=seller.account["CASH"]),
    )
    problem(r, 422, "amount_invalid")
    assert _count(seller, SalesDoc) == 0


def test_an_approved_document_is_not_edited(seller: Seller) -> None:
    order = seller.post("order", [seller.line("COLA", "10")])
    body = {**seller.body([seller.line("COLA", "20")]), "version": order["version"]}
    problem(seller.api.put(f"{PATHS['order']}/{order['id']}", body), 409, "invalid_transition")
    problem(seller.api.delete(f"{PATHS['order']}/{order['id']}"), 409, "invalid_transition")
    draft = seller.draft("order", [seller.line("COLA", "1")])
    body = {**seller.body([seller.line("COLA", "2")]), "version": draft["version"]}
    r = seller.api.put(f"{PATHS['order']}/{draft['id']}", body)
    assert r.status_code == 200, r.text
    assert r.json()["total_amount"] == "10.00"
    problem(seller.api.put(f"{PATHS['order']}/{draft['id']}", body), 409, "version_conflict")
    assert seller.api.delete(f"{PATHS['order']}/{draft['id']}").status_code == 204


def test_lots_leave_first_expiry_first_and_the_picking_list_suggests_them(seller: Seller) -> None:
    doc = seller.draft("delivery", [seller.line("MILK", "7"), seller.line("COLA", "3")])
    r = seller.api.get(f"/sales-deliveries/{doc['id']}/picking-list")
    assert r.status_code == 200, r.text
    lines = r.json()["lines"]
    assert [x["sku_code"] for x in lines] == ["COLA", "MILK"]
    assert [(lot["lot_no"], lot["qty"]) for lot in lines[1]["lots"]] == [("L1", "5.0000"), ("L2", "2.0000")]
    assert lines[1]["on_hand"] == "15.0000"
    # A named lot leaves from that lot only.
    named = seller.post("delivery", [seller.line("MILK", "4", lot_no="L2")])
    assert named["lines"][0]["lot_no"] == "L2"
    r = seller.api.get(
        "/stock-lots", params={"sku_id": seller.shop.sku["MILK"], "warehouse_id": seller.shop.wh["A"]}
    )
    assert {x["lot_no"]: x["on_hand"] for x in r.json()} == {"L1": "5.0000", "L2": "6.0000"}
    assert seller.problems() == []
    too_many = seller.draft("delivery", [seller.line("MILK", "12")])
    problem(seller.act("delivery", too_many["id"], "approve"), 409, "insufficient_stock")


def test_every_transition_has_a_service_function_and_a_route(seller: Seller) -> None:
    paths = set(seller.api.client.app.openapi()["paths"])  # type: ignore[attr-defined]
    for kind, transitions in TRANSITIONS.items():
        for action in transitions.table:
            assert callable(getattr(documents, action))
            assert f"/api/v1{PATHS[kind]}/{{doc_id}}/{action}" in paths
    assert "/api/v1/sales-orders/{doc_id}/reverse" not in paths


def test_reversing_a_delivery_undoes_stock_receivable_and_the_money_received(seller: Seller) -> None:
    order = seller.post("order", [seller.line("COLA", "10", "3.00")])
    out = seller.post(
        "delivery",
        [seller.line("COLA", "10", None, source_line_id=order["lines"][0]["id"])],
        paid_amount="12.00",
        account_id=seller.account["CASH"],
    )
    assert seller.receivable() == Decimal("18.00")
    assert seller.cash() == Decimal("12.00")
    assert seller.get("order", order["id"])["deliver_status"] == "full"
    r = seller.act("delivery", out["id"], "reverse", {"business_date": "2026-11-21"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "reversed"
    assert r.json()["cost_amount"] == "20.00"  # what it cost stays on the reversed document
    assert seller.position("COLA") == (100, Decimal("200.00"))
    assert seller.receivable() == 0
    assert seller.cash() == 0
    # The order is open again and holds its units.
    assert seller.get("order", order["id"])["deliver_status"] == "none"
    assert seller.qty("COLA", "reserved") == 10
    problem(seller.act("delivery", out["id"], "reverse"), 409, "invalid_transition")
    assert seller.problems() == []


def test_a_return_goes_back_into_the_lots_the_delivery_took(seller: Seller) -> None:
    out = seller.post("delivery", [seller.line("MILK", "7")])  # 5 of L1, 2 of L2
    src = out["lines"][0]["id"]
    seller.post("return", [seller.line("MILK", "6", source_line_id=src)])
    r = seller.api.get(
        "/stock-lots", params={"sku_id": seller.shop.sku["MILK"], "warehouse_id": seller.shop.wh["A"]}
    )
    assert r.status_code == 200, r.text
    assert {x["lot_no"]: x["on_hand"] for x in r.json()} == {"L1": "5.0000", "L2": "9.0000"}
    assert seller.position("MILK") == (14, Decimal("42.00"))
    # A direct return of a lot-tracked SKU names its lot.
    r = seller.api.post(PATHS["return"], seller.body([seller.line("MILK", "1")]))
    doc = r.json()
    problem(seller.act("return", doc["id"], "approve"), 422, "lot_required")
    assert seller.problems() == []


def test_verify_checks_reservations_against_open_orders(seller: Seller) -> None:
    from jxc.inventory.stock_models import StockBalance

    seller.post("order", [seller.line("COLA", "7")])
    assert seller.problems() == []
    with seller.api.db.transaction(company_id=1) as s:
        s.execute(
            update(StockBalance).where(StockBalance.sku_id == seller.shop.sku["COLA"]).values(reserved=0)
        )
    assert any("reserved 0" in p and "!= open documents 7" in p for p in seller.problems())


def test_the_picking_list_walks_the_shelves_by_location(seller: Seller) -> None:
    def product(code: str, location: str) -> dict[str, Any]:
        body = {"code": code, "name": code, "base_unit_id": seller.shop.units["瓶"], "location": location}
        r = seller.api.post("/products", body)
        assert r.status_code == 201, r.text
        assert r.json()["location"] == location
        sku = r.json()["skus"][0]["id"]
        return {"sku_id": sku, "unit_id": seller.shop.units["瓶"], "qty": "1", "price": "1.00"}

    lines = [product("P-A", ""), product("P-B", "B-02"), product("P-C", "A-01"), product("P-D", "")]
    doc = seller.draft("delivery", lines)
    r = seller.api.get(f"/sales-deliveries/{doc['id']}/picking-list")
    # Shelf by shelf, then what has no shelf by code (by code alone the order would be A, B, C, D).
    walk = [(x["sku_code"], x["location"]) for x in r.json()["lines"]]
    assert walk == [("P-C", "A-01"), ("P-B", "B-02"), ("P-A", ""), ("P-D", "")]
