"""API shapes of the retail counter (docs/contracts/sales-api.md, "Retail counter").

A ticket reads as a sales document (SalesDocRead) plus its tenders and the receipt block the 58/80 mm print
uses. Cost and profit (§) are `CostField`s of the sales shapes: absent without `cost.view`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field

from jxc.common.schemas import InputModel, Money, Price, Qty, ReadModel
from jxc.sales.schemas import SalesDocRead, SalesDocSummary

TicketKind = Literal["retail", "retail_return"]
Method = Literal["cash", "wechat", "alipay", "card", "other"]


class TicketLineWrite(InputModel):
    sku_id: int
    unit_id: int
    qty: Qty = Field(gt=0)
    price: Price | None = Field(default=None, ge=0)
    # 0–100 is checked by the line builder (`discount_invalid` on the line, which the counter highlights).
    discount_rate: Money = Decimal(0)
    remark: str = Field(default="", max_length=200)


class TenderWrite(InputModel):
    account_id: int
    amount: Money = Field(gt=0)


class TicketWrite(InputModel):
    warehouse_id: int
    customer_id: int | None = None  # the member (会员), if any
    channel_id: int | None = None
    business_date: date | None = None  # today
    lines: list[TicketLineWrite] = Field(min_length=1, max_length=500)
    discount_amount: Money = Field(default=Decimal(0), ge=0)  # 整单优惠
    payments: list[TenderWrite] = Field(default_factory=list, max_length=10)
    remark: str = Field(default="", max_length=500)
    # The 应收 the cashier saw and took payment for: a ticket that prices to another amount (a price or
    # promotion changed since the screen asked) is refused rather than sold at a figure nobody confirmed.
    expected_total: Money | None = Field(default=None, ge=0)


class ReturnLineWrite(InputModel):
    source_line_id: int
    qty: Qty = Field(gt=0)  # in the ticket line's unit


class ReturnWrite(InputModel):
    ticket_id: int
    business_date: date | None = None  # today
    lines: list[ReturnLineWrite] = Field(min_length=1, max_length=500)
    payments: list[TenderWrite] = Field(default_factory=list, max_length=10)
    remark: str = Field(default="", max_length=500)


class ReverseBody(InputModel):
    business_date: date | None = None  # the ticket's date


class PaymentRead(ReadModel):
    account_id: int
    account_name: str
    method: Method
    amount: Money


class ReceiptLine(ReadModel):
    name: str
    qty: Qty
    unit_name: str
    price: Price
    total: Money
    promotion_text: str


class ReceiptTotals(ReadModel):
    total_qty: Qty  # base units
    line_count: int
    list_amount: Money  # Σ qty × list price: what it would have cost without promotions and discounts
    saved_amount: Money  # list_amount − total_amount (优惠合计)
    discount_amount: Money  # 整单优惠
    total_amount: Money


class ReceiptPayment(ReadModel):
    method: Method
    account_name: str
    amount: Money


class Receipt(ReadModel):
    company_name: str
    warehouse_name: str
    cashier_name: str
    member_name: str | None
    number: str
    business_date: date
    sold_at: datetime | None
    lines: list[ReceiptLine]
    totals: ReceiptTotals
    payments: list[ReceiptPayment]
    tendered: Money
    change: Money


class RetailTicketSummary(SalesDocSummary):
    tendered_amount: Money
    change_amount: Money


class RetailTicketRead(SalesDocRead):
    tendered_amount: Money
    change_amount: Money
    payments: list[PaymentRead]
    receipt: Receipt
