"""Settlement accounts: list, create, edit, delete when unused."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jxc.common import refs
from jxc.common.errors import Conflict, NotFound
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.common.schemas import InputModel, ReadModel
from jxc.common.unique import ensure_free
from jxc.finance.models import Account

Kind = Literal["cash", "bank", "wechat", "alipay", "other"]


class AccountRead(ReadModel):
    id: int
    code: str
    name: str
    kind: Kind
    bank_name: str
    account_no: str
    remark: str
    is_active: bool
    version: int


class AccountCreate(InputModel):
    code: str = Field(min_length=1, max_length=32)
    name: str = Field(min_length=1, max_length=64)
    kind: Kind = "cash"
    bank_name: str = Field(default="", max_length=64)
    account_no: str = Field(default="", max_length=64)
    remark: str = Field(default="", max_length=200)
    is_active: bool = True


class AccountUpdate(InputModel):
    code: str | None = Field(default=None, min_length=1, max_length=32)
    name: str | None = Field(default=None, min_length=1, max_length=64)
    kind: Kind | None = None
    bank_name: str | None = Field(default=None, max_length=64)
    account_no: str | None = Field(default=None, max_length=64)
    remark: str | None = Field(default=None, max_length=200)
    is_active: bool | None = None
    version: int


SORTS = {"code": Account.code, "name": Account.name}


def list_accounts(
    session: Session,
    params: ListParams,
    kind: Kind | None = None,
    is_active: bool | None = None,
    limit: int | None = None,
) -> tuple[list[AccountRead], int]:
    stmt = select(Account)
    if params.q:
        pattern = like_pattern(params.q)
        stmt = stmt.where(
            or_(
                Account.code.ilike(pattern, escape="\\"),
                Account.name.ilike(pattern, escape="\\"),
                Account.account_no.ilike(pattern, escape="\\"),
            )
        )
    if kind:
        stmt = stmt.where(Account.kind == kind)
    if is_active is not None:
        stmt = stmt.where(Account.is_active.is_(is_active))
    rows, total = paginate(session, stmt, params, params.order_by(SORTS, [Account.code]), limit)
    return [AccountRead.model_validate(a) for a in rows], total


def _load(session: Session, account_id: int) -> Account:
    row = session.execute(select(Account).where(Account.id == account_id)).scalar_one_or_none()
    if row is None:
        raise NotFound("account_not_found")
    return row


def create_account(session: Session, body: AccountCreate) -> AccountRead:
    ensure_free(session, Account.code, body.code)
    row = Account(**body.model_dump())
    session.add(row)
    session.flush()
    return AccountRead.model_validate(row)


def update_account(session: Session, account_id: int, body: AccountUpdate) -> AccountRead:
    row = _load(session, account_id)
    if body.version != row.version:
        raise Conflict("version_conflict")
    if body.code is not None and body.code != row.code:
        ensure_free(session, Account.code, body.code, except_id=row.id)
    for name, value in body.model_dump(exclude={"version"}, exclude_none=True).items():
        setattr(row, name, value)
    session.flush()
    return AccountRead.model_validate(row)


def delete_account(session: Session, account_id: int) -> None:
    row = _load(session, account_id)
    used = refs.usage(session, "account", row.id)
    if used:
        raise Conflict("account_in_use", what="、".join(used))
    session.delete(row)
    session.flush()
