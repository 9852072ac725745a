"""What a sales line costs before anyone types a price: the default price of a SKU × unit for a customer on a
day (`default_price`), and the promotions that change it (`apply_promotions`). Every sales service calls
these two (docs/contracts/sales-api.md, "Price default and promotions"); the counter calls them per ticket,
so both work on batches — a fixed number of statements whatever the number of lines.

Precedence of the default (the first that has a price wins):
- a valid price list (价目表) for the customer's price level, else one for everyone — newest date_from first;
- the SKU's price for the customer's level (`sku_level_prices`);
- sales only: this customer's last approved delivery or ticket price of the SKU in that unit (最近售价);
- sales: the wholesale price for customers (the retail price when none), the retail price for walk-ins;
  retail: the retail price (a member without a level or list price pays what everyone pays).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jxc.common.i18n import t
from jxc.db.scoping import session_company
from jxc.pricing import statements
from jxc.sales.models import SalesDoc, SalesDocLine

ZERO = Decimal(0)
HUNDRED = Decimal(100)
PRICE_STEP = Decimal("0.000001")
QTY_STEP = Decimal("0.0001")
SOURCES = ("price_list", "level", "last", "retail", "wholesale", "none")
# The documents whose prices count as "last": what the customer actually bought at.
LAST_KINDS = ("delivery", "retail")
POSTED = ("approved", "closed")
Key = tuple[int, int]  # sku_id, unit_id


@dataclass(frozen=True)
class PriceDefault:
    price: Decimal | None
    source: str  # one of SOURCES
    min_price: Decimal | None = None
    last_date: date | None = None
    last_number: str | None = None


def default_price(
    session: Session,
    *,
    customer_id: int | None,
    sku_id: int,
    unit_id: int,
    on: date,
    channel: str = "sales",
) -> PriceDefault:
    """The default price of one SKU × unit (see the module's precedence)."""
    key = (sku_id, unit_id)
    return default_prices(session, customer_id=customer_id, keys=[key], on=on, channel=channel)[key]


def default_prices(
    session: Session,
    *,
    customer_id: int | None,
    keys: Iterable[Key],
    on: date,
    channel: str = "sales",
) -> dict[Key, PriceDefault]:
    """`default_price` for many SKU × unit pairs at once: a handful of statements, not one set per line."""
    wanted = set(keys)
    if not wanted:
        return {}
    skus = sorted({s for s, _ in wanted})
    level = _price_level(session, customer_id)
    listed = _list_prices(session, skus, level, on)
    refs = _sku_prices(session, skus)
    levelled = _level_prices(session, skus, level) if level is not None else {}
    out: dict[Key, PriceDefault] = {}
    price: Decimal | None
    for key in wanted:
        retail, wholesale, min_price = refs.get(key, (None, None, None))
        if key in listed:
            out[key] = PriceDefault(listed[key], "price_list", min_price)
        elif key in levelled:
            out[key] = PriceDefault(levelled[key], "level", min_price)
    if channel == "sales" and customer_id is not None:
        for key, (last, day, number) in _last_prices(session, customer_id, wanted - set(out)).items():
            out[key] = PriceDefault(last, "last", refs.get(key, (None, None, None))[2], day, number)
    for key in wanted - set(out):
        retail, wholesale, min_price = refs.get(key, (None, None, None))
        # A customer of the sales channel buys at the wholesale price; the counter and walk-ins at retail.
        order: list[tuple[str, Decimal | None]]
        if channel != "sales":
            order = [("retail", retail)]
        elif customer_id is not None:
            order = [("wholesale", wholesale), ("retail", retail)]
        else:
            order = [("retail", retail), ("wholesale", wholesale)]
        source, price = next(((s, p) for s, p in order if p is not None), ("none", None))
        out[key] = PriceDefault(price, source, min_price)
    return out


def _price_level(session: Session, customer_id: int | None) -> int | None:
    return None if customer_id is None else statements.price_level(session, customer_id)


def _list_prices(session: Session, skus: list[int], level: int | None, on: date) -> dict[Key, Decimal]:
    """The price of each SKU × unit on the best valid list: the level's lists before lists for everyone,
    then the newest date_from (the later created on a tie)."""
    rows = statements.list_prices(session, skus, level, on)
    best: dict[Key, tuple[tuple[bool, date, int], Decimal]] = {}
    for sku_id, unit_id, price, list_level, date_from, list_id in rows:
        rank = (list_level is not None, date_from, list_id)
        key = (sku_id, unit_id)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, price)
    return {key: price for key, (_, price) in best.items()}


