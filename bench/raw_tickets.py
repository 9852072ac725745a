"""The baseline of the retail benchmark: a minimal endpoint on the same server stack (uvicorn, FastAPI, one
process, a writer lock as the app's) that writes the rows one ticket writes — number, document, 3 lines,
3 moves, 3 balances, the tender, the account entry and balance, one audit row and its chain head — with plain
sqlite3 in one transaction (WAL, synchronous=FULL). No sign-in, validation, pricing or ORM: what is left of a
ticket once everything but the writes is gone.

Run by bench/retail.py: `uvicorn bench.raw_tickets:app` with JXC_BENCH_RAW_DB (a copy of the app's database
after set-up) and JXC_BENCH_RAW_IDS (the ids of that set-up).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from datetime import UTC, date, datetime
from typing import Any

from fastapi import FastAPI

app = FastAPI()
_DB = os.environ.get("JXC_BENCH_RAW_DB", "")
_IDS: dict[str, Any] = json.loads(os.environ.get("JXC_BENCH_RAW_IDS", "{}"))
_local = threading.local()
_writer = threading.Lock()
PRICES = (300, 550, 880)  # fen


def _conn() -> sqlite3.Connection:
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(_DB, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA busy_timeout=10000")
        _local.conn = conn
    return conn


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/raw/tickets", status_code=201)
def ticket(body: dict[str, Any]) -> dict[str, Any]:
    conn = _conn()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    today_ = date.today()
    day = today_.isoformat()
    wh, cash, unit, skus = _IDS["wh"], _IDS["cash"], _IDS["unit"], _IDS["skus"]
    with _writer:
        conn.execute("BEGIN IMMEDIATE")
        try:
            seq = conn.execute(
                "INSERT INTO number_sequences (company_id, prefix, day, last) VALUES (1, 'LSD', ?, 1) "
                "ON CONFLICT (company_id, prefix, day) DO UPDATE SET last = last + 1 RETURNING last",
                (day,),
            ).fetchone()[0]
            number = f"RAW-{today_:%Y%m%d}-{seq:05d}"
            total = sum(PRICES)
            doc_id = conn.execute(
                "INSERT INTO sales_docs (company_id, kind, warehouse_id, currency, rate, total_qty, amount, "
                "tax_amount, total_amount, discount_amount, paid_amount, account_id, tendered_amount, "
                "change_amount, cost_amount, profit_amount, deliver_status, credit_warning, version, number, "
                "business_date, status, remark, created_by, approved_by, approved_at, created_at, "
                "updated_at) "
                "VALUES (1, 'retail', ?, 'CNY', 1000000, 30000, ?, 0, ?, 0, ?, ?, 2000, ?, 375, ?, '', '', "
                "1, ?, "
                "?, 'approved', '', 1, 1, ?, ?, ?) RETURNING id",
                (wh, total, total, total, cash, 2000 - total, total - 375, number, day, now, now, now),
            ).fetchone()[0]
            for i, (sku, price) in enumerate(zip(skus, PRICES, strict=True), start=1):
                conn.execute(
                    "INSERT INTO sales_doc_lines (company_id, doc_id, line_no, sku_id, unit_id, qty, ratio, "
                    "base_qty, list_price, price, discount_rate, tax_rate, net_price, total, amount, "
                    "tax_amount, "
                    "cost_amount, profit_amount, promotion_text, below_min_price, lot_no, done_qty, remark) "
                    "VALUES (1, ?, ?, ?, ?, 10000, 1000000, 10000, ?, ?, 0, 0, ?, ?, ?, 0, 125, ?, '', 0, "
                    "'', 0, '')",
                    (
                        doc_id,
                        i,
                        sku,
                        unit,
                        price * 10000,
                        price * 10000,
                        price * 10000,
                        price,
                        price,
                        price - 125,
                    ),
                )
                bal = conn.execute(
                    "SELECT id, on_hand, value FROM stock_balances WHERE company_id = 1 AND sku_id = ? "
                    "AND warehouse_id = ?",
                    (sku, wh),
                ).fetchone()
                conn.execute(
                    "INSERT INTO stock_moves (company_id, sku_id, warehouse_id, business_date, qty, kind, "
                    "doc_kind, doc_id, doc_line_id, doc_number, cost_mode, created_by, created_at, value, "
                    "unit_cost, balance_qty, balance_value, balance_cost) VALUES (1, ?, ?, ?, -10000, "
                    "'retail', "
                    "'retail', ?, ?, ?, 'average', 1, ?, -125, 1250000, ?, ?, 1250000)",
                    (sku, wh, day, doc_id, i, number, now, bal[1] - 10000, bal[2] - 125),
                )
                conn.execute(
                    "UPDATE stock_balances SET on_hand = on_hand - 10000, value = value - 125 WHERE id = ?",
                    (bal[0],),
                )
            conn.execute(
                "INSERT INTO sales_payments (company_id, doc_id, line_no, account_id, method, amount) "
                "VALUES (1, ?, 1, ?, 'cash', 2000)",
                (doc_id, cash),
            )
            conn.execute(
                "INSERT INTO account_entries (company_id, account_id, business_date, amount, doc_kind, "
                "doc_id, "
                "doc_number, remark, created_by, created_at) VALUES (1, ?, ?, ?, 'retail', ?, ?, '', 1, ?)",
                (cash, day, total, doc_id, number, now),
            )
            conn.execute(
                "UPDATE account_balances SET balance = balance + ? WHERE company_id = 1 AND account_id = ?",
                (total, cash),
            )
            head = conn.execute("SELECT last_hash FROM audit_heads WHERE chain = 1").fetchone()[0]
            after = json.dumps({"number": number, "status": "approved", "total_amount": str(total)})
            digest = hashlib.sha256((head + after).encode()).hexdigest()
            audit_id = conn.execute(
                "INSERT INTO audit_logs (company_id, created_at, user_id, username, action, object_type, "
                "object_id, object_label, after, prev_hash, hash) VALUES (1, ?, 1, 'admin', 'create', "
                "'sales_doc', ?, ?, ?, ?, ?) RETURNING id",
                (now, str(doc_id), number, after, head, digest),
            ).fetchone()[0]
            conn.execute(
                "UPDATE audit_heads SET last_id = ?, last_hash = ? WHERE chain = 1", (audit_id, digest)
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return {"id": doc_id, "number": number}
