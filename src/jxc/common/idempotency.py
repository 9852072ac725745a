"""`Idempotency-Key` on POST: the same key and body give the first answer again, never a second posting.

A key is first claimed in a short transaction of its own (state in_flight), so a concurrent duplicate sees
it at once and gets 409. The answer is stored in the request's own transaction, so it commits together with
what the request wrote — or not at all. A failed request gives the key back so the client can retry.
A claim left in flight by a crashed process is taken over after `STALE_AFTER`; nothing it wrote had
committed, because its answer would have committed with it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jxc.common.errors import Conflict, Invalid
from jxc.common.models import IdempotencyKey
from jxc.db.base import utcnow
from jxc.db.engine import Database

STALE_AFTER = timedelta(minutes=5)
KEEP_FOR = timedelta(hours=24)
MAX_KEY_LENGTH = 200


@dataclass
class Claim:
    id: int


@dataclass
class Replay:
    status_code: int
    content_type: str | None
    body: str


def principal_of(cookie: str | None, authorization: str | None) -> str:
    """Keys are per caller: the same key from two users is two keys."""
    raw = authorization or cookie or "anonymous"
    return hashlib.sha256(raw.encode()).hexdigest()


def request_hash(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


def claim(db: Database, principal: str, key: str, method: str, path: str, body_hash: str) -> Claim | Replay:
    if not key or len(key) > MAX_KEY_LENGTH:
        raise Invalid("idempotency_key_invalid", max=MAX_KEY_LENGTH)
    with db.transaction(writer=True) as session:
        existing = _find(session, principal, key)
        if (
            existing is not None
            and existing.state == "in_flight"
            and utcnow() - existing.created_at > STALE_AFTER
        ):
            session.delete(existing)
            session.flush()
            existing = None
        if existing is None:
            row = IdempotencyKey(
                principal=principal,
                key=key,
                method=method,
                path=path,
                request_hash=body_hash,
                state="in_flight",
            )
            try:
                with session.begin_nested():
                    session.add(row)
                return Claim(row.id)
            except IntegrityError:
                existing = _find(session, principal, key)
                if existing is None:
                    raise
        if existing.request_hash != body_hash:
            raise Invalid("idempotency_key_reused")
        if existing.state != "done":
            raise Conflict("idempotency_in_flight")
        return Replay(existing.status_code or 200, existing.content_type, existing.response_body or "")


def _find(session: Session, principal: str, key: str) -> IdempotencyKey | None:
    return session.execute(
        select(IdempotencyKey).where(IdempotencyKey.principal == principal, IdempotencyKey.key == key)
    ).scalar_one_or_none()


def complete(
    session: Session, claim_: Claim, status_code: int, content_type: str | None, body: bytes
) -> None:
    """Store the answer in the request's transaction."""
    session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.id == claim_.id)
        .values(
            state="done",
            status_code=status_code,
            content_type=content_type,
            response_body=body.decode("utf-8", errors="replace"),
        )
    )


def release(db: Database, claim_: Claim) -> None:
    with db.transaction(writer=True) as session:
        session.execute(delete(IdempotencyKey).where(IdempotencyKey.id == claim_.id))


def purge_expired(session: Session) -> int:
    result = session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < utcnow() - KEEP_FOR))
    return int(getattr(result, "rowcount", 0) or 0)
