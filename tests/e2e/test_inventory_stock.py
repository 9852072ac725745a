"""库存 in the real browser: a stocktake counted by scanning barcodes (book 10, scanned 9 → 盘亏 1),
approved; 库存查询 then shows 9 and 出入库流水 shows the 盘点 move. Plus the phone layouts: the stock
card list and the counting view at 375 px.

Seeded through the API (its own products, barcodes, warehouse and opening stock), so each test runs
on its own."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from jxc.common.clock import today as business_today
from tests.e2e.ui import Api, choose, ean13, field, login, post

WAREHOUSE_CODE = "PDCK01"
WAREHOUSE_NAME = "盘点测试仓"


def ensure_unit(api: Api, name: str) -> int:
    ctx, _ = api
    for u in ctx.get("/api/v1/units").json():
        if u["name"] == name:
            return int(u["id"])
    return int(post(api, "/units", {"name": name, "allow_fraction": False}, 201)["id"])


def ensure_product(api: Api, name: str, barcode: str, unit_id: int) -> dict[str, Any]:
    """The product's single SKU: {sku_id, code, barcode, name}."""
    ctx, _ = api
    found = ctx.get("/api/v1/skus", params={"q": barcode}).json()["items"]
    if found:
        return {"sku_id": found[0]["sku_id"], "code": found[0]["code"], "barcode": barcode, "name": name}
    body = {
        "name": name,
        "spec": "550ml",
        "base_unit_id": unit_id,
        "skus": [
            {
                "barcodes": [{"barcode": barcode, "unit_id": unit_id}],
                "prices": [{"unit_id": unit_id, "retail_price": "2.00", "purchase_price": "1.50"}],
            }
        ],
    }
    p = post(api, "/products", body, 201)
    sku = p["skus"][0]
    return {"sku_id": sku["id"], "code": sku["code"], "barcode": barcode, "name": name}


@pytest.fixture(scope="module")
def seed(api: Api) -> dict[str, Any]:
    """Two products with barcodes in their own warehouse: 10 of A and 5 of B as opening stock."""
    ctx, _ = api
    unit = ensure_unit(api, "瓶")
    a = ensure_product(api, "盘点测试矿泉水", ean13("690555000001"), unit)
    b = ensure_product(api, "盘点测试苏打水", ean13("690555000002"), unit)
    found = ctx.get("/api/v1/warehouses", params={"q": WAREHOUSE_CODE}).json()["items"]
    wh = next((w for w in found if w["code"] == WAREHOUSE_CODE), None)
    if wh is None:
        wh = post(api, "/warehouses", {"code": WAREHOUSE_CODE, "name": WAREHOUSE_NAME}, 201)
    balances = ctx.get("/api/v1/stock-balances", params={"warehouse_id": wh["id"]}).json()["items"]
    if not balances:
        doc = post(
            api,
            "/opening-stocks",
            {
                "business_date": business_today().isoformat(),
                "warehouse_id": wh["id"],
                "lines": [
                    {"sku_id": a["sku_id"], "unit_id": unit, "qty": "10", "unit_cost": "1.50"},
                    {"sku_id": b["sku_id"], "unit_id": unit, "qty": "5", "unit_cost": "2.00"},
                ],
            },
            201,
        )
        post(api, f"/opening-stocks/{doc['id']}/approve", {})
    return {"a": a, "b": b, "warehouse": wh, "unit": unit}


def on_hand(api: Api, seed: dict[str, Any], key: str) -> str:
    ctx, _ = api
    rows = ctx.get(
        "/api/v1/stock-balances", params={"warehouse_id": seed["warehouse"]["id"], "q": seed[key]["code"]}
    ).json()["items"]
    return str(rows[0]["on_hand"]) if rows else "0"


def close_open_stocktakes(api: Api, seed: dict[str, Any]) -> None:
    """Voids drafts another test left in the warehouse (a warehouse may allow one count at a time)."""
    ctx, _ = api
    page = ctx.get(
        "/api/v1/stocktakes",
        params={"warehouse_id": seed["warehouse"]["id"], "status": "draft", "page_size": 100},
    ).json()
    for st in page["items"]:
        post(api, f"/stocktakes/{st['id']}/void", {})


