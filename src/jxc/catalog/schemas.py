"""API shapes of the catalogue (docs/contracts/master-data-api.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from jxc.common.schemas import InputModel, Price, PurchasePriceField, Qty, ReadModel

Tracking = Literal["none", "lot", "serial"]
Name = Field(min_length=1, max_length=120)


class PriceLevelRead(ReadModel):
    id: int
    name: str
    sort_order: int


class PriceLevelCreate(InputModel):
    name: str = Field(min_length=1, max_length=32)
    sort_order: int = Field(default=0, ge=0, le=9999)


class PriceLevelUpdate(InputModel):
    name: str | None = Field(default=None, min_length=1, max_length=32)
    sort_order: int | None = Field(default=None, ge=0, le=9999)


class UnitRead(ReadModel):
    id: int
    name: str
    allow_fraction: bool
    is_active: bool


class UnitCreate(InputModel):
    name: str = Field(min_length=1, max_length=16)
    allow_fraction: bool = False


class UnitUpdate(InputModel):
    name: str | None = Field(default=None, min_length=1, max_length=16)
    allow_fraction: bool | None = None
    is_active: bool | None = None


class CategoryNode(ReadModel):
    id: int
    name: str
    parent_id: int | None
    sort_order: int
    product_count: int
    version: int
    children: list[CategoryNode]


class CategoryCreate(InputModel):
    name: str = Field(min_length=1, max_length=64)
    parent_id: int | None = None
    sort_order: int = Field(default=0, ge=0, le=99999)


class CategoryUpdate(InputModel):
    name: str | None = Field(default=None, min_length=1, max_length=64)
    parent_id: int | None = None
    sort_order: int | None = Field(default=None, ge=0, le=99999)
    version: int


class ProductUnitIn(InputModel):
    unit_id: int
    ratio: Price


class ProductUnitOut(ReadModel):
    unit_id: int
    name: str
    ratio: Price
    allow_fraction: bool
    is_base: bool


class Attribute(InputModel):
    name: str = Field(min_length=1, max_length=16)
    values: list[str] = Field(min_length=1, max_length=50)


class AttributeOut(ReadModel):
    name: str
    values: list[str]


class BarcodeIn(InputModel):
    barcode: str = Field(min_length=1, max_length=64)
    unit_id: int


class BarcodeOut(ReadModel):
    barcode: str
    unit_id: int


class LevelPrice(InputModel):
    price_level_id: int
    price: Price = Field(ge=0)


class LevelPriceOut(ReadModel):
    price_level_id: int
    price: Price


class PriceIn(InputModel):
    unit_id: int
    retail_price: Price | None = Field(default=None, ge=0)
    wholesale_price: Price | None = Field(default=None, ge=0)
    min_price: Price | None = Field(default=None, ge=0)
    purchase_price: Price | None = Field(default=None, ge=0)
    level_prices: list[LevelPrice] = Field(default_factory=list, max_length=50)


class PriceOut(ReadModel):
    unit_id: int
    retail_price: Price | None
    wholesale_price: Price | None
    min_price: Price | None
    purchase_price: Price | None = PurchasePriceField()
    level_prices: list[LevelPriceOut]


class StockLimit(InputModel):
    warehouse_id: int
    min_qty: Qty | None = Field(default=None, ge=0)
    max_qty: Qty | None = Field(default=None, ge=0)


class StockLimitOut(ReadModel):
    warehouse_id: int
    min_qty: Qty | None
    max_qty: Qty | None


class SkuIn(InputModel):
    id: int | None = None
    code: str | None = Field(default=None, max_length=48)
    attributes: dict[str, str] = Field(default_factory=dict)
    is_active: bool = True
    barcodes: list[BarcodeIn] = Field(default_factory=list, max_length=20)
    prices: list[PriceIn] = Field(default_factory=list, max_length=10)
    stock_limits: list[StockLimit] = Field(default_factory=list, max_length=200)


class SkuOut(ReadModel):
    id: int
    code: str
    attributes: dict[str, str]
    attributes_text: str
    is_active: bool
    barcodes: list[BarcodeOut]
    prices: list[PriceOut]
    stock_limits: list[StockLimitOut]


class ProductWrite(InputModel):
    code: str | None = Field(default=None, max_length=40)
    name: str = Name
    spec: str = Field(default="", max_length=120)
    model: str = Field(default="", max_length=120)
    brand: str = Field(default="", max_length=64)
    category_id: int | None = None
    base_unit_id: int
    mnemonic: str | None = Field(default=None, max_length=120)
    tracking: Tracking = "none"
    shelf_life_days: int | None = Field(default=None, ge=1, le=36500)
    location: str = Field(default="", max_length=40)  # 货位
    default_supplier_id: int | None = None
    image_url: str | None = Field(default=None, max_length=500)
    remark: str = Field(default="", max_length=500)
    is_active: bool = True
    units: list[ProductUnitIn] = Field(default_factory=list, max_length=10)
    attributes: list[Attribute] = Field(default_factory=list, max_length=3)
    skus: list[SkuIn] = Field(default_factory=list, max_length=1000)


class ProductUpdate(ProductWrite):
    version: int


class ProductRead(ReadModel):
    id: int
    code: str
    name: str
    spec: str
    model: str
    brand: str
    category_id: int | None
    category_name: str | None
    base_unit_id: int
    mnemonic: str
    mnemonic_alternatives: list[str]
    tracking: Tracking
    shelf_life_days: int | None
    location: str
    default_supplier_id: int | None
    image_url: str | None
    remark: str
    is_active: bool
    version: int
    created_at: datetime
    units: list[ProductUnitOut]
    attributes: list[AttributeOut]
    skus: list[SkuOut]


class ProductListItem(ReadModel):
    id: int
    code: str
    name: str
    spec: str
    model: str
    brand: str
    category_id: int | None
    category_name: str | None
    base_unit_name: str
    mnemonic: str
    barcodes: list[str]
    retail_price: Price | None
    wholesale_price: Price | None
    purchase_price: Price | None = PurchasePriceField()
    sku_count: int
    tracking: Tracking
    is_active: bool


class UnitRef(ReadModel):
    unit_id: int
    name: str
    ratio: Price


class SkuPick(ReadModel):
    sku_id: int
    product_id: int
    code: str
    name: str
    spec: str
    model: str
    attributes_text: str
    base_unit_id: int
    base_unit_name: str
    units: list[UnitRef]
    barcode: str | None
    retail_price: Price | None
    wholesale_price: Price | None
    min_price: Price | None
    purchase_price: Price | None = PurchasePriceField()
    tracking: Tracking


class BarcodeHit(ReadModel):
    sku: SkuPick
    unit_id: int
    ratio: Price


class PinyinRead(ReadModel):
    initials: list[str]
    full: str
