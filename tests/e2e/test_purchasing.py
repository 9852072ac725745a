"""采购 in the real browser (issue 6, "Done when"): a 采购订单 for three SKUs (one with 13% tax) is entered and
approved; a first 采购入库 picks the order's lines in 选单, receives part of them with one rejected unit and pays
20.00 from an account; a second 采购入库 receives the rest at a higher price for A; a 采购退货 returns 1 A. The
order then shows 全部入库; 库存查询 shows the stock and moving-average costs of the hand computation; the
supplier's payable on 应收应付余额 equals the hand computation; the supplier record shows the quality rate;
补货建议 proposes max − on hand − incoming for a SKU below its minimum.

Hand computation (prices ex tax; stock is valued ex tax):
  order: A 10 × 5.00, B 6 × 8.00, C 4 × 12.50 + 13% tax
  receipt 1: A 4 accepted + 1 rejected @ 5.00 = 20.00; B 6 @ 8.00 = 48.00; C 2 @ 12.50 = 25.00 + 3.25 tax
             → total 96.25, paid 20.00
  receipt 2: A 6 @ 5.50 = 33.00; C 2 @ 12.50 = 25.00 + 3.25 → total 61.25
  return:    A 1 @ 5.50 = 5.50 (from receipt 2's line: leaves at 5.50; a direct return leaves at the average)
  stock A: 4 × 5 + 6 × 5.5 = 53.00 for 10 → −1 → 9 left; B 6 @ 8.0000 = 48.00; C 4 @ 12.5000 = 50.00
  payable: 96.25 − 20.00 + 61.25 − 5.50 = 132.00
  quality: delivered 4+1+6+2 + 6+2 = 21, rejected 1 → 1 − 1/21 = 95.24%
  replenishment: D min 10, max 30, nothing on hand or incoming → 30

Master data are set up through the API (own codes), so the test runs on its own."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from jxc.common.clock import today as business_today
from tests.e2e.ui import Api, choose, field, get, login, post

SUPPLIER_CODE = "CGGYS01"
SUPPLIER_NAME = "采购测试供应商"
ACCOUNT_CODE = "CGZH01"
ACCOUNT_NAME = "采购测试现金"
WAREHOUSE_CODE = "E2E-CG"
WAREHOUSE_NAME = "采购测试仓"


def open_menu(page: Page, item: str, testid: str) -> None:
    expect(page.get_by_test_id("menu-module-purchase")).to_be_visible()
    page.get_by_test_id(f"menu-item-{item}").click()
    expect(page.get_by_test_id(testid)).to_be_visible()


def exists(api: Api, path: str) -> bool:
    """Whether the back end serves this GET route yet (its OpenAPI document names it)."""
    ctx, _ = api
    res = ctx.get("/api/openapi.json")
    assert res.ok, res.text()
    return f"/api/v1{path}" in res.json()["paths"]


def ensure_unit(api: Api, name: str) -> int:
    for u in get(api, "/units"):
        if u["name"] == name:
            return int(u["id"])
    return int(post(api, "/units", {"name": name, "allow_fraction": False}, 201)["id"])


def ensure_product(
    api: Api,
    name: str,
    unit_id: int,
    price: str,
    supplier_id: int | None = None,
    limits: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The product's single SKU: {sku_id, code, name}."""
    found = [s for s in get(api, "/skus", q=name)["items"] if s["name"] == name]
    if found:
        return {"sku_id": found[0]["sku_id"], "code": found[0]["code"], "name": name}
    sku: dict[str, Any] = {"prices": [{"unit_id": unit_id, "retail_price": "20.00", "purchase_price": price}]}
    if limits:
        sku["stock_limits"] = limits
    body: dict[str, Any] = {"name": name, "spec": "箱", "base_unit_id": unit_id, "skus": [sku]}
    if supplier_id:
        body["default_supplier_id"] = supplier_id
    created = post(api, "/products", body, 201)["skus"][0]
    return {"sku_id": created["id"], "code": created["code"], "name": name}


