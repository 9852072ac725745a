"""公司/账套: settings, several companies per install, switching, and no way into another company's rows."""

from __future__ import annotations

from tests.helpers import Api, company_id, make_user, problem


def test_company_settings(api):
    company = api.get("/companies/current").json()
    assert company["name"] == "演示公司"
    assert company["base_currency"] == "CNY"
    assert company["allow_negative_stock"] is False
    r = api.patch(
        "/companies/current",
        {
            "allow_negative_stock": True,
            "qty_precision": 3,
            "start_date": "2026-01-01",
            "version": company["version"],
        },
    )
    assert r.status_code == 200
    fresh = api.get("/companies/current").json()
    assert fresh["allow_negative_stock"] is True
    assert fresh["qty_precision"] == 3
    assert fresh["start_date"] == "2026-01-01"
    problem(
        api.patch("/companies/current", {"qty_precision": 9, "version": fresh["version"]}),
        422,
        "validation_failed",
    )
    problem(
        api.patch("/companies/current", {"name": "x", "version": company["version"]}), 409, "version_conflict"
    )


def test_create_and_switch_company(api):
    r = api.post("/companies", {"name": "分公司", "start_date": "2026-11-01"})
    assert r.status_code == 201
    new_id = r.json()["id"]
    me = api.get("/auth/me").json()
    assert {c["name"] for c in me["companies"]} == {"演示公司", "分公司"}
    switched = api.post("/auth/switch-company", {"company_id": new_id}).json()
    assert switched["company"]["name"] == "分公司"
    assert switched["is_admin"] is True
    assert api.get("/companies/current").json()["name"] == "分公司"
    # The new company starts empty: only its own admin membership and role.
    users = api.get("/users").json()
    assert [u["username"] for u in users["items"]] == ["admin"]
    assert [r["name"] for r in api.get("/roles").json()["items"]] == ["管理员"]


def test_cannot_switch_into_a_company_you_do_not_belong_to(api, client):
    other = api.post("/companies", {"name": "别人的公司", "start_date": "2026-11-01"}).json()
    make_user(api.db, "clerk", ["system.user.view"])
    clerk = Api(client, api.db)
    clerk.login("clerk")
    problem(clerk.post("/auth/switch-company", {"company_id": other["id"]}), 404, "company_not_found")


def test_another_companys_rows_are_unreachable(api):
    home = company_id(api.db)
    other = api.post("/companies", {"name": "乙公司", "start_date": "2026-11-01"}).json()["id"]
    stranger = make_user(api.db, "stranger", ["system.user.view"], company=other)
    api.post("/auth/switch-company", {"company_id": other})
    foreign_role = next(r for r in api.get("/roles").json()["items"] if r["name"] == "role-stranger")
    foreign_wh = api.post("/warehouses", {"code": "W9", "name": "乙仓"}).json()["id"]
    api.post("/auth/switch-company", {"company_id": home})
    # By id: not found, as if it did not exist.
    problem(api.get(f"/users/{stranger}"), 404, "user_not_found")
    problem(api.get(f"/roles/{foreign_role['id']}"), 404, "role_not_found")
    problem(api.patch(f"/users/{stranger}", {"display_name": "x", "version": 1}), 404, "user_not_found")
    problem(api.post(f"/users/{stranger}/disable"), 404, "user_not_found")
    # In lists and searches: absent.
    assert "stranger" not in [
        u["username"] for u in api.get("/users", params={"page_size": 200}).json()["items"]
    ]
    assert api.get("/warehouses", params={"q": "乙"}).json()["total"] == 0
    # As a reference inside a body: refused.
    body = {"username": "mixer", "display_name": "x", "password": "mixer-pass-1"}
    problem(api.post("/users", {**body, "role_ids": [foreign_role["id"]]}), 422, "role_not_found")
    problem(
        api.post("/users", {**body, "all_warehouses": False, "warehouse_ids": [foreign_wh]}),
        422,
        "warehouse_not_found",
    )


def test_api_token_is_bound_to_its_company(api, client):
    home = company_id(api.db)
    other = api.post("/companies", {"name": "丙公司", "start_date": "2026-11-01"}).json()["id"]
    token = api.post("/auth/tokens", {"name": "t"}).json()["token"]
    client.cookies.clear()
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["company"]["id"] == home
    r = client.post(
        "/api/v1/auth/switch-company",
        json={"company_id": other},
        headers={"Authorization": f"Bearer {token}"},
    )
    problem(r, 403, "switch_needs_session")
