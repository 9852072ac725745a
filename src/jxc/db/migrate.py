"""Alembic migrations are the only source of the schema, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData

from jxc.db.migration_helpers import is_search_index

MIGRATIONS = Path(__file__).parent / "migrations"


def config(engine: Engine, metadata: MetaData | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    cfg.attributes["metadata"] = metadata
    return cfg


def upgrade(engine: Engine, metadata: MetaData, revision: str = "head") -> None:
    command.upgrade(config(engine, metadata), revision)


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def drift(engine: Engine, metadata: MetaData) -> list[Any]:
    """Differences between the models and the migrated database (empty when they agree)."""

    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        return not (reflected and name is not None and is_search_index(name))

    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include})
        return list(compare_metadata(ctx, metadata))
