"""销售 in the real browser (issue 7, "Done when"):

1. A 销售订单 asking more of A than is in stock is refused at 审核 (insufficient_stock): the short line — and
   only it — is highlighted in the grid and the order stays a draft; lowered to what is available, it is approved.
2. An order → a partial 销售出库 (选单 from the order) → a 销售退货 (选单 from the delivery); the order shows
   部分出库, and the customer's record (客户分析) lists all three documents.

Stock: a direct 采购入库 (through the API) brings A 10 and B 5 into the test's own warehouse.
Prices include tax; the customer has no price level, so the default is the wholesale price (A 15.00, B 30.00).
  order 1: A 12 (refused: 10 available) → A 6 @ 15 + B 2 @ 30 = 90 + 60 = 150.00
  order 2 (API): A 3 + B 1; delivery: A 2 of 3 + B 1 = 30 + 30 = 60.00; return: A 1 = 15.00

Master data are set up through the API (own codes), so the test runs on its own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from jxc.common.clock import today as business_today
from tests.e2e.ui import Api, choose, field, get, login, post

CUSTOMER_CODE = "XSKH01"
CUSTOMER_NAME = "销售测试客户"
SUPPLIER_CODE = "XSGYS01"
WAREHOUSE_CODE = "E2E-XS"
WAREHOUSE_NAME = "销售测试仓"


def open_menu(page: Page, item: str, testid: str) -> None:
    module = page.get_by_test_id("menu-module-sales")
    expect(module).to_be_visible()
    entry = page.get_by_test_id(f"menu-item-{item}")
    if not entry.is_visible():
        module.locator(".el-sub-menu__title").first.click()
    entry.click()
    expect(page.get_by_test_id(testid)).to_be_visible()


def ensure_unit(api: Api, name: str) -> int:
    for u in get(api, "/units"):
        if u["name"] == name:
            return int(u["id"])
    return int(post(api, "/units", {"name": name, "allow_fraction": False}, 201)["id"])


def ensure_product(
    api: Api, name: str, unit_id: int, wholesale: str, retail: str, cost: str
) -> dict[str, Any]:
    """The product's single SKU: {sku_id, code, name}."""
    found = [s for s in get(api, "/skus", q=name)["items"] if s["name"] == name]
    if found:
        return {"sku_id": found[0]["sku_id"], "code": found[0]["code"], "name": name, "unit_id": unit_id}
    price = {"unit_id": unit_id, "retail_price": retail, "wholesale_price": wholesale, "purchase_price": cost}
    body: dict[str, Any] = {
        "name": name,
        "spec": "盒",
        "base_unit_id": unit_id,
        "skus": [{"prices": [price]}],
    }
    created = post(api, "/products", body, 201)["skus"][0]
    return {"sku_id": created["id"], "code": created["code"], "name": name, "unit_id": unit_id}


def ensure_partner(api: Api, code: str, name: str, **kind: bool) -> dict[str, Any]:
    found = get(api, "/partners", q=code)["items"]
    for p in found:
        if p["code"] == code:
            return dict(p)
    return dict(post(api, "/partners", {"code": code, "name": name, **kind}, 201))


def strict_stock(api: Api) -> None:
    """The shared server's company may allow negative stock (another browser test switches it on): these
    flows need the default, where an order beyond stock is refused."""
    ctx, csrf = api
    company = get(api, "/companies/current")
    if company["allow_negative_stock"]:
        res = ctx.patch(
            "/api/v1/companies/current",
            headers={"X-CSRF-Token": csrf},
            data={"allow_negative_stock": False, "version": company["version"]},
        )
        assert res.ok, res.text()


@pytest.fixture(scope="module")
def seed(api: Api) -> dict[str, Any]:
    strict_stock(api)
    customer = ensure_partner(api, CUSTOMER_CODE, CUSTOMER_NAME, is_customer=True, is_supplier=False)
    supplier = ensure_partner(api, SUPPLIER_CODE, "销售测试供应商", is_supplier=True, is_customer=False)
    found = get(api, "/warehouses", q=WAREHOUSE_CODE)["items"]
    wh = next((w for w in found if w["code"] == WAREHOUSE_CODE), None) or post(
        api, "/warehouses", {"code": WAREHOUSE_CODE, "name": WAREHOUSE_NAME}, 201
    )
    unit = ensure_unit(api, "件")
    a = ensure_product(api, "销售测试商品A", unit, "15.00", "20.00", "8.00")
    b = ensure_product(api, "销售测试商品B", unit, "30.00", "40.00", "20.00")
    stock = get(api, "/stock-availability", warehouse_id=wh["id"], sku_ids=a["sku_id"])
    if not stock or float(stock[0]["on_hand"]) == 0:
        receipt = post(
            api,
            "/purchase-receipts",
            {
                "business_date": (business_today() - dt.timedelta(days=1)).isoformat(),
                "supplier_id": supplier["id"],
                "warehouse_id": wh["id"],
                "lines": [
                    {"sku_id": a["sku_id"], "unit_id": unit, "qty": "10", "price": "8"},
                    {"sku_id": b["sku_id"], "unit_id": unit, "qty": "5", "price": "20"},
                ],
            },
            201,
        )
        assert post(api, f"/purchase-receipts/{receipt['id']}/approve", {})["status"] == "approved"
    return {"customer": customer, "warehouse": wh, "a": a, "b": b, "unit": unit}


