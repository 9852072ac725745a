"""What the stock queries return: balances and totals, availability, lots, ledger pages, alerts, expiry."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from jxc.common.schemas import CostField, Money, Price, Qty, ReadModel


class StockBalanceRead(ReadModel):
    sku_id: int
    sku_code: str
    product_id: int
    product_name: str
    spec: str
    attributes_text: str
    base_unit_name: str
    category_name: str | None
    warehouse_id: int
    warehouse_name: str
    lot_id: int | None
    lot_no: str
    expiry_date: date | None
    on_hand: Qty
    reserved: Qty
    available: Qty
    incoming: Qty
    unit_cost: Price | None = CostField()
    value: Money | None = CostField()


class StockTotals(ReadModel):
    on_hand: Qty
    value: Money | None = CostField()


class Availability(ReadModel):
    sku_id: int
    on_hand: Qty
    reserved: Qty
    available: Qty
    incoming: Qty


class LotStock(ReadModel):
    lot_id: int
    lot_no: str
    production_date: date | None
    expiry_date: date | None
    on_hand: Qty


class LotPick(ReadModel):
    lot_id: int
    lot_no: str
    expiry_date: date | None
    qty: Qty


class StockMoveRead(ReadModel):
    id: int
    business_date: date
    kind: str
    doc_kind: str
    doc_id: int
    doc_number: str
    warehouse_id: int
    warehouse_name: str
    lot_no: str
    qty_in: Qty
    qty_out: Qty
    balance_qty: Qty
    unit_cost: Price | None = CostField()
    value: Money | None = CostField()
    balance_value: Money | None = CostField()
    created_at: Any
    created_by_name: str | None


class StockMovePage(ReadModel):
    # A ReadModel (not Page) so the cost field at page level is dropped too without cost.view.
    items: list[StockMoveRead]
    total: int
    page: int
    page_size: int
    opening_qty: Qty
    opening_value: Money | None = CostField()


class AlertRead(ReadModel):
    sku_id: int
    sku_code: str
    product_name: str
    spec: str
    base_unit_name: str
    warehouse_id: int
    warehouse_name: str
    on_hand: Qty
    min_qty: Qty | None
    max_qty: Qty | None
    kind: Literal["low", "high"]
    suggested_qty: Qty


class AlertCount(BaseModel):
    low: int
    high: int


class ExpiryRead(ReadModel):
    sku_id: int
    sku_code: str
    product_name: str
    spec: str
    warehouse_id: int
    warehouse_name: str
    lot_id: int
    lot_no: str
    production_date: date | None
    expiry_date: date
    days_left: int
    on_hand: Qty
