"""What the counter and the document editors call to show prices live: the default of one SKU × unit with
the promotion that would apply to one unit, and a quote of many lines (default, promotions, minimum price)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from jxc.common.clock import today
from jxc.common.errors import Invalid, field_error
from jxc.inventory.lines import sku_infos
from jxc.pricing import resolve
from jxc.pricing.schemas import PromotionHint, QuoteLine, QuoteRead, QuoteWrite, SalesPriceDefaultRead

ZERO = Decimal(0)


def default(
    session: Session, customer_id: int | None, sku_id: int, unit_id: int, channel: str, on: date | None
) -> SalesPriceDefaultRead:
    day = on or today()
    info = sku_infos(session, {sku_id}).get(sku_id)
    if info is None:
        raise Invalid("invalid_query", errors=[field_error("query.sku_id", "sku_unknown")])
    if unit_id not in info.ratios:
        raise Invalid("invalid_query", errors=[field_error("query.unit_id", "unit_not_of_product")])
    found = resolve.default_price(
        session, customer_id=customer_id, sku_id=sku_id, unit_id=unit_id, on=day, channel=channel
    )
    line = resolve.PromoLine(0, sku_id, unit_id, info.ratios[unit_id], Decimal(1), found.price)
    offers = resolve.offers(session, [sku_id], on=day, channel=channel).get(sku_id, [])
    hint = None
    chosen = resolve.best_offer(offers, line)
    if chosen is not None:
        offer, price, free = chosen
        hint = PromotionHint(
            id=offer.id, name=offer.name, text=resolve.promotion_text(offer), price=price, free_qty=free
        )
    else:
        # One unit gets nothing free, but the counter still shows that buying more would.
        bogo = next((o for o in offers if o.kind == "buy_n_get_m"), None)
        if bogo is not None:
            hint = PromotionHint(
                id=bogo.id, name=bogo.name, text=resolve.promotion_text(bogo), price=None, free_qty=ZERO
            )
    return SalesPriceDefaultRead(
        price=found.price,
        source=found.source,
        min_price=found.min_price,
        last_date=found.last_date,
        last_number=found.last_number,
        promotion=hint,
    )


def quote(session: Session, body: QuoteWrite) -> QuoteRead:
    """Per line: the default (or the given price), the best promotion — at the counter always, on sales
    documents only for lines without a typed price, as the documents do — and the minimum price."""
    day = body.date or today()
    infos = sku_infos(session, {ln.sku_id for ln in body.lines})
    errors = []
    for i, ln in enumerate(body.lines):
        info = infos.get(ln.sku_id)
        if info is None:
            errors.append(field_error(f"lines.{i}.sku_id", "sku_unknown"))
        elif ln.unit_id not in info.ratios:
            errors.append(field_error(f"lines.{i}.unit_id", "unit_not_of_product"))
    if errors:
        raise Invalid("invalid_lines", errors=errors)
    defaults = resolve.default_prices(
        session,
        customer_id=body.customer_id,
        keys=[(ln.sku_id, ln.unit_id) for ln in body.lines],
        on=day,
        channel=body.channel,
    )
    asked = [
        resolve.PromoLine(
            i,
            ln.sku_id,
            ln.unit_id,
            infos[ln.sku_id].ratios[ln.unit_id],
            ln.qty,
            ln.price if ln.price is not None else defaults[(ln.sku_id, ln.unit_id)].price,
        )
        for i, ln in enumerate(body.lines)
        if body.channel == "retail" or ln.price is None
    ]
    promoted = {r.index: r for r in resolve.apply_promotions(session, asked, on=day, channel=body.channel)}
    out = []
    for i, ln in enumerate(body.lines):
        found = defaults[(ln.sku_id, ln.unit_id)]
        listed = ln.price if ln.price is not None else found.price
        promo = promoted.get(i)
        out.append(
            QuoteLine(
                index=i,
                list_price=listed,
                price=promo.price if promo is not None else listed,
                source="given" if ln.price is not None else found.source,
                promotion_id=promo.promotion_id if promo is not None else None,
                promotion_text=promo.promotion_text if promo is not None else "",
                free_qty=promo.free_qty if promo is not None else ZERO,
                min_price=found.min_price,
            )
        )
    return QuoteRead(lines=out)
