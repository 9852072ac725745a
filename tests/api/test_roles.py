"""系统设置 › 角色: permission sets, the read-only system role, roles in use."""

from __future__ import annotations

from tests.helpers import make_user, problem


def test_role_crud(api):
    r = api.post(
        "/roles",
        {"name": "采购员", "description": "负责采购", "permissions": ["system.user.view", "cost.view"]},
    )
    assert r.status_code == 201
    role = r.json()
    assert role["permissions"] == ["cost.view", "system.user.view"]
    assert role["user_count"] == 0
    r = api.patch(f"/roles/{role['id']}", {"permissions": ["cost.view"], "version": role["version"]})
    assert r.json()["permissions"] == ["cost.view"]
    assert api.get(f"/roles/{role['id']}").json()["description"] == "负责采购"
    assert api.delete(f"/roles/{role['id']}").status_code == 204
    problem(api.get(f"/roles/{role['id']}"), 404, "role_not_found")


def test_unknown_permission_codes_are_refused(api):
    body = problem(
        api.post("/roles", {"name": "x", "permissions": ["system.user.view", "rm.rf"]}),
        422,
        "permission_unknown",
    )
    assert "rm.rf" in body["errors"][0]["message"]


def test_role_names_are_unique_per_company(api):
    api.post("/roles", {"name": "财务"})
    problem(api.post("/roles", {"name": "财务"}), 409, "role_name_taken")


def test_system_role_is_read_only_and_has_everything(api):
    admin = next(r for r in api.get("/roles").json()["items"] if r["is_system"])
    assert admin["name"] == "管理员"
    assert "system.audit.view" in admin["permissions"]
    assert "cost.view" in admin["permissions"]
    problem(
        api.patch(f"/roles/{admin['id']}", {"name": "x", "version": admin["version"]}),
        409,
        "system_role_readonly",
    )
    problem(api.delete(f"/roles/{admin['id']}"), 409, "system_role_readonly")


def test_a_role_in_use_cannot_be_deleted(api):
    make_user(api.db, "clerk", ["system.user.view"])
    role = next(r for r in api.get("/roles").json()["items"] if r["name"] == "role-clerk")
    assert role["user_count"] == 1
    problem(api.delete(f"/roles/{role['id']}"), 409, "role_in_use")


def test_stale_role_edit_is_a_conflict(api):
    role = api.post("/roles", {"name": "仓管"}).json()
    api.patch(f"/roles/{role['id']}", {"description": "a", "version": role["version"]})
    problem(
        api.patch(f"/roles/{role['id']}", {"description": "b", "version": role["version"]}),
        409,
        "version_conflict",
    )
