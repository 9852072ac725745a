"""结算账户 import and export."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.common.excel import ApplyResult, Field, ImportSpec, register
from jxc.common.excel.reader import Row
from jxc.common.excel.upsert import pick, upsert_by_code
from jxc.common.export import Column
from jxc.common.i18n import t
from jxc.finance.models import Account

KINDS = tuple((k, f"account.kind.{k}") for k in ("cash", "bank", "wechat", "alipay", "other"))
SPEC = ImportSpec(
    "accounts",
    "export.accounts",
    [
        Field("code", "field.code", required=True, kind="code", max_length=32, example="XJ01"),
        Field("name", "field.name", required=True, max_length=64, example="现金"),
        Field("kind", "field.account_kind", kind="choice", choices=KINDS, example="现金"),
        Field("bank_name", "field.bank_name", max_length=64),
        Field("account_no", "field.account_no", kind="code", max_length=64),
        Field("remark", "field.remark", max_length=200),
        Field("is_active", "field.is_active", kind="bool"),
    ],
)


def _kind(account: Account) -> str:
    return t(f"account.kind.{account.kind}")


COLUMNS = [
    Column(f.key, f.label_key, "bool" if f.kind == "bool" else "text", get=_kind if f.key == "kind" else None)
    for f in SPEC.fields
]


def _fields(row: Row) -> dict[str, Any]:
    return pick(
        row,
        {
            "code": "",
            "name": "",
            "kind": "cash",
            "bank_name": "",
            "account_no": "",
            "remark": "",
            "is_active": True,
        },
    )


def apply(session: Session, rows: list[Row], write: bool) -> ApplyResult:
    return upsert_by_code(session, Account, SPEC, rows, write, _fields)


register(
    "accounts",
    SPEC,
    apply,
    lambda s: list(s.execute(select(Account).order_by(Account.code)).scalars()),
    COLUMNS,
)
