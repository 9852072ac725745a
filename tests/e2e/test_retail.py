"""零售 in the real browser (issue 7, "Done when"): at 收银台 two barcodes are scanned (the first twice: one line
of 2, no second line), paid in cash with change, and the receipt shows the change; the ticket is then in 零售单
and the stock went down. A promotion (8折 on product A, counter only) shows on the scanned line and on the
receipt, and the ticket is charged the promoted price.

Hand computation:
  sale:      A 2 × 3.50 = 7.00, B 1 × 6.80 = 6.80 → due 13.80; cash 50.00 → change 36.20
  promotion: A 1 × 3.50 × 0.8 = 2.80 → due 2.80 (paid exactly in cash)

Master data (own codes), opening stock and the promotion are set up through the API, so the test runs on its own;
window.print is stubbed (counted) so the headless browser never opens a print dialog."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from jxc.common.clock import today as business_today
from tests.e2e.ui import Api, choose, ean13, field, get, login, post

WAREHOUSE_CODE = "E2E-LS"
WAREHOUSE_NAME = "零售测试门店"
ACCOUNT_CODE = "LSXJ01"
ACCOUNT_NAME = "零售测试钱箱"
PROMO_NAME = "零售测试八折"

# Counts window.print() calls instead of opening the browser's print dialog.
NO_PRINT = "window.__prints = 0; window.print = () => { window.__prints += 1; };"


def ensure_unit(api: Api, name: str) -> int:
    for u in get(api, "/units"):
        if u["name"] == name:
            return int(u["id"])
    return int(post(api, "/units", {"name": name, "allow_fraction": False}, 201)["id"])


def ensure_product(api: Api, name: str, barcode: str, unit_id: int, retail: str) -> dict[str, Any]:
    """The product's single SKU: {sku_id, code, barcode, name}."""
    found = get(api, "/skus", q=barcode)["items"]
    if found:
        return {"sku_id": found[0]["sku_id"], "code": found[0]["code"], "barcode": barcode, "name": name}
    body = {
        "name": name,
        "spec": "500ml",
        "base_unit_id": unit_id,
        "skus": [
            {
                "barcodes": [{"barcode": barcode, "unit_id": unit_id}],
                "prices": [{"unit_id": unit_id, "retail_price": retail, "purchase_price": "1.00"}],
            }
        ],
    }
    sku = post(api, "/products", body, 201)["skus"][0]
    return {"sku_id": sku["id"], "code": sku["code"], "barcode": barcode, "name": name}


def on_hand(api: Api, warehouse_id: int, code: str) -> Decimal:
    rows = get(api, "/stock-balances", warehouse_id=warehouse_id, q=code)["items"]
    return Decimal(str(rows[0]["on_hand"])) if rows else Decimal(0)


@pytest.fixture(scope="module")
def seed(api: Api) -> dict[str, Any]:
    unit = ensure_unit(api, "瓶")
    a = ensure_product(api, "零售测试矿泉水", ean13("690777000001"), unit, "3.50")
    b = ensure_product(api, "零售测试薯片", ean13("690777000002"), unit, "6.80")
    c = ensure_product(api, "零售测试酸奶", ean13("690777000003"), unit, "3.50")
    found = get(api, "/warehouses", q=WAREHOUSE_CODE)["items"]
    wh = next((w for w in found if w["code"] == WAREHOUSE_CODE), None) or post(
        api, "/warehouses", {"code": WAREHOUSE_CODE, "name": WAREHOUSE_NAME}, 201
    )
    if not get(api, "/stock-balances", warehouse_id=wh["id"])["items"]:
        doc = post(
            api,
            "/opening-stocks",
            {
                "business_date": business_today().isoformat(),
                "warehouse_id": wh["id"],
                "lines": [
                    {"sku_id": s["sku_id"], "unit_id": unit, "qty": "20", "unit_cost": "1.00"}
                    for s in (a, b, c)
                ],
            },
            201,
        )
        post(api, f"/opening-stocks/{doc['id']}/approve", {})
    found = get(api, "/accounts", q=ACCOUNT_CODE)["items"]
    account = next((x for x in found if x["code"] == ACCOUNT_CODE), None) or post(
        api, "/accounts", {"code": ACCOUNT_CODE, "name": ACCOUNT_NAME, "kind": "cash"}, 201
    )
    return {"a": a, "b": b, "c": c, "warehouse": wh, "account": account, "unit": unit}