def header(page: Page, editor: Locator) -> None:
    choose(page, editor.get_by_test_id("sal-customer"), f"partner-option-{CUSTOMER_CODE}", CUSTOMER_CODE)
    choose(page, editor.get_by_test_id("sal-warehouse"), f"warehouse-option-{WAREHOUSE_CODE}")


def add_line(page: Page, grid: Locator, no: int, code: str, qty: str, price: str) -> None:
    """Types the SKU code in line `no`'s product cell (Enter searches, Enter picks), then the quantity; the
    customer's default price arrives by itself."""
    product = field(grid, f"line-product-{no}")
    product.fill(code)
    product.press("Enter")
    expect(page.get_by_test_id(f"line-product-{no}-item-{code}")).to_be_visible()
    product.press("Enter")
    qty_input = grid.get_by_test_id(f"line-qty-{no}")
    expect(qty_input).to_be_focused()
    qty_input.fill(qty)
    expect(grid.get_by_test_id(f"line-price-{no}")).to_have_value(price)


def approve(editor: Locator) -> str:
    editor.get_by_test_id("doc-save-approve").click()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "approved")
    return editor.get_by_test_id("doc-number").inner_text().strip()


def test_order_beyond_stock_is_refused_with_the_short_line_marked(
    page: Page, api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    a, b = seed["a"], seed["b"]
    login(page)
    open_menu(page, "SalesOrders", "sal-list-order")
    page.get_by_test_id("sal-list-add").click()
    editor = page.get_by_test_id("sal-editor-order")
    expect(editor).to_be_visible()
    header(page, editor)
    grid = editor.get_by_test_id("sal-grid-order")
    add_line(page, grid, 1, a["code"], "12", "15")
    add_line(page, grid, 2, b["code"], "2", "30")
    # 可用库存 as the lines are typed: 12 of A asked, fewer available
    expect(grid.get_by_test_id("line-available-1")).to_have_class(re.compile(r"\bshort\b"))
    expect(grid.get_by_test_id("line-available-2")).not_to_have_class(re.compile(r"\bshort\b"))
    expect(editor.get_by_test_id("doc-total-amount")).to_have_text("¥240.00")
    expect(editor.get_by_test_id("doc-amount-words")).to_have_text("贰佰肆拾元整")

    editor.get_by_test_id("doc-save-approve").click()
    expect(grid.get_by_test_id("line-error-1")).to_be_visible()
    expect(grid.get_by_test_id("line-error-2")).to_have_count(0)
    expect(editor.get_by_test_id("doc-line-errors")).to_contain_text(a["name"])
    # saved, not approved
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "draft")
    number = editor.get_by_test_id("doc-number").inner_text().strip()
    assert re.match(r"^XSDD", number), number
    page.screenshot(path=str(screenshots / "sales-order-short.png"))

    grid.get_by_test_id("line-qty-1").fill("6")
    expect(editor.get_by_test_id("doc-total-amount")).to_have_text("¥150.00")
    assert approve(editor) == number
    expect(editor.get_by_test_id("sal-deliver-status")).to_have_attribute("data-status", "none")
    expect(grid.get_by_test_id("line-error-1")).to_have_count(0)


