"""系统设置 › 用户: create, edit, disable, reset password, roles, warehouse scope, export."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from python_calamine import CalamineWorkbook

from tests.helpers import ADMIN_PASSWORD, Api, make_user, problem

NEW = {"username": "zhangsan", "display_name": "张三", "password": "zhang-pass-1", "phone": "13800000000"}


def _role(api: Api, name: str, perms: list[str]) -> int:
    r = api.post("/roles", {"name": name, "permissions": perms})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _warehouse(api: Api, code: str, name: str) -> int:
    r = api.post("/warehouses", {"code": code, "name": name})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_create_user_with_roles_and_warehouse_scope(api):
    rid = _role(api, "销售员", ["system.user.view"])
    wid = _warehouse(api, "ST01", "人民路门店")
    r = api.post("/users", {**NEW, "role_ids": [rid], "all_warehouses": False, "warehouse_ids": [wid]})
    assert r.status_code == 201, r.text
    user = r.json()
    assert user["roles"] == [{"id": rid, "name": "销售员"}]
    assert user["all_warehouses"] is False
    assert user["warehouse_ids"] == [wid]
    assert user["warehouse_names"] == ["人民路门店"]
    sheet = (
        CalamineWorkbook.from_filelike(
            io.BytesIO(
                api.get("/users", params={"format": "xlsx", "columns": "username,warehouse_scope"}).content
            )
        )
        .get_sheet_by_index(0)
        .to_python()
    )
    assert ["zhangsan", "人民路门店"] in sheet
    assert "password" not in user
    assert "password_hash" not in user
    listed = api.get("/users", params={"q": "张"}).json()
    assert listed["total"] == 1
    assert listed["items"][0]["username"] == "zhangsan"
    assert api.login("zhangsan", "zhang-pass-1").status_code == 200


def test_duplicate_username_is_refused(api):
    assert api.post("/users", NEW).status_code == 201
    body = problem(api.post("/users", {**NEW, "username": "ZhangSan"}), 409, "username_taken")
    assert body["errors"][0]["field"] == "body.username"


def test_weak_passwords_are_refused(api):
    problem(api.post("/users", {**NEW, "password": "short"}), 422, "validation_failed")
    problem(api.post("/users", {**NEW, "password": "password"}), 422, "password_too_common")


def test_scope_needs_at_least_one_existing_warehouse(api):
    problem(
        api.post("/users", {**NEW, "all_warehouses": False, "warehouse_ids": []}),
        422,
        "warehouse_scope_empty",
    )
    problem(
        api.post("/users", {**NEW, "all_warehouses": False, "warehouse_ids": [999]}),
        422,
        "warehouse_not_found",
    )
    problem(api.post("/users", {**NEW, "role_ids": [999]}), 422, "role_not_found")


def test_edit_with_optimistic_locking(api):
    user = api.post("/users", NEW).json()
    r = api.patch(f"/users/{user['id']}", {"display_name": "张三丰", "version": user["version"]})
    assert r.status_code == 200
    assert r.json()["display_name"] == "张三丰"
    assert r.json()["version"] == user["version"] + 1
    problem(
        api.patch(f"/users/{user['id']}", {"display_name": "旧版本", "version": user["version"]}),
        409,
        "version_conflict",
    )


def test_changing_roles_bumps_the_version(api):
    user = api.post("/users", NEW).json()
    rid = _role(api, "仓管员", [])
    r = api.patch(f"/users/{user['id']}", {"role_ids": [rid], "version": user["version"]})
    assert r.json()["roles"][0]["name"] == "仓管员"
    assert r.json()["version"] > user["version"]


def test_disable_enable_and_reset_password(api, client):
    user = api.post("/users", NEW).json()
    r = api.post(f"/users/{user['id']}/disable")
    assert r.json()["is_active"] is False
    assert api.get("/users", params={"is_active": "false"}).json()["total"] == 1
    assert api.post(f"/users/{user['id']}/enable").json()["is_active"] is True
    assert api.post(f"/users/{user['id']}/reset-password", {"new_password": "brand-new-9"}).status_code == 204
    other = Api(client, api.db)
    problem(other.login("zhangsan", "zhang-pass-1"), 401, "invalid_credentials")
    assert other.login("zhangsan", "brand-new-9").status_code == 200


def test_cannot_disable_yourself_or_the_last_admin(api):
    me = api.get("/auth/me").json()
    problem(api.post(f"/users/{me['id']}/disable"), 409, "cannot_disable_self")
    second = make_user(api.db, "boss", admin=True)
    api.login("boss")
    assert api.post(f"/users/{me['id']}/disable").status_code == 200
    # boss is now the only active admin: someone with the right to disable still may not remove them.
    make_user(api.db, "hr", ["system.user.disable", "system.user.view"])
    api.login("hr")
    problem(api.post(f"/users/{second}/disable"), 409, "last_admin")


def test_unknown_user_is_404(api):
    problem(api.get("/users/99999"), 404, "user_not_found")


def test_export_xlsx_with_chosen_columns(api):
    api.post("/users", NEW)
    r = api.get(
        "/users", params={"format": "xlsx", "columns": "username,display_name,is_active", "q": "zhang"}
    )
    assert r.status_code == 200
    assert "spreadsheetml" in r.headers["content-type"]
    assert "attachment" in r.headers["content-disposition"]
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(r.content)).get_sheet_by_index(0).to_python()
    assert sheet[0] == ["用户名", "姓名", "启用"]
    assert sheet[1] == ["zhangsan", "张三", "是"]
    assert len(sheet) == 2


def test_export_times_are_in_the_business_time_zone(api):
    user = api.post("/users", NEW).json()
    created = datetime.fromisoformat(user["created_at"].replace("Z", "+00:00"))
    r = api.get("/users", params={"format": "csv", "columns": "username,created_at", "q": "zhangsan"})
    row = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))[1]
    shown = datetime.strptime(row[1], "%Y-%m-%d %H:%M:%S")
    assert shown == created.astimezone(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None, microsecond=0)


def test_export_csv_has_bom_for_excel(api):
    api.post("/users", NEW)
    r = api.get("/users", params={"format": "csv", "columns": "username,phone"})
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == ["用户名", "手机"]
    assert ["zhangsan", "13800000000"] in rows
    problem(api.get("/users", params={"format": "csv", "columns": "password_hash"}), 422, "invalid_query")


def test_list_sorting_and_paging(api):
    for i in range(3):
        api.post("/users", {**NEW, "username": f"u{i}", "display_name": f"用户{i}"})
    page = api.get("/users", params={"sort": "-username", "page_size": 2, "page": 1}).json()
    assert [u["username"] for u in page["items"]] == ["u2", "u1"]
    assert page["total"] == 4
    problem(api.get("/users", params={"sort": "password_hash"}), 422, "invalid_query")


def test_admin_password_fixture_is_the_seeded_one():
    assert ADMIN_PASSWORD == "admin-pass-123"
