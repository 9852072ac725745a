"""Engines and transactions.

SQLite: WAL, synchronous=FULL, foreign keys on, and writing transactions serialised by an in-process lock
before `BEGIN IMMEDIATE` (DESIGN.md §4.6: leaving writers to SQLite's busy retry gave p99 240–740 ms, the
lock 12–25 ms). Readers use a plain deferred BEGIN and run beside the writer thanks to WAL.
PostgreSQL: psycopg 3, READ COMMITTED; row locks are taken by the ledgers' lock helpers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from jxc.db import scoping as _scoping  # noqa: F401  (registers the company filter on every Session)

WRITER_OPTION = "jxc_writer"


def normalise_url(url: str) -> str:
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_pre_ping=False, **kwargs
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # The driver must not open transactions itself: we issue BEGIN / BEGIN IMMEDIATE below.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        writer = conn.get_execution_options().get(WRITER_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


class Database:
    """An engine plus the session factory and, on SQLite, the process-wide writer lock."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, **engine_kwargs)
        self.dialect = self.engine.dialect.name
        self.write_lock = threading.Lock()
        self._writer_engine = self.engine.execution_options(**{WRITER_OPTION: True})
        self._reader_factory = sessionmaker(bind=self.engine, expire_on_commit=False, autoflush=True)
        self._writer_factory = sessionmaker(bind=self._writer_engine, expire_on_commit=False, autoflush=True)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def open(self, writer: bool) -> Transaction:
        return Transaction(self, writer)

    def try_open(self, writer: bool) -> Transaction | None:
        """Open without waiting (None when another writer holds the lock), so the caller can avoid a
        thread hop in the common case."""
        if writer and self.is_sqlite and not self.write_lock.acquire(blocking=False):
            return None
        return Transaction(self, writer, locked=writer and self.is_sqlite)

    @contextmanager
    def transaction(
        self, writer: bool = True, company_id: int | None = None, all_companies: bool = False
    ) -> Iterator[Session]:
        """One unit of work outside a request (CLI, background work): commit on success, else roll back."""
        tx = self.open(writer)
        tx.session.info["company_id"] = company_id
        tx.session.info["all_companies"] = all_companies
        try:
            yield tx.session
        except BaseException:
            tx.rollback()
            raise
        tx.commit()

    def dispose(self) -> None:
        self.engine.dispose()


class Transaction:
    """A session bound to one database transaction; the writer lock is held from open to close."""

    def __init__(self, db: Database, writer: bool, locked: bool = False) -> None:
        self.db = db
        self.writer = writer
        self._locked = locked
        if writer and db.is_sqlite and not locked:
            db.write_lock.acquire()
            self._locked = True
        factory = db._writer_factory if writer else db._reader_factory
        self.session: Session = factory()

    def commit(self) -> None:
        try:
            self.session.commit()
        except BaseException:
            self.rollback()
            raise
        self._close()

    def rollback(self) -> None:
        try:
            self.session.rollback()
        finally:
            self._close()

    def _close(self) -> None:
        try:
            self.session.close()
        finally:
            if self._locked:
                self._locked = False
                self.db.write_lock.release()
