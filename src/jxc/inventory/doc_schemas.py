"""API shapes of the inventory documents (docs/contracts/inventory-api.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from jxc.common.schemas import CostField, InputModel, Money, Price, Qty, ReadModel

DocKind = Literal["opening", "other_in", "other_out", "transfer"]
Status = Literal["draft", "approved", "reversed", "void"]
IN_REASONS = ("found", "gift", "sample", "return", "production", "other")
OUT_REASONS = ("loss", "use", "gift", "sample", "other")


class StockDocLineWrite(InputModel):
    sku_id: int
    unit_id: int
    qty: Qty = Field(gt=0)
    lot_no: str = Field(default="", max_length=64)
    production_date: date | None = None
    expiry_date: date | None = None
    unit_cost: Price | None = Field(default=None, ge=0)
    remark: str = Field(default="", max_length=200)


class StockDocWrite(InputModel):
    business_date: date
    warehouse_id: int
    to_warehouse_id: int | None = None
    reason: str = Field(default="", max_length=16)
    remark: str = Field(default="", max_length=500)
    lines: list[StockDocLineWrite] = Field(min_length=1, max_length=2000)


class StockDocUpdate(StockDocWrite):
    version: int


class StockDocLineRead(ReadModel):
    id: int
    line_no: int
    sku_id: int
    sku_code: str
    product_id: int
    product_name: str
    spec: str
    attributes_text: str
    tracking: str
    unit_id: int
    unit_name: str
    qty: Qty
    base_unit_name: str
    base_qty: Qty
    lot_id: int | None
    lot_no: str
    production_date: date | None
    expiry_date: date | None
    unit_cost: Price | None = CostField()
    amount: Money | None = CostField()
    remark: str


class StockDocSummary(ReadModel):
    id: int
    number: str
    kind: DocKind
    business_date: date
    warehouse_id: int
    warehouse_name: str
    to_warehouse_id: int | None
    to_warehouse_name: str | None
    reason: str
    status: Status
    remark: str
    total_qty: Qty
    total_amount: Money | None = CostField()
    version: int
    line_count: int = 0
    created_by_name: str | None
    created_at: datetime
    approved_by_name: str | None
    approved_at: datetime | None
    reversed_by_name: str | None
    reversed_at: datetime | None


class StockDocRead(StockDocSummary):
    lines: list[StockDocLineRead]


class ImportedLine(InputModel):
    sku_id: int
    unit_id: int
    qty: Qty
    lot_no: str = ""
    production_date: date | None = None
    expiry_date: date | None = None
    unit_cost: Price | None = None
    remark: str = ""
    sku_code: str
    product_name: str
    spec: str
    unit_name: str
    tracking: str


class ImportLinesError(ReadModel):
    row: int
    column: str
    message: str


class ImportLinesResult(ReadModel):
    lines: list[ImportedLine]
    errors: list[ImportLinesError]
