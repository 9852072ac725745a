"""API shapes of price lists, promotions, the price default and quotes (docs/contracts/sales-api.md, "Price
default and promotions"). Sales prices are what customers see: shown to whoever may read these; stock value
(§) of the slow movers is a `CostField`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from jxc.common.schemas import CostField, InputModel, Money, Price, Qty, ReadModel

Kind = Literal["percent_off", "fixed_price", "buy_n_get_m", "markdown"]
Scope = Literal["all", "category", "sku"]
Channel = Literal["sales", "retail"]
Day = date  # a field below is called `date`
Source = Literal["price_list", "level", "last", "retail", "wholesale", "none"]


class PriceListItemWrite(InputModel):
    sku_id: int
    unit_id: int
    price: Price = Field(ge=0)


class PriceListWrite(InputModel):
    name: str = Field(min_length=1, max_length=64)
    price_level_id: int | None = None  # none: every customer
    date_from: date
    date_to: date | None = None
    is_active: bool = True
    remark: str = Field(default="", max_length=200)
    items: list[PriceListItemWrite] = Field(default_factory=list, max_length=20000)


class PriceListUpdate(PriceListWrite):
    version: int


class PriceListItemRead(ReadModel):
    id: int
    sku_id: int
    sku_code: str
    product_name: str
    spec: str
    attributes_text: str
    unit_id: int
    unit_name: str
    price: Price


class PriceListSummary(ReadModel):
    id: int
    name: str
    price_level_id: int | None
    price_level_name: str | None
    date_from: date
    date_to: date | None
    is_active: bool
    valid_today: bool
    remark: str
    item_count: int
    version: int
    updated_at: datetime


class PriceListRead(PriceListSummary):
    items: list[PriceListItemRead]


class PriceListImportError(ReadModel):
    row: int  # spreadsheet row; 0 for the whole file
    column: str
    message: str


class PriceListImportResult(ReadModel):
    total: int
    imported: int  # items added or changed (0 when anything was wrong: all or nothing)
    errors: list[PriceListImportError]


class PromotionItemWrite(InputModel):
    sku_id: int | None = None
    category_id: int | None = None
    fixed_price: Price | None = None  # fixed_price: per base unit


class PromotionWrite(InputModel):
    name: str = Field(min_length=1, max_length=64)
    kind: Kind
    scope: Scope = "sku"
    date_from: date
    date_to: date
    percent_off: Money | None = None
    buy_qty: Qty | None = None
    free_qty: Qty | None = None
    retail_only: bool = False
    is_active: bool = True
    remark: str = Field(default="", max_length=200)
    items: list[PromotionItemWrite] = Field(default_factory=list, max_length=5000)


class PromotionUpdate(PromotionWrite):
    version: int


class PromotionItemRead(ReadModel):
    id: int
    sku_id: int | None
    sku_code: str | None
    product_name: str | None
    category_id: int | None
    category_name: str | None
    fixed_price: Price | None


class PromotionSummary(ReadModel):
    id: int
    name: str
    kind: Kind
    scope: Scope
    date_from: date
    date_to: date
    percent_off: Money | None
    buy_qty: Qty | None
    free_qty: Qty | None
    retail_only: bool
    is_active: bool
    valid_today: bool
    text: str  # what a ticket line shows
    remark: str
    item_count: int
    version: int
    updated_at: datetime


class PromotionRead(PromotionSummary):
    used: bool  # a sales line names it: it can no longer be deleted, only switched off
    items: list[PromotionItemRead]


class PromotionHint(ReadModel):
    id: int
    name: str
    text: str
    price: Price | None  # the price for one unit under it; null for 买N送M
    free_qty: Qty


class SalesPriceDefaultRead(ReadModel):
    price: Price | None
    source: Source
    min_price: Price | None
    last_date: date | None
    last_number: str | None
    promotion: PromotionHint | None


class QuoteLineWrite(InputModel):
    sku_id: int
    unit_id: int
    qty: Qty = Field(gt=0)
    price: Price | None = Field(default=None, ge=0)


class QuoteWrite(InputModel):
    customer_id: int | None = None
    channel: Channel = "sales"
    date: Day | None = None  # today
    lines: list[QuoteLineWrite] = Field(min_length=1, max_length=2000)


class QuoteLine(ReadModel):
    index: int
    list_price: Price | None
    price: Price | None
    source: Literal["price_list", "level", "last", "retail", "wholesale", "none", "given"]
    promotion_id: int | None
    promotion_text: str
    free_qty: Qty
    min_price: Price | None


class QuoteRead(ReadModel):
    lines: list[QuoteLine]


class SlowMover(ReadModel):
    sku_id: int
    sku_code: str
    product_id: int
    product_name: str
    spec: str
    attributes_text: str
    base_unit_name: str
    on_hand: Qty
    value: Money | None = CostField()
    last_sale_date: date | None
    days_since_sale: int | None
