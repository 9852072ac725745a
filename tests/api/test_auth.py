"""Sign-in, sessions, CSRF, API tokens, throttling (DESIGN.md §7; reliability S7/S8)."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from jxc.auth.models import LoginFailure, UserSession
from jxc.common.models import AuditLog
from jxc.db.base import utcnow
from jxc.settings import get_settings
from tests.helpers import ADMIN_PASSWORD, Api, make_user, problem


def test_health_needs_no_sign_in(client, backend):
    r = client.get("/api/v1/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "database": backend, "version": r.json()["version"]}


def test_login_sets_a_hardened_cookie_and_returns_csrf(client, seeded):
    r = client.post("/api/v1/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
    assert r.status_code == 200
    body = r.json()
    assert len(body["csrf_token"]) == 64
    assert body["user"]["username"] == "admin"
    assert body["user"]["company"]["name"] == "演示公司"
    assert body["user"]["is_admin"] is True
    assert "system.user.create" in body["user"]["permissions"]
    cookie = r.headers["set-cookie"]
    assert "jxc_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "SameSite=Lax" in cookie
    me = client.get("/api/v1/auth/me")
    assert me.status_code == 200
    assert me.json()["csrf_token"] == body["csrf_token"]


def test_each_login_gets_a_new_session_token(client, seeded):
    tokens = set()
    for _ in range(2):
        client.cookies.clear()
        r = client.post("/api/v1/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
        tokens.add(r.cookies.get("jxc_session"))
    assert len(tokens) == 2


def test_wrong_password_and_unknown_user_get_the_same_answer(client, seeded):
    a = client.post("/api/v1/auth/login", json={"username": "admin", "password": "wrong-password"})
    b = client.post("/api/v1/auth/login", json={"username": "nobody", "password": "wrong-password"})
    assert a.status_code == b.status_code == 401
    strip = lambda r: {k: v for k, v in r.json().items() if k != "request_id"}  # noqa: E731
    assert strip(a) == strip(b)
    assert a.json()["detail"] == "用户名或密码错误。"


def test_failed_sign_in_is_recorded_despite_the_rollback(client, seeded):
    client.post("/api/v1/auth/login", json={"username": "admin", "password": "wrong-password"})
    with seeded.transaction(writer=False, all_companies=True) as s:
        assert s.execute(select(func.count()).select_from(LoginFailure)).scalar_one() == 1
        row = s.execute(select(AuditLog).where(AuditLog.action == "login_failed")).scalar_one()
        assert row.username == "admin"


def test_repeated_failures_are_delayed_then_refused(client, seeded):
    for _ in range(5):
        assert (
            client.post(
                "/api/v1/auth/login", json={"username": "admin", "password": "bad-pass-1"}
            ).status_code
            == 401
        )
    # The 6th try right away must wait, even with the right password.
    r = client.post("/api/v1/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
    problem(r, 429, "too_many_attempts")
    assert int(r.headers["retry-after"]) >= 1
    # Spread the failures out so the delay has passed: the right password works again.
    with seeded.transaction(writer=True) as s:
        s.execute(update(LoginFailure).values(created_at=utcnow() - timedelta(minutes=5)))
    assert (
        client.post("/api/v1/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD}).status_code
        == 200
    )
    # Ten failures within the window: refused outright for a while.
    with seeded.transaction(writer=True) as s:
        for _ in range(10):
            s.add(LoginFailure(username="admin", ip="10.9.9.9", created_at=utcnow() - timedelta(minutes=5)))
    r = client.post("/api/v1/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD})
    problem(r, 429, "too_many_attempts")
    assert int(r.headers["retry-after"]) > 60


def test_unknown_users_are_throttled_too(client, seeded):
    for _ in range(5):
        client.post("/api/v1/auth/login", json={"username": "ghost", "password": "bad-pass-1"})
    problem(
        client.post("/api/v1/auth/login", json={"username": "ghost", "password": "x"}),
        429,
        "too_many_attempts",
    )


def test_logout_kills_the_session(api):
    old = api.client.cookies.get("jxc_session")
    assert api.post("/auth/logout").status_code == 204
    api.client.cookies.set("jxc_session", old)
    problem(api.get("/auth/me"), 401, "session_expired")


def test_no_cookie_is_401(client, seeded):
    problem(client.get("/api/v1/users"), 401, "not_authenticated")


def test_expired_sessions_are_refused(api, monkeypatch):
    with api.db.transaction(writer=True) as s:
        s.execute(update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    problem(api.get("/auth/me"), 401, "session_expired")


def test_idle_sessions_are_refused(api, monkeypatch):
    with api.db.transaction(writer=True) as s:
        s.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(hours=9)))
    problem(api.get("/auth/me"), 401, "session_expired")


def test_activity_keeps_an_idle_session_alive(api, monkeypatch):
    with api.db.transaction(writer=True) as s:
        s.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=30)))
    assert api.get("/auth/me").status_code == 200
    with api.db.transaction(writer=False) as s:
        seen = s.execute(select(UserSession.last_seen_at)).scalar_one()
    assert utcnow() - seen < timedelta(minutes=1)


def test_state_change_without_csrf_is_refused(api):
    r = api.client.post("/api/v1/roles", json={"name": "x"})
    problem(r, 403, "csrf_failed")
    r = api.client.post("/api/v1/roles", json={"name": "x"}, headers={"x-csrf-token": "0" * 64})
    problem(r, 403, "csrf_failed")
    assert api.post("/roles", {"name": "x"}).status_code == 201


def test_disabled_user_cannot_sign_in_and_loses_sessions(api, client):
    uid = make_user(api.db, "clerk", ["system.user.view"])
    # A second client so the clerk's cookie survives while admin acts.
    clerk = Api(TestClient(client.app, base_url="http://127.0.0.1"), api.db)
    assert clerk.login("clerk").status_code == 200
    assert api.post(f"/users/{uid}/disable").status_code == 200
    problem(clerk.get("/users"), 401, "session_expired")
    problem(clerk.login("clerk"), 403, "user_disabled")


def test_api_token_works_without_csrf_and_dies_when_revoked(api, client):
    r = api.post("/auth/tokens", {"name": "ERP 接口", "expires_days": 30})
    assert r.status_code == 201
    token = r.json()["token"]
    assert token.startswith("jxc_")
    listed = api.get("/auth/tokens").json()
    assert [t["name"] for t in listed] == ["ERP 接口"]
    assert "token" not in listed[0]
    client.cookies.clear()
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/users", headers=bearer).status_code == 200
    created = client.post("/api/v1/roles", json={"name": "接口角色"}, headers=bearer)
    assert created.status_code == 201
    api.login("admin", ADMIN_PASSWORD)
    assert api.delete(f"/auth/tokens/{r.json()['id']}").status_code == 204
    client.cookies.clear()
    problem(client.get("/api/v1/users", headers=bearer), 401, "invalid_token")
    problem(client.get("/api/v1/users", headers={"Authorization": "Bearer nonsense"}), 401, "invalid_token")


def test_change_password(api, client):
    problem(
        api.post("/auth/change-password", {"old_password": "nope-nope", "new_password": "new-pass-456"}),
        422,
        "wrong_password",
    )
    problem(
        api.post("/auth/change-password", {"old_password": ADMIN_PASSWORD, "new_password": "12345678"}),
        422,
        "password_too_common",
    )
    assert (
        api.post(
            "/auth/change-password", {"old_password": ADMIN_PASSWORD, "new_password": "new-pass-456"}
        ).status_code
        == 204
    )
    assert api.get("/auth/me").status_code == 200  # this session stays
    problem(api.login("admin", ADMIN_PASSWORD), 401, "invalid_credentials")
    assert api.login("admin", "new-pass-456").status_code == 200


def test_session_settings_default(monkeypatch):
    s = get_settings()
    assert s.session_idle_minutes == 8 * 60
    assert s.session_absolute_hours == 7 * 24
