"""API shapes of supplier records and replenishment (docs/contracts/purchasing-api.md)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from jxc.common.schemas import InputModel, Money, Price, PurchasePriceField, Qty, ReadModel
from jxc.purchasing.schemas import PurchaseDocSummary


class Delivery(ReadModel):
    receipt_id: int
    number: str
    business_date: date
    order_numbers: list[str]
    qty: Qty
    rejected_qty: Qty
    total: Money | None = PurchasePriceField()
    on_time: bool | None


class SupplierRecord(ReadModel):
    supplier_id: int
    supplier_name: str
    purchased_amount: Money | None = PurchasePriceField()
    outstanding_amount: Money
    order_count: int
    receipt_count: int
    delivered_qty: Qty
    rejected_qty: Qty
    quality_rate: Qty | None
    on_time_rate: Qty | None
    deliveries: list[Delivery]


class PricePoint(ReadModel):
    business_date: date
    doc_number: str
    kind: str
    sku_id: int
    sku_code: str
    product_name: str
    unit_name: str
    price: Price | None = PurchasePriceField()
    net_price: Price | None = PurchasePriceField()
    qty: Qty


class ProposalLine(ReadModel):
    sku_id: int
    sku_code: str
    product_name: str
    spec: str
    warehouse_id: int
    warehouse_name: str
    unit_id: int
    unit_name: str
    on_hand: Qty
    reserved: Qty  # held by approved sales orders
    incoming: Qty
    min_qty: Qty | None  # None: no minimum set, proposed for sales orders short of stock
    max_qty: Qty | None
    proposed_qty: Qty
    price: Price | None = PurchasePriceField()
    reason: Literal["below_min", "sales_shortage"]


class ProposalGroup(ReadModel):
    supplier_id: int | None
    supplier_name: str | None
    lines: list[ProposalLine]


class Proposals(ReadModel):
    groups: list[ProposalGroup]


class ProposalOrderLine(InputModel):
    supplier_id: int
    warehouse_id: int
    sku_id: int
    unit_id: int
    qty: Qty = Field(gt=0)
    price: Price | None = Field(default=None, ge=0)


class ProposalOrders(InputModel):
    business_date: date | None = None
    lines: list[ProposalOrderLine] = Field(min_length=1, max_length=2000)


class CreatedOrders(ReadModel):
    orders: list[PurchaseDocSummary]
