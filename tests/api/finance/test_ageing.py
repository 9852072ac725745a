"""账龄 and 超期 at a fixed date, every figure worked out by hand (as_of 2026-12-31 unless said)."""

from __future__ import annotations

import io

from python_calamine import CalamineWorkbook

from tests.api.finance.conftest import Books
from tests.helpers import Api, problem

AS_OF = "2026-12-31"


def _ageing_books(books: Books) -> dict[str, int]:
    books.partner("C1", terms=30)
    books.partner("C2")  # no terms agreed: due on the document date
    books.partner("C3", currency="USD")
    books.partner("S1", is_customer=False, is_supplier=True)
    e = {
        "E1": books.owe("C1", "1000.00", "2026-12-20"),  # 11 days
        "E2": books.owe("C1", "2000.00", "2026-11-25"),  # 36 days, 500 settled below
        "E3": books.owe("C1", "300.00", "2026-10-15"),  # 77 days
        "E4": books.owe("C1", "400.00", "2026-08-01"),  # 152 days
        "E5": books.owe("C1", "10.00", "2026-12-01"),  # 30 days: still 0-30
        "E6": books.owe("C1", "15.00", "2026-11-30"),  # 31 days: 31-60
        "E8": books.owe("C1", "600.00", "2026-12-10"),  # 21 days, settled only after as_of
        "E9": books.owe("C1", "50.00", "2026-09-15", due="2026-12-15"),  # its own due date beats the terms
        "C2": books.owe("C2", "700.00", "2026-09-01"),  # 121 days
        # USD at 7.1234: 123.45 × 7.1234 = 879.383… → 879.38
        "U1": books.owe("C3", "123.45", "2026-12-15", currency="USD", rate="7.1234"),
        # 333.33 USD, 111.11 settled: open 222.22 × 7.1234 = 1582.961… → 1582.96
        "U2": books.owe("C3", "333.33", "2026-11-10", currency="USD", rate="7.1234"),
        "S1": books.owe("S1", "800.00", "2026-12-01", side="ap"),
    }
    books.allocate(e["E2"], books.owe("C1", "-500.00", "2026-12-01"), "500.00", "2026-12-01")
    books.owe("C1", "-250.00", "2026-12-28")  # a prepayment: shown apart
    books.allocate(e["E8"], books.owe("C1", "-600.00", "2027-01-03"), "600.00", "2027-01-03")
    books.owe("C1", "999.00", "2027-01-05")  # after as_of
    books.allocate(
        e["U2"],
        books.owe("C3", "-111.11", "2026-12-05", currency="USD", rate="7.1234"),
        "111.11",
        "2026-12-05",
    )
    return e


def _ageing(api: Api, **params: str) -> dict:  # type: ignore[type-arg]
    r = api.get("/reports/ageing", params={"as_of": AS_OF, **params})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _rows(report: dict) -> list[tuple]:  # type: ignore[type-arg]
    return [(i["partner_code"], i["amounts"], i["total"], i["prepaid"]) for i in report["items"]]


def test_ageing_by_document_date(api: Api, books: Books):
    _ageing_books(books)
    report = _ageing(api)
    assert report["buckets"] == ["0-30", "31-60", "61-90", "90+"]
    assert _rows(report) == [
        ("C1", ["1610.00", "1515.00", "300.00", "450.00"], "3875.00", "250.00"),
        ("C2", ["0.00", "0.00", "0.00", "700.00"], "700.00", "0.00"),
        ("C3", ["879.38", "1582.96", "0.00", "0.00"], "2462.34", "0.00"),
    ]
    assert report["totals"] == ["2489.38", "3097.96", "300.00", "1150.00"]
    assert report["total"] == "7037.34"

    ap = _ageing(api, side="ap")
    assert _rows(ap) == [("S1", ["800.00", "0.00", "0.00", "0.00"], "800.00", "0.00")]


