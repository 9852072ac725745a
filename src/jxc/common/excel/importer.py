"""All or nothing: validate every row first, write only when the whole file is clean.

The domain's `apply(rows, write)` checks the rows against the database (duplicates inside the file, unknown
references, codes taken) and writes only when `write` is True. The engine never commits: services flush,
the request (or the CLI's transaction) commits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from jxc.common.errors import Invalid
from jxc.common.excel.reader import Row, Table
from jxc.common.excel.spec import CellError, ImportSpec, file_error


@dataclass
class ApplyResult:
    created: int = 0
    updated: int = 0
    errors: list[CellError] = field(default_factory=list)


Apply = Callable[[list[Row], bool], ApplyResult]


class ImportResult(BaseModel):
    """The answer of POST /<entity>/import: `row` is the spreadsheet row number, 0 for the whole file."""

    total: int
    valid: int
    created: int
    updated: int
    committed: bool
    errors: list[CellError]


class ImportWriteFailed(Invalid):
    """The domain found a problem only while writing: raised so the request's transaction rolls back
    whatever was flushed, which keeps "all rows or none" true."""

    code = "import_write_failed"

    def __init__(self, result: ImportResult) -> None:
        super().__init__(
            "import_write_failed",
            errors=[
                {"field": f"row.{e.row}", "code": "import_row", "message": f"{e.column}：{e.message}"}
                for e in result.errors[:100]
            ],
        )
        self.result = result


def sort_errors(spec: ImportSpec, errors: list[CellError]) -> list[CellError]:
    order = {f.label(): i for i, f in enumerate(spec.fields)}
    return sorted(errors, key=lambda e: (e.row, order.get(e.column, len(order))))


def run_import(spec: ImportSpec, table: Table, apply: Apply, commit: bool) -> ImportResult:
    total = len(table.rows)
    if table.file_errors:
        return ImportResult(
            total=total,
            valid=0,
            created=0,
            updated=0,
            committed=False,
            errors=[file_error(m) for m in table.file_errors],
        )
    if commit and spec.checks_on_write and table.rows and not table.errors:
        done = apply(table.rows, True)
        if done.errors:  # found by the check that comes before any write: nothing was written
            return _not_written(spec, total, done, done.errors)
        return _written(spec, total, done)
    unreadable = {e.row for e in table.errors}
    # Rows that read cleanly are still checked against the database, so one upload shows every problem.
    clean = [r for r in table.rows if r.number not in unreadable]
    check = apply(clean, False) if clean else ApplyResult()
    errors = [*table.errors, *check.errors]
    if errors or not commit or not table.rows:
        return _not_written(spec, total, check, errors)
    return _written(spec, total, apply(table.rows, True))


def _not_written(spec: ImportSpec, total: int, check: ApplyResult, errors: list[CellError]) -> ImportResult:
    errors = sort_errors(spec, errors)
    return ImportResult(
        total=total,
        valid=total - len({e.row for e in errors if e.row > 0}),
        created=check.created,
        updated=check.updated,
        committed=False,
        errors=errors,
    )


def _written(spec: ImportSpec, total: int, done: ApplyResult) -> ImportResult:
    result = ImportResult(
        total=total,
        valid=total - len({e.row for e in done.errors}),
        created=done.created,
        updated=done.updated,
        committed=not done.errors,
        errors=sort_errors(spec, done.errors),
    )
    if done.errors:
        raise ImportWriteFailed(result)
    return result
