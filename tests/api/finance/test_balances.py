"""Open items, 应收应付余额, 账户余额 and 资金流水, checked against sums worked out by hand."""

from __future__ import annotations

import io

from python_calamine import CalamineWorkbook

from tests.api.finance.conftest import Books
from tests.helpers import Api, make_user, problem


def sheet(content: bytes) -> list[list[object]]:
    wb = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return wb.get_sheet_by_index(0).to_python()  # type: ignore[no-any-return]


def test_open_items_are_oldest_first_by_date_then_number(api: Api, books: Books):
    books.partner("C1")
    # Written out of order: ids do not follow dates, numbers do not follow ids.
    late = books.owe("C1", "500.00", "2026-11-05", number="XS-0003")
    b = books.owe("C1", "200.00", "2026-11-01", number="XS-0002")
    a = books.owe("C1", "1000.00", "2026-11-01", number="XS-0001")
    usd = books.owe("C1", "100.00", "2026-11-03", currency="USD", rate="7.1234", number="XS-0004")
    paid = books.owe("C1", "-300.00", "2026-11-06", number="SK-0001")
    books.allocate(a, paid, "300.00", "2026-11-06")
    prepaid = books.owe("C1", "-50.00", "2026-11-07", number="SK-0002")
    settled = books.owe("C1", "80.00", "2026-10-01", number="XS-0000")
    books.allocate(settled, books.owe("C1", "-80.00", "2026-10-02"), "80.00", "2026-10-02")
    books.partner("C2")
    books.owe("C2", "999.00", "2026-10-01")

    def items(**params: str) -> list[dict]:  # type: ignore[type-arg]
        r = api.get("/partner-entries/open", params={"partner_id": books.partners["C1"], **params})
        assert r.status_code == 200, r.text
        return r.json()  # type: ignore[no-any-return]

    debit = items()
    assert [i["id"] for i in debit] == [a, b, usd, late]
    assert next((i["amount"], i["open_amount"]) for i in debit) == ("1000.00", "700.00")
    assert debit[2]["currency"] == "USD"
    assert debit[2]["base_amount"] == "712.34"
    assert [i["id"] for i in items(sign="credit")] == [prepaid]
    assert [i["id"] for i in items(sign="all")] == [a, b, usd, late, prepaid]
    assert [i["id"] for i in items(currency="USD")] == [usd]
    assert items(side="ap") == []
    problem(api.get("/partner-entries/open", params={"partner_id": 99999}), 404, "partner_not_found")


def _partner_books(books: Books) -> None:
    for code in ("C1", "C2", "C3", "C4"):
        books.partner(code)
    books.partner("S1", is_customer=False, is_supplier=True)
    a = books.owe("C1", "1000.00", "2026-11-01")
    books.owe("C1", "500.00", "2026-11-05")
    paid = books.owe("C1", "-300.00", "2026-11-06")
    books.allocate(a, paid, "300.00", "2026-11-06")
    books.owe("C1", "-200.00", "2026-11-07")  # a prepayment not yet used
    books.owe("C1", "100.00", "2026-11-03", currency="USD", rate="7.1234")
    books.owe("C2", "250.00", "2026-11-02")
    # C3 settled in full: nothing to show. C4 owes as much as it prepaid: zero, but still to allocate.
    c3 = books.owe("C3", "100.00", "2026-11-01")
    books.allocate(c3, books.owe("C3", "-100.00", "2026-11-02"), "100.00", "2026-11-02")
    books.owe("C4", "100.00", "2026-11-01")
    books.owe("C4", "-100.00", "2026-11-02")
    books.owe("S1", "800.00", "2026-11-01", side="ap")


