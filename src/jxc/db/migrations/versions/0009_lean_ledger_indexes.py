"""lean ledger indexes: every posting writes each b-tree of stock_moves and audit_logs, so only the indexes
queries use stay (stock_moves without its company_id and reverses_move_id indexes; audit_logs with two
composite indexes instead of five single-column ones)

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_logs_action"))
        batch_op.drop_index(batch_op.f("ix_audit_logs_company_id"))
        batch_op.drop_index(batch_op.f("ix_audit_logs_created_at"))
        batch_op.drop_index(batch_op.f("ix_audit_logs_object_type"))
        batch_op.drop_index(batch_op.f("ix_audit_logs_user_id"))
        batch_op.create_index("ix_audit_logs_company_time", ["company_id", "created_at", "id"], unique=False)
        batch_op.create_index(
            "ix_audit_logs_object", ["company_id", "object_type", "object_id"], unique=False
        )

    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stock_moves_company_id"))
        batch_op.drop_index(batch_op.f("ix_stock_moves_reverses_move_id"))


def downgrade() -> None:
    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stock_moves_reverses_move_id"), ["reverses_move_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stock_moves_company_id"), ["company_id"], unique=False)

    with op.batch_alter_table("audit_logs", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_logs_object")
        batch_op.drop_index("ix_audit_logs_company_time")
        batch_op.create_index(batch_op.f("ix_audit_logs_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_logs_object_type"), ["object_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_logs_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_logs_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_logs_action"), ["action"], unique=False)
