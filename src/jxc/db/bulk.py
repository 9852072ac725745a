"""Multi-row INSERT without SQLAlchemy's per-row parameter work.

`session.execute(insert(table), rows)` compiles once but then builds, defaults and type-processes every row
through generic machinery: about 5 s of a 50,000-product import. Here the same compiled statement is used,
each column's bind processor and Python-side default are looked up once, values are converted column by
column, and the driver's executemany receives ready rows. What reaches the database is what the Core
statement would have sent: the same SQL, the same type processing, each default evaluated per row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.exc import CompileError
from sqlalchemy.orm import Session

Processor = Callable[[Any], Any]
_NOTHING = object()


def insert_rows(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    same: Mapping[str, Any] | None = None,
) -> None:
    """INSERT `rows` (dicts keyed by column key, each with at least the first row's keys) into `table`.

    `same` holds values every row shares (the company, one timestamp for a whole import), converted once
    instead of once per row; a key there wins over the rows'. Like a Core INSERT run through the session,
    this does not autoflush: pending ORM changes stay pending."""
    if not rows:
        return
    same = dict(same or {})
    keys = [*(k for k in rows[0] if k not in same), *same]
    unknown = [k for k in keys if k not in table.c]
    if unknown:
        raise CompileError(f"Unconsumed column names: {', '.join(unknown)}")
    connection = session.connection()
    compiled: Any = insert(table).compile(dialect=connection.dialect, column_keys=keys, for_executemany=True)
    params = None
    if not (
        compiled.escaped_bind_names
        or compiled.literal_execute_params
        or compiled.post_compile_params
        or compiled.effective_returning
    ):
        params = _parameters(table, compiled, rows, same)
    if params is None:
        # A statement shape or a default this helper does not reproduce: Core does it, slower.
        session.execute(insert(table), [{**row, **same} for row in rows])
        return
    connection.exec_driver_sql(compiled.string, params)


def _parameters(
    table: Table, compiled: Any, rows: Sequence[Mapping[str, Any]], same: dict[str, Any]
) -> list[Any] | None:
    names: list[str] = list(compiled.positiontup) if compiled.positional else list(compiled.binds)
    processors: dict[str, Processor] = compiled._bind_processors
    given = set(rows[0])
    count = len(rows)
    columns: list[list[Any]] = []
    for name in names:
        column = table.c[compiled.binds[name].key]
        key = column.key
        process = processors.get(name)
        default = column.default
        if key in same or (key not in given and (default is None or default.is_scalar)):
            value = same.get(key, None if default is None else default.arg)
            columns.append([value if process is None else process(value)] * count)
        elif key in given:
            values = [row[key] for row in rows]
            columns.append(values if process is None else _converted(values, process))
        elif default.is_callable and default.arg is not getattr(default, "_fn", default.arg):
            # SQLAlchemy puts a function that takes no argument (utcnow, list) behind a one-argument shim and
            # keeps it as _fn; one that it calls as-is reads the execution context. Called once per row,
            # as Core does, so each row gets its own value.
            make = default._fn
            values = [make() for _ in range(count)]
            columns.append(values if process is None else [process(v) for v in values])
        else:
            # A SQL expression, a sequence, or a function of the execution context (the row itself).
            return None
    if not columns:
        return None
    params: list[Any] = list(zip(*columns, strict=True))
    if compiled.positional:
        return params
    return [dict(zip(names, p, strict=True)) for p in params]


def _converted(values: list[Any], process: Processor) -> list[Any]:
    """Each value through the type's processor; a value that is the very object of the row before (a price
    or None repeated down a column) reuses its result, as a processor depends only on its argument."""
    out: list[Any] = []
    last: Any = _NOTHING
    done: Any = None
    for value in values:
        if value is not last:
            last, done = value, process(value)
        out.append(done)
    return out
