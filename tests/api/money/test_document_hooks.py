"""The money ledger as purchasing and sales will call it, from a test-only document (kind "test_sale"):
"this document is owed X", "paid now Y into account Z", and 红冲 of the whole document."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jxc.common.errors import Conflict, Invalid
from jxc.finance import ledger
from jxc.finance.integrity import problems
from jxc.finance.ledger import DocRef, Owed
from tests.api.money.conftest import Books

SALE = DocRef("test_sale", 1, "TEST-20261103-0001", date(2026, 11, 3))
UNDO = DocRef("test_sale", 1, "TEST-20261103-0001", date(2026, 11, 4))


def test_a_sale_owes_is_paid_now_and_is_reversed_exactly(books: Books) -> None:
    db, cid = books.api.db, 1
    with db.transaction(company_id=cid) as s:
        [owed] = ledger.owe(s, SALE, [Owed(books.partner["C1"], "ar", Decimal("500.00"), "CNY")])
        ledger.pay_now(s, SALE, owed, books.account["CASH"], Decimal("200.00"))
    [item] = books.open_items("C1")
    assert (item["doc_number"], item["open_amount"]) == (SALE.number, "300.00")
    balances = {a["account_id"]: a["balance"] for a in books.api.get("/account-balances").json()["items"]}
    assert balances[books.account["CASH"]] == "200.00"
    # A receipt settles the rest; then reversing the sale is refused until that receipt is reversed.
    rec = books.post(
        "receipt",
        day="2026-11-05",
        partner_id=books.partner["C1"],
        account_id=books.account["CASH"],
        amount="300.00",
    )
    with db.transaction(company_id=cid) as s, pytest.raises(Conflict) as refused:
        ledger.reverse(s, SALE, UNDO)
    assert refused.value.code == "reverse_blocked"
    assert refused.value.params["docs"] == rec["number"]
    assert books.act("receipt", rec["id"], "reverse").status_code == 200
    with db.transaction(company_id=cid) as s:
        ledger.reverse(s, SALE, UNDO)
    assert books.open_items("C1") == []
    assert books.open_items("C1", sign="credit") == []
    balances = {a["account_id"]: a["balance"] for a in books.api.get("/account-balances").json()["items"]}
    assert balances[books.account["CASH"]] == "0.00"
    with db.transaction(writer=False, company_id=cid) as s:
        assert problems(s) == []


def test_paying_now_more_than_is_owed_is_refused(books: Books) -> None:
    with books.api.db.transaction(company_id=1) as s:
        [owed] = ledger.owe(s, SALE, [Owed(books.partner["C1"], "ar", Decimal("50.00"), "CNY")])
        with pytest.raises(Invalid):
            ledger.pay_now(s, SALE, owed, books.account["CASH"], Decimal("50.01"))
