"""Exact unit conversion and mixed display ("3箱5瓶"). Decimal only; a ratio is base units per unit."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

QTY_QUANTUM = Decimal("0.0001")


def to_base(qty: Decimal, ratio: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 40
        return qty * ratio


def from_base(base_qty: Decimal, ratio: Decimal) -> Decimal:
    """Base units expressed in a unit; exact when it divides, else rounded half-up to 4 decimals."""
    with localcontext() as ctx:
        ctx.prec = 40
        value = base_qty / ratio
    if value == value.quantize(QTY_QUANTUM, rounding=ROUND_HALF_UP):
        return value.normalize() if value != 0 else Decimal(0)
    return value.quantize(QTY_QUANTUM, rounding=ROUND_HALF_UP)


def mixed(base_qty: Decimal, units: list[tuple[str, Decimal]], base_name: str) -> str:
    """Largest units first: 77 瓶 with 箱 = 24 → "3箱5瓶". Fractions stay on the base unit."""
    negative = base_qty < 0
    rest = -base_qty if negative else base_qty
    parts = []
    for name, ratio in sorted(units, key=lambda u: u[1], reverse=True):
        if ratio <= 1:
            continue
        count = rest // ratio
        if count:
            parts.append(f"{count}{name}")
            rest -= count * ratio
    if rest or not parts:
        parts.append(f"{rest.normalize() if rest else 0}{base_name}")
    return ("-" if negative else "") + "".join(parts)
