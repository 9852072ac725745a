"""Test helpers: a signed-in API client and builders for users with given permissions."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from jxc.auth import passwords
from jxc.auth.models import (
    Company,
    Membership,
    MembershipRole,
    MembershipWarehouse,
    Role,
    RolePermission,
    User,
)
from jxc.db.engine import Database

ADMIN_PASSWORD = "admin-pass-123"
USER_PASSWORD = "user-pass-123"


class Api:
    def __init__(self, client: TestClient, db: Database) -> None:
        self.client = client
        self.db = db
        self.csrf: str | None = None

    def login(self, username: str, password: str = USER_PASSWORD) -> Response:
        self.client.cookies.clear()
        r = self.client.post("/api/v1/auth/login", json={"username": username, "password": password})
        if r.status_code == 200:
            self.csrf = r.json()["csrf_token"]
        return r

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        h = {"x-csrf-token": self.csrf} if self.csrf else {}
        return {**h, **(extra or {})}

    def get(self, path: str, **kw: Any) -> Response:
        return self.client.get("/api/v1" + path, headers=self._headers(kw.pop("headers", None)), **kw)

    def post(self, path: str, json: Any = None, **kw: Any) -> Response:
        return self.client.post(
            "/api/v1" + path, json=json, headers=self._headers(kw.pop("headers", None)), **kw
        )

    def patch(self, path: str, json: Any = None, **kw: Any) -> Response:
        return self.client.patch(
            "/api/v1" + path, json=json, headers=self._headers(kw.pop("headers", None)), **kw
        )

    def put(self, path: str, json: Any = None, **kw: Any) -> Response:
        return self.client.put(
            "/api/v1" + path, json=json, headers=self._headers(kw.pop("headers", None)), **kw
        )

    def delete(self, path: str, **kw: Any) -> Response:
        return self.client.delete("/api/v1" + path, headers=self._headers(kw.pop("headers", None)), **kw)


def company_id(db: Database, name: str = "演示公司") -> int:
    with db.transaction(writer=False, all_companies=True) as s:
        return int(s.execute(select(Company.id).where(Company.name == name)).scalar_one())


def make_user(
    db: Database,
    username: str,
    permissions: list[str] | None = None,
    *,
    company: int | None = None,
    warehouses: list[int] | None = None,
    admin: bool = False,
    password: str = USER_PASSWORD,
) -> int:
    """A user in `company` (default: the first) holding a role with exactly `permissions`."""
    cid = company or company_id(db)
    with db.transaction(writer=True, company_id=cid) as s:
        user = User(
            username=username,
            display_name=username.title(),
            password_hash=passwords.hash_password(password),
            default_company_id=cid,
        )
        s.add(user)
        s.flush()
        member = Membership(user_id=user.id, all_warehouses=warehouses is None)
        s.add(member)
        s.flush()
        if admin:
            role = s.execute(select(Role).where(Role.is_system.is_(True))).scalar_one()
        else:
            role = Role(name=f"role-{username}", description="")
            s.add(role)
            s.flush()
            for code in permissions or []:
                s.add(RolePermission(role_id=role.id, code=code))
        s.add(MembershipRole(membership_id=member.id, role_id=role.id))
        for wid in warehouses or []:
            s.add(MembershipWarehouse(membership_id=member.id, warehouse_id=wid))
        return user.id


def problem(r: Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/problem+json"), r.headers["content-type"]
    body: dict[str, Any] = r.json()
    assert body["code"] == code, body
    assert body["detail"], body
    return body
