"""销售退货 of a delivery line in parts: each part refunds its units at the delivery's price, rounded to the
fen, and the part that returns the line's last units takes exactly what is left of its total, amount and tax
— so the returns of a line add up to what it was charged, never a fen more (the UX walk's 雪碧: 8 at 3.325 =
26.60, returned 3 + 5 = 9.98 + 16.63 = 26.61 before the fix)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.api.sales.conftest import Seller


def _line_sums(docs: list[dict[str, Any]]) -> tuple[Decimal, Decimal, Decimal]:
    lines = [ln for d in docs for ln in d["lines"]]
    return (
        sum((Decimal(ln["total"]) for ln in lines), Decimal(0)),
        sum((Decimal(ln["amount"]) for ln in lines), Decimal(0)),
        sum((Decimal(ln["tax_amount"]) for ln in lines), Decimal(0)),
    )


def _figures(line: dict[str, Any]) -> tuple[Decimal, Decimal, Decimal]:
    return Decimal(line["total"]), Decimal(line["amount"]), Decimal(line["tax_amount"])


def _deliver_eight(seller: Seller, **extra: Any) -> tuple[dict[str, Any], int]:
    out = seller.post("delivery", [seller.line("COLA", "8", "3.325", tax_rate="13")], **extra)
    assert _figures(out["lines"][0]) == (Decimal("26.60"), Decimal("23.54"), Decimal("3.06"))
    return out, out["lines"][0]["id"]


def test_two_partial_returns_refund_exactly_the_delivery_line(seller: Seller) -> None:
    assert seller.receivable() == 0
    out, src = _deliver_eight(seller)
    assert seller.receivable() == Decimal("26.60")
    first = seller.post("return", [seller.line("COLA", "3", None, source_line_id=src)])
    assert first["total_amount"] == "9.98"  # 3 × 3.325 = 9.975, rounded as before
    second = seller.post("return", [seller.line("COLA", "5", None, source_line_id=src)])
    assert second["total_amount"] == "16.62"  # what is left: 26.60 − 9.98 (not 5 × 3.325 = 16.63)
    assert _line_sums([first, second]) == _figures(out["lines"][0])
    assert Decimal(first["total_amount"]) + Decimal(second["total_amount"]) == Decimal(out["total_amount"])
    assert seller.receivable() == 0  # the delivery's receivable fully undone
    assert seller.position("COLA") == (100, Decimal("200.00"))  # and its cost
    assert seller.get("delivery", out["id"])["lines"][0]["done_qty"] == "8.0000"
    assert seller.problems() == []


def test_the_last_units_take_what_is_left_whichever_part_comes_last(seller: Seller) -> None:
    out, src = _deliver_eight(seller)
    first = seller.post("return", [seller.line("COLA", "5", None, source_line_id=src)])
    assert first["total_amount"] == "16.63"
    second = seller.post("return", [seller.line("COLA", "3", None, source_line_id=src)])
    assert second["total_amount"] == "9.97"
    assert _line_sums([first, second]) == _figures(out["lines"][0])
    # Three parts, one of them in the same document as the last units.
    out, src = _deliver_eight(seller)
    first = seller.post("return", [seller.line("COLA", "3", None, source_line_id=src)])
    both = seller.post(
        "return",
        [
            seller.line("COLA", "3", None, source_line_id=src),
            seller.line("COLA", "2", None, source_line_id=src),
        ],
    )
    assert [ln["total"] for ln in both["lines"]] == ["9.98", "6.64"]  # 26.60 − 9.98 − 9.98
    assert _line_sums([first, both]) == _figures(out["lines"][0])
    assert seller.receivable() == 0
    assert seller.problems() == []


def test_drafts_are_figured_again_at_approval_and_a_full_refund_follows(seller: Seller) -> None:
    out, src = _deliver_eight(seller, paid_amount="20.00", account_id=seller.account["CASH"])
    a = seller.draft("return", [seller.line("COLA", "3", None, source_line_id=src)])
    b = seller.draft(
        "return",
        [seller.line("COLA", "5", None, source_line_id=src)],
        paid_amount="16.63",
        account_id=seller.account["CASH"],
    )
    assert b["total_amount"] == "16.63"  # saved while nothing was returned: a part, not the last
    for doc in (a, b):
        r = seller.act("return", doc["id"], "approve")
        assert r.status_code == 200, r.text
    b = seller.get("return", b["id"])
    assert (b["total_amount"], b["paid_amount"]) == ("16.62", "16.62")
    assert _line_sums([seller.get("return", a["id"]), b]) == _figures(out["lines"][0])
    assert seller.cash() == Decimal("3.38")  # 20.00 received, 16.62 refunded
    # +26.60 delivered − 20.00 received − 9.98 − 16.62 returned + 16.62 refunded: the 3.38 still held.
    assert seller.receivable() == Decimal("-3.38")
    assert seller.problems() == []


def test_a_reversed_return_no_longer_counts_as_returned(seller: Seller) -> None:
    out, src = _deliver_eight(seller)
    first = seller.post("return", [seller.line("COLA", "3", None, source_line_id=src)])
    second = seller.post("return", [seller.line("COLA", "5", None, source_line_id=src)])
    assert second["total_amount"] == "16.62"
    # 红冲 the first: its 3 units and 9.98 are the delivery line's to return again.
    r = seller.act("return", first["id"], "reverse")
    assert r.status_code == 200, r.text
    assert seller.receivable() == Decimal("9.98")
    again = seller.post("return", [seller.line("COLA", "3", None, source_line_id=src)])
    assert again["total_amount"] == "9.98"  # the last units again: 26.60 − 16.62
    assert _line_sums([second, again]) == _figures(out["lines"][0])
    assert seller.receivable() == 0
    # Un-approving the last return makes it a draft; approved again, it takes what is left again.
    r = seller.act("return", again["id"], "unapprove")
    assert r.status_code == 200, r.text
    r = seller.act("return", again["id"], "approve")
    assert r.status_code == 200, r.text
    assert r.json()["total_amount"] == "9.98"
    assert seller.receivable() == 0
    assert seller.problems() == []


def test_a_return_at_its_own_price_keeps_it(seller: Seller) -> None:
    _, src = _deliver_eight(seller)
    first = seller.post("return", [seller.line("COLA", "3", "2.00", tax_rate="13", source_line_id=src)])
    assert first["total_amount"] == "6.00"
    second = seller.post("return", [seller.line("COLA", "5", None, source_line_id=src)])
    assert second["total_amount"] == "16.63"  # not 26.60 − 6.00: the first was no share of the line
    assert seller.receivable() == Decimal("26.60") - Decimal("6.00") - Decimal("16.63")
    assert seller.problems() == []
