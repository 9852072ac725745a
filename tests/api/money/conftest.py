"""Builders for the money-document tests: two customers (one billed in USD), a supplier, cash and bank."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.helpers import Api

PATHS = {
    "receipt": "/receipts",
    "payment": "/payments",
    "allocation": "/allocations",
    "transfer": "/account-transfers",
    "income": "/other-incomes",
    "expense": "/other-expenses",
    "opening": "/opening-balances",
}


@dataclass
class Books:
    api: Api
    partner: dict[str, int] = field(default_factory=dict)
    account: dict[str, int] = field(default_factory=dict)

    def draft(self, kind: str, day: str = "2026-11-01", **body: Any) -> dict[str, Any]:
        r = self.api.post(PATHS[kind], {"business_date": day, **body})
        assert r.status_code == 201, r.text
        return r.json()

    def act(self, kind: str, doc_id: int, action: str, body: Any = None) -> Any:
        return self.api.post(f"{PATHS[kind]}/{doc_id}/{action}", body)

    def post(self, kind: str, day: str = "2026-11-01", **body: Any) -> dict[str, Any]:
        doc = self.draft(kind, day, **body)
        r = self.act(kind, doc["id"], "approve")
        assert r.status_code == 200, r.text
        return r.json()

    def opening_ar(self, who: str, amount: str, day: str = "2026-10-01", **extra: Any) -> dict[str, Any]:
        line = {"partner_id": self.partner[who], "side": "ar", "amount": amount, **extra}
        return self.post("opening", day, lines=[line])

    def open_items(self, who: str, side: str = "ar", sign: str = "debit") -> list[dict[str, Any]]:
        r = self.api.get(
            "/partner-entries/open", params={"partner_id": self.partner[who], "side": side, "sign": sign}
        )
        assert r.status_code == 200, r.text
        return list(r.json())

    def verify(self) -> list[str]:
        from jxc.finance.integrity import problems

        with self.api.db.transaction(writer=False, company_id=1) as s:
            return problems(s)


@pytest.fixture
def books(api: Api) -> Books:
    b = Books(api)
    for code, name, extra in (
        ("C1", "华联超市", {}),
        ("C2", "Global Trading", {"currency": "USD"}),
        ("S1", "康师傅经销", {"is_customer": False, "is_supplier": True}),
    ):
        r = api.post("/partners", {"code": code, "name": name, **extra})
        assert r.status_code == 201, r.text
        b.partner[code] = r.json()["id"]
    for code, name, kind in (("CASH", "现金", "cash"), ("BANK", "工商银行", "bank")):
        r = api.post("/accounts", {"code": code, "name": name, "kind": kind})
        assert r.status_code == 201, r.text
        b.account[code] = r.json()["id"]
    return b
