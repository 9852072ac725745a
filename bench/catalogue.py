"""Master-data figures: importing 50,000 products (.xlsx, CLI), and `q` search over 100,000 SKUs."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import xlsxwriter

from jxc.catalog.barcodes import check_digit

HEAD = ["编码*", "名称*", "规格", "品牌", "基本单位*", "条码", "辅助单位", "换算率", "零售价", "参考进价"]
NAMES = [
    "可口可乐",
    "农夫山泉",
    "康师傅冰红茶",
    "统一绿茶",
    "旺旺雪饼",
    "大白兔奶糖",
    "金龙鱼大米",
    "鲁花花生油",
    "奥利奥饼干",
    "蒙牛纯牛奶",
    "伊利酸奶",
    "海天酱油",
    "老干妈辣酱",
    "双汇火腿肠",
    "洽洽瓜子",
    "德芙巧克力",
]


def write_file(path: Path, rows: int, start: int) -> None:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, HEAD)
    for i in range(rows):
        n = start + i
        body = f"69{n:010d}"
        ws.write_row(
            i + 1,
            0,
            [
                f"B{n:07d}",
                f"{NAMES[n % len(NAMES)]} {n}号",
                f"{n % 900 + 100}ml",
                NAMES[n % len(NAMES)][:2],
                "瓶",
                body + str(check_digit(body)),
                "箱" if n % 2 else "",
                24 if n % 2 else "",
                3.5,
                2.1,
            ],
        )
    wb.close()


def run(serve: object) -> list[tuple[str, str, str, str]]:
    tmp = Path(tempfile.mkdtemp(prefix="jxc-bench-catalogue-"))
    env = {
        **os.environ,
        "JXC_DATA_DIR": str(tmp),
        "JXC_DATABASE_URL": f"sqlite:///{tmp / 'c.db'}",
        "JXC_ADMIN_PASSWORD": "bench-admin-1",
    }
    jxc = str(Path(sys.executable).with_name("jxc"))
    subprocess.run([jxc, "init"], env=env, check=True, capture_output=True)
    conn = sqlite3.connect(tmp / "c.db")
    conn.executemany(
        "INSERT INTO units (company_id, name, allow_fraction, is_active, created_at, updated_at) "
        "VALUES (1, ?, 0, 1, datetime('now'), datetime('now'))",
        [("瓶",), ("箱",)],
    )
    conn.commit()
    files = [tmp / "a.xlsx", tmp / "b.xlsx"]
    write_file(files[0], 50_000, 0)
    write_file(files[1], 50_000, 50_000)
    t0 = time.perf_counter()
    r = subprocess.run([jxc, "import", "products", str(files[0])], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(r.stdout + r.stderr)
    subprocess.run([jxc, "import", "products", str(files[1])], env=env, check=True, capture_output=True)
    # Baseline: the same rows inserted raw (products only, one executemany), in the same run.
    raw = sqlite3.connect(":memory:")
    raw.execute("CREATE TABLE p (code TEXT UNIQUE, name TEXT, search TEXT)")
    t1 = time.perf_counter()
    raw.executemany(
        "INSERT INTO p VALUES (?, ?, ?)", [(f"B{n:07d}", f"x{n}", f"x{n}") for n in range(50_000)]
    )
    raw.commit()
    raw_seconds = time.perf_counter() - t1
    rows = [
        (
            "jxc import products, 50,000 rows (.xlsx, CLI), s",
            f"{seconds:.1f}",
            f"{raw_seconds:.2f}",
            f"{seconds / raw_seconds:.0f}×",
        )
    ]

    from jxc.app import create_app
    from jxc.db.engine import Database
    from jxc.settings import Settings

    settings = Settings(data_dir=tmp, admin_password="bench-admin-1")
    client: httpx.Client = serve(create_app(settings, Database(f"sqlite:///{tmp / 'c.db'}")))  # type: ignore[operator]
    client.post("/api/v1/auth/login", json={"username": "admin", "password": "bench-admin-1"})
    queries = ["kkkl", "nfsq", "6900000123", "B0099", "大白兔", "xuebing", "haitian", "dfqkl 15"]
    times = []
    for _ in range(25):
        for q in queries:
            t = time.perf_counter()
            res = client.get("/api/v1/products", params={"q": q, "page_size": 20})
            times.append((time.perf_counter() - t) * 1000)
            assert res.status_code == 200, res.text
    times.sort()
    base = []
    for _ in range(25):
        for q in queries:
            t = time.perf_counter()
            conn.execute(
                "SELECT id FROM products WHERE search_text LIKE ? ORDER BY id DESC LIMIT 20",
                (f"%{q.replace(' ', '')}%",),
            ).fetchall()
            base.append((time.perf_counter() - t) * 1000)
    base.sort()
    p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95)]
    b50, b95 = base[len(base) // 2], base[int(len(base) * 0.95)]
    rows.append(
        (
            "GET /products?q= over 100,000 SKUs, p50 / p95 ms",
            f"{p50:.1f} / {p95:.1f}",
            f"{b50:.1f} / {b95:.1f}",
            f"{p95 / b95:.1f}×",
        )
    )
    return rows
