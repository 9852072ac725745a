"""客户/供应商, 仓库/库位, 结算账户."""

from __future__ import annotations

from tests.api.catalog.conftest import cola
from tests.helpers import Api, make_user, problem

HUALIAN = {
    "name": "华联超市",
    "is_customer": True,
    "province": "浙江",
    "city": "杭州",
    "phone": "0571-8888",
    "contacts": [{"name": "王经理", "phone": "13900000000", "position": "采购"}],
    "credit_limit": "50000.00",
    "payment_terms_days": 30,
}


def test_partner_crud_search_and_kinds(api):
    level = api.post("/price-levels", {"name": "批发"}).json()["id"]
    c = api.post("/partners", {**HUALIAN, "price_level_id": level}).json()
    assert c["code"].startswith("KH")
    assert c["mnemonic"] == "hlcs"
    assert c["credit_limit"] == "50000.00"
    assert c["contacts"][0]["name"] == "王经理"
    s = api.post("/partners", {"name": "可口可乐装瓶厂", "is_customer": False, "is_supplier": True}).json()
    assert s["code"].startswith("GYS")
    both = api.post(
        "/partners", {"name": "联华", "is_customer": True, "is_supplier": True, "code": "LH"}
    ).json()
    assert {p["id"] for p in api.get("/partners", params={"kind": "supplier"}).json()["items"]} == {
        s["id"],
        both["id"],
    }
    assert [p["id"] for p in api.get("/partners", params={"q": "hlcs"}).json()["items"]] == [c["id"]]
    assert [p["id"] for p in api.get("/partners", params={"q": "wang"}).json()["items"]] == []
    assert [p["id"] for p in api.get("/partners", params={"q": "13900000000"}).json()["items"]] == [c["id"]]
    assert api.get("/partners", params={"province": "浙江"}).json()["total"] == 1
    r = api.patch(
        f"/partners/{c['id']}", {"credit_limit": None, "city": "宁波", "version": c["version"]}
    ).json()
    assert r["credit_limit"] is None
    assert r["city"] == "宁波"
    assert r["contacts"][0]["name"] == "王经理"
    problem(
        api.patch(f"/partners/{c['id']}", {"city": "x", "version": c["version"]}), 409, "version_conflict"
    )
    problem(api.delete(f"/price-levels/{level}"), 409, "price_level_in_use")


def test_partner_rules(api):
    problem(api.post("/partners", {"name": "x", "is_customer": False}), 422, "partner_invalid")
    problem(api.post("/partners", {"name": "x", "price_level_id": 999}), 422, "partner_invalid")
    problem(api.post("/partners", {"name": "x", "credit_limit": "-1"}), 422, "validation_failed")
    api.post("/partners", {"name": "甲", "code": "C1"})
    problem(api.post("/partners", {"name": "乙", "code": "C1"}), 409, "code_taken")


def test_default_supplier_must_be_a_supplier_and_blocks_deletion(api, units):
    customer = api.post("/partners", {"name": "只是客户"}).json()
    problem(api.post("/products", cola(units, default_supplier_id=customer["id"])), 422, "product_invalid")
    supplier = api.post("/partners", {"name": "供货商", "is_customer": False, "is_supplier": True}).json()
    assert api.post("/products", cola(units, default_supplier_id=supplier["id"])).status_code == 201
    body = problem(api.delete(f"/partners/{supplier['id']}"), 409, "partner_in_use")
    assert "可口可乐" in body["detail"]
    assert api.delete(f"/partners/{customer['id']}").status_code == 204


def test_salesperson_must_belong_to_the_company(api):
    me = api.get("/auth/me").json()
    assert (
        api.post("/partners", {"name": "x", "salesperson_id": me["id"]}).json()["salesperson_name"]
        == "管理员"
    )
    problem(api.post("/partners", {"name": "y", "salesperson_id": 9999}), 422, "partner_invalid")


def test_warehouses_and_locations(api, client):
    w = api.post("/warehouses", {"code": "WH1", "name": "总仓", "address": "杭州", "keeper": "李四"}).json()
    store = api.post("/warehouses", {"code": "ST1", "name": "门店", "kind": "store"}).json()
    assert api.get("/warehouses", params={"kind": "store"}).json()["items"][0]["id"] == store["id"]
    loc = api.post(f"/warehouses/{w['id']}/locations", {"code": "A-01", "name": "一号货架"}).json()
    problem(api.post(f"/warehouses/{w['id']}/locations", {"code": "A-01"}), 409, "location_code_taken")
    assert api.patch(f"/locations/{loc['id']}", {"name": "1号架"}).json()["name"] == "1号架"
    assert [x["code"] for x in api.get(f"/warehouses/{w['id']}/locations").json()] == ["A-01"]
    upd = api.patch(f"/warehouses/{w['id']}", {"name": "杭州总仓", "version": w["version"]}).json()
    assert upd["name"] == "杭州总仓"
    make_user(api.db, "keeper", ["warehouse.view", "warehouse.edit"], warehouses=[store["id"]])
    keeper = Api(client, api.db)
    keeper.login("keeper")
    problem(keeper.get(f"/warehouses/{w['id']}/locations"), 403, "warehouse_out_of_scope")
    problem(keeper.post(f"/warehouses/{w['id']}/locations", {"code": "B"}), 403, "warehouse_out_of_scope")
    api.login("admin", "admin-pass-123")
    assert api.delete(f"/locations/{loc['id']}").status_code == 204
    body = problem(api.delete(f"/warehouses/{store['id']}"), 409, "warehouse_in_use")
    assert "keeper" in body["detail"]
    assert api.delete(f"/warehouses/{w['id']}").status_code == 204


def test_accounts(api):
    a = api.post("/accounts", {"code": "XJ", "name": "现金"}).json()
    b = api.post("/accounts", {"code": "WX", "name": "微信收款", "kind": "wechat"}).json()
    assert a["kind"] == "cash"
    assert [x["code"] for x in api.get("/accounts", params={"kind": "wechat"}).json()["items"]] == ["WX"]
    problem(api.post("/accounts", {"code": "XJ", "name": "x"}), 409, "code_taken")
    problem(api.post("/accounts", {"code": "Y", "name": "y", "kind": "crypto"}), 422, "validation_failed")
    assert (
        api.patch(f"/accounts/{b['id']}", {"is_active": False, "version": b["version"]}).json()["is_active"]
        is False
    )
    assert api.delete(f"/accounts/{a['id']}").status_code == 204
