"""客户/供应商 import and export."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from jxc.common import refs
from jxc.common.excel import ApplyResult, Field, ImportSpec, register
from jxc.common.excel.reader import Row
from jxc.common.excel.upsert import pick, upsert_by_code
from jxc.common.export import Column
from jxc.common.pagination import ListParams
from jxc.partners.models import Partner, PartnerContact
from jxc.partners.schemas import PartnerRead
from jxc.partners.service import list_partners, refresh_search

SPEC = ImportSpec(
    "partners",
    "export.partners",
    [
        Field("code", "field.code", required=True, kind="code", max_length=40, example="KH00001"),
        Field("name", "field.name", required=True, max_length=120, example="华联超市"),
        Field("is_customer", "partner.customer", kind="bool", example="是"),
        Field("is_supplier", "partner.supplier", kind="bool", example="否"),
        Field("contact", "field.contact", max_length=64, example="王经理"),
        Field("contact_phone", "field.contact_phone", kind="code", max_length=40),
        Field("phone", "field.phone", kind="code", max_length=40),
        Field("province", "field.province", max_length=32, example="浙江"),
        Field("city", "field.city", max_length=32, example="杭州"),
        Field("address", "field.address", max_length=200),
        Field("tax_no", "field.tax_no", kind="code", max_length=32),
        Field("bank_name", "field.bank_name", max_length=64),
        Field("bank_account", "field.bank_account", kind="code", max_length=64),
        Field("price_level", "field.price_level", max_length=32),
        Field("credit_limit", "field.credit_limit", kind="decimal", scale=2),
        Field("payment_terms_days", "field.payment_terms_days", kind="int"),
        Field("remark", "field.remark", max_length=500),
        Field("is_active", "field.is_active", kind="bool"),
    ],
)
KINDS = {"decimal": "money", "int": "number", "bool": "bool"}
COLUMNS = [Column(f.key, f.label_key, KINDS.get(f.kind, "text")) for f in SPEC.fields]  # type: ignore[arg-type]


def apply(session: Session, rows: list[Row], write: bool) -> ApplyResult:
    level_ids = _level_ids(session)

    def check(row: Row, _current: Partner | None) -> list[tuple[str, str, dict[str, Any]]]:
        v = row.values
        problems: list[tuple[str, str, dict[str, Any]]] = []
        if v.get("price_level") and v["price_level"] not in level_ids:
            problems.append(("price_level", "validation.price_level_not_found", {}))
        if v.get("is_customer") is False and v.get("is_supplier") is False:
            problems.append(("is_customer", "validation.partner_kind_required", {}))
        return problems

    def fields(row: Row) -> dict[str, Any]:
        out = pick(
            row,
            {
                "code": "",
                "name": "",
                "is_customer": True,
                "is_supplier": False,
                "phone": "",
                "province": "",
                "city": "",
                "address": "",
                "tax_no": "",
                "bank_name": "",
                "bank_account": "",
                "credit_limit": None,
                "payment_terms_days": None,
                "remark": "",
                "is_active": True,
            },
        )
        if "price_level" in row.values:
            out["price_level_id"] = level_ids.get(row.values["price_level"] or "")
        return out

    def after(partner: Partner, row: Row) -> None:
        v = row.values
        contacts = (
            session.execute(select(PartnerContact).where(PartnerContact.partner_id == partner.id))
            .scalars()
            .all()
        )
        if "contact" in v:
            session.execute(delete(PartnerContact).where(PartnerContact.partner_id == partner.id))
            contacts = []
            if v.get("contact"):
                contact = PartnerContact(
                    partner_id=partner.id, name=v["contact"], phone=v.get("contact_phone") or ""
                )
                session.add(contact)
                contacts = [contact]
        refresh_search(partner, contacts)

    return upsert_by_code(session, Partner, SPEC, rows, write, fields, check, after)


def _level_ids(session: Session) -> dict[str, int]:
    # Price levels belong to the catalogue (a sibling layer): asked through common.refs.
    return {name: lid for lid, name in refs.names(session, "price_level", None).items()}


def flat_rows(session: Session, partners: list[PartnerRead]) -> list[SimpleNamespace]:
    levels = refs.names(session, "price_level", None)
    return [
        SimpleNamespace(
            **p.model_dump(),
            contact=p.contacts[0].name if p.contacts else "",
            contact_phone=p.contacts[0].phone if p.contacts else "",
            price_level=levels.get(p.price_level_id) if p.price_level_id else "",
        )
        for p in partners
    ]


def export_rows(session: Session) -> list[SimpleNamespace]:
    partners, _ = list_partners(session, ListParams(q=None, page=1, page_size=20, sort=None), limit=100_000)
    return flat_rows(session, partners)


register("partners", SPEC, apply, export_rows, COLUMNS)
