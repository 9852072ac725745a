"""Alembic environment: runs against the engine handed over in `config.attributes["engine"]`."""

from __future__ import annotations

import importlib

from alembic import context

config = context.config
# The caller hands over the metadata of all tables; `db` does not import the domains above it.
metadata = config.attributes.get("metadata") or importlib.import_module("jxc.models").Base.metadata
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` command line: use the configured database
    from jxc.db.engine import make_engine
    from jxc.settings import get_settings

    engine = make_engine(get_settings().resolved_database_url())

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
