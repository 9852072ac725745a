"""The audit trail: every change of an audited model is recorded on flush, without services asking.

A model opts in with `__audit__ = AuditSpec(...)`. On each flush this hook writes one row per created,
changed or deleted object (who, when, action, object, before/after of the changed fields, request id).
Services may name the action (`name_action(obj, "disable")`) or record events that change no row
(`record(...)`: sign-in, refused access). Rows chain by SHA-256 per company; `verify_chain` finds edits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import bindparam, event, insert, inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from jxc.common.audit_spec import AuditSpec
from jxc.common.context import current
from jxc.common.models import AuditHead, AuditLog
from jxc.db.base import CompanyScoped, utcnow
from jxc.db.engine import Prepared, connection

GENESIS = "0" * 64
_SKIP_FIELDS = frozenset({"created_at", "updated_at", "version"})


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def _spec(obj: object) -> AuditSpec | None:
    return getattr(type(obj), "__audit__", None)


def _snapshot(obj: object, spec: AuditSpec) -> dict[str, Any]:
    state = inspect(obj)
    return {
        attr.key: _jsonable(getattr(obj, attr.key))
        for attr in state.mapper.column_attrs
        if attr.key not in spec.exclude and attr.key not in _SKIP_FIELDS
    }


def _diff(obj: object, spec: AuditSpec) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIP_FIELDS:
            continue
        hist = state.attrs[key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if old == new:
            continue
        if key in spec.exclude:
            before[key], after[key] = "***", "***"
        else:
            before[key], after[key] = _jsonable(old), _jsonable(new)
    return before, after


def _label(obj: object, spec: AuditSpec) -> str | None:
    if spec.label is None:
        return None
    value = getattr(obj, spec.label, None)
    return None if value is None else str(value)[:200]


def name_action(session: Session, obj: object, action: str) -> None:
    """Record the next change of `obj` under a business name (disable, reset_password, ...)."""
    session.info.setdefault("audit_actions", {})[id(obj)] = action


def extra_after(session: Session, obj: object, data: dict[str, Any]) -> None:
    """Add facts kept outside the row itself (e.g. a user's roles) to the next entry of `obj`."""
    session.info.setdefault("audit_extra", {}).setdefault(id(obj), {}).update(_jsonable_dict(data))


def _jsonable_dict(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _jsonable(v) for k, v in data.items()}


@dataclass
class _Pending:
    action: str
    obj: object
    spec: AuditSpec
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@event.listens_for(Session, "before_flush")
def _collect(session: Session, _ctx: Any, _instances: Any) -> None:
    pending: list[_Pending] = session.info.setdefault("audit_pending", [])
    names: dict[int, str] = session.info.get("audit_actions", {})
    for obj in session.new:
        spec = _spec(obj)
        if spec:
            pending.append(_Pending(names.pop(id(obj), "create"), obj, spec, None, None))
    for obj in session.dirty:
        spec = _spec(obj)
        if spec and session.is_modified(obj, include_collections=False):
            before, after = _diff(obj, spec)
            extra = session.info.get("audit_extra", {}).get(id(obj))
            if before or after or extra or id(obj) in names:
                pending.append(_Pending(names.pop(id(obj), "update"), obj, spec, before, after))
    for obj in session.deleted:
        spec = _spec(obj)
        if spec:
            pending.append(_Pending(names.pop(id(obj), "delete"), obj, spec, _snapshot(obj, spec), None))


@event.listens_for(Session, "after_flush")
def _write(session: Session, _ctx: Any) -> None:
    pending: list[_Pending] = session.info.pop("audit_pending", [])
    extras: dict[int, dict[str, Any]] = session.info.get("audit_extra", {})
    rows = []
    for p in pending:
        after = p.after
        if p.action != "delete" and after is None:
            after = _snapshot(p.obj, p.spec)
        extra = extras.pop(id(p.obj), None)
        if extra:
            after = {**(after or {}), **extra}
        obj_id = inspect(p.obj).mapper.primary_key_from_instance(p.obj)
        rows.append(
            _row(
                action=p.action,
                object_type=p.spec.object_type,
                object_id=str(obj_id[0]) if obj_id and obj_id[0] is not None else None,
                object_label=_label(p.obj, p.spec),
                before=p.before,
                after=after,
                company_id=_company_of(p.obj),
            )
        )
    if rows:
        # One flush's rows share one read and one update of the chain head.
        _append(session.connection(), rows)


def _company_of(obj: object) -> int | None:
    if isinstance(obj, CompanyScoped):
        return obj.company_id
    if type(obj).__tablename__ == "companies":  # type: ignore[attr-defined]
        return obj.id  # type: ignore[attr-defined, no-any-return]
    return current().company_id


def record(
    session: Session,
    *,
    action: str,
    object_type: str,
    object_id: str | None = None,
    object_label: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    company_id: int | None = None,
    user_id: int | None = None,
    username: str | None = None,
) -> None:
    """Append one audit row in the session's transaction."""
    row = _row(
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label,
        before=before,
        after=after,
        company_id=company_id,
        user_id=user_id,
        username=username,
    )
    _append(connection(session), [row])


def record_update(
    session: Session, model: type[Any], row: Mapping[str, Any], changes: Mapping[str, Any]
) -> None:
    """Audit a change written with a Core UPDATE (a posting's fast path) exactly as a flush would have:
    one `update` entry with the changed fields. `row` holds the object's values before the change."""
    spec: AuditSpec = model.__audit__
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key in _audited_keys(model):
        if key not in changes or row[key] == changes[key]:
            continue
        if key in spec.exclude:
            before[key], after[key] = "***", "***"
        else:
            before[key], after[key] = _jsonable(row[key]), _jsonable(changes[key])
    if not before:
        return
    label = None if spec.label is None else changes.get(spec.label, row[spec.label])
    record(
        session,
        action="update",
        object_type=spec.object_type,
        object_id=str(row["id"]),
        object_label=None if label is None else str(label)[:200],
        before=before,
        after=after,
        company_id=row["company_id"],
    )


_AUDITED_KEYS: dict[type[Any], tuple[str, ...]] = {}


def _audited_keys(model: type[Any]) -> tuple[str, ...]:
    """The columns a flush would compare, in the mapper's order (every approval asks)."""
    keys = _AUDITED_KEYS.get(model)
    if keys is None:
        keys = _AUDITED_KEYS[model] = tuple(
            a.key for a in inspect(model).column_attrs if a.key not in _SKIP_FIELDS
        )
    return keys


def _row(
    *,
    action: str,
    object_type: str,
    object_id: str | None = None,
    object_label: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    company_id: int | None = None,
    user_id: int | None = None,
    username: str | None = None,
) -> dict[str, Any]:
    ctx = current()
    return {
        "company_id": company_id if company_id is not None else ctx.company_id,
        "created_at": utcnow(),
        "user_id": user_id if user_id is not None else ctx.user_id,
        "username": username if username is not None else ctx.username,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_label": object_label,
        "before": before,
        "after": after,
        "request_id": ctx.request_id,
        "ip": ctx.ip,
    }


# json.dumps with these settings builds an encoder on every call; every audited change hashes one row.
_CANONICAL_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))


