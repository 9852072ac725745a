"""The issue's walk-through: order 3 SKUs; receive part with one rejected unit; receive the rest; return 1.
Moving-average costs and the payable are computed by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

from tests.api.purchasing.conftest import Buyer


def test_order_receive_in_two_parts_with_a_rejection_then_return_one(buyer: Buyer) -> None:
    shop = buyer.shop
    shop.product("TEA", "乌龙茶")
    # 4 COLA already in stock at 1.50 (value 6.00).
    shop.post("opening", [shop.line("COLA", "4", "1.50")], day="2026-11-01")
    order = buyer.post(
        "order",
        [
            buyer.line("COLA", "10", "2.00", tax_rate="13"),
            buyer.line("MILK", "5", "3.00", tax_rate="13"),
            buyer.line("TEA", "2", "24.00", unit="箱", tax_rate="13"),
        ],
        day="2026-11-10",
        expected_date="2026-11-15",
    )
    assert order["receive_status"] == "none"
    assert buyer.qty("COLA", "incoming") == buyer.qty("TEA", "incoming") - 38 == 10
    cola, milk, tea = (ln["id"] for ln in order["lines"])

    first = buyer.post(
        "receipt",
        [
            buyer.line("COLA", "6", "2.00", tax_rate="13", rejected_qty="1", source_line_id=cola),
            buyer.line("MILK", "5", "3.00", tax_rate="13", lot_no="L1", source_line_id=milk),
            buyer.line("TEA", "1", "24.00", unit="箱", tax_rate="13", source_line_id=tea),
        ],
        day="2026-11-12",
    )
    # COLA 6 × 2 = 12.00 + 13% 1.56; MILK 15.00 + 1.95; TEA 24.00 + 3.12 → 57.63
    assert first["total_amount"] == "57.63"
    assert Decimal(first["rejected_qty"]) == 1
    order = buyer.get("order", order["id"])
    assert order["receive_status"] == "partial", [(x["done_qty"], x["remaining_qty"]) for x in order["lines"]]
    assert [Decimal(ln["remaining_qty"]) for ln in order["lines"]] == [4, 0, 24]
    # (6.00 + 12.00) / 10 = 1.80
    assert buyer.position("COLA") == (10, Decimal("18.00"))
    assert buyer.qty("COLA", "incoming") == 4

    r = buyer.api.get("/purchase-orders/open-lines", params={"supplier_id": buyer.partner["S1"]})
    assert r.status_code == 200, r.text
    assert [
        (x["line_id"], Decimal(x["remaining_qty"]), Decimal(x["remaining_unit_qty"])) for x in r.json()
    ] == [
        (cola, 4, 4),
        (tea, 24, 1),
    ]
    buyer.post(
        "receipt",
        [
            buyer.line("COLA", "4", "2.00", tax_rate="13", source_line_id=cola),
            buyer.line("TEA", "1", "24.00", unit="箱", tax_rate="13", source_line_id=tea),
        ],
        day="2026-11-14",
    )
    order = buyer.get("order", order["id"])
    assert order["receive_status"] == "full"
    assert not order["overdue"]
    assert len(order["followers"]) == 2
    # 18.00 + 8.00 over 14 units
    assert buyer.position("COLA") == (14, Decimal("26.00"))
    assert buyer.qty("COLA", "incoming") == buyer.qty("TEA", "incoming") == 0
    assert buyer.position("TEA") == (48, Decimal("48.00"))

    back = buyer.post(
        "return",
        [buyer.line("COLA", "1", "2.00", tax_rate="13", source_line_id=first["lines"][0]["id"])],
        day="2026-11-16",
    )
    assert back["total_amount"] == "2.26"
    # out at the 2.00 it came in with, not the 1.857… average: 26.00 − 2.00
    assert buyer.position("COLA") == (13, Decimal("24.00"))
    # 57.63 + 36.16 − 2.26
    assert Decimal(buyer.payable()) == Decimal("91.53")
    assert buyer.problems() == []
