"""The counter under real parallel load on PostgreSQL (DESIGN §4 invariant 6): 64 clients selling the same
SKU never sell more than is on hand, and every sale that succeeds is whole (stock, cash, number).

Each thread has its own connection and transaction through the service layer, so nothing serialises them but
the ledgers' row locks. On SQLite writers are serialised in-process, so this runs on PostgreSQL only."""

from __future__ import annotations

import os
import threading
from collections import Counter as Tally
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from jxc.finance.integrity import problems as money_problems
from jxc.inventory.integrity import problems as stock_problems
from jxc.inventory.ledger import InsufficientStock
from jxc.sales.models import SalesDoc
from jxc.sales.retail import tickets
from jxc.sales.retail.schemas import TicketWrite
from tests.api.retail.conftest import Counter
from tests.helpers import company_id

pytestmark = [
    pytest.mark.pg_only,
    pytest.mark.skipif(
        not os.environ.get("JXC_TEST_DATABASE_URL"),
        reason="needs PostgreSQL (JXC_TEST_DATABASE_URL): on SQLite writers are serialised in-process",
    ),
]


def test_64_clients_sell_one_unit_each_against_100_on_hand(counter: Counter) -> None:
    """64 clients × 2 one-unit tickets = 128 attempts on 100 units: exactly 100 tickets, 28 refused."""
    db = counter.api.db
    cid = company_id(db)
    body = TicketWrite.model_validate(
        {
            "warehouse_id": counter.p.shop.wh["A"],
            "business_date": "2026-11-20",
            "lines": [
                {"sku_id": counter.p.shop.sku["COLA"], "unit_id": counter.p.shop.units["瓶"], "qty": "1"}
            ],
            "payments": [{"account_id": counter.account["CASH"], "amount": "5"}],
        }
    )
    start = threading.Barrier(64)
    outcomes: Tally[str] = Tally()
    errors: list[BaseException] = []
    lock = threading.Lock()

    def sell(_: int) -> None:
        start.wait(timeout=60)
        for _attempt in range(2):
            try:
                with db.transaction(company_id=cid) as s:
                    tickets.sell(s, body)
                result = "ok"
            except InsufficientStock:
                result = "insufficient_stock"
            except BaseException as e:
                with lock:
                    errors.append(e)
                return
            with lock:
                outcomes[result] += 1

    threads = [threading.Thread(target=sell, args=(i,)) for i in range(64)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert not any(t.is_alive() for t in threads), "a sale hung"
    assert errors == []
    assert outcomes == {"ok": 100, "insufficient_stock": 28}
    assert counter.on_hand("COLA") == 0
    assert counter.cash("CASH") == Decimal("300.00")  # 100 × 3.00; the change went back each time
    with db.transaction(writer=False, company_id=cid) as s:
        numbers = s.execute(
            select(func.count(func.distinct(SalesDoc.number))).where(SalesDoc.kind == "retail")
        )
        assert numbers.scalar_one() == 100
        assert stock_problems(s) + money_problems(s) == []
