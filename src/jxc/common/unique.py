"""The one check that a code (or name) is free among the current company's rows, for every master table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from jxc.common.errors import Conflict, field_error


def ensure_free(
    session: Session,
    column: InstrumentedAttribute[Any],
    value: Any,
    *,
    except_id: int | None = None,
    within: ColumnElement[bool] | None = None,
    code: str = "code_taken",
    field: str = "body.code",
) -> None:
    """Raise 409 `code` naming `field` when another row (not `except_id`, inside `within`) holds `value`."""
    model = column.class_
    stmt = select(model.id).where(column == value)
    if within is not None:
        stmt = stmt.where(within)
    if except_id is not None:
        stmt = stmt.where(model.id != except_id)
    if session.execute(stmt.limit(1)).first():
        raise Conflict(code, errors=[field_error(field, "code_taken")], value=value)
