"""API shapes of the money documents (docs/contracts/money-api.md)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field

from jxc.common.schemas import CURRENCY_PATTERN, InputModel, Money, ReadModel
from jxc.common.schemas import Price as Rate

MoneyKind = Literal["receipt", "payment", "allocation", "transfer", "income", "expense", "opening"]
Side = Literal["ar", "ap"]
Status = Literal["draft", "approved", "reversed", "void"]


class MoneyDocLineWrite(InputModel):
    amount: Money
    remark: str = Field(default="", max_length=200)
    entry_id: int | None = None
    credit_entry_id: int | None = None
    category_id: int | None = None
    partner_id: int | None = None
    side: Side | None = None
    account_id: int | None = None
    currency: str | None = Field(default=None, pattern=CURRENCY_PATTERN)
    rate: Rate | None = None
    due_date: date | None = None


class MoneyDocWrite(InputModel):
    business_date: date
    remark: str = Field(default="", max_length=500)
    partner_id: int | None = None
    side: Side | None = None
    account_id: int | None = None
    to_account_id: int | None = None
    currency: str | None = Field(default=None, pattern=CURRENCY_PATTERN)
    rate: Rate | None = None
    amount: Money | None = None
    discount: Money = Field(default=Decimal(0), ge=0)
    auto_allocate: bool = True
    lines: list[MoneyDocLineWrite] = Field(default_factory=list, max_length=2000)


class MoneyDocUpdate(MoneyDocWrite):
    version: int


class OpenItem(ReadModel):
    id: int
    partner_id: int
    side: str
    doc_kind: str
    doc_number: str
    business_date: date
    due_date: date | None
    currency: str
    amount: Money
    open_amount: Money
    base_amount: Money


class MoneyDocLineRead(ReadModel):
    id: int
    line_no: int
    amount: Money
    base_amount: Money
    remark: str
    entry_id: int | None
    credit_entry_id: int | None
    entry: OpenItem | None
    credit_entry: OpenItem | None
    category_id: int | None
    category_name: str | None
    partner_id: int | None
    partner_name: str | None
    side: str
    account_id: int | None
    account_name: str | None
    currency: str
    rate: Rate
    due_date: date | None


class MoneyDocSummary(ReadModel):
    id: int
    number: str
    kind: MoneyKind
    business_date: date
    status: Status
    remark: str
    version: int
    partner_id: int | None
    partner_name: str | None
    side: str
    account_id: int | None
    account_name: str | None
    to_account_id: int | None
    to_account_name: str | None
    currency: str
    rate: Rate
    amount: Money
    discount: Money
    base_amount: Money
    allocated_amount: Money
    unallocated_amount: Money
    auto_allocate: bool
    line_count: int = 0
    created_by_name: str | None
    created_at: datetime
    approved_by_name: str | None
    approved_at: datetime | None
    reversed_by_name: str | None
    reversed_at: datetime | None


class MoneyDocRead(MoneyDocSummary):
    lines: list[MoneyDocLineRead]


class ImportedBalanceLine(MoneyDocLineWrite):
    partner_name: str | None = None
    account_name: str | None = None


class ImportBalancesError(ReadModel):
    row: int
    column: str
    message: str


class ImportBalancesResult(ReadModel):
    lines: list[ImportedBalanceLine]
    errors: list[ImportBalancesError]
