"""The issue's walk-through: order → two partial deliveries (the rest stays reserved) → return one; costs,
profits, the receivable and 本次收款 computed by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

from tests.api.sales.conftest import Seller
from tests.helpers import problem


def test_order_deliver_in_two_parts_then_return(seller: Seller) -> None:
    order = seller.post(
        "order",
        [
            seller.line("COLA", "30", "5.65", tax_rate="13", discount_rate="10"),
            seller.line("MILK", "12", "4.00"),
        ],
        day="2026-11-10",
        expected_date="2026-11-15",
        paid_amount="50.00",
        account_id=seller.account["CASH"],
    )
    # COLA: net 5.65 × 0.9 = 5.085000; total 30 × 5.085 = 152.55; amount 152.55 / 1.13 = 135.00, tax 17.55.
    cola_line, milk_line = order["lines"]
    assert (cola_line["net_price"], cola_line["total"], cola_line["amount"], cola_line["tax_amount"]) == (
        "5.085000",
        "152.55",
        "135.00",
        "17.55",
    )
    assert order["total_amount"] == "200.55"  # 152.55 + 48.00
    assert order["deliver_status"] == "none"
    assert seller.qty("COLA", "reserved") == 30
    assert seller.qty("MILK", "reserved") == 12
    # 订金 50: cash in, an advance (negative receivable).
    assert seller.receivable() == Decimal("-50.00")
    assert seller.cash() == Decimal("50.00")

    first = seller.post(
        "delivery",
        [
            seller.line("COLA", "10", None, source_line_id=cola_line["id"]),
            seller.line("MILK", "7", None, source_line_id=milk_line["id"]),
        ],
        day="2026-11-12",
        paid_amount="20.00",
        account_id=seller.account["CASH"],
    )
    # The order's prices: COLA 10 × 5.085 = 50.85 (45.00 ex tax); MILK 7 × 4.00 = 28.00.
    assert first["total_amount"] == "78.85"
    cola_out, milk_out = first["lines"]
    # Cost at the moving average: COLA 10 × 2.00; MILK first expiry first: 5 of L1 + 2 of L2, all at 3.00.
    assert (cola_out["cost_amount"], cola_out["profit_amount"]) == ("20.00", "25.00")
    assert (milk_out["cost_amount"], milk_out["profit_amount"]) == ("21.00", "7.00")
    assert milk_out["lot_no"] == "多批次"
    assert (first["cost_amount"], first["profit_amount"]) == ("41.00", "32.00")
    # The rest stays reserved.
    assert seller.qty("COLA", "reserved") == 20
    assert seller.qty("MILK", "reserved") == 5
    assert seller.qty("COLA") == 90
    assert seller.receivable() == Decimal("-50.00") + Decimal("78.85") - Decimal("20.00")
    assert seller.cash() == Decimal("70.00")
    order = seller.get("order", order["id"])
    assert order["deliver_status"] == "partial"
    assert [Decimal(x["remaining_qty"]) for x in order["lines"]] == [20, 5]

    r = seller.api.get("/sales-orders/open-lines", params={"customer_id": seller.partner["C1"]})
    assert r.status_code == 200, r.text
    assert [(x["line_id"], Decimal(x["remaining_unit_qty"])) for x in r.json()] == [
        (cola_line["id"], 20),
        (milk_line["id"], 5),
    ]
    # the order's warehouse comes along: 选单 into a delivery without one takes it without asking again
    assert {(x["warehouse_id"], x["warehouse_name"]) for x in r.json()} == {
        (order["warehouse_id"], order["warehouse_name"])
    }

    second = seller.post(
        "delivery",
        [
            seller.line("COLA", "20", None, source_line_id=cola_line["id"]),
            seller.line("MILK", "5", None, source_line_id=milk_line["id"]),
        ],
        day="2026-11-13",
    )
    assert second["lines"][1]["lot_no"] == "L2"
    order = seller.get("order", order["id"])
    assert order["deliver_status"] == "full"
    assert seller.qty("COLA", "reserved") == seller.qty("MILK", "reserved") == 0
    assert [e["event"] for e in order["timeline"]] == [
        "approved",
        "paid",
        "delivered_partly",
        "paid",
        "delivered",
    ]
    assert {f["number"] for f in order["followers"]} == {first["number"], second["number"]}

    r = seller.api.get("/sales-deliveries/returnable-lines", params={"customer_id": seller.partner["C1"]})
    assert r.status_code == 200, r.text
    assert len(r.json()) == 4
    # 生成退货单 from one delivery asks for that delivery's lines only; a bad id list is a 422
    r = seller.api.get(
        "/sales-deliveries/returnable-lines",
        params={"customer_id": seller.partner["C1"], "delivery_ids": str(first["id"])},
    )
    assert r.status_code == 200, r.text
    assert {x["delivery_id"] for x in r.json()} == {first["id"]}
    assert len(r.json()) == len(first["lines"])
    bad = seller.api.get(
        "/sales-deliveries/returnable-lines",
        params={"customer_id": seller.partner["C1"], "delivery_ids": "1,x"},
    )
    assert problem(bad, 422, "invalid_query")["errors"][0]["field"] == "query.delivery_ids"
    ret = seller.post(
        "return",
        [seller.line("COLA", "4", None, source_line_id=cola_out["id"])],
        day="2026-11-14",
        paid_amount="10.00",
        account_id=seller.account["CASH"],
    )
    # Refund at the delivery's price: 4 × 5.085 = 20.34; back at the cost it left with: 4 × 2.00.
    assert ret["total_amount"] == "20.34"
    assert ret["lines"][0]["cost_amount"] == "8.00"
    assert seller.position("COLA") == (74, Decimal("148.00"))
    assert seller.get("delivery", first["id"])["lines"][0]["done_qty"] == "4.0000"
    order = seller.get("order", order["id"])
    assert order["timeline"][-1]["event"] == "returned"
    assert seller.cash() == Decimal("60.00")
    # −50 订金 + 78.85 − 20 received + 121.70 (20 × 5.085 + 5 × 4) − 20.34 returned + 10 refunded.
    assert seller.receivable() == Decimal("120.21")
    assert seller.problems() == []
