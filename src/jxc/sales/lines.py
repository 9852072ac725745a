"""Sales lines: the arithmetic of docs/contracts/sales-api.md "Amounts on a sales line", and building checked,
priced lines for any sales document (orders, deliveries, returns, retail tickets).

Sales prices include tax (含税单价): net_price = price × (1 − discount/100) to 6 places;
total = qty × net_price to the fen (less the line's share of a ticket discount);
amount (ex tax) = total ÷ (1 + tax/100) to the fen; tax_amount = total − amount.
Each figure is rounded half-up once, at line level; headers are plain sums."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from sqlalchemy.orm import Session

from jxc.common.context import current
from jxc.common.errors import Invalid, field_error
from jxc.db.transient import new_row
from jxc.inventory.costing import money
from jxc.inventory.lines import CheckedLine, check_lines
from jxc.pricing import resolve, statements
from jxc.sales.models import SalesDoc, SalesDocLine

ZERO = Decimal(0)
HUNDRED = Decimal(100)
PRICE_STEP = Decimal("0.000001")
QTY_STEP = Decimal("0.0001")
MULTI_LOT = "多批次"  # the lot_no of a line that left from several lots (FEFO split)

Promote = Literal["omitted", "always", "never"]


# -- arithmetic -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Amounts:
    net_price: Decimal
    total: Decimal
    amount: Decimal
    tax_amount: Decimal


def net_price(price: Decimal, discount_rate: Decimal) -> Decimal:
    return (price * (HUNDRED - discount_rate) / HUNDRED).quantize(PRICE_STEP, ROUND_HALF_UP)


def split_tax(total: Decimal, tax_rate: Decimal) -> tuple[Decimal, Decimal]:
    """(amount ex tax, tax) of a tax-inclusive total; the tax is the remainder so they always add up."""
    amount = money(total * HUNDRED / (HUNDRED + tax_rate))
    return amount, total - amount


def amounts(qty: Decimal, price: Decimal, discount_rate: Decimal, tax_rate: Decimal) -> Amounts:
    net = net_price(price, discount_rate)
    total = money(qty * net)
    amount, tax = split_tax(total, tax_rate)
    return Amounts(net, total, amount, tax)


def spread_discount(line_totals: Sequence[Decimal], discount: Decimal) -> list[Decimal]:
    """Shares of a ticket discount (整单优惠) in proportion to the line totals, each to the fen; the rounding
    remainder goes to the largest line (the first of equals) so the shares add up exactly."""
    shares = [ZERO] * len(line_totals)
    whole = sum(line_totals, ZERO)
    if not discount or not whole:
        return shares
    shares = [money(discount * t / whole) for t in line_totals]
    largest = max(range(len(line_totals)), key=lambda i: (line_totals[i], -i))
    shares[largest] += discount - sum(shares, ZERO)
    return shares


def apply_ticket_discount(lines: Sequence[SalesDocLine], discount: Decimal) -> None:
    """Lower each line's total by its share of `discount` and split the new total into amount and tax."""
    for ln, share in zip(lines, spread_discount([ln.total for ln in lines], discount), strict=True):
        ln.total = ln.total - share
        ln.amount, ln.tax_amount = split_tax(ln.total, ln.tax_rate)


def totals(doc: SalesDoc, lines: Sequence[SalesDocLine]) -> None:
    """Header sums of the lines (total_qty in base units)."""
    doc.total_qty = sum((ln.base_qty for ln in lines), ZERO)
    doc.amount = sum((ln.amount for ln in lines), ZERO)
    doc.tax_amount = sum((ln.tax_amount for ln in lines), ZERO)
    doc.total_amount = sum((ln.total for ln in lines), ZERO)


# -- building lines ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineIn:
    """One line as a caller asked for it (the API's line, or a retail ticket's)."""

    sku_id: int
    unit_id: int
    qty: Decimal
    price: Decimal | None = None
    discount_rate: Decimal = ZERO
    tax_rate: Decimal = ZERO
    lot_no: str = ""
    source_line_id: int | None = None
    remark: str = ""
    # The price was taken from the line this one comes from (an order line delivered at the price the order
    # was approved with): its minimum-price check was done there.
    allow_below_min: bool = False


