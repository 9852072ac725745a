"""A cashier (retail.sell only) can pick the store and the tender accounts, and nothing more of finance or
warehouses: the till's look-ups are allowed to the till."""

from __future__ import annotations

from tests.helpers import Api, make_user, problem


def test_cashier_lists_warehouses_and_accounts_but_cannot_export_or_edit(api: Api, client) -> None:  # type: ignore[no-untyped-def]
    assert api.post("/warehouses", {"code": "MD", "name": "门店"}).status_code == 201
    assert api.post("/accounts", {"code": "CASH", "name": "现金", "kind": "cash"}).status_code == 201
    make_user(api.db, "cashier", ["retail.sell"])
    cashier = Api(client, api.db)
    cashier.login("cashier")
    r = cashier.get("/warehouses")
    assert r.status_code == 200
    assert [w["code"] for w in r.json()["items"]] == ["MD"]
    r = cashier.get("/accounts")
    assert r.status_code == 200
    assert [a["code"] for a in r.json()["items"]] == ["CASH"]
    problem(cashier.get("/accounts", params={"format": "csv"}), 403, "permission_denied")
    problem(
        cashier.post("/accounts", {"code": "BANK", "name": "银行", "kind": "bank"}), 403, "permission_denied"
    )
    make_user(api.db, "nobody", [])
    nobody = Api(client, api.db)
    nobody.login("nobody")
    problem(nobody.get("/accounts"), 403, "permission_denied")
