"""Companies (账套): the settings of the current one, the list a user belongs to, and new ones."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth.models import Company, Membership, MembershipRole
from jxc.auth.principal import Principal
from jxc.auth.roles import ensure_admin_role
from jxc.auth.schemas import CompanyCreate, CompanyRead, CompanyUpdate
from jxc.common.errors import Conflict, NotFound
from jxc.db.scoping import across_companies, session_company, set_company


def current_company(session: Session) -> CompanyRead:
    company = session.get(Company, session_company(session))
    if company is None:
        raise NotFound("company_not_found")
    return CompanyRead.model_validate(company)


def list_companies(session: Session, principal: Principal) -> list[CompanyRead]:
    with across_companies(session):
        rows = (
            session.execute(
                select(Company)
                .join(Membership, Membership.company_id == Company.id)
                .where(Membership.user_id == principal.user_id, Company.is_active.is_(True))
                .order_by(Company.id)
            )
            .scalars()
            .all()
        )
    return [CompanyRead.model_validate(c) for c in rows]


def update_current(session: Session, body: CompanyUpdate) -> CompanyRead:
    company = session.get(Company, session_company(session))
    if company is None:
        raise NotFound("company_not_found")
    if body.version != company.version:
        raise Conflict("version_conflict")
    for name in (
        "name",
        "start_date",
        "allow_negative_stock",
        "allow_negative_cash",
        "over_receipt_tolerance",
        "credit_control",
        "qty_precision",
        "price_precision",
    ):
        value = getattr(body, name)
        if value is not None:
            setattr(company, name, value)
    if "closed_until" in body.model_fields_set:
        company.closed_until = body.closed_until
    session.flush()
    return CompanyRead.model_validate(company)


def create_company(session: Session, body: CompanyCreate, owner_user_id: int) -> CompanyRead:
    """A new, empty 账套 whose creator is its administrator."""
    company = Company(
        name=body.name,
        start_date=body.start_date,
        allow_negative_stock=body.allow_negative_stock,
        allow_negative_cash=body.allow_negative_cash,
        credit_control=body.credit_control,
        qty_precision=body.qty_precision,
        price_precision=body.price_precision,
    )
    session.add(company)
    session.flush()
    seed_company(session, company.id, owner_user_id)
    return CompanyRead.model_validate(company)


_SEEDERS: list[Callable[[Session], None]] = []


def register_seeder(fn: Callable[[Session], None]) -> None:
    """Higher layers give every new company its starting rows (e.g. income/expense categories)."""
    _SEEDERS.append(fn)


def seed_company(session: Session, company_id: int, owner_user_id: int) -> None:
    """Give a company its 管理员 role and make `owner_user_id` a member holding it, then what higher layers
    registered."""
    previous = session_company(session)
    set_company(session, company_id)
    try:
        for seeder in _SEEDERS:
            seeder(session)
        role = ensure_admin_role(session)
        membership = session.execute(
            select(Membership).where(Membership.user_id == owner_user_id)
        ).scalar_one_or_none()
        if membership is None:
            membership = Membership(user_id=owner_user_id, all_warehouses=True)
            session.add(membership)
            session.flush()
        linked = session.execute(
            select(MembershipRole).where(
                MembershipRole.membership_id == membership.id, MembershipRole.role_id == role.id
            )
        ).first()
        if not linked:
            session.add(MembershipRole(membership_id=membership.id, role_id=role.id))
        session.flush()
    finally:
        set_company(session, previous)