def test_partner_balances(api: Api, books: Books):
    _partner_books(books)

    def rows(**params: str) -> list[tuple[str, ...]]:
        r = api.get("/partner-balances", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["total"] == len(body["items"])
        return [
            (
                i["partner_code"],
                i["currency"],
                i["balance"],
                i["base_balance"],
                i["debt_open"],
                i["prepaid"],
            )
            for i in body["items"]
        ]

    assert rows() == [
        ("C1", "CNY", "1000.00", "1000.00", "1200.00", "200.00"),
        ("C1", "USD", "100.00", "712.34", "100.00", "0.00"),
        ("C2", "CNY", "250.00", "250.00", "250.00", "0.00"),
        ("C4", "CNY", "0.00", "0.00", "100.00", "100.00"),
    ]
    assert [r[0] for r in rows(nonzero="false")] == ["C1", "C1", "C2", "C3", "C4"]
    assert rows(q="C2") == [("C2", "CNY", "250.00", "250.00", "250.00", "0.00")]
    # Longer keywords and pinyin initials search the same text partners are searched by (C2公司 → c2gs).
    assert [r[0] for r in rows(q="C2公司")] == ["C2"]
    assert [r[0] for r in rows(q="c2gs")] == ["C2"]
    assert rows(side="ap") == [("S1", "CNY", "800.00", "800.00", "800.00", "0.00")]
    assert [r[0] for r in rows(sort="-balance")] == ["C1", "C2", "C1", "C4"]
    page = api.get("/partner-balances", params={"page": 2, "page_size": 3}).json()
    assert (page["total"], [i["partner_code"] for i in page["items"]]) == (4, ["C4"])

    data = sheet(api.get("/partner-balances", params={"format": "xlsx"}).content)
    assert [row[0] for row in data[1:]] == ["C1", "C1", "C2", "C4"]
    assert data[2][4] == 712.34


def test_balance_views_need_their_permissions(api: Api, books: Books, client):  # type: ignore[no-untyped-def]
    make_user(api.db, "viewer", ["finance.balance.view"])
    viewer = Api(client, api.db)
    viewer.login("viewer")
    assert viewer.get("/partner-balances").status_code == 200
    problem(viewer.get("/partner-balances", params={"format": "xlsx"}), 403, "permission_denied")
    problem(viewer.get("/account-entries", params={"format": "xlsx"}), 403, "permission_denied")
    problem(viewer.get("/statements", params={"partner_id": 1}), 403, "permission_denied")


def _account_books(books: Books) -> dict[str, int]:
    books.partner("C1")
    books.account("XJ")
    books.account("YH", kind="bank")
    books.account("OLD")
    cats = {c["name"]: c["id"] for c in books.api.get("/money-categories").json()}
    books.cash("XJ", "1000.00", "2026-11-01", remark="期初")
    books.cash("YH", "5000.00", "2026-11-02")
    books.cash("XJ", "-200.00", "2026-11-03")
    books.cash("XJ", "50.00", "2026-11-05", partner="C1")
    books.cash("XJ", "-30.00", "2026-11-10", category=cats["运费"])
    books.cash("XJ", "5.00", "2026-11-04")  # back-dated: written last, listed by its date
    return cats


def test_account_balances(api: Api, books: Books):
    _account_books(books)
    old = api.get("/accounts", params={"q": "OLD"}).json()["items"][0]
    api.patch(f"/accounts/{old['id']}", {"is_active": False, "version": old["version"]})
    r = api.get("/account-balances")
    assert r.status_code == 200, r.text
    body = r.json()
    assert [(i["account_code"], i["kind"], i["balance"]) for i in body["items"]] == [
        ("XJ", "cash", "825.00"),
        ("YH", "bank", "5000.00"),
    ]
    assert body["total"] == "5825.00"


def test_account_flow_carries_the_balance_across_dates_and_pages(api: Api, books: Books):
    _account_books(books)
    xj = books.accounts["XJ"]

    def flow(**params: object) -> dict:  # type: ignore[type-arg]
        r = api.get("/account-entries", params={"account_id": xj, **params})
        assert r.status_code == 200, r.text
        return r.json()  # type: ignore[no-any-return]

    whole = flow()
    assert (whole["opening_balance"], whole["closing_balance"], whole["total"]) == ("0.00", "825.00", 5)
    assert [(i["income"], i["expense"], i["balance"]) for i in whole["items"]] == [
        ("1000.00", "0.00", "1000.00"),
        ("0.00", "200.00", "800.00"),
        ("5.00", "0.00", "805.00"),
        ("50.00", "0.00", "855.00"),
        ("0.00", "30.00", "825.00"),
    ]
    assert whole["items"][3]["partner_name"] == "C1公司"
    assert whole["items"][4]["category_name"] == "运费"
    assert whole["items"][0]["remark"] == "期初"
    assert {i["account_name"] for i in whole["items"]} == {"XJ账户"}

    period = flow(date_from="2026-11-03", date_to="2026-11-05")
    assert (period["opening_balance"], period["closing_balance"], period["total"]) == ("1000.00", "855.00", 3)
    assert [i["balance"] for i in period["items"]] == ["800.00", "805.00", "855.00"]
    # The second page starts from the balance the first page left.
    second = flow(date_from="2026-11-02", page=2, page_size=1)
    assert [(i["expense"], i["income"], i["balance"]) for i in second["items"]] == [
        ("0.00", "5.00", "805.00")
    ]
    assert (second["opening_balance"], second["closing_balance"]) == ("1000.00", "825.00")

    # All accounts together.
    both = api.get("/account-entries").json()
    assert [i["balance"] for i in both["items"]] == [
        "1000.00",
        "6000.00",
        "5800.00",
        "5805.00",
        "5855.00",
        "5825.00",
    ]

    problem(api.get("/account-entries", params={"account_id": 99999}), 404, "account_not_found")
    problem(
        api.get("/account-entries", params={"date_from": "2026-11-05", "date_to": "2026-11-01"}),
        422,
        "invalid_query",
    )
    data = sheet(api.get("/account-entries", params={"account_id": xj, "format": "xlsx"}).content)
    assert [row[-1] for row in data[1:]] == [1000, 800, 805, 855, 825]
