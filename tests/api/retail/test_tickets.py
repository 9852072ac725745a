"""零售单: saved and approved at once; prices, promotions, the ticket discount, tenders and change, stock at the
moving average with lots first-expiry-first-out, cost hidden without cost.view, 红冲 — each with numbers worked
out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from jxc.common.models import AuditLog
from jxc.inventory import ledger
from tests.api.retail.conftest import Counter
from tests.helpers import ADMIN_PASSWORD, Api, make_user, problem

D = Decimal


def test_a_sale_posts_stock_money_cost_and_answers_the_receipt(counter: Counter) -> None:
    # Given COLA 100 at 2.00, MILK L-SOON 5 at 3.00 (expires first) and L-LATE 5 at 4.00 (average 3.50).
    t = counter.sell([counter.line("COLA", "2"), counter.line("MILK", "6")], ("CASH", "50"))
    assert t["number"].startswith("LSD-20261120-")
    assert (t["kind"], t["status"], t["business_date"]) == ("retail", "approved", "2026-11-20")
    assert [ln["price"] for ln in t["lines"]] == ["3.000000", "5.000000"]  # the retail price
    assert (t["total_amount"], t["paid_amount"], t["tendered_amount"], t["change_amount"]) == (
        "36.00",
        "36.00",
        "50.00",
        "14.00",
    )
    # Cost: COLA 2 × 2.00; MILK 6 × 3.50 at the moving average. Profit = amount − cost.
    assert [(ln["cost_amount"], ln["profit_amount"]) for ln in t["lines"]] == [
        ("4.00", "2.00"),
        ("21.00", "9.00"),
    ]
    assert (t["cost_amount"], t["profit_amount"]) == ("25.00", "11.00")
    assert t["lines"][1]["lot_no"] == "多批次"  # 5 from L-SOON, then 1 from L-LATE
    assert counter.on_hand("COLA") == 98
    assert counter.on_hand("MILK") == 4
    assert counter.cash("CASH") == D("36.00")  # 50 tendered, 14 change handed back
    receipt = t["receipt"]
    assert receipt["company_name"] == "演示公司"
    assert receipt["warehouse_name"] == "A仓"
    assert receipt["cashier_name"]
    assert receipt["number"] == t["number"]
    assert [(x["name"], x["qty"], x["total"]) for x in receipt["lines"]] == [
        ("可口可乐", "2.0000", "6.00"),
        ("纯牛奶", "6.0000", "30.00"),
    ]
    assert receipt["payments"] == [{"method": "cash", "account_name": "现金", "amount": "50.00"}]
    assert (receipt["tendered"], receipt["change"], receipt["totals"]["total_amount"]) == (
        "50.00",
        "14.00",
        "36.00",
    )
    # What GET answers is what the sale answered.
    again = counter.api.get(f"/retail/tickets/{t['id']}").json()
    for key in ("number", "total_amount", "cost_amount", "profit_amount", "change_amount", "tendered_amount"):
        assert again[key] == t[key], key
    assert [ln["cost_amount"] for ln in again["lines"]] == ["4.00", "21.00"]
    assert again["payments"] == t["payments"]
    by_number = counter.api.get(f"/retail/tickets/by-number/{t['number']}").json()
    assert by_number["id"] == t["id"]
    assert counter.problems() == []


def test_lots_leave_first_expiry_first(counter: Counter) -> None:
    first = counter.sell([counter.line("MILK", "3")], ("CASH", "15"))
    assert (first["lines"][0]["lot_no"], first["change_amount"]) == ("L-SOON", "0.00")
    second = counter.sell([counter.line("MILK", "3")], ("CASH", "15"))
    assert second["lines"][0]["lot_no"] == "多批次"  # the last 2 of L-SOON, then 1 of L-LATE
    third = counter.sell([counter.line("MILK", "4")], ("CASH", "20"))
    assert third["lines"][0]["lot_no"] == "L-LATE"
    problem(
        counter.sell_raw([counter.line("MILK", "1")], counter.pay(("CASH", "5"))), 409, "insufficient_stock"
    )
    assert counter.problems() == []


def test_every_sale_is_audited_once_with_its_final_values(counter: Counter) -> None:
    t = counter.sell([counter.line("COLA", "1")], ("CASH", "3"))
    with counter.api.db.transaction(writer=False, company_id=1) as s:
        entries = list(
            s.execute(
                select(AuditLog).where(
                    AuditLog.object_type == "sales_doc", AuditLog.object_id == str(t["id"])
                )
            ).scalars()
        )
    assert [e.action for e in entries] == ["create"]
    after = entries[0].after or {}
    assert (after["status"], after["number"], after["total_amount"]) == ("approved", t["number"], "3.00")
    assert "cost_amount" not in after  # the model keeps cost out of the audit trail
    reversed_ = counter.api.post(f"/retail/tickets/{t['id']}/reverse")
    assert reversed_.status_code == 200, reversed_.text
    with counter.api.db.transaction(writer=False, company_id=1) as s:
        last = (
            s.execute(
                select(AuditLog)
                .where(AuditLog.object_type == "sales_doc", AuditLog.object_id == str(t["id"]))
                .order_by(AuditLog.id.desc())
            )
            .scalars()
            .first()
        )
    assert last is not None
    assert last.after is not None
    assert last.after["status"] == "reversed"


def test_split_payments_and_change_from_the_cash_tender(counter: Counter) -> None:
    lines = [counter.line("COLA", "2"), counter.line("MILK", "6")]  # 36.00 due
    t = counter.sell(lines, ("WX", "20"), ("CASH", "20"))
    assert (t["tendered_amount"], t["change_amount"]) == ("40.00", "4.00")
    assert [(p["method"], p["amount"]) for p in t["payments"]] == [("wechat", "20.00"), ("cash", "20.00")]
    assert (counter.cash("WX"), counter.cash("CASH")) == (D("20.00"), D("16.00"))
    # Change comes out of the last cash tender first: 45 tendered for 6.00 → 9.00 change: 5 → 0, 30 → 26.
    counter.sell([counter.line("COLA", "2")], ("CARD", "1"), ("CASH", "9"), ("CASH", "5"))
    assert counter.cash("CARD") == D("1.00")
    assert counter.cash("CASH") == D("16.00") + D("5.00")
    # Exactly the due by card: no change.
    t = counter.sell([counter.line("COLA", "1")], ("CARD", "3.00"))
    assert t["change_amount"] == "0.00"
    assert counter.problems() == []


def test_tender_rules(counter: Counter) -> None:
    lines = [counter.line("COLA", "2")]  # 6.00 due
    body = problem(counter.sell_raw(lines, counter.pay(("CASH", "5.99"))), 422, "tender_insufficient")
    assert body["errors"][0]["field"] == "payments"
    problem(counter.sell_raw(lines, []), 422, "tender_insufficient")
    body = problem(counter.sell_raw(lines, counter.pay(("WX", "10"))), 422, "tender_invalid")
    assert body["errors"][0]["field"] == "payments.0.amount"  # only cash gives change
    body = problem(counter.sell_raw(lines, counter.pay(("CASH", "5"), ("WX", "6.01"))), 422, "tender_invalid")
    assert [e["field"] for e in body["errors"]] == ["payments.1.amount"]
    bad = [{"account_id": 9999, "amount": "6"}]
    body = problem(counter.sell_raw(lines, bad), 422, "tender_invalid")
    assert body["errors"][0]["field"] == "payments.0.account_id"
    problem(
        counter.sell_raw(lines, [{"account_id": counter.account["CASH"], "amount": "0"}]),
        422,
        "validation_failed",
    )
    assert counter.on_hand("COLA") == 100
    assert counter.cash("CASH") == 0


def test_an_unpriced_item_needs_a_typed_price(counter: Counter) -> None:
    counter.p.shop.product("GUM", "口香糖")
    counter.p.shop.post("opening", [counter.p.shop.line("GUM", "5", "0.50")], day="2026-11-01")
    body = problem(
        counter.sell_raw([counter.line("GUM", "1")], counter.pay(("CASH", "1"))), 422, "invalid_lines"
    )
    assert (body["errors"][0]["field"], body["errors"][0]["code"]) == ("lines.0.price", "price_required")
    t = counter.sell([counter.line("GUM", "1", "1.00")], ("CASH", "1"))
    assert t["total_amount"] == "1.00"


def test_line_discount_and_ticket_discount(counter: Counter) -> None:
    body = problem(
        counter.sell_raw([counter.line("COLA", "1", discount_rate="100.01")], counter.pay(("CASH", "3"))),
        422,
        "invalid_lines",
    )
    assert body["errors"][0] == body["errors"][0] | {
        "field": "lines.0.discount_rate",
        "code": "discount_invalid",
    }
    # 10 % off COLA: 2 × 2.70 = 5.40; MILK 6 × 5.00 = 30.00; 3.54 off the ticket spread 0.54 / 3.00.
    lines = [counter.line("COLA", "2", discount_rate="10"), counter.line("MILK", "6")]
    t = counter.sell(lines, ("CASH", "31.86"), discount_amount="3.54")
    assert [(ln["net_price"], ln["total"]) for ln in t["lines"]] == [
        ("2.700000", "4.86"),
        ("5.000000", "27.00"),
    ]
    assert (t["discount_amount"], t["total_amount"], t["receipt"]["totals"]["discount_amount"]) == (
        "3.54",
        "31.86",
        "3.54",
    )
    assert t["receipt"]["totals"]["saved_amount"] == "4.14"  # 36.00 at list price
    body = problem(
        counter.sell_raw(lines, counter.pay(("CASH", "40")), discount_amount="35.41"),
        422,
        "retail_discount_invalid",
    )
    assert body["errors"][0]["field"] == "discount_amount"


def test_minimum_price_needs_the_override(counter: Counter, client) -> None:  # type: ignore[no-untyped-def]
    make_user(counter.api.db, "cashier", ["retail.sell"])
    make_user(counter.api.db, "lead", ["retail.sell", "sales.price.override"])
    cashier, lead = Api(client, counter.api.db), Api(client, counter.api.db)
    cashier.login("cashier")
    low = [counter.line("COLA", "1", "1.50")]  # min price 2.00
    body = problem(counter.sell_raw(low, counter.pay(("CASH", "1.50")), api=cashier), 422, "invalid_lines")
    assert body["errors"][0]["code"] == "price_below_min"
    assert (
        counter.sell_raw(
            [counter.line("COLA", "1", "2.00")], counter.pay(("CASH", "2")), api=cashier
        ).status_code
        == 201
    )
    lead.login("lead")
    r = counter.sell_raw(low, counter.pay(("CASH", "1.50")), api=lead)
    assert r.status_code == 201, r.text
    assert r.json()["lines"][0]["below_min_price"] is True


def test_member_price_and_promotions_always_apply(counter: Counter) -> None:
    t = counter.sell([counter.line("COLA", "1")], ("CASH", "2.80"), customer_id=counter.p.partner["C1"])
    assert (t["lines"][0]["price"], t["customer_name"], t["receipt"]["member_name"]) == (
        "2.800000",
        "张三（会员）",
        "张三（会员）",
    )
    promo = counter.p.add_promo("percent_off", name="周末", skus={"COLA": None}, percent_off="10")
    # Even a typed price gets the promotion at the counter; the line keeps the price before it.
    t = counter.sell([counter.line("COLA", "2", "3.00")], ("CASH", "5.40"))
    line = t["lines"][0]
    assert (line["list_price"], line["price"], line["promotion_id"], line["promotion_text"]) == (
        "3.000000",
        "2.700000",
        promo,
        "周末（9折）",
    )
    assert t["receipt"]["lines"][0]["promotion_text"] == "周末（9折）"
    bogo = counter.p.add_promo("buy_n_get_m", name="买二送一", skus={"MILK": None}, buy="2", free="1")
    t = counter.sell([counter.line("MILK", "4")], ("CASH", "20"))
    assert [(ln["qty"], ln["price"], ln["total"], ln["promotion_id"]) for ln in t["lines"]] == [
        ("4.0000", "5.000000", "20.00", bogo),
        ("2.0000", "0.000000", "0.00", bogo),
    ]
    assert counter.on_hand("MILK") == 4  # 4 sold and 2 given away
    assert counter.problems() == []


def test_insufficient_stock_names_the_line_and_respects_reservations(counter: Counter) -> None:
    body = problem(
        counter.sell_raw(
            [counter.line("MILK", "1"), counter.line("COLA", "101")], counter.pay(("CASH", "400"))
        ),
        409,
        "insufficient_stock",
    )
    assert [e["field"] for e in body["errors"]] == ["lines.1.qty"]
    # 95 of the 100 are reserved by confirmed orders: only 5 are available to the counter.
    with counter.api.db.transaction(company_id=1) as s:
        ledger.change_reserved(s, [(counter.p.shop.sku["COLA"], counter.p.shop.wh["A"], D(95))])
    problem(
        counter.sell_raw([counter.line("COLA", "6")], counter.pay(("CASH", "18"))), 409, "insufficient_stock"
    )
    counter.sell([counter.line("COLA", "5")], ("CASH", "15"))
    assert counter.on_hand("COLA") == 95
    assert counter.cash("CASH") == D("15.00")


def test_a_ticket_that_prices_otherwise_than_the_till_showed_is_refused(counter: Counter) -> None:
    # COLA at 3.00 with a 10 % line discount: 2.70 due. A till that missed a price change and showed 3.00 took
    # payment for 3.00: the sale is refused (409, nothing written) rather than sold at an amount nobody saw.
    line = counter.line("COLA", "1") | {"discount_rate": "10"}
    body = problem(
        counter.sell_raw([line], counter.pay(("CASH", "3.00")), expected_total="3.00"),
        409,
        "ticket_total_changed",
    )
    assert "2.70" in body["detail"]
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("expected_total", "ticket_total_changed")]
    assert counter.on_hand("COLA") == 100
    assert counter.cash("CASH") == 0
    t = counter.sell([line], ("CASH", "3.00"), expected_total="2.70")
    assert (t["total_amount"], t["change_amount"]) == ("2.70", "0.30")
    assert counter.on_hand("COLA") == 99


def test_a_sale_locks_and_reads_its_balances_once(counter: Counter, monkeypatch: pytest.MonkeyPatch) -> None:
    # The availability check hands the rows it locked to the posting, which would otherwise read them again;
    # the figures are those of a posting that read them itself.
    from jxc.inventory import locks
    from jxc.sales.retail import tickets

    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return locks.lock_balances(*args, **kwargs)

    monkeypatch.setattr(tickets, "lock_balances", counted)
    monkeypatch.setattr(ledger, "lock_balances", counted)
    t = counter.sell(
        [counter.line("COLA", "2"), counter.line("MILK", "6"), counter.line("COLA", "1")], ("CASH", "60")
    )
    assert len(calls) == 1
    assert [ln["cost_amount"] for ln in t["lines"]] == ["4.00", "21.00", "2.00"]
    assert counter.on_hand("COLA") == 97
    assert counter.on_hand("MILK") == 4
    assert counter.problems() == []
    # Rows locked for other pairs than the moves' are not taken for them.
    calls.clear()
    monkeypatch.setattr(ledger, "lock_balances", counted)
    with counter.api.db.transaction(company_id=1) as s:
        cola, wh = counter.p.shop.sku["COLA"], counter.p.shop.wh["A"]
        other = locks.lock_balances(s, [(counter.p.shop.sku["MILK"], wh)], date(2026, 11, 20))
        ref = ledger.DocRef("other_out", 999, "X-1", date(2026, 11, 20))
        ledger.post(s, ref, [ledger.Move(cola, wh, D(-1), "other_out")], other)
    assert len(calls) == 1
    assert counter.on_hand("COLA") == 96


def test_cost_is_hidden_without_cost_view(counter: Counter, client) -> None:  # type: ignore[no-untyped-def]
    shop = counter.p.shop
    shop.product("TEA", "绿茶")
    shop.post("opening", [shop.line("TEA", "10", "7.77")], day="2026-11-01")  # a sentinel cost
    counter.p.set_prices("TEA", retail_price="9.99")  # profit 2.22: another sentinel
    make_user(counter.api.db, "cashier", ["retail.sell", "retail.view", "retail.export", "retail.return"])
    cashier = Api(client, counter.api.db)
    cashier.login("cashier")
    r = counter.sell_raw([counter.line("TEA", "1")], counter.pay(("CASH", "10")), api=cashier)
    assert r.status_code == 201, r.text
    t = r.json()
    answers = [
        r.text,
        cashier.get(f"/retail/tickets/{t['id']}").text,
        cashier.get("/retail/tickets").text,
        cashier.get("/retail/tickets", params={"format": "csv"}).text,
    ]
    ret = cashier.post(
        "/retail/returns",
        {
            "ticket_id": t["id"],
            "lines": [{"source_line_id": t["lines"][0]["id"], "qty": "1"}],
            "payments": counter.pay(("CASH", "9.99")),
        },
    )
    assert ret.status_code == 201, ret.text
    answers += [ret.text, cashier.get("/retail/returns").text]
    for text in answers:
        assert "7.77" not in text, text
        assert "2.22" not in text, text
        assert "cost_amount" not in text
        assert "profit_amount" not in text
    assert "cost_amount" not in t["lines"][0]
    # The admin sees them.
    counter.api.login("admin", ADMIN_PASSWORD)
    mine = counter.api.get(f"/retail/tickets/{t['id']}").json()
    assert (mine["cost_amount"], mine["profit_amount"]) == ("7.77", "2.22")
    assert "7.77" in counter.api.get("/retail/tickets", params={"format": "csv"}).text


def test_permissions_are_checked_before_and_granted_after(counter: Counter, client) -> None:  # type: ignore[no-untyped-def]
    make_user(counter.api.db, "viewer", ["retail.view"])
    viewer = Api(client, counter.api.db)
    t = counter.sell([counter.line("COLA", "1")], ("CASH", "3"))
    viewer.login("viewer")
    problem(
        counter.sell_raw([counter.line("COLA", "1")], counter.pay(("CASH", "3")), api=viewer),
        403,
        "permission_denied",
    )
    assert viewer.get(f"/retail/tickets/{t['id']}").status_code == 200
    problem(viewer.post(f"/retail/tickets/{t['id']}/reverse"), 403, "permission_denied")
    problem(viewer.get("/retail/tickets", params={"format": "xlsx"}), 403, "permission_denied")
    problem(
        viewer.post(
            "/retail/returns",
            {"ticket_id": t["id"], "lines": [{"source_line_id": t["lines"][0]["id"], "qty": "1"}]},
        ),
        403,
        "permission_denied",
    )


def test_another_companys_tickets_are_out_of_reach(counter: Counter) -> None:
    t = counter.sell([counter.line("COLA", "1")], ("CASH", "3"))
    api = counter.api
    other = api.post("/companies", {"name": "乙公司", "start_date": "2026-11-01"}).json()["id"]
    assert api.post("/auth/switch-company", {"company_id": other}).status_code == 200
    problem(api.get(f"/retail/tickets/{t['id']}"), 404, "ticket_not_found")
    problem(api.get(f"/retail/tickets/by-number/{t['number']}"), 404, "ticket_not_found")
    assert api.get("/retail/tickets").json()["total"] == 0
    problem(api.post(f"/retail/tickets/{t['id']}/reverse"), 404, "ticket_not_found")
    body = {
        "ticket_id": t["id"],
        "lines": [{"source_line_id": t["lines"][0]["id"], "qty": "1"}],
        "payments": [],
    }
    problem(api.post("/retail/returns", body), 404, "ticket_not_found")
    r = counter.sell_raw([counter.line("COLA", "1")], counter.pay(("CASH", "3")))
    assert r.status_code in (404, 422), r.text  # company 1's warehouse, SKU and account are unknown here


def test_reverse_undoes_stock_and_money_once(counter: Counter) -> None:
    t = counter.sell([counter.line("COLA", "2"), counter.line("MILK", "6")], ("WX", "30"), ("CASH", "10"))
    r = counter.api.post(f"/retail/tickets/{t['id']}/reverse")
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["reversed_by_name"] is not None) == ("reversed", True)
    assert counter.on_hand("COLA") == 100
    assert counter.on_hand("MILK") == 10
    assert counter.cash("WX") == 0
    assert counter.cash("CASH") == 0
    problem(counter.api.post(f"/retail/tickets/{t['id']}/reverse"), 409, "invalid_transition")
    assert counter.problems() == []


def test_list_filters(counter: Counter) -> None:
    a = counter.sell([counter.line("COLA", "1")], ("CASH", "3"), remark="早班")
    counter.sell([counter.line("COLA", "1")], ("CASH", "3"), business_date="2026-11-21")
    r = counter.api.get("/retail/tickets", params={"date_from": "2026-11-21"}).json()
    assert r["total"] == 1
    r = counter.api.get("/retail/tickets", params={"q": "早班"}).json()
    assert [x["id"] for x in r["items"]] == [a["id"]]
    assert counter.api.get("/retail/tickets").json()["total"] == 2
    xlsx = counter.api.get("/retail/tickets", params={"format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_a_cashier_sells_and_sees_only_in_their_warehouses(counter: Counter, client) -> None:  # type: ignore[no-untyped-def]
    shop = counter.p.shop
    shop.post("opening", [shop.line("COLA", "10", "2.00")], day="2026-11-01", wh="B")
    a = counter.sell([counter.line("COLA", "1")], ("CASH", "3"))
    make_user(counter.api.db, "b-cashier", ["retail.sell", "retail.view"], warehouses=[shop.wh["B"]])
    cashier = Api(client, counter.api.db)
    cashier.login("b-cashier")
    problem(
        counter.sell_raw([counter.line("COLA", "1")], counter.pay(("CASH", "3")), api=cashier),
        403,
        "warehouse_out_of_scope",
    )
    body = {"warehouse_id": shop.wh["B"], "business_date": "2026-11-20", "lines": [counter.line("COLA", "1")]}
    r = cashier.post("/retail/tickets", body | {"payments": counter.pay(("CASH", "3"))})
    assert r.status_code == 201, r.text
    assert [t["id"] for t in cashier.get("/retail/tickets").json()["items"]] == [r.json()["id"]]
    problem(cashier.get(f"/retail/tickets/{a['id']}"), 403, "warehouse_out_of_scope")


def test_the_same_idempotency_key_sells_once(counter: Counter) -> None:
    body = {
        "warehouse_id": counter.p.shop.wh["A"],
        "business_date": "2026-11-20",
        "lines": [counter.line("COLA", "1")],
        "payments": counter.pay(("CASH", "3")),
    }
    first = counter.api.post("/retail/tickets", body, headers={"Idempotency-Key": "till-1-0001"})
    again = counter.api.post("/retail/tickets", body, headers={"Idempotency-Key": "till-1-0001"})
    assert first.status_code == again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert first.json()["number"] == again.json()["number"]
    assert counter.on_hand("COLA") == 99
    assert counter.api.get("/retail/tickets").json()["total"] == 1


def test_a_price_list_for_the_members_level_prices_the_counter(counter: Counter) -> None:
    api = counter.api
    body = {
        "name": "会员日",
        "price_level_id": counter.p.level["VIP"],
        "date_from": "2026-11-20",
        "date_to": "2026-11-20",
        "items": [
            {"sku_id": counter.p.shop.sku["COLA"], "unit_id": counter.p.shop.units["瓶"], "price": "2.50"}
        ],
    }
    assert api.post("/price-lists", body).status_code == 201
    member = counter.sell([counter.line("COLA", "1")], ("CASH", "2.50"), customer_id=counter.p.partner["C1"])
    assert member["lines"][0]["price"] == "2.500000"
    walk_in = counter.sell([counter.line("COLA", "1")], ("CASH", "3"))
    assert walk_in["lines"][0]["price"] == "3.000000"
    next_day = counter.sell(
        [counter.line("COLA", "1")],
        ("CASH", "2.80"),
        customer_id=counter.p.partner["C1"],
        business_date="2026-11-21",
    )
    assert next_day["lines"][0]["price"] == "2.800000"  # the list ended: the level price again
