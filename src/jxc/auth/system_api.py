"""/api/v1 users, roles, companies, permissions and audit-logs (系统设置)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from jxc.auth import audit_log, companies, roles, users
from jxc.auth.audit_log import AuditFacets, AuditRead
from jxc.auth.deps import check, require
from jxc.auth.permissions import tree
from jxc.auth.principal import Principal
from jxc.auth.schemas import (
    CompanyCreate,
    CompanyRead,
    CompanyUpdate,
    PermissionModule,
    ResetPassword,
    RoleCreate,
    RoleRead,
    RoleUpdate,
    UserCreate,
    UserRead,
    UserUpdate,
)
from jxc.common.export import Column, choose_columns, export_response
from jxc.common.i18n import t
from jxc.common.pagination import ListParams, Page
from jxc.common.route import TransactionalRoute, get_session

router = APIRouter(prefix="/api/v1", tags=["system"], route_class=TransactionalRoute)
ExportFormat = Literal["xlsx", "csv"]
EXPORT_LIMIT = 100_000

USER_COLUMNS = [
    Column("username", "field.username"),
    Column("display_name", "field.display_name"),
    Column("phone", "field.phone"),
    Column("email", "field.email"),
    Column("roles", "field.roles", get=lambda u: "、".join(r.name for r in u.roles)),
    Column(
        "warehouse_scope",
        "field.warehouse_scope",
        get=lambda u: t("common.all_warehouses") if u.all_warehouses else "、".join(u.warehouse_names),
    ),
    Column("is_active", "field.is_active", "bool"),
    Column("last_login_at", "field.last_login_at", "datetime"),
    Column("created_at", "field.created_at", "datetime"),
]

AUDIT_COLUMNS = [
    Column("created_at", "field.time", "datetime"),
    Column("username", "field.username"),
    Column("action", "field.action", get=lambda a: t(f"audit.action.{a.action}")),
    Column("object_type", "field.object_type", get=lambda a: t(f"audit.object.{a.object_type}")),
    Column("object_id", "field.object_id"),
    Column("object_label", "field.object_label"),
    Column("ip", "field.ip"),
    Column("request_id", "field.request_id"),
]


@router.get("/permissions", response_model=list[PermissionModule])
def permission_tree(_: Principal = Depends(require("system.role.view"))) -> list[PermissionModule]:
    return [PermissionModule.model_validate(m) for m in tree()]


# ---- users ---------------------------------------------------------------------------------------------


@router.get("/users", response_model=Page[UserRead])
def list_users(
    request: Request,
    params: ListParams = Depends(),
    is_active: bool | None = None,
    role_id: int | None = None,
    format: ExportFormat | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("system.user.view")),
    session: Session = Depends(get_session),
) -> Page[UserRead] | Response:
    if format:
        check(request, principal, "system.user.export")
        chosen = choose_columns(USER_COLUMNS, columns)
        rows, _ = users.list_users(session, params, is_active, role_id, limit=EXPORT_LIMIT)
        return export_response(format, t("export.users"), chosen, rows)
    items, total = users.list_users(session, params, is_active, role_id)
    return Page[UserRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.post("/users", response_model=UserRead, status_code=201)
def create_user(
    body: UserCreate,
    _: Principal = Depends(require("system.user.create")),
    session: Session = Depends(get_session),
) -> UserRead:
    return users.create_user(session, body)


@router.get("/users/{user_id}", response_model=UserRead)
def get_user(
    user_id: int, _: Principal = Depends(require("system.user.view")), session: Session = Depends(get_session)
) -> UserRead:
    return users.get_user(session, user_id)


@router.patch("/users/{user_id}", response_model=UserRead)
def update_user(
    user_id: int,
    body: UserUpdate,
    _: Principal = Depends(require("system.user.edit")),
    session: Session = Depends(get_session),
) -> UserRead:
    return users.update_user(session, user_id, body)


@router.post("/users/{user_id}/disable", response_model=UserRead)
def disable_user(
    user_id: int,
    principal: Principal = Depends(require("system.user.disable")),
    session: Session = Depends(get_session),
) -> UserRead:
    return users.set_active(session, principal, user_id, False)


@router.post("/users/{user_id}/enable", response_model=UserRead)
def enable_user(
    user_id: int,
    principal: Principal = Depends(require("system.user.disable")),
    session: Session = Depends(get_session),
) -> UserRead:
    return users.set_active(session, principal, user_id, True)


@router.post("/users/{user_id}/reset-password", status_code=204)
def reset_password(
    user_id: int,
    body: ResetPassword,
    _: Principal = Depends(require("system.user.reset_password")),
    session: Session = Depends(get_session),
) -> Response:
    users.reset_password(session, user_id, body)
    return Response(status_code=204)


# ---- roles ---------------------------------------------------------------------------------------------


@router.get("/roles", response_model=Page[RoleRead])
def list_roles(
    params: ListParams = Depends(),
    _: Principal = Depends(require("system.role.view")),
    session: Session = Depends(get_session),
) -> Page[RoleRead]:
    items, total = roles.list_roles(session, params)
    return Page[RoleRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.post("/roles", response_model=RoleRead, status_code=201)
def create_role(
    body: RoleCreate,
    _: Principal = Depends(require("system.role.create")),
    session: Session = Depends(get_session),
) -> RoleRead:
    return roles.create_role(session, body)


@router.get("/roles/{role_id}", response_model=RoleRead)
def get_role(
    role_id: int, _: Principal = Depends(require("system.role.view")), session: Session = Depends(get_session)
) -> RoleRead:
    return roles.get_role(session, role_id)


@router.patch("/roles/{role_id}", response_model=RoleRead)
def update_role(
    role_id: int,
    body: RoleUpdate,
    _: Principal = Depends(require("system.role.edit")),
    session: Session = Depends(get_session),
) -> RoleRead:
    return roles.update_role(session, role_id, body)


@router.delete("/roles/{role_id}", status_code=204)
def delete_role(
    role_id: int,
    _: Principal = Depends(require("system.role.delete")),
    session: Session = Depends(get_session),
) -> Response:
    roles.delete_role(session, role_id)
    return Response(status_code=204)


# ---- companies (账套) -----------------------------------------------------------------------------------


@router.get("/companies", response_model=Page[CompanyRead])
def list_companies(
    principal: Principal = Depends(require("system.company.view")), session: Session = Depends(get_session)
) -> Page[CompanyRead]:
    items = companies.list_companies(session, principal)
    return Page[CompanyRead](items=items, total=len(items), page=1, page_size=max(len(items), 1))


@router.get("/companies/current", response_model=CompanyRead)
def current_company(
    _: Principal = Depends(require("system.company.view")), session: Session = Depends(get_session)
) -> CompanyRead:
    return companies.current_company(session)


@router.patch("/companies/current", response_model=CompanyRead)
def update_company(
    body: CompanyUpdate,
    _: Principal = Depends(require("system.company.edit")),
    session: Session = Depends(get_session),
) -> CompanyRead:
    return companies.update_current(session, body)


@router.post("/companies", response_model=CompanyRead, status_code=201)
def create_company(
    body: CompanyCreate,
    principal: Principal = Depends(require("system.company.create")),
    session: Session = Depends(get_session),
) -> CompanyRead:
    return companies.create_company(session, body, principal.user_id)


# ---- audit trail (操作日志) -----------------------------------------------------------------------------


@router.get("/audit-logs", response_model=Page[AuditRead])
def list_audit(
    request: Request,
    params: ListParams = Depends(),
    user_id: int | None = None,
    action: str | None = Query(default=None, max_length=40),
    object_type: str | None = Query(default=None, max_length=40),
    object_id: str | None = Query(default=None, max_length=64),
    date_from: date | None = None,
    date_to: date | None = None,
    format: ExportFormat | None = None,
    columns: str | None = Query(default=None, max_length=500),
    principal: Principal = Depends(require("system.audit.view")),
    session: Session = Depends(get_session),
) -> Page[AuditRead] | Response:
    filters = {
        "user_id": user_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "date_from": date_from,
        "date_to": date_to,
    }
    if format:
        check(request, principal, "system.audit.export")
        rows, _ = audit_log.list_entries(session, params, limit=EXPORT_LIMIT, **filters)  # type: ignore[arg-type]
        return export_response(format, t("export.audit"), choose_columns(AUDIT_COLUMNS, columns), rows)
    items, total = audit_log.list_entries(session, params, **filters)  # type: ignore[arg-type]
    return Page[AuditRead](items=items, total=total, page=params.page, page_size=params.page_size)


@router.get("/audit-logs/facets", response_model=AuditFacets)
def audit_facets(
    _: Principal = Depends(require("system.audit.view")), session: Session = Depends(get_session)
) -> AuditFacets:
    return audit_log.facets(session)