def open_counter(page: Page, seed: dict[str, Any]) -> None:
    page.add_init_script(NO_PRINT)
    login(page)
    expect(page.get_by_test_id("menu-module-retail")).to_be_visible()
    page.get_by_test_id("menu-item-RetailCounter").click()
    expect(page.get_by_test_id("ret-counter")).to_be_visible()
    choose(page, page.get_by_test_id("ret-warehouse"), f"warehouse-option-{WAREHOUSE_CODE}")


def scan(page: Page, code: str) -> None:
    """A scanner types the code and Enter into the scan box (which keeps the focus)."""
    box = field(page, "ret-scan")
    box.fill(code)
    box.press("Enter")
    expect(box).to_have_value("")


def pay_cash(page: Page, amount: str) -> None:
    page.keyboard.press("F9")
    dialog = page.get_by_test_id("ret-pay-dialog")
    expect(dialog).to_be_visible()
    amount_box = field(dialog, "ret-pay-amount")
    # the dialog has finished opening when the amount has the focus
    expect(amount_box).to_be_focused()
    choose(page, dialog.get_by_test_id("ret-pay-account"), f"ret-pay-account-{ACCOUNT_CODE}")
    amount_box.fill(amount)
    return None


def return_one_in_cash(page: Page, number: str, refund: str) -> Locator:
    """At 零售退货: the ticket found by its number, 1 of its first line returned; the screen and the pay dialog
    ask `refund`, paid back in cash from the test's cash box. Answers the return's receipt dialog."""
    page.add_init_script(NO_PRINT)
    login(page)
    page.get_by_test_id("menu-item-RetailReturn").click()
    expect(page.get_by_test_id("ret-return")).to_be_visible()
    number_box = field(page, "ret-return-number")
    number_box.fill(number)
    number_box.press("Enter")
    expect(page.get_by_test_id("ret-return-ticket")).to_contain_text(number)
    field(page, "ret-return-qty-0").fill("1")
    expect(page.get_by_test_id("ret-return-refund")).to_have_text(f"¥{refund}")
    page.get_by_test_id("ret-return-submit").click()
    dialog = page.get_by_test_id("ret-pay-dialog")
    expect(dialog.get_by_test_id("ret-pay-due")).to_have_text(f"¥{refund}")
    expect(field(dialog, "ret-pay-amount")).to_be_focused()
    choose(page, dialog.get_by_test_id("ret-pay-account"), f"ret-pay-account-{ACCOUNT_CODE}")
    expect(field(dialog, "ret-pay-amount")).to_have_value(refund)
    dialog.get_by_test_id("ret-pay-confirm").click()
    receipt = page.get_by_test_id("ret-receipt-dialog")
    expect(receipt.get_by_test_id("ret-receipt-total")).to_have_text(refund)
    return receipt


