"""Rules of the money ledger: one door, immutable entries, a lifecycle without 反审核, the other kinds'
postings, currencies exact to the fen, closed periods and another company's ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from jxc.finance import documents
from jxc.finance.states import MONEY_DOC
from tests.api.money.conftest import Books

SRC = Path(__file__).resolve().parents[3] / "src" / "jxc"
TABLES = ("PartnerEntry", "PartnerBalance", "Allocation", "AccountEntry", "AccountBalance")
WRITES = re.compile(
    r"(insert|update|delete)\(\s*(" + "|".join(TABLES) + r"|partner_entries|account_entries|allocations)\b"
    r"|\b(" + "|".join(TABLES) + r")\(\s*[a-z_]+="
    r"|\.(open_amount|base_balance)\s*[+-]?=[^=]|\bbal\.balance\s*[+-]?=[^=]",
    re.IGNORECASE,
)
# The ledger, its lock helper (creates missing balance rows) and `jxc rebuild-balances` (rebuilds caches).
DOORS = {"finance/ledger.py", "finance/locks.py", "finance/integrity.py"}


def test_nothing_but_the_ledger_writes_money() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel in DOORS or "/migrations/" in rel:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WRITES.search(line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert offenders == []


def test_the_scan_would_catch_a_write() -> None:
    assert WRITES.search("    entry.open_amount -= amount")
    assert WRITES.search("session.add(PartnerEntry(partner_id=1))")
    assert WRITES.search("session.execute(update(AccountBalance).values(balance=0))")
    assert not WRITES.search("if entry.open_amount == 0:")


def test_entry_facts_cannot_change_and_entries_cannot_be_deleted(books: Books) -> None:
    books.opening_ar("C1", "10.00")
    books.post("receipt", partner_id=books.partner["C1"], account_id=books.account["CASH"], amount="4.00")
    books.post(
        "income",
        account_id=books.account["CASH"],
        lines=[{"category_id": _category(books, "income"), "amount": "5.00"}],
    )
    with books.api.db.transaction(company_id=1) as s:
        for sql in (
            "UPDATE partner_entries SET amount = 5",
            "DELETE FROM partner_entries",
            "UPDATE account_entries SET amount = 1",
            "DELETE FROM allocations",
        ):
            with pytest.raises(DBAPIError), s.begin_nested():
                s.execute(text(sql))
        # The derived open amount may change (allocations move it); the CHECK keeps it within the amount.
        with pytest.raises(DBAPIError), s.begin_nested():
            s.execute(text("UPDATE partner_entries SET open_amount = open_amount * 2"))


def test_lifecycle_has_no_unapprove_and_each_action_has_a_handler(books: Books) -> None:
    assert "unapprove" not in MONEY_DOC.table
    for action in MONEY_DOC.table:
        assert callable(getattr(documents, action))
    r = books.api.post("/receipts/1/unapprove")
    assert r.status_code in (404, 405)


def _category(books: Books, kind: str, name: str | None = None) -> int:
    r = books.api.get("/money-categories", params={"kind": kind})
    assert r.status_code == 200, r.text
    rows = r.json()["items"] if isinstance(r.json(), dict) else r.json()
    return int(next(c["id"] for c in rows if name is None or c["name"] == name))


def test_transfer_income_expense_and_opening_accounts(books: Books) -> None:
    books.post(
        "opening", day="2026-10-01", lines=[{"account_id": books.account["CASH"], "amount": "1000.00"}]
    )
    books.post(
        "transfer", account_id=books.account["CASH"], to_account_id=books.account["BANK"], amount="400.00"
    )
    books.post(
        "expense",
        account_id=books.account["BANK"],
        lines=[
            {"category_id": _category(books, "expense", "房租"), "amount": "300.00"},
            {"category_id": _category(books, "expense", "运费"), "amount": "25.50", "remark": "顺丰"},
        ],
    )
    inc = books.post(
        "income",
        account_id=books.account["CASH"],
        lines=[{"category_id": _category(books, "income"), "amount": "12.34"}],
    )
    assert inc["amount"] == "12.34"
    balances = {a["account_id"]: a["balance"] for a in books.api.get("/account-balances").json()["items"]}
    assert balances[books.account["CASH"]] == "612.34"
    assert balances[books.account["BANK"]] == "74.50"
    # More than the bank holds: refused, nothing written.
    doc = books.draft(
        "transfer", account_id=books.account["BANK"], to_account_id=books.account["CASH"], amount="74.51"
    )
    r = books.act("transfer", doc["id"], "approve")
    assert (r.status_code, r.json()["code"]) == (409, "insufficient_funds")
    # 红冲 of the expense puts the money back.
    assert books.verify() == []


def test_usd_receivable_base_amounts_are_exact_to_the_fen(books: Books) -> None:
    r = books.api.post("/exchange-rates", {"currency": "USD", "rate_date": "2026-09-30", "rate": "7.1234"})
    assert r.status_code == 201, r.text
    # 333.33 USD × 7.1234 = 2374.442... → 2374.44; the doc takes the rate of its date from the table.
    doc = books.opening_ar("C2", "333.33")
    line = doc["lines"][0]
    assert (line["currency"], line["rate"], line["base_amount"]) == ("USD", "7.123400", "2374.44")
    # A receipt in USD defaults to the partner's currency and today's table rate; base rounded once.
    rec = books.post(
        "receipt", partner_id=books.partner["C2"], account_id=books.account["BANK"], amount="100.01"
    )
    assert (rec["currency"], rec["base_amount"]) == ("USD", "712.41")  # 100.01 × 7.1234 = 712.411...
    [item] = books.open_items("C2")
    assert item["open_amount"] == "233.32"
    # No rate for a date before any rate in the table: a clear error, nothing saved.
    r = books.api.post(
        "/receipts",
        {
            "business_date": "2026-09-01",
            "partner_id": books.partner["C2"],
            "account_id": books.account["BANK"],
            "amount": "1.00",
        },
    )
    assert (r.status_code, r.json()["code"]) == (422, "exchange_rate_missing")
    r = books.api.post(
        "/receipts",
        {
            "business_date": "2026-11-01",
            "partner_id": books.partner["C2"],
            "account_id": books.account["BANK"],
            "amount": "1.00",
            "rate": "0",
        },
    )
    assert (r.status_code, r.json()["code"]) == (422, "rate_invalid")
    assert books.verify() == []


def test_closed_period_and_reversal_date(books: Books) -> None:
    doc = books.opening_ar("C1", "50.00", day="2026-10-01")
    company = books.api.get("/companies/current").json()
    r = books.api.patch("/companies/current", {"closed_until": "2026-10-31", "version": company["version"]})
    assert r.status_code == 200, r.text
    r = books.act("opening", doc["id"], "reverse")
    assert (r.status_code, r.json()["code"]) == (422, "period_closed")
    r = books.act("opening", doc["id"], "reverse", {"business_date": "2026-11-02"})
    assert r.status_code == 200, r.text
    assert books.open_items("C1") == []
    assert books.verify() == []


def test_bad_references_are_refused_with_clear_errors(books: Books) -> None:
    base = {"business_date": "2026-11-01", "amount": "1.00"}
    r = books.api.post("/receipts", {**base, "partner_id": 999, "account_id": books.account["CASH"]})
    assert (r.status_code, r.json()["code"]) == (404, "partner_not_found")
    r = books.api.post("/receipts", {**base, "partner_id": books.partner["C1"], "account_id": 999})
    assert (r.status_code, r.json()["code"]) == (404, "account_not_found")
    r = books.api.post(
        "/account-transfers",
        {**base, "account_id": books.account["CASH"], "to_account_id": books.account["CASH"]},
    )
    assert (r.status_code, r.json()["code"]) == (422, "same_account")
    r = books.api.post(
        "/other-expenses",
        {**base, "account_id": books.account["CASH"], "lines": [{"category_id": 999, "amount": "1"}]},
    )
    assert (r.status_code, r.json()["code"]) == (404, "money_category_not_found")
    r = books.api.post(
        "/receipts",
        {**base, "partner_id": books.partner["C1"], "account_id": books.account["CASH"], "amount": "-5"},
    )
    assert (r.status_code, r.json()["code"]) == (422, "amount_invalid")
    # An open item of another partner cannot be picked.
    books.opening_ar("C1", "10.00")
    [item] = books.open_items("C1")
    r = books.api.post(
        "/receipts",
        {
            **base,
            "partner_id": books.partner["S1"],
            "account_id": books.account["CASH"],
            "lines": [{"entry_id": item["id"], "amount": "1.00"}],
        },
    )
    assert (r.status_code, r.json()["code"]) == (422, "allocation_wrong_partner")


def test_editor_look_ups_need_only_the_document_permission(books: Books) -> None:
    """A clerk who may only make 其他支出单 can list categories; without it, refused."""
    from tests.helpers import make_user

    make_user(books.api.db, "clerk", ["finance.expense.create", "finance.expense.view"])
    books.api.login("clerk")
    assert books.api.get("/money-categories", params={"kind": "expense"}).status_code == 200
    assert books.api.get("/exchange-rates/lookup", params={"currency": "USD"}).status_code == 403
    r = books.api.get("/partner-entries/open", params={"partner_id": books.partner["C1"], "side": "ar"})
    assert r.status_code == 403


def test_another_companys_partner_account_and_entries_are_unreachable(books: Books) -> None:
    books.opening_ar("C1", "80.00")
    [item] = books.open_items("C1")
    other = books.api.post("/companies", {"name": "乙公司", "start_date": "2026-11-01"}).json()["id"]
    assert books.api.post("/auth/switch-company", {"company_id": other}).status_code == 200
    # The new company got its own starting categories.
    assert any(c["name"] == "房租" for c in books.api.get("/money-categories").json())
    partner = books.api.post("/partners", {"code": "X1", "name": "乙客户"}).json()["id"]
    account = books.api.post("/accounts", {"code": "X", "name": "乙现金"}).json()["id"]
    base = {"business_date": "2026-11-02", "amount": "1.00"}
    r = books.api.post("/receipts", {**base, "partner_id": books.partner["C1"], "account_id": account})
    assert (r.status_code, r.json()["code"]) == (404, "partner_not_found")
    r = books.api.post("/receipts", {**base, "partner_id": partner, "account_id": books.account["CASH"]})
    assert (r.status_code, r.json()["code"]) == (404, "account_not_found")
    r = books.api.post(
        "/receipts",
        {
            **base,
            "partner_id": partner,
            "account_id": account,
            "lines": [{"entry_id": item["id"], "amount": "1.00"}],
        },
    )
    assert (r.status_code, r.json()["code"]) == (422, "allocation_wrong_partner")
    r = books.api.get("/partner-entries/open", params={"partner_id": books.partner["C1"], "side": "ar"})
    assert (r.status_code, r.json()["code"]) == (404, "partner_not_found")
