"""/api/v1/money-categories (收支类别)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from jxc.auth.deps import require, require_any
from jxc.auth.principal import Principal
from jxc.common.route import TransactionalRoute, get_session
from jxc.finance import categories
from jxc.finance.categories import CategoryKind, MoneyCategoryCreate, MoneyCategoryRead, MoneyCategoryUpdate

router = APIRouter(
    prefix="/api/v1/money-categories", tags=["money-categories"], route_class=TransactionalRoute
)


@router.get("", response_model=list[MoneyCategoryRead])
def list_money_categories(
    kind: CategoryKind | None = None,
    is_active: bool | None = None,
    _: Principal = Depends(
        require_any("finance.category.view", "finance.income.create", "finance.expense.create")
    ),
    session: Session = Depends(get_session),
) -> list[MoneyCategoryRead]:
    return categories.list_categories(session, kind, is_active)


@router.post("", response_model=MoneyCategoryRead, status_code=201)
def create_money_category(
    body: MoneyCategoryCreate,
    _: Principal = Depends(require("finance.category.edit")),
    session: Session = Depends(get_session),
) -> MoneyCategoryRead:
    return categories.create_category(session, body)


@router.patch("/{category_id}", response_model=MoneyCategoryRead)
def update_money_category(
    category_id: int,
    body: MoneyCategoryUpdate,
    _: Principal = Depends(require("finance.category.edit")),
    session: Session = Depends(get_session),
) -> MoneyCategoryRead:
    return categories.update_category(session, category_id, body)


@router.delete("/{category_id}", status_code=204)
def delete_money_category(
    category_id: int,
    _: Principal = Depends(require("finance.category.edit")),
    session: Session = Depends(get_session),
) -> Response:
    categories.delete_category(session, category_id)
    return Response(status_code=204)
