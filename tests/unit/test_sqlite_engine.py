"""SQLite runs as the ledger needs: WAL, synchronous=FULL, foreign keys, serialised writers."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from jxc.common.models import NumberSequence
from jxc.db.engine import Transaction
from tests.helpers import company_id


@pytest.fixture
def sqlite_db(seeded, backend):  # type: ignore[no-untyped-def]
    if backend != "sqlite":
        pytest.skip("SQLite engine settings; the PostgreSQL run covers its own engine")
    return seeded


def test_pragmas(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_many_writers_never_see_database_is_locked(sqlite_db):
    cid = company_id(sqlite_db)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(20):
                with sqlite_db.transaction(company_id=cid) as s:
                    s.add(
                        NumberSequence(
                            prefix=f"T{n}", day=__import__("datetime").date(2026, 1, 1 + i), last=i
                        )
                    )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sqlite_db.transaction(writer=False, company_id=cid) as s:
        assert s.query(NumberSequence).count() == 160


def _driver(session):  # type: ignore[no-untyped-def]
    return session.connection().connection.driver_connection


def test_writers_share_one_connection_and_a_failed_one_leaves_nothing_behind(sqlite_db):
    cid = company_id(sqlite_db)
    with sqlite_db.transaction(company_id=cid) as s:
        first = _driver(s)
    with sqlite_db.transaction(company_id=cid) as s:
        assert _driver(s) is first

    def fail() -> None:
        with sqlite_db.transaction(company_id=cid) as s:
            s.execute(
                text(
                    "INSERT INTO number_sequences (company_id, prefix, day, last) VALUES (:c, 'X', '2026-01-01', 1)"
                ),
                {"c": cid},
            )
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        fail()
    with sqlite_db.transaction(company_id=cid) as s:
        assert s.execute(text("SELECT count(*) FROM number_sequences WHERE prefix = 'X'")).scalar() == 0
        assert not s.in_nested_transaction()
    # A connection left inside a transaction (an error while ending one) is not handed to the next writer.
    tx = sqlite_db.open(writer=True)
    left = _driver(tx.session)
    tx.session.rollback = tx.session.close = lambda: None  # type: ignore[method-assign]  # the end that fails
    tx.rollback()
    with sqlite_db.transaction(company_id=cid) as s:
        assert _driver(s) is not left
        assert s.execute(text("SELECT 1")).scalar() == 1
    # Nor is one whose batch (of requests' writes) could neither commit nor roll back.
    assert sqlite_db.turns.try_take()
    tx = Transaction(sqlite_db, writer=True, grouped=True)
    left = _driver(tx.session)
    assert tx.session.connection().in_nested_transaction()  # a request's write is a savepoint of the batch
    real = sqlite_db.turns.batch.outer

    class Stuck:
        connection = real.connection

        def commit(self) -> None:
            raise OSError("disk gone")

        rollback = commit

    sqlite_db.turns.batch.outer = Stuck()
    tx.rollback()
    with sqlite_db.transaction(company_id=cid) as s:
        assert _driver(s) is not left
        assert not s.connection().in_nested_transaction()  # a thread's write has the transaction to itself
        assert s.execute(text("SELECT 1")).scalar() == 1


def test_a_session_used_after_its_transaction_gets_a_pool_connection(sqlite_db):
    tx = sqlite_db.open(writer=True)
    shared = _driver(tx.session)
    tx.rollback()
    assert tx.session.execute(text("SELECT 1")).scalar() == 1
    assert tx.session.connection().connection.driver_connection is not shared
    tx.session.close()


def test_savepoints_go_to_the_driver_and_fail_as_core_would(sqlite_db):
    from sqlalchemy.exc import OperationalError

    with sqlite_db.engine.connect() as conn:
        seen: list[str] = []
        conn.connection.driver_connection.set_trace_callback(seen.append)
        with conn.begin():
            nested = conn.begin_nested()
            conn.execute(text("SELECT 1"))
            nested.rollback()
            conn.begin_nested().commit()
        assert [s for s in seen if "SAVEPOINT" in s] == [
            'SAVEPOINT "sa_savepoint_1"',
            'ROLLBACK TO SAVEPOINT "sa_savepoint_1"',
            'SAVEPOINT "sa_savepoint_2"',
            'RELEASE SAVEPOINT "sa_savepoint_2"',
        ]
        with conn.begin(), pytest.raises(OperationalError, match="no such savepoint"):
            conn.dialect.do_release_savepoint(conn, "nope")
