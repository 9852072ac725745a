"""Small pieces the money reports share: date ranges, document kind labels, name look-ups in bulk."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from jxc.auth.models import User
from jxc.common.errors import Invalid, NotFound, field_error
from jxc.common.i18n import has_key, t
from jxc.common.pagination import ListParams
from jxc.finance.doc_models import MoneyCategory
from jxc.finance.models import Account
from jxc.partners.models import Partner


def check_range(date_from: date | None, date_to: date | None) -> None:
    if date_from is not None and date_to is not None and date_from > date_to:
        raise Invalid("invalid_query", errors=[field_error("query.date_from", "date_range_invalid")])


def kind_label(kind: str) -> str:
    """Money documents label their kinds here; kinds of later document modules fall back to the code
    until those modules add `doc_kind.<kind>`."""
    key = f"doc_kind.{kind}"
    return t(key) if has_key(key) else kind


def partner(session: Session, partner_id: int) -> Partner:
    row = session.execute(select(Partner).where(Partner.id == partner_id)).scalar_one_or_none()
    if row is None:
        raise NotFound("partner_not_found")
    return row


def _names(session: Session, stmt: Select[*tuple[Any, ...]], ids: Iterable[int | None]) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    col = stmt.selected_columns[0]
    return {int(i): str(n) for i, n in session.execute(stmt.where(col.in_(wanted))).all()}


def partner_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    return _names(session, select(Partner.id, Partner.name), ids)


def partner_info(session: Session, ids: Iterable[int | None]) -> dict[int, Partner]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return {p.id: p for p in session.execute(select(Partner).where(Partner.id.in_(wanted))).scalars()}


def user_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    return _names(session, select(User.id, User.display_name), ids)


def account_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    return _names(session, select(Account.id, Account.name), ids)


def category_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    return _names(session, select(MoneyCategory.id, MoneyCategory.name), ids)


def page_rows(
    session: Session, stmt: Select[*tuple[Any, ...]], params: ListParams, limit: int | None
) -> tuple[list[Any], int]:
    """One page of an ordered multi-column `stmt` and the total; with `limit`, every row up to it."""
    if limit is not None:
        rows = list(session.execute(stmt.limit(limit)).all())
        return rows, len(rows)
    rows = list(
        session.execute(stmt.limit(params.page_size).offset((params.page - 1) * params.page_size)).all()
    )
    if params.page == 1 and len(rows) < params.page_size:
        return rows, len(rows)
    total = session.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
    return rows, int(total)
