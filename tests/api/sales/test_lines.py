"""The line arithmetic of the contract ("Amounts on a sales line"), by hand: prices include tax, each figure
rounded half-up once; a ticket discount spread in proportion, the remainder on the largest line."""

from __future__ import annotations

from decimal import Decimal as D

from jxc.sales.lines import amounts, apply_ticket_discount, split_tax, spread_discount
from jxc.sales.models import SalesDocLine


def test_amounts_of_a_line() -> None:
    # 11.30 less 10% = 10.17; 3 × 10.17 = 30.51; 30.51 / 1.13 = 27.00; tax 3.51.
    a = amounts(D("3"), D("11.30"), D("10"), D("13"))
    assert (a.net_price, a.total, a.amount, a.tax_amount) == (
        D("10.170000"),
        D("30.51"),
        D("27.00"),
        D("3.51"),
    )
    # Net price to 6 places half-up: 0.333333 × 0.85 = 0.28333305 → 0.283333; 7 × that = 1.983331 → 1.98.
    a = amounts(D("7"), D("0.333333"), D("15"), D("0"))
    assert (a.net_price, a.total, a.amount, a.tax_amount) == (D("0.283333"), D("1.98"), D("1.98"), D("0.00"))
    # Half-up at the fen: 1.005 → 1.01; ex tax 1.01 / 1.06 = 0.9528 → 0.95, tax 0.06.
    a = amounts(D("1"), D("1.005"), D("0"), D("6"))
    assert (a.total, a.amount, a.tax_amount) == (D("1.01"), D("0.95"), D("0.06"))
    assert split_tax(D("100.00"), D("100")) == (D("50.00"), D("50.00"))


def test_a_ticket_discount_is_spread_in_proportion_with_the_remainder_on_the_largest_line() -> None:
    # 1.00 over 10 / 20 / 30.01: 0.1666 → 0.17, 0.3333 → 0.33, 0.5001 → 0.50 (sum 1.00).
    assert spread_discount([D("10"), D("20"), D("30.01")], D("1")) == [D("0.17"), D("0.33"), D("0.50")]
    # 0.10 over three equal lines: 0.03 each, the cent left over on the first largest line.
    assert spread_discount([D("1"), D("1"), D("1")], D("0.10")) == [D("0.04"), D("0.03"), D("0.03")]
    assert spread_discount([D("5"), D("0")], D("0")) == [D("0"), D("0")]
    lines = [
        SalesDocLine(total=D("113.00"), tax_rate=D("13"), amount=D("100.00"), tax_amount=D("13.00")),
        SalesDocLine(total=D("10.00"), tax_rate=D("0"), amount=D("10.00"), tax_amount=D("0.00")),
    ]
    apply_ticket_discount(lines, D("3.00"))
    # 3 × 113/123 = 2.756 → 2.76; 3 × 10/123 = 0.2439 → 0.24.
    assert [(ln.total, ln.amount, ln.tax_amount) for ln in lines] == [
        (D("110.24"), D("97.56"), D("12.68")),
        (D("9.76"), D("9.76"), D("0.00")),
    ]
