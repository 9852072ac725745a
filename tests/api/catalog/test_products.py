"""商品: several units, barcodes with check digits, prices, pinyin search, variants, cost fields."""

from __future__ import annotations

from decimal import Decimal

from tests.api.catalog.conftest import cola
from tests.helpers import Api, make_user, problem


def test_multi_unit_product_with_two_barcodes(api, units):
    r = api.post("/products", cola(units))
    assert r.status_code == 201, r.text
    p = r.json()
    assert p["code"].startswith("SP")
    assert p["mnemonic"] == "kkkl330ml"
    assert [(u["name"], u["ratio"], u["is_base"]) for u in p["units"]] == [
        ("瓶", "1", True),
        ("箱", "24.000000", False),
    ]
    sku = p["skus"][0]
    assert sku["code"] == p["code"]
    assert {b["barcode"] for b in sku["barcodes"]} == {"6901234567892", "16901234567899"}
    assert sku["prices"][0]["retail_price"] == "3.500000"
    assert sku["prices"][0]["purchase_price"] == "2.100000"


def test_one_search_finds_by_code_barcode_name_initials_and_pinyin(api, units):
    p = api.post("/products", cola(units)).json()
    for q in ("kkkl", "kekou", "可乐", "6901234567892", p["code"].lower(), "KKKL", "可口 可乐"):
        items = api.get("/products", params={"q": q}).json()["items"]
        assert [i["id"] for i in items] == [p["id"]], q
        skus = api.get("/skus", params={"q": q}).json()["items"]
        assert [s["product_id"] for s in skus] == [p["id"]], q
    assert api.get("/products", params={"q": "xyz"}).json()["total"] == 0
    assert api.get("/products", params={"q": "%"}).json()["total"] == 0


def test_scanning_a_case_barcode_gives_the_case_unit(api, units):
    api.post("/products", cola(units))
    hit = api.get("/skus/by-barcode/16901234567899").json()
    assert hit["unit_id"] == units["箱"]
    assert hit["ratio"] == "24.000000"
    assert hit["sku"]["name"] == "可口可乐 330ml"
    problem(api.get("/skus/by-barcode/0000"), 404, "barcode_not_found")


def test_barcode_rules(api, units):
    bad = cola(units)
    bad["skus"][0]["barcodes"] = [
        {"barcode": "6901234567891", "unit_id": units["瓶"]},
        {"barcode": "6.9E+12", "unit_id": units["瓶"]},
        {"barcode": "1234567", "unit_id": units["千克"]},
    ]
    body = problem(api.post("/products", bad), 422, "product_invalid")
    codes = sorted(e["code"] for e in body["errors"])
    assert codes == ["barcode_check_digit", "barcode_scientific", "unit_not_of_product"]
    api.post("/products", cola(units))
    problem(api.post("/products", cola(units, name="百事可乐")), 409, "barcode_taken")


def test_internal_codes_and_excel_float_barcodes_are_accepted(api, units):
    body = cola(units)
    body["skus"][0]["barcodes"] = [
        {"barcode": "A-1001", "unit_id": units["瓶"]},
        {"barcode": "2001.0", "unit_id": units["箱"]},
    ]
    sku = api.post("/products", body).json()["skus"][0]
    assert sorted(b["barcode"] for b in sku["barcodes"]) == ["2001", "A-1001"]


def test_unit_ratio_rules(api, units):
    problem(
        api.post("/products", cola(units, units=[{"unit_id": units["箱"], "ratio": "0"}])),
        422,
        "product_invalid",
    )
    body = problem(
        api.post("/products", cola(units, units=[{"unit_id": units["箱"], "ratio": "1.1234567"}])),
        422,
        "validation_failed",
    )
    assert body["errors"][0]["field"] == "body.units.0.ratio"
    problem(
        api.post("/products", cola(units, units=[{"unit_id": units["瓶"], "ratio": "2"}])),
        422,
        "product_invalid",
    )


def test_duplicate_codes(api, units):
    api.post("/products", cola(units, code="KL-1"))
    second = cola(units, code="KL-1")
    second["skus"][0]["barcodes"] = []
    problem(api.post("/products", second), 409, "code_taken")


