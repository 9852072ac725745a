"""操作日志: every state change recorded with who/what/before/after, filterable; append-only and
hash-chained so edits and deletions show."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from jxc.common.audit import verify_chain
from tests.helpers import problem


def test_changes_are_recorded_with_before_and_after(api):
    user = api.post("/users", {"username": "wu", "display_name": "吴", "password": "wu-pass-123"}).json()
    api.patch(f"/users/{user['id']}", {"display_name": "吴二", "version": user["version"]})
    api.post(f"/users/{user['id']}/disable")
    entries = api.get("/audit-logs", params={"object_type": "user", "object_id": str(user["id"])}).json()[
        "items"
    ]
    actions = [e["action"] for e in entries]
    assert actions == ["disable", "update", "create"]
    created = entries[2]
    assert created["username"] == "admin"
    assert created["object_label"] == "wu"
    assert created["after"]["display_name"] == "吴"
    assert "password_hash" not in created["after"]
    updated = entries[1]
    assert updated["before"] == {"display_name": "吴"}
    assert updated["after"] == {"display_name": "吴二"}
    assert entries[0]["before"] == {"is_active": True}
    assert entries[0]["after"] == {"is_active": False}
    assert all(e["request_id"] and e["ip"] for e in entries)


def test_password_changes_are_recorded_without_the_hash(api):
    user = api.post("/users", {"username": "wu", "display_name": "吴", "password": "wu-pass-123"}).json()
    api.post(f"/users/{user['id']}/reset-password", {"new_password": "another-pass-9"})
    entry = api.get("/audit-logs", params={"action": "reset_password"}).json()["items"][0]
    assert entry["after"] == {"password_hash": "***"}


def test_filters_by_user_action_and_date(api):
    api.post("/roles", {"name": "审计测试"})
    me = api.get("/auth/me").json()
    assert (
        api.get(
            "/audit-logs", params={"user_id": me["id"], "action": "create", "object_type": "role"}
        ).json()["total"]
        == 1
    )
    assert (
        api.get("/audit-logs", params={"date_from": "2000-01-01", "date_to": "2000-01-31"}).json()["total"]
        == 0
    )
    assert api.get("/audit-logs", params={"q": "审计测试"}).json()["total"] == 1
    facets = api.get("/audit-logs/facets").json()
    assert {"value": "create", "label": "新增"} in facets["actions"]
    assert {"value": "role", "label": "角色"} in facets["object_types"]
    problem(api.get("/audit-logs", params={"date_from": "2026-13-01"}), 422, "validation_failed")


def test_audit_rows_cannot_be_updated_or_deleted(api):
    api.post("/roles", {"name": "x"})
    with api.db.engine.connect() as conn:
        with pytest.raises(DBAPIError):
            conn.execute(text("UPDATE audit_logs SET action = 'nothing'"))
        conn.rollback()
        with pytest.raises(DBAPIError):
            conn.execute(text("DELETE FROM audit_logs"))
        conn.rollback()


def _without_guard(db, sql: str) -> None:  # type: ignore[no-untyped-def]
    """Tamper as someone with database superpowers would: switch the guard off first."""
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.execute(text("DROP TRIGGER audit_logs_no_update"))
            conn.execute(text("DROP TRIGGER audit_logs_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only"))
        conn.execute(text(sql))


def test_the_chain_shows_an_edited_row(api):
    api.post("/roles", {"name": "x"})
    with api.db.engine.connect() as conn:
        assert verify_chain(conn) == []
    _without_guard(api.db, "UPDATE audit_logs SET username = 'someone' WHERE action = 'create'")
    with api.db.engine.connect() as conn:
        problems = verify_chain(conn)
    assert any("edited" in p for p in problems)


def test_the_chain_shows_a_deleted_row(api):
    api.post("/roles", {"name": "x"})
    api.post("/roles", {"name": "y"})
    _without_guard(api.db, "DELETE FROM audit_logs WHERE object_label = 'x'")
    with api.db.engine.connect() as conn:
        problems = verify_chain(conn)
    assert any("removed" in p for p in problems)
