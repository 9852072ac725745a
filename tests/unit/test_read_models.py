"""common.schemas.ReadModel: marked fields (CostField, PurchasePriceField) are dropped for users without
the right; only the models that declare them pay for the serializer that drops them."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import pytest

from jxc.common.context import RequestContext, activate, deactivate
from jxc.common.schemas import CostField, Money, PurchasePriceField, ReadModel


class Plain(ReadModel):
    name: str
    amount: Money


class Costed(ReadModel):
    name: str
    cost: Money | None = CostField()


class MoreCosted(Costed):
    price: Money | None = PurchasePriceField()


class Holder(ReadModel):
    rows: list[Costed]
    plain: list[Plain]


def _as(permissions: frozenset[str]) -> object:
    return activate(RequestContext(user_id=7, company_id=1, permissions=permissions))


def test_marked_fields_are_dropped_without_the_right_nested_and_inherited() -> None:
    holder = Holder(
        rows=[
            Costed(name="a", cost=Decimal("1.25")),
            MoreCosted(name="b", cost=Decimal(2), price=Decimal(3)),
        ],
        plain=[Plain(name="c", amount=Decimal("4.00"))],
    )
    token = _as(frozenset())
    try:
        seen = holder.model_dump(mode="json", serialize_as_any=True)
        assert seen["rows"] == [{"name": "a"}, {"name": "b"}]
        assert seen["plain"] == [{"name": "c", "amount": "4.00"}]
        assert MoreCosted(name="b", cost=Decimal(2), price=Decimal(3)).model_dump_json() == '{"name":"b"}'
    finally:
        deactivate(token)
    token = _as(frozenset({"cost.view"}))
    try:
        assert Costed(name="a", cost=Decimal("1.25")).model_dump(mode="json") == {"name": "a", "cost": "1.25"}
        assert MoreCosted(name="b", cost=Decimal(2), price=Decimal(3)).model_dump(mode="json") == {
            "name": "b",
            "cost": "2",
            "price": "3",
        }
    finally:
        deactivate(token)


def test_only_models_with_marked_fields_carry_the_serializer() -> None:
    assert not Plain.__pydantic_decorators__.model_serializers
    assert not Holder.__pydantic_decorators__.model_serializers
    assert Costed.__pydantic_decorators__.model_serializers
    assert MoreCosted._guarded
    assert MoreCosted._price_fields == {"price"}


def test_a_marked_field_declared_out_of_sight_is_refused() -> None:
    with pytest.raises(TypeError, match="CostField"):

        class Hidden(ReadModel):
            cost: Annotated[Money | None, CostField()] = None
