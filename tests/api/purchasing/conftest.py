"""Builders for the purchasing tests: the inventory shop (瓶/箱 = 24, two warehouses, COLA and lot-tracked
MILK) plus a supplier, a customer and cash."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from tests.api.inventory.conftest import Shop
from tests.api.inventory.conftest import shop as shop
from tests.helpers import Api

PATHS = {"order": "/purchase-orders", "receipt": "/purchase-receipts", "return": "/purchase-returns"}


@dataclass
class Buyer:
    shop: Shop
    partner: dict[str, int] = field(default_factory=dict)
    account: dict[str, int] = field(default_factory=dict)

    @property
    def api(self) -> Api:
        return self.shop.api

    def line(
        self, code: str, qty: str, price: str | None = None, unit: str = "瓶", **extra: Any
    ) -> dict[str, Any]:
        out: dict[str, Any] = {
            "sku_id": self.shop.sku[code],
            "unit_id": self.shop.units[unit],
            "qty": qty,
            **extra,
        }
        if price is not None:
            out["price"] = price
        return out

    def body(
        self,
        lines: list[dict[str, Any]],
        day: str = "2026-11-20",
        wh: str = "A",
        who: str = "S1",
        **extra: Any,
    ) -> dict[str, Any]:
        return {
            "business_date": day,
            "supplier_id": self.partner[who],
            "warehouse_id": self.shop.wh[wh],
            "lines": lines,
            **extra,
        }

    def draft(self, kind: str, lines: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
        r = self.api.post(PATHS[kind], self.body(lines, **extra))
        assert r.status_code == 201, r.text
        return r.json()

    def act(self, kind: str, doc_id: int, action: str, body: Any = None) -> Any:
        return self.api.post(f"{PATHS[kind]}/{doc_id}/{action}", body)

    def post(self, kind: str, lines: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
        doc = self.draft(kind, lines, **extra)
        r = self.act(kind, doc["id"], "approve")
        assert r.status_code == 200, r.text
        return r.json()

    def get(self, kind: str, doc_id: int) -> dict[str, Any]:
        r = self.api.get(f"{PATHS[kind]}/{doc_id}")
        assert r.status_code == 200, r.text
        return r.json()

    def stock(self, code: str, wh: str = "A") -> dict[str, Any]:
        r = self.api.get(
            "/stock-balances", params={"warehouse_id": self.shop.wh[wh], "q": code, "nonzero": "false"}
        )
        assert r.status_code == 200, r.text
        rows = [b for b in r.json()["items"] if b["sku_id"] == self.shop.sku[code]]
        return rows[0] if rows else {"on_hand": "0", "value": "0.00", "incoming": "0", "unit_cost": None}

    def qty(self, code: str, column: str = "on_hand", wh: str = "A") -> Decimal:
        return Decimal(self.stock(code, wh)[column])

    def position(self, code: str, wh: str = "A") -> tuple[Decimal, Decimal]:
        row = self.stock(code, wh)
        return Decimal(row["on_hand"]), Decimal(row["value"])

    def payable(self, who: str = "S1") -> str:
        r = self.api.get("/partner-balances", params={"side": "ap", "nonzero": "false"})
        assert r.status_code == 200, r.text
        rows = [b for b in r.json()["items"] if b["partner_id"] == self.partner[who]]
        return rows[0]["balance"] if rows else "0.00"

    def problems(self) -> list[str]:
        from jxc.finance.integrity import problems as money_problems
        from jxc.inventory.integrity import problems as stock_problems

        with self.api.db.transaction(writer=False, company_id=1) as s:
            return stock_problems(s) + money_problems(s)


@pytest.fixture
def buyer(shop: Shop) -> Buyer:
    b = Buyer(shop)
    for code, name, extra in (
        ("S1", "康师傅经销", {"is_customer": False, "is_supplier": True}),
        ("S2", "娃哈哈", {"is_customer": False, "is_supplier": True}),
        ("C1", "华联超市", {}),
    ):
        r = shop.api.post("/partners", {"code": code, "name": name, **extra})
        assert r.status_code == 201, r.text
        b.partner[code] = r.json()["id"]
    r = shop.api.post("/accounts", {"code": "CASH", "name": "现金", "kind": "cash"})
    assert r.status_code == 201, r.text
    b.account["CASH"] = r.json()["id"]
    return b
