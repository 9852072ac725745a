"""The reads behind `resolve`, built once and run through `db.engine.Prepared` (ADR 0004 §Speed): every retail
ticket and every sales line without a price asks them, and building a SELECT and passing it through the ORM
cost several times what SQLite takes to answer it. Core statements do not see the ORM's company filter: each
names the company itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Table, and_, bindparam, or_, select
from sqlalchemy.orm import Session

from jxc.catalog.models import Category, Product, Sku, SkuLevelPrice, SkuPrice
from jxc.db.engine import Prepared
from jxc.db.scoping import session_company
from jxc.partners.models import Partner
from jxc.pricing.models import PriceList, PriceListItem, Promotion, PromotionItem


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


_partners, _lists, _items = _table(Partner), _table(PriceList), _table(PriceListItem)
_prices, _levels = _table(SkuPrice), _table(SkuLevelPrice)
_promos, _promo_items = _table(Promotion), _table(PromotionItem)
_skus, _products, _categories = _table(Sku), _table(Product), _table(Category)


def _company() -> Any:
    return bindparam("company_id")


def _in_skus() -> Any:
    return bindparam("skus", expanding=True)


_LEVEL = Prepared(
    select(_partners.c.price_level_id).where(
        _partners.c.company_id == _company(), _partners.c.id == bindparam("customer_id")
    )
)
# A list for the customer's level or for everyone (a null level matches no list's level: `= NULL`).
_LISTS = Prepared(
    select(
        _items.c.sku_id,
        _items.c.unit_id,
        _items.c.price,
        _lists.c.price_level_id,
        _lists.c.date_from,
        _lists.c.id,
    )
    .select_from(
        _items.join(
            _lists, and_(_lists.c.company_id == _items.c.company_id, _lists.c.id == _items.c.price_list_id)
        )
    )
    .where(
        _items.c.company_id == _company(),
        _items.c.sku_id.in_(_in_skus()),
        _lists.c.is_active.is_(True),
        _lists.c.date_from <= bindparam("on"),
        or_(_lists.c.date_to.is_(None), _lists.c.date_to >= bindparam("on_")),
        or_(_lists.c.price_level_id.is_(None), _lists.c.price_level_id == bindparam("level")),
    )
)
_SKU_PRICES = Prepared(
    select(
        _prices.c.sku_id,
        _prices.c.unit_id,
        _prices.c.retail_price,
        _prices.c.wholesale_price,
        _prices.c.min_price,
    ).where(_prices.c.company_id == _company(), _prices.c.sku_id.in_(_in_skus()))
)
_LEVEL_PRICES = Prepared(
    select(_levels.c.sku_id, _levels.c.unit_id, _levels.c.price).where(
        _levels.c.company_id == _company(),
        _levels.c.sku_id.in_(_in_skus()),
        _levels.c.price_level_id == bindparam("level"),
    )
)


def _offers(retail: bool) -> Prepared:
    conditions = [
        _promos.c.company_id == _company(),
        _promos.c.is_active.is_(True),
        _promos.c.date_from <= bindparam("on"),
        _promos.c.date_to >= bindparam("on_"),
        or_(
            _promos.c.scope == bindparam("everything"),
            _promo_items.c.sku_id.in_(_in_skus()),
            _promo_items.c.category_id.is_not(None),
        ),
    ]
    if not retail:
        conditions.append(_promos.c.retail_only.is_(False))
    return Prepared(
        select(
            _promos.c.id,
            _promos.c.name,
            _promos.c.kind,
            _promos.c.scope,
            _promos.c.percent_off,
            _promos.c.buy_qty,
            _promos.c.free_qty,
            _promo_items.c.sku_id,
            _promo_items.c.category_id,
            _promo_items.c.fixed_price,
        )
        .select_from(
            _promos.outerjoin(
                _promo_items,
                and_(
                    _promo_items.c.company_id == _promos.c.company_id,
                    _promo_items.c.promotion_id == _promos.c.id,
                ),
            )
        )
        .where(*conditions)
        .order_by(_promos.c.id)
    )


_OFFERS = {True: _offers(True), False: _offers(False)}
_SKU_CATEGORIES = Prepared(
    select(_skus.c.id, _products.c.category_id)
    .select_from(
        _skus.join(
            _products,
            and_(_products.c.company_id == _skus.c.company_id, _products.c.id == _skus.c.product_id),
        )
    )
    .where(_skus.c.company_id == _company(), _skus.c.id.in_(_in_skus()))
)
_PARENTS = Prepared(
    select(_categories.c.id, _categories.c.parent_id).where(_categories.c.company_id == _company())
)


def _run(session: Session, stmt: Prepared, **params: Any) -> list[Any]:
    return stmt.rows(session.connection(), {"company_id": session_company(session), **params})


def price_level(session: Session, customer_id: int) -> int | None:
    rows = _run(session, _LEVEL, customer_id=customer_id)
    return rows[0].price_level_id if rows else None


def list_prices(session: Session, skus: list[int], level: int | None, on: date) -> list[Any]:
    return _run(session, _LISTS, skus=skus, on=on, on_=on, level=level)


def sku_prices(session: Session, skus: list[int]) -> list[Any]:
    """The catalogue prices of these SKUs, cached for the session: one sale reads them for the price default
    and again for the minimum-price check, and the catalogue does not change under a document being saved."""
    cache: dict[int, list[Any]] = session.info.setdefault(("jxc.sku_prices", session_company(session)), {})
    missing = sorted(set(skus) - cache.keys())
    if missing:
        for sku in missing:
            cache[sku] = []
        for row in _run(session, _SKU_PRICES, skus=missing):
            cache[row.sku_id].append(row)
    return [row for sku in skus for row in cache.get(sku, [])]


def level_prices(session: Session, skus: list[int], level: int) -> list[Any]:
    return _run(session, _LEVEL_PRICES, skus=skus, level=level)


def offers(session: Session, skus: list[int], on: date, retail: bool) -> list[Any]:
    return _run(session, _OFFERS[retail], skus=skus, on=on, on_=on, everything="all")


def sku_categories(session: Session, skus: list[int]) -> dict[int, int | None]:
    return {int(r.id): r.category_id for r in _run(session, _SKU_CATEGORIES, skus=skus)}


def category_parents(session: Session) -> dict[int, int | None]:
    return {int(r.id): r.parent_id for r in _run(session, _PARENTS)}
