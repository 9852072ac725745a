"""Receipts and payments: allocation to open amounts, prepayments, 核销单, 红冲 that un-allocates exactly."""

from __future__ import annotations

from tests.api.money.conftest import Books


def test_receipt_allocates_part_of_an_opening_receivable(books: Books) -> None:
    opening = books.opening_ar("C1", "1000.00")
    [item] = books.open_items("C1")
    assert (item["doc_number"], item["open_amount"]) == (opening["number"], "1000.00")
    receipt = books.post(
        "receipt",
        partner_id=books.partner["C1"],
        account_id=books.account["CASH"],
        amount="300.00",
        lines=[{"entry_id": item["id"], "amount": "300.00"}],
    )
    assert (receipt["allocated_amount"], receipt["unallocated_amount"]) == ("300.00", "0.00")
    assert receipt["lines"][0]["entry"]["open_amount"] == "700.00"
    [item] = books.open_items("C1")
    assert item["open_amount"] == "700.00"
    assert books.verify() == []


def test_second_receipt_leaves_a_prepayment_that_a_later_allocation_uses(books: Books) -> None:
    books.opening_ar("C1", "1000.00")
    # Auto allocation, oldest first: 1,200 settles the 1,000 and leaves 200 预收.
    first = books.post(
        "receipt", partner_id=books.partner["C1"], account_id=books.account["BANK"], amount="1200.00"
    )
    assert (first["allocated_amount"], first["unallocated_amount"]) == ("1000.00", "200.00")
    assert books.open_items("C1") == []
    [prepaid] = books.open_items("C1", sign="credit")
    assert prepaid["open_amount"] == "-200.00"
    # A new receivable later; a 核销单 with automatic pairing uses the prepayment against it.
    books.opening_ar("C1", "150.00", day="2026-11-05")
    hx = books.post("allocation", day="2026-11-06", partner_id=books.partner["C1"], side="ar")
    assert hx["amount"] == "150.00"
    assert [ln["amount"] for ln in hx["lines"]] == ["150.00"]
    assert books.open_items("C1") == []
    [prepaid] = books.open_items("C1", sign="credit")
    assert prepaid["open_amount"] == "-50.00"
    # The first receipt cannot be reversed while the 核销单 uses its prepayment; the error names it.
    r = books.act("receipt", first["id"], "reverse")
    assert r.status_code == 409, r.text
    assert r.json()["code"] == "reverse_blocked"
    assert hx["number"] in r.json()["detail"]
    assert books.act("allocation", hx["id"], "reverse").status_code == 200
    r = books.act("receipt", first["id"], "reverse")
    assert r.status_code == 200, r.text
    # Exactly un-allocated: the opening receivables are fully open again, no prepayment left.
    assert sorted(i["open_amount"] for i in books.open_items("C1")) == ["1000.00", "150.00"]
    assert books.open_items("C1", sign="credit") == []
    assert books.verify() == []


def test_discount_settles_with_the_money(books: Books) -> None:
    books.opening_ar("C1", "100.50")
    r = books.post(
        "receipt",
        partner_id=books.partner["C1"],
        account_id=books.account["CASH"],
        amount="100.00",
        discount="0.50",
    )
    assert r["allocated_amount"] == "100.50"
    assert books.open_items("C1") == []
    bal = books.api.get("/account-balances").json()
    cash = [a for a in bal["items"] if a["account_id"] == books.account["CASH"]]
    assert cash[0]["balance"] == "100.00"


def test_allocating_more_than_open_is_refused_and_writes_nothing(books: Books) -> None:
    books.opening_ar("C1", "100.00")
    [item] = books.open_items("C1")
    body = {
        "partner_id": books.partner["C1"],
        "account_id": books.account["CASH"],
        "amount": "500.00",
        "lines": [{"entry_id": item["id"], "amount": "300.00"}],
    }
    doc = books.draft("receipt", **body)
    r = books.act("receipt", doc["id"], "approve")
    assert r.status_code == 409, r.text
    assert r.json()["code"] == "allocation_exceeds_open"
    assert r.json()["errors"][0]["field"] == "lines.0"
    assert books.api.get(f"/receipts/{doc['id']}").json()["status"] == "draft"
    assert books.open_items("C1")[0]["open_amount"] == "100.00"
    # More picked than received (+ discount): refused when saving.
    r = books.api.post("/receipts", {**body, "business_date": "2026-11-01", "amount": "50.00"})
    assert r.status_code == 422
    assert r.json()["code"] == "allocation_exceeds_payment"
    assert books.verify() == []


def test_payment_into_a_negative_account_is_refused_unless_allowed(books: Books) -> None:
    line = {"partner_id": books.partner["S1"], "side": "ap", "amount": "800.00"}
    books.post("opening", day="2026-10-01", lines=[line])
    body = {"partner_id": books.partner["S1"], "account_id": books.account["CASH"], "amount": "800.00"}
    doc = books.draft("payment", **body)
    r = books.act("payment", doc["id"], "approve")
    assert r.status_code == 409
    assert r.json()["code"] == "insufficient_funds"
    assert "现金" in r.json()["detail"]
    company = books.api.get("/companies/current").json()
    r = books.api.patch("/companies/current", {"allow_negative_cash": True, "version": company["version"]})
    assert r.status_code == 200, r.text
    r = books.act("payment", doc["id"], "approve")
    assert r.status_code == 200, r.text
    assert r.json()["allocated_amount"] == "800.00"
    assert books.verify() == []
