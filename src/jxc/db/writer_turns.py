"""SQLite's writers take turns on one connection, and a run of finished writes shares one COMMIT.

Group commit (ADR 0002, "One COMMIT for a run of writes"). The turn is the writer lock. A request that
finds it taken waits in a first-come queue on the event loop, without a thread of its own; code outside
requests (the CLI, work after a request, idempotency claims) waits for the lock in its own thread. Every
write runs in a SAVEPOINT of the connection's open transaction, the batch. A request that ends while
another waits hands the turn straight on and leaves its work in the batch; the writer that ends with
nobody waiting (or a full batch) commits once for all, and only then does each request of the batch
answer. A write that fails rolls back its own savepoint and answers at once. Nothing is reported done
before the COMMIT that makes it durable: when that COMMIT fails, every request of the batch fails.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from typing import Any

from sqlalchemy.engine import Connection, RootTransaction

# A batch takes in the writes that queue while it is open; a cap keeps the first request's wait short.
MAX_BATCH = 16
# The batch's COMMIT waits for the disk (fsync) here, not on the event loop, which meanwhile reads, validates
# and answers other requests; one thread, as SQLite commits one transaction at a time anyway.
COMMITTER = ThreadPoolExecutor(1, thread_name_prefix="jxc-commit")


class BatchLost(RuntimeError):
    """SQLite rolled the whole transaction back (a full disk, an I/O error) while writes waited in it."""


class _Batch:
    __slots__ = ("outer", "size", "waiters")

    def __init__(self, outer: RootTransaction) -> None:
        self.outer = outer
        self.waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []
        self.size = 0


class WriterTurns:
    def __init__(self) -> None:
        self.lock = threading.Lock()  # held by the writer whose turn it is, from its BEGIN to its batch's end
        self._mutex = threading.Lock()  # taking the lock or queueing, against handing on or releasing
        self._queue: deque[asyncio.Future[None]] = deque()
        self._threads_waiting = 0
        self.batch: _Batch | None = None

    # Taking a turn

    def try_take(self) -> bool:
        return self.lock.acquire(blocking=False)

    def take(self) -> None:
        """In a thread: wait for the lock itself. A waiting thread is let in before the next queued request,
        so a stream of requests cannot keep it out."""
        if self.lock.acquire(blocking=False):
            return
        with self._mutex:
            self._threads_waiting += 1
        try:
            self.lock.acquire()
        finally:
            with self._mutex:
                self._threads_waiting -= 1

    async def take_async(self) -> None:
        loop = asyncio.get_running_loop()
        with self._mutex:
            if self.lock.acquire(blocking=False):
                return
            turn: asyncio.Future[None] = loop.create_future()
            self._queue.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():  # handed to us as we were cancelled: pass it on
                self.close_batch()
            raise

    def begin(self, conn: Connection) -> None:
        """Called with the turn held, before the writer's session joins `conn` with a savepoint."""
        if self.batch is None:
            self.batch = _Batch(conn.begin())
        elif not _in_transaction(conn):
            self.lose_batch()
            self.batch = _Batch(conn.begin())

    # Ending a turn

    async def finish(self, durable: bool) -> None:
        """A request's write has ended (its savepoint released when `durable`, else rolled back). Hand the
        turn on, or commit the batch; return once this write is durable (raise if it never will be)."""
        batch = self.batch
        assert batch is not None
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] | None = None
        if durable:
            done = loop.create_future()
            batch.waiters.append((loop, done))
        batch.size += 1
        if batch.size < MAX_BATCH and self._hand_on_if_queued(batch.size):
            if done is not None:
                await done
            return
        await loop.run_in_executor(COMMITTER, contextvars.copy_context().run, self.close_batch)
        if done is not None:
            await done

    def close_batch(self) -> BaseException | None:
        """Commit the open batch, tell its waiting writes how it went, and give the turn up. Called with the
        turn held, from any thread; answers the COMMIT's error (the waiting writes received it too)."""
        batch, self.batch = self.batch, None
        error: BaseException | None = None
        if batch is not None:
            try:
                if not _in_transaction(batch.outer.connection):
                    raise BatchLost("the transaction was rolled back under the batch")
                batch.outer.commit()
            except BaseException as exc:  # every waiting write must hear of it
                error = exc
                with suppress(Exception):
                    batch.outer.rollback()
            _settle(batch.waiters, error)
        self._pass_on()
        return error

    def lose_batch(self) -> None:
        batch, self.batch = self.batch, None
        if batch is not None:
            with suppress(Exception):
                batch.outer.rollback()
            _settle(batch.waiters, BatchLost("the transaction was rolled back under the batch"))

    def _hand_on_if_queued(self, size: int) -> bool:
        with self._mutex:
            waiting = len(self._queue)
            # A batch that took in every writer in flight would leave the server idle while all their
            # answers go out and the next requests come in: with 8 tills 396 tickets/s, against 441–469 when
            # a batch stops at three quarters of them (the rest start the next one during the COMMIT).
            if not waiting or self._threads_waiting or 4 * size >= 3 * (size + waiting):
                return False
            self._give(self._queue.popleft())
            return True

    def _pass_on(self) -> None:
        with self._mutex:
            if self._queue and not self._threads_waiting:
                self._give(self._queue.popleft())
            else:
                self.lock.release()

    def _give(self, turn: asyncio.Future[None]) -> None:
        turn.get_loop().call_soon_threadsafe(self._receive, turn)

    def _receive(self, turn: asyncio.Future[None]) -> None:
        if turn.done():  # its request was cancelled while it queued: the turn goes to the next
            self.close_batch()
        else:
            turn.set_result(None)


def _in_transaction(conn: Connection) -> bool:
    driver: Any = conn.connection.driver_connection
    return bool(driver.in_transaction)


_Waiters = list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]]


def _settle(waiters: _Waiters, error: BaseException | None) -> None:
    for loop, done in waiters:
        loop.call_soon_threadsafe(_tell, done, error)


def _tell(done: asyncio.Future[None], error: BaseException | None) -> None:
    if done.done():  # its request was cancelled; its write stands or falls with the batch all the same
        return
    if error is None:
        done.set_result(None)
    else:
        done.set_exception(error)
