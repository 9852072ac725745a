"""Exact costing cases, computed by hand."""

from __future__ import annotations

from tests.api.inventory.conftest import Shop


def test_receive_two_prices_then_issue_all_leaves_zero_value(shop: Shop) -> None:
    # Given 2 @ 1.00 and 1 @ 1.01 received
    shop.post("opening", [shop.line("COLA", "2", "1.00")], day="2026-11-01")
    shop.post("other_in", [shop.line("COLA", "1", "1.01")], day="2026-11-02", reason="other")
    assert shop.balance("COLA") == ("3.0000", "3.01")
    # When all 3 are issued
    doc = shop.post("other_out", [shop.line("COLA", "3")], day="2026-11-03", reason="loss")
    # Then nothing is left, not even a cent, and the issue carried all 3.01
    assert shop.balance("COLA") == ("0.0000", "0.00")
    assert doc["lines"][0]["amount"] == "3.01"
    assert shop.verify() == []