@pytest.fixture(scope="module")
def seed(api: Api) -> dict[str, Any]:
    found = get(api, "/partners", q=SUPPLIER_CODE)["items"]
    supplier = next((p for p in found if p["code"] == SUPPLIER_CODE), None) or post(
        api, "/partners", {"code": SUPPLIER_CODE, "name": SUPPLIER_NAME, "is_supplier": True}, 201
    )
    found = get(api, "/accounts", q=ACCOUNT_CODE)["items"]
    account = next((a for a in found if a["code"] == ACCOUNT_CODE), None)
    if account is None:
        account = post(api, "/accounts", {"code": ACCOUNT_CODE, "name": ACCOUNT_NAME, "kind": "cash"}, 201)
        # money in the account for 本次付款
        opening = post(
            api,
            "/opening-balances",
            {
                "business_date": (business_today() - dt.timedelta(days=30)).isoformat(),
                "remark": "E2E 采购测试资金",
                "lines": [{"account_id": account["id"], "amount": "1000.00"}],
            },
            201,
        )
        assert post(api, f"/opening-balances/{opening['id']}/approve", {})["status"] == "approved"
    found = get(api, "/warehouses", q=WAREHOUSE_CODE)["items"]
    wh = next((w for w in found if w["code"] == WAREHOUSE_CODE), None) or post(
        api, "/warehouses", {"code": WAREHOUSE_CODE, "name": WAREHOUSE_NAME}, 201
    )
    unit = ensure_unit(api, "件")
    return {
        "supplier": supplier,
        "account": account,
        "warehouse": wh,
        "a": ensure_product(api, "采购测试商品A", unit, "5.00"),
        "b": ensure_product(api, "采购测试商品B", unit, "8.00"),
        "c": ensure_product(api, "采购测试商品C", unit, "12.50"),
        "d": ensure_product(
            api,
            "采购测试商品D",
            unit,
            "3.00",
            supplier["id"],
            [{"warehouse_id": wh["id"], "min_qty": "10", "max_qty": "30"}],
        ),
    }


def add_line(page: Page, grid: Locator, no: int, code: str, qty: str, price: str, tax: str = "") -> None:
    """Types the SKU code in line `no`'s product cell (Enter searches, Enter picks), then qty, price, tax."""
    product = field(grid, f"line-product-{no}")
    product.fill(code)
    product.press("Enter")
    expect(page.get_by_test_id(f"line-product-{no}-item-{code}")).to_be_visible()
    product.press("Enter")
    qty_input = grid.get_by_test_id(f"line-qty-{no}")
    expect(qty_input).to_be_focused()
    qty_input.fill(qty)
    price_input = grid.get_by_test_id(f"line-price-{no}")
    # the supplier's price default (here the reference price) arrives first
    expect(price_input).not_to_have_value("")
    price_input.fill(price)
    if tax:
        grid.get_by_test_id(f"line-tax_rate-{no}").fill(tax)


def header(page: Page, editor: Locator, seed: dict[str, Any]) -> None:
    choose(page, editor.get_by_test_id("pur-supplier"), f"partner-option-{SUPPLIER_CODE}", SUPPLIER_CODE)
    choose(page, editor.get_by_test_id("pur-warehouse"), f"warehouse-option-{WAREHOUSE_CODE}")


def approve(editor: Locator) -> str:
    editor.get_by_test_id("doc-save-approve").click()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "approved")
    return editor.get_by_test_id("doc-number").inner_text().strip()