def test_counter_sale_scanned_and_paid_in_cash_with_change(
    page: Page, api: Api, seed: dict[str, Any], screenshots: Path
) -> None:
    a, b, wh = seed["a"], seed["b"], seed["warehouse"]
    stock_a = on_hand(api, wh["id"], a["code"])
    open_counter(page, seed)

    scan(page, a["barcode"])
    scan(page, a["barcode"])
    scan(page, b["barcode"])
    lines = page.get_by_test_id("ret-lines")
    expect(lines.locator(f'[data-sku="{a["code"]}"]')).to_have_count(1)
    expect(lines.locator(f'[data-sku="{b["code"]}"]')).to_have_count(1)
    expect(field(page, "ret-line-qty-0")).to_have_value("2")
    expect(page.get_by_test_id("ret-due")).to_have_text("¥13.80")
    # the scan box keeps the focus after each scan
    expect(field(page, "ret-scan")).to_be_focused()
    page.screenshot(path=screenshots / "retail-counter.png")

    pay_cash(page, "50")
    dialog = page.get_by_test_id("ret-pay-dialog")
    expect(dialog.get_by_test_id("ret-pay-due")).to_have_text("¥13.80")
    expect(dialog.get_by_test_id("ret-pay-change")).to_have_text("¥36.20")
    page.screenshot(path=screenshots / "retail-pay.png")
    field(dialog, "ret-pay-amount").press("Enter")  # keyboard only: Enter confirms

    receipt = page.get_by_test_id("ret-receipt-dialog")
    expect(receipt).to_be_visible()
    expect(receipt.get_by_test_id("ret-receipt-total")).to_have_text("13.80")
    expect(receipt.get_by_test_id("ret-receipt-change")).to_have_text("36.20")
    number = receipt.get_by_test_id("ret-receipt-number").inner_text().strip()
    assert number.startswith("LSD"), number
    assert page.evaluate("window.__prints") == 1  # printed once, automatically
    page.screenshot(path=screenshots / "retail-receipt.png")

    # the 58 mm roll: remembered in this browser; in print only the receipt shows, 58 mm wide
    receipt.get_by_test_id("ret-paper-58").click()
    assert page.evaluate("localStorage.getItem('jxc.retail.paper')") == "58"
    receipt.get_by_test_id("ret-receipt-print-btn").click()
    assert page.evaluate("window.__prints") == 2
    page.evaluate("document.body.classList.add('ret-printing')")
    page.emulate_media(media="print")
    printed = page.get_by_test_id("ret-receipt-print")
    expect(printed).to_be_visible()
    expect(page.get_by_test_id("app-shell")).to_be_hidden()
    box = printed.bounding_box()
    assert box is not None
    assert abs(box["width"] - 58 / 25.4 * 96) < 2, box
    expect(printed.get_by_test_id("ret-receipt-change")).to_have_text("36.20")
    page.screenshot(path=screenshots / "retail-receipt-print-58.png")
    page.emulate_media(media="screen")
    page.evaluate("document.body.classList.remove('ret-printing')")
    receipt.get_by_test_id("ret-receipt-next").click()
    expect(receipt).to_be_hidden()
    # a fresh ticket, the focus back in the scan box
    expect(page.get_by_test_id("ret-due")).to_have_text("¥0.00")
    expect(field(page, "ret-scan")).to_be_focused()

    sold = get(api, "/retail/tickets", q=number)["items"]
    assert [t["number"] for t in sold] == [number]
    assert Decimal(sold[0]["total_amount"]) == Decimal("13.80")
    assert Decimal(sold[0]["change_amount"]) == Decimal("36.20")
    assert on_hand(api, wh["id"], a["code"]) == stock_a - 2

    # 零售单 lists it; the ticket opens with its lines
    page.get_by_test_id("menu-item-RetailTickets").click()
    expect(page.get_by_test_id("ret-ticket-list")).to_be_visible()
    page.get_by_test_id(f"ret-row-{number}").click()
    ticket = page.get_by_test_id("ret-ticket-dialog")
    expect(ticket.get_by_test_id("ret-ticket-number")).to_have_text(number)
    expect(ticket.get_by_test_id("ret-ticket-total")).to_have_text("¥13.80")


def test_promotion_shows_on_the_line_and_the_receipt(page: Page, api: Api, seed: dict[str, Any]) -> None:
    c = seed["c"]
    today = business_today().isoformat()
    if not [p for p in get(api, "/promotions", q=PROMO_NAME)["items"] if p["name"] == PROMO_NAME]:
        post(
            api,
            "/promotions",
            {
                "name": PROMO_NAME,
                "kind": "percent_off",
                "scope": "sku",
                "date_from": today,
                "date_to": today,
                "percent_off": "20",
                "retail_only": True,
                "items": [{"sku_id": c["sku_id"]}],
            },
            201,
        )
    open_counter(page, seed)
    scan(page, c["barcode"])
    promo = page.get_by_test_id("ret-line-promo-0")
    expect(promo).to_contain_text(PROMO_NAME)
    expect(promo).to_contain_text("8折")
    expect(page.get_by_test_id("ret-due")).to_have_text("¥2.80")

    pay_cash(page, "2.80")
    dialog = page.get_by_test_id("ret-pay-dialog")
    expect(dialog.get_by_test_id("ret-pay-change")).to_have_text("¥0.00")
    dialog.get_by_test_id("ret-pay-confirm").click()

    receipt = page.get_by_test_id("ret-receipt-dialog")
    expect(receipt.get_by_test_id("ret-receipt-promo-0")).to_contain_text(PROMO_NAME)
    expect(receipt.get_by_test_id("ret-receipt-total")).to_have_text("2.80")
    number = receipt.get_by_test_id("ret-receipt-number").inner_text().strip()
    # the print copy (58/80 mm roll) carries the same promotion text
    expect(page.get_by_test_id("ret-receipt-print").get_by_test_id("ret-receipt-promo-0")).to_contain_text(
        PROMO_NAME
    )
    receipt.get_by_test_id("ret-receipt-next").click()

    sold = get(api, f"/retail/tickets/by-number/{number}")
    assert Decimal(sold["total_amount"]) == Decimal("2.80")
    assert PROMO_NAME in sold["lines"][0]["promotion_text"]


