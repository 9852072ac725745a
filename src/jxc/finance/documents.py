"""Money documents — 收款单, 付款单, 核销单, 转账单, 其他收入/支出单, 期初余额: one service, seven kinds.

draft → approve posts through the money ledger (posting.py) → reverse (红冲) negates it and undoes its
allocations; void ends a draft. Every transition is audited through the document row.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from jxc.auth.models import User
from jxc.common import context
from jxc.common.clock import today
from jxc.common.errors import Conflict, NotFound
from jxc.common.i18n import t
from jxc.common.lifecycle import DRAFT, advance, trail, trail_user_ids
from jxc.common.numbering import next_number
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.finance import doc_checks, ledger, posting
from jxc.finance.doc_models import MoneyCategory, MoneyDoc, MoneyDocLine
from jxc.finance.doc_schemas import (
    MoneyDocLineRead,
    MoneyDocRead,
    MoneyDocSummary,
    MoneyDocUpdate,
    MoneyDocWrite,
    OpenItem,
)
from jxc.finance.ledger import DocRef
from jxc.finance.ledger_models import PartnerEntry
from jxc.finance.models import Account
from jxc.finance.states import MONEY_DOC
from jxc.partners.models import Partner

PREFIX = {
    "receipt": "SKD",
    "payment": "FKD",
    "allocation": "HXD",
    "transfer": "ZZD",
    "income": "QTSR",
    "expense": "QTZC",
    "opening": "QCYE",
}
ZERO = Decimal(0)


def _load(session: Session, kind: str, doc_id: int) -> MoneyDoc:
    doc = session.execute(
        select(MoneyDoc).where(MoneyDoc.id == doc_id, MoneyDoc.kind == kind)
    ).scalar_one_or_none()
    if doc is None:
        raise NotFound("document_not_found")
    return doc


def _lines(session: Session, doc_id: int) -> list[MoneyDocLine]:
    return list(
        session.execute(
            select(MoneyDocLine).where(MoneyDocLine.doc_id == doc_id).order_by(MoneyDocLine.line_no)
        ).scalars()
    )


def _fill(doc: MoneyDoc, head: doc_checks.Header) -> None:
    for name in (
        "partner_id",
        "side",
        "account_id",
        "to_account_id",
        "currency",
        "rate",
        "amount",
        "discount",
        "base_amount",
        "auto_allocate",
    ):
        setattr(doc, name, getattr(head, name))


def _attach(session: Session, doc: MoneyDoc, lines: list[MoneyDocLine]) -> None:
    for ln in lines:
        ln.doc_id = doc.id
    session.add_all(lines)
    session.flush()


def create(session: Session, kind: str, body: MoneyDocWrite) -> MoneyDocRead:
    head, lines = doc_checks.check(session, kind, body)
    doc = MoneyDoc(
        kind=kind,
        number=next_number(session, PREFIX[kind], body.business_date),
        business_date=body.business_date,
        remark=body.remark,
        status=DRAFT,
        created_by=context.current().user_id,
    )
    _fill(doc, head)
    session.add(doc)
    session.flush()
    _attach(session, doc, lines)
    return read(session, doc, lines)


def _draft(session: Session, kind: str, doc_id: int) -> MoneyDoc:
    doc = _load(session, kind, doc_id)
    if doc.status != DRAFT:
        raise Conflict("invalid_transition", state=t(f"doc_status.{doc.status}"))
    return doc


def update(session: Session, kind: str, doc_id: int, body: MoneyDocUpdate) -> MoneyDocRead:
    doc = _draft(session, kind, doc_id)
    if doc.version != body.version:
        raise Conflict("version_conflict")
    head, lines = doc_checks.check(session, kind, body)
    doc.business_date, doc.remark = body.business_date, body.remark
    _fill(doc, head)
    session.execute(delete(MoneyDocLine).where(MoneyDocLine.doc_id == doc.id))
    _attach(session, doc, lines)
    flag_modified(doc, "remark")  # the version bumps even when only the lines changed
    session.flush()
    return read(session, doc)


def get(session: Session, kind: str, doc_id: int) -> MoneyDocRead:
    return read(session, _load(session, kind, doc_id))


def delete_draft(session: Session, kind: str, doc_id: int) -> None:
    session.delete(_draft(session, kind, doc_id))
    session.flush()


def _ref(doc: MoneyDoc, business_date: date | None = None) -> DocRef:
    return DocRef(doc.kind, doc.id, doc.number, business_date or doc.business_date)


def approve(session: Session, kind: str, doc_id: int) -> MoneyDocRead:
    doc = _load(session, kind, doc_id)
    advance(doc, MONEY_DOC, "approve")
    lines = posting.post(session, doc, _lines(session, doc.id), _ref(doc))
    session.flush()
    return read(session, doc, lines)


def reverse(session: Session, kind: str, doc_id: int, business_date: date | None) -> MoneyDocRead:
    doc = _load(session, kind, doc_id)
    advance(doc, MONEY_DOC, "reverse")
    ledger.reverse(session, _ref(doc), _ref(doc, business_date))
    session.flush()
    return read(session, doc)


def void(session: Session, kind: str, doc_id: int) -> MoneyDocRead:
    doc = _load(session, kind, doc_id)
    advance(doc, MONEY_DOC, "void")
    session.flush()
    return read(session, doc)


def copy(session: Session, kind: str, doc_id: int) -> MoneyDocRead:
    """复制新增: a new draft with the same header; allocations are not copied (they settle once)."""
    doc = _load(session, kind, doc_id)
    settles = kind in ("receipt", "payment", "allocation")
    body = MoneyDocWrite.model_validate(
        {
            "business_date": today(),
            "remark": doc.remark,
            "partner_id": doc.partner_id,
            "side": doc.side or None,
            "account_id": doc.account_id,
            "to_account_id": doc.to_account_id,
            "currency": doc.currency,
            "rate": doc.rate,
            "amount": doc.amount,
            "discount": doc.discount,
            "auto_allocate": doc.auto_allocate,
            "lines": []
            if settles
            else [
                {
                    "amount": ln.amount,
                    "remark": ln.remark,
                    "category_id": ln.category_id,
                    "partner_id": ln.partner_id,
                    "side": ln.side or None,
                    "account_id": ln.account_id,
                    "currency": ln.currency,
                    "rate": ln.rate,
                    "due_date": ln.due_date,
                }
                for ln in _lines(session, doc.id)
            ],
        }
    )
    return create(session, kind, body)


SORTS = {"number": MoneyDoc.number, "business_date": MoneyDoc.business_date, "amount": MoneyDoc.amount}


def list_docs(
    session: Session,
    kind: str,
    params: ListParams,
    status: str | None = None,
    partner_id: int | None = None,
    account_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
) -> tuple[list[MoneyDocSummary], int]:
    stmt = select(MoneyDoc).where(MoneyDoc.kind == kind)
    if params.q:
        pattern = like_pattern(params.q)
        named = select(Partner.id).where(Partner.name.ilike(pattern, escape="\\"))
        stmt = stmt.where(
            or_(
                MoneyDoc.number.ilike(pattern, escape="\\"),
                MoneyDoc.remark.ilike(pattern, escape="\\"),
                MoneyDoc.partner_id.in_(named),
            )
        )
    if status:
        stmt = stmt.where(MoneyDoc.status == status)
    if partner_id:
        stmt = stmt.where(MoneyDoc.partner_id == partner_id)
    if account_id:
        stmt = stmt.where(or_(MoneyDoc.account_id == account_id, MoneyDoc.to_account_id == account_id))
    if date_from:
        stmt = stmt.where(MoneyDoc.business_date >= date_from)
    if date_to:
        stmt = stmt.where(MoneyDoc.business_date <= date_to)
    order = params.order_by(SORTS, [MoneyDoc.business_date.desc(), MoneyDoc.id.desc()])
    docs, total = paginate(session, stmt, params, order, limit)
    ids = [d.id for d in docs]
    counts: dict[int, tuple[int, Decimal]] = {}
    if ids:
        rows = session.execute(
            select(MoneyDocLine.doc_id, func.count(), func.coalesce(func.sum(MoneyDocLine.amount), 0))
            .where(MoneyDocLine.doc_id.in_(ids))
            .group_by(MoneyDocLine.doc_id)
        ).all()
        counts = {int(d): (int(c), Decimal(s)) for d, c, s in rows}
    names = _Names(session, docs, [])
    return [names.summary(d, *counts.get(d.id, (0, ZERO))) for d in docs], total


class _Names:
    """Every name a page of documents shows, fetched once per kind of thing."""

    def __init__(self, session: Session, docs: list[MoneyDoc], lines: list[MoneyDocLine]) -> None:
        partner_ids = {d.partner_id for d in docs} | {ln.partner_id for ln in lines}
        account_ids = {a for d in docs for a in (d.account_id, d.to_account_id)} | {
            ln.account_id for ln in lines
        }
        self.partners = _names(session, Partner.id, Partner.name, partner_ids)
        self.accounts = _names(session, Account.id, Account.name, account_ids)
        self.categories = _names(
            session, MoneyCategory.id, MoneyCategory.name, {ln.category_id for ln in lines}
        )
        self.users = _names(session, User.id, User.display_name, trail_user_ids(list(docs)))
        entry_ids = {i for ln in lines for i in (ln.entry_id, ln.credit_entry_id) if i}
        self.entries = (
            {
                e.id: OpenItem.model_validate(e)
                for e in session.execute(select(PartnerEntry).where(PartnerEntry.id.in_(entry_ids))).scalars()
            }
            if entry_ids
            else {}
        )

    def summary(self, doc: MoneyDoc, line_count: int, allocated: Decimal) -> MoneyDocSummary:
        settles = doc.kind in ("receipt", "payment", "allocation")
        allocated = allocated if settles else ZERO
        left = doc.amount + doc.discount - allocated if doc.kind in ("receipt", "payment") else ZERO
        return MoneyDocSummary(
            id=doc.id,
            number=doc.number,
            kind=doc.kind,
            business_date=doc.business_date,
            status=doc.status,
            remark=doc.remark,
            version=doc.version,
            partner_id=doc.partner_id,
            partner_name=self.partners.get(doc.partner_id or 0),
            side=doc.side,
            account_id=doc.account_id,
            account_name=self.accounts.get(doc.account_id or 0),
            to_account_id=doc.to_account_id,
            to_account_name=self.accounts.get(doc.to_account_id or 0),
            currency=doc.currency,
            rate=doc.rate,
            amount=doc.amount,
            discount=doc.discount,
            base_amount=doc.base_amount,
            allocated_amount=allocated,
            unallocated_amount=left,
            auto_allocate=doc.auto_allocate,
            line_count=line_count,
            **trail(doc, self.users),
        )


def _names(session: Session, id_col: object, name_col: object, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.execute(select(id_col, name_col).where(id_col.in_(wanted))).all()  # type: ignore[call-overload, attr-defined]
    return {int(i): str(n) for i, n in rows}


def read(session: Session, doc: MoneyDoc, lines: list[MoneyDocLine] | None = None) -> MoneyDocRead:
    lines = _lines(session, doc.id) if lines is None else lines
    names = _Names(session, [doc], lines)
    allocated = sum((ln.amount for ln in lines if ln.entry_id), ZERO)
    summary = names.summary(doc, len(lines), allocated)
    return MoneyDocRead(
        **summary.model_dump(),
        lines=[
            MoneyDocLineRead(
                id=ln.id,
                line_no=ln.line_no,
                amount=ln.amount,
                base_amount=ln.base_amount,
                remark=ln.remark,
                entry_id=ln.entry_id,
                credit_entry_id=ln.credit_entry_id,
                entry=names.entries.get(ln.entry_id or 0),
                credit_entry=names.entries.get(ln.credit_entry_id or 0),
                category_id=ln.category_id,
                category_name=names.categories.get(ln.category_id or 0),
                partner_id=ln.partner_id,
                partner_name=names.partners.get(ln.partner_id or 0),
                side=ln.side,
                account_id=ln.account_id,
                account_name=names.accounts.get(ln.account_id or 0),
                currency=ln.currency,
                rate=ln.rate,
                due_date=ln.due_date,
            )
            for ln in lines
        ],
    )