def _canonical(row: dict[str, Any]) -> str:
    payload = {k: v for k, v in row.items() if k not in ("id", "hash", "prev_hash")}  # the encoder sorts
    created = payload["created_at"]
    if isinstance(created, datetime):
        if created.tzinfo is UTC:  # what utcnow() gives: its text less the "+00:00", without two copies
            payload["created_at"] = created.isoformat(timespec="microseconds")[:-6]
            return _CANONICAL_JSON.encode(payload)
        if created.tzinfo is not None:
            created = created.astimezone(UTC).replace(tzinfo=None)
        payload["created_at"] = created.isoformat(timespec="microseconds")
    return _CANONICAL_JSON.encode(payload)


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + _canonical(row)).encode()).hexdigest()


# Built once and prepared (db.engine.Prepared): every audited change runs these three.
_HEAD = Prepared(select(AuditHead.last_hash).where(AuditHead.chain == bindparam("chain")).with_for_update())
_COLUMNS = [c.key for c in AuditLog.__table__.columns if c.key != "id"]
_ADD = insert(AuditLog).returning(AuditLog.id, sort_by_parameter_order=True)
_ADD_ONE = Prepared(insert(AuditLog).values({k: bindparam(k) for k in _COLUMNS}).returning(AuditLog.id))
_MOVE_HEAD = Prepared(
    update(AuditHead)
    .where(AuditHead.chain == bindparam("chain_"))
    .values(last_id=bindparam("last_id"), last_hash=bindparam("last_hash"))
)


def _append(conn: Connection, rows: list[dict[str, Any]]) -> None:
    by_chain: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_chain.setdefault(row["company_id"] or 0, []).append(row)
    for chain in sorted(by_chain):  # chain heads are locked in one order
        found = _HEAD.rows(conn, {"chain": chain})
        if found:
            head = found[0].last_hash
        else:
            conn.execute(insert(AuditHead).values(chain=chain, last_id=0, last_hash=GENESIS))
            head = GENESIS
        for row in by_chain[chain]:
            row["prev_hash"] = head
            row["hash"] = head = row_hash(head, row)
        chained = by_chain[chain]
        if len(chained) == 1:  # the usual case
            last_id = _ADD_ONE.rows(conn, chained[0])[0].id
        else:
            last_id = conn.execute(_ADD, chained).scalars().all()[-1]
        _MOVE_HEAD.run(conn, {"chain_": chain, "last_id": last_id, "last_hash": head})


def verify_chain(conn: Connection) -> list[str]:
    """Recompute every chain; a problem list (empty when the trail is intact)."""
    problems: list[str] = []
    heads = {h.chain: h for h in conn.execute(select(AuditHead)).all()}
    last: dict[int, tuple[int, str]] = {}
    cols = list(AuditLog.__table__.columns)
    for r in conn.execute(select(*cols).order_by(AuditLog.id)).mappings():
        row = dict(r)
        chain = row["company_id"] or 0
        prev = last.get(chain, (0, GENESIS))[1]
        if row["prev_hash"] != prev:
            problems.append(f"audit row {row['id']}: chain {chain} broken (a row before it was removed)")
        if row_hash(row["prev_hash"], row) != row["hash"]:
            problems.append(f"audit row {row['id']}: content does not match its hash (edited)")
        last[chain] = (row["id"], row["hash"])
    for chain, head in heads.items():
        if last.get(chain, (0, GENESIS)) != (head.last_id, head.last_hash):
            problems.append(f"audit chain {chain}: its last rows were removed")
    return problems