def test_a_stocktake_by_scanning_then_stock_and_ledger(
    page: Page, api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    a, b = seed["a"], seed["b"]
    close_open_stocktakes(api, seed)
    book_a = float(on_hand(api, seed, "a"))
    book_b = float(on_hand(api, seed, "b"))
    assert book_a == 10, "the warehouse starts with its opening stock"
    assert book_b == 5

    login(page)
    expect(page.get_by_test_id("menu-module-inventory")).to_be_visible()
    menu = page.get_by_test_id("side-menu")
    for item in ("库存查询", "出入库流水", "库存预警", "效期预警", "盘点单"):
        expect(menu).to_contain_text(item)
    page.get_by_test_id("menu-item-InventoryStocktakes").click()
    expect(page.get_by_test_id("stocktakes-page")).to_be_visible()

    # 新建盘点 freezes the book of the warehouse
    page.get_by_test_id("stocktakes-add").click()
    dialog = page.get_by_test_id("stocktake-create")
    expect(dialog).to_be_visible()
    choose(page, dialog.get_by_test_id("stocktake-create-warehouse"), f"warehouse-option-{WAREHOUSE_CODE}")
    remark = '[data-testid="stocktake-create-remark"]'
    dialog.locator(f"textarea{remark}, {remark} textarea").first.fill("E2E 扫码盘点")
    dialog.get_by_test_id("stocktake-create-submit").click()
    expect(dialog).to_be_hidden()
    sheet = page.get_by_test_id("stocktake-page")
    expect(sheet).to_be_visible()
    expect(sheet.get_by_test_id("stocktake-status")).to_have_text("盘点中")
    expect(sheet.get_by_test_id("stocktake-progress")).to_have_text("已盘 0 / 2 行")
    number = sheet.get_by_test_id("stocktake-number").inner_text().strip()
    assert number.startswith("PDD"), number
    lines = sheet.get_by_test_id("stocktake-lines")
    expect(lines.locator(".el-table__body-wrapper tbody tr")).to_have_count(2)

    # scan: A nine times (book 10), B five times (book 5); the box is cleared and keeps the focus
    scan = field(sheet, "scan-input")
    for _ in range(9):
        scan.fill(a["barcode"])
        scan.press("Enter")
    for _ in range(5):
        scan.fill(b["barcode"])
        scan.press("Enter")
    expect(scan).to_be_focused()
    last = sheet.get_by_test_id("last-scanned")
    expect(last.get_by_test_id("last-scanned-name")).to_contain_text(b["name"])
    expect(last.get_by_test_id("last-scanned-counted")).to_have_text("5")
    expect(sheet.get_by_test_id("scan-pending")).to_have_text("")

    # an unknown code shows inline, the box keeps the focus and counting goes on
    scan.fill("0000000000000")
    scan.press("Enter")
    expect(sheet.get_by_test_id("scan-error")).to_contain_text("0000000000000")
    expect(scan).to_be_focused()

    expect(sheet.get_by_test_id("stocktake-progress")).to_have_text("已盘 2 / 2 行")
    expect(lines.get_by_test_id(f"line-variance-{a['code']}")).to_have_text("-1")
    expect(lines.get_by_test_id(f"line-variance-{a['code']}")).to_have_class(re.compile(r"\bloss\b"))
    expect(lines.get_by_test_id(f"line-variance-{b['code']}")).to_have_text("0")
    expect(field(lines, f"line-count-{a['code']}")).to_have_value("9")
    expect(sheet.get_by_test_id("stocktake-loss")).to_have_text("1.00")
    page.screenshot(path=str(screenshots / "stocktake-scanned.png"))

    # 审核 with a summary of what it posts
    sheet.get_by_test_id("stocktake-approve").click()
    confirm = page.get_by_test_id("approve-dialog")
    expect(confirm).to_be_visible()
    expect(confirm.get_by_test_id("approve-progress")).to_have_text("2 / 2")
    expect(confirm.get_by_test_id("approve-loss")).to_have_text("1.00")
    expect(confirm.get_by_test_id("approve-gain")).to_have_text("0.00")
    confirm.get_by_test_id("approve-confirm").click()
    expect(confirm).to_be_hidden()
    expect(sheet.get_by_test_id("stocktake-status")).to_have_text("已审核")
    expect(sheet.get_by_test_id("stocktake-approve")).to_have_count(0)
    expect(sheet.get_by_test_id("stocktake-reverse")).to_be_visible()
    expect(field(sheet, "scan-input")).to_have_count(0)
    assert float(on_hand(api, seed, "a")) == 9

    # 库存查询 shows 9 for A
    page.get_by_test_id("menu-item-InventoryStock").click()
    stock = page.get_by_test_id("stock-page")
    expect(stock).to_be_visible()
    field(stock, "stock-filter-q").fill(a["code"])
    field(stock, "stock-filter-q").press("Enter")
    table = stock.get_by_test_id("stock-table")
    row = table.locator(".el-table__body-wrapper tbody tr", has_text=a["name"])
    expect(row).to_have_count(1)
    expect(row).to_contain_text(WAREHOUSE_NAME)
    on_hand_cell = row.locator("td").filter(has_text="9.00")
    expect(on_hand_cell.first).to_be_visible()
    expect(table.locator(".el-table__footer-wrapper")).to_contain_text("9.00")
    page.screenshot(path=str(screenshots / "stock-query.png"))

    # a click opens 出入库流水 for that SKU × warehouse: 期初 10, then the 盘点 move out 1, balance 9
    row.click()
    ledger = page.get_by_test_id("ledger-page")
    expect(ledger).to_be_visible()
    expect(ledger.get_by_test_id("ledger-sku")).to_contain_text(a["name"])
    moves = ledger.get_by_test_id("ledger-table").locator(".el-table__body-wrapper tbody tr")
    expect(moves.first).to_contain_text("期初结存")
    take = moves.filter(has_text=number)
    expect(take).to_have_count(1)
    expect(take).to_contain_text("盘点")
    expect(take).to_contain_text("盘亏")
    expect(take).to_contain_text("9.00")
    opening = moves.filter(has_text="期初库存")
    expect(opening).to_have_count(1)
    expect(opening).to_contain_text("10.00")
    page.screenshot(path=str(screenshots / "stock-ledger.png"))


def test_b_phone_stock_cards_and_counting(
    browser: Browser, browser_context_args: dict[str, Any], api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    a = seed["a"]
    close_open_stocktakes(api, seed)
    expected = float(on_hand(api, seed, "a"))
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 375, "height": 740}})
    page = context.new_page()
    stocktake_id = None
    try:
        login(page)
        # 库存查询 on a phone: a card list with name, warehouse, on hand / available
        page.goto("/inventory/stock")
        mobile = page.get_by_test_id("stock-mobile")
        expect(mobile).to_be_visible()
        field(mobile, "stock-m-q").fill(a["barcode"])
        field(mobile, "stock-m-q").press("Enter")
        card = mobile.get_by_test_id(f"stock-card-{a['code']}")
        expect(card).to_be_visible()
        expect(card).to_contain_text(a["name"])
        expect(card).to_contain_text(WAREHOUSE_NAME)
        expect(card.get_by_test_id("stock-card-on-hand")).to_have_text(f"{expected:.2f}")
        box = card.bounding_box()
        assert box is not None
        assert box["width"] <= 375
        page.screenshot(path=str(screenshots / "stock-phone.png"))

        # 扫码盘点 on a phone: big scan box, the last item with −/+, my counts
        st = post(
            api,
            "/stocktakes",
            {"warehouse_id": seed["warehouse"]["id"], "business_date": business_today().isoformat()},
            201,
        )
        stocktake_id = st["id"]
        page.goto(f"/inventory/stocktakes/{stocktake_id}/count")
        count = page.get_by_test_id("count-mobile")
        expect(count).to_be_visible()
        scan = field(count, "count-scan-input")
        expect(scan).to_be_focused()
        for _ in range(2):
            scan.fill(a["barcode"])
            scan.press("Enter")
        current = count.get_by_test_id("count-current")
        expect(current.get_by_test_id("count-current-counted")).to_have_text("2")
        current.get_by_test_id("count-current-plus").click()
        expect(current.get_by_test_id("count-current-mine")).to_have_text("3")
        current.get_by_test_id("count-current-minus").click()
        expect(current.get_by_test_id("count-current-mine")).to_have_text("2")
        expect(count.get_by_test_id(f"count-mine-{a['code']}")).to_contain_text("2")
        expect(scan).to_be_focused()
        page.screenshot(path=str(screenshots / "stocktake-phone.png"))
    finally:
        context.close()
        if stocktake_id is not None:
            post(api, f"/stocktakes/{stocktake_id}/void", {})
