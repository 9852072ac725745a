"""Bad input gets a clear 4xx problem+json in the user's language, and writes nothing (never a 500)."""

from __future__ import annotations

from sqlalchemy import func, select

from jxc.auth.models import Role
from tests.helpers import problem


def _roles(db) -> int:  # type: ignore[no-untyped-def]
    with db.transaction(writer=False) as s:
        from tests.helpers import company_id

        s.info["company_id"] = company_id(db)
        return int(s.execute(select(func.count()).select_from(Role)).scalar_one())


def test_malformed_json(api):
    r = api.client.post(
        "/api/v1/roles",
        content=b'{"name": ',
        headers={"x-csrf-token": api.csrf, "content-type": "application/json"},
    )
    problem(r, 400, "malformed_json")
    assert r.json()["detail"] == "请求内容不是有效的 JSON。"


def test_body_over_one_mebibyte(api):
    before = _roles(api.db)
    big = {"name": "x", "description": "a" * (1024 * 1024 + 10)}
    r = api.post("/roles", big)
    problem(r, 413, "body_too_large")
    assert _roles(api.db) == before


def test_streamed_body_over_the_limit_without_length(api):
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(20):
            yield b"x" * 100_000

    r = api.client.post(
        "/api/v1/roles",
        content=chunks(),
        headers={"x-csrf-token": api.csrf, "content-type": "application/json"},
    )
    problem(r, 413, "body_too_large")


def test_page_size_over_200(api):
    body = problem(api.get("/users", params={"page_size": 201}), 422, "invalid_query")
    assert body["errors"][0]["field"] == "query.page_size"
    problem(api.get("/users", params={"page": 0}), 422, "invalid_query")
    assert api.get("/users", params={"page_size": 200}).status_code == 200


def test_unknown_fields_are_refused_and_nothing_is_written(api):
    before = _roles(api.db)
    body = problem(api.post("/roles", {"name": "x", "is_system": True}), 422, "validation_failed")
    assert body["errors"] == [
        {"field": "body.is_system", "code": "extra_forbidden", "message": "不允许的字段。"}
    ]
    assert _roles(api.db) == before


def test_wrong_types_name_the_field(api):
    body = problem(
        api.post(
            "/users", {"username": "ok", "display_name": "x", "password": "long-enough-1", "role_ids": "all"}
        ),
        422,
        "validation_failed",
    )
    assert body["errors"][0]["field"] == "body.role_ids"


def test_messages_follow_the_language(api):
    body = problem(
        api.post("/roles", {"name": ""}, headers={"Accept-Language": "en-US,en;q=0.9"}),
        422,
        "validation_failed",
    )
    assert body["detail"] == "Some fields are not valid; see the marked fields."
    assert body["errors"][0]["message"] == "At least 1 characters."
    assert body["title"] == "Invalid data"
    zh = problem(
        api.post("/roles", {"name": ""}, headers={"Accept-Language": "zh-CN"}), 422, "validation_failed"
    )
    assert zh["errors"][0]["message"] == "至少 1 个字符。"


def test_unknown_api_path_and_method(api):
    problem(api.get("/no-such-thing"), 404, "not_found")
    problem(
        api.client.put("/api/v1/users", json={}, headers={"x-csrf-token": api.csrf}),
        405,
        "method_not_allowed",
    )


def test_ids_that_are_not_numbers(api):
    body = problem(api.get("/users/abc"), 422, "validation_failed")
    assert body["errors"][0]["field"] == "path.user_id"


def test_every_answer_carries_a_request_id(api):
    r = api.get("/users/99999")
    assert r.headers["x-request-id"] == r.json()["request_id"]
    assert len(r.json()["request_id"]) == 32