def _sku_prices(
    session: Session, skus: list[int]
) -> dict[Key, tuple[Decimal | None, Decimal | None, Decimal | None]]:
    """Retail, wholesale and minimum price per SKU × unit (the catalogue's `sku_prices`)."""
    return {
        (r.sku_id, r.unit_id): (r.retail_price, r.wholesale_price, r.min_price)
        for r in statements.sku_prices(session, skus)
    }


def _level_prices(session: Session, skus: list[int], level: int) -> dict[Key, Decimal]:
    return {(r.sku_id, r.unit_id): r.price for r in statements.level_prices(session, skus, level)}


def _last_prices(session: Session, customer_id: int, keys: set[Key]) -> dict[Key, tuple[Decimal, date, str]]:
    """This customer's last price per SKU × unit from approved deliveries and tickets, one statement for every
    line of the document. Free units of a 买N送M line (price 0) are not a price anyone agreed to."""
    if not keys:
        return {}
    newest = (
        func.row_number()
        .over(
            partition_by=(SalesDocLine.sku_id, SalesDocLine.unit_id),
            order_by=(SalesDoc.business_date.desc(), SalesDocLine.id.desc()),
        )
        .label("newest")
    )
    ranked = (
        select(
            SalesDocLine.sku_id,
            SalesDocLine.unit_id,
            SalesDocLine.price,
            SalesDoc.business_date,
            SalesDoc.number,
            newest,
        )
        .join(SalesDoc, SalesDoc.id == SalesDocLine.doc_id)
        .where(
            # named here: the ORM's company filter is not relied on inside a subquery
            SalesDoc.company_id == session_company(session),
            SalesDocLine.company_id == SalesDoc.company_id,
            SalesDoc.customer_id == customer_id,
            SalesDoc.kind.in_(LAST_KINDS),
            SalesDoc.status.in_(POSTED),
            SalesDocLine.sku_id.in_(sorted({s for s, _ in keys})),
            SalesDocLine.price > 0,
        )
        .subquery()
    )
    rows = session.execute(select(ranked).where(ranked.c.newest == 1)).all()
    return {
        (r.sku_id, r.unit_id): (r.price, r.business_date, r.number)
        for r in rows
        if (r.sku_id, r.unit_id) in keys
    }


# Promotions (促销)


@dataclass(frozen=True)
class PromoLine:
    index: int
    sku_id: int
    unit_id: int
    ratio: Decimal  # base units per line unit
    qty: Decimal  # in the line unit
    price: Decimal | None  # per line unit, incl. tax, before the promotion (None: no default price)


@dataclass(frozen=True)
class PromoResult:
    index: int
    price: Decimal | None  # per line unit after the promotion
    promotion_id: int | None
    promotion_text: str
    free_qty: Decimal  # 买N送M: free units in the line unit, a separate line at price 0


@dataclass(frozen=True)
class Offer:
    """A valid promotion as it applies to one SKU: its fixed price per base unit when it is 特价."""

    id: int
    name: str
    kind: str
    percent_off: Decimal | None
    buy_qty: Decimal | None
    free_qty: Decimal | None
    fixed_price: Decimal | None


def offers(session: Session, sku_ids: Iterable[int], *, on: date, channel: str) -> dict[int, list[Offer]]:
    """Every valid, active promotion covering each SKU: listed SKUs, their category or an ancestor of it, or
    everything; retail_only promotions only for the retail channel."""
    skus = sorted(set(sku_ids))
    if not skus:
        return {}
    rows = statements.offers(session, skus, on, channel == "retail")
    if not rows:
        return {}
    ancestors = _ancestors(session, skus) if any(r.category_id is not None for r in rows) else {}
    out: dict[int, list[Offer]] = {s: [] for s in skus}
    for r in rows:
        if r.scope == "all":
            covered = skus
        elif r.sku_id is not None:
            covered = [r.sku_id] if r.sku_id in out else []
        else:
            covered = [s for s in skus if r.category_id in ancestors.get(s, ())]
        offer = Offer(r.id, r.name, r.kind, r.percent_off, r.buy_qty, r.free_qty, r.fixed_price)
        for s in covered:
            if all(o.id != offer.id for o in out[s]):  # a SKU listed twice, or in two listed categories
                out[s].append(offer)
    return out


