"""The document lifecycle every document type shares (DESIGN §5) and the columns that go with it.

A document type declares its transition table in its `states.py`; the service calls `advance()` for each
action, which refuses an action the status does not allow (`invalid_transition`, never a silent no-op).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from jxc.common import context
from jxc.common.errors import Conflict
from jxc.common.i18n import t
from jxc.db.base import UTCDateTime, utcnow

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


def advance(doc: DocumentColumns, transitions: Transitions, action: str) -> None:
    """Move `doc` along its lifecycle, stamping the trail."""
    target = transitions.target(doc.status, action)
    user = context.current().user_id
    if action == "approve":
        doc.approved_by, doc.approved_at = user, utcnow()
    elif action == "unapprove":
        doc.approved_by, doc.approved_at = None, None
    elif action == "reverse":
        doc.reversed_by, doc.reversed_at = user, utcnow()
    doc.status = target


def trail_user_ids(docs: list[DocumentColumns]) -> set[int | None]:
    return {u for d in docs for u in (d.created_by, d.approved_by, d.reversed_by)}


def trail(doc: DocumentColumns, users: dict[int, str]) -> dict[str, object]:
    """The trail fields every document answer carries (who and when), with user ids turned into names."""
    return {
        "created_by_name": users.get(doc.created_by) if doc.created_by else None,
        "created_at": getattr(doc, "created_at", None),
        "approved_by_name": users.get(doc.approved_by) if doc.approved_by else None,
        "approved_at": doc.approved_at,
        "reversed_by_name": users.get(doc.reversed_by) if doc.reversed_by else None,
        "reversed_at": doc.reversed_at,
    }
