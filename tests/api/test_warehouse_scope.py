"""The warehouse data scope: one mechanism (`jxc.auth.scope`) every later module uses."""

from __future__ import annotations

import pytest

from jxc.auth import scope
from jxc.common.context import RequestContext, activate, deactivate
from jxc.common.errors import Forbidden
from tests.helpers import Api, make_user


def test_scoped_user_sees_only_their_warehouses(api, client):
    ids = [api.post("/warehouses", {"code": f"W{i}", "name": f"仓{i}"}).json()["id"] for i in range(3)]
    make_user(api.db, "keeper", ["warehouse.view"], warehouses=[ids[1]])
    keeper = Api(client, api.db)
    keeper.login("keeper")
    me = keeper.get("/auth/me").json()
    assert me["all_warehouses"] is False
    assert me["warehouse_ids"] == [ids[1]]
    listed = keeper.get("/warehouses").json()
    assert [w["id"] for w in listed["items"]] == [ids[1]]
    assert listed["total"] == 1
    api.login("admin", "admin-pass-123")
    assert api.get("/warehouses").json()["total"] == 3


def test_ensure_refuses_an_id_outside_the_scope():
    token = activate(RequestContext(user_id=1, warehouse_ids=frozenset({5})))
    try:
        scope.ensure(5, None)
        with pytest.raises(Forbidden) as refused:
            scope.ensure(6)
        assert refused.value.code == "warehouse_out_of_scope"
    finally:
        deactivate(token)
    scope.ensure(6)  # outside a request (CLI, system work) everything is allowed
