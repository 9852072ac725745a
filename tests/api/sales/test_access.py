"""Who sees and may do what: cost § hidden without cost.view (in every answer and export), permissions,
minimum prices, company isolation, audit entries; and the helpers sales relies on — price defaults,
promotions and credit control."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from jxc.catalog.models import PriceLevel, SkuLevelPrice, SkuPrice
from jxc.common.models import AuditLog
from jxc.partners.models import Partner
from jxc.pricing.models import Promotion, PromotionItem
from tests.api.sales.conftest import PATHS, Seller
from tests.helpers import Api, make_user, problem

CLERK = [
    f"sales.{kind}.{action}"
    for kind in ("order", "delivery", "return")
    for action in ("view", "create", "approve", "unapprove", "export")
] + ["sales.order.close", "sales.delivery.reverse"]


def _clerk(seller: Seller, name: str, extra: list[str] | None = None) -> Api:
    make_user(seller.api.db, name, CLERK + (extra or []))
    clerk = Api(TestClient(seller.api.client.app, base_url="http://127.0.0.1"), seller.api.db)
    assert clerk.login(name).status_code == 200
    return clerk


def test_cost_and_profit_are_stored_and_hidden_without_cost_view(seller: Seller) -> None:
    shop = seller.shop
    shop.product("TEA", "乌龙茶")
    # 10 at 1.234567 → value 12.35; 7 leave at 12.35 × 7/10 = 8.645 → 8.65; profit 35.00 − 8.65 = 26.35.
    shop.post("opening", [shop.line("TEA", "10", "1.234567")], day="2026-11-01")
    clerk = _clerk(seller, "clerk")
    sentinels = ("cost_amount", "profit_amount", "8.65", "26.35", "成本", "毛利")
    answers = []

    def keep(r):  # type: ignore[no-untyped-def]
        assert r.status_code < 300, r.text
        answers.append(r)
        return r.json() if r.headers["content-type"].startswith("application/json") else None

    body = seller.body([seller.line("TEA", "7")])
    out = keep(clerk.post(PATHS["delivery"], body))
    keep(clerk.post(f"{PATHS['delivery']}/{out['id']}/approve"))
    keep(clerk.get(f"{PATHS['delivery']}/{out['id']}"))
    keep(clerk.get(PATHS["delivery"]))
    keep(clerk.get(PATHS["delivery"], params={"format": "csv"}))
    keep(clerk.get(PATHS["delivery"], params={"format": "xlsx"}))
    keep(clerk.get(f"{PATHS['delivery']}/{out['id']}/picking-list"))
    keep(clerk.get("/sales-deliveries/returnable-lines", params={"customer_id": seller.partner["C1"]}))
    src = out["lines"][0]["id"]
    ret = keep(clerk.post(PATHS["return"], seller.body([seller.line("TEA", "1", source_line_id=src)])))
    keep(clerk.post(f"{PATHS['return']}/{ret['id']}/approve"))
    keep(clerk.get(PATHS["return"], params={"format": "csv"}))
    order = keep(clerk.post(PATHS["order"], seller.body([seller.line("TEA", "1")])))
    keep(clerk.post(f"{PATHS['order']}/{order['id']}/approve"))
    keep(clerk.get("/sales-orders/open-lines", params={"customer_id": seller.partner["C1"]}))
    keep(clerk.post(f"{PATHS['order']}/{order['id']}/copy"))
    for r in answers:
        text = r.text if not r.headers["content-type"].startswith("application/vnd") else ""
        assert not [s for s in sentinels if s in text], (r.request.url, text[:500])
    # The same documents, seen with cost.view (the admin): stored per line and in the header.
    seen = seller.get("delivery", out["id"])
    assert (seen["lines"][0]["cost_amount"], seen["lines"][0]["profit_amount"]) == ("8.65", "26.35")
    assert (seen["cost_amount"], seen["profit_amount"]) == ("8.65", "26.35")
    csv = seller.api.get(PATHS["delivery"], params={"format": "csv"}).text
    assert "成本" in csv
    assert "8.65" in csv
    assert seller.problems() == []


def test_403_before_the_grant_and_success_after(seller: Seller) -> None:
    viewer = _clerk(seller, "viewer", [])
    make_user(seller.api.db, "nobody", ["sales.order.view"])
    nobody = Api(TestClient(seller.api.client.app, base_url="http://127.0.0.1"), seller.api.db)
    nobody.login("nobody")
    problem(nobody.get(PATHS["delivery"]), 403, "permission_denied")
    problem(nobody.post(PATHS["order"], seller.body([seller.line("COLA", "1")])), 403, "permission_denied")
    assert nobody.get(PATHS["order"]).status_code == 200
    problem(nobody.get(PATHS["order"], params={"format": "csv"}), 403, "permission_denied")
    assert viewer.get(PATHS["order"], params={"format": "csv"}).status_code == 200
    order = seller.post("order", [seller.line("COLA", "1")])
    problem(viewer.post(f"{PATHS['order']}/{order['id']}/reverse"), 405, "method_not_allowed")
    problem(nobody.post(f"{PATHS['order']}/{order['id']}/close"), 403, "permission_denied")
    assert viewer.post(f"{PATHS['order']}/{order['id']}/close").status_code == 200


def test_minimum_price_needs_the_override(seller: Seller) -> None:
    with seller.api.db.transaction(company_id=1) as s:
        s.add(
            SkuPrice(
                sku_id=seller.shop.sku["COLA"], unit_id=seller.shop.units["瓶"], min_price=Decimal("4.5")
            )
        )
    clerk = _clerk(seller, "clerk")
    for line in (
        seller.line("COLA", "1", "4.00"),
        seller.line("COLA", "1", "5.00", discount_rate="20"),  # net 4.00
        seller.line("COLA", "1", "100.00", unit="箱"),  # below 24 × 4.50 = 108
    ):
        r = clerk.post(PATHS["order"], seller.body([line]))
        assert problem(r, 422, "invalid_lines")["errors"][0]["code"] == "price_below_min", line
    assert clerk.post(PATHS["order"], seller.body([seller.line("COLA", "1", "4.50")])).status_code == 201
    boss = _clerk(seller, "boss", ["sales.price.override"])
    r = boss.post(PATHS["order"], seller.body([seller.line("COLA", "1", "4.00")]))
    assert r.status_code == 201, r.text
    assert r.json()["lines"][0]["below_min_price"] is True
    # Delivered from that order at its price: no second refusal for the clerk.
    order = seller.api.post(f"{PATHS['order']}/{r.json()['id']}/approve").json()
    line = seller.line("COLA", "1", None, source_line_id=order["lines"][0]["id"])
    r = clerk.post(PATHS["delivery"], seller.body([line]))
    assert r.status_code == 201, r.text
    assert r.json()["lines"][0]["price"] == "4.000000"


def test_another_companys_documents_and_customers_are_unreachable(seller: Seller) -> None:
    api = seller.api
    order = seller.post("order", [seller.line("COLA", "3")])
    other = api.post("/companies", {"name": "乙公司", "start_date": "2026-11-01"}).json()["id"]
    assert api.post("/auth/switch-company", {"company_id": other}).status_code == 200
    wh = api.post("/warehouses", {"code": "W9", "name": "乙仓"}).json()["id"]
    problem(api.get(f"{PATHS['order']}/{order['id']}"), 404, "document_not_found")
    problem(api.post(f"{PATHS['order']}/{order['id']}/approve"), 404, "document_not_found")
    assert api.get(PATHS["order"]).json()["total"] == 0
    body = seller.body([seller.line("COLA", "1")]) | {"warehouse_id": wh}
    problem(api.post(PATHS["order"], body), 404, "customer_not_found")
    r = api.get("/sales-orders/open-lines", params={"customer_id": seller.partner["C1"]})
    assert r.status_code == 200
    assert r.json() == []


def test_documents_are_audited(seller: Seller) -> None:
    order = seller.post("order", [seller.line("COLA", "3")])
    seller.act("order", order["id"], "close")
    with seller.api.db.transaction(writer=False, company_id=1) as s:
        rows = s.execute(
            select(AuditLog.action, AuditLog.after)
            .where(AuditLog.object_type == "sales_doc", AuditLog.object_id == str(order["id"]))
            .order_by(AuditLog.id)
        ).all()
    assert rows[0][0] == "create"
    statuses = [after.get("status") for _, after in rows if after and "status" in after]
    assert statuses[-2:] == ["approved", "closed"]


def test_an_omitted_price_takes_the_default_and_promotions(seller: Seller) -> None:
    sku, unit = seller.shop.sku["COLA"], seller.shop.units["瓶"]
    with seller.api.db.transaction(company_id=1) as s:
        level = PriceLevel(name="批发A")
        s.add(level)
        s.flush()
        s.add(SkuLevelPrice(sku_id=sku, unit_id=unit, price_level_id=level.id, price=Decimal("4.80")))
        s.execute(update(Partner).where(Partner.id == seller.partner["C1"]).values(price_level_id=level.id))
    order = seller.draft("order", [seller.line("COLA", "2", None), seller.line("COLA", "1", "6.00")])
    assert [(x["list_price"], x["price"]) for x in order["lines"]] == [
        ("4.800000", "4.800000"),
        ("6.000000", "6.000000"),
    ]
    with seller.api.db.transaction(company_id=1) as s:
        promo = Promotion(
            name="双十一",
            kind="percent_off",
            scope="sku",
            date_from=date(2026, 11, 1),
            date_to=date(2026, 11, 30),
            percent_off=Decimal("10"),
        )
        gift = Promotion(
            name="买五送一",
            kind="buy_n_get_m",
            scope="sku",
            date_from=date(2026, 11, 1),
            date_to=date(2026, 11, 30),
            buy_qty=Decimal("5"),
            free_qty=Decimal("1"),
        )
        s.add_all([promo, gift])
        s.flush()
        s.add(PromotionItem(promotion_id=promo.id, sku_id=sku))
        s.add(PromotionItem(promotion_id=gift.id, sku_id=seller.shop.sku["MILK"]))
        s.add(SkuPrice(sku_id=seller.shop.sku["MILK"], unit_id=unit, wholesale_price=Decimal("3.50")))
    order = seller.draft(
        "order",
        [seller.line("COLA", "2", None), seller.line("COLA", "1", "6.00"), seller.line("MILK", "1", "3.00")],
    )
    cola, explicit, milk = order["lines"][:3]
    # Only the line whose price was omitted takes the promotion: 4.80 × 0.9.
    assert (cola["list_price"], cola["price"], cola["promotion_text"] != "") == ("4.800000", "4.320000", True)
    assert explicit["promotion_id"] is None
    assert milk["promotion_id"] is None
    # Delivered from the order: at the order's promoted price, showing the same promotion.
    r = seller.act("order", order["id"], "approve")
    assert r.status_code == 200, r.text
    out = seller.draft("delivery", [seller.line("COLA", "2", None, source_line_id=cola["id"])])
    line = out["lines"][0]
    assert (line["list_price"], line["price"], line["promotion_id"]) == (
        "4.800000",
        "4.320000",
        cola["promotion_id"],
    )
    order = seller.draft("order", [seller.line("MILK", "10", None)])
    paid, free = order["lines"]
    assert paid["price"] == "3.500000"
    assert (free["sku_id"], free["qty"], free["price"], free["total"]) == (
        paid["sku_id"],
        "2.0000",
        "0.000000",
        "0.00",
    )
    assert free["promotion_text"]
    assert order["total_amount"] == "35.00"
    # Approved, the free units are reserved with the paid ones.
    assert seller.act("order", order["id"], "approve").status_code == 200
    assert seller.qty("MILK", "reserved") == 13  # 1 of the first order + 10 + 2 free


def test_credit_control_warns_or_refuses(seller: Seller) -> None:
    p = seller.api.get(f"/partners/{seller.partner['C1']}").json()
    r = seller.api.patch(
        f"/partners/{seller.partner['C1']}", {"credit_limit": "100.00", "version": p["version"]}
    )
    assert r.status_code == 200, r.text
    seller.settings(credit_control="warn")
    order = seller.post("order", [seller.line("COLA", "30")])  # 150 > 100: approved with a warning
    assert order["credit_warning"]
    # 10 alone fits, but the first order is still to be delivered: 150 open + 10 > 100.
    small = seller.post("order", [seller.line("COLA", "2")])
    assert "150.00" in small["credit_warning"]
    seller.settings(credit_control="refuse")
    doc = seller.draft("delivery", [seller.line("COLA", "30", source_line_id=order["lines"][0]["id"])])
    clerk = _clerk(seller, "clerk")
    problem(clerk.post(f"{PATHS['delivery']}/{doc['id']}/approve"), 409, "credit_limit_exceeded")
    assert seller.qty("COLA") == 100
    boss = _clerk(seller, "boss", ["sales.credit.override"])
    r = boss.post(f"{PATHS['delivery']}/{doc['id']}/approve")
    assert r.status_code == 200, r.text
    assert r.json()["credit_warning"]
    assert seller.problems() == []


def test_documents_and_lists_are_limited_to_the_users_warehouses(seller: Seller) -> None:
    in_a = seller.post("order", [seller.line("COLA", "1")])
    seller.shop.post("opening", [seller.shop.line("COLA", "5", "2.00")], day="2026-11-01", wh="B")
    in_b = seller.post("order", [seller.line("COLA", "1")], wh="B")
    make_user(seller.api.db, "keeper", CLERK, warehouses=[seller.shop.wh["B"]])
    keeper = Api(TestClient(seller.api.client.app, base_url="http://127.0.0.1"), seller.api.db)
    keeper.login("keeper")
    assert [d["id"] for d in keeper.get(PATHS["order"]).json()["items"]] == [in_b["id"]]
    problem(keeper.get(f"{PATHS['order']}/{in_a['id']}"), 403, "warehouse_out_of_scope")
    problem(keeper.post(f"{PATHS['order']}/{in_a['id']}/close"), 403, "warehouse_out_of_scope")
    problem(
        keeper.post(PATHS["order"], seller.body([seller.line("COLA", "1")])), 403, "warehouse_out_of_scope"
    )
    r = keeper.get("/sales-orders/open-lines", params={"customer_id": seller.partner["C1"]})
    assert [x["order_id"] for x in r.json()] == [in_b["id"]]
