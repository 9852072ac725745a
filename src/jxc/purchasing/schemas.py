"""API shapes of the purchase documents (docs/contracts/purchasing-api.md).

Purchase prices and amounts are declared with `PurchasePriceField` (common/schemas): a user sees them with
`purchase.price.view` (purchasing staff) or `cost.view` (whoever sees costs anyway) — without either, they are
absent."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field

from jxc.common.schemas import (
    CURRENCY_PATTERN,
    InputModel,
    Money,
    Price,
    PurchasePriceField,
    Qty,
    ReadModel,
)

DocKind = Literal["order", "receipt", "return"]
Status = Literal["draft", "approved", "closed", "reversed", "void"]
ReceiveStatus = Literal["none", "partial", "full", "closed", ""]


class PurchaseLineWrite(InputModel):
    sku_id: int
    unit_id: int
    qty: Qty = Field(ge=0)
    rejected_qty: Qty = Field(default=Decimal(0), ge=0)
    price: Price | None = Field(default=None, ge=0)
    discount_rate: Money = Field(default=Decimal(0), ge=0, le=100)
    tax_rate: Money = Field(default=Decimal(0), ge=0, le=100)
    lot_no: str = Field(default="", max_length=64)
    production_date: date | None = None
    expiry_date: date | None = None
    source_line_id: int | None = None
    remark: str = Field(default="", max_length=200)


class PurchaseDocWrite(InputModel):
    business_date: date
    supplier_id: int
    warehouse_id: int
    buyer_id: int | None = None
    expected_date: date | None = None
    currency: str | None = Field(default=None, pattern=CURRENCY_PATTERN)
    rate: Price | None = Field(default=None, gt=0)
    remark: str = Field(default="", max_length=500)
    paid_amount: Money = Field(default=Decimal(0), ge=0)
    account_id: int | None = None
    lines: list[PurchaseLineWrite] = Field(min_length=1, max_length=2000)


class PurchaseDocUpdate(PurchaseDocWrite):
    version: int


class DocLink(ReadModel):
    id: int
    number: str
    kind: DocKind
    status: Status


class PurchaseLineRead(ReadModel):
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
    rejected_qty: Qty
    base_unit_name: str
    base_qty: Qty
    price: Price | None = PurchasePriceField()
    discount_rate: Money
    tax_rate: Money
    net_price: Price | None = PurchasePriceField()
    amount: Money | None = PurchasePriceField()
    tax_amount: Money | None = PurchasePriceField()
    total: Money | None = PurchasePriceField()
    lot_id: int | None
    lot_no: str
    production_date: date | None
    expiry_date: date | None
    source_line_id: int | None
    source_number: str | None
    done_qty: Qty
    remaining_qty: Qty
    remark: str


class PurchaseDocSummary(ReadModel):
    id: int
    number: str
    kind: DocKind
    business_date: date
    supplier_id: int
    supplier_name: str
    warehouse_id: int
    warehouse_name: str
    buyer_id: int | None
    buyer_name: str | None
    expected_date: date | None
    currency: str
    rate: Price
    status: Status
    receive_status: ReceiveStatus
    remark: str
    total_qty: Qty
    rejected_qty: Qty
    amount: Money | None = PurchasePriceField()
    tax_amount: Money | None = PurchasePriceField()
    total_amount: Money | None = PurchasePriceField()
    paid_amount: Money | None = PurchasePriceField()
    account_id: int | None
    account_name: str | None
    overdue: bool
    version: int
    line_count: int = 0
    created_by_name: str | None
    created_at: datetime
    approved_by_name: str | None
    approved_at: datetime | None
    reversed_by_name: str | None
    reversed_at: datetime | None
    closed_by_name: str | None
    closed_at: datetime | None


class PurchaseDocRead(PurchaseDocSummary):
    sources: list[DocLink]
    followers: list[DocLink]
    lines: list[PurchaseLineRead]


class OpenOrderLine(ReadModel):
    order_id: int
    order_number: str
    business_date: date
    expected_date: date | None
    warehouse_id: int
    warehouse_name: str
    line_id: int
    sku_id: int
    sku_code: str
    product_name: str
    spec: str
    tracking: str
    unit_id: int
    unit_name: str
    ratio: Price
    qty: Qty
    base_qty: Qty
    received_qty: Qty
    remaining_qty: Qty
    remaining_unit_qty: Qty
    price: Price | None = PurchasePriceField()
    discount_rate: Money
    tax_rate: Money


class OverdueOrder(PurchaseDocSummary):
    days_overdue: int


class OverdueCount(ReadModel):
    count: int


class PriceDefaultRead(ReadModel):
    price: Price | None = PurchasePriceField()
    source: Literal["last", "reference", "none"]
    last_date: date | None
    last_number: str | None


class ReturnableLine(ReadModel):
    receipt_id: int
    receipt_number: str
    business_date: date
    line_id: int
    sku_id: int
    sku_code: str
    product_name: str
    spec: str
    tracking: str
    unit_id: int
    unit_name: str
    ratio: Price
    lot_no: str
    qty: Qty
    returned_qty: Qty
    returnable_qty: Qty
    price: Price | None = PurchasePriceField()
    discount_rate: Money
    tax_rate: Money
