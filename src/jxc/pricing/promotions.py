"""促销: percent off (折扣), fixed price (特价), buy N get M (买N送M) and markdowns (清仓) over every SKU, a
category (with its descendants) or listed SKUs, valid between two dates. `resolve.apply_promotions` picks
the best one per line; this module keeps them (CRUD, optimistic locking, never deleted once a sales line names
one) and finds the slow movers a markdown is made for."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from jxc.auth import scope
from jxc.catalog.models import Category
from jxc.common.clock import today
from jxc.common.errors import Conflict, Invalid, NotFound, field_error
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.inventory.lines import sku_infos
from jxc.inventory.stock_models import StockBalance
from jxc.pricing.models import Promotion, PromotionItem
from jxc.pricing.resolve import Offer, promotion_text
from jxc.pricing.schemas import (
    PromotionItemRead,
    PromotionRead,
    PromotionSummary,
    PromotionUpdate,
    PromotionWrite,
    SlowMover,
)
from jxc.sales.models import SalesDoc, SalesDocLine

ZERO = Decimal(0)
HUNDRED = Decimal(100)
PERCENT_KINDS = ("percent_off", "markdown")
SOLD_KINDS = ("delivery", "retail")  # what counts as a sale for the slow movers
POSTED = ("approved", "closed")


def load(session: Session, promotion_id: int) -> Promotion:
    found = session.execute(select(Promotion).where(Promotion.id == promotion_id)).scalar_one_or_none()
    if found is None:
        raise NotFound("promotion_not_found")
    return found


def _items(session: Session, promotion_id: int) -> list[PromotionItem]:
    return list(
        session.execute(
            select(PromotionItem).where(PromotionItem.promotion_id == promotion_id).order_by(PromotionItem.id)
        ).scalars()
    )


def _check(session: Session, body: PromotionWrite) -> None:
    """Every problem in one 422: `discount_invalid` when the percentage is wrong, else `invalid_promotion`."""
    errors: list[dict[str, str]] = []
    percent_wrong = False
    if body.kind in PERCENT_KINDS and (body.percent_off is None or not ZERO < body.percent_off <= HUNDRED):
        errors.append(field_error("percent_off", "percent_invalid"))
        percent_wrong = True
    if body.kind == "buy_n_get_m":
        for key, value in (("buy_qty", body.buy_qty), ("free_qty", body.free_qty)):
            if value is None or value <= 0:
                errors.append(field_error(key, "buy_free_invalid"))
    if body.date_to < body.date_from:
        errors.append(field_error("date_to", "dates_ordered"))
    if body.scope == "all":
        if body.kind == "fixed_price":  # a fixed price is per SKU or category: it needs items
            errors.append(field_error("items", "items_required"))
        elif body.items:
            errors.append(field_error("items", "item_scope_mismatch"))
    elif not body.items:
        errors.append(field_error("items", "items_required"))
    skus = sku_infos(session, {it.sku_id for it in body.items if it.sku_id is not None})
    wanted = {it.category_id for it in body.items if it.category_id is not None}
    categories = (
        set(session.execute(select(Category.id).where(Category.id.in_(wanted))).scalars())
        if wanted
        else set()
    )
    seen: set[tuple[int | None, int | None]] = set()
    for i, it in enumerate(body.items):
        one_kind = (it.sku_id is None) != (it.category_id is None)
        if not one_kind or (body.scope == "sku") != (it.sku_id is not None):
            errors.append(field_error(f"items.{i}", "item_scope_mismatch"))
            continue
        if it.sku_id is not None and it.sku_id not in skus:
            errors.append(field_error(f"items.{i}.sku_id", "sku_unknown"))
        if it.category_id is not None and it.category_id not in categories:
            errors.append(field_error(f"items.{i}.category_id", "category_not_found"))
        if body.kind == "fixed_price" and (it.fixed_price is None or it.fixed_price <= 0):
            errors.append(field_error(f"items.{i}.fixed_price", "fixed_price_invalid"))
        if (it.sku_id, it.category_id) in seen:
            errors.append(field_error(f"items.{i}", "duplicate_item"))
        seen.add((it.sku_id, it.category_id))
    if errors:
        raise Invalid("discount_invalid" if percent_wrong else "invalid_promotion", errors=errors)


def _fill(promo: Promotion, body: PromotionWrite) -> None:
    promo.name, promo.kind, promo.scope = body.name.strip(), body.kind, body.scope
    promo.date_from, promo.date_to = body.date_from, body.date_to
    promo.percent_off = body.percent_off if body.kind in PERCENT_KINDS else None
    promo.buy_qty = body.buy_qty if body.kind == "buy_n_get_m" else None
    promo.free_qty = body.free_qty if body.kind == "buy_n_get_m" else None
    promo.retail_only, promo.is_active, promo.remark = body.retail_only, body.is_active, body.remark


def _add_items(session: Session, promotion_id: int, body: PromotionWrite) -> None:
    session.add_all(
        PromotionItem(
            promotion_id=promotion_id,
            sku_id=it.sku_id,
            category_id=it.category_id,
            fixed_price=it.fixed_price if body.kind == "fixed_price" else None,
        )
        for it in body.items
    )
    session.flush()


def create(session: Session, body: PromotionWrite) -> PromotionRead:
    _check(session, body)
    promo = Promotion()
    _fill(promo, body)
    session.add(promo)
    session.flush()
    _add_items(session, promo.id, body)
    return read(session, promo)


def update(session: Session, promotion_id: int, body: PromotionUpdate) -> PromotionRead:
    promo = load(session, promotion_id)
    if promo.version != body.version:
        raise Conflict("version_conflict")
    _check(session, body)
    # Items first: the delete flushes, and the header's change must bump the version once, below.
    session.execute(delete(PromotionItem).where(PromotionItem.promotion_id == promo.id))
    _fill(promo, body)
    flag_modified(promo, "remark")  # the version moves even when only the items changed
    session.flush()
    _add_items(session, promo.id, body)
    return read(session, promo)


def _used(session: Session, promotion_id: int) -> bool:
    return (
        session.execute(
            select(SalesDocLine.id).where(SalesDocLine.promotion_id == promotion_id).limit(1)
        ).first()
        is not None
    )


def remove(session: Session, promotion_id: int) -> None:
    """Refused once a sales line names the promotion (the line must keep showing why its price was what it
    was): switch it off instead."""
    promo = load(session, promotion_id)
    if _used(session, promo.id):
        raise Conflict("promotion_used", name=promo.name)
    session.execute(delete(PromotionItem).where(PromotionItem.promotion_id == promo.id))
    session.delete(promo)
    session.flush()


def _offer(promo: Promotion) -> Offer:
    return Offer(promo.id, promo.name, promo.kind, promo.percent_off, promo.buy_qty, promo.free_qty, None)


def _summary(promo: Promotion, count: int) -> dict[str, Any]:
    day = today()
    return {
        "id": promo.id,
        "name": promo.name,
        "kind": promo.kind,
        "scope": promo.scope,
        "date_from": promo.date_from,
        "date_to": promo.date_to,
        "percent_off": promo.percent_off,
        "buy_qty": promo.buy_qty,
        "free_qty": promo.free_qty,
        "retail_only": promo.retail_only,
        "is_active": promo.is_active,
        "valid_today": promo.is_active and promo.date_from <= day <= promo.date_to,
        "text": promotion_text(_offer(promo)),
        "remark": promo.remark,
        "item_count": count,
        "version": promo.version,
        "updated_at": promo.updated_at,
    }


def read(session: Session, promo: Promotion) -> PromotionRead:
    session.flush()
    items = _items(session, promo.id)
    infos = sku_infos(session, {it.sku_id for it in items if it.sku_id is not None})
    wanted = {it.category_id for it in items if it.category_id is not None}
    names = (
        dict(session.execute(select(Category.id, Category.name).where(Category.id.in_(wanted))).all())
        if wanted
        else {}
    )
    return PromotionRead(
        **_summary(promo, len(items)),
        used=_used(session, promo.id),
        items=[
            PromotionItemRead(
                id=it.id,
                sku_id=it.sku_id,
                sku_code=infos[it.sku_id].code if it.sku_id in infos else None,
                product_name=infos[it.sku_id].name if it.sku_id in infos else None,
                category_id=it.category_id,
                category_name=names.get(it.category_id) if it.category_id else None,
                fixed_price=it.fixed_price,
            )
            for it in items
        ],
    )


def get(session: Session, promotion_id: int) -> PromotionRead:
    return read(session, load(session, promotion_id))


def list_promotions(
    session: Session,
    params: ListParams,
    active: bool | None = None,
    on: Any = None,
    kind: str | None = None,
) -> tuple[list[PromotionSummary], int]:
    stmt = select(Promotion)
    if params.q:
        pattern = like_pattern(params.q)
        stmt = stmt.where(
            or_(Promotion.name.ilike(pattern, escape="\\"), Promotion.remark.ilike(pattern, escape="\\"))
        )
    if active is not None:
        stmt = stmt.where(Promotion.is_active.is_(active))
    if on is not None:  # valid that day
        stmt = stmt.where(Promotion.date_from <= on, Promotion.date_to >= on)
    if kind is not None:
        stmt = stmt.where(Promotion.kind == kind)
    sorts = {"name": Promotion.name, "date_from": Promotion.date_from, "date_to": Promotion.date_to}
    found, total = paginate(
        session, stmt, params, params.order_by(sorts, [Promotion.date_from.desc(), Promotion.id.desc()])
    )
    promos: Sequence[Promotion] = found
    ids = [p.id for p in promos]
    counts = (
        {
            int(i): int(n)
            for i, n in session.execute(
                select(PromotionItem.promotion_id, func.count())
                .where(PromotionItem.promotion_id.in_(ids))
                .group_by(PromotionItem.promotion_id)
            )
        }
        if ids
        else {}
    )
    return [PromotionSummary(**_summary(p, counts.get(p.id, 0))) for p in promos], total


def slow_movers(
    session: Session, days: int, warehouse_id: int | None = None, limit: int = 1000
) -> list[SlowMover]:
    """SKUs with stock and no sale (approved delivery or ticket) in the last `days` days — in the
    warehouse when one is named, else in those the user may see — longest unsold first (清仓 candidates)."""
    if warehouse_id is not None:
        scope.ensure(warehouse_id)
    day = today()
    stock = scope.restrict(
        select(
            StockBalance.sku_id,
            func.sum(StockBalance.on_hand).label("on_hand"),
            func.sum(StockBalance.value).label("value"),
        )
        .where(StockBalance.on_hand > 0)
        .group_by(StockBalance.sku_id),
        StockBalance.warehouse_id,
    )
    sold = scope.restrict(
        select(SalesDocLine.sku_id, func.max(SalesDoc.business_date).label("last"))
        .join(SalesDoc, SalesDoc.id == SalesDocLine.doc_id)
        .where(SalesDoc.kind.in_(SOLD_KINDS), SalesDoc.status.in_(POSTED))
        .group_by(SalesDocLine.sku_id),
        SalesDoc.warehouse_id,
    )
    if warehouse_id is not None:
        stock = stock.where(StockBalance.warehouse_id == warehouse_id)
        sold = sold.where(SalesDoc.warehouse_id == warehouse_id)
    held = {int(s): (q, v) for s, q, v in session.execute(stock)}
    if not held:
        return []
    last = {int(s): d for s, d in session.execute(sold.where(SalesDocLine.sku_id.in_(held)))}
    since = day - timedelta(days=days)
    slow = [s for s in held if last.get(s) is None or last[s] < since]
    slow.sort(key=lambda s: (last.get(s) is not None, last.get(s) or day, s))
    slow = slow[:limit]
    infos = sku_infos(session, set(slow))
    return [
        SlowMover(
            sku_id=s,
            sku_code=infos[s].code,
            product_id=infos[s].product_id,
            product_name=infos[s].name,
            spec=infos[s].spec,
            attributes_text=infos[s].attributes_text,
            base_unit_name=infos[s].base_unit_name,
            on_hand=held[s][0],
            value=held[s][1],
            last_sale_date=last.get(s),
            days_since_sale=(day - last[s]).days if last.get(s) else None,
        )
        for s in slow
        if s in infos
    ]
