"""`make bench`: speed of the foundation's hot paths as ratios against a raw-SQL baseline of the same run.

Results go to stdout and docs/benchmarks.md. Timings, not assertions: a slow machine gives slow numbers,
the ratios are what compare between runs.
"""

from __future__ import annotations

import os

os.environ.setdefault("JXC_SECRET_KEY", "bench-secret")

import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI

from jxc import bootstrap
from jxc.app import create_app
from jxc.auth import passwords
from jxc.auth.models import Membership, User
from jxc.common.numbering import next_number
from jxc.db.engine import Database
from jxc.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
USERS = 5_000


def _times(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def _serve(app: FastAPI) -> httpx.Client:
    import socket
    import threading

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return httpx.Client(base_url=f"http://127.0.0.1:{port}")


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="jxc-bench-"))
    settings = Settings(
        data_dir=tmp, admin_password="bench-admin-1", argon2_memory_kib=19456, argon2_time_cost=2
    )
    db = Database(f"sqlite:///{tmp / 'bench.db'}")
    bootstrap.init(db, settings)
    cid = 1
    fast_hash = passwords.hash_password("x-bench-pass")
    with db.transaction(company_id=cid) as s:
        for i in range(USERS):
            u = User(
                username=f"user{i:05d}", display_name=f"用户{i}", password_hash=fast_hash, phone=f"138{i:08d}"
            )
            s.add(u)
            s.flush()
            s.add(Membership(user_id=u.id, all_warehouses=True))
    rows: list[tuple[str, str, str, str]] = []

    # 1. A filtered, paged list through the whole stack (real uvicorn on loopback) vs the same SQL on a raw
    # connection.
    client = _serve(create_app(settings, db))
    r = client.post("/api/v1/auth/login", json={"username": "admin", "password": "bench-admin-1"})
    assert r.status_code == 200, r.text
    api = _times(lambda: client.get("/api/v1/users", params={"q": "用户12", "page_size": 20}), 200)
    raw_conn = sqlite3.connect(tmp / "bench.db")
    sql = (
        "SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id AND m.company_id = 1 "
        "WHERE u.username LIKE ? OR u.display_name LIKE ? OR u.phone LIKE ? ORDER BY u.id LIMIT 20"
    )
    raw = _times(lambda: raw_conn.execute(sql, ("%用户12%",) * 3).fetchall(), 200)
    rows.append(
        (
            "GET /users?q= (5,000 users), p50 / p95 ms",
            f"{_p(api, 50):.1f} / {_p(api, 95):.1f}",
            f"{_p(raw, 50):.2f} / {_p(raw, 95):.2f}",
            f"{_p(api, 50) / _p(raw, 50):.0f}×",
        )
    )

    # 2. Document numbers: allocation in its own transaction vs a raw UPDATE … RETURNING + commit.
    def allocate() -> None:
        with db.transaction(company_id=cid) as s:
            next_number(s, "BENCH", date(2026, 11, 22))

    nums = _times(allocate, 300)
    raw_conn.execute("CREATE TABLE IF NOT EXISTS raw_seq (k TEXT PRIMARY KEY, n INTEGER)")
    raw_conn.execute("INSERT OR IGNORE INTO raw_seq VALUES ('a', 0)")
    raw_conn.commit()

    def raw_allocate() -> None:
        raw_conn.execute("UPDATE raw_seq SET n = n + 1 WHERE k = 'a' RETURNING n").fetchone()
        raw_conn.commit()

    raw_nums = _times(raw_allocate, 300)
    rows.append(
        (
            "number allocation (own transaction), p50 ms",
            f"{_p(nums, 50):.2f}",
            f"{_p(raw_nums, 50):.2f}",
            f"{_p(nums, 50) / _p(raw_nums, 50):.1f}×",
        )
    )

    # 3. An audited write through the API (create a role) vs a raw INSERT + commit.
    counter = iter(range(10**9))
    writes = _times(
        lambda: client.post(
            "/api/v1/roles",
            json={"name": f"bench-{next(counter)}"},
            headers={"x-csrf-token": r.json()["csrf_token"]},
        ),
        200,
    )
    raw_conn.execute("CREATE TABLE IF NOT EXISTS raw_roles (id INTEGER PRIMARY KEY, name TEXT)")
    raw_writes = _times(
        lambda: (raw_conn.execute("INSERT INTO raw_roles (name) VALUES ('x')"), raw_conn.commit()), 200
    )
    rows.append(
        (
            "POST /roles (audited, CSRF, one transaction), p50 / p95 ms",
            f"{_p(writes, 50):.1f} / {_p(writes, 95):.1f}",
            f"{_p(raw_writes, 50):.2f} / {_p(raw_writes, 95):.2f}",
            f"{_p(writes, 50) / _p(raw_writes, 50):.0f}×",
        )
    )

    # 4. Sign-in cost at the production argon2id parameters (19 MiB, t=2).
    signin = _times(lambda: passwords.verify_password("x-bench-pass", fast_hash), 20)
    rows.append(("argon2id verify (19 MiB, t=2), p50 ms", f"{_p(signin, 50):.1f}", "—", "—"))

    from bench import catalogue

    rows.extend(catalogue.run(_serve))

    from bench import inventory, retail

    rows.extend(inventory.run())
    rows.extend(retail.run())

    header = "| measurement | JXC | raw baseline | ratio |\n| --- | --- | --- | --- |\n"
    table = header + "\n".join(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows)
    print(table)
    out = ROOT / "docs" / "benchmarks.md"
    out.write_text(
        "# Benchmarks (`make bench`)\n\nMeasured on the development machine (2 cores), SQLite, "
        "uvicorn on 127.0.0.1 with an httpx client. "
        "Ratios compare with raw sqlite3 doing the same work in the same run.\n\n" + table + "\n",
        encoding="utf-8",
    )
    db.dispose()


if __name__ == "__main__":
    main()
