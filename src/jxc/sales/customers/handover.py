"""客户交接: a salesperson leaves or changes territory — their customers go to another user in one
transaction, each change in the audit trail under the action `handover`."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth.models import Membership, User
from jxc.common import audit
from jxc.common.errors import Invalid, field_error
from jxc.partners.models import Partner
from jxc.sales.customers.schemas import Handover, HandoverResult


def _check_target(session: Session, body: Handover) -> None:
    if body.to_user_id == body.from_user_id:
        raise Invalid("handover_invalid", errors=[field_error("body.to_user_id", "handover_same_user")])
    user = session.get(User, body.to_user_id)
    member = session.execute(select(Membership.id).where(Membership.user_id == body.to_user_id)).first()
    if user is None or member is None:
        raise Invalid("handover_invalid", errors=[field_error("body.to_user_id", "user_unknown")])
    if not user.is_active:
        raise Invalid(
            "handover_invalid",
            errors=[field_error("body.to_user_id", "user_inactive", name=user.display_name)],
        )


def _chosen(session: Session, body: Handover) -> list[Partner]:
    """The customers named, each of which must be one of from_user's; all of them when none are named."""
    if body.customer_ids is None:
        return list(
            session.execute(
                select(Partner)
                .where(Partner.is_customer.is_(True), Partner.salesperson_id == body.from_user_id)
                .order_by(Partner.id)
            ).scalars()
        )
    wanted = list(dict.fromkeys(body.customer_ids))
    found = {
        p.id: p
        for p in session.execute(
            select(Partner).where(Partner.id.in_(wanted), Partner.is_customer.is_(True))
        ).scalars()
    }
    errors = []
    for i, cid in enumerate(body.customer_ids):
        row = found.get(cid)
        if row is None:
            errors.append(field_error(f"body.customer_ids.{i}", "customer_unknown", id=cid))
        elif row.salesperson_id != body.from_user_id:
            errors.append(field_error(f"body.customer_ids.{i}", "customer_not_owned", name=row.name))
    if errors:
        raise Invalid("handover_invalid", errors=errors)
    return [found[cid] for cid in wanted]


def hand_over(session: Session, body: Handover) -> HandoverResult:
    _check_target(session, body)
    customers = _chosen(session, body)
    for p in customers:
        audit.name_action(session, p, "handover")
        p.salesperson_id = body.to_user_id
    session.flush()
    return HandoverResult(moved=len(customers))
