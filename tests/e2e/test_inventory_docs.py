"""库存单据 in the real browser: 期初库存 lines imported from Excel, saved and approved; a 调拨单 entered by
typing a code in the line grid and scanning a barcode in the scan box, saved and approved — then the stock
of each warehouse checked through the API. Each test seeds its own products and warehouses."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import xlsxwriter
from playwright.sync_api import Page, expect
from python_calamine import CalamineWorkbook

from jxc.common.clock import today as business_today
from tests.e2e.ui import Api, choose, ean13, field, login, post


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
        "spec": "330ml",
        "base_unit_id": unit_id,
        "skus": [
            {
                "barcodes": [{"barcode": barcode, "unit_id": unit_id}],
                "prices": [{"unit_id": unit_id, "retail_price": "3.00", "purchase_price": "2.00"}],
            }
        ],
    }
    sku = post(api, "/products", body, 201)["skus"][0]
    return {"sku_id": sku["id"], "code": sku["code"], "barcode": barcode, "name": name}


def ensure_warehouse(api: Api, code: str, name: str) -> dict[str, Any]:
    ctx, _ = api
    found = ctx.get("/api/v1/warehouses", params={"q": code}).json()["items"]
    wh = next((w for w in found if w["code"] == code), None)
    return wh or post(api, "/warehouses", {"code": code, "name": name}, 201)


def on_hand(api: Api, warehouse_id: int, sku_code: str) -> str:
    ctx, _ = api
    res = ctx.get("/api/v1/stock-balances", params={"warehouse_id": warehouse_id, "q": sku_code})
    assert res.ok, res.text()
    rows = [r for r in res.json()["items"] if r["sku_code"] == sku_code]
    return str(rows[0]["on_hand"]) if rows else "0"


def same_qty(a: str, b: str) -> bool:
    return float(a) == float(b)


def open_page(page: Page, item: str, testid: str) -> None:
    expect(page.get_by_test_id("menu-module-inventory")).to_be_visible()
    page.get_by_test_id(f"menu-item-{item}").click()
    expect(page.get_by_test_id(testid)).to_be_visible()


# ---------- (a) 期初库存 from Excel ----------


def opening_template(api: Api) -> tuple[str, list[str]]:
    """The instruction row and the headers of the server's opening stock template."""
    ctx, _ = api
    res = ctx.get("/api/v1/opening-stocks/import-template")
    assert res.ok, res.text()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(res.body())).get_sheet_by_index(0).to_python()
    return str(rows[0][0]), [str(h) for h in rows[1] if str(h)]


def write_lines_xlsx(path: Path, instruction: str, headers: list[str], rows: list[dict[str, Any]]) -> None:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("期初库存")
    ws.write_string(0, 0, instruction)
    for c, h in enumerate(headers):
        ws.write_string(1, c, h)
    keys = [h.rstrip("*") for h in headers]
    for r, row in enumerate(rows, start=2):
        for c, key in enumerate(keys):
            v = row.get(key, "")
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(r, c, v)
            else:
                ws.write_string(r, c, str(v))
    wb.close()


