"""Moving weighted average (移动加权平均) per SKU × warehouse, exact Decimal. Pure: no database.

The rounding rule, written down once:
- a move's value is rounded to the cent (ROUND_HALF_UP) once, from the exact running value and quantity:
  value = running_value × qty / running_qty — never from a rounded unit cost;
- a move that takes the quantity to exactly zero takes the whole running value with it, so no cent is left
  at zero quantity;
- the average unit cost shown (and used when stock is at or below zero) is running_value / running_qty
  rounded to 6 places; an inbound move into empty stock sets it to its own unit cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
COST_STEP = Decimal("0.000001")
ZERO = Decimal(0)


def money(x: Decimal) -> Decimal:
    return x.quantize(CENT, ROUND_HALF_UP)


def unit_cost(value: Decimal, qty: Decimal) -> Decimal:
    return (abs(value) / abs(qty)).quantize(COST_STEP, ROUND_HALF_UP) if qty else ZERO


@dataclass(frozen=True)
class Position:
    """Running quantity, value and average cost of one SKU × warehouse at a point of its ledger."""

    qty: Decimal = ZERO
    value: Decimal = ZERO
    cost: Decimal = ZERO


def average_value(pos: Position, qty: Decimal) -> Decimal:
    """The value of `qty` (signed) at the position's moving average."""
    if pos.qty > 0:
        return money(pos.value * qty / pos.qty)
    return money(qty * pos.cost)


def apply(pos: Position, qty: Decimal, value: Decimal, *, absorb: bool) -> tuple[Decimal, Position]:
    """The move's final value and the position after it. `absorb`: an outbound move that empties the stock
    takes all remaining value (for moves valued by the ledger, not by a document's price)."""
    new_qty = pos.qty + qty
    if absorb and qty < 0 and new_qty == 0:
        value = -pos.value
    new_value = pos.value + value
    if new_qty > 0:
        cost = (new_value / new_qty).quantize(COST_STEP, ROUND_HALF_UP)
    elif qty > 0:
        cost = unit_cost(value, qty)
    else:
        cost = pos.cost
    return value, Position(new_qty, new_value, cost)
