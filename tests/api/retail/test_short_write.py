"""The till's sale and return run on the event loop on SQLite — service and commit — and on a worker thread
on PostgreSQL (common.route.short_write); the answer and what is written are the same either way."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from jxc.db.engine import Transaction
from jxc.sales.retail import returns, tickets
from tests.api.retail.conftest import Counter


def _on_the_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _watch(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, seen: list[tuple[str, bool]]) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append((name, _on_the_loop()))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, watched)


def test_sale_and_return_run_where_the_database_wants_them(
    counter: Counter, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, bool]] = []
    _watch(monkeypatch, tickets, "sell", seen)
    _watch(monkeypatch, returns, "create", seen)
    _watch(monkeypatch, Transaction, "commit", seen)
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
    inline = backend == "sqlite"
    assert seen == [("sell", inline), ("commit", inline), ("create", inline), ("commit", inline)]
    assert counter.on_hand("COLA") == 99
