"""Builders shared by the master-data tests."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import Api


@pytest.fixture
def units(api: Api) -> dict[str, int]:
    out = {}
    for name, frac in (("瓶", False), ("箱", False), ("千克", True), ("件", False)):
        r = api.post("/units", {"name": name, "allow_fraction": frac})
        assert r.status_code == 201, r.text
        out[name] = r.json()["id"]
    return out


def cola(u: dict[str, int], /, **extra: Any) -> dict[str, Any]:
    """可口可乐 330ml: 瓶, 箱 = 24 瓶, a barcode on each."""
    body: dict[str, Any] = {
        "name": "可口可乐 330ml",
        "spec": "330ml",
        "brand": "可口可乐",
        "base_unit_id": u["瓶"],
        "units": [{"unit_id": u["箱"], "ratio": "24"}],
        "skus": [
            {
                "barcodes": [
                    {"barcode": "6901234567892", "unit_id": u["瓶"]},
                    {"barcode": "16901234567899", "unit_id": u["箱"]},
                ],
                "prices": [
                    {
                        "unit_id": u["瓶"],
                        "retail_price": "3.50",
                        "wholesale_price": "2.80",
                        "purchase_price": "2.10",
                    },
                    {"unit_id": u["箱"], "retail_price": "80.00"},
                ],
            }
        ],
    }
    body.update(extra)
    return body
