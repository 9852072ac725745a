"""List parameters (q, page, page_size, sort) and the page shape every list returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from jxc.common.errors import Invalid, field_error

T = TypeVar("T")
MAX_PAGE_SIZE = 200
# Columns and mapped attributes alike; typed loosely because SQLAlchemy's generics are invariant here.
Sortable = Any


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int


class ListParams:
    """Parsed by FastAPI from the query string; limits are checked here so the error is ours."""

    def __init__(
        self,
        q: str | None = Query(default=None, max_length=100),
        page: int = Query(default=1),
        page_size: int = Query(default=20),
        sort: str | None = Query(default=None, max_length=100),
    ) -> None:
        errors = []
        if page < 1:
            errors.append(field_error("query.page", "page_min"))
        if page_size < 1 or page_size > MAX_PAGE_SIZE:
            errors.append(field_error("query.page_size", "page_size_range", max=MAX_PAGE_SIZE))
        if errors:
            raise Invalid("invalid_query", errors=errors)
        self.q = q.strip() if q and q.strip() else None
        self.page = page
        self.page_size = page_size
        self.sort = sort

    def order_by(self, columns: Mapping[str, Sortable], default: Sequence[Sortable]) -> list[Sortable]:
        """`sort=-created_at,username` → ORDER BY; unknown keys are a 422 naming the allowed ones."""
        if not self.sort:
            return list(default)
        order: list[Sortable] = []
        for part in self.sort.split(","):
            key = part.strip()
            desc = key.startswith("-")
            key = key.lstrip("-+")
            if key not in columns:
                raise Invalid(
                    "invalid_query",
                    errors=[
                        field_error("query.sort", "sort_unknown", key=key, allowed=", ".join(sorted(columns)))
                    ],
                )
            col = columns[key]
            order.append(col.desc() if desc else col.asc())
        return [*order, *default]


def paginate(
    session: Session, stmt: Select[Any], params: ListParams, order: Sequence[ColumnElement[Any]]
) -> tuple[list[Any], int]:
    total = session.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
    rows = (
        session.execute(
            stmt.order_by(*order).limit(params.page_size).offset((params.page - 1) * params.page_size)
        )
        .scalars()
        .all()
    )
    return list(rows), int(total)


def all_rows(
    session: Session, stmt: Select[Any], order: Sequence[ColumnElement[Any]], limit: int = 100_000
) -> list[Any]:
    """Every row of a filtered list, for exports (bounded so one export cannot exhaust memory)."""
    return list(session.execute(stmt.order_by(*order).limit(limit)).scalars().all())


def like_pattern(q: str) -> str:
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
