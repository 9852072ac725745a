"""Foundation flows in the real browser: sign-in, the shell, roles and users, permissions in the menu
and the API, sign-out, company settings and the audit trail."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import APIRequestContext, Page, Playwright, expect

from tests.e2e.ui import ADMIN_PASSWORD, field, login

ROLE = "E2E用户查看"
VIEWER = "e2e_viewer"
VIEWER_NAME = "查看员"
VIEWER_PASSWORD = "Viewer-pass-2026"


def csrf_of(page: Page) -> str:
    res = page.request.get("/api/v1/auth/me")
    assert res.ok, res.text()
    return str(res.json()["csrf_token"])


@pytest.fixture(scope="session")
def admin_api(playwright: Playwright, server: str) -> Iterator[tuple[APIRequestContext, str]]:
    ctx = playwright.request.new_context(base_url=server, extra_http_headers={"Accept-Language": "zh-CN"})
    res = ctx.post("/api/v1/auth/login", data={"username": "admin", "password": ADMIN_PASSWORD})
    assert res.ok, res.text()
    yield ctx, str(res.json()["csrf_token"])
    ctx.dispose()


@pytest.fixture
def viewer(admin_api: tuple[APIRequestContext, str]) -> tuple[str, str]:
    """The user with only 用户查看 — created by test (b) through the UI, or here through the API."""
    api, csrf = admin_api
    found = api.get("/api/v1/users", params={"q": VIEWER}).json()["items"]
    if not any(u["username"] == VIEWER for u in found):
        roles = api.get("/api/v1/roles", params={"q": ROLE}).json()["items"]
        role = next((r for r in roles if r["name"] == ROLE), None)
        if role is None:
            res = api.post(
                "/api/v1/roles",
                headers={"X-CSRF-Token": csrf},
                data={"name": ROLE, "description": "", "permissions": ["system.user.view"]},
            )
            assert res.status == 201, res.text()
            role = res.json()
        res = api.post(
            "/api/v1/users",
            headers={"X-CSRF-Token": csrf},
            data={
                "username": VIEWER,
                "display_name": VIEWER_NAME,
                "password": VIEWER_PASSWORD,
                "role_ids": [role["id"]],
                "all_warehouses": True,
                "warehouse_ids": [],
            },
        )
        assert res.status == 201, res.text()
    return VIEWER, VIEWER_PASSWORD


def test_a_admin_signs_in_and_sees_the_shell(page: Page, screenshots: Path) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_test_id("login-page")).to_contain_text("JXC 进销存")
    page.screenshot(path=str(screenshots / "login.png"))

    # a wrong password shows the server's message
    field(page, "login-username").fill("admin")
    field(page, "login-password").fill("wrong-password")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("login-error")).to_be_visible()

    # Signing in on the page we were sent to from "/" (not a fresh /login) lands on the first allowed page.
    field(page, "login-password").fill(ADMIN_PASSWORD)
    field(page, "login-password").press("Enter")
    expect(page.get_by_test_id("app-shell")).to_be_visible()
    expect(page.get_by_test_id("brand")).to_have_text("JXC 进销存")
    menu = page.get_by_test_id("side-menu")
    expect(menu).to_contain_text("系统设置")
    for item in ("用户", "角色", "公司/账套", "操作日志"):
        expect(menu).to_contain_text(item)
    expect(page.get_by_test_id("current-user")).to_be_visible()
    expect(page.get_by_test_id("current-company")).not_to_be_empty()
    # the start page is the first allowed page (库存 comes before 基础资料 and 系统设置), opened as a tab
    expect(page).to_have_url(re.compile(r"/inventory/stock$"))
    expect(page.get_by_test_id("tab-InventoryStock")).to_be_visible()
    page.get_by_test_id("menu-item-SystemUsers").click()
    expect(page.get_by_test_id("tab-SystemUsers")).to_be_visible()
    expect(page.get_by_test_id("users-table")).to_contain_text("admin")
    page.screenshot(path=str(screenshots / "users.png"))

    # tabs keep open pages; right-click 关闭其他
    page.get_by_test_id("menu-item-SystemRoles").click()
    expect(page.get_by_test_id("roles-page")).to_be_visible()
    expect(page.get_by_test_id("tab-SystemUsers")).to_be_visible()
    page.get_by_test_id("tab-SystemRoles").click(button="right")
    page.get_by_test_id("tab-close-others").click()
    expect(page.get_by_test_id("tab-SystemUsers")).to_have_count(0)
    expect(page.get_by_test_id("tab-SystemRoles")).to_be_visible()


def test_b_admin_creates_role_and_user(page: Page, screenshots: Path) -> None:
    login(page, "admin", ADMIN_PASSWORD)

    page.get_by_test_id("menu-item-SystemRoles").click()
    page.get_by_test_id("roles-add").click()
    editor = page.get_by_test_id("role-editor")
    field(editor, "role-form-name").fill(ROLE)
    node = editor.locator(".el-tree-node__content", has=page.get_by_test_id("perm-node-system.user.view"))
    node.locator(".el-checkbox").click()
    expect(editor).to_contain_text("已选 1 项")
    page.screenshot(path=str(screenshots / "role-editor.png"))
    editor.get_by_test_id("role-form-submit").click()
    expect(editor).to_be_hidden()
    table = page.get_by_test_id("roles-table")
    expect(table).to_contain_text(ROLE)
    # the system role is read-only
    page.get_by_test_id("role-edit-管理员").click()
    expect(editor).to_contain_text("不可修改")
    expect(editor.get_by_test_id("role-form-submit")).to_have_count(0)
    page.keyboard.press("Escape")

    page.get_by_test_id("menu-item-SystemUsers").click()
    page.get_by_test_id("users-add").click()
    form = page.get_by_test_id("user-form")
    # client-side validation first
    form.get_by_test_id("user-form-submit").click()
    expect(form).to_contain_text("请输入用户名")
    field(form, "user-form-username").fill(VIEWER)
    field(form, "user-form-display-name").fill(VIEWER_NAME)
    field(form, "user-form-password").fill(VIEWER_PASSWORD)
    form.get_by_test_id("user-form-roles").click()
    page.get_by_test_id(f"role-option-{ROLE}").click()
    form.get_by_test_id("user-form-submit").click()
    expect(form).to_be_hidden()
    row = page.get_by_test_id("users-table").locator("tr", has_text=VIEWER)
    expect(row).to_contain_text(ROLE)
    expect(row).to_contain_text("启用")

    # a duplicate user name comes back from the server as a message
    page.get_by_test_id("users-add").click()
    field(form, "user-form-username").fill(VIEWER)
    field(form, "user-form-display-name").fill("重复")
    field(form, "user-form-password").fill(VIEWER_PASSWORD)
    form.get_by_test_id("user-form-submit").click()
    expect(page.locator(".el-message--error")).to_be_visible()
    expect(form).to_be_visible()


def test_c_viewer_sees_only_users_menu(page: Page, viewer: tuple[str, str]) -> None:
    login(page, *viewer)
    menu = page.get_by_test_id("side-menu")
    expect(menu.locator(".el-sub-menu")).to_have_count(1)
    expect(page.get_by_test_id("menu-module-system")).to_be_visible()
    expect(menu.locator(".el-menu-item")).to_have_count(1)
    expect(page.get_by_test_id("menu-item-SystemUsers")).to_have_text("用户")
    expect(page).to_have_url(re.compile(r"/system/users$"))
    # buttons follow permissions: no 新增, no 导出, no row actions
    expect(page.get_by_test_id("users-table")).to_contain_text("admin")
    expect(page.get_by_test_id("users-add")).to_have_count(0)
    expect(page.get_by_test_id("list-export")).to_have_count(0)
    expect(page.get_by_test_id("user-edit-admin")).to_have_count(0)
    # a page without permission redirects to the start page
    page.goto("/system/roles")
    expect(page).to_have_url(re.compile(r"/system/users$"))


def test_d_viewer_cannot_create_users_through_the_api(page: Page, viewer: tuple[str, str]) -> None:
    login(page, *viewer)
    res = page.request.post(
        "/api/v1/users",
        headers={"X-CSRF-Token": csrf_of(page)},
        data={
            "username": "sneaky",
            "display_name": "x",
            "password": "Sneaky-pass-123",
            "role_ids": [],
            "all_warehouses": True,
            "warehouse_ids": [],
        },
    )
    assert res.status == 403, res.text()
    body: dict[str, Any] = res.json()
    assert body["code"] == "permission_denied"
    assert "system.user.create" in body["detail"]
    # Nothing was written: the admin's list does not know the user.
    assert "sneaky" not in page.request.get("/api/v1/users?q=sneaky").text()


def test_e_sign_out_invalidates_the_session(
    page: Page, viewer: tuple[str, str], playwright: Playwright, base_url: str
) -> None:
    login(page, *viewer)
    cookies = page.context.cookies()
    assert cookies, "no session cookie after sign-in"
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("menu-logout").click()
    expect(page.get_by_test_id("login-page")).to_be_visible()

    header = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    old = playwright.request.new_context(base_url=base_url, extra_http_headers={"Cookie": header})
    try:
        res = old.get("/api/v1/auth/me")
        assert res.status == 401, res.text()
    finally:
        old.dispose()
    # and the app itself sends a signed-out user to the login page, keeping the target
    page.goto("/system/users")
    expect(page).to_have_url(re.compile(r"/login\?redirect=(%2F|/)system(%2F|/)users$"))


def test_company_settings_persist(page: Page) -> None:
    login(page, "admin", ADMIN_PASSWORD)
    page.get_by_test_id("menu-item-SystemCompanies").click()
    switch = page.get_by_test_id("company-allow-negative")
    expect(switch).not_to_have_class(re.compile(r"is-checked"))
    switch.click()
    expect(switch).to_have_class(re.compile(r"is-checked"))
    page.get_by_test_id("company-save").click()
    expect(page.locator(".el-message--success")).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("company-form")).to_be_visible()
    expect(page.get_by_test_id("company-allow-negative")).to_have_class(re.compile(r"is-checked"))
    expect(field(page, "company-currency")).to_have_value("CNY")


def test_audit_lists_user_creation(page: Page, viewer: tuple[str, str], screenshots: Path) -> None:
    login(page, "admin", ADMIN_PASSWORD)
    page.get_by_test_id("menu-item-SystemAuditLogs").click()
    table = page.get_by_test_id("audit-table")
    row = table.locator("tr", has_text=viewer[0]).filter(has_text="新增").first
    expect(row).to_be_visible()
    expect(row).to_contain_text("用户")
    row.get_by_role("button", name="详情").click()
    detail = page.get_by_test_id("audit-detail")
    expect(detail.get_by_test_id("audit-diff")).to_contain_text(viewer[0])
    page.screenshot(path=str(screenshots / "audit.png"))


def test_users_export_downloads_visible_columns(page: Page) -> None:
    login(page, "admin", ADMIN_PASSWORD)
    page.get_by_test_id("menu-item-SystemUsers").click()
    users = page.get_by_test_id("users-page")  # the start page (商品) stays open in its own tab
    # hide 邮箱 in 列设置; the export asks for the visible columns only
    users.get_by_test_id("column-settings").click()
    page.get_by_test_id("column-toggle-email").click()
    expect(page.get_by_test_id("users-table").locator("th", has_text="邮箱")).to_have_count(0)
    with page.expect_download() as info:
        users.get_by_test_id("list-export").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    assert "format=xlsx" in download.url
    assert "columns=username%2Cdisplay_name%2Cphone%2Croles" in download.url
    # the column choice survives a reload (stored per user and page)
    page.reload()
    expect(page.get_by_test_id("users-table").locator("th", has_text="手机")).to_have_count(1)
    expect(page.get_by_test_id("users-table").locator("th", has_text="邮箱")).to_have_count(0)
