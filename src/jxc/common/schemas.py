"""Base shapes for the API.

- `InputModel`: unknown fields are refused (no mass assignment of, say, `cost` by a sales clerk).
- `ReadModel`: fields declared with `CostField` are dropped from the answer for a user without
  `cost.view`, fields declared with `PurchasePriceField` for a user with neither `purchase.price.view` nor
  `cost.view` — in every endpoint and export that serialises through these models.
- `Money`, `Qty`, `Price`: Decimal inside, a JSON string outside, and `string` in the OpenAPI schema both
  ways, so the generated TypeScript never holds them as numbers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
)
from pydantic import model_serializer as _model_serializer
from pydantic._internal._model_construction import ModelMetaclass  # the metaclass BaseModel has
from pydantic.fields import FieldInfo

from jxc.common.context import current

# ISO 4217 currency codes (CNY, USD, …)
CURRENCY_PATTERN = r"^[A-Z]{3}$"


def _decimal_string(pattern: str, description: str) -> Any:
    return [
        PlainSerializer(lambda v: format(v, "f"), return_type=str, when_used="always"),
        WithJsonSchema({"type": "string", "pattern": pattern, "description": description}),
    ]


Money = Annotated[
    Decimal,
    Field(max_digits=18, decimal_places=2),
    *_decimal_string(r"^-?\d+(\.\d{1,2})?$", "amount, 2 decimals"),
]
Price = Annotated[
    Decimal,
    Field(max_digits=20, decimal_places=6),
    *_decimal_string(r"^-?\d+(\.\d{1,6})?$", "unit price, up to 6 decimals"),
]
Qty = Annotated[
    Decimal,
    Field(max_digits=18, decimal_places=4),
    *_decimal_string(r"^-?\d+(\.\d{1,4})?$", "quantity, up to 4 decimals"),
]

COST_MARK = "x-cost"


def CostField(default: Any = None, **kwargs: Any) -> Any:
    """A cost, purchase price or gross profit: only users with `cost.view` receive it."""
    extra = kwargs.pop("json_schema_extra", {}) or {}
    return Field(default, json_schema_extra={**extra, COST_MARK: True}, **kwargs)


PRICE_MARK = "x-purchase-price"


def PurchasePriceField(default: Any = None, **kwargs: Any) -> Any:
    """A purchase price or amount: buyers see it with `purchase.price.view`, whoever sees costs anyway too."""
    extra = kwargs.pop("json_schema_extra", {}) or {}
    return Field(default, json_schema_extra={**extra, PRICE_MARK: True}, **kwargs)


def can_view_purchase_prices() -> bool:
    ctx = current()
    return ctx.can_view_cost or ctx.has("purchase.price.view")


def _marked(model: type[BaseModel], mark: str) -> frozenset[str]:
    return frozenset(
        name
        for name, f in model.model_fields.items()
        if isinstance(f.json_schema_extra, dict) and f.json_schema_extra.get(mark)
    )


class InputModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _drop_marked(self: Any, handler: SerializerFunctionWrapHandler, _info: SerializationInfo) -> Any:
    data = handler(self)
    if not isinstance(data, dict):
        return data
    if self._cost_fields and not current().can_view_cost:
        for name in self._cost_fields:
            data.pop(name, None)
    if self._price_fields and not can_view_purchase_prices():
        for name in self._price_fields:
            data.pop(name, None)
    return data


def _declares_marked(namespace: dict[str, Any]) -> bool:
    return any(
        isinstance(v, FieldInfo)
        and isinstance(v.json_schema_extra, dict)
        and (v.json_schema_extra.get(COST_MARK) or v.json_schema_extra.get(PRICE_MARK))
        for v in namespace.values()
    )


class _ReadModelMeta(ModelMetaclass):
    """Gives the serializer that drops marked fields only to the models that declare such fields (and,
    by inheritance, to their subclasses). A wrap serializer is a call into Python for every object
    serialised: on every model it made a 100-row list answer ~8 times slower to serialise."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any) -> Any:
        if _declares_marked(namespace) and not any(getattr(b, "_guarded", False) for b in bases):
            namespace["_drop_marked"] = _model_serializer(mode="wrap")(_drop_marked)
            namespace["_guarded"] = True
        return super().__new__(mcs, name, bases, namespace, **kwargs)


class ReadModel(BaseModel, metaclass=_ReadModelMeta):
    model_config = ConfigDict(from_attributes=True)

    _cost_fields: ClassVar[frozenset[str]] = frozenset()
    _price_fields: ClassVar[frozenset[str]] = frozenset()
    _guarded: ClassVar[bool] = False

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._cost_fields = _marked(cls, COST_MARK)
        cls._price_fields = _marked(cls, PRICE_MARK)
        if (cls._cost_fields or cls._price_fields) and not cls._guarded:
            # A marked field the metaclass did not see (declared some other way): never send it unguarded.
            raise TypeError(f"{cls.__name__}: declare cost and purchase-price fields as `x: T = CostField()`")
