"""Builders for the customer tests: customers made through the API, receivables written straight through
`jxc.finance.ledger` (as an approved delivery would), and `check_credit` run as a given user."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from jxc.common.clock import today
from jxc.common.context import RequestContext, activate, deactivate
from jxc.finance import ledger
from jxc.finance.ledger import DocRef, Owed, Pair
from jxc.sales.customers.credit import check_credit
from tests.helpers import Api, company_id

_numbers = itertools.count(1)


def ago(days: int) -> date:
    return today() - timedelta(days=days)


@contextmanager
def acting(*permissions: str, user_id: int = 1) -> Iterator[None]:
    token = activate(RequestContext(user_id=user_id, permissions=frozenset(permissions)))
    try:
        yield
    finally:
        deactivate(token)


@dataclass
class Customers:
    api: Api
    company: int
    ids: dict[str, int] = field(default_factory=dict)

    def customer(self, code: str, **extra: Any) -> int:
        r = self.api.post("/partners", {"code": code, "name": f"{code}客户", **extra})
        assert r.status_code == 201, r.text
        self.ids[code] = r.json()["id"]
        return self.ids[code]

    def owe(
        self,
        code: str,
        amount: str,
        on: date,
        *,
        due: date | None = None,
        currency: str = "CNY",
        rate: str = "1",
    ) -> int:
        n = next(_numbers)
        item = Owed(self.ids[code], "ar", Decimal(amount), currency, Decimal(rate), due)
        with self.api.db.transaction(writer=True, company_id=self.company) as s:
            [entry] = ledger.owe(s, DocRef("test", n, f"T-{n:05d}", on), [item])
            return entry.id

    def settle(self, debit: int, credit: int, amount: str, on: date) -> None:
        n = next(_numbers)
        with self.api.db.transaction(writer=True, company_id=self.company) as s:
            ledger.allocate(s, DocRef("test", n, f"A-{n:05d}", on), [Pair(debit, credit, Decimal(amount))])

    def control(self, mode: str) -> None:
        current = self.api.get("/companies/current").json()
        r = self.api.patch("/companies/current", {"credit_control": mode, "version": current["version"]})
        assert r.status_code == 200, r.text
        assert r.json()["credit_control"] == mode

    def check(self, code: str, adding: str, *perms: str, action: str = "order_approve") -> str:
        with acting(*perms), self.api.db.transaction(writer=False, company_id=self.company) as s:
            return check_credit(s, self.ids[code], Decimal(adding), action=action)


@pytest.fixture
def customers(api: Api) -> Customers:
    return Customers(api, company_id(api.db))
