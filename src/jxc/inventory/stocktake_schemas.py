"""API shapes of stocktakes (盘点单)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field

from jxc.common.schemas import CostField, InputModel, Money, Price, Qty, ReadModel

LineFilter = Literal["all", "counted", "uncounted", "variance"]


class StocktakeCreate(InputModel):
    warehouse_id: int
    category_id: int | None = None
    business_date: date
    remark: str = Field(default="", max_length=500)


class ScanBody(InputModel):
    code: str = Field(min_length=1, max_length=64)
    qty: Qty = Field(default=Decimal(1), gt=0)
    lot_no: str = Field(default="", max_length=64)


class CountBody(InputModel):
    sku_id: int
    lot_no: str = Field(default="", max_length=64)
    qty: Qty = Field(ge=0)


class CounterQty(ReadModel):
    user_name: str
    qty: Qty


class StocktakeLineRead(ReadModel):
    id: int
    sku_id: int
    sku_code: str
    product_name: str
    spec: str
    attributes_text: str
    base_unit_name: str
    lot_id: int | None
    lot_no: str
    book_qty: Qty
    moved_qty: Qty
    counted_qty: Qty | None
    variance_qty: Qty | None
    unit_cost: Price | None = CostField()
    variance_amount: Money | None = CostField()
    counts: list[CounterQty]


class StocktakeRead(ReadModel):
    id: int
    number: str
    warehouse_id: int
    warehouse_name: str
    category_id: int | None
    category_name: str | None
    business_date: date
    status: Literal["draft", "approved", "reversed", "void"]
    remark: str
    version: int
    frozen_at: datetime
    line_count: int
    counted_count: int
    variance_count: int
    gain_qty: Qty
    loss_qty: Qty
    variance_amount: Money | None = CostField()
    created_by_name: str | None
    created_at: datetime
    approved_by_name: str | None
    approved_at: datetime | None
    reversed_by_name: str | None
    reversed_at: datetime | None