def test_clothing_matrix_generates_skus(api, units):
    body = {
        "name": "纯棉T恤",
        "base_unit_id": units["件"],
        "code": "TX01",
        "attributes": [
            {"name": "颜色", "values": ["白", "黑", "蓝"]},
            {"name": "尺码", "values": ["S", "M", "L", "XL"]},
        ],
    }
    p = api.post("/products", body).json()
    assert len(p["skus"]) == 12
    assert p["skus"][0]["code"] == "TX01-01"
    assert p["skus"][0]["attributes"] == {"颜色": "白", "尺码": "S"}
    assert {s["attributes_text"] for s in p["skus"]} >= {"白 S", "蓝 XL"}
    listed = api.get("/products", params={"q": "cmtx"}).json()["items"][0]
    assert listed["sku_count"] == 12
    assert api.get("/skus", params={"q": "TX01"}).json()["total"] == 12


def test_matrix_must_be_complete_and_unique(api, units):
    body = {
        "name": "T恤",
        "base_unit_id": units["件"],
        "attributes": [{"name": "颜色", "values": ["白", "黑"]}],
        "skus": [{"attributes": {"颜色": "白"}}, {"attributes": {"颜色": "白"}}],
    }
    problem(api.post("/products", body), 422, "product_invalid")
    body["skus"] = [{"attributes": {"颜色": "红"}}]
    problem(api.post("/products", body), 422, "product_invalid")


def test_update_keeps_skus_and_checks_version(api, units):
    p = api.post("/products", cola(units)).json()
    body = cola(units, name="可口可乐 330ml 新包装", version=p["version"])
    body["skus"][0]["id"] = p["skus"][0]["id"]
    r = api.put(f"/products/{p['id']}", body)
    assert r.status_code == 200, r.text
    assert r.json()["skus"][0]["id"] == p["skus"][0]["id"]
    assert r.json()["mnemonic"].startswith("kkkl")
    problem(api.put(f"/products/{p['id']}", body), 409, "version_conflict")


def test_purchase_price_is_a_cost_field(api, units, client):
    p = api.post("/products", cola(units)).json()
    make_user(api.db, "clerk", ["catalog.product.view", "catalog.product.edit"])
    clerk = Api(client, api.db)
    clerk.login("clerk")
    got = clerk.get(f"/products/{p['id']}").json()
    assert "purchase_price" not in got["skus"][0]["prices"][0]
    assert "2.1" not in str(clerk.get("/products").json())
    assert "purchase_price" not in clerk.get("/skus").json()["items"][0]
    # Saving without seeing the cost neither needs nor erases it; sending one is refused.
    body = cola(units, version=got["version"])
    body["skus"][0]["id"] = got["skus"][0]["id"]
    problem(clerk.put(f"/products/{p['id']}", body), 422, "product_invalid")
    for price in body["skus"][0]["prices"]:
        price.pop("purchase_price", None)
    assert clerk.put(f"/products/{p['id']}", body).status_code == 200
    api.login("admin", "admin-pass-123")
    assert api.get(f"/products/{p['id']}").json()["skus"][0]["prices"][0]["purchase_price"] == "2.100000"


def test_buyer_sees_and_sets_the_reference_purchase_price_without_cost_view(api, units, client):
    p = api.post("/products", cola(units)).json()
    make_user(
        api.db,
        "buyer",
        ["catalog.product.view", "catalog.product.edit", "catalog.product.export", "purchase.price.view"],
    )
    buyer = Api(client, api.db)
    buyer.login("buyer")
    got = buyer.get(f"/products/{p['id']}").json()
    assert got["skus"][0]["prices"][0]["purchase_price"] == "2.100000"
    assert buyer.get("/skus").json()["items"][0]["purchase_price"] == "2.100000"
    exported = buyer.get("/products", params={"format": "csv", "columns": "code,purchase_price"})
    assert exported.status_code == 200
    assert "2.1" in exported.text
    body = cola(units, version=got["version"])
    body["skus"][0]["id"] = got["skus"][0]["id"]
    body["skus"][0]["prices"][0]["purchase_price"] = "2.35"
    assert buyer.put(f"/products/{p['id']}", body).status_code == 200
    assert buyer.get(f"/products/{p['id']}").json()["skus"][0]["prices"][0]["purchase_price"] == "2.350000"
    # Stock costs stay a cost.view matter.
    assert "unit_cost" not in str(buyer.get("/skus").json())


