"""Rules about the ledger itself: one door, immutable facts, a lifecycle table that matches its handlers."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from jxc.common.lifecycle import STANDARD
from jxc.inventory import documents, stocktakes
from jxc.inventory.states import STOCK_DOC, STOCKTAKE
from tests.api.inventory.conftest import Shop

SRC = Path(__file__).resolve().parents[3] / "src" / "jxc"
LEDGER_TABLES = (
    "StockMove",
    "StockBalance",
    "StockLotBalance",
    "stock_moves",
    "stock_balances",
    "stock_lot_balances",
)
WRITES = re.compile(
    r"(insert|update|delete)\(\s*(" + "|".join(LEDGER_TABLES) + r")\b"
    r"|(" + "|".join(LEDGER_TABLES[:3]) + r")\(\s*[a-z_]+="
    r"|\.(on_hand|reserved|incoming|avg_cost|balance_qty|balance_value)\s*[+-]?=[^=]",
    re.IGNORECASE,
)
# The ledger, its lock helper (creates missing balance rows) and `jxc rebuild-balances` (rebuilds the cache).
DOORS = {"inventory/ledger.py", "inventory/locks.py", "inventory/integrity.py"}


def test_nothing_but_the_ledger_writes_stock() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel in DOORS or "/migrations/" in rel:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if WRITES.search(line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert offenders == []


def test_the_scan_would_catch_a_write() -> None:
    assert WRITES.search("    bal.on_hand += qty")
    assert WRITES.search("session.execute(update(StockBalance).values(on_hand=0))")
    assert WRITES.search("session.add(StockMove(sku_id=1))")
    assert not WRITES.search("if bal.on_hand == qty:")


def test_move_facts_cannot_change_and_moves_cannot_be_deleted(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "2", "1.00")])
    with shop.api.db.transaction(company_id=1) as s:
        with pytest.raises(DBAPIError), s.begin_nested():
            s.execute(text("UPDATE stock_moves SET qty = 5"))
        with pytest.raises(DBAPIError), s.begin_nested():
            s.execute(text("DELETE FROM stock_moves"))
        # Valuation is derived and may be re-computed (by the ledger only).
        s.execute(text("UPDATE stock_moves SET unit_cost = unit_cost"))


def test_each_transition_has_its_handler_and_route(shop: Shop) -> None:
    assert STOCK_DOC is STANDARD
    for action in STOCK_DOC.table:
        assert callable(getattr(documents, action))
    for action in STOCKTAKE.table:
        assert callable(getattr(stocktakes, action))
    assert "unapprove" not in STOCKTAKE.table
    paths = set(shop.api.client.app.openapi()["paths"])  # type: ignore[attr-defined]
    for base in (
        "/api/v1/opening-stocks",
        "/api/v1/other-receipts",
        "/api/v1/other-issues",
        "/api/v1/stock-transfers",
    ):
        for action in STOCK_DOC.table:
            assert f"{base}/{{doc_id}}/{action}" in paths
    for action in STOCKTAKE.table:
        assert f"/api/v1/stocktakes/{{stocktake_id}}/{action}" in paths


def test_verify_reports_a_tampered_balance(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "2", "1.00")])
    with shop.api.db.transaction(company_id=1) as s:
        s.execute(text("UPDATE stock_balances SET on_hand = on_hand + 1"))
    found = shop.verify()
    assert any("on hand" in p for p in found)
    from jxc.inventory.integrity import rebuild

    with shop.api.db.transaction(company_id=1) as s:
        assert rebuild(s) == 1
    assert shop.verify() == []


def test_reservations_never_take_available_below_zero_and_consume_releases(shop: Shop) -> None:
    from decimal import Decimal

    from jxc.common.errors import Conflict
    from jxc.inventory import ledger
    from jxc.inventory.ledger import DocRef, Move

    shop.post("opening", [shop.line("COLA", "5", "1.00")])
    sku, wh = shop.sku["COLA"], shop.wh["A"]
    with shop.api.db.transaction(company_id=1) as s:
        ledger.change_reserved(s, [(sku, wh, Decimal(4))])
        ledger.change_incoming(s, [(sku, wh, Decimal(7))])
    with pytest.raises(Conflict), shop.api.db.transaction(company_id=1) as s:
        ledger.change_reserved(s, [(sku, wh, Decimal(2))])  # 5 on hand − 4 reserved = 1 available
    with shop.api.db.transaction(company_id=1) as s:
        doc = DocRef(kind="test_delivery", id=1, number="T-1", business_date=date(2026, 11, 21))
        ledger.consume(s, doc, [Move(sku_id=sku, warehouse_id=wh, qty=Decimal(-3), kind="delivery")])
    row = shop.api.get("/stock-availability", params={"warehouse_id": wh, "sku_ids": str(sku)}).json()[0]
    assert (row["on_hand"], row["reserved"], row["available"], row["incoming"]) == (
        "2.0000",
        "1.0000",
        "1.0000",
        "7.0000",
    )
