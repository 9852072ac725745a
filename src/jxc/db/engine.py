"""Engines and transactions.

SQLite: WAL, synchronous=FULL, foreign keys on, and writing transactions serialised by an in-process lock
before `BEGIN IMMEDIATE` (DESIGN.md §4.6: leaving writers to SQLite's busy retry gave p99 240–740 ms, the
lock 12–25 ms). Readers use a plain deferred BEGIN and run beside the writer thanks to WAL.
PostgreSQL: psycopg 3, READ COMMITTED; row locks are taken by the ledgers' lock helpers.
`Prepared` runs the statements of the posting path (ledger, audit chain) without Core's per-statement cost.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sqlalchemy import Dialect, Engine, Executable, create_engine, event
from sqlalchemy.dialects.sqlite import DATE as SQLiteDate
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from jxc.db import scoping as _scoping  # noqa: F401  (registers the company filter on every Session)
from jxc.db.writer_turns import WriterTurns

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
        # Straight to the driver: every transaction begins here, and SQLAlchemy's statement machinery
        # cost ten times what SQLite takes to begin.
        conn.connection.driver_connection.execute("BEGIN IMMEDIATE" if writer else "BEGIN")  # type: ignore[union-attr]

    # A request's write on SQLite is a savepoint of the batch (writer_turns): its SAVEPOINT and RELEASE go
    # straight to the driver too, as Core's path for them cost more than the rest of a short write's ending.
    dialect = engine.dialect
    error = dialect.loaded_dbapi.Error

    def driver_sql(conn: Connection, sql: str) -> None:
        try:
            conn.connection.driver_connection.execute(sql)  # type: ignore[union-attr]
        except error as err:
            raise DBAPIError.instance(sql, None, err, error, dialect=dialect) from err

    def straight(verb: str) -> Callable[[Connection, str], None]:
        return lambda conn, name: driver_sql(conn, f'{verb} "{name}"')

    for method, verb in (
        ("do_savepoint", "SAVEPOINT"),
        ("do_release_savepoint", "RELEASE SAVEPOINT"),
        ("do_rollback_to_savepoint", "ROLLBACK TO SAVEPOINT"),
    ):
        setattr(dialect, method, straight(verb))


class Database:
    """An engine plus the session factory and, on SQLite, the process-wide writer lock and the one connection
    the writers share."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, **engine_kwargs)
        self.dialect = self.engine.dialect.name
        self.turns = WriterTurns()
        self._writer_engine = self.engine.execution_options(**{WRITER_OPTION: True})
        self._reader_factory = sessionmaker(bind=self.engine, expire_on_commit=False, autoflush=True)
        self._writer_factory = sessionmaker(bind=self._writer_engine, expire_on_commit=False, autoflush=True)
        # SQLite's writers take turns (writer_turns), so they can share one connection kept out of the
        # pool: checking a connection out and back in (with the pool's reset) cost as much Python as a
        # posting's three ledger statements.
        self._writer_conn: Connection | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def open(self, writer: bool) -> Transaction:
        return Transaction(self, writer)

    async def open_async(self, writer: bool) -> Transaction:
        """A request's transaction: a SQLite writer waits for its turn on the event loop, in a queue."""
        if writer and self.is_sqlite:
            await self.turns.take_async()
            return Transaction(self, writer, grouped=True)
        return Transaction(self, writer)

    def transaction(
        self, writer: bool = True, company_id: int | None = None, all_companies: bool = False
    ) -> _Unit:
        """One unit of work outside a request (CLI, background work): commit on success, else roll back."""
        return _Unit(self, writer, company_id, all_companies)

    def _writer_connection(self) -> Connection:
        """The SQLite writers' connection; called with the turn held. One invalidated, or left inside a
        transaction that is not the open batch's (an error while ending one), is given back to the pool, which
        resets or drops it."""
        conn = self._writer_conn
        if conn is not None and (
            conn.closed or conn.invalidated or (conn.in_transaction() and self.turns.batch is None)
        ):
            self.turns.lose_batch()
            self._writer_conn = None
            with suppress(DBAPIError):
                conn.close()
            conn = None
        if conn is None:
            conn = self._writer_conn = self._writer_engine.connect()
        return conn

    def dispose(self) -> None:
        # A writer still at work (another thread) keeps its connection; the pool drops the rest.
        if self._writer_conn is not None and self.turns.try_take():
            try:
                if self._writer_conn is not None:
                    self._writer_conn.close()
                    self._writer_conn = None
            finally:
                self.turns.close_batch()
        self.engine.dispose()