def test_stock_limits_per_warehouse_and_fractions(api, units):
    wid = api.post("/warehouses", {"code": "WH1", "name": "总仓"}).json()["id"]
    body = cola(units)
    body["skus"][0]["stock_limits"] = [{"warehouse_id": wid, "min_qty": "10", "max_qty": "5"}]
    problem(api.post("/products", body), 422, "product_invalid")
    body["skus"][0]["stock_limits"] = [{"warehouse_id": wid, "min_qty": "1.5", "max_qty": "50"}]
    errors = problem(api.post("/products", body), 422, "product_invalid")["errors"]
    assert errors[0]["code"] == "fraction_not_allowed"
    body["skus"][0]["stock_limits"] = [{"warehouse_id": wid, "min_qty": "12", "max_qty": "240"}]
    sku = api.post("/products", body).json()["skus"][0]
    assert sku["stock_limits"] == [{"warehouse_id": wid, "min_qty": "12.0000", "max_qty": "240.0000"}]
    problem(api.delete(f"/warehouses/{wid}"), 409, "warehouse_in_use")


def test_level_prices(api, units):
    vip = api.post("/price-levels", {"name": "VIP"}).json()["id"]
    body = cola(units)
    body["skus"][0]["prices"][0]["level_prices"] = [{"price_level_id": vip, "price": "3.20"}]
    sku = api.post("/products", body).json()["skus"][0]
    assert sku["prices"][0]["level_prices"] == [{"price_level_id": vip, "price": "3.200000"}]
    problem(api.delete(f"/price-levels/{vip}"), 409, "price_level_in_use")


def test_delete_product_and_refusal_when_referenced(api, units):
    from jxc.common import refs

    p = api.post("/products", cola(units)).json()
    sku_id = p["skus"][0]["id"]
    refs.register_usage("sku", lambda _s, sid: "销售出库单 XSCK-20261122-0001" if sid == sku_id else None)
    body = problem(api.delete(f"/products/{p['id']}"), 409, "product_in_use")
    assert "XSCK-20261122-0001" in body["detail"]
    other = api.post("/products", cola(units, name="雪碧", skus=[{}])).json()
    assert api.delete(f"/products/{other['id']}").status_code == 204
    problem(api.get(f"/products/{other['id']}"), 404, "product_not_found")


def test_export_and_permissions(api, units, client):
    api.post("/products", cola(units))
    r = api.get(
        "/products", params={"format": "csv", "columns": "code,name,barcode,retail_price,purchase_price"}
    )
    text = r.content.decode("utf-8-sig")
    assert "6901234567892" in text
    assert "2.1" in text
    make_user(api.db, "viewer", ["catalog.product.view", "catalog.product.export"])
    viewer = Api(client, api.db)
    viewer.login("viewer")
    problem(viewer.post("/products", cola(units)), 403, "permission_denied")
    problem(
        viewer.get("/products", params={"format": "csv", "columns": "code,purchase_price"}),
        422,
        "invalid_query",
    )
    assert "2.1" not in viewer.get("/products", params={"format": "csv"}).content.decode("utf-8-sig")


def test_pinyin_preview(api):
    r = api.get("/pinyin", params={"text": "重庆小面"}).json()
    assert r["initials"][0] == "cqxm"
    assert "zqxm" in r["initials"]
    assert r["full"] == "chongqingxiaomian"


def test_decimal_ratio_round_trip_is_exact():
    import random

    from jxc.catalog.conversion import from_base, mixed, to_base

    rng = random.Random(3)
    for _ in range(5000):
        ratio = Decimal(rng.randint(1, 10**6)) / Decimal(10) ** rng.randint(0, 6)
        qty = Decimal(rng.randint(0, 10**8)) / Decimal(10) ** rng.randint(0, 4)
        assert from_base(to_base(qty, ratio), ratio) == qty
    assert mixed(Decimal(77), [("箱", Decimal(24))], "瓶") == "3箱5瓶"
    assert mixed(Decimal(48), [("箱", Decimal(24))], "瓶") == "2箱"
    assert mixed(Decimal("2.5"), [("箱", Decimal(24))], "瓶") == "2.5瓶"
    assert mixed(Decimal(-30), [("箱", Decimal(24))], "瓶") == "-1箱6瓶"