def pick_from_orders(page: Page, editor: Locator, order_no: str, qtys: dict[str, str]) -> None:
    editor.get_by_test_id("pur-pick").click()
    dialog = page.locator('[data-testid="pur-pick-dialog"]:visible')
    expect(dialog).to_be_visible()
    for code, qty in qtys.items():
        dialog.get_by_test_id(f"pur-pick-check-{order_no}-{code}").click()
        field(dialog, f"pur-pick-qty-{order_no}-{code}").fill(qty)
    dialog.get_by_test_id("pur-pick-ok").click()
    expect(dialog).to_be_hidden()


def test_order_receive_return_stock_and_payable(
    page: Page, api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    a, b, c = seed["a"], seed["b"], seed["c"]
    login(page)

    # ---- 采购订单: 3 SKUs, C with 13% tax ----
    open_menu(page, "PurchaseOrders", "pur-list-order")
    page.get_by_test_id("pur-list-add").click()
    editor = page.get_by_test_id("pur-editor-order")
    expect(editor).to_be_visible()
    header(page, editor, seed)
    grid = editor.get_by_test_id("pur-grid-order")
    add_line(page, grid, 1, a["code"], "10", "5")
    add_line(page, grid, 2, b["code"], "6", "8")
    add_line(page, grid, 3, c["code"], "4", "12.5", "13")
    expect(grid.get_by_test_id("line-total-3")).to_have_text("56.50")
    expect(editor.get_by_test_id("doc-total-qty")).to_have_text("20")
    expect(editor.get_by_test_id("doc-total-amount")).to_have_text("¥154.50")  # 50 + 48 + 50 + 6.50
    expect(editor.get_by_test_id("doc-amount-words")).to_have_text("壹佰伍拾肆元伍角")
    order_no = approve(editor)
    assert re.match(r"^CGDD", order_no), order_no
    expect(editor.get_by_test_id("pur-receive-status")).to_have_attribute("data-status", "none")
    page.screenshot(path=str(screenshots / "purchase-order.png"))

    # ---- 采购入库 1: 选单, part of it, 1 rejected A, 20.00 paid ----
    open_menu(page, "PurchaseReceipts", "pur-list-receipt")
    page.get_by_test_id("pur-list-add").click()
    editor = page.get_by_test_id("pur-editor-receipt")
    expect(editor).to_be_visible()
    header(page, editor, seed)
    editor.get_by_test_id("pur-pick").click()
    dialog = page.locator('[data-testid="pur-pick-dialog"]:visible')
    expect(dialog.get_by_test_id(f"pur-pick-remaining-{order_no}-{a['code']}")).to_have_text("10")
    dialog.locator("button.el-dialog__headerbtn").click()
    expect(dialog).to_be_hidden()
    pick_from_orders(page, editor, order_no, {a["code"]: "4", b["code"]: "6", c["code"]: "2"})
    grid = editor.get_by_test_id("pur-grid-receipt")
    expect(grid.get_by_test_id("line-source_number-1")).to_have_text(order_no)
    expect(grid.get_by_test_id("line-price-1")).to_have_value("5")
    grid.get_by_test_id("line-rejected_qty-1").fill("1")
    expect(editor.get_by_test_id("pur-total-rejected")).to_have_text("1")
    expect(editor.get_by_test_id("doc-total-amount")).to_have_text("¥96.25")
    field(editor, "pur-paid").fill("20")
    choose(page, editor.get_by_test_id("pur-account"), f"account-option-{ACCOUNT_CODE}")
    expect(editor.get_by_test_id("pur-owed")).to_have_text("¥76.25")
    receipt1 = approve(editor)
    assert re.match(r"^CGRK", receipt1), receipt1
    page.screenshot(path=str(screenshots / "purchase-receipt-1.png"))

    order = next(o for o in get(api, "/purchase-orders", q=order_no)["items"] if o["number"] == order_no)
    assert order["receive_status"] == "partial", order

    # ---- 采购入库 2: the rest, A at 5.50 ----
    editor.get_by_test_id("doc-add").click()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "new")
    header(page, editor, seed)
    editor.get_by_test_id("pur-pick").click()
    dialog = page.locator('[data-testid="pur-pick-dialog"]:visible')
    # the rejected unit does not reduce what is still to come
    expect(dialog.get_by_test_id(f"pur-pick-remaining-{order_no}-{a['code']}")).to_have_text("6")
    expect(dialog.get_by_test_id(f"pur-pick-remaining-{order_no}-{c['code']}")).to_have_text("2")
    expect(dialog.get_by_test_id(f"pur-pick-remaining-{order_no}-{b['code']}")).to_have_count(0)
    dialog.get_by_test_id("pur-pick-all").click()
    dialog.get_by_test_id("pur-pick-ok").click()
    expect(dialog).to_be_hidden()
    grid = editor.get_by_test_id("pur-grid-receipt")
    expect(grid.get_by_test_id("line-qty-1")).to_have_value("6")
    expect(grid.get_by_test_id("line-qty-2")).to_have_value("2")
    grid.get_by_test_id("line-price-1").fill("5.5")
    expect(editor.get_by_test_id("doc-total-amount")).to_have_text("¥61.25")
    receipt2 = approve(editor)

    # ---- 采购退货: 1 A (from receipt 2 when the back end offers returnable lines, else direct) ----
    open_menu(page, "PurchaseReturns", "pur-list-return")
    page.get_by_test_id("pur-list-add").click()
    editor = page.get_by_test_id("pur-editor-return")
    expect(editor).to_be_visible()
    header(page, editor, seed)
    grid = editor.get_by_test_id("pur-grid-return")
    from_receipt = exists(api, "/purchase-receipts/returnable-lines")
    if from_receipt:
        editor.get_by_test_id("pur-pick").click()
        dialog = page.locator('[data-testid="pur-pick-dialog"]:visible')
        dialog.get_by_test_id(f"pur-pick-check-{receipt2}-{a['code']}").click()
        field(dialog, f"pur-pick-qty-{receipt2}-{a['code']}").fill("1")
        dialog.get_by_test_id("pur-pick-ok").click()
        expect(dialog).to_be_hidden()
        expect(grid.get_by_test_id("line-source_number-1")).to_have_text(receipt2)
    else:
        add_line(page, grid, 1, a["code"], "1", "5.5")
    expect(editor.get_by_test_id("doc-total-amount")).to_have_text("¥5.50")
    return_no = approve(editor)
    assert re.match(r"^CGTH", return_no), return_no
    page.screenshot(path=str(screenshots / "purchase-return.png"))

    # ---- the order shows 全部入库 ----
    open_menu(page, "PurchaseOrders", "pur-list-order")
    table = page.get_by_test_id("pur-table-order")
    expect(table.get_by_test_id(f"pur-receive-{order_no}")).to_have_text("全部入库")
    table.locator("tbody tr", has_text=order_no).click()
    editor = page.get_by_test_id("pur-editor-order")
    expect(editor.get_by_test_id("pur-receive-status")).to_have_text("全部入库")
    expect(editor.get_by_test_id(f"pur-follower-{receipt1}")).to_be_visible()
    expect(editor.get_by_test_id(f"pur-follower-{receipt2}")).to_be_visible()

    # ---- 库存查询: quantities and moving-average costs ----
    a_value = Decimal("47.50") if from_receipt else Decimal("47.70")
    a_cost = (a_value / 9).quantize(Decimal("0.0001"))
    expected = {
        a["code"]: ("9.00", a_cost, a_value),
        b["code"]: ("6.00", Decimal("8.0000"), Decimal("48.00")),
        c["code"]: ("4.00", Decimal("12.5000"), Decimal("50.00")),
    }
    page.get_by_test_id("menu-module-inventory").click()
    page.get_by_test_id("menu-item-InventoryStock").click()
    stock = page.get_by_test_id("stock-page")
    expect(stock).to_be_visible()
    for code, (qty, cost, value) in expected.items():
        field(stock, "stock-filter-q").fill(code)
        field(stock, "stock-filter-q").press("Enter")
        row = stock.get_by_test_id("stock-table").locator(".el-table__body-wrapper tbody tr", has_text=code)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(WAREHOUSE_NAME)
        expect(row).to_contain_text(qty)
        expect(row).to_contain_text(f"{cost:,.4f}")
        expect(row).to_contain_text(f"{value:,.2f}")
    page.screenshot(path=str(screenshots / "purchase-stock.png"))

    # ---- 应收应付余额: the supplier owes 132.00 ----
    page.get_by_test_id("menu-module-finance").click()
    page.get_by_test_id("menu-item-FinancePartnerBalances").click()
    balances = page.get_by_test_id("partner-balances-page")
    expect(balances).to_be_visible()
    balances.locator("#tab-ap").click()
    row = balances.locator("tbody tr", has=page.get_by_test_id(f"balance-row-{SUPPLIER_CODE}"))
    expect(row).to_contain_text("132.00")
    page.screenshot(path=str(screenshots / "purchase-payable.png"))


