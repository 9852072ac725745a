"""substring indexes for `q` on products and SKUs (FTS5 trigram on SQLite, pg_trgm on PostgreSQL)

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from jxc.db.migration_helpers import drop_substring_index, substring_index

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    substring_index("products")
    substring_index("skus")


def downgrade() -> None:
    drop_substring_index("skus")
    drop_substring_index("products")