def test_order_partial_delivery_return_and_customer_record(
    page: Page, api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    a, b, wh, unit = seed["a"], seed["b"], seed["warehouse"], seed["unit"]
    today = business_today().isoformat()
    order = post(
        api,
        "/sales-orders",
        {
            "business_date": today,
            "customer_id": seed["customer"]["id"],
            "warehouse_id": wh["id"],
            "lines": [
                {"sku_id": a["sku_id"], "unit_id": unit, "qty": "3"},
                {"sku_id": b["sku_id"], "unit_id": unit, "qty": "1"},
            ],
        },
        201,
    )
    order = post(api, f"/sales-orders/{order['id']}/approve", {})
    assert order["status"] == "approved", order
    order_no = order["number"]
    login(page)

    # ---- 销售出库: 选单 from the order, 2 of 3 A and the B ----
    open_menu(page, "SalesDeliveries", "sal-list-delivery")
    page.get_by_test_id("sal-list-add").click()
    editor = page.get_by_test_id("sal-editor-delivery")
    expect(editor).to_be_visible()
    header(page, editor)
    editor.get_by_test_id("sal-pick").click()
    dialog = page.locator('[data-testid="sal-pick-dialog"]:visible')
    expect(dialog.get_by_test_id(f"sal-pick-remaining-{order_no}-{a['code']}")).to_have_text("3")
    dialog.get_by_test_id(f"sal-pick-check-{order_no}-{a['code']}").click()
    field(dialog, f"sal-pick-qty-{order_no}-{a['code']}").fill("2")
    dialog.get_by_test_id(f"sal-pick-check-{order_no}-{b['code']}").click()
    dialog.get_by_test_id("sal-pick-ok").click()
    expect(dialog).to_be_hidden()
    grid = editor.get_by_test_id("sal-grid-delivery")
    expect(grid.get_by_test_id("line-source_number-1")).to_have_text(order_no)
    expect(grid.get_by_test_id("line-price-1")).to_have_value("15")
    expect(editor.get_by_test_id("doc-total-amount")).to_have_text("¥60.00")
    delivery_no = approve(editor)
    assert re.match(r"^XSCK", delivery_no), delivery_no
    expect(editor.get_by_test_id(f"sal-source-{order_no}")).to_be_visible()
    page.screenshot(path=str(screenshots / "sales-delivery.png"))

    # ---- 销售退货: 1 A from the delivery ----
    open_menu(page, "SalesReturns", "sal-list-return")
    page.get_by_test_id("sal-list-add").click()
    editor = page.get_by_test_id("sal-editor-return")
    expect(editor).to_be_visible()
    header(page, editor)
    editor.get_by_test_id("sal-pick").click()
    dialog = page.locator('[data-testid="sal-pick-dialog"]:visible')
    dialog.get_by_test_id(f"sal-pick-check-{delivery_no}-{a['code']}").click()
    field(dialog, f"sal-pick-qty-{delivery_no}-{a['code']}").fill("1")
    dialog.get_by_test_id("sal-pick-ok").click()
    expect(dialog).to_be_hidden()
    grid = editor.get_by_test_id("sal-grid-return")
    expect(grid.get_by_test_id("line-source_number-1")).to_have_text(delivery_no)
    expect(editor.get_by_test_id("doc-total-amount")).to_have_text("¥15.00")
    return_no = approve(editor)
    assert re.match(r"^XSTH", return_no), return_no

    # ---- the order: 部分出库, the delivery among its followers ----
    open_menu(page, "SalesOrders", "sal-list-order")
    table = page.get_by_test_id("sal-table-order")
    expect(table.get_by_test_id(f"sal-deliver-{order_no}")).to_have_text("部分出库")
    table.locator("tbody tr", has_text=order_no).click()
    editor = page.get_by_test_id("sal-editor-order")
    expect(editor.get_by_test_id("sal-deliver-status")).to_have_attribute("data-status", "partial")
    expect(editor.get_by_test_id(f"sal-follower-{delivery_no}")).to_be_visible()
    timeline = editor.get_by_test_id("sal-timeline")
    expect(timeline.get_by_test_id("sal-timeline-0")).to_contain_text("已审核")
    expect(timeline.get_by_test_id("sal-timeline-1")).to_contain_text("部分出库")
    expect(timeline.get_by_test_id("sal-timeline-1")).to_contain_text(delivery_no)
    expect(timeline.get_by_test_id("sal-timeline-2")).to_contain_text(return_no)

    # ---- 生成出库单: the order's last A in one click (the B went with the first delivery) ----
    editor.get_by_test_id("sal-make-delivery").click()
    editor = page.get_by_test_id("sal-editor-delivery")
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "new")
    grid = editor.get_by_test_id("sal-grid-delivery")
    expect(grid.get_by_test_id("line-source_number-1")).to_have_text(order_no)
    expect(grid.get_by_test_id("line-qty-1")).to_have_value("1")
    expect(grid.get_by_test_id("line-source_number-2")).to_have_count(0)
    expect(editor.get_by_test_id("doc-total-amount")).to_have_text("¥15.00")
    rest_no = approve(editor)
    assert rest_no != delivery_no
    assert re.match(r"^XSCK", rest_no), rest_no
    editor.get_by_test_id(f"sal-source-{order_no}").click()
    editor = page.get_by_test_id("sal-editor-order")
    expect(editor.get_by_test_id("sal-deliver-status")).to_have_attribute("data-status", "full")
    expect(editor.get_by_test_id("sal-make-delivery")).to_have_count(0)

    # ---- 客户分析: the documents ----
    open_menu(page, "SalesCustomerRecord", "sal-customer-record")
    record = page.get_by_test_id("sal-customer-record")
    choose(
        page, record.get_by_test_id("sal-record-customer"), f"partner-option-{CUSTOMER_CODE}", CUSTOMER_CODE
    )
    docs = record.get_by_test_id("sal-record-documents")
    for number in (order_no, delivery_no, return_no, rest_no):
        expect(docs.get_by_test_id(f"sal-record-doc-{number}")).to_be_visible()
    page.screenshot(path=str(screenshots / "sales-customer-record.png"))