class _Unit:
    """Database.transaction(): a class, as the generator form cost ~4 µs of every unit of work."""

    def __init__(self, db: Database, writer: bool, company_id: int | None, all_companies: bool) -> None:
        self._args = (db, writer, company_id, all_companies)
        self._tx: Transaction | None = None

    def __enter__(self) -> Session:
        db, writer, company_id, all_companies = self._args
        tx = self._tx = db.open(writer)
        tx.session.info["company_id"] = company_id
        tx.session.info["all_companies"] = all_companies
        return tx.session

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        tx, self._tx = self._tx, None
        assert tx is not None
        if exc_type is None:
            tx.commit()
        else:
            tx.rollback()


class Transaction:
    """A session bound to one database transaction. On SQLite a writer holds the turn (the writer lock) from
    open to close. A request's write (`grouped`, which took its turn with `WriterTurns.take_async`) is a
    savepoint of the batch's transaction; any other writer has the connection's transaction to itself, as the
    turn it waited for in its thread comes only with no batch open."""

    def __init__(self, db: Database, writer: bool, grouped: bool = False) -> None:
        self.db = db
        self.writer = writer
        self._locked = grouped
        if writer and db.is_sqlite and not grouped:
            db.turns.take()
            self._locked = True
        try:
            if grouped:
                conn = db._writer_connection()
                db.turns.begin(conn)
                self.session: Session = db._writer_factory(
                    bind=conn, join_transaction_mode="create_savepoint"
                )
            elif self._locked:
                self.session = db._writer_factory(bind=db._writer_connection())
            else:
                self.session = (db._writer_factory if writer else db._reader_factory)()
        except BaseException:
            self._release_turn(durable=False)
            raise

    def commit(self) -> None:
        """Commit and return once durable (on SQLite, with the batch it joined)."""
        try:
            self.end_own(commit=True)
        except BaseException:
            self._release_turn(durable=False)
            raise
        self._release_turn(durable=True)

    def rollback(self) -> None:
        try:
            self.end_own(commit=False)
        finally:
            self._release_turn(durable=False)

    def end_own(self, commit: bool) -> None:
        """End this transaction's own work, keeping the turn: a grouped write's savepoint is released into the
        batch or rolled back."""
        try:
            if commit:
                try:
                    self.session.commit()
                except BaseException:
                    self.session.rollback()
                    raise
            else:
                self.session.rollback()
        finally:
            self.session.info.pop(_HELD, None)
            try:
                self.session.close()
            finally:
                if self._locked:
                    # The shared connection is the next writer's: a late use of this session (it stays usable
                    # after close) checks a connection out of the pool, as it did before sharing.
                    self.session.bind = self.db._writer_engine

    def _release_turn(self, durable: bool) -> None:
        if self._locked:
            self._locked = False
            error = self.db.turns.close_batch()
            if error is not None and durable:
                raise error

    async def end_in_turn(self, durable: bool) -> None:
        """For a request whose own work has ended (`end_own`): give the turn on, and wait until the work is
        durable when `durable`."""
        if self._locked:
            self._locked = False
            await self.db.turns.finish(durable)


_HELD = "jxc_connection"


def connection(session: Session) -> Connection:
    """`session.connection()`, looked up once per transaction: a posting asks for it before each of its
    prepared statements, and the Session's lookup cost more Python than the statement it fed. What is held is
    used only while the very transaction it came from is still the session's, active, and on the same bind;
    anything else (a new transaction, a savepoint, a failed or ended one, a rebound session) goes through
    `session.connection()`, which also raises as it would have."""
    tx = session._transaction
    held = session.info.get(_HELD)
    if held is not None and held[0] is tx and tx is not None and tx.is_active and held[2] is session.bind:
        return held[1]  # type: ignore[no-any-return]
    conn = session.connection()
    session.info[_HELD] = (session._transaction, conn, session.bind)
    return conn


