"""Customers and suppliers: create, edit, search, delete when nothing references them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from jxc.auth.models import Membership, User
from jxc.common import refs
from jxc.common.errors import Conflict, Invalid, NotFound, field_error
from jxc.common.i18n import t
from jxc.common.numbering import next_serial
from jxc.common.pagination import ListParams, paginate
from jxc.common.pinyin import mnemonic, search_pattern, search_text
from jxc.common.unique import ensure_free
from jxc.partners.models import Partner, PartnerContact
from jxc.partners.schemas import Contact, ContactOut, PartnerRead, PartnerUpdate, PartnerWrite

SORTS = {"code": Partner.code, "name": Partner.name, "created_at": Partner.created_at}
Kind = Literal["customer", "supplier"]
# Fields copied as they are; contacts, codes and references are handled apart.
PLAIN = (
    "name",
    "is_customer",
    "is_supplier",
    "phone",
    "address",
    "province",
    "city",
    "tax_no",
    "bank_name",
    "bank_account",
    "credit_limit",
    "payment_terms_days",
    "currency",
    "remark",
    "is_active",
)


def list_partners(
    session: Session,
    params: ListParams,
    kind: Kind | None = None,
    province: str | None = None,
    is_active: bool | None = None,
    limit: int | None = None,
) -> tuple[list[PartnerRead], int]:
    stmt = select(Partner)
    if params.q:
        stmt = stmt.where(Partner.search_text.like(search_pattern(params.q), escape="\\"))
    if kind == "customer":
        stmt = stmt.where(Partner.is_customer.is_(True))
    elif kind == "supplier":
        stmt = stmt.where(Partner.is_supplier.is_(True))
    if province:
        stmt = stmt.where(Partner.province == province)
    if is_active is not None:
        stmt = stmt.where(Partner.is_active.is_(is_active))
    rows, total = paginate(session, stmt, params, params.order_by(SORTS, [Partner.code]), limit)
    return to_read(session, rows), total


def to_read(session: Session, partners: Sequence[Partner]) -> list[PartnerRead]:
    ids = [p.id for p in partners]
    contacts: dict[int, list[ContactOut]] = {}
    for c in session.execute(
        select(PartnerContact).where(PartnerContact.partner_id.in_(ids)).order_by(PartnerContact.id)
    ).scalars():
        contacts.setdefault(c.partner_id, []).append(
            ContactOut(name=c.name, phone=c.phone, position=c.position)
        )
    sales_ids = sorted({p.salesperson_id for p in partners if p.salesperson_id})
    names = (
        dict(session.execute(select(User.id, User.display_name).where(User.id.in_(sales_ids))).all())
        if sales_ids
        else {}
    )
    return [
        PartnerRead(
            id=p.id,
            code=p.code,
            name=p.name,
            is_customer=p.is_customer,
            is_supplier=p.is_supplier,
            contacts=contacts.get(p.id, []),
            phone=p.phone,
            address=p.address,
            province=p.province,
            city=p.city,
            tax_no=p.tax_no,
            bank_name=p.bank_name,
            bank_account=p.bank_account,
            price_level_id=p.price_level_id,
            credit_limit=p.credit_limit,
            payment_terms_days=p.payment_terms_days,
            currency=p.currency,
            salesperson_id=p.salesperson_id,
            salesperson_name=names.get(p.salesperson_id) if p.salesperson_id else None,
            remark=p.remark,
            mnemonic=p.mnemonic,
            is_active=p.is_active,
            version=p.version,
        )
        for p in partners
    ]


def _load(session: Session, partner_id: int) -> Partner:
    row = session.execute(select(Partner).where(Partner.id == partner_id)).scalar_one_or_none()
    if row is None:
        raise NotFound("partner_not_found")
    return row


def get_partner(session: Session, partner_id: int) -> PartnerRead:
    return to_read(session, [_load(session, partner_id)])[0]


def _validate(
    session: Session,
    code: str | None,
    price_level_id: int | None,
    salesperson_id: int | None,
    is_customer: bool,
    is_supplier: bool,
    except_id: int | None = None,
) -> None:
    errors = []
    if not (is_customer or is_supplier):
        errors.append(field_error("body.is_customer", "partner_kind_required"))
    if price_level_id is not None and not refs.names(session, "price_level", [price_level_id]):
        errors.append(field_error("body.price_level_id", "price_level_not_found"))
    if (
        salesperson_id is not None
        and not session.execute(select(Membership.id).where(Membership.user_id == salesperson_id)).first()
    ):
        errors.append(field_error("body.salesperson_id", "salesperson_not_found"))
    if errors:
        raise Invalid("partner_invalid", errors=errors)
    if code:
        ensure_free(session, Partner.code, code, except_id=except_id)


def refresh_search(p: Partner, contacts: Sequence[PartnerContact | ContactOut]) -> None:
    m = mnemonic(p.name)
    p.mnemonic = m.initials
    p.search_text = search_text(
        p.code,
        p.name,
        m.initials,
        *m.alternatives,
        m.full,
        p.phone,
        *[c.name for c in contacts],
        *[c.phone for c in contacts],
    )


def _set_contacts(session: Session, partner: Partner, contacts: Sequence[Contact]) -> list[PartnerContact]:
    session.execute(delete(PartnerContact).where(PartnerContact.partner_id == partner.id))
    rows = [
        PartnerContact(partner_id=partner.id, name=c.name, phone=c.phone, position=c.position)
        for c in contacts
    ]
    session.add_all(rows)
    return rows


def create_partner(session: Session, body: PartnerWrite) -> PartnerRead:
    code = (body.code or "").strip()
    _validate(session, code, body.price_level_id, body.salesperson_id, body.is_customer, body.is_supplier)
    if not code:
        prefix = "KH" if body.is_customer else "GYS"
        while True:
            code = f"{prefix}{next_serial(session, prefix):05d}"
            if not session.execute(select(Partner.id).where(Partner.code == code)).first():
                break
    partner = Partner(
        code=code,
        price_level_id=body.price_level_id,
        salesperson_id=body.salesperson_id,
        **{f: getattr(body, f) for f in PLAIN},
    )
    session.add(partner)
    session.flush()
    contacts = _set_contacts(session, partner, body.contacts)
    refresh_search(partner, contacts)
    session.flush()
    return get_partner(session, partner.id)


def update_partner(session: Session, partner_id: int, body: PartnerUpdate) -> PartnerRead:
    partner = _load(session, partner_id)
    if body.version != partner.version:
        raise Conflict("version_conflict")
    sent = body.model_fields_set
    is_customer = body.is_customer if body.is_customer is not None else partner.is_customer
    is_supplier = body.is_supplier if body.is_supplier is not None else partner.is_supplier
    level = body.price_level_id if "price_level_id" in sent else partner.price_level_id
    sales = body.salesperson_id if "salesperson_id" in sent else partner.salesperson_id
    _validate(session, body.code, level, sales, is_customer, is_supplier, except_id=partner.id)
    if body.code:
        partner.code = body.code
    for f in PLAIN:
        value = getattr(body, f)
        if f in sent and (value is not None or f in ("credit_limit", "payment_terms_days")):
            setattr(partner, f, value)
    partner.price_level_id, partner.salesperson_id = level, sales
    if body.contacts is not None:
        contacts: Sequence[PartnerContact | ContactOut] = _set_contacts(session, partner, body.contacts)
    else:
        contacts = (
            session.execute(select(PartnerContact).where(PartnerContact.partner_id == partner.id))
            .scalars()
            .all()
        )
    refresh_search(partner, contacts)
    session.flush()
    return get_partner(session, partner.id)


def delete_partner(session: Session, partner_id: int) -> None:
    partner = _load(session, partner_id)
    used = refs.usage(session, "partner", partner.id)
    if used:
        raise Conflict("partner_in_use", what="、".join(used))
    session.execute(delete(PartnerContact).where(PartnerContact.partner_id == partner.id))
    session.delete(partner)
    session.flush()


def _names(kind: Kind | None):  # type: ignore[no-untyped-def]
    def lookup(session: Session, ids: list[int] | None) -> dict[int, str]:
        stmt = select(Partner.id, Partner.name)
        if ids is not None:
            stmt = stmt.where(Partner.id.in_(ids))
        if kind == "supplier":
            stmt = stmt.where(Partner.is_supplier.is_(True))
        elif kind == "customer":
            stmt = stmt.where(Partner.is_customer.is_(True))
        return {int(i): str(n) for i, n in session.execute(stmt).all()}

    return lookup


def _price_level_users(session: Session, level_id: int) -> str | None:
    row = session.execute(select(Partner.name).where(Partner.price_level_id == level_id).limit(1)).first()
    return t("refs.partner", name=row[0]) if row else None


refs.register_lookup("partner", _names(None))
refs.register_lookup("supplier", _names("supplier"))
refs.register_lookup("customer", _names("customer"))
refs.register_usage("price_level", _price_level_users)
