"""Builders for the inventory tests: a shop with two warehouses, products in 瓶 (箱 = 24), one lot-tracked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.helpers import Api

PATHS = {
    "opening": "/opening-stocks",
    "other_in": "/other-receipts",
    "other_out": "/other-issues",
    "transfer": "/stock-transfers",
}


@dataclass
class Shop:
    api: Api
    units: dict[str, int] = field(default_factory=dict)
    wh: dict[str, int] = field(default_factory=dict)
    sku: dict[str, int] = field(default_factory=dict)

    def product(self, code: str, name: str, *, tracking: str = "none", barcode: str | None = None) -> int:
        sku: dict[str, Any] = {}
        if barcode:
            sku["barcodes"] = [{"barcode": barcode, "unit_id": self.units["瓶"]}]
        r = self.api.post(
            "/products",
            {
                "code": code,
                "name": name,
                "base_unit_id": self.units["瓶"],
                "units": [{"unit_id": self.units["箱"], "ratio": "24"}],
                "tracking": tracking,
                "shelf_life_days": 365 if tracking == "lot" else None,
                "skus": [sku],
            },
        )
        assert r.status_code == 201, r.text
        self.sku[code] = r.json()["skus"][0]["id"]
        return self.sku[code]

    def line(
        self, code: str, qty: str, cost: str | None = None, unit: str = "瓶", **extra: Any
    ) -> dict[str, Any]:
        out: dict[str, Any] = {"sku_id": self.sku[code], "unit_id": self.units[unit], "qty": qty, **extra}
        if cost is not None:
            out["unit_cost"] = cost
        return out

    def draft(
        self, kind: str, lines: list[dict[str, Any]], day: str = "2026-11-20", wh: str = "A", **extra: Any
    ) -> dict[str, Any]:
        body = {"business_date": day, "warehouse_id": self.wh[wh], "lines": lines, **extra}
        if kind == "transfer" and "to_warehouse_id" not in body:
            body["to_warehouse_id"] = self.wh["B"]
        r = self.api.post(PATHS[kind], body)
        assert r.status_code == 201, r.text
        return r.json()

    def act(self, kind: str, doc_id: int, action: str, body: Any = None) -> Any:
        return self.api.post(f"{PATHS[kind]}/{doc_id}/{action}", body)

    def post(
        self, kind: str, lines: list[dict[str, Any]], day: str = "2026-11-20", wh: str = "A", **extra: Any
    ) -> dict[str, Any]:
        doc = self.draft(kind, lines, day, wh, **extra)
        r = self.act(kind, doc["id"], "approve")
        assert r.status_code == 200, r.text
        return r.json()

    def balance(self, code: str, wh: str = "A") -> tuple[str, str]:
        r = self.api.get(
            "/stock-balances", params={"warehouse_id": self.wh[wh], "q": code, "nonzero": "false"}
        )
        assert r.status_code == 200, r.text
        rows = [b for b in r.json()["items"] if b["sku_id"] == self.sku[code]]
        if not rows:
            return ("0", "0.00")
        return (rows[0]["on_hand"], rows[0]["value"])

    def verify(self) -> list[str]:
        from jxc.inventory.integrity import problems

        with self.api.db.transaction(writer=False, company_id=1) as s:
            return problems(s)


@pytest.fixture
def shop(api: Api) -> Shop:
    s = Shop(api)
    for name in ("瓶", "箱"):
        r = api.post("/units", {"name": name, "allow_fraction": False})
        assert r.status_code == 201, r.text
        s.units[name] = r.json()["id"]
    for code in ("A", "B"):
        r = api.post("/warehouses", {"code": code, "name": f"{code}仓"})
        assert r.status_code == 201, r.text
        s.wh[code] = r.json()["id"]
    s.product("COLA", "可口可乐", barcode="6901234567892")
    s.product("MILK", "纯牛奶", tracking="lot")
    return s
