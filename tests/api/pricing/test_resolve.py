"""The price default's precedence and the promotions' choice (docs/contracts/sales-api.md, "Price default and
promotions"), through `jxc.pricing.resolve` as the sales services call it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jxc.common.lifecycle import APPROVED
from jxc.pricing.resolve import PromoLine, PromoResult, apply_promotions, default_price
from jxc.sales.models import SalesDoc, SalesDocLine
from tests.api.pricing.conftest import Prices

ON = date(2026, 11, 20)
D = Decimal


def _default(p: Prices, who: str | None, channel: str = "sales", unit: str = "瓶", on: date = ON):
    with p.session() as s:
        return default_price(
            s,
            customer_id=p.partner[who] if who else None,
            sku_id=p.shop.sku["COLA"],
            unit_id=p.shop.units[unit],
            on=on,
            channel=channel,
        )


def _catalogue(p: Prices) -> None:
    p.set_prices(
        "COLA", retail_price="3.00", wholesale_price="2.50", min_price="2.00", levels={"VIP": "2.80"}
    )


def test_catalogue_prices_by_channel_and_customer(prices: Prices) -> None:
    _catalogue(prices)
    walk_in = _default(prices, None, "retail")
    assert (walk_in.price, walk_in.source, walk_in.min_price) == (D("3.00"), "retail", D("2.00"))
    assert (_default(prices, "C1", "retail").price, _default(prices, "C1", "retail").source) == (
        D("2.80"),
        "level",
    )
    assert (_default(prices, "C2", "retail").price, _default(prices, "C2", "retail").source) == (
        D("3"),
        "retail",
    )
    assert (_default(prices, "C2").price, _default(prices, "C2").source) == (D("2.50"), "wholesale")
    assert (_default(prices, "C1").price, _default(prices, "C1").source) == (D("2.80"), "level")
    assert _default(prices, None).source == "retail"  # a walk-in of the sales channel
    none = _default(prices, "C2", unit="箱")  # no price for the box
    assert (none.price, none.source, none.min_price) == (None, "none", None)


def test_wholesale_falls_back_to_retail_for_customers(prices: Prices) -> None:
    prices.set_prices("COLA", retail_price="3.00")
    assert (_default(prices, "C2").price, _default(prices, "C2").source) == (D("3.00"), "retail")


def test_price_lists_win_level_first_then_newest_and_only_while_valid(prices: Prices) -> None:
    _catalogue(prices)
    prices.add_list({"COLA": "2.60"}, date_from=date(2026, 11, 1))
    assert (_default(prices, "C2").price, _default(prices, "C2").source) == (D("2.60"), "price_list")
    assert _default(prices, "C1").price == D("2.60")  # a list for everyone beats the level price
    assert _default(prices, None, "retail").price == D("2.60")
    prices.add_list({"COLA": "2.40"}, date_from=date(2026, 11, 10))
    assert _default(prices, "C2").price == D("2.40")  # the newest date_from wins
    prices.add_list({"COLA": "2.70"}, level="VIP", date_from=date(2026, 10, 1))
    assert _default(prices, "C1").price == D("2.70")  # the customer's level's list before lists for everyone
    assert _default(prices, "C2").price == D("2.40")
    # Validity: not yet valid, expired, inactive.
    prices.add_list({"COLA": "1.00"}, date_from=date(2026, 11, 21))
    prices.add_list({"COLA": "1.10"}, date_from=date(2026, 11, 15), date_to=date(2026, 11, 19))
    prices.add_list({"COLA": "1.20"}, date_from=date(2026, 11, 18), active=False)
    assert _default(prices, "C2").price == D("2.40")
    assert _default(prices, "C2", on=date(2026, 11, 21)).price == D("1.00")
    assert _default(prices, "C2", on=date(2026, 10, 31)).source == "wholesale"


def _sold(p: Prices, who: str, price: str, day: date, number: str, kind: str = "delivery") -> None:
    with p.session() as s:
        doc = SalesDoc(
            kind=kind,
            number=number,
            business_date=day,
            status=APPROVED,
            customer_id=p.partner[who],
            warehouse_id=p.shop.wh["A"],
        )
        s.add(doc)
        s.flush()
        s.add(
            SalesDocLine(
                doc_id=doc.id,
                line_no=1,
                sku_id=p.shop.sku["COLA"],
                unit_id=p.shop.units["瓶"],
                qty=D(1),
                ratio=D(1),
                base_qty=D(1),
                price=D(price),
                net_price=D(price),
                total=D(price),
                amount=D(price),
                tax_amount=D(0),
            )
        )


def test_last_price_comes_after_lists_and_levels_and_before_wholesale(prices: Prices) -> None:
    _catalogue(prices)
    _sold(prices, "C2", "2.35", date(2026, 11, 3), "XSCK-20261103-0001")
    _sold(prices, "C2", "2.45", date(2026, 11, 5), "LSD-20261105-0001", kind="retail")
    _sold(prices, "C2", "0", date(2026, 11, 6), "XSCK-20261106-0001")  # free units are no price
    _sold(prices, "C2", "9.99", date(2026, 11, 7), "XSDD-20261107-0001", kind="order")  # orders are no sale
    last = _default(prices, "C2")
    assert (last.price, last.source, last.last_date, last.last_number) == (
        D("2.45"),
        "last",
        date(2026, 11, 5),
        "LSD-20261105-0001",
    )
    assert last.min_price == D("2.00")
    assert _default(prices, "C2", "retail").source == "retail"  # the counter sells at the shelf price
    _sold(prices, "C1", "2.10", date(2026, 11, 5), "XSCK-20261105-0001")
    assert _default(prices, "C1").source == "level"
    prices.add_list({"COLA": "2.60"})
    assert _default(prices, "C2").source == "price_list"


def _promo(
    p: Prices, price: str = "3.00", qty: str = "1", unit: str = "瓶", channel: str = "retail", on: date = ON
) -> PromoResult:
    ratio = D(24) if unit == "箱" else D(1)
    line = PromoLine(0, p.shop.sku["COLA"], p.shop.units[unit], ratio, D(qty), D(price))
    with p.session() as s:
        [result] = apply_promotions(s, [line], on=on, channel=channel)
    return result


def test_no_promotion_keeps_the_price(prices: Prices) -> None:
    assert _promo(prices) == PromoResult(0, D("3.00"), None, "", D(0))


def test_percent_off_fixed_price_and_markdown(prices: Prices) -> None:
    pid = prices.add_promo("percent_off", name="双十一", skus={"COLA": None}, percent_off="10")
    r = _promo(prices, "3.33")
    assert (r.price, r.promotion_id, r.promotion_text) == (D("2.997000"), pid, "双十一（9折）")
    fixed = prices.add_promo("fixed_price", name="特价可乐", skus={"COLA": "2.50"})
    r = _promo(prices, "3.33")
    assert (r.price, r.promotion_id, r.promotion_text) == (D("2.50"), fixed, "特价可乐（特价）")
    box = _promo(prices, "72.00", unit="箱")  # the fixed price is per base unit: × 24 for a box
    assert (box.price, box.promotion_id) == (D("60.00"), fixed)
    mark = prices.add_promo("markdown", name="清仓", skus={"COLA": None}, percent_off="50")
    assert (_promo(prices, "3.33").price, _promo(prices, "3.33").promotion_id) == (D("1.665"), mark)


def test_the_lowest_price_wins_and_a_dearer_offer_is_ignored(prices: Prices) -> None:
    prices.add_promo("fixed_price", name="特价", skus={"COLA": "3.50"})  # dearer than the price
    assert _promo(prices).promotion_id is None
    small = prices.add_promo("percent_off", skus={"COLA": None}, percent_off="5")
    big = prices.add_promo("percent_off", skus={"COLA": None}, percent_off="20")
    assert prices.add_promo("percent_off", skus={"COLA": None}, percent_off="20") > big
    assert _promo(prices).promotion_id == big  # the lowest price; on a tie the older promotion
    assert _promo(prices, "1.00").price == D("0.80")
    assert small


def test_buy_n_get_m_gives_free_units_and_competes_on_the_price_per_unit(prices: Prices) -> None:
    bogo = prices.add_promo("buy_n_get_m", name="买二送一", skus={"COLA": None}, buy="2", free="1")
    assert _promo(prices, qty="1").promotion_id is None  # not enough bought: nothing free
    r = _promo(prices, qty="5")
    assert (r.price, r.promotion_id, r.free_qty, r.promotion_text) == (
        D("3.00"),
        bogo,
        D(2),
        "买二送一（买2送1）",
    )
    prices.add_promo("percent_off", skus={"COLA": None}, percent_off="10")
    assert _promo(prices, qty="4").promotion_id == bogo  # 4 × 3.00 over 6 units = 2.00 < 2.70
    assert _promo(prices, qty="1").price == D("2.70")  # 1 unit: only the percent helps


def test_validity_activity_and_channel(prices: Prices) -> None:
    prices.add_promo("percent_off", skus={"COLA": None}, percent_off="10", date_from=date(2026, 11, 21))
    prices.add_promo("percent_off", skus={"COLA": None}, percent_off="20", active=False)
    shop_only = prices.add_promo("percent_off", skus={"COLA": None}, percent_off="30", retail_only=True)
    assert _promo(prices, channel="sales").promotion_id is None
    assert _promo(prices).promotion_id == shop_only
    assert _promo(prices, on=date(2026, 12, 1)).promotion_id is None  # after date_to
    assert _promo(prices, on=date(2026, 11, 30)).promotion_id == shop_only  # date_to is inclusive


def test_scope_category_with_descendants_and_all(prices: Prices) -> None:
    drinks = prices.add_promo("percent_off", scope="category", categories=["饮料"], percent_off="10")
    r = _promo(prices)
    assert r.promotion_id == drinks  # COLA is in 碳酸饮料, below 饮料
    everything = prices.add_promo("percent_off", scope="all", percent_off="15")
    assert _promo(prices).promotion_id == everything
    with prices.session() as s:
        milk = PromoLine(7, prices.shop.sku["MILK"], prices.shop.units["瓶"], D(1), D(1), D("5.00"))
        [r] = apply_promotions(s, [milk], on=ON, channel="sales")
    assert (r.index, r.price, r.promotion_id) == (7, D("4.250000"), everything)  # MILK has no category


def test_many_lines_in_one_call_keep_their_order(prices: Prices) -> None:
    cola = prices.add_promo("percent_off", skus={"COLA": None}, percent_off="10")
    lines = [
        PromoLine(i, prices.shop.sku[c], prices.shop.units["瓶"], D(1), D(1), D("2.00"))
        for i, c in enumerate(["MILK", "COLA", "MILK"])
    ]
    with prices.session() as s:
        out = apply_promotions(s, lines, on=ON, channel="retail")
    assert [(r.index, r.promotion_id, r.price) for r in out] == [
        (0, None, D("2.00")),
        (1, cola, D("1.800000")),
        (2, None, D("2.00")),
    ]
