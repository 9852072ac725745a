"""API shapes of sales channels, the customer record and customer handover (docs/contracts/sales-api.md,
"Customers and channels")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from jxc.common.schemas import CostField, InputModel, Money, Price, Qty, ReadModel


class SalesChannelRead(ReadModel):
    id: int
    name: str
    sort_order: int
    is_active: bool


class SalesChannelCreate(InputModel):
    name: str = Field(min_length=1, max_length=32)
    sort_order: int = Field(default=0, ge=0, le=100000)
    is_active: bool = True


class SalesChannelUpdate(InputModel):
    name: str | None = Field(default=None, min_length=1, max_length=32)
    sort_order: int | None = Field(default=None, ge=0, le=100000)
    is_active: bool | None = None


class RecordDocument(ReadModel):
    id: int
    kind: str
    number: str
    business_date: date
    status: str
    total_amount: Money
    deliver_status: str


class RecordPayment(ReadModel):
    doc_number: str
    date: date
    amount: Money


class LastPrice(ReadModel):
    sku_id: int
    sku: str
    product_name: str
    unit_id: int
    unit: str
    price: Price
    date: date
    number: str


class TopProduct(ReadModel):
    sku_id: int
    sku_code: str
    product_name: str
    qty: Qty  # base units, sold less returned
    amount: Money  # base currency incl. tax, sold less returned


class CustomerRecord(ReadModel):
    customer_id: int
    customer_name: str
    salesperson_id: int | None
    salesperson_name: str | None
    sold_amount: Money  # Σ deliveries + tickets − returns, base currency incl. tax
    outstanding: Money  # the ar balance now, base currency
    open_orders: Money = Decimal(
        "0.00"
    )  # what approved orders have yet to deliver (counts against the limit)
    credit_limit: Money | None
    overdue_amount: Money
    profit_amount: Money | None = CostField()
    documents: list[RecordDocument]
    payments: list[RecordPayment]
    last_prices: list[LastPrice]
    top_products: list[TopProduct]


class Handover(InputModel):
    from_user_id: int
    to_user_id: int
    customer_ids: list[int] | None = Field(default=None, max_length=10000)


class HandoverResult(ReadModel):
    moved: int
