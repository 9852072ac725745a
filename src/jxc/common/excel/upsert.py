"""Import by code for small flat entities (partners, warehouses, accounts): validate every row first, then
save each through the ORM so the audit trail records each change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.common.excel.importer import ApplyResult
from jxc.common.excel.reader import Row
from jxc.common.excel.spec import CellError, ImportSpec
from jxc.common.i18n import t


def pick(row: Row, defaults: dict[str, Any]) -> dict[str, Any]:
    """The columns the file has (a missing column keeps the stored value); empty cells take the default."""
    return {
        key: (row.values[key] if row.values[key] is not None else default)
        for key, default in defaults.items()
        if key in row.values
    }


def upsert_by_code(
    session: Session,
    model: Any,
    spec: ImportSpec,
    rows: list[Row],
    write: bool,
    fields: Callable[[Row], dict[str, Any]],
    check: Callable[[Row, Any | None], list[tuple[str, str, dict[str, Any]]]] | None = None,
    after: Callable[[Any, Row], None] | None = None,
) -> ApplyResult:
    existing = {obj.code: obj for obj in session.execute(select(model)).scalars()}
    errors: list[CellError] = []
    seen: dict[str, int] = {}
    for row in rows:
        code = row.values.get("code") or ""
        if code in seen:
            errors.append(spec.error(row.number, "code", t("import.duplicate_in_file", row=seen[code])))
        seen.setdefault(code, row.number)
        for key, message_key, params in check(row, existing.get(code)) if check else []:
            errors.append(spec.error(row.number, key, t(message_key, **params)))
    created = sum(1 for code in seen if code not in existing)
    updated = len(seen) - created
    if errors or not write:
        return ApplyResult(created=created, updated=updated, errors=errors)
    for row in rows:
        values = fields(row)
        obj = existing.get(row.values["code"])
        if obj is None:
            obj = model(**values)
            session.add(obj)
        else:
            for name, value in values.items():
                setattr(obj, name, value)
        if after is not None:
            session.flush()
            after(obj, row)
    session.flush()
    return ApplyResult(created=created, updated=updated, errors=[])
