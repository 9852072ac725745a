"""Real parallel postings on PostgreSQL (reliability.md R1 and R7, DESIGN §4 invariant 6).

Each thread has its own connection and transaction through the service layer (db.transaction +
documents.create / approve), so nothing serialises them but the ledger's row locks (inventory.locks).
On SQLite the Database serialises writers with an in-process lock, so these tests only run on PostgreSQL.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from jxc.inventory import documents
from jxc.inventory.doc_schemas import StockDocWrite
from jxc.inventory.integrity import problems
from jxc.inventory.ledger import InsufficientStock
from jxc.inventory.stock_models import StockBalance
from tests.api.inventory.conftest import Shop
from tests.helpers import company_id

pytestmark = [
    pytest.mark.pg_only,
    pytest.mark.skipif(
        not os.environ.get("JXC_TEST_DATABASE_URL"),
        reason="needs PostgreSQL (JXC_TEST_DATABASE_URL): on SQLite writers are serialised in-process",
    ),
]

DAY = "2026-11-20"
STRESS_SECONDS = float(os.environ.get("JXC_STRESS_SECONDS", "15"))


def _body(shop: Shop, wh: str, lines: list[tuple[int, int, str | None]], **extra: Any) -> StockDocWrite:
    return StockDocWrite.model_validate(
        {
            "business_date": DAY,
            "warehouse_id": shop.wh[wh],
            "lines": [
                {"sku_id": sku, "unit_id": shop.units["瓶"], "qty": str(qty)}
                | ({"unit_cost": cost} if cost else {})
                for sku, qty, cost in lines
            ],
            **extra,
        }
    )


def _run_threads(n: int, target: Any) -> None:
    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert not any(t.is_alive() for t in threads), "a posting thread hung"


def _check(shop: Shop, cid: int) -> None:
    with shop.api.db.transaction(writer=False, company_id=cid) as s:
        assert problems(s) == []


def test_32_takers_of_20_units(shop: Shop) -> None:
    """R1: 32 parallel one-unit issues against 20 in stock: exactly 20 succeed, 12 are refused."""
    db = shop.api.db
    cid = company_id(db)
    shop.post("opening", [shop.line("COLA", "20", "2.50")], day="2026-11-01")
    sku = shop.sku["COLA"]
    start = threading.Barrier(32)
    outcomes: Counter[str] = Counter()
    errors: list[BaseException] = []
    lock = threading.Lock()

    def take(i: int) -> None:
        try:
            with db.transaction(company_id=cid) as s:
                doc = documents.create(s, "other_out", _body(shop, "A", [(sku, 1, None)], reason="loss"))
            start.wait(timeout=60)
            with db.transaction(company_id=cid) as s:
                documents.approve(s, "other_out", doc.id)
            result = "ok"
        except InsufficientStock:
            result = "insufficient_stock"
        except BaseException as e:
            with lock:
                errors.append(e)
            return
        with lock:
            outcomes[result] += 1

    _run_threads(32, take)
    assert errors == []
    assert outcomes == {"ok": 20, "insufficient_stock": 12}
    assert shop.balance("COLA") == ("0.0000", "0.00")
    _check(shop, cid)


def test_overlapping_multi_line_documents_never_deadlock(shop: Shop) -> None:
    """R7: 6 threads post 3–5-line transfers, issues and receipts over 8 shared SKUs, lines in random order,
    for JXC_STRESS_SECONDS: no deadlock or serialization error reaches a caller, no other error, and the
    ledger stays consistent. Balance rows of warehouse B are created under contention."""
    db = shop.api.db
    cid = company_id(db)
    skus = [shop.product(f"S{i}", f"压测{i}") for i in range(8)]
    shop.post("opening", [shop.line(f"S{i}", "40", "1.37") for i in range(8)], day="2026-11-01")
    deadline = time.monotonic() + STRESS_SECONDS
    outcomes: Counter[str] = Counter()
    errors: list[BaseException] = []
    lock = threading.Lock()
    expected = [8 * 40]  # total on hand: transfers keep it, receipts and issues change it

    def work(i: int) -> None:
        rnd = random.Random(i)
        while time.monotonic() < deadline:
            kind = rnd.choice(("transfer", "transfer", "other_out", "other_in"))
            wh = rnd.choice(("A", "B"))
            picked = rnd.sample(skus, rnd.randint(3, 5))  # random order, overlapping between threads
            lines = [
                (sku, rnd.randint(1, 4), f"{rnd.randint(100, 300) / 100:.2f}" if kind == "other_in" else None)
                for sku in picked
            ]
            extra: dict[str, Any] = {"reason": "other" if kind == "other_in" else "loss"}
            if kind == "transfer":
                extra = {"to_warehouse_id": shop.wh["B" if wh == "A" else "A"]}
            try:
                with db.transaction(company_id=cid) as s:
                    doc = documents.create(s, kind, _body(shop, wh, lines, **extra))
                with db.transaction(company_id=cid) as s:
                    documents.approve(s, kind, doc.id)
                result = f"{kind} ok"
            except InsufficientStock:
                result = f"{kind} insufficient_stock"
            except BaseException as e:
                with lock:
                    errors.append(e)
                return
            with lock:
                outcomes[result] += 1
                if result == "other_in ok":
                    expected[0] += sum(q for _, q, _ in lines)
                elif result == "other_out ok":
                    expected[0] -= sum(q for _, q, _ in lines)

    _run_threads(6, work)
    assert errors == [], errors[:3]
    assert sum(n for k, n in outcomes.items() if k.endswith(" ok")) >= 6, outcomes
    _check(shop, cid)
    # Transfers move stock between A and B; only receipts and issues change the total.
    with db.transaction(writer=False, company_id=cid) as s:
        total = s.execute(
            select(func.sum(StockBalance.on_hand)).where(StockBalance.sku_id.in_(skus))
        ).scalar_one()
    assert Decimal(total) == expected[0], (total, expected[0], outcomes)
    print(dict(outcomes))
