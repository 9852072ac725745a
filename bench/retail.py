"""Retail counter figures (issue 7): 3-line tickets posted over HTTP by 8 concurrent clients against one
`jxc serve` process on SQLite, beside a minimal endpoint (bench/raw_tickets.py) in the same run that writes
the same rows with plain sqlite3 — same server stack, same database file layout, no validation, no ORM.

A ticket is one request: validate, price, number, stock ledger (3 moves, 3 balances), tender into the cash
account (account entry and balance), document, lines, tender and audit rows, in one transaction.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

Row = tuple[str, str, str, str]
CLIENTS = 8
PER_CLIENT = 150
ADMIN_PASSWORD = "bench-admin-1"
ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server(args: list[str], env: dict[str, str], health: str, log: Path) -> Iterator[str]:
    port = _free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*args, "--host", "127.0.0.1", "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start:\n{log.read_text(errors='replace')}")
                try:
                    with urllib.request.urlopen(base + health, timeout=2) as res:
                        if res.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


class _Client:
    def __init__(self, base: str) -> None:
        self.http = httpx.Client(base_url=base + "/api/v1", timeout=60)
        r = self.http.post("/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
        r.raise_for_status()
        self.http.headers["x-csrf-token"] = r.json()["csrf_token"]

    def post(self, path: str, body: Any) -> Any:
        r = self.http.post(path, json=body)
        if r.status_code >= 300:
            raise RuntimeError(f"{path}: {r.status_code} {r.text}")
        return r.json()


def _setup(admin: _Client) -> dict[str, Any]:
    unit = admin.post("/units", {"name": "个", "allow_fraction": False})["id"]
    wh = admin.post("/warehouses", {"code": "W1", "name": "门店"})["id"]
    cash = admin.post("/accounts", {"code": "CASH", "name": "现金", "kind": "cash"})["id"]
    skus = []
    for i, price in enumerate(("3.00", "5.50", "8.80"), start=1):
        p = admin.post(
            "/products",
            {
                "code": f"P{i}",
                "name": f"商品{i}",
                "base_unit_id": unit,
                "skus": [{"prices": [{"unit_id": unit, "retail_price": price}]}],
            },
        )
        skus.append(p["skus"][0]["id"])
    opening = admin.post(
        "/opening-stocks",
        {
            "business_date": "2026-01-01",
            "warehouse_id": wh,
            "lines": [{"sku_id": s, "unit_id": unit, "qty": "1000000", "unit_cost": "1.25"} for s in skus],
        },
    )
    admin.post(f"/opening-stocks/{opening['id']}/approve", None)
    return {"unit": unit, "wh": wh, "cash": cash, "skus": skus}


def _ticket(ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "warehouse_id": ids["wh"],
        "lines": [{"sku_id": s, "unit_id": ids["unit"], "qty": "1"} for s in ids["skus"]],
        "payments": [{"account_id": ids["cash"], "amount": "20.00"}],  # 17.30 due: 2.70 change
    }


def _load(post: Any, clients: list[Any], body: dict[str, Any]) -> tuple[float, list[float], int]:
    """Every client posts PER_CLIENT tickets at once; answers (tickets/s, latencies in ms, failures)."""
    latencies: list[list[float]] = [[] for _ in clients]
    failures = [0] * len(clients)
    start = threading.Barrier(len(clients) + 1)

    def work(i: int) -> None:
        start.wait()
        for _ in range(PER_CLIENT):
            t0 = time.perf_counter()
            try:
                post(clients[i], body)
            except Exception:  # counted and reported, never hidden
                failures[i] += 1
            latencies[i].append((time.perf_counter() - t0) * 1000)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    flat = [x for xs in latencies for x in xs]
    return len(flat) / elapsed, flat, sum(failures)


def _q(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1]


def _counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    out = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    conn.close()
    return out


def _copy(src: Path, dst: Path) -> None:
    """A consistent copy of a live WAL database (a file copy could miss what the WAL still holds)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def run() -> list[Row]:
    tmp = Path(tempfile.mkdtemp(prefix="jxc-bench-retail-"))
    db = tmp / "jxc.db"
    env = {
        **os.environ,
        "JXC_DATA_DIR": str(tmp),
        "JXC_DATABASE_URL": f"sqlite:///{db}",
        "JXC_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "JXC_SECRET_KEY": "bench-secret",
    }
    jxc = str(Path(sys.executable).parent / "jxc")
    with _server([jxc, "serve"], env, "/api/v1/health", tmp / "server.log") as base:
        admin = _Client(base)
        ids = _setup(admin)
        before = _counts(db)
        admin.post("/retail/tickets", _ticket(ids))
        written = {t: n - before.get(t, 0) for t, n in _counts(db).items() if n != before.get(t, 0)}
        _copy(db, tmp / "raw.db")  # the baseline starts from the same data
        clients = [_Client(base) for _ in range(CLIENTS)]
        for c in clients:  # warm up
            c.post("/retail/tickets", _ticket(ids))
        ours, lat, failed = _load(lambda c, b: c.post("/retail/tickets", b), clients, _ticket(ids))
    raw_env = {**env, "JXC_BENCH_RAW_DB": str(tmp / "raw.db"), "JXC_BENCH_RAW_IDS": json.dumps(ids)}
    raw_args = [sys.executable, "-m", "uvicorn", "bench.raw_tickets:app", "--log-level", "warning"]
    os.chdir(ROOT)
    with _server(raw_args, raw_env, "/health", tmp / "raw.log") as base:
        raw_clients = [httpx.Client(base_url=base, timeout=60) for _ in range(CLIENTS)]

        def raw_post(c: httpx.Client, body: dict[str, Any]) -> None:
            c.post("/raw/tickets", json=body).raise_for_status()

        for c in raw_clients:
            raw_post(c, _ticket(ids))
        base_rate, base_lat, base_failed = _load(raw_post, raw_clients, _ticket(ids))
    note = ", ".join(f"{t} {n}" for t, n in sorted(written.items()))
    return [
        (
            f"retail tickets over HTTP, {CLIENTS} clients, 3 lines, tickets/s "
            f"(failed {failed}; rows: {note})",
            f"{ours:.0f}",
            f"{base_rate:.0f}",
            f"{ours / base_rate:.2f} (target ≥ 400/s)",
        ),
        (
            "retail ticket latency p50 / p99, ms",
            f"{_q(lat, 50):.1f} / {_q(lat, 99):.1f}",
            f"{_q(base_lat, 50):.1f} / {_q(base_lat, 99):.1f}",
            f"p99 target ≤ 100 ms (raw failed {base_failed})",
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row))