@dataclass
class BuiltLine:
    """A built line and the facts its document needs later (its SKU, the input index it came from)."""

    line: SalesDocLine
    checked: CheckedLine
    index: int  # the input line it came from (errors name it); a free-unit line shares its parent's
    free: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def default_prices(
    session: Session, lines: Sequence[LineIn], *, customer_id: int | None, on: date, channel: str
) -> dict[tuple[int, int], Decimal | None]:
    """(sku, unit) → the default price of the lines whose price was omitted (one batch of look-ups)."""
    keys = {(ln.sku_id, ln.unit_id) for ln in lines if ln.price is None}
    found = resolve.default_prices(session, customer_id=customer_id, keys=keys, on=on, channel=channel)
    return {k: d.price for k, d in found.items()}


def min_prices(
    session: Session, wanted: dict[tuple[int, int], tuple[int, Decimal]]
) -> dict[tuple[int, int], Decimal]:
    """(sku, unit) → the minimum price for that unit: its own sku_prices row, else the base unit's × ratio.
    `wanted` maps each (sku, unit) to (the SKU's base unit id, the unit's ratio)."""
    sku_ids = {s for s, _ in wanted}
    if not sku_ids:
        return {}
    rows = statements.sku_prices(session, sorted(sku_ids))  # prepared: a ticket reads it on the hot path
    own: dict[tuple[int, int], Decimal] = {
        (r.sku_id, r.unit_id): r.min_price for r in rows if r.min_price is not None
    }
    out: dict[tuple[int, int], Decimal] = {}
    for (sku_id, unit_id), (base_unit_id, ratio) in wanted.items():
        if (sku_id, unit_id) in own:
            out[(sku_id, unit_id)] = own[(sku_id, unit_id)]
        elif (sku_id, base_unit_id) in own:
            out[(sku_id, unit_id)] = (own[(sku_id, base_unit_id)] * ratio).quantize(PRICE_STEP, ROUND_HALF_UP)
    return out


def _input_errors(i: int, ln: LineIn, active: bool) -> list[dict[str, str]]:
    errors = []
    if not active:
        errors.append(field_error(f"lines.{i}.sku_id", "sku_inactive"))
    if ln.qty <= 0:
        errors.append(field_error(f"lines.{i}.qty", "qty_positive"))
    if not ZERO <= ln.discount_rate <= HUNDRED:
        errors.append(field_error(f"lines.{i}.discount_rate", "discount_invalid"))
    if not ZERO <= ln.tax_rate <= HUNDRED:
        errors.append(field_error(f"lines.{i}.tax_rate", "tax_rate_invalid"))
    if ln.price is not None and (ln.price < 0 or ln.price != ln.price.quantize(PRICE_STEP)):
        errors.append(field_error(f"lines.{i}.price", "price_invalid"))
    return errors


def build_lines(
    session: Session,
    lines: Sequence[LineIn],
    *,
    customer_id: int | None,
    on: date,
    channel: str = "sales",
    rate: Decimal = Decimal(1),
    promote: Promote = "omitted",
    may_sell_below_min: bool | None = None,
    make: Callable[..., SalesDocLine] = new_row,
) -> list[BuiltLine]:
    """Checked, priced lines (not yet added to the session), line_no from 1; every problem of every line in
    one 422 `invalid_lines` naming `lines.<index>.<field>`. `make` builds each line from the model and its
    values: ORM objects by default; the till, which writes its lines with Core, passes `plain_row`.

    - SKU exists and is active, the unit is the product's, qty > 0 and allowed fractions (inventory.lines);
      discount 0–100, tax 0–100, price ≥ 0 with at most 6 decimals.
    - An omitted price takes the default (jxc.pricing.resolve.default_prices, one batch for all lines);
      `list_price` keeps it (0 when there is none).
    - Promotions (jxc.pricing.resolve.apply_promotions): `promote="omitted"` for lines whose price was
      omitted (sales orders/deliveries), `"always"` (retail), `"never"` (returns). 买N送M free units become a
      separate line right after their parent, price 0, with the promotion's text.
    - Minimum price: net price × rate below the SKU's min price for that unit is refused
      (`price_below_min`) unless `may_sell_below_min` (default: the user has `sales.price.override`); then
      the line is kept with `below_min_price`."""
    checked = check_lines(session, [(ln.sku_id, ln.unit_id, ln.qty) for ln in lines])
    if may_sell_below_min is None:
        may_sell_below_min = current().has("sales.price.override")
    errors: list[dict[str, str]] = []
    for i, (ln, c) in enumerate(zip(lines, checked, strict=True)):
        errors += _input_errors(i, ln, c.info.is_active)
    if errors:
        raise Invalid("invalid_lines", errors=errors)
    defaults = default_prices(session, lines, customer_id=customer_id, on=on, channel=channel)
    # None: no default price for the line (a fixed-price promotion may still give one).
    asked: list[Decimal | None] = [
        ln.price if ln.price is not None else defaults.get((ln.sku_id, ln.unit_id)) for ln in lines
    ]
    defaulted = [ln.price is None for ln in lines]
    promos = _promotions(session, lines, checked, asked, defaulted, promote, on, channel)
    prices = [p if p is not None else ZERO for p in asked]
    floor = min_prices(
        session,
        {
            (ln.sku_id, ln.unit_id): (c.info.base_unit_id, c.ratio)
            for ln, c in zip(lines, checked, strict=True)
        },
    )
    out: list[BuiltLine] = []
    for i, (ln, c) in enumerate(zip(lines, checked, strict=True)):
        promo = promos.get(i)
        price = promo.price if promo is not None and promo.price is not None else prices[i]
        line = _line(make, ln, c, price, list_price=prices[i])
        if promo is not None and promo.promotion_id is not None:
            line.promotion_id = promo.promotion_id
            line.promotion_text = promo.promotion_text[:100]
        low = floor.get((ln.sku_id, ln.unit_id))
        if low is not None and line.net_price * rate < low:
            if not (may_sell_below_min or ln.allow_below_min):
                errors.append(field_error(f"lines.{i}.price", "price_below_min", min_price=format(low, "f")))
            line.below_min_price = True
        out.append(BuiltLine(line, c, i))
        if promo is not None and promo.free_qty and promo.free_qty > 0:
            out.append(_free_line(make, ln, c, promo, i))
    if errors:
        raise Invalid("invalid_lines", errors=errors)
    for no, b in enumerate(out, start=1):
        b.line.line_no = no
    return out


