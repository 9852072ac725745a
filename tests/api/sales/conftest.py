"""Builders for the sales tests: the inventory shop (瓶/箱 = 24, warehouses A and B, COLA and lot-tracked
MILK) with opening stock, two customers, a supplier and cash."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from tests.api.inventory.conftest import Shop
from tests.api.inventory.conftest import shop as shop
from tests.helpers import Api

PATHS = {"order": "/sales-orders", "delivery": "/sales-deliveries", "return": "/sales-returns"}


@dataclass
class Seller:
    shop: Shop
    partner: dict[str, int] = field(default_factory=dict)
    account: dict[str, int] = field(default_factory=dict)

    @property
    def api(self) -> Api:
        return self.shop.api

    def line(
        self, code: str, qty: str, price: str | None = "5.00", unit: str = "瓶", **extra: Any
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
        who: str = "C1",
        **extra: Any,
    ) -> dict[str, Any]:
        return {
            "business_date": day,
            "customer_id": self.partner[who],
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
        return rows[0] if rows else {"on_hand": "0", "value": "0.00", "reserved": "0"}

    def qty(self, code: str, column: str = "on_hand", wh: str = "A") -> Decimal:
        return Decimal(self.stock(code, wh)[column])

    def position(self, code: str, wh: str = "A") -> tuple[Decimal, Decimal]:
        row = self.stock(code, wh)
        return Decimal(row["on_hand"]), Decimal(row["value"])

    def receivable(self, who: str = "C1") -> Decimal:
        r = self.api.get("/partner-balances", params={"side": "ar", "nonzero": "false"})
        assert r.status_code == 200, r.text
        rows = [b for b in r.json()["items"] if b["partner_id"] == self.partner[who]]
        return Decimal(rows[0]["balance"]) if rows else Decimal(0)

    def cash(self) -> Decimal:
        r = self.api.get("/account-balances")
        assert r.status_code == 200, r.text
        rows = [b for b in r.json()["items"] if b.get("account_id", b.get("id")) == self.account["CASH"]]
        return Decimal(rows[0]["balance"]) if rows else Decimal(0)

    def settings(self, **values: Any) -> None:
        company = self.api.get("/companies/current").json()
        r = self.api.patch("/companies/current", {**values, "version": company["version"]})
        assert r.status_code == 200, r.text

    def problems(self) -> list[str]:
        from jxc.finance.integrity import problems as money_problems
        from jxc.inventory.integrity import problems as stock_problems

        with self.api.db.transaction(writer=False, company_id=1) as s:
            return stock_problems(s) + money_problems(s)


@pytest.fixture
def seller(shop: Shop) -> Seller:
    s = Seller(shop)
    for code, name, extra in (
        ("C1", "华联超市", {}),
        ("C2", "物美超市", {}),
        ("S1", "康师傅经销", {"is_customer": False, "is_supplier": True}),
    ):
        r = shop.api.post("/partners", {"code": code, "name": name, **extra})
        assert r.status_code == 201, r.text
        s.partner[code] = r.json()["id"]
    r = shop.api.post("/accounts", {"code": "CASH", "name": "现金", "kind": "cash"})
    assert r.status_code == 201, r.text
    s.account["CASH"] = r.json()["id"]
    # 100 COLA at 2.00 (value 200.00) in A; MILK in two lots, the later one first in the document.
    shop.post("opening", [shop.line("COLA", "100", "2.00")], day="2026-11-01")
    shop.post(
        "opening",
        [
            shop.line("MILK", "10", "3.00", lot_no="L2", expiry_date="2027-03-01"),
            shop.line("MILK", "5", "3.00", lot_no="L1", expiry_date="2027-01-01"),
        ],
        day="2026-11-01",
    )
    return s