def test_a_line_discount_is_priced_by_the_server_and_the_cash_typed_after_f9_is_taken(
    page: Page, api: Api, seed: dict[str, Any]
) -> None:
    """B at 6.80 with a 10 % line discount: 6.12 due. The quote that prices the ticket while it is built takes
    the line (it refused a discount rate before, and the screen then showed stale prices while the server
    charged others); the ticket is charged what the screen showed. The cashier presses F9 and types the cash
    at once: it lands in 实收, and Enter confirms it (10.00, change 3.88)."""
    b = seed["b"]
    quotes: list[int] = []
    page.on("response", lambda r: quotes.append(r.status) if "/sales-prices/quote" in r.url else None)
    open_counter(page, seed)
    scan(page, b["barcode"])
    box = field(page, "ret-line-discount-0")
    box.fill("10")
    box.press("Enter")
    expect(page.get_by_test_id("ret-line-total-0")).to_have_text("¥6.12")
    expect(page.get_by_test_id("ret-due")).to_have_text("¥6.12")
    page.keyboard.press("F9")
    dialog = page.get_by_test_id("ret-pay-dialog")
    expect(dialog.get_by_test_id("ret-pay-due")).to_have_text("¥6.12")
    amount = field(dialog, "ret-pay-amount")
    expect(amount).to_be_focused()
    page.keyboard.type("10")
    expect(amount).to_have_value("10")
    choose(page, dialog.get_by_test_id("ret-pay-account"), f"ret-pay-account-{ACCOUNT_CODE}")
    expect(dialog.get_by_test_id("ret-pay-change")).to_have_text("¥3.88")
    amount.press("Enter")
    receipt = page.get_by_test_id("ret-receipt-dialog")
    expect(receipt.get_by_test_id("ret-receipt-total")).to_have_text("6.12")
    expect(receipt.get_by_test_id("ret-receipt-change")).to_have_text("3.88")
    assert quotes, "the counter asked for no quote"
    assert all(status == 200 for status in quotes), quotes


def test_the_rest_of_a_discounted_line_is_returned_for_exactly_what_is_left(
    page: Page, api: Api, seed: dict[str, Any]
) -> None:
    """2 × B (13.60) with 0.37 off the ticket: the line carries 13.23. Returning 1 refunds 6.62 (half, rounded
    up); the other then refunds what is left, 6.61, so the two add up to what was paid. The screen asks for
    exactly what the server refunds (it asked 6.62 twice before, and the second return could not be done)."""
    b, wh, account = seed["b"], seed["warehouse"], seed["account"]
    sold = post(
        api,
        "/retail/tickets",
        {
            "warehouse_id": wh["id"],
            "lines": [{"sku_id": b["sku_id"], "unit_id": seed["unit"], "qty": "2"}],
            "discount_amount": "0.37",
            "payments": [{"account_id": account["id"], "amount": "13.23"}],
        },
        201,
    )
    first = sold["lines"][0]["id"]
    post(
        api,
        "/retail/returns",
        {
            "ticket_id": sold["id"],
            "lines": [{"source_line_id": first, "qty": "1"}],
            "payments": [{"account_id": account["id"], "amount": "6.62"}],
        },
        201,
    )
    return_one_in_cash(page, sold["number"], "6.61")
    after = get(api, f"/retail/tickets/{sold['id']}")
    assert Decimal(after["lines"][0]["done_qty"]) == 2