def test_supplier_record_quality_rate(page: Page, api: Api, seed: dict[str, Any], screenshots: Path) -> None:
    sid = seed["supplier"]["id"]
    if not exists(api, "/suppliers/{supplier_id}/purchase-record"):
        pytest.xfail("back end: GET /suppliers/{id}/purchase-record is not served yet")
    login(page)
    page.goto(f"/purchase/suppliers?supplier_id={sid}")
    record = page.get_by_test_id("pur-supplier-record")
    expect(record).to_be_visible()
    expect(record.get_by_test_id("pur-record-quality")).to_have_text("95.24%")
    expect(record.get_by_test_id("pur-record-delivered")).to_have_text("21 / 1")
    expect(record.get_by_test_id("pur-record-outstanding")).to_have_text("¥132.00")
    expect(record.get_by_test_id("pur-price-chart")).to_be_visible()
    page.screenshot(path=str(screenshots / "purchase-supplier-record.png"))


def test_replenishment_proposes_up_to_the_maximum(
    page: Page, api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    if not exists(api, "/purchase-replenishment"):
        pytest.xfail("back end: GET /purchase-replenishment is not served yet")
    d = seed["d"]
    login(page)
    open_menu(page, "PurchaseReplenishment", "pur-replenish")
    view = page.get_by_test_id("pur-replenish")
    group = view.get_by_test_id(f"pur-replenish-group-{seed['supplier']['id']}")
    expect(group.get_by_test_id(f"pur-replenish-proposed-{d['code']}")).to_have_text("30")
    page.screenshot(path=str(screenshots / "purchase-replenishment.png"))
    # only D (other browser tests share this server and leave proposals of their own suppliers):
    # the create button makes one draft order and opens it
    for box in view.locator('[data-testid^="pur-replenish-check-"]').all():
        if box.get_attribute("data-testid") != f"pur-replenish-check-{d['code']}":
            box.click()
    view.get_by_test_id("pur-replenish-create").click()
    editor = page.get_by_test_id("pur-editor-order")
    expect(editor).to_be_visible()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "draft")
    expect(editor.get_by_test_id("pur-grid-order").get_by_test_id("line-qty-1")).to_have_value("30")