def _ancestors(session: Session, skus: list[int]) -> dict[int, set[int]]:
    """Each SKU's category and every category above it."""
    categories = statements.sku_categories(session, skus)
    parents = statements.category_parents(session)
    out: dict[int, set[int]] = {}
    for sku_id, category_id in categories.items():
        chain: set[int] = set()
        current = category_id
        while current is not None and current not in chain:
            chain.add(current)
            current = parents.get(current)
        out[sku_id] = chain
    return out


def _plain(x: Decimal) -> str:
    return format(x.normalize(), "f")


def promotion_text(offer: Offer) -> str:
    """What the ticket and the editor show for the promotion (in the request's language)."""
    params: dict[str, str] = {"name": offer.name}
    if offer.percent_off is not None:
        # 折: 10 % off is 9折.
        params["percent"] = _plain(offer.percent_off)
        params["zhe"] = _plain((HUNDRED - offer.percent_off) / 10)
    if offer.buy_qty is not None and offer.free_qty is not None:
        params["n"], params["m"] = _plain(offer.buy_qty), _plain(offer.free_qty)
    return t(f"promotion.text.{offer.kind}", **params)[:100]


def _offer_price(offer: Offer, line: PromoLine) -> Decimal | None:
    """The line's price under the offer (per line unit), or None when the offer sets no price."""
    if offer.kind in ("percent_off", "markdown"):
        if line.price is None or offer.percent_off is None:
            return None
        return (line.price * (HUNDRED - offer.percent_off) / HUNDRED).quantize(PRICE_STEP, ROUND_HALF_UP)
    if offer.kind == "fixed_price":
        if offer.fixed_price is None:
            return None
        return (offer.fixed_price * line.ratio).quantize(PRICE_STEP, ROUND_HALF_UP)
    return line.price


def free_units(offer: Offer, qty: Decimal) -> Decimal:
    """买N送M: floor(qty / N) × M, in the line unit."""
    if offer.kind != "buy_n_get_m" or not offer.buy_qty or not offer.free_qty or qty <= 0:
        return ZERO
    return ((qty / offer.buy_qty).to_integral_value(ROUND_DOWN) * offer.free_qty).quantize(QTY_STEP)


def best_offer(offers_: Sequence[Offer], line: PromoLine) -> tuple[Offer, Decimal | None, Decimal] | None:
    """The offer that makes the line cheapest per unit received, when one does: a lower price, or free units
    (price × qty spread over qty + free). A tie goes to the older promotion. None when nothing helps."""
    best: tuple[Decimal, int, Offer, Decimal | None, Decimal] | None = None
    for offer in offers_:
        price = _offer_price(offer, line)
        free = free_units(offer, line.qty)
        if offer.kind == "buy_n_get_m":
            if free <= 0 or line.price is None:
                continue
            unit = line.price * line.qty / (line.qty + free)
        else:
            if price is None or (line.price is not None and price >= line.price):
                continue
            unit = price
        rank = (unit, offer.id)
        if best is None or rank < best[:2]:
            best = (unit, offer.id, offer, price, free)
    return None if best is None else best[2:]


def apply_promotions(
    session: Session, lines: list[PromoLine], *, on: date, channel: str = "sales"
) -> list[PromoResult]:
    """Per input line (same order): the price after the best valid promotion for the SKU, which promotion
    that was and its text, and the free units of a 买N送M. Lines no promotion helps keep their price."""
    found = offers(session, (ln.sku_id for ln in lines), on=on, channel=channel)
    out = []
    for ln in lines:
        chosen = best_offer(found.get(ln.sku_id, ()), ln)
        if chosen is None:
            out.append(PromoResult(ln.index, ln.price, None, "", ZERO))
            continue
        offer, price, free = chosen
        out.append(PromoResult(ln.index, price, offer.id, promotion_text(offer), free))
    return out
