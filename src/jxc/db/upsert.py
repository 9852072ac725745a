"""INSERT … ON CONFLICT DO NOTHING on both engines (the only place that needs the dialects' own insert)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_missing(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert the rows a unique constraint does not already hold, one at a time in the given order.

    Callers pass rows in the global lock order: on PostgreSQL an insert that meets another transaction's
    uncommitted row waits for it, so inserting in one order everywhere cannot deadlock.
    """
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for row in rows:
        session.execute(insert(table).values(**row).on_conflict_do_nothing())