def test_a_opening_stock_imported_from_excel(page: Page, api: Api, screenshots: Path, tmp_path: Path) -> None:
    unit = ensure_unit(api, "瓶")
    cola = ensure_product(api, "期初导入测试可乐", ean13("690777000011"), unit)
    tea = ensure_product(api, "期初导入测试绿茶", ean13("690777000012"), unit)
    wh = ensure_warehouse(api, "E2E-QC", "期初导入测试仓")

    instruction, headers = opening_template(api)
    for h in ("商品编码或条码*", "数量*"):
        assert h in headers, headers
    cost = next(h.rstrip("*") for h in headers if h.startswith(("单价", "单位成本")))  # the unit cost column
    xlsx = tmp_path / "期初库存.xlsx"
    write_lines_xlsx(
        xlsx,
        instruction,
        headers,
        [
            {"商品编码或条码": cola["code"], "数量": 12, cost: 2.5},  # by SKU code
            {"商品编码或条码": tea["barcode"], "数量": 7, cost: 3},  # by barcode
        ],
    )

    login(page)
    open_page(page, "InventoryOpening", "doc-list-opening")
    page.get_by_test_id("doc-list-add").click()
    editor = page.get_by_test_id("doc-editor-opening")
    expect(editor).to_be_visible()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "new")
    choose(page, editor.get_by_test_id("doc-warehouse"), f"warehouse-option-{wh['code']}")

    editor.get_by_test_id("doc-import-lines").click()
    dialog = page.get_by_test_id("import-lines-dialog")
    expect(dialog).to_be_visible()
    with page.expect_download() as tpl:
        dialog.get_by_test_id("import-lines-template").click()
    assert tpl.value.suggested_filename.endswith(".xlsx")
    dialog.get_by_test_id("import-lines-upload").locator('input[type="file"]').set_input_files(str(xlsx))
    expect(dialog.get_by_test_id("import-lines-summary")).to_contain_text("解析出 2 行明细")
    expect(dialog.get_by_test_id("import-lines-errors")).to_have_count(0)
    dialog.get_by_test_id("import-lines-put").click()
    expect(dialog).to_be_hidden()

    grid = editor.get_by_test_id("line-grid-opening")
    expect(grid.get_by_test_id("line-qty-1")).to_have_value("12")
    expect(grid.get_by_test_id("line-qty-2")).to_have_value("7")
    expect(grid.get_by_test_id("line-amount-1")).to_have_text("¥30.00")
    expect(editor.get_by_test_id("doc-total-qty")).to_have_text("19")
    expect(editor.get_by_test_id("doc-total-amount")).to_have_text("¥51.00")
    expect(editor.get_by_test_id("doc-amount-words")).to_have_text("伍拾壹元整")
    expect(editor.get_by_test_id("doc-dirty")).to_be_visible()
    page.screenshot(path=str(screenshots / "opening-imported.png"))

    editor.get_by_test_id("doc-save").click()
    expect(editor.get_by_test_id("doc-number")).to_have_text(re.compile(r"^QC-?\d{8}-?\d{3,}$"))
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "draft")
    expect(editor.get_by_test_id("doc-dirty")).to_have_count(0)
    assert re.search(r"/inventory/opening/edit/\d+$", page.url), page.url
    editor.get_by_test_id("doc-approve").click()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "approved")
    expect(editor.get_by_test_id("doc-trail")).to_contain_text("审核：")
    page.screenshot(path=str(screenshots / "opening-approved.png"))

    assert same_qty(on_hand(api, wh["id"], cola["code"]), "12")
    assert same_qty(on_hand(api, wh["id"], tea["code"]), "7")


# ---------- (b) 调拨单 typed and scanned ----------


