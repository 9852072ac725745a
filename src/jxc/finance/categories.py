"""收支类别: the income and expense categories other income/expense documents are booked under."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth.companies import register_seeder
from jxc.common.errors import Conflict, NotFound, field_error
from jxc.common.i18n import t
from jxc.common.schemas import InputModel, ReadModel
from jxc.finance.doc_models import MoneyCategory, MoneyDocLine
from jxc.finance.ledger_models import AccountEntry

CategoryKind = Literal["income", "expense"]

# What a new company starts with (migration 0006 gave the same to the companies that existed before it).
DEFAULTS: tuple[tuple[str, str], ...] = (
    ("expense", "运费"),
    ("expense", "房租"),
    ("expense", "工资"),
    ("expense", "水电费"),
    ("expense", "办公费"),
    ("expense", "其他支出"),
    ("income", "利息收入"),
    ("income", "其他收入"),
)


class CategoryInUse(Conflict):
    """The contract's code `category_in_use` is also the product categories' one, whose message speaks of
    products: the code stays, the message is money's own."""

    def __init__(self, what: str) -> None:
        super().__init__("category_in_use", what=what)

    def detail(self) -> str:
        return t("error.money_category_in_use", **self.params)


class MoneyCategoryRead(ReadModel):
    id: int
    kind: CategoryKind
    name: str
    is_active: bool
    version: int


class MoneyCategoryCreate(InputModel):
    kind: CategoryKind
    name: str = Field(min_length=1, max_length=40)


class MoneyCategoryUpdate(InputModel):
    name: str | None = Field(default=None, min_length=1, max_length=40)
    is_active: bool | None = None
    version: int


def list_categories(
    session: Session, kind: CategoryKind | None = None, is_active: bool | None = None
) -> list[MoneyCategoryRead]:
    stmt = select(MoneyCategory)
    if kind:
        stmt = stmt.where(MoneyCategory.kind == kind)
    if is_active is not None:
        stmt = stmt.where(MoneyCategory.is_active.is_(is_active))
    stmt = stmt.order_by(MoneyCategory.kind, MoneyCategory.id)
    return [MoneyCategoryRead.model_validate(c) for c in session.execute(stmt).scalars()]


def _load(session: Session, category_id: int) -> MoneyCategory:
    row = session.execute(select(MoneyCategory).where(MoneyCategory.id == category_id)).scalar_one_or_none()
    if row is None:
        raise NotFound("money_category_not_found")
    return row


def _name_free(session: Session, kind: str, name: str, except_id: int | None = None) -> None:
    stmt = select(MoneyCategory.id).where(MoneyCategory.kind == kind, MoneyCategory.name == name)
    if except_id is not None:
        stmt = stmt.where(MoneyCategory.id != except_id)
    if session.execute(stmt.limit(1)).first():
        raise Conflict(
            "money_category_name_taken", errors=[field_error("body.name", "name_taken")], name=name
        )


def create_category(session: Session, body: MoneyCategoryCreate) -> MoneyCategoryRead:
    _name_free(session, body.kind, body.name)
    row = MoneyCategory(kind=body.kind, name=body.name, is_active=True)
    session.add(row)
    session.flush()
    return MoneyCategoryRead.model_validate(row)


def update_category(session: Session, category_id: int, body: MoneyCategoryUpdate) -> MoneyCategoryRead:
    row = _load(session, category_id)
    if body.version != row.version:
        raise Conflict("version_conflict")
    if body.name is not None and body.name != row.name:
        _name_free(session, row.kind, body.name, except_id=row.id)
        row.name = body.name
    if body.is_active is not None:
        row.is_active = body.is_active
    session.flush()
    return MoneyCategoryRead.model_validate(row)


def usage(session: Session, category_id: int) -> list[str]:
    """What books money under the category: a document line (also a draft's) or a cash entry."""
    found = []
    line = session.execute(
        select(MoneyDocLine.id).where(MoneyDocLine.category_id == category_id).limit(1)
    ).first()
    if line:
        found.append(t("refs.money_doc_lines"))
    entry = session.execute(
        select(AccountEntry.id).where(AccountEntry.category_id == category_id).limit(1)
    ).first()
    if entry:
        found.append(t("refs.account_entries"))
    return found


def delete_category(session: Session, category_id: int) -> None:
    row = _load(session, category_id)
    used = usage(session, row.id)
    if used:
        raise CategoryInUse(what="、".join(used))
    session.delete(row)
    session.flush()


def seed_categories(session: Session) -> None:
    """The starting categories of the session's company; names it already has are left alone."""
    have = {(k, n) for k, n in session.execute(select(MoneyCategory.kind, MoneyCategory.name)).all()}
    session.add_all(
        MoneyCategory(kind=kind, name=name, is_active=True)
        for kind, name in DEFAULTS
        if (kind, name) not in have
    )
    session.flush()


register_seeder(seed_categories)
