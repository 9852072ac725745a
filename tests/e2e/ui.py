"""What every browser test does the same way: sign in, find an Element Plus field, pick an option of an
el-select, call the API beside the screen, make a valid EAN-13."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import APIRequestContext, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ADMIN_PASSWORD = "E2e-admin-pass-2026"  # JXC_ADMIN_PASSWORD given to the server in conftest.py

Api = tuple[APIRequestContext, str]
"""A signed-in API context and its CSRF token (the `api` fixture in conftest.py)."""

# A dropdown can close under the pointer when something moves the focus as a dialog finishes opening; the
# option is then gone and a plain click would wait its full 30 s. Opening the select again costs a second.
_OPTION_WAIT_MS = 10_000
_OPEN_TRIES = 3


def field(scope: Page | Locator, testid: str) -> Locator:
    """The <input> of an Element Plus input (el-input puts data-testid on the input itself)."""
    return scope.locator(f'input[data-testid="{testid}"], [data-testid="{testid}"] input').first


def login(page: Page, username: str = "admin", password: str = ADMIN_PASSWORD) -> None:
    page.goto("/login")
    field(page, "login-username").fill(username)
    field(page, "login-password").fill(password)
    field(page, "login-password").press("Enter")
    expect(page.get_by_test_id("app-shell")).to_be_visible()


def choose(page: Page, select: Locator, option_testid: str, typed: str = "") -> None:
    """Opens an el-select (typing `typed` into a remote one), clicks the visible option with that test id and
    waits for the dropdown to close (another select may offer an option with the same test id)."""
    option = page.locator(f'[data-testid="{option_testid}"]:visible')
    for attempt in range(1, _OPEN_TRIES + 1):
        select.click()
        if typed:
            select.locator("input").first.fill(typed)
        try:
            option.first.click(timeout=_OPTION_WAIT_MS)
            break
        except PlaywrightTimeout:
            if attempt == _OPEN_TRIES:
                raise
    expect(option).to_have_count(0)


def post(api: Api, path: str, body: Any, status: int = 200) -> Any:
    ctx, csrf = api
    res = ctx.post(f"/api/v1{path}", headers={"X-CSRF-Token": csrf}, data=body)
    assert res.status == status, f"{path}: {res.status} {res.text()}"
    return res.json()


def get(api: Api, path: str, **params: Any) -> Any:
    ctx, _ = api
    res = ctx.get(f"/api/v1{path}", params=params)
    assert res.ok, f"{path}: {res.status} {res.text()}"
    return res.json()


def ean13(body12: str) -> str:
    """The 12 digits and their check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)
