"""单位, 价格等级, 商品分类 (tree)."""

from __future__ import annotations

from tests.api.catalog.conftest import cola
from tests.helpers import problem


def test_units(api, units):
    assert [u["name"] for u in api.get("/units").json()] == ["瓶", "箱", "千克", "件"]
    problem(api.post("/units", {"name": "瓶"}), 409, "unit_name_taken")
    api.post("/products", cola(units))
    problem(api.delete(f"/units/{units['箱']}"), 409, "unit_in_use")
    assert api.patch(f"/units/{units['箱']}", {"is_active": False}).json()["is_active"] is False
    assert api.delete(f"/units/{units['千克']}").status_code == 204


def test_price_levels(api):
    a = api.post("/price-levels", {"name": "批发一级", "sort_order": 2}).json()
    b = api.post("/price-levels", {"name": "VIP", "sort_order": 1}).json()
    assert [p["name"] for p in api.get("/price-levels").json()] == ["VIP", "批发一级"]
    problem(api.post("/price-levels", {"name": "vip"}), 409, "price_level_name_taken")
    assert api.patch(f"/price-levels/{a['id']}", {"name": "批发"}).json()["name"] == "批发"
    assert api.delete(f"/price-levels/{b['id']}").status_code == 204


def test_category_tree_move_and_cycles(api, units):
    food = api.post("/categories", {"name": "食品"}).json()
    drinks = api.post("/categories", {"name": "饮料", "parent_id": food["id"]}).json()
    soda = api.post("/categories", {"name": "碳酸饮料", "parent_id": drinks["id"]}).json()
    tree = api.get("/categories").json()
    assert tree[0]["name"] == "食品"
    assert tree[0]["children"][0]["children"][0]["name"] == "碳酸饮料"
    body = problem(
        api.patch(f"/categories/{food['id']}", {"parent_id": soda["id"], "version": food["version"]}),
        422,
        "category_cycle",
    )
    assert body["errors"][0]["field"] == "body.parent_id"
    problem(
        api.patch(f"/categories/{food['id']}", {"parent_id": food["id"], "version": food["version"]}),
        422,
        "category_cycle",
    )
    moved = api.patch(f"/categories/{soda['id']}", {"parent_id": None, "version": soda["version"]}).json()
    assert moved["parent_id"] is None
    problem(api.delete(f"/categories/{food['id']}"), 409, "category_has_children")
    api.post("/products", cola(units, category_id=soda["id"]))
    problem(api.delete(f"/categories/{soda['id']}"), 409, "category_in_use")
    assert next(c for c in api.get("/categories").json() if c["id"] == soda["id"])["product_count"] == 1


def test_list_filters_by_category_with_children(api, units):
    food = api.post("/categories", {"name": "食品"}).json()
    drinks = api.post("/categories", {"name": "饮料", "parent_id": food["id"]}).json()
    api.post("/products", cola(units, category_id=drinks["id"]))
    assert api.get("/products", params={"category_id": food["id"]}).json()["total"] == 1
    assert (
        api.get("/products", params={"category_id": food["id"], "include_children": "false"}).json()["total"]
        == 0
    )
