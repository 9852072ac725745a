"""API shapes of partners."""

from __future__ import annotations

from pydantic import Field

from jxc.common.schemas import CURRENCY_PATTERN, InputModel, Money, ReadModel


class Contact(InputModel):
    name: str = Field(min_length=1, max_length=64)
    phone: str = Field(default="", max_length=40)
    position: str = Field(default="", max_length=64)


class ContactOut(ReadModel):
    name: str
    phone: str
    position: str


class PartnerWrite(InputModel):
    code: str | None = Field(default=None, max_length=40)
    name: str = Field(min_length=1, max_length=120)
    is_customer: bool = True
    is_supplier: bool = False
    contacts: list[Contact] = Field(default_factory=list, max_length=20)
    phone: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=200)
    province: str = Field(default="", max_length=32)
    city: str = Field(default="", max_length=32)
    tax_no: str = Field(default="", max_length=32)
    bank_name: str = Field(default="", max_length=64)
    bank_account: str = Field(default="", max_length=64)
    price_level_id: int | None = None
    credit_limit: Money | None = Field(default=None, ge=0)
    payment_terms_days: int | None = Field(default=None, ge=0, le=3650)
    currency: str = Field(default="CNY", pattern=CURRENCY_PATTERN)
    salesperson_id: int | None = None
    remark: str = Field(default="", max_length=500)
    is_active: bool = True


class PartnerUpdate(InputModel):
    """Only the fields sent are changed."""

    code: str | None = Field(default=None, min_length=1, max_length=40)
    name: str | None = Field(default=None, min_length=1, max_length=120)
    is_customer: bool | None = None
    is_supplier: bool | None = None
    contacts: list[Contact] | None = Field(default=None, max_length=20)
    phone: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=200)
    province: str | None = Field(default=None, max_length=32)
    city: str | None = Field(default=None, max_length=32)
    tax_no: str | None = Field(default=None, max_length=32)
    bank_name: str | None = Field(default=None, max_length=64)
    bank_account: str | None = Field(default=None, max_length=64)
    price_level_id: int | None = None
    credit_limit: Money | None = Field(default=None, ge=0)
    payment_terms_days: int | None = Field(default=None, ge=0, le=3650)
    currency: str | None = Field(default=None, pattern=CURRENCY_PATTERN)
    salesperson_id: int | None = None
    remark: str | None = Field(default=None, max_length=500)
    is_active: bool | None = None
    version: int


class PartnerRead(ReadModel):
    id: int
    code: str
    name: str
    is_customer: bool
    is_supplier: bool
    contacts: list[ContactOut]
    phone: str
    address: str
    province: str
    city: str
    tax_no: str
    bank_name: str
    bank_account: str
    price_level_id: int | None
    credit_limit: Money | None
    payment_terms_days: int | None
    currency: str
    salesperson_id: int | None
    salesperson_name: str | None
    remark: str
    mnemonic: str
    is_active: bool
    version: int
