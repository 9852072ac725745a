"""List parameters (q, page, page_size, sort) and the page shape every list returns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Select, func, select
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
    session: Session,
    stmt: Select[Any],
    params: ListParams,
    order: Sequence[Sortable],
    limit: int | None = None,
) -> tuple[list[Any], int]:
    """One page of `stmt` and the total; with `limit`, every row up to it (exports)."""
    if limit is not None:
        rows = session.execute(stmt.order_by(*order).limit(limit)).scalars().all()
        return list(rows), len(rows)
    rows = (
        session.execute(
            stmt.order_by(*order).limit(params.page_size).offset((params.page - 1) * params.page_size)
        )
        .scalars()
        .all()
    )
    if params.page == 1 and len(rows) < params.page_size:
        return list(rows), len(rows)  # the whole result is on this page: no COUNT needed
    total = session.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
    return list(rows), int(total)


def like_pattern(q: str) -> str:
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
