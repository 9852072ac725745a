"""Group commit on SQLite (db/writer_turns.py): requests that queue for the writer's turn share one COMMIT,
none is answered before that COMMIT, a failing one takes only its own work back, and a failed COMMIT fails
every request of its batch."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable
from typing import Any

import pytest
from sqlalchemy import text

from jxc.db.engine import Database
from jxc.db.writer_turns import WriterTurns
from tests.helpers import company_id

INSERT = text("INSERT INTO number_sequences (company_id, prefix, day, last) VALUES (:c, :p, '2026-01-01', 1)")


@pytest.fixture
def db(seeded: Database, backend: str) -> Database:
    if backend != "sqlite":
        pytest.skip("SQLite's writers take turns in-process; PostgreSQL commits each request on its own")
    return seeded


def _committed(db: Database) -> set[str]:
    with db.engine.connect() as conn:  # another connection: sees only what is committed
        rows = conn.execute(text("SELECT prefix FROM number_sequences WHERE prefix LIKE 'G%'"))
        return {r[0] for r in rows}


def _count_commits(db: Database) -> list[int]:
    """COMMIT statements the writers' connection sends (the count at [0])."""
    seen = [0]

    def traced(sql: str) -> None:
        if sql.strip().upper() == "COMMIT":
            seen[0] += 1

    with db.transaction(company_id=company_id(db)) as s:
        s.connection().connection.driver_connection.set_trace_callback(traced)
    seen[0] = 0
    return seen


async def _write(db: Database, prefix: str, ok: bool = True, hold: Awaitable[Any] | None = None) -> str:
    tx = await db.open_async(writer=True)
    tx.session.execute(INSERT, {"c": company_id(db), "p": prefix})
    if hold is not None:  # keep the turn while the others queue
        await hold
    tx.end_own(commit=ok)
    await tx.end_in_turn(durable=ok)
    return prefix


async def _line_up(
    db: Database, first: str, others: list[tuple[str, bool]]
) -> tuple[asyncio.Future[None], asyncio.Task[Any], list[asyncio.Task[Any]]]:
    """`first` takes the turn and keeps it until `release` is set; `others` queue behind it in order."""
    release: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    head = asyncio.create_task(_write(db, first, hold=release))
    await asyncio.sleep(0)
    rest = []
    for prefix, ok in others:
        rest.append(asyncio.create_task(_write(db, prefix, ok=ok)))
        await asyncio.sleep(0)
    return release, head, rest


async def _queue_behind(db: Database, first: str, others: list[tuple[str, bool]]) -> list[Any]:
    """`first` takes the turn; `others` queue behind it in order; then `first` ends."""
    release, head, rest = await _line_up(db, first, others)
    release.set_result(None)
    return await asyncio.gather(head, *rest, return_exceptions=True)


def test_queued_writes_share_one_commit_and_answer_only_after_it(db: Database) -> None:
    commits = _count_commits(db)
    seen_before_answer: list[set[str]] = []

    async def main() -> list[Any]:
        release, first, rest = await _line_up(db, "G1", [("G2", True), ("G3", True)])
        release.set_result(None)
        while not rest[0].done() and not first.done():
            await asyncio.sleep(0)
            if not first.done() and db.turns.batch is not None and db.turns.batch.size:
                # G1 has ended its work and handed the turn on: it is not committed, and not answered.
                seen_before_answer.append(_committed(db))
        return await asyncio.gather(first, *rest)

    assert asyncio.run(main()) == ["G1", "G2", "G3"]
    assert seen_before_answer
    assert all(s == set() for s in seen_before_answer)
    assert _committed(db) == {"G1", "G2", "G3"}
    assert commits[0] == 1  # three requests, one COMMIT (one fsync)
    assert db.turns.batch is None
    assert not db.turns.lock.locked()


def test_a_failing_write_in_a_batch_takes_back_only_its_own_work(db: Database) -> None:
    commits = _count_commits(db)
    out = asyncio.run(_queue_behind(db, "G1", [("G2", False), ("G3", True)]))
    assert out == ["G1", "G2", "G3"]
    assert _committed(db) == {"G1", "G3"}
    assert commits[0] == 1


def test_a_failed_commit_fails_every_request_of_its_batch(db: Database) -> None:
    async def main() -> list[Any]:
        release, first, rest = await _line_up(db, "G1", [("G2", True), ("G3", True)])
        real = db.turns.batch.outer  # type: ignore[union-attr]

        class FailingCommit:
            connection = real.connection

            def commit(self) -> None:
                raise OSError("disk full")

            def rollback(self) -> None:
                real.rollback()

        db.turns.batch.outer = FailingCommit()  # type: ignore[union-attr,assignment]
        release.set_result(None)
        return await asyncio.gather(first, *rest, return_exceptions=True)

    out = asyncio.run(main())
    assert [type(x) for x in out] == [OSError, OSError, OSError]
    assert _committed(db) == set()
    assert asyncio.run(_write(db, "G4")) == "G4"  # the next writer finds a clean connection
    assert _committed(db) == {"G4"}


def test_a_batch_stops_short_of_every_writer_in_flight(db: Database) -> None:
    """With seven queued behind the first, a batch closes at six, so that two start the next batch while the
    first six are answered (a batch of all eight left the server idle meanwhile)."""
    commits = _count_commits(db)
    out = asyncio.run(_queue_behind(db, "G0", [(f"G{i}", True) for i in range(1, 8)]))
    assert out == [f"G{i}" for i in range(8)]
    assert _committed(db) == {f"G{i}" for i in range(8)}
    assert commits[0] == 2


def test_a_thread_waiting_for_the_lock_goes_before_queued_requests(db: Database) -> None:
    order: list[str] = []
    cid = company_id(db)

    def thread_writer() -> None:
        with db.transaction(company_id=cid) as s:
            s.execute(INSERT, {"c": cid, "p": "GT"})
            order.append("GT")

    async def main() -> None:
        release = asyncio.get_running_loop().create_future()
        first = asyncio.create_task(_write(db, "G1", hold=release))
        await asyncio.sleep(0)
        queued = asyncio.create_task(_write(db, "G2"))
        await asyncio.sleep(0)
        t = threading.Thread(target=thread_writer)
        t.start()
        while not db.turns._threads_waiting:
            await asyncio.sleep(0.001)
        release.set_result(None)
        await first
        await queued
        order.append("G2")
        await asyncio.to_thread(t.join)

    asyncio.run(main())
    assert order == ["GT", "G2"]
    assert _committed(db) == {"G1", "G2", "GT"}


def test_a_cancelled_request_in_the_queue_passes_its_turn_on(db: Database) -> None:
    async def main() -> list[Any]:
        release = asyncio.get_running_loop().create_future()
        first = asyncio.create_task(_write(db, "G1", hold=release))
        await asyncio.sleep(0)
        gone = asyncio.create_task(_write(db, "G2"))
        await asyncio.sleep(0)
        last = asyncio.create_task(_write(db, "G3"))
        await asyncio.sleep(0)
        gone.cancel()
        release.set_result(None)
        return await asyncio.gather(first, gone, last, return_exceptions=True)

    out = asyncio.run(main())
    assert out[0] == "G1"
    assert isinstance(out[1], asyncio.CancelledError)
    assert out[2] == "G3"
    assert _committed(db) == {"G1", "G3"}
    assert not db.turns.lock.locked()


def test_turns_release_the_lock_when_nobody_waits() -> None:
    turns = WriterTurns()
    assert turns.try_take()
    assert turns.close_batch() is None
    assert not turns.lock.locked()
