"""Row locks of the money ledger, always in one global order, after any stock locks a document took:
partner entries (by id), then partner balances (partner, side, currency), then account balances (account;
locked by `ledger.cash` itself, on prepared statements, as every sale at the till takes that lock).

A posting that allocates locks the entries it settles first, so 32 receipts allocating to one document
queue on that entry's row and each sees the open amount the previous one left (PostgreSQL `FOR UPDATE`;
on SQLite the writing transaction already holds the database). Never SKIP LOCKED or NOWAIT.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from jxc.db.scoping import session_company
from jxc.db.upsert import insert_missing
from jxc.finance.ledger_models import PartnerBalance, PartnerEntry

PartnerKey = tuple[int, str, str]  # (partner_id, side, currency)


def lock_entries(session: Session, ids: Iterable[int]) -> dict[int, PartnerEntry]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(
        select(PartnerEntry)
        .where(PartnerEntry.id.in_(wanted))
        .order_by(PartnerEntry.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalars()
    return {r.id: r for r in rows}


def lock_partner_balances(session: Session, keys: Iterable[PartnerKey]) -> dict[PartnerKey, PartnerBalance]:
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    rows = _partner_rows(session, wanted)
    if len(rows) < len(wanted):
        company_id = session_company(session)
        insert_missing(
            session,
            PartnerBalance.__table__,  # type: ignore[arg-type]
            [
                {"company_id": company_id, "partner_id": p, "side": s, "currency": c, "balance": 0}
                | {"base_balance": 0}
                for p, s, c in wanted
                if (p, s, c) not in rows
            ],
        )
        rows = _partner_rows(session, wanted)
    return rows


def _partner_rows(session: Session, wanted: list[PartnerKey]) -> dict[PartnerKey, PartnerBalance]:
    rows = session.execute(
        select(PartnerBalance)
        .where(
            or_(
                *(
                    and_(
                        PartnerBalance.partner_id == p, PartnerBalance.side == s, PartnerBalance.currency == c
                    )
                    for p, s, c in wanted
                )
            )
        )
        .order_by(PartnerBalance.partner_id, PartnerBalance.side, PartnerBalance.currency)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalars()
    return {(r.partner_id, r.side, r.currency): r for r in rows}