def test_ageing_as_of_an_earlier_date_ignores_later_settlements(api: Api, books: Books):
    _ageing_books(books)
    report = _ageing(api, as_of="2026-11-30")
    # E2's 500 and U2's 111.11 were settled in December: on 30 Nov both were wholly open.
    assert _rows(report) == [
        ("C1", ["2015.00", "300.00", "50.00", "400.00"], "2765.00", "0.00"),
        ("C2", ["0.00", "0.00", "700.00", "0.00"], "700.00", "0.00"),  # 90 days: still 61-90
        ("C3", ["2374.44", "0.00", "0.00", "0.00"], "2374.44", "0.00"),
    ]


def test_ageing_by_due_date_and_custom_buckets(api: Api, books: Books):
    e = _ageing_books(books)
    c1 = str(books.partners["C1"])
    due = _ageing(api, basis="due", partner_id=c1)
    # Due = date + 30 days (E9: its own due date); not yet due counts as current.
    assert _rows(due) == [("C1", ["3175.00", "300.00", "0.00", "400.00"], "3875.00", "250.00")]

    custom = _ageing(api, buckets="15,45", partner_id=c1)
    assert custom["buckets"] == ["0-15", "16-45", "45+"]
    assert _rows(custom) == [("C1", ["1000.00", "2125.00", "750.00"], "3875.00", "250.00")]
    assert e  # the books were written


def test_bucket_boundaries_must_ascend(api: Api):
    for bad in ("30,20", "0,30", "30,30", "a,b", "", "-5", "30,,60", ",".join(str(d) for d in range(1, 15))):
        body = problem(api.get("/reports/ageing", params={"buckets": bad}), 422, "invalid_query")
        assert body["errors"][0]["field"] == "query.buckets"
    assert _ageing(api, buckets="7")["buckets"] == ["0-7", "7+"]


def test_overdue_by_payment_terms(api: Api, books: Books):
    e = _ageing_books(books)
    r = api.get("/reports/overdue", params={"as_of": AS_OF})
    assert r.status_code == 200, r.text
    rows = r.json()
    assert [(x["id"], x["days_overdue"]) for x in rows] == [
        (e["E4"], 122),  # 08-01 + 30 days
        (e["C2"], 121),  # no terms: due 09-01
        (e["U2"], 51),
        (e["E3"], 47),
        (e["E9"], 16),  # its own due date 12-15 (the terms would say 10-15)
        (e["U1"], 16),
        (e["E2"], 6),
        (e["E6"], 1),
    ]
    u2 = next(x for x in rows if x["id"] == e["U2"])
    assert (u2["partner_name"], u2["currency"], u2["amount"], u2["open_amount"]) == (
        "C3公司",
        "USD",
        "333.33",
        "222.22",
    )
    assert (u2["base_amount"], u2["base_open_amount"], u2["due_date"]) == ("2374.44", "1582.96", "2026-11-10")
    e2 = next(x for x in rows if x["id"] == e["E2"])
    assert (e2["open_amount"], e2["due_date"]) == ("1500.00", "2026-12-25")

    ap = api.get("/reports/overdue", params={"as_of": AS_OF, "side": "ap"}).json()
    assert [(x["id"], x["days_overdue"]) for x in ap] == [(e["S1"], 30)]


def test_ageing_export(api: Api, books: Books):
    _ageing_books(books)
    r = api.get("/reports/ageing", params={"as_of": AS_OF, "format": "xlsx"})
    assert r.status_code == 200, r.text
    rows = CalamineWorkbook.from_filelike(io.BytesIO(r.content)).get_sheet_by_index(0).to_python()
    assert rows[0][2:6] == ["0-30", "31-60", "61-90", "90+"]
    assert [row[0] for row in rows[1:]] == ["C1", "C2", "C3"]
    assert rows[3][2:7] == [879.38, 1582.96, 0, 0, 2462.34]
    r = api.get("/reports/overdue", params={"as_of": AS_OF, "format": "xlsx"})
    assert r.status_code == 200, r.text
    assert len(CalamineWorkbook.from_filelike(io.BytesIO(r.content)).get_sheet_by_index(0).to_python()) == 9
