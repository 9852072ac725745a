"""API shapes of sign-in, users, roles, companies and permissions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field, field_validator

from jxc.common.schemas import InputModel, ReadModel
from jxc.common.schemas import Money as MoneyStr

CreditControl = Literal["off", "warn", "refuse"]
Username = Field(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")
Password = Field(min_length=1, max_length=128)
NewPassword = Field(min_length=8, max_length=128)


class LoginRequest(InputModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Password


class CompanyRef(ReadModel):
    id: int
    name: str


class Me(ReadModel):
    id: int
    username: str
    display_name: str
    company: CompanyRef
    companies: list[CompanyRef]
    permissions: list[str]
    is_admin: bool
    all_warehouses: bool
    warehouse_ids: list[int]
    csrf_token: str | None = None


class LoginResult(ReadModel):
    csrf_token: str
    user: Me


class SwitchCompany(InputModel):
    company_id: int


class ChangePassword(InputModel):
    old_password: str = Password
    new_password: str = NewPassword


class TokenCreate(InputModel):
    name: str = Field(min_length=1, max_length=64)
    expires_days: int | None = Field(default=None, ge=1, le=3650)


class TokenRead(ReadModel):
    id: int
    name: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None


class TokenCreated(TokenRead):
    token: str


class RoleRef(ReadModel):
    id: int
    name: str


class UserRead(ReadModel):
    id: int
    username: str
    display_name: str
    phone: str | None
    email: str | None
    is_active: bool
    roles: list[RoleRef]
    all_warehouses: bool
    warehouse_ids: list[int]
    warehouse_names: list[str]
    last_login_at: datetime | None
    created_at: datetime
    version: int


class UserCreate(InputModel):
    username: str = Username
    display_name: str = Field(min_length=1, max_length=64)
    password: str = NewPassword
    phone: str | None = Field(default=None, max_length=32)
    email: str | None = Field(default=None, max_length=120)
    role_ids: list[int] = Field(default_factory=list, max_length=50)
    all_warehouses: bool = True
    warehouse_ids: list[int] = Field(default_factory=list, max_length=500)

    @field_validator("email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if v and ("@" not in v or v.startswith("@") or v.endswith("@")):
            raise ValueError("email_invalid")
        return v or None


class UserUpdate(InputModel):
    display_name: str | None = Field(default=None, min_length=1, max_length=64)
    phone: str | None = Field(default=None, max_length=32)
    email: str | None = Field(default=None, max_length=120)
    role_ids: list[int] | None = Field(default=None, max_length=50)
    all_warehouses: bool | None = None
    warehouse_ids: list[int] | None = Field(default=None, max_length=500)
    version: int

    _email = field_validator("email")(UserCreate._email.__func__)  # type: ignore[attr-defined]


class ResetPassword(InputModel):
    new_password: str = NewPassword


class RoleRead(ReadModel):
    id: int
    name: str
    description: str
    is_system: bool
    permissions: list[str]
    user_count: int
    version: int


class RoleCreate(InputModel):
    name: str = Field(min_length=1, max_length=64)
    description: str = Field(default="", max_length=200)
    permissions: list[str] = Field(default_factory=list, max_length=500)


class RoleUpdate(InputModel):
    name: str | None = Field(default=None, min_length=1, max_length=64)
    description: str | None = Field(default=None, max_length=200)
    permissions: list[str] | None = Field(default=None, max_length=500)
    version: int


class PermissionItem(ReadModel):
    code: str
    label: str


class PermissionModule(ReadModel):
    module: str
    label: str
    permissions: list[PermissionItem]


class CompanyRead(ReadModel):
    id: int
    name: str
    base_currency: str
    start_date: date
    allow_negative_stock: bool
    allow_negative_cash: bool
    over_receipt_tolerance: MoneyStr
    credit_control: CreditControl
    closed_until: date | None
    qty_precision: int
    price_precision: int
    amount_precision: int
    created_at: datetime
    version: int


class CompanyCreate(InputModel):
    name: str = Field(min_length=1, max_length=100)
    start_date: date
    allow_negative_stock: bool = False
    allow_negative_cash: bool = False
    credit_control: CreditControl = "warn"
    qty_precision: int = Field(default=2, ge=0, le=4)
    price_precision: int = Field(default=2, ge=0, le=6)


class CompanyUpdate(InputModel):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    start_date: date | None = None
    allow_negative_stock: bool | None = None
    allow_negative_cash: bool | None = None
    over_receipt_tolerance: MoneyStr | None = Field(default=None, ge=0, le=100)
    # 信用控制 of sales: off | warn (approve, keep the warning) | refuse (needs sales.credit.override)
    credit_control: CreditControl | None = None
    # 关账日期: postings dated on or before it are refused; sent as null to reopen every period.
    closed_until: date | None = None
    qty_precision: int | None = Field(default=None, ge=0, le=4)
    price_precision: int | None = Field(default=None, ge=0, le=6)
    version: int
