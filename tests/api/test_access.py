"""Deny by default: every route declares its access; 403 before a grant, success after (reliability S4)."""

from __future__ import annotations

from fastapi.routing import APIRoute
from sqlalchemy import select

from jxc.app import create_app
from jxc.auth.deps import ACCESS_MARK
from jxc.auth.permissions import known
from jxc.common.models import AuditLog
from jxc.db.engine import Database
from jxc.settings import Settings
from tests.helpers import Api, make_user, problem


def _access_marks(dependant) -> list[str]:  # type: ignore[no-untyped-def]
    marks = []
    for dep in dependant.dependencies:
        mark = getattr(dep.call, ACCESS_MARK, None)
        if mark is not None:
            marks.append(mark)
        marks.extend(_access_marks(dep))
    return marks


def _api_routes(routes) -> list[APIRoute]:  # type: ignore[no-untyped-def]
    """Every APIRoute, also those inside included routers (FastAPI keeps them under `original_router`)."""
    out: list[APIRoute] = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            out.extend(_api_routes(inner.routes))
        elif isinstance(route, APIRoute):
            out.append(route)
    return out


def test_every_api_route_declares_its_access():
    app = create_app(Settings(), Database("sqlite://"))
    checked = 0
    for route in _api_routes(app.routes):
        if not route.path.startswith("/api/") or not route.include_in_schema:
            continue
        marks = _access_marks(route.dependant)
        assert len(marks) == 1, f"{sorted(route.methods)} {route.path} declares {marks or 'no access'}"
        assert marks[0] in ("public", "signed_in") or all(known(c) for c in marks[0].split(" | "))
        checked += 1
    assert checked >= 20
    public = {r.path for r in _api_routes(app.routes) if "public" in _access_marks(r.dependant)}
    assert public == {"/api/v1/health", "/api/v1/auth/login", "/api/v1/public/statements/{token}"}


def test_403_before_the_grant_and_success_after(api, client):
    make_user(api.db, "viewer", ["system.user.view"])
    viewer = Api(client, api.db)
    viewer.login("viewer")
    me = viewer.get("/auth/me").json()
    assert me["permissions"] == ["system.user.view"]
    assert me["is_admin"] is False
    assert viewer.get("/users").status_code == 200
    body = {"username": "newbie", "display_name": "新人", "password": "newbie-pass-1"}
    r = problem(viewer.post("/users", body), 403, "permission_denied")
    assert "system.user.create" in r["detail"]
    problem(viewer.get("/roles"), 403, "permission_denied")
    problem(viewer.get("/audit-logs"), 403, "permission_denied")
    # Grant it to the role, and the same call succeeds.
    api.login("admin", "admin-pass-123")
    role = next(x for x in api.get("/roles").json()["items"] if x["name"] == "role-viewer")
    r = api.patch(
        f"/roles/{role['id']}",
        {"permissions": ["system.user.view", "system.user.create"], "version": role["version"]},
    )
    assert r.status_code == 200, r.text
    viewer.login("viewer")
    assert viewer.post("/users", body).status_code == 201


def test_refused_access_is_audited(api, client):
    make_user(api.db, "viewer", ["system.user.view"])
    viewer = Api(client, api.db)
    viewer.login("viewer")
    viewer.post("/roles", {"name": "x"})
    with api.db.transaction(writer=False, all_companies=True) as s:
        row = s.execute(select(AuditLog).where(AuditLog.action == "permission_denied")).scalar_one()
    assert row.username == "viewer"
    assert row.object_id == "system.role.create"


def test_export_needs_its_own_permission(api, client):
    make_user(api.db, "viewer", ["system.user.view"])
    viewer = Api(client, api.db)
    viewer.login("viewer")
    problem(viewer.get("/users", params={"format": "xlsx"}), 403, "permission_denied")


def test_permission_tree_lists_every_code_with_labels(api):
    tree = api.get("/permissions").json()
    codes = [p["code"] for m in tree for p in m["permissions"]]
    assert "system.user.view" in codes
    assert "cost.view" in codes
    system = next(m for m in tree if m["module"] == "system")
    assert system["label"] == "系统设置"
    assert all(p["label"] and p["label"] != p["code"] for m in tree for p in m["permissions"])
    en = api.get("/permissions", headers={"Accept-Language": "en"}).json()
    assert next(m for m in en if m["module"] == "system")["label"] == "System"
