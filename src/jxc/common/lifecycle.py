"""The document lifecycle every document type shares (DESIGN §5) and the columns that go with it.

A document type declares its transition table in its `states.py`; the service calls `advance()` for each
action, which refuses an action the status does not allow (`invalid_transition`, never a silent no-op).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Protocol

from sqlalchemy import Date, Integer, String, Table, bindparam, inspect, update
from sqlalchemy.orm import Mapped, Mapper, Session, mapped_column
from sqlalchemy.orm.exc import StaleDataError

from jxc.common import audit, context
from jxc.common.errors import Conflict
from jxc.common.i18n import t
from jxc.db.base import UTCDateTime, utcnow
from jxc.db.engine import Prepared, connection

DRAFT = "draft"
APPROVED = "approved"
REVERSED = "reversed"
VOID = "void"
CLOSED = "closed"


@dataclass(frozen=True)
class Transitions:
    """action → (statuses it starts from, status it ends in)."""

    table: dict[str, tuple[frozenset[str], str]]

    def target(self, status: str, action: str) -> str:
        sources, target = self.table[action]
        if status not in sources:
            raise Conflict("invalid_transition", state=t(f"doc_status.{status}"))
        return target


STANDARD = Transitions(
    {
        "approve": (frozenset({DRAFT}), APPROVED),
        "unapprove": (frozenset({APPROVED}), DRAFT),
        "reverse": (frozenset({APPROVED}), REVERSED),
        "void": (frozenset({DRAFT}), VOID),
    }
)


class DocumentColumns:
    """Number, business date, status and the trail (who created, approved, reversed it and when)."""

    number: Mapped[str] = mapped_column(String(40))
    business_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    remark: Mapped[str] = mapped_column(String(500), default="")
    created_by: Mapped[int | None] = mapped_column(Integer)
    approved_by: Mapped[int | None] = mapped_column(Integer)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reversed_by: Mapped[int | None] = mapped_column(Integer)
    reversed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


def _stamps(action: str) -> dict[str, Any]:
    """The trail columns an action sets."""
    user = context.current().user_id
    if action == "approve":
        return {"approved_by": user, "approved_at": utcnow()}
    if action == "unapprove":
        return {"approved_by": None, "approved_at": None}
    if action == "reverse":
        return {"reversed_by": user, "reversed_at": utcnow()}
    return {}


def advance(doc: DocumentColumns, transitions: Transitions, action: str) -> None:
    """Move `doc` along its lifecycle, stamping the trail."""
    target = transitions.target(doc.status, action)
    for key, value in _stamps(action).items():
        setattr(doc, key, value)
    doc.status = target


def advance_row(
    session: Session,
    model: type[DocumentColumns],
    row: Mapping[str, Any],
    transitions: Transitions,
    action: str,
    **also: Any,
) -> dict[str, Any]:
    """advance() for a document read as a row (a posting's fast path, no ORM object): the transition, its
    trail and `also` in one UPDATE of the row's company and version — a stale row raises StaleDataError as a
    flush would — audited as a flush would be. `row` holds the values read; returns the columns written."""
    changes = {"status": transitions.target(row["status"], action), **_stamps(action), **also}
    written = {**changes, "updated_at": utcnow(), "version": row["version"] + 1}
    table: Table = model.__table__  # type: ignore[attr-defined]
    matched = _versioned_update(table, tuple(written)).run(
        connection(session),
        {**written, "id_": row["id"], "company_": row["company_id"], "version_": row["version"]},
    )
    if matched != 1:
        raise StaleDataError(f"{table.name} {row['id']} changed or went away since it was read")
    audit.record_update(session, model, row, changes)
    # An ORM object of the same row in this session would now be stale: it reloads on next use.
    obj = session.identity_map.get(_mapper(model).identity_key_from_primary_key((row["id"],)))
    if obj is not None:
        session.expire(obj)
    return written


_MAPPERS: dict[type[Any], Mapper[Any]] = {}


def _mapper(model: type[Any]) -> Mapper[Any]:
    """inspect(model), kept: every approval asks, and inspect() walks the class each time."""
    mapper = _MAPPERS.get(model)
    if mapper is None:
        mapper = _MAPPERS[model] = inspect(model)
    return mapper


@cache
def _versioned_update(table: Table, columns: tuple[str, ...]) -> Prepared:
    return Prepared(
        update(table)
        .where(
            table.c.id == bindparam("id_"),
            table.c.company_id == bindparam("company_"),
            table.c.version == bindparam("version_"),
        )
        .values({c: bindparam(c) for c in columns})
    )


class Trailed(Protocol):
    """A document as an ORM object or as a row read for a fast path: what its trail shows."""

    @property
    def created_by(self) -> int | None: ...
    @property
    def approved_by(self) -> int | None: ...
    @property
    def approved_at(self) -> datetime | None: ...
    @property
    def reversed_by(self) -> int | None: ...
    @property
    def reversed_at(self) -> datetime | None: ...


def trail_user_ids(docs: list[DocumentColumns]) -> set[int | None]:
    return {u for d in docs for u in (d.created_by, d.approved_by, d.reversed_by)}


def trail(doc: Trailed, users: Mapping[int, str]) -> dict[str, object]:
    """The trail fields every document answer carries (who and when), with user ids turned into names."""
    return {
        "created_by_name": users.get(doc.created_by) if doc.created_by else None,
        "created_at": getattr(doc, "created_at", None),
        "approved_by_name": users.get(doc.approved_by) if doc.approved_by else None,
        "approved_at": doc.approved_at,
        "reversed_by_name": users.get(doc.reversed_by) if doc.reversed_by else None,
        "reversed_at": doc.reversed_at,
    }