def test_return_by_ticket_number_refunds_in_cash(page: Page, api: Api, seed: dict[str, Any]) -> None:
    """零售退货: a ticket of 3 × B (6.80) sold through the API; 1 is returned by its number, 6.80 refunded in cash;
    the stock comes back and the ticket line shows 1 returned."""
    b, wh, account = seed["b"], seed["warehouse"], seed["account"]
    sold = post(
        api,
        "/retail/tickets",
        {
            "warehouse_id": wh["id"],
            "lines": [{"sku_id": b["sku_id"], "unit_id": seed["unit"], "qty": "3"}],
            "payments": [{"account_id": account["id"], "amount": "20.40"}],
        },
        201,
    )
    stock_b = on_hand(api, wh["id"], b["code"])
    receipt = return_one_in_cash(page, sold["number"], "6.80")
    assert receipt.get_by_test_id("ret-receipt-number").inner_text().strip().startswith("LSTH")
    receipt.get_by_test_id("ret-receipt-next").click()

    assert on_hand(api, wh["id"], b["code"]) == stock_b + 1
    after = get(api, f"/retail/tickets/{sold['id']}")
    assert Decimal(after["lines"][0]["done_qty"]) == 1


def test_reversing_a_ticket_in_a_closed_period_asks_for_an_open_date(
    page: Page, api: Api, seed: dict[str, Any]
) -> None:
    """红冲 of a ticket whose day is already closed (关账): the counter is asked for an open date (the day after
    the closing date) instead of only being told no; the stock comes back."""
    b, wh, account = seed["b"], seed["warehouse"], seed["account"]
    sold = post(
        api,
        "/retail/tickets",
        {
            "warehouse_id": wh["id"],
            "lines": [{"sku_id": b["sku_id"], "unit_id": seed["unit"], "qty": "1"}],
            "payments": [{"account_id": account["id"], "amount": "6.80"}],
        },
        201,
    )
    stock_b = on_hand(api, wh["id"], b["code"])
    ctx, csrf = api

    def close(day: str | None) -> None:
        company = ctx.get("/api/v1/companies/current").json()
        res = ctx.patch(
            "/api/v1/companies/current",
            headers={"X-CSRF-Token": csrf},
            data={"closed_until": day, "version": company["version"]},
        )
        assert res.ok, res.text()

    today = business_today()
    close(today.isoformat())
    try:
        login(page)
        page.get_by_test_id("menu-item-RetailTickets").click()
        page.get_by_test_id(f"ret-row-{sold['number']}").click()
        ticket = page.get_by_test_id("ret-ticket-dialog")
        expect(ticket.get_by_test_id("ret-ticket-number")).to_have_text(sold["number"])
        ticket.get_by_test_id("ret-ticket-reverse").click()
        page.locator(".el-message-box").get_by_role("button", name="确定").click()
        prompt = page.locator(".el-message-box").filter(has_text="红冲日期")
        expect(prompt).to_be_visible()
        expect(prompt).to_contain_text("已关账")
        prompt.locator("input").fill((today + dt.timedelta(days=1)).isoformat())
        prompt.get_by_role("button", name="确定").click()
        expect(ticket.get_by_text("已红冲").first).to_be_visible()
        assert get(api, f"/retail/tickets/{sold['id']}")["status"] == "reversed"
        assert on_hand(api, wh["id"], b["code"]) == stock_b + 1
    finally:
        close(None)


