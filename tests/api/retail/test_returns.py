"""零售退货: by ticket line, at most what was sold less what was returned; the refund is the returned units'
share of what the line was paid (ticket discount included) and must be paid out exactly; stock comes back at
the cost it left with."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.api.retail.conftest import Counter
from tests.helpers import problem

D = Decimal


def _return(
    counter: Counter, ticket: dict[str, Any], items: list[tuple[int, str]], *tenders: tuple[str, str]
) -> Any:
    body = {
        "ticket_id": ticket["id"],
        "business_date": "2026-11-21",
        "lines": [{"source_line_id": ticket["lines"][i]["id"], "qty": q} for i, q in items],
        "payments": counter.pay(*tenders),
    }
    return counter.api.post("/retail/returns", body)


def test_partial_returns_refund_the_paid_share_and_never_more_than_sold(counter: Counter) -> None:
    # COLA 3 × 3.00 = 9.00 and MILK 2 × 5.00 = 10.00; 1.90 off the ticket: 0.90 / 1.00 → 8.10 and 9.00.
    t = counter.sell(
        [counter.line("COLA", "3"), counter.line("MILK", "2")],
        ("WX", "12"),
        ("CASH", "5.10"),
        discount_amount="1.90",
    )
    assert [ln["total"] for ln in t["lines"]] == ["8.10", "9.00"]
    problem(_return(counter, t, [(0, "1")], ("CASH", "2.71")), 422, "tender_invalid")  # 2.70 is due
    r = _return(counter, t, [(0, "1")], ("CASH", "2.70"))
    assert r.status_code == 201, r.text
    first = r.json()
    assert first["number"].startswith("LSTH-20261121-")
    assert first["kind"] == "retail_return"
    assert (first["total_amount"], first["cost_amount"], first["profit_amount"]) == ("2.70", "2.00", "0.70")
    assert first["lines"][0]["source_number"] == t["number"]
    assert first["sources"] == [{"id": t["id"], "number": t["number"], "kind": "retail"}]
    # 2 left on the COLA line: 3 is too many, also when asked in two lines of one return.
    body = problem(_return(counter, t, [(0, "3")], ("CASH", "8.10")), 409, "return_exceeds_sold")
    assert body["errors"][0]["field"] == "lines.0.qty"
    body = problem(_return(counter, t, [(0, "1"), (0, "2")], ("CASH", "8.10")), 409, "return_exceeds_sold")
    assert [e["field"] for e in body["errors"]] == ["lines.1.qty"]
    # The rest: refunds add up to exactly what the line was paid (2.70 + 5.40 = 8.10).
    r = _return(counter, t, [(0, "2"), (1, "2")], ("WX", "12.00"), ("CASH", "2.40"))
    assert r.status_code == 201, r.text
    assert [ln["total"] for ln in r.json()["lines"]] == ["5.40", "9.00"]
    problem(_return(counter, t, [(1, "1")], ("CASH", "4.50")), 409, "return_exceeds_sold")
    ticket = counter.api.get(f"/retail/tickets/{t['id']}").json()
    assert [ln["done_qty"] for ln in ticket["lines"]] == ["3.0000", "2.0000"]
    assert [ln["remaining_qty"] for ln in ticket["lines"]] == ["0.0000", "0.0000"]
    assert [f["kind"] for f in ticket["followers"]] == ["retail_return", "retail_return"]
    assert counter.on_hand("COLA") == 100
    assert counter.on_hand("MILK") == 10
    assert counter.cash("CASH") == counter.cash("WX") == 0  # everything paid back
    assert counter.problems() == []


def test_stock_comes_back_at_the_cost_it_left_with(counter: Counter) -> None:
    t = counter.sell([counter.line("COLA", "4")], ("CASH", "12"))  # out at 2.00
    shop = counter.p.shop
    shop.post("opening", [shop.line("COLA", "100", "4.00")], day="2026-11-20")  # average now 3.00
    r = _return(counter, t, [(0, "4")], ("CASH", "12.00"))
    assert r.status_code == 201, r.text
    assert r.json()["cost_amount"] == "8.00"
    on_hand, value = shop.balance("COLA")
    assert (D(on_hand), D(value)) == (D(200), D("600.00"))  # 96 × 2.00 + 100 × 4.00 + 4 × 2.00
    assert counter.problems() == []


def test_a_ticket_with_a_return_is_not_reversed_and_a_reversed_ticket_takes_no_return(
    counter: Counter,
) -> None:
    t = counter.sell([counter.line("COLA", "2")], ("CASH", "6"))
    assert _return(counter, t, [(0, "1")], ("CASH", "3.00")).status_code == 201
    problem(counter.api.post(f"/retail/tickets/{t['id']}/reverse"), 409, "ticket_has_returns")
    other = counter.sell([counter.line("COLA", "2")], ("CASH", "6"))
    assert counter.api.post(f"/retail/tickets/{other['id']}/reverse").status_code == 200
    problem(_return(counter, other, [(0, "1")], ("CASH", "3.00")), 409, "invalid_transition")


def test_lines_of_another_ticket_are_refused(counter: Counter) -> None:
    a = counter.sell([counter.line("COLA", "1")], ("CASH", "3"))
    b = counter.sell([counter.line("COLA", "1")], ("CASH", "3"))
    body = {
        "ticket_id": a["id"],
        "lines": [{"source_line_id": b["lines"][0]["id"], "qty": "1"}],
        "payments": counter.pay(("CASH", "3")),
    }
    err = problem(counter.api.post("/retail/returns", body), 422, "ticket_line_invalid")
    assert err["errors"][0]["field"] == "lines.0.source_line_id"
    lot = counter.sell([counter.line("MILK", "3")], ("CASH", "15"))  # from L-SOON
    r = _return(counter, lot, [(0, "1")], ("CASH", "5.00"))
    assert r.status_code == 201, r.text
    assert r.json()["lines"][0]["lot_no"] == "L-SOON"
    assert counter.problems() == []


def _lots(counter: Counter) -> dict[str, tuple[str, str]]:
    r = counter.api.get("/stock-balances", params={"q": "MILK", "nonzero": "false", "by_lot": "true"})
    assert r.status_code == 200, r.text
    return {b["lot_no"]: (b["on_hand"], b["value"]) for b in r.json()["items"]}


def test_a_line_that_left_from_two_lots_comes_back_into_both_at_their_costs(counter: Counter) -> None:
    # MILK: L-SOON 5 and L-LATE 5, 35.00 in all (3.50 average). 7 leave at 24.50: 5 from L-SOON, then 2
    # from L-LATE.
    t = counter.sell([counter.line("MILK", "7")], ("CASH", "35"))
    assert t["lines"][0]["lot_no"] == "多批次"
    assert t["lines"][0]["cost_amount"] == "24.50"
    assert {k: D(v[0]) for k, v in _lots(counter).items()} == {"L-SOON": 0, "L-LATE": 3}
    first = _return(counter, t, [(0, "6")], ("CASH", "30.00"))
    assert first.status_code == 201, first.text
    # Back in the order they left: 5 into L-SOON, then 1 into L-LATE, at the cost they left with.
    assert {k: D(v[0]) for k, v in _lots(counter).items()} == {"L-SOON": 5, "L-LATE": 4}
    assert first.json()["lines"][0]["cost_amount"] == "21.00"
    assert first.json()["lines"][0]["lot_no"] == "多批次"
    last = _return(counter, t, [(0, "1")], ("CASH", "5.00"))
    assert last.status_code == 201, last.text
    assert {k: D(v[0]) for k, v in _lots(counter).items()} == {"L-SOON": 5, "L-LATE": 5}
    # Returned in full, the line brought back exactly what it took.
    assert D(last.json()["lines"][0]["cost_amount"]) + D("21.00") == D("24.50")
    assert sum(D(v[1]) for v in _lots(counter).values()) == D("35.00")
    assert counter.problems() == []
