"""Decimal column types.

PostgreSQL keeps NUMERIC. SQLite has no exact decimal type (NUMERIC is stored as a float there), so the
value is kept as a scaled 64-bit integer: sums and comparisons in SQL stay exact on both engines.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, Dialect, Numeric
from sqlalchemy.types import TypeDecorator, TypeEngine

QTY_SCALE = 4
PRICE_SCALE = 6
AMOUNT_SCALE = 2


class ScaledDecimal(TypeDecorator[Decimal]):
    impl = Numeric
    cache_ok = True

    def __init__(self, scale: int, precision: int = 20) -> None:
        super().__init__()
        self.scale = scale
        self.precision = precision
        self._quantum = Decimal(1).scaleb(-scale)

    def __repr__(self) -> str:
        # Alembic writes this into migrations: it must rebuild the same type.
        return f"ScaledDecimal({self.scale}, precision={self.precision})"

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        dec = value if isinstance(value, Decimal) else Decimal(str(value))
        dec = dec.quantize(self._quantum, rounding=ROUND_HALF_UP)
        if dialect.name == "sqlite":
            return int(dec.scaleb(self.scale))
        return dec

    def bind_processor(self, dialect: Dialect) -> Any:
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)
        # Every quantity and amount a posting writes passes here: one closure instead of the decorator's
        # layers, the same rule as process_bind_param.
        quantum, scale = self._quantum, self.scale

        def process(value: Any) -> int | None:
            if type(value) is not Decimal:
                if value is None:
                    return None
                if not isinstance(value, Decimal):
                    value = Decimal(str(value))
            return int(value.quantize(quantum, rounding=ROUND_HALF_UP).scaleb(scale))

        return process

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        # The hot path of every report: an integer count of 10^-scale units is already exact at the scale.
        shift = -self.scale

        def process(value: Any) -> Decimal | None:
            return None if value is None else Decimal(value).scaleb(shift)

        return process

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-self.scale).quantize(self._quantum)
        return Decimal(value).quantize(self._quantum)


def Qty() -> ScaledDecimal:
    return ScaledDecimal(QTY_SCALE)


def Price() -> ScaledDecimal:
    return ScaledDecimal(PRICE_SCALE)


def Money() -> ScaledDecimal:
    return ScaledDecimal(AMOUNT_SCALE)
