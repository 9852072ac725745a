"""64 clients approving one-unit orders at the same moment against 100 available units never over-reserve
(PostgreSQL only: on SQLite writers are serialised in-process). Each thread is its own HTTP client with its
own session and database connection, so only the stock balance row locks stand between them."""

from __future__ import annotations

import os
import threading
from collections import Counter
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from tests.api.sales.conftest import PATHS, Seller
from tests.helpers import ADMIN_PASSWORD, Api

pytestmark = [
    pytest.mark.pg_only,
    pytest.mark.skipif(not os.environ.get("JXC_TEST_DATABASE_URL"), reason="needs PostgreSQL"),
]

CLIENTS = 64
ORDERS_EACH = 2  # 128 one-unit orders for 100 units


def test_64_clients_approving_orders_against_100_units(seller: Seller) -> None:
    assert seller.qty("COLA") == 100
    drafts = [seller.draft("order", [seller.line("COLA", "1")])["id"] for _ in range(CLIENTS * ORDERS_EACH)]
    app = seller.api.client.app
    clients = []
    for _ in range(CLIENTS):
        api = Api(TestClient(app, base_url="http://127.0.0.1"), seller.api.db)
        assert api.login("admin", ADMIN_PASSWORD).status_code == 200
        clients.append(api)
    start = threading.Barrier(CLIENTS)
    outcomes: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    errors: list[BaseException] = []
    lock = threading.Lock()

    def approve(n: int) -> None:
        try:
            start.wait(timeout=60)
            for doc_id in drafts[n * ORDERS_EACH : (n + 1) * ORDERS_EACH]:
                r = clients[n].post(f"{PATHS['order']}/{doc_id}/approve")
                with lock:
                    statuses[r.status_code] += 1
                    outcomes["approved" if r.status_code == 200 else r.json().get("code", "?")] += 1
        except BaseException as e:
            with lock:
                errors.append(e)

    threads = [threading.Thread(target=approve, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    assert not [s for s in statuses if s >= 500], statuses
    assert outcomes == {"approved": 100, "insufficient_stock": CLIENTS * ORDERS_EACH - 100}
    assert seller.qty("COLA", "reserved") == 100
    assert seller.qty("COLA") == 100
    r = seller.api.get(PATHS["order"], params={"status": "approved", "page_size": 200})
    assert r.json()["total"] == 100
    assert sum(Decimal(d["total_qty"]) for d in r.json()["items"]) == 100
    assert seller.problems() == []
