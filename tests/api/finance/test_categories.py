"""收支类别: every company starts with the defaults; names are unique per kind; a used category stays."""

from __future__ import annotations

from decimal import Decimal

from jxc.finance.doc_models import MoneyDoc, MoneyDocLine
from tests.api.finance.conftest import Books, day
from tests.helpers import Api, company_id, problem

DEFAULT_EXPENSES = ["运费", "房租", "工资", "水电费", "办公费", "其他支出"]
DEFAULT_INCOMES = ["利息收入", "其他收入"]


def names(api: Api, kind: str) -> list[str]:
    r = api.get("/money-categories", params={"kind": kind})
    assert r.status_code == 200, r.text
    return [c["name"] for c in r.json()]


def test_every_company_starts_with_the_default_categories(api: Api):
    assert names(api, "expense") == DEFAULT_EXPENSES
    assert names(api, "income") == DEFAULT_INCOMES
    r = api.post("/companies", {"name": "分公司", "start_date": "2026-11-01"})
    assert r.status_code == 201, r.text
    r = api.post("/auth/switch-company", {"company_id": r.json()["id"]})
    assert r.status_code == 200, r.text
    assert names(api, "expense") == DEFAULT_EXPENSES
    assert names(api, "income") == DEFAULT_INCOMES
    # Its own rows: renaming one there leaves the first company's alone.
    rent = next(c for c in api.get("/money-categories").json() if c["name"] == "房租")
    r = api.patch(f"/money-categories/{rent['id']}", {"name": "租金", "version": rent["version"]})
    assert r.status_code == 200, r.text
    assert "租金" in names(api, "expense")
    api.post("/auth/switch-company", {"company_id": company_id(api.db)})
    assert names(api, "expense") == DEFAULT_EXPENSES


def test_create_edit_deactivate_and_delete(api: Api):
    r = api.post("/money-categories", {"kind": "expense", "name": "差旅费"})
    assert r.status_code == 201, r.text
    trip = r.json()
    assert (trip["kind"], trip["name"], trip["is_active"]) == ("expense", "差旅费", True)
    # The same name is taken within a kind, free in the other.
    problem(
        api.post("/money-categories", {"kind": "expense", "name": "差旅费"}), 409, "money_category_name_taken"
    )
    assert api.post("/money-categories", {"kind": "income", "name": "差旅费"}).status_code == 201
    r = api.patch(f"/money-categories/{trip['id']}", {"is_active": False, "version": trip["version"]})
    assert r.status_code == 200, r.text
    assert r.json()["is_active"] is False
    active = api.get("/money-categories", params={"kind": "expense", "is_active": True}).json()
    assert "差旅费" not in [c["name"] for c in active]
    problem(
        api.patch(f"/money-categories/{trip['id']}", {"name": "运费", "version": r.json()["version"]}),
        409,
        "money_category_name_taken",
    )
    problem(
        api.patch(f"/money-categories/{trip['id']}", {"name": "出差", "version": trip["version"]}),
        409,
        "version_conflict",
    )
    assert api.delete(f"/money-categories/{trip['id']}").status_code == 204
    problem(api.delete(f"/money-categories/{trip['id']}"), 404, "money_category_not_found")


def test_a_category_in_use_is_not_deleted(api: Api, books: Books):
    cats = {c["name"]: c["id"] for c in api.get("/money-categories").json()}
    books.account("XJ")
    books.cash("XJ", "500.00", "2026-11-01", category=cats["其他收入"])
    problem(api.delete(f"/money-categories/{cats['其他收入']}"), 409, "category_in_use")
    # A line of a draft document also holds it.
    with api.db.transaction(writer=True, company_id=books.company) as s:
        doc = MoneyDoc(
            kind="expense",
            number="QTZC-20261101-0001",
            business_date=day("2026-11-01"),
            account_id=books.accounts["XJ"],
        )
        s.add(doc)
        s.flush()
        s.add(MoneyDocLine(doc_id=doc.id, line_no=1, amount=Decimal("80.00"), category_id=cats["运费"]))
    problem(api.delete(f"/money-categories/{cats['运费']}"), 409, "category_in_use")
    assert api.delete(f"/money-categories/{cats['房租']}").status_code == 204
