"""Supplier records, overdue orders, replenishment proposals and the drafts made from them."""

from __future__ import annotations

from decimal import Decimal

from tests.api.purchasing.conftest import Buyer
from tests.helpers import company_id


def _limits(buyer: Buyer, code: str, min_qty: str, max_qty: str | None, supplier: str | None) -> None:
    api, shop = buyer.api, buyer.shop
    product = api.get("/products", params={"q": code}).json()["items"][0]
    full = api.get(f"/products/{product['id']}").json()
    sku = full["skus"][0]
    body = {
        **{k: full[k] for k in ("code", "name", "base_unit_id", "version", "tracking")},
        "units": [{"unit_id": shop.units["箱"], "ratio": "24"}],
        "skus": [
            {
                "id": sku["id"],
                "barcodes": sku["barcodes"],
                "stock_limits": [{"warehouse_id": shop.wh["A"], "min_qty": min_qty, "max_qty": max_qty}],
            }
        ],
    }
    if supplier:
        body["default_supplier_id"] = buyer.partner[supplier]
    r = api.put(f"/products/{product['id']}", body)
    assert r.status_code == 200, r.text


def test_supplier_record_counts_rejections_and_punctuality(buyer: Buyer) -> None:
    order = buyer.post(
        "order", [buyer.line("COLA", "10", "2.00")], day="2026-11-01", expected_date="2026-11-05"
    )
    line = order["lines"][0]["id"]
    buyer.post(
        "receipt", [buyer.line("COLA", "6", "2.00", rejected_qty="2", source_line_id=line)], day="2026-11-04"
    )
    buyer.post("receipt", [buyer.line("COLA", "4", "2.10", source_line_id=line)], day="2026-11-08")
    r = buyer.api.get(f"/suppliers/{buyer.partner['S1']}/purchase-record")
    assert r.status_code == 200, r.text
    rec = r.json()
    # delivered 6 + 2 + 4 = 12, rejected 2 → quality 10/12
    assert (Decimal(rec["delivered_qty"]), Decimal(rec["rejected_qty"])) == (12, 2)
    assert Decimal(rec["quality_rate"]) == Decimal("0.8333")
    # the only order line was completed after its expected date
    assert Decimal(rec["on_time_rate"]) == 0
    assert [d["on_time"] for d in rec["deliveries"]] == [True, False]
    assert rec["purchased_amount"] == "20.40"
    assert rec["outstanding_amount"] == "20.40"
    assert (rec["order_count"], rec["receipt_count"]) == (1, 2)
    history = buyer.api.get(
        f"/suppliers/{buyer.partner['S1']}/price-history", params={"sku_id": buyer.shop.sku["COLA"]}
    ).json()
    assert [(h["kind"], h["price"]) for h in history] == [
        ("order", "2.000000"),
        ("receipt", "2.000000"),
        ("receipt", "2.100000"),
    ]


def test_overdue_orders(buyer: Buyer) -> None:
    late = buyer.post("order", [buyer.line("COLA", "1", "1")], day="2026-11-01", expected_date="2026-11-03")
    buyer.post("order", [buyer.line("COLA", "1", "1")], day="2026-11-01", expected_date="2026-11-30")
    r = buyer.api.get("/purchase-orders/overdue", params={"as_of": "2026-11-10"})
    assert r.status_code == 200, r.text
    assert [(o["id"], o["days_overdue"]) for o in r.json()] == [(late["id"], 7)]
    # The order list filters the same way, as of today (the list's 仅过期未到货).
    r = buyer.api.get("/purchase-orders", params={"overdue": "true"})
    assert r.status_code == 200, r.text
    assert [o["id"] for o in r.json()["items"]] == [late["id"]]
    assert r.json()["total"] == 1


def test_replenishment_proposes_up_to_the_maximum_counting_incoming(buyer: Buyer) -> None:
    buyer.shop.post("opening", [buyer.shop.line("COLA", "3", "1.00")])
    _limits(buyer, "COLA", "10", "30", "S1")
    buyer.post("order", [buyer.line("COLA", "5", "1.50")])
    r = buyer.api.get("/purchase-replenishment")
    assert r.status_code == 200, r.text
    [group] = r.json()["groups"]
    assert group["supplier_id"] == buyer.partner["S1"]
    [line] = group["lines"]
    # 30 − 3 on hand − 5 incoming
    assert Decimal(line["proposed_qty"]) == 22
    assert line["price"] == "1.500000"
    r = buyer.api.post(
        "/purchase-replenishment/orders",
        {
            "business_date": "2026-11-21",
            "lines": [
                {
                    "supplier_id": group["supplier_id"],
                    "warehouse_id": line["warehouse_id"],
                    "sku_id": line["sku_id"],
                    "unit_id": line["unit_id"],
                    "qty": line["proposed_qty"],
                }
            ],
        },
    )
    assert r.status_code == 201, r.text
    [draft] = r.json()["orders"]
    assert (draft["status"], draft["total_amount"]) == ("draft", "33.00")


def _reserve(buyer: Buyer, code: str, qty: str) -> None:
    """What an approved sales order does to the balance (the sales documents call the same ledger door)."""
    from jxc.inventory import ledger

    with buyer.api.db.transaction(company_id=company_id(buyer.api.db)) as s:
        ledger.change_reserved(s, [(buyer.shop.sku[code], buyer.shop.wh["A"], Decimal(qty))])


def test_replenishment_counts_what_sales_orders_hold(buyer: Buyer) -> None:
    buyer.shop.post("opening", [buyer.shop.line("COLA", "12", "1.00")])
    _limits(buyer, "COLA", "10", "30", "S1")
    assert buyer.api.get("/purchase-replenishment").json()["groups"] == []
    _reserve(buyer, "COLA", "5")
    [line] = buyer.api.get("/purchase-replenishment").json()["groups"][0]["lines"]
    # 30 − (12 on hand − 5 reserved + 0 incoming)
    assert (Decimal(line["proposed_qty"]), Decimal(line["reserved"]), line["reason"]) == (23, 5, "below_min")


def test_replenishment_proposes_what_sales_orders_are_short_of_without_limits(buyer: Buyer) -> None:
    from jxc.auth.models import Company

    db = buyer.api.db
    with db.transaction(company_id=company_id(db)) as s:
        s.get(Company, company_id(db)).allow_negative_stock = True  # type: ignore[union-attr]
    buyer.shop.post("opening", [buyer.shop.line("COLA", "2", "1.00")])
    buyer.post("order", [buyer.line("COLA", "1", "1.50")])
    _reserve(buyer, "COLA", "7")
    [group] = buyer.api.get("/purchase-replenishment").json()["groups"]
    [line] = group["lines"]
    # orders hold 7 against 2 on hand and 1 incoming: 4 short, no minimum set
    assert (Decimal(line["proposed_qty"]), line["min_qty"], line["reason"]) == (4, None, "sales_shortage")
