"""Share links to a statement (对账单分享): a customer opens `/s/<token>` without an account and sees that
one statement. The token is 256 random bits shown once; only its SHA-256 is stored, so a leaked database
does not leak working links."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth.credentials import new_token, token_hash
from jxc.common import context
from jxc.common.errors import NotFound
from jxc.common.schemas import InputModel, ReadModel
from jxc.db.base import utcnow
from jxc.db.scoping import across_companies, set_company
from jxc.finance.doc_models import StatementLink
from jxc.finance.report_common import check_range, partner, partner_names, user_names
from jxc.finance.statements import Period, Statement, statement

PUBLIC_PATH = "/s/"


class LinkCreate(InputModel):
    partner_id: int
    side: Literal["ar", "ap"] = "ar"
    date_from: date
    date_to: date
    expires_in_days: int = Field(default=7, ge=1, le=90)


class LinkRead(ReadModel):
    id: int
    partner_id: int
    partner_name: str
    side: str
    currency: str
    date_from: date
    date_to: date
    created_at: datetime
    created_by_name: str | None
    expires_at: datetime
    revoked_at: datetime | None
    active: bool


class LinkCreated(LinkRead):
    token: str  # shown this once
    url: str


def _reads(session: Session, links: list[StatementLink]) -> list[LinkRead]:
    partners = partner_names(session, (x.partner_id for x in links))
    users = user_names(session, (x.created_by for x in links))
    now = utcnow()
    return [
        LinkRead(
            id=x.id,
            partner_id=x.partner_id,
            partner_name=partners.get(x.partner_id, ""),
            side=x.side,
            currency=x.currency,
            date_from=x.date_from,
            date_to=x.date_to,
            created_at=x.created_at,
            created_by_name=users.get(x.created_by) if x.created_by else None,
            expires_at=x.expires_at,
            revoked_at=x.revoked_at,
            active=x.revoked_at is None and x.expires_at > now,
        )
        for x in links
    ]


def create_link(session: Session, body: LinkCreate) -> LinkCreated:
    check_range(body.date_from, body.date_to)
    who = partner(session, body.partner_id)
    token = new_token()
    link = StatementLink(
        partner_id=who.id,
        side=body.side,
        date_from=body.date_from,
        date_to=body.date_to,
        # Fixed now: a later change of the partner's currency must not change what was shared.
        currency=who.currency,
        token_hash=token_hash(token),
        expires_at=utcnow() + timedelta(days=body.expires_in_days),
        created_by=context.current().user_id,
        created_at=utcnow(),
    )
    session.add(link)
    session.flush()
    [read] = _reads(session, [link])
    return LinkCreated(**read.model_dump(), token=token, url=PUBLIC_PATH + token)


def list_links(session: Session, partner_id: int | None = None) -> list[LinkRead]:
    stmt = select(StatementLink).order_by(StatementLink.created_at.desc(), StatementLink.id.desc())
    if partner_id is not None:
        stmt = stmt.where(StatementLink.partner_id == partner_id)
    return _reads(session, list(session.execute(stmt.limit(500)).scalars()))


def revoke_link(session: Session, link_id: int) -> LinkRead:
    link = session.execute(select(StatementLink).where(StatementLink.id == link_id)).scalar_one_or_none()
    if link is None:
        raise NotFound("statement_link_not_found")
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        session.flush()
    [read] = _reads(session, [link])
    return read


def public_statement(session: Session, token: str) -> Statement:
    """The statement behind a token, read in the link's company; unknown, revoked and expired tokens get
    the same 404 so an outsider learns nothing from trying."""
    with across_companies(session):
        link = session.execute(
            select(StatementLink).where(StatementLink.token_hash == token_hash(token))
        ).scalar_one_or_none()
    if link is None or link.revoked_at is not None or link.expires_at <= utcnow():
        raise NotFound("statement_link_invalid")
    # The request has no signed-in user and so no company: from here on it reads the link's company only.
    set_company(session, link.company_id)
    return statement(session, Period(link.partner_id, link.side, link.date_from, link.date_to, link.currency))
