"""资金单据 in the real browser: a 期初余额 with a customer receivable of 1,000.00 entered in the grid, saved
and approved; a 收款单 of 300.00 that picks that open item in 选择单据 (本次核销 300.00, nothing left as
预收), saved and approved; the 收款单 list shows it approved, and the customer still owes 700.00.

Seeded through the API (its own customer and account), so the test runs on its own."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import Api, choose, field, login, post

CUSTOMER_CODE = "SKDKH01"
CUSTOMER_NAME = "收款单测试客户"
ACCOUNT_CODE = "SKDZH01"
ACCOUNT_NAME = "收款单测试现金"


def open_page(page: Page, item: str, testid: str) -> None:
    expect(page.get_by_test_id("menu-module-finance")).to_be_visible()
    page.get_by_test_id(f"menu-item-{item}").click()
    expect(page.get_by_test_id(testid)).to_be_visible()


@pytest.fixture(scope="module")
def seed(api: Api) -> dict[str, Any]:
    ctx, _ = api
    found = ctx.get("/api/v1/partners", params={"q": CUSTOMER_CODE}).json()["items"]
    customer = next((p for p in found if p["code"] == CUSTOMER_CODE), None) or post(
        api, "/partners", {"code": CUSTOMER_CODE, "name": CUSTOMER_NAME, "is_customer": True}, 201
    )
    found = ctx.get("/api/v1/accounts", params={"q": ACCOUNT_CODE}).json()["items"]
    account = next((a for a in found if a["code"] == ACCOUNT_CODE), None) or post(
        api, "/accounts", {"code": ACCOUNT_CODE, "name": ACCOUNT_NAME, "kind": "cash"}, 201
    )
    return {"customer": customer, "account": account}


def open_items(api: Api, partner_id: int) -> list[dict[str, Any]]:
    ctx, _ = api
    res = ctx.get(
        "/api/v1/partner-entries/open", params={"partner_id": partner_id, "side": "ar", "sign": "debit"}
    )
    assert res.ok, res.text()
    return list(res.json())


def test_opening_receivable_then_receipt(
    page: Page, api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    customer = seed["customer"]
    assert open_items(api, customer["id"]) == []
    login(page)

    # ---------- 期初余额: 应收 1,000.00 ----------
    open_page(page, "FinanceOpeningBalances", "fin-list-opening")
    page.get_by_test_id("fin-list-add").click()
    editor = page.get_by_test_id("fin-editor-opening")
    expect(editor).to_be_visible()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "new")
    grid = editor.get_by_test_id("fin-opening-partners")
    choose(page, grid.get_by_test_id("fin-op-partner-1"), f"partner-option-{CUSTOMER_CODE}", CUSTOMER_CODE)
    field(grid, "fin-op-amount-1").fill("1000.00")
    expect(editor.get_by_test_id("fin-total-ar")).to_have_text("¥1,000.00")
    expect(editor.get_by_test_id("doc-dirty")).to_be_visible()
    editor.get_by_test_id("doc-save").click()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "draft")
    expect(editor.get_by_test_id("doc-number")).to_have_text(re.compile(r"^QCYE-?\d{8}-?\d{3,}$"))
    expect(editor.get_by_test_id("doc-dirty")).to_have_count(0)
    assert re.search(r"/finance/opening-balances/edit/\d+$", page.url), page.url
    editor.get_by_test_id("doc-approve").click()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "approved")
    expect(editor.get_by_test_id("doc-trail")).to_contain_text("审核：")
    opening_number = editor.get_by_test_id("doc-number").inner_text().strip()
    page.screenshot(path=str(screenshots / "finance-opening-approved.png"))

    items = open_items(api, customer["id"])
    assert [(i["doc_number"], i["open_amount"]) for i in items] == [(opening_number, "1000.00")], items

    # ---------- 收款单: 300.00 against that receivable ----------
    open_page(page, "FinanceReceipts", "fin-list-receipt")
    page.get_by_test_id("fin-list-add").click()
    editor = page.get_by_test_id("fin-editor-receipt")
    expect(editor).to_be_visible()
    choose(page, editor.get_by_test_id("fin-partner"), f"partner-option-{CUSTOMER_CODE}", CUSTOMER_CODE)
    choose(page, editor.get_by_test_id("fin-account"), f"account-option-{ACCOUNT_CODE}")
    field(editor, "fin-amount").fill("300.00")
    expect(editor.get_by_test_id("fin-open-total")).to_have_text("1,000.00")
    expect(editor.get_by_test_id("doc-amount-words")).to_have_text("叁佰元整")

    editor.get_by_test_id("fin-pick-items").click()
    dialog = page.get_by_test_id("fin-items-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_test_id(f"fin-item-check-{opening_number}").click()
    expect(field(dialog, f"fin-item-amount-{opening_number}")).to_have_value("300")
    expect(dialog.get_by_test_id("fin-items-sum")).to_have_text("300.00")
    expect(dialog.get_by_test_id("fin-items-rest")).to_have_text("0.00")
    dialog.get_by_test_id("fin-items-ok").click()
    expect(dialog).to_be_hidden()

    expect(editor.get_by_test_id(f"fin-alloc-doc-{opening_number}")).to_be_visible()
    expect(field(editor, "fin-alloc-amount-1")).to_have_value("300")
    expect(editor.get_by_test_id("fin-alloc-total")).to_have_text("300.00")
    expect(editor.get_by_test_id("fin-prepay")).to_have_text("0.00")
    page.screenshot(path=str(screenshots / "finance-receipt-picked.png"))

    editor.get_by_test_id("doc-save").click()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "draft")
    expect(editor.get_by_test_id("doc-number")).to_have_text(re.compile(r"^SKD-?\d{8}-?\d{3,}$"))
    editor.get_by_test_id("doc-approve").click()
    expect(editor.get_by_test_id("doc-status")).to_have_attribute("data-status", "approved")
    expect(editor.get_by_test_id("fin-alloc-total")).to_have_text("300.00")
    receipt_number = editor.get_by_test_id("doc-number").inner_text().strip()
    page.screenshot(path=str(screenshots / "finance-receipt-approved.png"))

    # ---------- the list shows it approved; the customer owes 700.00 ----------
    open_page(page, "FinanceReceipts", "fin-list-receipt")
    table = page.get_by_test_id("fin-table-receipt")
    expect(table.get_by_test_id(f"fin-row-{receipt_number}")).to_be_visible()
    expect(table.get_by_test_id(f"fin-status-{receipt_number}")).to_have_attribute("data-status", "approved")
    expect(table.get_by_test_id(f"fin-amount-{receipt_number}")).to_have_text("¥300.00")
    page.screenshot(path=str(screenshots / "finance-receipt-list.png"))

    items = open_items(api, customer["id"])
    assert [(i["doc_number"], i["open_amount"]) for i in items] == [(opening_number, "700.00")], items
