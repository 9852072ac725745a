"""Idempotency-Key: the same key and body give the first answer again and never post twice."""

from __future__ import annotations

from sqlalchemy import func, select

from jxc.common.idempotency import principal_of
from jxc.common.models import IdempotencyKey
from tests.helpers import problem


def test_same_key_same_body_replays_the_first_answer(api):
    h = {"Idempotency-Key": "k-1"}
    first = api.post("/roles", {"name": "幂等"}, headers=h)
    second = api.post("/roles", {"name": "幂等"}, headers=h)
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second.headers.get("idempotent-replayed") == "true"
    names = [r["name"] for r in api.get("/roles", params={"q": "幂等"}).json()["items"]]
    assert names == ["幂等"]


def test_same_key_other_body_is_refused(api):
    h = {"Idempotency-Key": "k-2"}
    api.post("/roles", {"name": "甲"}, headers=h)
    problem(api.post("/roles", {"name": "乙"}, headers=h), 422, "idempotency_key_reused")


def test_key_in_flight_is_a_conflict(api):
    cookie = api.client.cookies.get("jxc_session")
    with api.db.transaction(writer=True) as s:
        s.add(
            IdempotencyKey(
                principal=principal_of(cookie, None),
                key="k-3",
                method="POST",
                path="/api/v1/roles",
                request_hash="x",
                state="in_flight",
            )
        )
    r = api.post("/roles", {"name": "丙"}, headers={"Idempotency-Key": "k-3"})
    # Same key, same principal, but the stored hash differs: reused beats in-flight.
    problem(r, 422, "idempotency_key_reused")
    from jxc.common.idempotency import request_hash

    body = b'{"name":"\\u4e01"}'
    with api.db.transaction(writer=True) as s:
        s.add(
            IdempotencyKey(
                principal=principal_of(cookie, None),
                key="k-4",
                method="POST",
                path="/api/v1/roles",
                request_hash=request_hash("POST", "/api/v1/roles", body),
                state="in_flight",
            )
        )
    r = api.client.post(
        "/api/v1/roles",
        content=body,
        headers={"Idempotency-Key": "k-4", "x-csrf-token": api.csrf, "content-type": "application/json"},
    )
    problem(r, 409, "idempotency_in_flight")


def test_a_failed_request_gives_the_key_back(api):
    h = {"Idempotency-Key": "k-5"}
    problem(api.post("/roles", {"name": "戊", "permissions": ["nope"]}, headers=h), 422, "permission_unknown")
    with api.db.transaction(writer=False) as s:
        assert s.execute(select(func.count()).select_from(IdempotencyKey)).scalar_one() == 0
    assert api.post("/roles", {"name": "戊", "permissions": []}, headers=h).status_code == 201


def test_keys_are_per_caller(api, client):
    h = {"Idempotency-Key": "shared"}
    assert api.post("/roles", {"name": "己"}, headers=h).status_code == 201
    from tests.helpers import make_user

    make_user(api.db, "other", ["system.role.create", "system.role.view"])
    api.login("other")
    problem(api.post("/roles", {"name": "己"}, headers=h), 409, "role_name_taken")