def test_make_receipt_from_an_approved_order(
    page: Page, api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    """生成入库单 on an approved, partly received order opens a new 采购入库 holding what remains of that order
    only; once it is approved the order shows 全部入库. A supplier of its own keeps the other tests' sums."""
    found = get(api, "/partners", q="CGGYS02")["items"]
    supplier = next((p for p in found if p["code"] == "CGGYS02"), None) or post(
        api, "/partners", {"code": "CGGYS02", "name": "生成入库测试供应商", "is_supplier": True}, 201
    )
    unit = ensure_unit(api, "件")
    e = ensure_product(api, "采购测试商品E", unit, "4.00")
    f = ensure_product(api, "采购测试商品F", unit, "6.00")
    head = {
        "business_date": business_today().isoformat(),
        "supplier_id": supplier["id"],
        "warehouse_id": seed["warehouse"]["id"],
    }

    def approved(path: str, lines: list[dict[str, Any]]) -> dict[str, Any]:
        created = post(api, path, {**head, "lines": lines}, 201)
        return dict(post(api, f"{path}/{created['id']}/approve", {}))

    order = approved(
        "/purchase-orders",
        [
            {"sku_id": e["sku_id"], "unit_id": unit, "qty": "5", "price": "4"},
            {"sku_id": f["sku_id"], "unit_id": unit, "qty": "4", "price": "6"},
        ],
    )
    # 2 of E already received: 3 E and 4 F remain
    line_e = next(ln for ln in order["lines"] if ln["sku_id"] == e["sku_id"])
    approved(
        "/purchase-receipts",
        [{"sku_id": e["sku_id"], "unit_id": unit, "qty": "2", "price": "4", "source_line_id": line_e["id"]}],
    )
    # another open order of the same supplier: its lines must stay out
    other = approved("/purchase-orders", [{"sku_id": e["sku_id"], "unit_id": unit, "qty": "7", "price": "4"}])
    order_no = order["number"]

    login(page)
    page.goto(f"/purchase/orders/edit/{order['id']}")
    editor = page.get_by_test_id("pur-editor-order")
    expect(editor.get_by_test_id("doc-number")).to_have_text(order_no)
    expect(editor.get_by_test_id("pur-receive-status")).to_have_attribute("data-status", "partial")
    editor.get_by_test_id("pur-make-receipt").click()

    receipt = page.get_by_test_id("pur-editor-receipt")
    expect(receipt).to_be_visible()
    expect(receipt.get_by_test_id("doc-status")).to_have_attribute("data-status", "new")
    # the ?from= is gone once used: a refresh does not fill the lines twice
    expect(page).to_have_url(re.compile(r"/purchase/receipts/edit$"))
    expect(receipt.get_by_test_id("pur-supplier")).to_contain_text("生成入库测试供应商")
    expect(receipt.get_by_test_id("pur-warehouse")).to_contain_text(WAREHOUSE_NAME)
    grid = receipt.get_by_test_id("pur-grid-receipt")
    expect(grid.get_by_test_id("line-source_number-1")).to_have_text(order_no)
    expect(grid.get_by_test_id("line-qty-1")).to_have_value("3")
    expect(grid.get_by_test_id("line-remaining-1")).to_have_text("3")
    expect(grid.get_by_test_id("line-price-1")).to_have_value("4")
    expect(grid.get_by_test_id("line-source_number-2")).to_have_text(order_no)
    expect(grid.get_by_test_id("line-qty-2")).to_have_value("4")
    expect(grid.get_by_test_id("line-source_number-3")).to_have_count(0)
    expect(grid).not_to_contain_text(other["number"])
    expect(receipt.get_by_test_id("doc-total-amount")).to_have_text("¥36.00")  # 3 × 4 + 4 × 6
    page.screenshot(path=str(screenshots / "purchase-make-receipt.png"))
    receipt_no = approve(receipt)
    assert re.match(r"^CGRK", receipt_no), receipt_no

    # back on the order's tab (reloaded when shown again): all received, nothing more to make
    receipt.get_by_test_id(f"pur-source-{order_no}").click()
    editor = page.get_by_test_id("pur-editor-order")
    expect(editor.get_by_test_id("pur-receive-status")).to_have_text("全部入库")
    expect(editor.get_by_test_id(f"pur-follower-{receipt_no}")).to_be_visible()
    expect(editor.get_by_test_id("pur-make-receipt")).to_have_count(0)
    assert get(api, f"/purchase-orders/{order['id']}")["receive_status"] == "full"
