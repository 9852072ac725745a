"""Builders for the retail tests: the pricing shop (COLA 3.00 retail, min 2.00, VIP 2.80; lot-tracked MILK)
with stock on hand and tender accounts 现金 (cash), 微信 (wechat) and 刷卡 (bank)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from httpx import Response

from tests.api.pricing.conftest import Prices
from tests.api.pricing.conftest import prices as prices
from tests.api.pricing.conftest import shop as shop
from tests.helpers import Api


@dataclass
class Counter:
    p: Prices
    account: dict[str, int] = field(default_factory=dict)

    @property
    def api(self) -> Api:
        return self.p.api

    def line(
        self, code: str, qty: str, price: str | None = None, unit: str = "瓶", **extra: Any
    ) -> dict[str, Any]:
        out: dict[str, Any] = {
            "sku_id": self.p.shop.sku[code],
            "unit_id": self.p.shop.units[unit],
            "qty": qty,
        }
        if price is not None:
            out["price"] = price
        return out | extra

    def pay(self, *tenders: tuple[str, str]) -> list[dict[str, Any]]:
        return [{"account_id": self.account[a], "amount": x} for a, x in tenders]

    def sell_raw(
        self,
        lines: list[dict[str, Any]],
        payments: list[dict[str, Any]],
        api: Api | None = None,
        **extra: Any,
    ) -> Response:
        body = {"warehouse_id": self.p.shop.wh["A"], "business_date": "2026-11-20", "lines": lines}
        return (api or self.api).post("/retail/tickets", body | {"payments": payments} | extra)

    def sell(self, lines: list[dict[str, Any]], *tenders: tuple[str, str], **extra: Any) -> dict[str, Any]:
        r = self.sell_raw(lines, self.pay(*tenders), **extra)
        assert r.status_code == 201, r.text
        return r.json()

    def on_hand(self, code: str, wh: str = "A") -> Decimal:
        return Decimal(self.p.shop.balance(code, wh)[0])

    def cash(self, account: str) -> Decimal:
        r = self.api.get("/account-balances")
        assert r.status_code == 200, r.text
        rows = [a for a in r.json()["items"] if a["account_id"] == self.account[account]]
        return Decimal(rows[0]["balance"]) if rows else Decimal(0)

    def problems(self) -> list[str]:
        from jxc.finance.integrity import problems as money_problems
        from jxc.inventory.integrity import problems as stock_problems

        with self.api.db.transaction(writer=False, company_id=1) as s:
            return stock_problems(s) + money_problems(s)


@pytest.fixture
def counter(prices: Prices) -> Counter:
    c = Counter(prices)
    for code, name, kind in (("CASH", "现金", "cash"), ("WX", "微信", "wechat"), ("CARD", "刷卡", "bank")):
        r = prices.api.post("/accounts", {"code": code, "name": name, "kind": kind})
        assert r.status_code == 201, r.text
        c.account[code] = r.json()["id"]
    prices.set_prices(
        "COLA", retail_price="3.00", wholesale_price="2.50", min_price="2.00", levels={"VIP": "2.80"}
    )
    prices.set_prices("MILK", retail_price="5.00")
    shop = prices.shop
    shop.post("opening", [shop.line("COLA", "100", "2.00")], day="2026-11-01")
    shop.post(
        "opening",
        [
            shop.line("MILK", "5", "4.00", lot_no="L-LATE", expiry_date="2027-03-01"),
            shop.line("MILK", "5", "3.00", lot_no="L-SOON", expiry_date="2026-12-01"),
        ],
        day="2026-11-01",
    )
    return c
