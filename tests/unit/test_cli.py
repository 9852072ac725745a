"""The `jxc` command as an operator uses it: init, demo, user, verify, rebuild-balances."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

JXC = str(Path(sys.executable).with_name("jxc"))


def _run(tmp_path: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JXC_DATA_DIR": str(tmp_path), "JXC_DATABASE_URL": f"sqlite:///{tmp_path}/cli.db"}
    env.pop("JXC_ADMIN_PASSWORD", None)
    return subprocess.run(
        [JXC, *args], env=env, capture_output=True, text=True, input=input, check=False, timeout=120
    )


def test_init_demo_user_verify(tmp_path):
    r = _run(tmp_path, "init")
    assert r.returncode == 0, r.stderr
    assert "admin" in r.stdout
    password = (tmp_path / "initial-admin-password.txt").read_text().strip()
    assert password in r.stdout
    assert _run(tmp_path, "init").returncode == 0  # idempotent
    r = _run(tmp_path, "demo")
    assert r.returncode == 0, r.stderr
    assert "zhangsan" in r.stdout
    assert "zhangsan" not in _run(tmp_path, "demo").stdout  # idempotent
    r = _run(tmp_path, "user", "create", "boss", "--password", "boss-pass-123", "--admin")
    assert r.returncode == 0, r.stderr
    assert _run(tmp_path, "user", "create", "boss", "--password", "boss-pass-123").returncode == 2
    assert _run(tmp_path, "user", "create", "weak", "--password", "123").returncode == 2
    r = _run(tmp_path, "user", "reset-password", "boss", input="new-boss-pass-1\nnew-boss-pass-1\n")
    assert r.returncode == 0, r.stdout + r.stderr
    r = _run(tmp_path, "verify")
    assert r.returncode == 0, r.stdout
    assert "OK" in r.stdout


def test_verify_fails_on_a_tampered_audit_trail(tmp_path):
    assert _run(tmp_path, "init").returncode == 0
    import sqlite3

    conn = sqlite3.connect(tmp_path / "cli.db")
    conn.execute("DROP TRIGGER audit_logs_no_update")
    conn.execute("UPDATE audit_logs SET action = 'nothing'")
    conn.commit()
    conn.close()
    r = _run(tmp_path, "verify")
    assert r.returncode == 1


def test_demo_stock_verifies_and_a_tampered_balance_is_found_and_rebuilt(tmp_path):
    assert _run(tmp_path, "init").returncode == 0
    r = _run(tmp_path, "demo")
    assert "盘点单" in r.stdout, r.stdout + r.stderr
    assert _run(tmp_path, "verify").returncode == 0
    import sqlite3

    conn = sqlite3.connect(tmp_path / "cli.db")
    conn.execute("UPDATE stock_balances SET on_hand = on_hand + 10000 WHERE id = 1")
    conn.commit()
    conn.close()
    r = _run(tmp_path, "verify")
    assert r.returncode == 1
    assert "on hand" in r.stdout
    r = _run(tmp_path, "rebuild-balances")
    assert r.returncode == 0, r.stderr
    assert "1 balance rows rebuilt" in r.stdout
    assert _run(tmp_path, "verify").returncode == 0


def test_demo_money_verifies_and_tampered_money_caches_are_found_and_rebuilt(tmp_path):
    assert _run(tmp_path, "init").returncode == 0
    r = _run(tmp_path, "demo")
    assert "期初余额" in r.stdout, r.stdout + r.stderr
    assert _run(tmp_path, "verify").returncode == 0
    import sqlite3

    conn = sqlite3.connect(tmp_path / "cli.db")
    # Amounts are kept in fen on SQLite (ADR 0001): +100.00 yuan.
    conn.execute("UPDATE partner_balances SET balance = balance + 10000 WHERE id = 1")
    conn.execute("UPDATE account_balances SET balance = balance - 10000 WHERE id = 1")
    conn.execute(
        "UPDATE partner_entries SET open_amount = 0 WHERE id = (SELECT min(id) FROM partner_entries WHERE open_amount <> 0)"
    )
    conn.commit()
    conn.close()
    r = _run(tmp_path, "verify")
    assert r.returncode == 1
    assert "partner" in r.stdout, r.stdout
    assert "account" in r.stdout, r.stdout
    r = _run(tmp_path, "rebuild-balances")
    assert r.returncode == 0, r.stderr
    assert "3 balance rows rebuilt" in r.stdout, r.stdout
    assert _run(tmp_path, "verify").returncode == 0
