"""`q` matching on a `search_text` column, using the substring index where the engine has one.

The only engine-specific query SQL, kept here: on SQLite an FTS5 trigram table `<table>_search` answers
queries of three characters or more; shorter ones (and PostgreSQL, whose pg_trgm index serves LIKE itself)
use LIKE.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import ColumnElement, bindparam, select, table, text
from sqlalchemy.orm import InstrumentedAttribute, Session

TRIGRAM = 3
# The table the migrations create (migration_helpers.PAUSE_TABLE, asserted equal by a unit test), named here
# because importing migration_helpers loads alembic: a third of a second on every `jxc import`.
PAUSE_TABLE = "jxc_search_pause"


def _cleaned(q: str) -> str:
    return "".join(q.lower().split())


def like_pattern(q: str) -> str:
    escaped = _cleaned(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(column: InstrumentedAttribute[str], q: str, dialect: str) -> ColumnElement[bool]:
    """`column` (a search_text) contains `q`, spaces ignored, case-insensitive."""
    cleaned = _cleaned(q)
    model_table: Any = column.class_.__table__
    if dialect == "sqlite" and len(cleaned) >= TRIGRAM:
        fts = f"{model_table.name}_search"
        phrase = '"' + cleaned.replace('"', '""') + '"'
        ids: Any = (
            select(text("rowid"))
            .select_from(table(fts))
            .where(text(f"{fts} MATCH :phrase").bindparams(bindparam("phrase", phrase)))
        )
        found: ColumnElement[bool] = model_table.c.id.in_(ids)
        return found
    return column.like(like_pattern(q), escape="\\")


@contextmanager
def bulk_insert(session: Session, table_name: str) -> Iterator[None]:
    """Around a bulk INSERT into a searchable table: on SQLite the per-row index trigger pauses (inside this
    transaction only) and the new rows enter the index in one statement afterwards."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    before = session.execute(text(f"SELECT coalesce(max(id), 0) FROM {table_name}")).scalar_one()
    session.execute(text(f"INSERT INTO {PAUSE_TABLE} (name) VALUES (:name)"), {"name": table_name})
    yield
    session.execute(text(f"DELETE FROM {PAUSE_TABLE} WHERE name = :name"), {"name": table_name})
    session.execute(
        text(
            f"INSERT INTO {table_name}_search(rowid, search_text) "
            f"SELECT id, search_text FROM {table_name} WHERE id > :before"
        ),
        {"before": before},
    )
