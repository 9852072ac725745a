"""One request is one transaction.

`TransactionalRoute` opens the session before the endpoint runs (a writing transaction for anything but
GET/HEAD/OPTIONS), commits when the answer is a success, rolls back on any error or 4xx, and then runs
the request's `on_close` work. It also sets up the request context and honours `Idempotency-Key`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import structlog
from fastapi import Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from jxc.common import idempotency
from jxc.common.context import RequestContext, activate, deactivate, negotiate_language
from jxc.db.engine import Database, Transaction

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION_COOKIE = "jxc_session"
log = structlog.get_logger("jxc.request")


# The dependencies here and in auth/deps.py that do no I/O are `async def`: FastAPI runs a plain `def`
# dependency on a worker thread, and each such hop cost more than the dependency itself.
async def get_session(request: Request) -> Session:
    tx: Transaction = request.state.tx
    return tx.session


T = TypeVar("T")
_INLINE = "jxc.inline_write"


async def short_write(session: Session, work: Callable[..., T], *args: Any) -> T:
    """The service call of an endpoint whose write is short by nature (the till's sale and return). On SQLite
    it runs on the event loop, and so does the release of its savepoint into the batch: writers take turns
    anyway, and the hops to a worker thread and back cost a fifth of a sale's CPU. The batch's COMMIT runs on
    the committer thread (ADR 0002, "Writes on the event loop").
    Elsewhere it runs on a worker thread, as for a plain `def` endpoint. Never for work that can run long
    (imports, back-dated recalculation of many moves): every other request waits while it runs."""
    if session.get_bind().dialect.name == "sqlite":
        session.info[_INLINE] = True
        return work(session, *args)
    return await run_in_threadpool(work, session, *args)


def get_context(request: Request) -> RequestContext:
    ctx: RequestContext = request.state.ctx
    return ctx


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


class TransactionalRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        inner = super().get_route_handler()

        async def handler(request: Request) -> Response:
            ctx = RequestContext(
                request_id=request.headers.get("x-request-id", "")[:64] or RequestContext().request_id,
                language=negotiate_language(request.headers.get("accept-language")),
                ip=client_ip(request),
            )
            request.state.ctx = ctx
            token = activate(ctx)
            db: Database = request.app.state.db
            writer = request.method not in SAFE_METHODS
            claim: idempotency.Claim | None = None
            try:
                key = request.headers.get("idempotency-key")
                if key is not None and request.method == "POST":
                    body = await request.body()
                    outcome = await run_in_threadpool(
                        idempotency.claim,
                        db,
                        idempotency.principal_of(
                            request.cookies.get(SESSION_COOKIE), request.headers.get("authorization")
                        ),
                        key,
                        request.method,
                        request.url.path,
                        idempotency.request_hash(request.method, str(request.url.path), body),
                    )
                    if isinstance(outcome, idempotency.Replay):
                        return Response(
                            outcome.body,
                            status_code=outcome.status_code,
                            media_type=outcome.content_type,
                            headers={"Idempotent-Replayed": "true"},
                        )
                    claim = outcome
                response = await self._run(request, inner, db, writer, claim)
                if claim is not None and response.status_code >= 300:
                    await run_in_threadpool(idempotency.release, db, claim)
                response.headers["X-Request-ID"] = ctx.request_id
                return response
            except BaseException:
                if claim is not None:
                    await run_in_threadpool(idempotency.release, db, claim)
                raise
            finally:
                if ctx.on_close:
                    await run_in_threadpool(_run_on_close, db, ctx)
                deactivate(token)

        return handler

    @staticmethod
    async def _run(
        request: Request,
        inner: Callable[[Request], Coroutine[Any, Any, Response]],
        db: Database,
        writer: bool,
        claim: idempotency.Claim | None,
    ) -> Response:
        tx = await db.open_async(writer)
        request.state.tx = tx
        try:
            response = await inner(request)
        except BaseException:
            await _end(tx, commit=False)
            raise
        if response.status_code >= 400 or not writer:
            # A read never commits: GET changes nothing, even by accident.
            await _end(tx, commit=False)
            return response
        if claim is not None and response.status_code < 300:
            body = bytes(getattr(response, "body", b""))
            await run_in_threadpool(
                idempotency.complete,
                tx.session,
                claim,
                response.status_code,
                response.headers.get("content-type"),
                body,
            )
        await _end(tx, commit=True)
        return response


async def _end(tx: Transaction, commit: bool) -> None:
    if not tx.writer:
        tx.rollback()  # nothing written: ending it is cheap enough for the event loop
    elif not tx.db.is_sqlite:
        await run_in_threadpool(tx.commit if commit else tx.rollback)
    else:
        error: BaseException | None = None
        try:
            if tx.session.info.get(_INLINE):  # short_write ran on the event loop: so does its savepoint's end
                tx.end_own(commit)
            else:
                await run_in_threadpool(tx.end_own, commit)
        except BaseException as exc:
            error = exc
        # Group commit: the answer waits for the COMMIT of the batch this write joined (db/writer_turns.py).
        await tx.end_in_turn(durable=commit and error is None)
        if error is not None:
            raise error


def _run_on_close(db: Database, ctx: RequestContext) -> None:
    for work in ctx.on_close:
        try:
            with db.transaction(writer=True, company_id=ctx.company_id) as session:
                work(session)
        except Exception:
            log.exception("on_close work failed", request_id=ctx.request_id)