class Prepared:
    """A Core statement for the hot path of posting (ledger, audit, a document's approval).

    On SQLite it is compiled once and sent straight to the driver's cursor: the same SQL and the same type
    processing of parameters and results as Core (its own expansion of IN lists included), without Core's
    per-execution machinery, which cost ten times SQLite's work for a keyed read or write (~40 µs against
    2–10 µs). Rows come back as named tuples (attribute and index access, like Core's rows). On PostgreSQL
    Core runs it: there a round trip to the server dwarfs that machinery.

    Only for statements whose values are all named parameters (no literals, no Python-side column defaults
    to compute), which compiling checks.
    """

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._plans: dict[Dialect, _Plan] = {}
        self._last: tuple[Dialect, _Plan] | None = None

    def rows(self, conn: Connection, params: Mapping[str, Any]) -> list[Any]:
        """Run once and return the rows (a SELECT, or DML with RETURNING)."""
        plan = self._sqlite_plan(conn)
        if plan is None:
            return list(conn.execute(self.statement, params))
        sql, args = plan.bind(params)
        fetched = _run(conn, plan, sql, args, many=False).fetchall()
        return [plan.row(r) for r in fetched] if len(fetched) < 2 else plan.rows(fetched)

    def run(self, conn: Connection, params: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> int:
        """Run DML once, or once per parameter set of a list (one executemany); the rows it matched."""
        plan = self._sqlite_plan(conn)
        if plan is None:
            return conn.execute(self.statement, params).rowcount
        if isinstance(params, Mapping):
            sql, args = plan.bind(params)
            return _run(conn, plan, sql, args, many=False).rowcount  # type: ignore[no-any-return]
        if not params:
            return 0
        sql, many = plan.bind_many(params)
        return _run(conn, plan, sql, many, many=True).rowcount  # type: ignore[no-any-return]

    def _sqlite_plan(self, conn: Connection) -> _Plan | None:
        dialect = conn.dialect
        # Most processes have one engine: the last dialect's plan is kept at hand.
        last = self._last
        if last is not None and last[0] is dialect:
            return last[1]
        if dialect.name != "sqlite":
            return None
        plan = self._plan_for(dialect)
        self._last = (dialect, plan)
        return plan

    def _plan_for(self, dialect: Dialect) -> _Plan:
        plan = self._plans.get(dialect)
        if plan is None:
            plan = self._plans[dialect] = _Plan.of(self.statement, dialect)
        return plan


@dataclass
class _Shape:
    """A statement as sent for one length of each of its IN lists."""

    sql: str
    take: Callable[[Mapping[str, Any]], tuple[Any, ...]]  # the parameters' values in the SQL's order
    processors: list[tuple[int, Callable[[Any], Any]]]  # (position, processor) where Core has one
    expansion: dict[str, list[str]]  # an IN list's parameter → the parameters its items became


_IMMUTABLE = frozenset({str, bytes, int, float, bool, Decimal, date, datetime, time})


def _taker(order: list[str]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    if len(order) > 1:
        return itemgetter(*order)
    return lambda values: tuple(values[k] for k in order)


@dataclass
class _Plan:
    compiled: Any
    expanding: tuple[str, ...]  # names of the IN-list parameters
    results: list[tuple[int, Callable[[Any], Any]]]  # (position, processor) of the columns that have one
    make: Callable[..., Any]
    shapes: dict[tuple[int, ...], _Shape]
    bind_processors: dict[str, Callable[[Any], Any]]  # Core's, with the faster equivalents of _faster
    direct: bool  # the pool's connection is the driver's own (pysqlite): no adapter to look through
    fixed: _Shape | None = None  # the one shape of a statement without IN lists

    @classmethod
    def of(cls, statement: Executable, dialect: Dialect) -> _Plan:
        compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
        assert compiled.positional, "the SQLite driver takes positional parameters"
        assert not compiled.insert_prefetch, "bind every column explicitly"
        assert not compiled.update_prefetch, "bind every column explicitly"
        assert all(b.required for b in compiled.binds.values()), "bind every value by name, none literal"
        exported = list(getattr(statement, "exported_columns", ()))
        results = [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in exported]
        return cls(
            compiled=compiled,
            expanding=tuple(sorted(compiled.bind_names[b] for b in compiled.post_compile_params)),
            results=[(i, f) for i, f in enumerate(results) if f is not None],
            make=namedtuple("Row", [str(c.key) for c in exported] or ["_"], rename=True)._make,  # type: ignore[attr-defined]
            shapes={},
            bind_processors={
                key: _faster(compiled.binds[key].type.dialect_impl(dialect), f)
                for key, f in compiled._bind_processors.items()
            },
            direct=dialect.driver == "pysqlite",
        )

    def shape(self, params: Mapping[str, Any]) -> _Shape:
        """Core's own expansion of the statement, done once per length of its IN lists, with the processors
        Core applies (taken from the compiled statement as db.bulk does)."""
        if self.fixed is not None:
            return self.fixed
        key = tuple([len(params[name]) for name in self.expanding]) if self.expanding else ()
        shape = self.shapes.get(key)
        if shape is None:
            if len(self.shapes) >= 256:  # lists of every length ever posted: keep the memory bounded
                self.shapes.clear()
            state = self.compiled.construct_expanded_state(params)
            processors = {**self.bind_processors, **state.processors}
            order = list(state.positiontup)
            shape = self.shapes[key] = _Shape(
                sql=state.statement,
                take=_taker(order),
                processors=[(i, processors[k]) for i, k in enumerate(order) if processors.get(k) is not None],
                expansion={k: list(v) for k, v in state.parameter_expansion.items()},
            )
            if not self.expanding:
                self.fixed = shape
        return shape

    def bind(self, params: Mapping[str, Any]) -> tuple[str, tuple[Any, ...]]:
        """The SQL and the driver's parameters: the values put in order, those that need it processed."""
        shape = self.shape(params)
        values = params
        if shape.expansion:
            values = dict(params)
            for name, items in shape.expansion.items():
                values.update(zip(items, params[name], strict=True))
        args = shape.take(values)
        if not shape.processors:
            return shape.sql, args
        out = list(args)
        for i, p in shape.processors:
            out[i] = p(out[i])
        return shape.sql, tuple(out)

    def bind_many(self, many: Sequence[Mapping[str, Any]]) -> tuple[str, list[Any]]:
        """bind() for an executemany. A value that is the very object of the row above it (the document's
        date and time on each of its moves) is processed once: a processor gives the same for the same
        object, and nothing can change an object between two rows of one call."""
        if self.expanding:  # each row could expand differently: bound one by one, as Core would
            binds = [self.bind(p) for p in many]
            return binds[0][0], [a for _, a in binds]
        shape = self.shape(many[0])
        take, processors = shape.take, shape.processors
        if not processors:
            return shape.sql, [take(p) for p in many]
        out: list[Any] = []
        above: list[Any] = [_NOTHING] * len(processors)
        done: list[Any] = [None] * len(processors)
        for params in many:
            values = list(take(params))
            for j, (i, p) in enumerate(processors):
                v = values[i]
                if v is above[j]:
                    values[i] = done[j]
                else:
                    above[j] = v
                    values[i] = done[j] = p(v)
            out.append(tuple(values))  # as Core passes them (and an error shows them)
        return shape.sql, out

    def rows(self, fetched: list[Any]) -> list[Any]:
        """Several rows: a value equal to the one above it is processed once (a join repeats its parent's
        columns on every child row) — when what processing made of it cannot be changed in place (a JSON
        column's dict or list is made anew for each row, so no two rows share one)."""
        make, results = self.make, self.results
        above = fetched[0]
        done = self._processed(above)
        out = [make(done)]
        for raw in fetched[1:]:
            values = list(raw)
            for i, f in results:
                v = values[i]
                if v is not None:
                    d = done[i]
                    same = above[i] == v and type(above[i]) is type(v) and type(d) in _IMMUTABLE
                    values[i] = d if same else f(v)
            out.append(make(values))
            above, done = raw, values
        return out

    def _processed(self, raw: Sequence[Any]) -> list[Any]:
        values = list(raw)
        for i, f in self.results:
            v = values[i]
            if v is not None:
                values[i] = f(v)
        return values

    def row(self, raw: Sequence[Any]) -> Any:
        return self.make(self._processed(raw) if self.results else raw)


def _run(conn: Connection, plan: _Plan, sql: str, args: Any, many: bool) -> Any:
    fairy: Any = conn.connection
    driver: Any = fairy.dbapi_connection if plan.direct else fairy.driver_connection
    try:
        return driver.executemany(sql, args) if many else driver.execute(sql, args)
    except conn.dialect.loaded_dbapi.Error as err:
        # The same exception Core raises (an IntegrityError stays an IntegrityError for the handlers).
        raise DBAPIError.instance(
            sql, args, err, conn.dialect.loaded_dbapi.Error, dialect=conn.dialect
        ) from err


_NOTHING = object()


def _faster(impl: Any, core: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An equivalent of Core's processor where Core's is slow for a value every posting binds; Core's own
    for every other value (a test compares the two)."""
    if type(impl) is SQLiteDate and impl._storage_format == SQLiteDate._storage_format:
        # Core formats a date through a %-dict: five times ISO format's time for the same text.
        def date_text(value: Any) -> Any:
            return value.isoformat() if type(value) is date else core(value)

        return date_text
    return core