def test_b_transfer_typed_and_scanned(page: Page, api: Api, screenshots: Path) -> None:
    unit = ensure_unit(api, "瓶")
    water = ensure_product(api, "调拨测试矿泉水", ean13("690777000021"), unit)
    src = ensure_warehouse(api, "E2E-DB-A", "调拨测试总仓")
    dst = ensure_warehouse(api, "E2E-DB-B", "调拨测试门店仓")
    before_src = on_hand(api, src["id"], water["code"])
    before_dst = on_hand(api, dst["id"], water["code"])
    if same_qty(before_src, "0"):
        doc = post(
            api,
            "/opening-stocks",
            {
                "business_date": business_today().isoformat(),
                "warehouse_id": src["id"],
                "lines": [{"sku_id": water["sku_id"], "unit_id": unit, "qty": "20", "unit_cost": "1.20"}],
            },
            201,
        )
        post(api, f"/opening-stocks/{doc['id']}/approve", {})
        before_src = "20"

    login(page)
    open_page(page, "InventoryTransfers", "doc-list-transfer")
    page.get_by_test_id("doc-list-add").click()
    editor = page.get_by_test_id("doc-editor-transfer")
    expect(editor).to_be_visible()
    choose(page, editor.get_by_test_id("doc-warehouse"), f"warehouse-option-{src['code']}")
    choose(page, editor.get_by_test_id("doc-to-warehouse"), f"warehouse-option-{dst['code']}")

    # type the code in the grid's product cell: Enter searches, Enter picks, the cursor goes to the qty
    grid = editor.get_by_test_id("line-grid-transfer")
    product = field(grid, "line-product-1")
    product.fill(water["code"])
    product.press("Enter")
    expect(page.get_by_test_id(f"line-product-1-item-{water['code']}")).to_be_visible()
    product.press("Enter")
    qty = grid.get_by_test_id("line-qty-1")
    expect(qty).to_be_focused()
    expect(qty).to_have_value("1")
    page.keyboard.type("5")
    expect(qty).to_have_value("5")
    expect(grid.get_by_test_id("line-available-1")).to_have_text(
        re.compile(r"^\s*" + str(int(float(before_src))) + r"\s*$")
    )

    # a scanner types the barcode + Enter in the scan box: +1 on the same line, no new line
    scan = field(editor, "scan-box")
    scan.fill(water["barcode"])
    scan.press("Enter")
    expect(qty).to_have_value("6")
    expect(scan).to_have_value("")
    expect(grid.get_by_test_id("line-qty-2")).to_have_count(0)
    expect(editor.get_by_test_id("doc-total-qty")).to_have_text("6")
    page.screenshot(path=str(screenshots / "transfer-editor.png"))

    editor.get_by_test_id("doc-save-approve").click()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "approved")
    expect(editor.get_by_test_id("doc-number")).to_have_text(re.compile(r"^DBD"))
    number = editor.get_by_test_id("doc-number").inner_text().strip()
    # approved documents are read-only: no inputs left in the grid
    expect(grid.get_by_test_id("line-qty-1")).to_have_count(0)

    assert same_qty(on_hand(api, src["id"], water["code"]), str(float(before_src) - 6))
    assert same_qty(on_hand(api, dst["id"], water["code"]), str(float(before_dst) + 6))

    # the list shows it as approved; a click on the row opens it again
    page.get_by_test_id("menu-item-InventoryTransfers").click()
    table = page.get_by_test_id("doc-table-transfer")
    expect(table.get_by_test_id(f"doc-status-{number}")).to_have_attribute("data-status", "approved")
    row = table.locator("tbody tr", has_text=number)
    expect(row).to_contain_text(src["name"])
    expect(row).to_contain_text(dst["name"])
    page.screenshot(path=str(screenshots / "transfer-list.png"))
    row.click()
    expect(editor.get_by_test_id("doc-number")).to_have_text(number)


# ---------- (c) 红冲 of a document in a closed period asks for an open date ----------


def test_c_reverse_in_a_closed_period_asks_for_a_date(page: Page, api: Api, screenshots: Path) -> None:
    ctx, csrf = api
    unit = ensure_unit(api, "瓶")
    wh = ensure_warehouse(api, "E2E-CLOSE", "关账测试仓")
    sku = ensure_product(api, "关账测试可乐", ean13("690000077001"), unit)
    doc = post(
        api,
        "/opening-stocks",
        {
            "business_date": "2026-01-05",
            "warehouse_id": wh["id"],
            "lines": [{"sku_id": sku["sku_id"], "unit_id": unit, "qty": "3", "unit_cost": "2.00"}],
        },
        201,
    )
    post(api, f"/opening-stocks/{doc['id']}/approve", None)

    def close(day: str | None) -> None:
        company = ctx.get("/api/v1/companies/current").json()
        res = ctx.patch(
            "/api/v1/companies/current",
            headers={"X-CSRF-Token": csrf},
            data={"closed_until": day, "version": company["version"]},
        )
        assert res.ok, res.text()

    close("2026-01-31")
    try:
        login(page)
        page.goto(f"/inventory/opening/edit/{doc['id']}")
        page.get_by_test_id("doc-reverse").click()
        page.locator(".el-message-box").get_by_role("button", name="确定").click()
        prompt = page.locator(".el-message-box").filter(has_text="红冲日期")
        expect(prompt).to_be_visible()
        expect(prompt).to_contain_text("已关账")
        prompt.locator("input").fill(business_today().isoformat())
        prompt.get_by_role("button", name="确定").click()
        expect(page.get_by_text("已红冲").first).to_be_visible()
        page.screenshot(path=str(screenshots / "reverse-closed-period.png"))
        assert same_qty(on_hand(api, wh["id"], sku["code"]), "0")
    finally:
        close(None)
