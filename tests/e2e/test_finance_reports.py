"""财务 reports in the real browser: a customer with an opening receivable of 1,000.00 (45 days ago)
and a receipt of 300.00 today. 应收应付余额 shows 700.00 and opens the 对账单 (本月: opening 1,000.00,
the receipt −300.00, closing 700.00); a share link opens the statement without login in a fresh
browser and, once revoked, says 链接无效或已过期; 账龄分析 puts the open 700.00 in the 31-60 day bucket.

Seeded through the API (its own customer and account), so the test runs on its own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from jxc.common.clock import today as business_today
from tests.e2e.ui import Api, field, get, login, post

CUSTOMER_CODE = "DZKH01"
CUSTOMER_NAME = "对账测试客户"
ACCOUNT_CODE = "DZZH01"
ACCOUNT_NAME = "对账测试现金"
OPENING_AGE_DAYS = 45


def mine(balances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # (no `q` here: on SQLite /partner-balances?q= of 3+ characters fails, see the report)
    return [b for b in balances if b["partner_code"] == CUSTOMER_CODE]


@pytest.fixture(scope="module")
def seed(api: Api) -> dict[str, Any]:
    """The customer owes 1,000.00 since 45 days ago (期初余额) and paid 300.00 today (收款单)."""
    today = business_today()
    found = get(api, "/partners", q=CUSTOMER_CODE)["items"]
    customer = next((p for p in found if p["code"] == CUSTOMER_CODE), None)
    if customer is None:
        customer = post(
            api, "/partners", {"code": CUSTOMER_CODE, "name": CUSTOMER_NAME, "is_customer": True}, 201
        )
    assert customer["currency"] == "CNY"
    found = get(api, "/accounts", q=ACCOUNT_CODE)["items"]
    account = next((a for a in found if a["code"] == ACCOUNT_CODE), None)
    if account is None:
        account = post(api, "/accounts", {"code": ACCOUNT_CODE, "name": ACCOUNT_NAME, "kind": "cash"}, 201)
    balances = mine(get(api, "/partner-balances", side="ar", page_size=200)["items"])
    if not balances:
        opening = post(
            api,
            "/opening-balances",
            {
                "business_date": (today - dt.timedelta(days=OPENING_AGE_DAYS)).isoformat(),
                "remark": "E2E 期初应收",
                "lines": [{"partner_id": customer["id"], "side": "ar", "amount": "1000.00"}],
            },
            201,
        )
        assert post(api, f"/opening-balances/{opening['id']}/approve", {})["status"] == "approved"
        receipt = post(
            api,
            "/receipts",
            {
                "business_date": today.isoformat(),
                "partner_id": customer["id"],
                "account_id": account["id"],
                "amount": "300.00",
                "remark": "E2E 收款",
            },
            201,
        )
        receipt = post(api, f"/receipts/{receipt['id']}/approve", {})
        assert receipt["status"] == "approved"
    balances = mine(get(api, "/partner-balances", side="ar", page_size=200)["items"])
    assert [b["balance"] for b in balances] == ["700.00"], balances
    return {"customer": customer, "account": account}


def test_statement_share_link_and_ageing(
    page: Page, browser: Browser, api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    login(page)
    menu = page.get_by_test_id("side-menu")
    for item in ("应收应付余额", "往来对账单", "账龄分析", "账户余额", "资金流水", "汇率", "收支类别"):
        expect(menu).to_contain_text(item)

    # 应收应付余额: the customer owes 700.00; its row opens the statement
    page.get_by_test_id("menu-item-FinancePartnerBalances").click()
    balances = page.get_by_test_id("partner-balances-page")
    expect(balances).to_be_visible()
    row = balances.locator("tbody tr", has=page.get_by_test_id(f"balance-row-{CUSTOMER_CODE}"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("700.00")
    page.get_by_test_id(f"balance-statement-{CUSTOMER_CODE}").click()

    # 对账单 for this month: opening 1,000.00 (45 days ago), the receipt −300.00, closing 700.00
    sheet = page.get_by_test_id("statement-page").get_by_test_id("statement-sheet")
    expect(sheet).to_be_visible()
    expect(sheet.get_by_test_id("statement-partner")).to_have_text(CUSTOMER_NAME)
    first_of_month = business_today().replace(day=1).isoformat()
    expect(sheet.get_by_test_id("statement-period")).to_have_text(
        f"{first_of_month} ~ {business_today().isoformat()}"
    )
    expect(sheet.get_by_test_id("statement-opening-balance")).to_have_text("1,000.00")
    rows = sheet.get_by_test_id("statement-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("收款单")
    expect(rows.first.get_by_test_id("statement-row-decrease")).to_have_text("300.00")
    expect(rows.first.get_by_test_id("statement-row-balance")).to_have_text("700.00")
    expect(sheet.get_by_test_id("statement-total-decrease")).to_have_text("300.00")
    expect(sheet.get_by_test_id("statement-closing-balance")).to_have_text("700.00")
    expect(sheet.get_by_test_id("statement-sentence")).to_contain_text("贵单位尚欠我方 CNY 700.00")
    expect(sheet).to_contain_text("对方确认")
    expect(sheet).to_contain_text("经办人")
    page.screenshot(path=str(screenshots / "finance-statement.png"))

    # 分享链接: create one, open it without login in a fresh browser context
    page.get_by_test_id("statement-share").click()
    dialog = page.get_by_test_id("share-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_test_id("share-create").click()
    url_input = field(dialog, "share-url")
    expect(url_input).to_have_value(re.compile(r"^http://127\.0\.0\.1:\d+/s/[A-Za-z0-9_-]{20,}$"))
    url = url_input.input_value()
    links = dialog.get_by_test_id("share-links").locator(".el-table__body-wrapper tbody tr")
    expect(links).to_have_count(1)
    expect(links.first).to_contain_text("有效")

    anonymous = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    try:
        public = anonymous.new_page()
        public.goto(url)
        shared = public.get_by_test_id("public-statement-page")
        expect(shared.get_by_test_id("statement-sheet")).to_be_visible()
        expect(public.get_by_test_id("app-shell")).to_have_count(0)
        expect(shared.get_by_test_id("statement-partner")).to_have_text(CUSTOMER_NAME)
        expect(shared.get_by_test_id("statement-opening-balance")).to_have_text("1,000.00")
        expect(shared.get_by_test_id("statement-row")).to_have_count(1)
        expect(shared.get_by_test_id("statement-closing-balance")).to_have_text("700.00")
        expect(shared.get_by_test_id("public-print")).to_be_visible()
        public.screenshot(path=str(screenshots / "finance-statement-public.png"))

        # 撤销 in the dialog → the link stops working
        link_id = re.search(r"share-revoke-(\d+)", links.first.inner_html())
        assert link_id, "the new link can be revoked"
        dialog.get_by_test_id(f"share-revoke-{link_id.group(1)}").click()
        page.locator(".el-message-box").get_by_role("button", name="确定").click()
        expect(dialog.get_by_test_id(f"share-state-{link_id.group(1)}")).to_have_text("已撤销")
        public.reload()
        expect(public.get_by_test_id("public-statement-invalid")).to_contain_text("链接无效或已过期")
        expect(public.get_by_test_id("statement-sheet")).to_have_count(0)
        # a made-up token says the same
        public.goto(url.rsplit("/", 1)[0] + "/not-a-real-token")
        expect(public.get_by_test_id("public-statement-invalid")).to_contain_text("链接无效或已过期")
    finally:
        anonymous.close()
    dialog.get_by_role("button", name="关闭").last.click()
    expect(dialog).to_be_hidden()

    # 账龄分析: the open 700.00 is 45 days old → the 31-60 bucket
    page.get_by_test_id("menu-item-FinanceAgeing").click()
    ageing = page.get_by_test_id("ageing-page")
    expect(ageing).to_be_visible()
    expect(field(ageing, "ageing-buckets")).to_have_value("30,60,90")
    table = ageing.get_by_test_id("ageing-table")
    headers = table.locator(".el-table__header-wrapper th")
    expect(headers.filter(has_text="31-60天")).to_have_count(1)
    titles = [h.strip() for h in headers.all_inner_texts()]
    bucket = titles.index("31-60天")
    row = table.locator(
        ".el-table__body-wrapper tbody tr", has=page.get_by_test_id(f"ageing-row-{CUSTOMER_CODE}")
    )
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells.nth(bucket)).to_have_text("¥700.00")
    expect(cells.nth(titles.index("0-30天"))).to_have_text("¥0.00")
    expect(cells.nth(titles.index("未结合计"))).to_have_text("¥700.00")
    page.screenshot(path=str(screenshots / "finance-ageing.png"))

    # other buckets: 0-40 holds nothing, 41-50 holds the 700.00
    field(ageing, "ageing-buckets").fill("40,50")
    expect(ageing.get_by_test_id("ageing-bucket-preview")).to_have_text("0-40天 · 41-50天 · 50天以上")
    field(ageing, "ageing-buckets").press("Enter")
    expect(headers.filter(has_text="41-50天")).to_have_count(1)
    titles = [h.strip() for h in headers.all_inner_texts()]
    expect(row.locator("td").nth(titles.index("41-50天"))).to_have_text("¥700.00")
    # a bad list is refused with a message and no query
    field(ageing, "ageing-buckets").fill("60,30")
    expect(ageing).to_contain_text("分段须从小到大排列")
