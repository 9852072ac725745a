"""What a money document must say before it is saved: per kind, the header and lines it needs, with every
reference checked against this company's partners, accounts, categories and open entries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth.periods import company_rules
from jxc.common.errors import Invalid, NotFound, field_error
from jxc.finance.currencies import currency_code
from jxc.finance.doc_models import MoneyCategory, MoneyDocLine
from jxc.finance.doc_schemas import MoneyDocWrite
from jxc.finance.ledger import base_of
from jxc.finance.ledger_models import PartnerEntry
from jxc.finance.models import Account
from jxc.finance.rates import rate_for
from jxc.partners.models import Partner

ZERO = Decimal(0)
SIDE_OF = {"receipt": "ar", "payment": "ap"}


@dataclass
class Header:
    partner_id: int | None = None
    side: str = ""
    account_id: int | None = None
    to_account_id: int | None = None
    currency: str = "CNY"
    rate: Decimal = Decimal(1)
    amount: Decimal = ZERO
    discount: Decimal = ZERO
    base_amount: Decimal = ZERO
    auto_allocate: bool = True


def base_currency(session: Session) -> str:
    return company_rules(session).base_currency


def _partner(session: Session, partner_id: int | None, field: str = "partner_id") -> Partner:
    # A select, not session.get: the company filter applies to queries, and get may answer from the map.
    row = (
        session.execute(select(Partner).where(Partner.id == partner_id)).scalar_one_or_none()
        if partner_id
        else None
    )
    if row is None:
        raise NotFound("partner_not_found", errors=[field_error(field, "partner_not_found")])
    return row


def _accounts(session: Session, ids: list[int | None], fields: list[str]) -> None:
    wanted = {i for i in ids if i}
    known = (
        set(session.execute(select(Account.id).where(Account.id.in_(wanted))).scalars()) if wanted else set()
    )
    for i, f in zip(ids, fields, strict=True):
        if not i or i not in known:
            raise NotFound("account_not_found", errors=[field_error(f, "account_not_found")])


def _rate(session: Session, currency: str, rate: Decimal | None, body: MoneyDocWrite, field: str) -> Decimal:
    if currency == base_currency(session):
        return Decimal(1)
    if rate is not None:
        if rate <= 0:
            raise Invalid("rate_invalid", errors=[field_error(field, "rate_invalid")])
        return rate
    return rate_for(session, currency, body.business_date)


def check(session: Session, kind: str, body: MoneyDocWrite) -> tuple[Header, list[MoneyDocLine]]:
    """The header values and the (unsaved) lines of a valid document, or a clear error."""
    if kind in SIDE_OF:
        return _settlement(session, kind, body)
    if kind == "allocation":
        return _allocation(session, body)
    if kind == "transfer":
        _accounts(session, [body.account_id, body.to_account_id], ["account_id", "to_account_id"])
        if body.account_id == body.to_account_id:
            raise Invalid("same_account", errors=[field_error("to_account_id", "same_account")])
        amount = body.amount or ZERO
        if amount <= 0:
            raise Invalid("amount_invalid", errors=[field_error("amount", "amount_invalid")])
        head = Header(account_id=body.account_id, to_account_id=body.to_account_id, amount=amount)
        head.currency, head.base_amount = base_currency(session), amount
        return head, []
    if kind in ("income", "expense"):
        return _income_expense(session, kind, body)
    return _opening(session, body)


def _settlement(session: Session, kind: str, body: MoneyDocWrite) -> tuple[Header, list[MoneyDocLine]]:
    partner = _partner(session, body.partner_id)
    _accounts(session, [body.account_id], ["account_id"])
    side = SIDE_OF[kind]
    currency = currency_code(body.currency) if body.currency else partner.currency
    rate = _rate(session, currency, body.rate, body, "rate")
    amount = body.amount or ZERO
    if amount < 0 or amount + body.discount <= 0:
        raise Invalid("amount_invalid", errors=[field_error("amount", "amount_invalid")])
    lines = _picked(session, body, partner.id, side, currency)
    if sum((ln.amount for ln in lines), ZERO) > amount + body.discount:
        raise Invalid("allocation_exceeds_payment", total=f"{amount + body.discount:.2f}")
    head = Header(partner.id, side, body.account_id, None, currency, rate, amount, body.discount)
    head.base_amount, head.auto_allocate = base_of(amount, rate), body.auto_allocate
    return head, lines


def _entries(session: Session, ids: set[int]) -> dict[int, PartnerEntry]:
    if not ids:
        return {}
    return {e.id: e for e in session.execute(select(PartnerEntry).where(PartnerEntry.id.in_(ids))).scalars()}


def _picked(
    session: Session, body: MoneyDocWrite, partner_id: int, side: str, currency: str
) -> list[MoneyDocLine]:
    entries = _entries(session, {ln.entry_id for ln in body.lines if ln.entry_id})
    out = []
    for i, ln in enumerate(body.lines):
        e = entries.get(ln.entry_id or 0)
        if e is None or e.partner_id != partner_id or e.side != side or e.amount <= 0:
            raise Invalid(
                "allocation_wrong_partner", errors=[field_error(f"lines.{i}", "allocation_wrong_partner")]
            )
        if e.currency != currency:
            raise Invalid("currency_mismatch", errors=[field_error(f"lines.{i}", "currency_mismatch")])
        if ln.amount <= 0:
            raise Invalid("amount_invalid", errors=[field_error(f"lines.{i}.amount", "amount_invalid")])
        out.append(
            MoneyDocLine(
                line_no=i + 1,
                amount=ln.amount,
                remark=ln.remark,
                entry_id=e.id,
                currency=currency,
                rate=e.rate,
            )
        )
        out[-1].base_amount = base_of(ln.amount, e.rate)
    return out


def _allocation(session: Session, body: MoneyDocWrite) -> tuple[Header, list[MoneyDocLine]]:
    partner = _partner(session, body.partner_id)
    if body.side is None:
        raise Invalid("invalid_document", errors=[field_error("side", "required")])
    ids = {i for ln in body.lines for i in (ln.entry_id, ln.credit_entry_id) if i}
    entries = _entries(session, ids)
    out = []
    for i, ln in enumerate(body.lines):
        d, c = entries.get(ln.entry_id or 0), entries.get(ln.credit_entry_id or 0)
        ok = d is not None and c is not None and d.amount > 0 and c.amount < 0
        if not ok or any(e.partner_id != partner.id or e.side != body.side for e in (d, c) if e):
            raise Invalid(
                "allocation_wrong_partner", errors=[field_error(f"lines.{i}", "allocation_wrong_partner")]
            )
        assert d is not None
        assert c is not None
        if d.currency != c.currency:
            raise Invalid("currency_mismatch", errors=[field_error(f"lines.{i}", "currency_mismatch")])
        if ln.amount <= 0:
            raise Invalid("amount_invalid", errors=[field_error(f"lines.{i}.amount", "amount_invalid")])
        row = MoneyDocLine(
            line_no=i + 1,
            amount=ln.amount,
            remark=ln.remark,
            entry_id=d.id,
            credit_entry_id=c.id,
            currency=d.currency,
            rate=d.rate,
        )
        row.base_amount = base_of(ln.amount, d.rate)
        out.append(row)
    total = sum((ln.amount for ln in out), ZERO)
    head = Header(
        partner.id, body.side, currency=partner.currency, amount=total, auto_allocate=body.auto_allocate
    )
    head.base_amount = sum((ln.base_amount for ln in out), ZERO)
    return head, out


def _income_expense(session: Session, kind: str, body: MoneyDocWrite) -> tuple[Header, list[MoneyDocLine]]:
    _accounts(session, [body.account_id], ["account_id"])
    if body.partner_id:
        _partner(session, body.partner_id)
    if not body.lines:
        raise Invalid("invalid_lines", errors=[field_error("lines", "required")])
    wanted = {ln.category_id for ln in body.lines if ln.category_id}
    known = (
        set(
            session.execute(
                select(MoneyCategory.id).where(MoneyCategory.id.in_(wanted), MoneyCategory.kind == kind)
            ).scalars()
        )
        if wanted
        else set()
    )
    base = base_currency(session)
    out = []
    for i, ln in enumerate(body.lines):
        if ln.category_id not in known:
            raise NotFound(
                "money_category_not_found",
                errors=[field_error(f"lines.{i}.category_id", "money_category_not_found")],
            )
        if ln.amount <= 0:
            raise Invalid("amount_invalid", errors=[field_error(f"lines.{i}.amount", "amount_invalid")])
        out.append(
            MoneyDocLine(
                line_no=i + 1,
                amount=ln.amount,
                base_amount=ln.amount,
                remark=ln.remark,
                category_id=ln.category_id,
                currency=base,
                rate=Decimal(1),
            )
        )
    total = sum((ln.amount for ln in out), ZERO)
    head = Header(body.partner_id, "", body.account_id, currency=base, amount=total, base_amount=total)
    return head, out


def _opening(session: Session, body: MoneyDocWrite) -> tuple[Header, list[MoneyDocLine]]:
    if not body.lines:
        raise Invalid("invalid_lines", errors=[field_error("lines", "required")])
    base = base_currency(session)
    out = []
    for i, ln in enumerate(body.lines):
        if ln.amount == 0:
            raise Invalid("amount_invalid", errors=[field_error(f"lines.{i}.amount", "amount_invalid")])
        row = MoneyDocLine(line_no=i + 1, amount=ln.amount, remark=ln.remark, due_date=ln.due_date)
        if ln.account_id and not ln.partner_id:
            _accounts(session, [ln.account_id], [f"lines.{i}.account_id"])
            row.account_id, row.currency, row.rate, row.base_amount = (
                ln.account_id,
                base,
                Decimal(1),
                ln.amount,
            )
        else:
            partner = _partner(session, ln.partner_id, f"lines.{i}.partner_id")
            if ln.side is None:
                raise Invalid("invalid_lines", errors=[field_error(f"lines.{i}.side", "required")])
            row.partner_id, row.side = partner.id, ln.side
            row.currency = (
                currency_code(ln.currency, f"lines.{i}.currency") if ln.currency else partner.currency
            )
            row.rate = _rate(session, row.currency, ln.rate, body, f"lines.{i}.rate")
            row.base_amount = base_of(ln.amount, row.rate)
        out.append(row)
    total = sum((ln.base_amount for ln in out), ZERO)
    return Header(currency=base, amount=total, base_amount=total), out
