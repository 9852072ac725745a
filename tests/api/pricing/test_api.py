"""Price lists, promotions, the price default and quotes through the API: rules, permissions, Excel."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import xlsxwriter

from jxc.common.clock import today
from tests.api.pricing.conftest import Prices
from tests.helpers import ADMIN_PASSWORD, Api, make_user, problem


def _list_body(p: Prices, **extra: Any) -> dict[str, Any]:
    return {
        "name": "2026 冬季价",
        "date_from": "2026-11-01",
        "items": [{"sku_id": p.shop.sku["COLA"], "unit_id": p.shop.units["瓶"], "price": "2.60"}],
    } | extra


def test_price_list_crud_and_rules(prices: Prices) -> None:
    api = prices.api
    r = api.post("/price-lists", _list_body(prices, price_level_id=prices.level["VIP"]))
    assert r.status_code == 201, r.text
    pl = r.json()
    assert (pl["price_level_name"], pl["item_count"], pl["items"][0]["sku_code"]) == ("会员价", 1, "COLA")
    problem(api.post("/price-lists", _list_body(prices)), 409, "price_list_name_taken")
    cola, box = prices.shop.sku["COLA"], prices.shop.units["箱"]
    bad = _list_body(
        prices,
        name="坏",
        date_to="2026-10-01",
        price_level_id=9999,
        items=[
            {"sku_id": cola, "unit_id": box, "price": "60"},
            {"sku_id": cola, "unit_id": box, "price": "61"},
            {"sku_id": 9999, "unit_id": box, "price": "1"},
        ],
    )
    body = problem(api.post("/price-lists", bad), 422, "invalid_price_list")
    assert [(e["field"], e["code"]) for e in body["errors"]] == [
        ("date_to", "dates_ordered"),
        ("price_level_id", "price_level_not_found"),
        ("items.1.sku_id", "duplicate_item"),
        ("items.2.sku_id", "sku_unknown"),
    ]
    upd = _list_body(prices, name="2026 冬季价（改）", version=pl["version"], items=[])
    r = api.put(f"/price-lists/{pl['id']}", upd)
    assert r.status_code == 200, r.text
    assert (r.json()["item_count"], r.json()["version"]) == (0, pl["version"] + 1)
    problem(api.put(f"/price-lists/{pl['id']}", upd), 409, "version_conflict")
    page = api.get("/price-lists", params={"q": "改"}).json()
    assert [x["id"] for x in page["items"]] == [pl["id"]]
    assert api.delete(f"/price-lists/{pl['id']}").status_code == 204
    problem(api.get(f"/price-lists/{pl['id']}"), 404, "price_list_not_found")


def _xlsx(rows: list[list[str]]) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write_string(r, c, value)
    wb.close()
    return buf.getvalue()


def _upload(api: Api, list_id: int, rows: list[list[str]]) -> Any:
    files = {
        "file": (
            "items.xlsx",
            _xlsx(rows),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    }
    return api.post(f"/price-lists/{list_id}/import", files=files)


def test_price_list_import_is_all_or_nothing_and_export_reads_back(prices: Prices) -> None:
    api = prices.api
    pl = api.post("/price-lists", _list_body(prices)).json()
    head = ["商品编码或条码", "单位", "售价"]
    r = _upload(api, pl["id"], [head, ["COLA", "箱", "60"], ["NOPE", "", "1"], ["MILK", "斤", "2"]])
    assert r.status_code == 200, r.text
    result = r.json()
    assert (result["imported"], [e["row"] for e in result["errors"]]) == (0, [3, 4])
    assert api.get(f"/price-lists/{pl['id']}").json()["item_count"] == 1  # nothing changed
    # By barcode (its unit), by code with a unit, and an existing item's price changed.
    r = _upload(
        api, pl["id"], [head, ["6901234567892", "", "2.55"], ["COLA", "箱", "60"], ["MILK", "", "4.5"]]
    )
    assert r.json() == {"total": 3, "imported": 3, "errors": []}
    items = {
        (i["sku_code"], i["unit_name"]): i["price"]
        for i in api.get(f"/price-lists/{pl['id']}").json()["items"]
    }
    assert items == {("COLA", "瓶"): "2.550000", ("COLA", "箱"): "60.000000", ("MILK", "瓶"): "4.500000"}
    exported = api.get(f"/price-lists/{pl['id']}", params={"format": "xlsx"})
    assert exported.status_code == 200
    assert exported.content[:2] == b"PK"
    files = {"file": ("back.xlsx", exported.content, "application/octet-stream")}
    assert api.post(f"/price-lists/{pl['id']}/import", files=files).json()["imported"] == 3


def _promo(p: Prices, **extra: Any) -> dict[str, Any]:
    return {
        "name": "双十一",
        "kind": "percent_off",
        "scope": "sku",
        "date_from": "2026-11-01",
        "date_to": "2026-11-30",
        "percent_off": "10",
        "items": [{"sku_id": p.shop.sku["COLA"]}],
    } | extra


def test_promotion_rules(prices: Prices) -> None:
    api = prices.api
    for percent in ("0", "100.01", None):
        body = problem(api.post("/promotions", _promo(prices, percent_off=percent)), 422, "discount_invalid")
        assert body["errors"][0]["field"] == "percent_off"
    assert api.post("/promotions", _promo(prices, percent_off="100")).status_code == 201
    body = problem(
        api.post("/promotions", _promo(prices, kind="buy_n_get_m", buy_qty="0", date_to="2026-10-01")),
        422,
        "invalid_promotion",
    )
    assert [e["field"] for e in body["errors"]] == ["buy_qty", "free_qty", "date_to"]
    body = problem(
        api.post(
            "/promotions", _promo(prices, kind="fixed_price", items=[{"sku_id": prices.shop.sku["COLA"]}])
        ),
        422,
        "invalid_promotion",
    )
    assert body["errors"][0] == body["errors"][0] | {
        "field": "items.0.fixed_price",
        "code": "fixed_price_invalid",
    }
    problem(api.post("/promotions", _promo(prices, items=[])), 422, "invalid_promotion")
    body = problem(
        api.post("/promotions", _promo(prices, items=[{"category_id": prices.category["饮料"]}])),
        422,
        "invalid_promotion",
    )
    assert body["errors"][0]["code"] == "item_scope_mismatch"
    r = api.post(
        "/promotions", _promo(prices, scope="category", items=[{"category_id": prices.category["饮料"]}])
    )
    assert r.status_code == 201, r.text
    assert (r.json()["items"][0]["category_name"], r.json()["text"]) == ("饮料", "双十一（9折）")
    r = api.post("/promotions", _promo(prices, scope="all", items=[], kind="markdown", percent_off="30"))
    assert r.status_code == 201, r.text
    r = api.post(
        "/promotions",
        _promo(prices, kind="fixed_price", items=[{"sku_id": prices.shop.sku["COLA"], "fixed_price": "2.5"}]),
    )
    assert r.status_code == 201, r.text
    promo = r.json()
    assert promo["items"][0]["fixed_price"] == "2.500000"
    upd = api.put(f"/promotions/{promo['id']}", _promo(prices, is_active=False, version=promo["version"]))
    assert upd.status_code == 200, upd.text
    assert (upd.json()["kind"], upd.json()["is_active"]) == ("percent_off", False)
    assert api.get("/promotions", params={"active": "false"}).json()["total"] == 1
    assert api.get("/promotions", params={"on": "2026-12-01"}).json()["total"] == 0


def test_a_used_promotion_is_not_deleted(prices: Prices) -> None:
    api = prices.api
    prices.set_prices("COLA", retail_price="3.00")
    unused = api.post("/promotions", _promo(prices)).json()
    assert api.delete(f"/promotions/{unused['id']}").status_code == 204
    used = api.post(
        "/promotions",
        _promo(prices, date_from=str(today() - timedelta(days=1)), date_to=str(today() + timedelta(days=1))),
    ).json()
    shop = prices.shop
    shop.post("opening", [shop.line("COLA", "5", "2.00")], day=str(today() - timedelta(days=2)))
    r = api.post("/accounts", {"code": "CASH", "name": "现金", "kind": "cash"})
    sale = {
        "warehouse_id": shop.wh["A"],
        "lines": [{"sku_id": shop.sku["COLA"], "unit_id": shop.units["瓶"], "qty": "1"}],
        "payments": [{"account_id": r.json()["id"], "amount": "2.70"}],
    }
    t = api.post("/retail/tickets", sale)
    assert t.status_code == 201, t.text
    assert t.json()["lines"][0]["promotion_id"] == used["id"]
    assert api.get(f"/promotions/{used['id']}").json()["used"] is True
    problem(api.delete(f"/promotions/{used['id']}"), 409, "promotion_used")


def test_default_and_quote(prices: Prices) -> None:
    api = prices.api
    prices.set_prices(
        "COLA", retail_price="3.00", wholesale_price="2.50", min_price="2.00", levels={"VIP": "2.80"}
    )
    cola, bottle = prices.shop.sku["COLA"], prices.shop.units["瓶"]
    q = {"sku_id": cola, "unit_id": bottle, "date": "2026-11-20"}
    r = api.get("/sales-prices/default", params=q | {"customer_id": prices.partner["C2"]})
    assert r.json() == {
        "price": "2.500000",
        "source": "wholesale",
        "min_price": "2.000000",
        "last_date": None,
        "last_number": None,
        "promotion": None,
    }
    bogo = prices.add_promo("buy_n_get_m", name="买二送一", skus={"COLA": None}, buy="2", free="1")
    hint = api.get("/sales-prices/default", params=q | {"channel": "retail"}).json()
    assert (hint["price"], hint["source"]) == ("3.000000", "retail")
    assert hint["promotion"] == {
        "id": bogo,
        "name": "买二送一",
        "text": "买二送一（买2送1）",
        "price": None,
        "free_qty": "0",
    }
    pct = prices.add_promo("percent_off", name="九折", skus={"COLA": None}, percent_off="10")
    hint = api.get("/sales-prices/default", params=q | {"channel": "retail"}).json()
    assert (hint["promotion"]["id"], hint["promotion"]["price"]) == (pct, "2.700000")
    body = {
        "channel": "sales",
        "customer_id": prices.partner["C1"],
        "date": "2026-11-20",
        "lines": [
            {"sku_id": cola, "unit_id": bottle, "qty": "1"},
            {"sku_id": cola, "unit_id": bottle, "qty": "4", "price": "3.10"},
            {"sku_id": cola, "unit_id": bottle, "qty": "4"},
        ],
    }
    lines = api.post("/sales-prices/quote", body).json()["lines"]
    assert [(x["list_price"], x["price"], x["source"], x["promotion_id"], x["free_qty"]) for x in lines] == [
        ("2.800000", "2.520000", "level", pct, "0"),
        ("3.10", "3.10", "given", None, "0"),  # a typed price on a sales document keeps it
        ("2.800000", "2.800000", "level", bogo, "2.0000"),  # 4 × 2.80 over 6 units beats 2.52
    ]
    retail = api.post("/sales-prices/quote", body | {"channel": "retail"}).json()["lines"]
    assert retail[1]["promotion_id"] == bogo  # at the counter promotions apply to typed prices too
    problem(api.get("/sales-prices/default", params=q | {"unit_id": 9999}), 422, "invalid_query")


def test_permissions(prices: Prices, client) -> None:  # type: ignore[no-untyped-def]
    make_user(prices.api.db, "viewer", ["pricing.view"])
    make_user(prices.api.db, "cashier", ["retail.sell"])
    viewer = Api(client, prices.api.db)
    viewer.login("viewer")
    assert viewer.get("/price-lists").status_code == 200
    assert viewer.get("/promotions").status_code == 200
    problem(viewer.post("/price-lists", _list_body(prices)), 403, "permission_denied")
    problem(viewer.post("/promotions", _promo(prices)), 403, "permission_denied")
    q = {"sku_id": prices.shop.sku["COLA"], "unit_id": prices.shop.units["瓶"]}
    problem(viewer.get("/sales-prices/default", params=q), 403, "permission_denied")
    viewer.login("cashier")
    assert viewer.get("/sales-prices/default", params=q).status_code == 200
    problem(viewer.get("/price-lists"), 403, "permission_denied")
    prices.api.login("admin", ADMIN_PASSWORD)


def test_slow_movers_hide_value_without_cost_view(prices: Prices, client) -> None:  # type: ignore[no-untyped-def]
    shop = prices.shop
    day = today()
    shop.post(
        "opening",
        [shop.line("COLA", "10", "7.77"), shop.line("MILK", "3", "1.00", lot_no="L1")],
        day=str(day - timedelta(days=200)),
    )
    prices.set_prices("COLA", retail_price="9.00")
    r = prices.api.post("/accounts", {"code": "CASH", "name": "现金", "kind": "cash"})
    sale = {
        "warehouse_id": shop.wh["A"],
        "business_date": str(day - timedelta(days=10)),
        "lines": [{"sku_id": shop.sku["COLA"], "unit_id": shop.units["瓶"], "qty": "1"}],
        "payments": [{"account_id": r.json()["id"], "amount": "9"}],
    }
    assert prices.api.post("/retail/tickets", sale).status_code == 201
    slow = prices.api.get("/promotions/slow-movers", params={"days": 30}).json()
    assert [(s["sku_code"], s["on_hand"], s["last_sale_date"]) for s in slow] == [("MILK", "3.0000", None)]
    slow = prices.api.get("/promotions/slow-movers", params={"days": 5, "warehouse_id": shop.wh["A"]}).json()
    assert [(s["sku_code"], s["value"], s["days_since_sale"]) for s in slow] == [
        ("MILK", "3.00", None),
        ("COLA", "69.93", 10),
    ]
    make_user(prices.api.db, "viewer", ["pricing.view"])
    viewer = Api(client, prices.api.db)
    viewer.login("viewer")
    text = viewer.get("/promotions/slow-movers", params={"days": 5}).text
    assert "69.93" not in text
    assert '"value"' not in text
