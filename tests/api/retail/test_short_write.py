"""The till's sale and return run on the event loop on SQLite, their commits on the committer thread (the
fsync must not stop the loop), and both on worker threads on PostgreSQL (common.route.short_write); the
answer and what is written are the same either way."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest

from jxc.common import context
from jxc.db.engine import Transaction
from jxc.db.writer_turns import WriterTurns
from jxc.sales.retail import returns, tickets
from tests.api.retail.conftest import Counter


def _where() -> str:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return "committer" if threading.current_thread().name.startswith("jxc-commit") else "worker"
    return "loop"


def _watch(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, seen: list[tuple[str, str]]) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def watched(*args: Any, **kwargs: Any) -> Any:
        # The request's context goes along wherever the work runs: a flush at commit audits as its user.
        assert context.current().user_id is not None, name
        seen.append((name, _where()))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, watched)


def test_sale_and_return_run_where_the_database_wants_them(
    counter: Counter, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str]] = []
    _watch(monkeypatch, tickets, "sell", seen)
    _watch(monkeypatch, returns, "create", seen)
    _watch(monkeypatch, Transaction, "end_own", seen)
    _watch(monkeypatch, WriterTurns, "close_batch", seen)
    sold = counter.sell([counter.line("COLA", "2")], ("CASH", "6"))
    back = counter.api.post(
        "/retail/returns",
        json={
            "ticket_id": sold["id"],
            "lines": [{"source_line_id": sold["lines"][0]["id"], "qty": "1"}],
            "payments": [{"account_id": sold["account_id"], "amount": "3.00"}],
        },
    )
    assert back.status_code == 201, back.text
    if backend == "sqlite":  # the savepoint ends on the loop, the batch's COMMIT on the committer thread
        one = [("end_own", "loop"), ("close_batch", "committer")]
        assert seen == [("sell", "loop"), *one, ("create", "loop"), *one]
    else:
        assert seen == [
            ("sell", "worker"),
            ("end_own", "worker"),
            ("create", "worker"),
            ("end_own", "worker"),
        ]
    assert counter.on_hand("COLA") == 99
