"""bulk imports fill the SQLite substring index in one pass (a pausable insert trigger)

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

from jxc.db.migration_helpers import PAUSE_TABLE, pausable_insert_trigger

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"CREATE TABLE {PAUSE_TABLE} (name VARCHAR(64) PRIMARY KEY)")
    pausable_insert_trigger("products")
    pausable_insert_trigger("skus")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in ("products", "skus"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_search_ai")
        op.execute(
            f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {table}_search(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
    op.execute(f"DROP TABLE {PAUSE_TABLE}")
