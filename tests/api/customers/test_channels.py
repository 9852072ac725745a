"""销售渠道: seeded per company, readable by sales and retail users, edited with sales.channel.edit, never
deleted once a document names one."""

from __future__ import annotations

from datetime import date

from jxc.sales.models import SalesDoc
from tests.helpers import Api, company_id, make_user, problem


def _names(api: Api, **params: str) -> list[str]:
    r = api.get("/sales-channels", params=params)
    assert r.status_code == 200, r.text
    return [c["name"] for c in r.json()]


def test_every_company_starts_with_the_four_channels(api: Api):
    assert _names(api) == ["门店", "线上商城", "分销", "批发"]
    other = api.post("/companies", {"name": "乙公司", "start_date": "2026-11-01"}).json()["id"]
    r = api.post("/auth/switch-company", {"company_id": other})
    assert r.status_code == 200, r.text
    assert _names(api) == ["门店", "线上商城", "分销", "批发"]
    ids = {c["id"] for c in api.get("/sales-channels").json()}
    api.post("/auth/switch-company", {"company_id": company_id(api.db)})
    mine = {c["id"] for c in api.get("/sales-channels").json()}
    assert ids.isdisjoint(mine)
    # Another company's channel is not found from here.
    problem(api.get(f"/sales-channels/{min(ids)}"), 404, "channel_not_found")
    problem(api.put(f"/sales-channels/{min(ids)}", {"name": "x"}), 404, "channel_not_found")


def test_read_with_any_sales_or_retail_permission_edit_with_channel_edit(api: Api, client):  # type: ignore[no-untyped-def]
    make_user(api.db, "clerk", ["partner.view"])
    make_user(api.db, "cashier", ["retail.sell"])
    make_user(api.db, "boss", ["sales.channel.edit"])
    clerk, cashier, boss = Api(client, api.db), Api(client, api.db), Api(client, api.db)
    clerk.login("clerk")
    problem(clerk.get("/sales-channels"), 403, "permission_denied")
    cashier.login("cashier")
    assert len(_names(cashier)) == 4
    problem(cashier.post("/sales-channels", {"name": "直播"}), 403, "permission_denied")
    boss.login("boss")
    r = boss.post("/sales-channels", {"name": "直播", "sort_order": 5})
    assert r.status_code == 201, r.text
    assert _names(boss)[0] == "直播"


def test_create_rename_deactivate_and_names_are_unique(api: Api):
    r = api.post("/sales-channels", {"name": "直播", "sort_order": 50})
    assert r.status_code == 201, r.text
    live = r.json()
    body = problem(api.post("/sales-channels", {"name": "直播"}), 409, "channel_name_taken")
    assert body["errors"][0]["field"] == "body.name"
    wholesale = next(c for c in api.get("/sales-channels").json() if c["name"] == "批发")
    problem(api.put(f"/sales-channels/{live['id']}", {"name": "批发"}), 409, "channel_name_taken")
    r = api.put(f"/sales-channels/{live['id']}", {"name": "抖音直播", "is_active": False})
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "抖音直播"
    assert "抖音直播" not in _names(api, is_active="true")
    assert "抖音直播" in _names(api, is_active="false")
    assert api.put(f"/sales-channels/{wholesale['id']}", {"name": "批发"}).status_code == 200
    r = api.post("/sales-channels", {"name": ""})
    assert r.status_code == 422, r.text


def test_a_used_channel_cannot_be_deleted(api: Api):
    r = api.post("/warehouses", {"code": "A", "name": "A仓"})
    assert r.status_code == 201, r.text
    wh = r.json()["id"]
    channels = {c["name"]: c["id"] for c in api.get("/sales-channels").json()}
    with api.db.transaction(writer=True, company_id=company_id(api.db)) as s:
        s.add(
            SalesDoc(
                kind="retail",
                number="LSD-TEST-0001",
                business_date=date(2026, 11, 20),
                warehouse_id=wh,
                channel_id=channels["门店"],
            )
        )
    body = problem(api.delete(f"/sales-channels/{channels['门店']}"), 409, "channel_used")
    assert "门店" in body["detail"]
    assert api.delete(f"/sales-channels/{channels['分销']}").status_code == 204
    assert "分销" not in _names(api)
    problem(api.delete(f"/sales-channels/{channels['分销']}"), 404, "channel_not_found")


def test_channel_changes_are_audited(api: Api):
    r = api.post("/sales-channels", {"name": "直播"})
    assert r.status_code == 201, r.text
    r = api.get("/audit-logs", params={"object_type": "sales_channel"})
    assert r.status_code == 200, r.text
    assert ("create", "直播") in [(x["action"], x["object_label"]) for x in r.json()["items"]]
