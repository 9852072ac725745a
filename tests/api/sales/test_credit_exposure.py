"""Credit exposure counts what approved orders have yet to deliver: two orders that each fit cannot together
pass the limit, a delivery from an order is not counted twice, and a closed order stops counting. On
PostgreSQL, parallel approvals for one customer check one after another (the customer's row is locked)."""

from __future__ import annotations

import os
import threading
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from tests.api.sales.conftest import PATHS, Seller
from tests.api.sales.test_access import CLERK
from tests.helpers import Api, make_user, problem


def _limit(seller: Seller, amount: str, mode: str = "warn") -> None:
    p = seller.api.get(f"/partners/{seller.partner['C1']}").json()
    r = seller.api.patch(
        f"/partners/{seller.partner['C1']}",
        {"credit_limit": amount, "payment_terms_days": 30, "version": p["version"]},
    )
    assert r.status_code == 200, r.text
    seller.settings(credit_control=mode)


def _clerk(seller: Seller) -> Api:
    make_user(seller.api.db, "clerk", CLERK)
    clerk = Api(TestClient(seller.api.client.app, base_url="http://127.0.0.1"), seller.api.db)
    assert clerk.login("clerk").status_code == 200
    return clerk


def test_a_second_order_that_fits_alone_warns_while_the_first_is_open(seller: Seller) -> None:
    _limit(seller, "100.00")
    first = seller.post("order", [seller.line("COLA", "12")])  # 60
    assert first["credit_warning"] == ""
    second = seller.post("order", [seller.line("COLA", "10")])  # 50: 60 open + 50 > 100
    assert "60.00" in second["credit_warning"]
    record = seller.api.get(f"/customers/{seller.partner['C1']}/sales-record").json()
    assert record["open_orders"] == "110.00"
    # Closing the first order (强制结单) releases its exposure with its reservation: 50 open + 40.
    assert seller.act("order", first["id"], "close").status_code == 200
    assert seller.post("order", [seller.line("COLA", "8")])["credit_warning"] == ""


def test_refused_with_the_open_orders_named(seller: Seller) -> None:
    _limit(seller, "100.00", "refuse")
    seller.post("order", [seller.line("COLA", "12")])  # 60
    second = seller.draft("order", [seller.line("COLA", "10")])
    r = _clerk(seller).post(f"{PATHS['order']}/{second['id']}/approve")
    problem(r, 409, "credit_limit_exceeded")
    assert r.json()["errors"][0]["open_orders"] == "60.00"
    assert "60.00" in r.json()["errors"][0]["message"]
    assert seller.qty("COLA", "reserved") == 12


def test_delivering_an_order_counts_it_once(seller: Seller) -> None:
    _limit(seller, "100.00")
    order = seller.post("order", [seller.line("COLA", "16")])  # 80
    part = seller.draft("delivery", [seller.line("COLA", "10", source_line_id=order["lines"][0]["id"])])
    r = seller.act("delivery", part["id"], "approve")  # 50 receivable + 30 still open = 80
    assert r.status_code == 200, r.text
    assert r.json()["credit_warning"] == ""
    assert seller.receivable() == 50
    rest = seller.draft("delivery", [seller.line("COLA", "6", source_line_id=order["lines"][0]["id"])])
    r = seller.act("delivery", rest["id"], "approve")  # 50 + 30 = 80
    assert r.json()["credit_warning"] == ""
    # Fully delivered, the order no longer counts: 80 owed, 20 left.
    assert seller.post("order", [seller.line("COLA", "4")])["credit_warning"] == ""
    assert seller.post("order", [seller.line("COLA", "1")])["credit_warning"] != ""  # 80 + 20 + 5
    assert seller.problems() == []


@pytest.mark.pg_only
@pytest.mark.skipif(not os.environ.get("JXC_TEST_DATABASE_URL"), reason="needs PostgreSQL")
def test_parallel_approvals_for_one_customer_respect_the_limit(seller: Seller) -> None:
    _limit(seller, "100.00", "refuse")
    drafts = [seller.draft("order", [seller.line("COLA", "2")])["id"] for _ in range(16)]  # 10 each
    make_user(seller.api.db, "clerk", CLERK)
    app = seller.api.client.app
    clients = []
    for _ in drafts:
        api = Api(TestClient(app, base_url="http://127.0.0.1"), seller.api.db)
        assert api.login("clerk").status_code == 200
        clients.append(api)
    start = threading.Barrier(len(drafts))
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def approve(n: int) -> None:
        start.wait(timeout=60)
        r = clients[n].post(f"{PATHS['order']}/{drafts[n]}/approve")
        with lock:
            outcomes["approved" if r.status_code == 200 else r.json().get("code", str(r.status_code))] += 1

    threads = [threading.Thread(target=approve, args=(n,)) for n in range(len(drafts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert outcomes == {"approved": 10, "credit_limit_exceeded": 6}
    assert seller.qty("COLA", "reserved") == 20
