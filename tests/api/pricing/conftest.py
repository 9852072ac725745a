"""Builders for the pricing tests: the inventory shop (瓶, 箱 = 24; COLA, lot-tracked MILK) with catalogue
prices, a price level 会员价 (VIP), customers with and without it, and categories 饮料 › 碳酸饮料 (COLA)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from jxc.catalog.models import Product, SkuLevelPrice, SkuPrice
from jxc.pricing.models import PriceList, PriceListItem, Promotion, PromotionItem
from tests.api.inventory.conftest import Shop
from tests.api.inventory.conftest import shop as shop
from tests.helpers import Api, company_id


@dataclass
class Prices:
    shop: Shop
    level: dict[str, int] = field(default_factory=dict)
    partner: dict[str, int] = field(default_factory=dict)
    category: dict[str, int] = field(default_factory=dict)

    @property
    def api(self) -> Api:
        return self.shop.api

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.api.db.transaction(company_id=company_id(self.api.db)) as s:
            yield s

    def set_prices(
        self, code: str, unit: str = "瓶", levels: dict[str, str] | None = None, **prices: str
    ) -> None:
        """The SKU's catalogue prices for one unit (retail_price, wholesale_price, min_price …) and its price
        per level."""
        sku_id, unit_id = self.shop.sku[code], self.shop.units[unit]
        with self.session() as s:
            s.execute(delete(SkuPrice).where(SkuPrice.sku_id == sku_id, SkuPrice.unit_id == unit_id))
            s.execute(
                delete(SkuLevelPrice).where(SkuLevelPrice.sku_id == sku_id, SkuLevelPrice.unit_id == unit_id)
            )
            s.add(SkuPrice(sku_id=sku_id, unit_id=unit_id, **{k: Decimal(v) for k, v in prices.items()}))
            for level, price in (levels or {}).items():
                s.add(
                    SkuLevelPrice(
                        sku_id=sku_id, unit_id=unit_id, price_level_id=self.level[level], price=Decimal(price)
                    )
                )

    def add_list(
        self,
        items: dict[str, str],
        *,
        level: str | None = None,
        date_from: date = date(2026, 11, 1),
        date_to: date | None = None,
        active: bool = True,
        unit: str = "瓶",
    ) -> int:
        with self.session() as s:
            pl = PriceList(
                name=f"list-{len(items)}-{level}-{date_from}-{date_to}-{active}",
                price_level_id=self.level[level] if level else None,
                date_from=date_from,
                date_to=date_to,
                is_active=active,
            )
            s.add(pl)
            s.flush()
            for code, price in items.items():
                s.add(
                    PriceListItem(
                        price_list_id=pl.id,
                        sku_id=self.shop.sku[code],
                        unit_id=self.shop.units[unit],
                        price=Decimal(price),
                    )
                )
            return pl.id

    def add_promo(
        self,
        kind: str,
        *,
        name: str = "促销",
        scope: str = "sku",
        skus: dict[str, str | None] | None = None,
        categories: list[str] | None = None,
        percent_off: str | None = None,
        buy: str | None = None,
        free: str | None = None,
        retail_only: bool = False,
        active: bool = True,
        date_from: date = date(2026, 11, 1),
        date_to: date = date(2026, 11, 30),
    ) -> int:
        with self.session() as s:
            promo = Promotion(
                name=name,
                kind=kind,
                scope=scope,
                date_from=date_from,
                date_to=date_to,
                percent_off=Decimal(percent_off) if percent_off else None,
                buy_qty=Decimal(buy) if buy else None,
                free_qty=Decimal(free) if free else None,
                retail_only=retail_only,
                is_active=active,
            )
            s.add(promo)
            s.flush()
            for code, fixed in (skus or {}).items():
                s.add(
                    PromotionItem(
                        promotion_id=promo.id,
                        sku_id=self.shop.sku[code],
                        fixed_price=Decimal(fixed) if fixed else None,
                    )
                )
            for name_ in categories or []:
                s.add(PromotionItem(promotion_id=promo.id, category_id=self.category[name_]))
            return promo.id


@pytest.fixture
def prices(shop: Shop) -> Prices:
    p = Prices(shop)
    api = shop.api
    r = api.post("/price-levels", {"name": "会员价"})
    assert r.status_code == 201, r.text
    p.level["VIP"] = r.json()["id"]
    for code, name, extra in (
        ("C1", "张三（会员）", {"price_level_id": p.level["VIP"]}),
        ("C2", "华联超市", {}),
    ):
        r = api.post("/partners", {"code": code, "name": name, **extra})
        assert r.status_code == 201, r.text
        p.partner[code] = r.json()["id"]
    r = api.post("/categories", {"name": "饮料"})
    assert r.status_code == 201, r.text
    p.category["饮料"] = r.json()["id"]
    r = api.post("/categories", {"name": "碳酸饮料", "parent_id": p.category["饮料"]})
    assert r.status_code == 201, r.text
    p.category["碳酸饮料"] = r.json()["id"]
    with p.session() as s:
        s.execute(update(Product).where(Product.code == "COLA").values(category_id=p.category["碳酸饮料"]))
    return p