def _line(
    make: Callable[..., SalesDocLine], ln: LineIn, c: CheckedLine, price: Decimal, *, list_price: Decimal
) -> SalesDocLine:
    figures = amounts(ln.qty, price, ln.discount_rate, ln.tax_rate)
    return make(
        SalesDocLine,
        line_no=0,
        sku_id=ln.sku_id,
        unit_id=ln.unit_id,
        qty=ln.qty,
        ratio=c.ratio,
        base_qty=c.base_qty,
        list_price=list_price,
        price=price,
        discount_rate=ln.discount_rate,
        tax_rate=ln.tax_rate,
        net_price=figures.net_price,
        total=figures.total,
        amount=figures.amount,
        tax_amount=figures.tax_amount,
        cost_amount=ZERO,
        profit_amount=ZERO,
        promotion_id=None,
        promotion_text="",
        below_min_price=False,
        lot_id=None,
        lot_no=ln.lot_no.strip() if c.info.tracking == "lot" else "",
        source_line_id=ln.source_line_id,
        done_qty=ZERO,
        remark=ln.remark,
    )


def _free_line(
    make: Callable[..., SalesDocLine], ln: LineIn, c: CheckedLine, promo: resolve.PromoResult, i: int
) -> BuiltLine:
    """买N送M: the free units as a line of their own at price 0, in the parent's unit, with the text."""
    free_in = LineIn(ln.sku_id, ln.unit_id, promo.free_qty, ZERO, ZERO, ln.tax_rate, ln.lot_no)
    checked = CheckedLine(c.info, c.ratio, (promo.free_qty * c.ratio).quantize(QTY_STEP, ROUND_HALF_UP))
    line = _line(make, free_in, checked, ZERO, list_price=ZERO)
    line.promotion_id = promo.promotion_id
    line.promotion_text = promo.promotion_text[:100]
    return BuiltLine(line, checked, i, free=True)


def _promotions(
    session: Session,
    lines: Sequence[LineIn],
    checked: Sequence[CheckedLine],
    prices: list[Decimal | None],
    defaulted: list[bool],
    promote: Promote,
    on: date,
    channel: str,
) -> dict[int, resolve.PromoResult]:
    """Input index → PromoResult for the lines promotions apply to."""
    wanted = [i for i in range(len(lines)) if promote == "always" or (promote == "omitted" and defaulted[i])]
    if not wanted:
        return {}
    asked = [
        resolve.PromoLine(
            index=i,
            sku_id=lines[i].sku_id,
            unit_id=lines[i].unit_id,
            ratio=checked[i].ratio,
            qty=lines[i].qty,
            price=prices[i],
        )
        for i in wanted
    ]
    return {r.index: r for r in resolve.apply_promotions(session, asked, on=on, channel=channel)}