def test_pick_marks_an_over_quantity_and_refuses_it(
    page: Page, api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    """选单 in a 销售退货: typing more than remains marks the cell at once (red, with the maximum) and 确定
    stays disabled; lowered to what remains, it is accepted. The key columns stay in the dialog's view."""
    a, wh, unit = seed["a"], seed["warehouse"], seed["unit"]
    today = business_today().isoformat()
    delivery = post(
        api,
        "/sales-deliveries",
        {
            "business_date": today,
            "customer_id": seed["customer"]["id"],
            "warehouse_id": wh["id"],
            "lines": [{"sku_id": a["sku_id"], "unit_id": unit, "qty": "1"}],
        },
        201,
    )
    delivery = post(api, f"/sales-deliveries/{delivery['id']}/approve", {})
    assert delivery["status"] == "approved", delivery
    number = delivery["number"]
    page.set_viewport_size({"width": 1440, "height": 900})
    login(page)
    open_menu(page, "SalesReturns", "sal-list-return")
    page.get_by_test_id("sal-list-add").click()
    editor = page.get_by_test_id("sal-editor-return")
    expect(editor).to_be_visible()
    header(page, editor)
    editor.get_by_test_id("sal-pick").click()
    dialog = page.locator('[data-testid="sal-pick-dialog"]:visible')
    key = f"{number}-{a['code']}"
    expect(dialog.get_by_test_id(f"sal-pick-remaining-{key}")).to_have_text("1")
    dialog.get_by_test_id(f"sal-pick-check-{key}").click()
    qty = field(dialog, f"sal-pick-qty-{key}")
    qty.fill("3")
    hint = dialog.get_by_test_id(f"sal-pick-over-{key}")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("1")
    expect(qty).to_have_attribute("aria-invalid", "true")
    # the key columns are in view at 1440px
    for testid in (f"sal-pick-check-{key}", f"sal-pick-remaining-{key}", f"sal-pick-qty-{key}"):
        expect(dialog.get_by_test_id(testid)).to_be_in_viewport()
    ok = dialog.get_by_test_id("sal-pick-ok")
    expect(ok).to_be_disabled()
    page.screenshot(path=str(screenshots / "sales-pick-over.png"))
    qty.fill("1")
    expect(hint).to_have_count(0)
    expect(ok).to_be_enabled()
    ok.click()
    expect(dialog).to_be_hidden()
    expect(editor.get_by_test_id("sal-grid-return").get_by_test_id("line-source_number-1")).to_have_text(
        number
    )


def test_customer_record_opens_a_retail_ticket_and_signs_returns(
    page: Page, api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    """客户分析 历史单据: a 零售单 (LSD-…) is a link that opens the ticket dialog; a 销售退货 shows its total
    negative (it takes money back)."""
    a, wh, unit = seed["a"], seed["warehouse"], seed["unit"]
    found = get(api, "/accounts", q="XS-CASH")["items"]
    account = next((x for x in found if x["code"] == "XS-CASH"), None) or post(
        api, "/accounts", {"code": "XS-CASH", "name": "销售测试现金", "kind": "cash"}, 201
    )
    ticket = post(
        api,
        "/retail/tickets",
        {
            "warehouse_id": wh["id"],
            "customer_id": seed["customer"]["id"],
            "lines": [{"sku_id": a["sku_id"], "unit_id": unit, "qty": "1"}],
            "payments": [{"account_id": account["id"], "amount": "100.00"}],
        },
        201,
    )
    returns = get(api, "/sales-returns", customer_id=seed["customer"]["id"], status="approved")["items"]
    login(page)
    open_menu(page, "SalesCustomerRecord", "sal-customer-record")
    record = page.get_by_test_id("sal-customer-record")
    choose(
        page, record.get_by_test_id("sal-record-customer"), f"partner-option-{CUSTOMER_CODE}", CUSTOMER_CODE
    )
    docs = record.get_by_test_id("sal-record-documents")
    if returns:
        amount = docs.get_by_test_id(f"sal-record-amount-{returns[0]['number']}")
        expect(amount).to_have_text(re.compile(r"^-¥"))
        expect(amount).to_have_class(re.compile(r"\bneg\b"))
    link = docs.get_by_test_id(f"sal-record-doc-{ticket['number']}")
    expect(link).to_be_visible()
    link.click()
    dialog = page.locator('[data-testid="ret-ticket-dialog"]:visible')
    expect(dialog.get_by_test_id("ret-ticket-number")).to_have_text(ticket["number"])
    page.screenshot(path=str(screenshots / "sales-record-ticket.png"))