def test_counter_fits_a_phone_screen(page: Page, api: Api, seed: dict[str, Any], screenshots: Path) -> None:
    """At 390×844 the side menu hides behind a menu button, the scanned line shows and the pay dialog's 应收 and
    确认收款 are on screen (the UX walk found them off-screen behind a 208 px side menu and a 560 px dialog)."""
    a = seed["a"]
    page.set_viewport_size({"width": 390, "height": 844})
    page.add_init_script(NO_PRINT)
    login(page)  # a phone lands on the mobile pages; the counter is opened by its address
    page.goto("/retail/counter")
    expect(page.get_by_test_id("ret-counter")).to_be_visible()
    # the side menu is hidden until the menu button opens it; a tap beside it closes it again
    expect(page.get_by_test_id("menu-item-RetailCounter")).not_to_be_in_viewport()
    page.get_by_test_id("nav-toggle").click()
    expect(page.get_by_test_id("menu-item-RetailCounter")).to_be_in_viewport()
    page.get_by_test_id("nav-backdrop").click(position={"x": 370, "y": 400})
    expect(page.get_by_test_id("menu-item-RetailCounter")).not_to_be_in_viewport()
    # the header's names stay on one line
    user = page.get_by_test_id("current-user")
    box = user.bounding_box()
    assert box is not None
    assert box["height"] < 30, box
    choose(page, page.get_by_test_id("ret-warehouse"), f"warehouse-option-{WAREHOUSE_CODE}")

    scan(page, a["barcode"])
    line = page.get_by_test_id("ret-line-0")
    expect(line).to_be_in_viewport()
    expect(line).to_contain_text(a["name"])
    page.screenshot(path=screenshots / "retail-counter-390.png")

    page.get_by_test_id("ret-checkout").click()
    dialog = page.get_by_test_id("ret-pay-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_test_id("ret-pay-due")).to_be_in_viewport()
    expect(dialog.get_by_test_id("ret-pay-due")).to_have_text("¥3.50")
    expect(dialog.get_by_test_id("ret-pay-confirm")).to_be_in_viewport()
    dbox = dialog.bounding_box()
    assert dbox is not None
    assert dbox["x"] >= 0, dbox
    assert dbox["x"] + dbox["width"] <= 390, dbox
    expect(field(dialog, "ret-pay-amount")).to_be_focused()
    page.screenshot(path=screenshots / "retail-pay-390.png")
    choose(page, dialog.get_by_test_id("ret-pay-account"), f"ret-pay-account-{ACCOUNT_CODE}")
    dialog.get_by_test_id("ret-pay-confirm").click()
    expect(page.get_by_test_id("ret-receipt-dialog")).to_be_visible()


def test_receipt_with_a_ticket_discount_adds_up(page: Page, api: Api, seed: dict[str, Any]) -> None:
    """A 2 × 3.50 + 1 × 6.80 ticket with 0.80 off the ticket: the receipt prints each line at qty × price
    (7.00, 6.80), then 合计 13.80 and 整单优惠 −0.80 on lines of their own above 应收合计 13.00."""
    a, b = seed["a"], seed["b"]
    open_counter(page, seed)
    scan(page, a["barcode"])
    scan(page, a["barcode"])
    scan(page, b["barcode"])
    expect(page.get_by_test_id("ret-due")).to_have_text("¥13.80")
    field(page, "ret-discount").fill("0.80")
    field(page, "ret-discount").press("Enter")  # back to the scan box
    expect(page.get_by_test_id("ret-due")).to_have_text("¥13.00")
    pay_cash(page, "13")
    dialog = page.get_by_test_id("ret-pay-dialog")
    expect(dialog.get_by_test_id("ret-pay-due")).to_have_text("¥13.00")
    field(dialog, "ret-pay-amount").press("Enter")  # Enter confirms

    receipt = page.get_by_test_id("ret-receipt-dialog")
    expect(receipt.get_by_test_id("ret-receipt-total")).to_have_text("13.00")
    line0 = receipt.get_by_test_id("ret-receipt-line-0")
    expect(line0).to_contain_text("3.50")
    expect(line0).to_contain_text("7.00")
    line1 = receipt.get_by_test_id("ret-receipt-line-1")
    expect(line1).to_contain_text("6.80")
    expect(receipt.get_by_test_id("ret-receipt-subtotal")).to_contain_text("13.80")
    discount = receipt.get_by_test_id("ret-receipt-discount")
    expect(discount).to_contain_text("整单优惠")
    expect(discount).to_contain_text("0.80")
    # the ticket discount is printed above the total
    d_box, t_box = discount.bounding_box(), receipt.get_by_test_id("ret-receipt-total").bounding_box()
    assert d_box is not None
    assert t_box is not None
    assert d_box["y"] < t_box["y"]
