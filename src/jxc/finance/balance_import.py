"""期初余额 lines from a spreadsheet: the template, and parsing an upload into document lines (writes nothing;
the editor puts them in its grid, and saving the document checks them again)."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

from fastapi import Response, UploadFile
from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.common.errors import Invalid
from jxc.common.excel import build_template
from jxc.common.excel.reader import read_table
from jxc.common.excel.spec import Field, ImportSpec
from jxc.common.export import XLSX
from jxc.common.i18n import t
from jxc.finance.doc_schemas import ImportBalancesError, ImportBalancesResult, ImportedBalanceLine
from jxc.finance.models import Account
from jxc.partners.models import Partner

SPEC = ImportSpec(
    entity="opening_balance",
    title_key="import.opening_balance",
    fields=(
        Field(
            "target",
            "field.balance_target",
            required=True,
            kind="choice",
            choices=(("partner", "balance_target.partner"), ("account", "balance_target.account")),
        ),
        Field("partner_code", "field.partner_code", kind="code", max_length=40, example="KH0001"),
        Field("side", "field.side", kind="choice", choices=(("ar", "side.ar"), ("ap", "side.ap"))),
        Field("account_code", "field.account_code", kind="code", max_length=32),
        Field("currency", "field.currency", max_length=3),
        Field("rate", "field.rate", kind="decimal", scale=6),
        Field("amount", "field.amount", required=True, kind="decimal", scale=2, example="1000"),
        Field("due_date", "field.due_date", kind="date"),
    ),
)


def template() -> Response:
    name = t("import.opening_balance")
    return Response(
        build_template(SPEC),
        media_type=XLSX,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}.xlsx"},
    )


def parse(session: Session, file: UploadFile) -> ImportBalancesResult:
    data = file.file.read(SPEC.max_bytes + 1)
    if not data:
        raise Invalid("import_empty")
    table = read_table(file.filename or "balances.xlsx", data, SPEC)
    errors = [ImportBalancesError(row=0, column="", message=m) for m in table.file_errors]
    errors += [ImportBalancesError(row=e.row, column=e.column, message=e.message) for e in table.errors]
    bad_rows = {e.row for e in table.errors}
    rows = [r for r in table.rows if r.number not in bad_rows]
    partner_codes = {str(r.values.get("partner_code") or "").strip() for r in rows}
    account_codes = {str(r.values.get("account_code") or "").strip() for r in rows}
    partners = {
        p.code: p for p in session.execute(select(Partner).where(Partner.code.in_(partner_codes))).scalars()
    }
    accounts = {
        a.code: a for a in session.execute(select(Account).where(Account.code.in_(account_codes))).scalars()
    }
    lines: list[ImportedBalanceLine] = []

    def bad(row: int, key: str, message: str) -> None:
        errors.append(ImportBalancesError(row=row, column=SPEC.field(key).label(), message=message))

    for r in rows:
        v = r.values
        amount = Decimal(v["amount"])
        if amount == 0:
            bad(r.number, "amount", t("error.amount_invalid"))
            continue
        if v["target"] == "account":
            code = str(v.get("account_code") or "").strip()
            account = accounts.get(code)
            if account is None:
                bad(r.number, "account_code", t("error.account_not_found"))
                continue
            lines.append(ImportedBalanceLine(amount=amount, account_id=account.id, account_name=account.name))
            continue
        code = str(v.get("partner_code") or "").strip()
        partner = partners.get(code)
        if partner is None:
            bad(r.number, "partner_code", t("error.partner_not_found"))
            continue
        side = v.get("side") or ("ap" if partner.is_supplier and not partner.is_customer else "ar")
        currency = str(v.get("currency") or "").strip().upper() or partner.currency
        if len(currency) != 3 or not currency.isalpha():
            bad(r.number, "currency", t("error.currency_invalid"))
            continue
        rate = Decimal(v["rate"]) if v.get("rate") not in (None, "") else None
        if rate is not None and rate <= 0:
            bad(r.number, "rate", t("error.rate_invalid"))
            continue
        lines.append(
            ImportedBalanceLine(
                amount=amount,
                partner_id=partner.id,
                partner_name=partner.name,
                side=side,
                currency=currency,
                rate=rate,
                due_date=v.get("due_date"),
            )
        )
    return ImportBalancesResult(lines=lines, errors=errors)
