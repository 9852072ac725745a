"""Books for the money report tests: partners and accounts made through the API, ledger rows written
straight through `jxc.finance.ledger` (as a posted document would), so these tests do not depend on the
money documents."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from jxc.finance import ledger
from jxc.finance.ledger import Cash, DocRef, Owed, Pair
from jxc.finance.ledger_models import AccountEntry
from tests.helpers import Api, company_id

_numbers = itertools.count(1)


def day(text: str) -> date:
    return date.fromisoformat(text)


@dataclass
class Books:
    api: Api
    company: int
    partners: dict[str, int] = field(default_factory=dict)
    accounts: dict[str, int] = field(default_factory=dict)

    def partner(self, code: str, *, terms: int | None = None, currency: str = "CNY", **extra: Any) -> int:
        body = {"code": code, "name": f"{code}公司", "payment_terms_days": terms, "currency": currency}
        r = self.api.post("/partners", {**body, **extra})
        assert r.status_code == 201, r.text
        self.partners[code] = r.json()["id"]
        return self.partners[code]

    def account(self, code: str, kind: str = "cash") -> int:
        r = self.api.post("/accounts", {"code": code, "name": f"{code}账户", "kind": kind})
        assert r.status_code == 201, r.text
        self.accounts[code] = r.json()["id"]
        return self.accounts[code]

    def ref(self, on: str, number: str | None = None) -> DocRef:
        n = next(_numbers)
        return DocRef("test", n, number or f"T-{n:05d}", day(on))

    def owe(
        self,
        partner: str,
        amount: str,
        on: str,
        *,
        side: str = "ar",
        currency: str = "CNY",
        rate: str = "1",
        due: str | None = None,
        number: str | None = None,
        remark: str = "",
    ) -> int:
        """One partner entry as a posted document would write it; its id."""
        item = Owed(
            self.partners[partner],
            side,
            Decimal(amount),
            currency,
            Decimal(rate),
            day(due) if due else None,
            remark,
        )
        with self.api.db.transaction(writer=True, company_id=self.company) as s:
            [entry] = ledger.owe(s, self.ref(on, number), [item])
            return entry.id

    def cash(
        self,
        account: str,
        amount: str,
        on: str,
        *,
        partner: str | None = None,
        category: int | None = None,
        remark: str = "",
    ) -> int:
        item = Cash(
            self.accounts[account],
            Decimal(amount),
            self.partners[partner] if partner else None,
            category,
            remark,
        )
        ref = self.ref(on)
        with self.api.db.transaction(writer=True, company_id=self.company) as s:
            ledger.cash(s, ref, [item])
            return int(
                s.execute(
                    select(AccountEntry.id)
                    .where(AccountEntry.doc_kind == ref.kind, AccountEntry.doc_id == ref.id)
                    .order_by(AccountEntry.id.desc())
                )
                .scalars()
                .first()  # type: ignore[arg-type]
            )

    def allocate(self, debit: int, credit: int, amount: str, on: str) -> None:
        with self.api.db.transaction(writer=True, company_id=self.company) as s:
            ledger.allocate(s, self.ref(on), [Pair(debit, credit, Decimal(amount))])

    def allow_negative_cash(self) -> None:
        current = self.api.get("/companies/current").json()
        r = self.api.patch("/companies/current", {"allow_negative_cash": True, "version": current["version"]})
        assert r.status_code == 200, r.text


@pytest.fixture
def books(api: Api) -> Books:
    return Books(api, company_id(api.db))
