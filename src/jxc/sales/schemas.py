"""API shapes of the sales documents (docs/contracts/sales-api.md, "Sales documents").

Sales prices and amounts are what the customer sees and are shown to every user who sees the document; the
cost fields (§: cost_amount, profit_amount) are `CostField`s, dropped for users without `cost.view`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field

from jxc.common.schemas import CURRENCY_PATTERN, CostField, InputModel, Money, Price, Qty, ReadModel

DocKind = Literal["order", "delivery", "return"]
Status = Literal["draft", "approved", "closed", "reversed", "void"]
DeliverStatus = Literal["none", "partial", "full", "closed", ""]
TimelineEventKind = Literal["approved", "delivered_partly", "delivered", "paid", "closed", "returned"]


class SalesLineWrite(InputModel):
    sku_id: int
    unit_id: int
    qty: Qty = Field(gt=0)
    price: Price | None = Field(default=None, ge=0)
    # 0–100 is checked by the service (`discount_invalid`, a per-line error the editor can show).
    discount_rate: Money = Decimal(0)
    tax_rate: Money = Field(default=Decimal(0), ge=0, le=100)
    lot_no: str = Field(default="", max_length=64)
    source_line_id: int | None = None
    remark: str = Field(default="", max_length=200)


class SalesDocWrite(InputModel):
    business_date: date
    customer_id: int
    warehouse_id: int
    channel_id: int | None = None
    salesperson_id: int | None = None
    expected_date: date | None = None
    currency: str | None = Field(default=None, pattern=CURRENCY_PATTERN)
    rate: Price | None = Field(default=None, gt=0)
    remark: str = Field(default="", max_length=500)
    paid_amount: Money = Field(default=Decimal(0), ge=0)
    account_id: int | None = None
    lines: list[SalesLineWrite] = Field(min_length=1, max_length=2000)


class SalesDocUpdate(SalesDocWrite):
    version: int


class SourceLink(ReadModel):
    id: int
    number: str
    kind: str


class SalesDocLink(SourceLink):
    status: Status


class TimelineEvent(ReadModel):
    at: datetime | None
    event: TimelineEventKind
    number: str | None


class SalesLineRead(ReadModel):
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
    list_price: Price
    price: Price
    discount_rate: Money
    tax_rate: Money
    net_price: Price
    total: Money
    amount: Money
    tax_amount: Money
    cost_amount: Money | None = CostField()
    profit_amount: Money | None = CostField()
    promotion_id: int | None
    promotion_text: str
    below_min_price: bool
    lot_id: int | None
    lot_no: str
    source_line_id: int | None
    source_number: str | None
    done_qty: Qty
    remaining_qty: Qty
    available_qty: Qty
    remark: str


class SalesDocSummary(ReadModel):
    id: int
    number: str
    kind: str
    business_date: date
    customer_id: int | None
    customer_name: str
    warehouse_id: int
    warehouse_name: str
    channel_id: int | None
    channel_name: str | None
    salesperson_id: int | None
    salesperson_name: str | None
    expected_date: date | None
    currency: str
    rate: Price
    status: Status
    deliver_status: DeliverStatus
    remark: str
    total_qty: Qty
    amount: Money
    tax_amount: Money
    total_amount: Money
    discount_amount: Money
    paid_amount: Money
    account_id: int | None
    account_name: str | None
    cost_amount: Money | None = CostField()
    profit_amount: Money | None = CostField()
    credit_warning: str
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


class SalesDocRead(SalesDocSummary):
    sources: list[SourceLink]
    followers: list[SalesDocLink]
    timeline: list[TimelineEvent]
    lines: list[SalesLineRead]


class SalesOpenOrderLine(ReadModel):
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
    delivered_qty: Qty
    remaining_qty: Qty
    remaining_unit_qty: Qty
    price: Price
    discount_rate: Money
    tax_rate: Money


class SalesReturnableLine(ReadModel):
    delivery_id: int
    delivery_number: str
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
    price: Price
    discount_rate: Money
    tax_rate: Money


class PickLot(ReadModel):
    lot_id: int
    lot_no: str
    expiry_date: date | None
    qty: Qty


class PickingLine(ReadModel):
    line_no: int
    sku_id: int
    sku_code: str
    product_name: str
    spec: str
    attributes_text: str
    location: str = ""  # 货位
    unit_name: str
    qty: Qty
    base_unit_name: str
    base_qty: Qty
    on_hand: Qty
    lot_no: str
    lots: list[PickLot]
    short_qty: Qty  # what the lots in stock do not cover (lot-tracked SKUs)
    remark: str


class PickingList(ReadModel):
    id: int
    number: str
    business_date: date
    customer_name: str
    warehouse_id: int
    warehouse_name: str
    remark: str
    lines: list[PickingLine]
