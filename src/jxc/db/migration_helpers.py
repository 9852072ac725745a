"""Pieces of DDL that differ per engine, for migrations (the only engine-specific SQL, kept in db/)."""

from __future__ import annotations

from alembic import op


def append_only(table: str) -> None:
    """Refuse UPDATE and DELETE on a table at the database level (ledger and audit rows are immutable)."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION jxc_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION jxc_append_only()"
    )


def drop_append_only(table: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
        return
    op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


def substring_index(table: str, column: str = "search_text") -> None:
    """An index that answers `LIKE '%q%'`: FTS5 trigram on SQLite (kept in step by triggers), a pg_trgm GIN
    index on PostgreSQL (used by LIKE directly)."""
    if op.get_bind().dialect.name == "sqlite":
        fts = f"{table}_search"
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='id', "
            "tokenize='trigram')"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
            f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END"
        )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(f"CREATE INDEX ix_{table}_{column}_trgm ON {table} USING gin ({column} gin_trgm_ops)")


def drop_substring_index(table: str, column: str = "search_text") -> None:
    if op.get_bind().dialect.name == "sqlite":
        fts = f"{table}_search"
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
        return
    op.execute(f"DROP INDEX IF EXISTS ix_{table}_{column}_trgm")


def is_search_index(name: str) -> bool:
    """Objects the substring indexes create, which the models do not declare (ignored by the drift check)."""
    return ("_search" in name and not name.endswith("search_text")) or name.endswith("_trgm")


PAUSE_TABLE = "jxc_search_pause"


def pausable_insert_trigger(table: str, column: str = "search_text") -> None:
    """SQLite: the per-row insert trigger of a substring index skips while a bulk import has paused it
    (a row in jxc_search_pause, inside that import's own transaction); the import then fills the index in
    one statement — 50,000 rows took 8.8 s through the trigger and about 1 s in one pass."""
    if op.get_bind().dialect.name != "sqlite":
        return
    fts = f"{table}_search"
    op.execute(f"DROP TRIGGER IF EXISTS {fts}_ai")
    op.execute(
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} "
        f"WHEN NOT EXISTS (SELECT 1 FROM {PAUSE_TABLE} WHERE name = '{table}') BEGIN "
        f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END"
    )


def immutable_facts(table: str, columns: tuple[str, ...]) -> None:
    """Refuse DELETE, and UPDATE of `columns`, at the database level; other columns stay writable (the
    stock ledger re-computes a move's valuation, never what moved, where or when)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE OF {', '.join(columns)} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} facts are immutable'); END"
        )
        return
    old = ", ".join(f"OLD.{c}" for c in columns)
    new = ", ".join(f"NEW.{c}" for c in columns)
    op.execute(
        f"CREATE OR REPLACE FUNCTION {table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'DELETE' OR ROW({old}) IS DISTINCT FROM ROW({new}) THEN "
        f"RAISE EXCEPTION '% facts are immutable', TG_TABLE_NAME; END IF; RETURN NEW; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_immutable()"
    )


def drop_immutable_facts(table: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
        return
    op.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {table}_immutable()")
