"""Reading and saving a purchase or sales document the same way: one table per side with a `kind` column,
lines in their own table; the caller passes the models."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from jxc.auth import scope
from jxc.common.errors import Conflict, NotFound, field_error
from jxc.common.i18n import t
from jxc.common.lifecycle import DRAFT
from jxc.common.pagination import like_pattern
from jxc.finance.currencies import currency_code
from jxc.finance.models import Account
from jxc.finance.rates import base_currency, rate_for
from jxc.partners.models import Partner

D = TypeVar("D")
L = TypeVar("L")


def load(session: Session, model: type[D], kind: str, doc_id: int) -> D:
    table: Any = model
    doc = session.execute(select(table).where(table.id == doc_id, table.kind == kind)).scalar_one_or_none()
    if doc is None:
        raise NotFound("document_not_found")
    scope.ensure(doc.warehouse_id)
    return doc  # type: ignore[no-any-return]


def doc_lines(session: Session, model: type[L], doc_id: int) -> list[L]:
    table: Any = model
    return list(
        session.execute(select(table).where(table.doc_id == doc_id).order_by(table.line_no)).scalars()
    )


def attach(session: Session, doc: Any, lines: Sequence[Any]) -> None:
    for ln in lines:
        ln.doc_id = doc.id
    session.add_all(lines)
    session.flush()


def payment_errors(session: Session, paid_amount: Decimal, account_id: int | None) -> list[dict[str, str]]:
    """What is wrong with a header's 本次付款/收款: an amount paid needs an existing account."""
    if paid_amount <= 0:
        return []
    if account_id is None:
        return [field_error("account_id", "account_required")]
    if not session.execute(select(Account.id).where(Account.id == account_id)).first():
        return [field_error("account_id", "account_not_found")]
    return []


def currency_and_rate(
    session: Session, asked: str | None, partner_currency: str | None, rate: Decimal | None, on: date
) -> tuple[str, Decimal]:
    """The document's currency (as asked, else the partner's, else the base one) and its rate (as asked, else
    the day's)."""
    currency = currency_code(asked or partner_currency or base_currency(session))
    return currency, rate if rate is not None else rate_for(session, currency, on)


def ensure_draft(doc: Any) -> None:
    if doc.status != DRAFT:
        raise Conflict("invalid_transition", state=t(f"doc_status.{doc.status}"))


def ensure_version(doc: Any, version: int) -> None:
    if doc.version != version:
        raise Conflict("version_conflict")


def replace_lines(session: Session, line_model: Any, doc: Any, lines: Sequence[Any]) -> None:
    session.execute(delete(line_model).where(line_model.doc_id == doc.id))
    attach(session, doc, lines)
    flag_modified(doc, "remark")  # the version bumps even when only the lines changed
    session.flush()


def delete_draft(session: Session, doc: Any) -> None:
    ensure_draft(doc)
    session.delete(doc)
    session.flush()


def matching(doc_model: Any, partner: Any, q: str) -> ColumnElement[bool]:
    """The list search: number, remark or the partner's name (`partner` is the document's partner column)."""
    pattern = like_pattern(q)
    partners = select(Partner.id).where(Partner.name.ilike(pattern, escape="\\"))
    return or_(
        doc_model.number.ilike(pattern, escape="\\"),
        doc_model.remark.ilike(pattern, escape="\\"),
        partner.in_(partners),
    )


def line_counts(session: Session, line_model: Any, doc_ids: Sequence[int]) -> dict[int, int]:
    if not doc_ids:
        return {}
    return {
        int(i): int(n)
        for i, n in session.execute(
            select(line_model.doc_id, func.count())
            .where(line_model.doc_id.in_(doc_ids))
            .group_by(line_model.doc_id)
        )
    }
