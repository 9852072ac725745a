"""客户交接: one salesperson's customers go to another user, in one transaction, audited per customer."""

from __future__ import annotations

from sqlalchemy import update

from jxc.auth.models import User
from tests.api.customers.conftest import Customers
from tests.helpers import Api, make_user, problem


def _owner(api: Api, customer_id: int) -> int | None:
    r = api.get(f"/partners/{customer_id}")
    assert r.status_code == 200, r.text
    owner: int | None = r.json()["salesperson_id"]
    return owner


def _setup(api: Api, customers: Customers) -> tuple[int, int, int]:
    zhang = make_user(api.db, "zhang", ["sales.order.view"])
    li = make_user(api.db, "li", ["sales.order.view"])
    wang = make_user(api.db, "wang", ["sales.order.view"])
    customers.customer("C1", salesperson_id=zhang)
    customers.customer("C2", salesperson_id=zhang, is_active=False)
    customers.customer("C3", salesperson_id=li)
    customers.customer("C4")
    return zhang, li, wang


def test_all_of_one_salespersons_customers_move(api: Api, customers: Customers):
    zhang, li, wang = _setup(api, customers)
    r = api.post("/customers/handover", {"from_user_id": zhang, "to_user_id": wang})
    assert r.status_code == 200, r.text
    assert r.json() == {"moved": 2}
    ids = customers.ids
    assert [_owner(api, ids[c]) for c in ("C1", "C2", "C3", "C4")] == [wang, wang, li, None]
    r = api.get("/audit-logs", params={"object_type": "partner", "action": "handover"})
    assert r.status_code == 200, r.text
    rows = r.json()["items"]
    assert sorted(x["object_label"] for x in rows) == ["C1客户", "C2客户"]
    assert all(x["before"]["salesperson_id"] == zhang and x["after"]["salesperson_id"] == wang for x in rows)
    # Nothing left to move.
    assert api.post("/customers/handover", {"from_user_id": zhang, "to_user_id": wang}).json() == {"moved": 0}


def test_named_customers_must_be_the_from_users(api: Api, customers: Customers):
    zhang, li, wang = _setup(api, customers)
    ids = customers.ids
    body = {"from_user_id": zhang, "to_user_id": wang, "customer_ids": [ids["C1"], ids["C3"], 999999]}
    err = problem(api.post("/customers/handover", body), 422, "handover_invalid")
    assert [(e["field"], e["code"]) for e in err["errors"]] == [
        ("body.customer_ids.1", "customer_not_owned"),
        ("body.customer_ids.2", "customer_unknown"),
    ]
    # All or nothing: C1 did not move either.
    assert _owner(api, ids["C1"]) == zhang
    r = api.post("/customers/handover", {**body, "customer_ids": [ids["C1"]]})
    assert r.json() == {"moved": 1}
    assert [_owner(api, ids[c]) for c in ("C1", "C2", "C3")] == [wang, zhang, li]


def test_the_new_owner_must_be_an_active_member(api: Api, customers: Customers, client):  # type: ignore[no-untyped-def]
    zhang, _li, wang = _setup(api, customers)
    err = problem(
        api.post("/customers/handover", {"from_user_id": zhang, "to_user_id": 999999}),
        422,
        "handover_invalid",
    )
    assert err["errors"][0]["code"] == "user_unknown"
    err = problem(
        api.post("/customers/handover", {"from_user_id": zhang, "to_user_id": zhang}), 422, "handover_invalid"
    )
    assert err["errors"][0]["code"] == "handover_same_user"
    with api.db.transaction(writer=True, all_companies=True) as s:
        s.execute(update(User).where(User.id == wang).values(is_active=False))
    err = problem(
        api.post("/customers/handover", {"from_user_id": zhang, "to_user_id": wang}), 422, "handover_invalid"
    )
    assert err["errors"][0]["code"] == "user_inactive"
    assert _owner(api, customers.ids["C1"]) == zhang
    # A user of another company only is not a member here.
    other = api.post("/companies", {"name": "乙公司", "start_date": "2026-11-01"}).json()["id"]
    outsider = make_user(api.db, "outsider", ["sales.order.view"], company=other)
    err = problem(
        api.post("/customers/handover", {"from_user_id": zhang, "to_user_id": outsider}),
        422,
        "handover_invalid",
    )
    assert err["errors"][0]["code"] == "user_unknown"


def test_handover_needs_its_permission(api: Api, customers: Customers, client):  # type: ignore[no-untyped-def]
    zhang, _li, wang = _setup(api, customers)
    make_user(api.db, "manager", ["sales.customer.view"])
    manager = Api(client, api.db)
    manager.login("manager")
    problem(
        manager.post("/customers/handover", {"from_user_id": zhang, "to_user_id": wang}),
        403,
        "permission_denied",
    )
    make_user(api.db, "boss", ["sales.customer.handover"])
    manager.login("boss")
    r = manager.post("/customers/handover", {"from_user_id": zhang, "to_user_id": wang})
    assert r.json() == {"moved": 2}


def test_another_companys_customers_are_untouched(api: Api, customers: Customers):
    zhang, _li, wang = _setup(api, customers)
    other = api.post("/companies", {"name": "乙公司", "start_date": "2026-11-01"}).json()["id"]
    from jxc.partners.models import Partner

    with api.db.transaction(writer=True, company_id=other) as s:
        theirs = Partner(code="X1", name="乙的客户", is_customer=True, salesperson_id=zhang)
        s.add(theirs)
        s.flush()
        theirs_id = theirs.id
    body = {"from_user_id": zhang, "to_user_id": wang, "customer_ids": [theirs_id]}
    err = problem(api.post("/customers/handover", body), 422, "handover_invalid")
    assert err["errors"][0]["code"] == "customer_unknown"
    assert api.post("/customers/handover", {"from_user_id": zhang, "to_user_id": wang}).json() == {"moved": 2}
    with api.db.transaction(writer=False, company_id=other) as s:
        assert s.get(Partner, theirs_id).salesperson_id == zhang  # type: ignore[union-attr]
