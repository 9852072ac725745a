"""Stock documents as stories: given / when / then, with quantities and values computed by hand."""

from __future__ import annotations

from decimal import Decimal

from tests.api.inventory.conftest import PATHS, Shop
from tests.helpers import make_user, problem


def test_opening_then_issue_then_reverse_restores_every_balance(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "10", "2.00")], day="2026-11-01")
    issue = shop.post("other_out", [shop.line("COLA", "4")], day="2026-11-02", reason="use")
    assert shop.balance("COLA") == ("6.0000", "12.00")
    assert issue["status"] == "approved"
    assert issue["lines"][0]["amount"] == "8.00"
    r = shop.act("other_out", issue["id"], "reverse")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "reversed"
    assert r.json()["reversed_by_name"]
    assert shop.balance("COLA") == ("10.0000", "20.00")
    # A reversed document cannot be reversed again, approved, or edited.
    problem(shop.act("other_out", issue["id"], "reverse"), 409, "invalid_transition")
    problem(shop.act("other_out", issue["id"], "approve"), 409, "invalid_transition")
    assert shop.verify() == []


def test_units_convert_exactly_to_base_quantity(shop: Shop) -> None:
    doc = shop.post("opening", [shop.line("COLA", "2", "48.00", unit="箱")])
    assert doc["lines"][0]["base_qty"] == "48.0000"
    assert shop.balance("COLA") == ("48.0000", "96.00")
    r = shop.api.post(
        PATHS["other_out"],
        {"business_date": "2026-11-20", "warehouse_id": shop.wh["A"], "lines": [shop.line("COLA", "1.5")]},
    )
    body = problem(r, 422, "invalid_lines")
    assert body["errors"][0]["field"] == "lines.0.qty"


def test_transfer_carries_cost_and_issue_beyond_stock_is_refused_whole(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "3", "1.00"), shop.line("MILK", "5", "4.00", lot_no="L1")])
    shop.post("other_in", [shop.line("COLA", "1", "1.40")], reason="other")  # 4 @ 4.40 → average 1.10
    shop.post("transfer", [shop.line("COLA", "2")])
    assert shop.balance("COLA", "A") == ("2.0000", "2.20")
    assert shop.balance("COLA", "B") == ("2.0000", "2.20")
    # Two lines, the second short: nothing is written, both problems named by line.
    doc = shop.draft("other_out", [shop.line("COLA", "1"), shop.line("COLA", "5")], reason="loss")
    body = problem(shop.act("other_out", doc["id"], "approve"), 409, "insufficient_stock")
    assert [e["field"] for e in body["errors"]] == ["lines.1"]
    assert "A仓" in body["errors"][0]["message"]
    assert shop.balance("COLA", "A") == ("2.0000", "2.20")
    assert shop.api.get(f"{PATHS['other_out']}/{doc['id']}").json()["status"] == "draft"
    assert shop.verify() == []


def test_back_dated_receipt_changes_the_cost_of_a_later_issue(shop: Shop) -> None:
    # 11-01: 10 @ 1.00; 11-10: issue 5 → 5.00 at the time.
    shop.post("opening", [shop.line("COLA", "10", "1.00")], day="2026-11-01")
    issue = shop.post("other_out", [shop.line("COLA", "5")], day="2026-11-10", reason="use")
    assert issue["lines"][0]["amount"] == "5.00"
    # A receipt dated 11-05 of 10 @ 2.00 makes the average 1.50 before the issue: it cost 7.50.
    shop.post("other_in", [shop.line("COLA", "10", "2.00")], day="2026-11-05", reason="other")
    moves = shop.api.get("/stock-moves", params={"sku_id": shop.sku["COLA"]}).json()["items"]
    assert [
        (m["kind"], m["qty_in"], m["qty_out"], m["value"], m["balance_qty"], m["balance_value"])
        for m in moves
    ] == [
        ("opening", "10.0000", "0.0000", "10.00", "10.0000", "10.00"),
        ("other_in", "10.0000", "0.0000", "20.00", "20.0000", "30.00"),
        ("other_out", "0.0000", "5.0000", "-7.50", "15.0000", "22.50"),
    ]
    assert shop.balance("COLA") == ("15.0000", "22.50")
    assert shop.verify() == []


def test_back_dated_issue_that_would_make_history_negative_is_refused(shop: Shop) -> None:
    shop.post("other_in", [shop.line("COLA", "5", "1.00")], day="2026-11-10", reason="other")
    doc = shop.draft("other_out", [shop.line("COLA", "2")], day="2026-11-05", reason="loss")
    problem(shop.act("other_out", doc["id"], "approve"), 409, "insufficient_stock")
    assert shop.balance("COLA") == ("5.0000", "5.00")


def test_closed_period_refuses_posting(shop: Shop) -> None:
    company = shop.api.get("/companies/current").json()
    r = shop.api.patch("/companies/current", {"closed_until": "2026-10-31", "version": company["version"]})
    assert r.status_code == 200, r.text
    doc = shop.draft("opening", [shop.line("COLA", "1", "1.00")], day="2026-10-31")
    body = problem(shop.act("opening", doc["id"], "approve"), 422, "period_closed")
    assert "2026-10-31" in body["detail"]
    shop.post("opening", [shop.line("COLA", "1", "1.00")], day="2026-11-01")
    # A stocktake freezes its book quantities on its date: one in the closed period is refused at the start.
    frozen = shop.api.post("/stocktakes", {"warehouse_id": shop.wh["A"], "business_date": "2026-10-31"})
    assert "2026-10-31" in problem(frozen, 422, "period_closed")["detail"]
    started = shop.api.post("/stocktakes", {"warehouse_id": shop.wh["A"], "business_date": "2026-11-01"})
    assert started.status_code == 201, started.text


def test_unapprove_returns_to_draft_only_while_its_stock_is_still_there(shop: Shop) -> None:
    receipt = shop.post("other_in", [shop.line("COLA", "5", "1.00")], reason="other")
    r = shop.act("other_in", receipt["id"], "unapprove")
    assert r.status_code == 200
    assert r.json()["status"] == "draft"
    assert shop.balance("COLA") == ("0.0000", "0.00")
    again = shop.act("other_in", receipt["id"], "approve")
    assert again.status_code == 200, again.text
    shop.post("other_out", [shop.line("COLA", "4")], reason="use")
    problem(shop.act("other_in", receipt["id"], "unapprove"), 409, "insufficient_stock")
    assert shop.balance("COLA") == ("1.0000", "1.00")
    assert shop.verify() == []


def test_lots_required_and_fefo_suggestion(shop: Shop) -> None:
    doc = shop.draft("opening", [shop.line("MILK", "5", "4.00")])
    problem(shop.act("opening", doc["id"], "approve"), 422, "lot_required")
    shop.post(
        "opening",
        [
            shop.line("MILK", "5", "4.00", lot_no="LATE", production_date="2026-10-01"),
            shop.line("MILK", "3", "4.00", lot_no="SOON", expiry_date="2026-12-01"),
        ],
    )
    lots = shop.api.get(
        "/stock-lots", params={"sku_id": shop.sku["MILK"], "warehouse_id": shop.wh["A"]}
    ).json()
    assert [(lot["lot_no"], lot["expiry_date"]) for lot in lots] == [
        ("SOON", "2026-12-01"),
        ("LATE", "2027-10-01"),
    ]
    r = shop.api.post(
        "/stock-lots/suggest", {"sku_id": shop.sku["MILK"], "warehouse_id": shop.wh["A"], "qty": "4"}
    )
    assert [(p["lot_no"], p["qty"]) for p in r.json()] == [("SOON", "3.0000"), ("LATE", "1.0000")]
    problem(
        shop.api.post(
            "/stock-lots/suggest", {"sku_id": shop.sku["MILK"], "warehouse_id": shop.wh["A"], "qty": "9"}
        ),
        409,
        "insufficient_stock",
    )
    out = shop.draft("other_out", [shop.line("MILK", "1", lot_no="NOPE")], reason="loss")
    problem(shop.act("other_out", out["id"], "approve"), 422, "invalid_lines")
    shop.post("other_out", [shop.line("MILK", "3", lot_no="SOON")], reason="loss")
    by_lot = shop.api.get("/stock-balances", params={"by_lot": "true", "q": "MILK"}).json()["items"]
    assert [(b["lot_no"], b["on_hand"]) for b in by_lot] == [("LATE", "5.0000")]
    expiring = shop.api.get("/stock-expiry", params={"days": 3650}).json()["items"]
    assert [e["lot_no"] for e in expiring] == ["LATE"]
    assert shop.verify() == []


def test_stock_at_a_past_date_and_running_ledger(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "10", "1.00")], day="2026-11-01")
    shop.post("other_out", [shop.line("COLA", "3")], day="2026-11-05", reason="use")
    at = shop.api.get("/stock-balances", params={"at": "2026-11-03", "q": "COLA"}).json()["items"]
    assert [(b["on_hand"], b["value"]) for b in at] == [("10.0000", "10.00")]
    page = shop.api.get("/stock-moves", params={"sku_id": shop.sku["COLA"], "date_from": "2026-11-02"}).json()
    assert (page["opening_qty"], page["opening_value"]) == ("10.0000", "10.00")
    assert [m["balance_qty"] for m in page["items"]] == ["7.0000"]
    totals = shop.api.get("/stock-balances/totals").json()
    assert totals == {"on_hand": "7.0000", "value": "7.00"}


def test_cost_fields_hidden_without_cost_view(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "10", "1.00")])
    make_user(
        shop.api.db, "keeper", ["inventory.stock.view", "inventory.opening.view", "inventory.ledger.view"]
    )
    shop.api.login("keeper")
    row = shop.api.get("/stock-balances").json()["items"][0]
    assert row["on_hand"] == "10.0000"
    assert "value" not in row
    assert "unit_cost" not in row
    doc = shop.api.get(PATHS["opening"]).json()["items"][0]
    assert "total_amount" not in doc
    move = shop.api.get("/stock-moves", params={"sku_id": shop.sku["COLA"]}).json()
    assert "value" not in move["items"][0]
    assert "opening_value" not in move


def test_permissions_are_checked_per_action(shop: Shop) -> None:
    doc = shop.draft("other_in", [shop.line("COLA", "1", "1.00")], reason="other")
    make_user(shop.api.db, "clerk", ["inventory.other_in.view", "inventory.other_in.create"])
    shop.api.login("clerk")
    problem(shop.act("other_in", doc["id"], "approve"), 403, "permission_denied")
    problem(shop.api.get("/stock-balances"), 403, "permission_denied")
    r = shop.api.post(
        PATHS["other_in"],
        {
            "business_date": "2026-11-20",
            "warehouse_id": shop.wh["A"],
            "reason": "gift",
            "lines": [shop.line("COLA", "2")],
        },
    )
    assert r.status_code == 201, r.text
    shop.api.login("admin", "admin-pass-123")
    assert shop.act("other_in", doc["id"], "approve").status_code == 200


def test_warehouse_scope_limits_documents(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "5", "1.00")])
    make_user(
        shop.api.db,
        "storeb",
        ["inventory.transfer.view", "inventory.transfer.create", "inventory.stock.view"],
        warehouses=[shop.wh["B"]],
    )
    shop.api.login("storeb")
    r = shop.api.post(
        PATHS["transfer"],
        {
            "business_date": "2026-11-20",
            "warehouse_id": shop.wh["A"],
            "to_warehouse_id": shop.wh["B"],
            "lines": [shop.line("COLA", "1")],
        },
    )
    problem(r, 403, "warehouse_out_of_scope")
    assert shop.api.get("/stock-balances").json()["items"] == []


def test_draft_edit_void_copy_and_bad_input(shop: Shop) -> None:
    doc = shop.draft("transfer", [shop.line("COLA", "1")], remark="首次")
    r = shop.api.put(
        f"{PATHS['transfer']}/{doc['id']}",
        {
            "business_date": "2026-11-21",
            "warehouse_id": shop.wh["A"],
            "to_warehouse_id": shop.wh["B"],
            "remark": "改过",
            "lines": [shop.line("COLA", "2"), shop.line("MILK", "1", lot_no="X")],
            "version": doc["version"],
        },
    )
    assert r.status_code == 200, r.text
    edited = r.json()
    assert edited["remark"] == "改过"
    assert len(edited["lines"]) == 2
    assert edited["version"] > doc["version"]
    stale = shop.api.put(
        f"{PATHS['transfer']}/{doc['id']}",
        {
            "business_date": "2026-11-21",
            "warehouse_id": shop.wh["A"],
            "to_warehouse_id": shop.wh["B"],
            "lines": [shop.line("COLA", "2")],
            "version": doc["version"],
        },
    )
    problem(stale, 409, "version_conflict")
    copy = shop.act("transfer", doc["id"], "copy")
    assert copy.status_code == 201
    assert copy.json()["number"] != doc["number"]
    assert copy.json()["status"] == "draft"
    assert shop.act("transfer", doc["id"], "void").json()["status"] == "void"
    problem(shop.act("transfer", doc["id"], "void"), 409, "invalid_transition")
    same = shop.api.post(
        PATHS["transfer"],
        {
            "business_date": "2026-11-20",
            "warehouse_id": shop.wh["A"],
            "to_warehouse_id": shop.wh["A"],
            "lines": [shop.line("COLA", "1")],
        },
    )
    assert problem(same, 422, "invalid_document")["errors"][0]["field"] == "to_warehouse_id"
    no_cost = shop.api.post(
        PATHS["opening"],
        {"business_date": "2026-11-20", "warehouse_id": shop.wh["A"], "lines": [shop.line("COLA", "1")]},
    )
    assert problem(no_cost, 422, "invalid_lines")["errors"][0]["field"] == "lines.0.unit_cost"
    problem(
        shop.api.post(
            PATHS["opening"],
            {
                "business_date": "2026-11-20",
                "warehouse_id": shop.wh["A"],
                "lines": [shop.line("COLA", "-1", "1")],
            },
        ),
        422,
        "validation_failed",
    )
    assert shop.api.get(f"{PATHS['opening']}/99999").status_code == 404
    listed = shop.api.get(PATHS["transfer"], params={"status": "draft"}).json()
    assert [d["number"] for d in listed["items"]] == [copy.json()["number"]]
    assert listed["items"][0]["number"].startswith("DBD-")
    xlsx = shop.api.get(PATHS["transfer"], params={"format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_stocktake_counts_scans_and_moves_since_the_freeze(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "10", "2.00"), shop.line("MILK", "4", "3.00", lot_no="L1")])
    r = shop.api.post("/stocktakes", {"warehouse_id": shop.wh["A"], "business_date": "2026-11-21"})
    assert r.status_code == 201, r.text
    st = r.json()
    assert st["line_count"] == 2
    assert st["number"].startswith("PDD-")
    # A sale of 1 during the count is not a variance.
    shop.post("other_out", [shop.line("COLA", "1")], day="2026-11-21", reason="use")
    for _ in range(9):
        assert shop.api.post(f"/stocktakes/{st['id']}/scan", {"code": "6901234567892"}).status_code == 200
    problem(shop.api.post(f"/stocktakes/{st['id']}/scan", {"code": "NOPE"}), 404, "barcode_unknown")
    problem(shop.api.post(f"/stocktakes/{st['id']}/scan", {"code": "MILK"}), 422, "lot_required")
    r = shop.api.put(
        f"/stocktakes/{st['id']}/counts", {"sku_id": shop.sku["MILK"], "lot_no": "L1", "qty": "4"}
    )
    assert r.status_code == 200, r.text
    lines = shop.api.get(f"/stocktakes/{st['id']}/lines", params={"filter": "variance"}).json()["items"]
    assert [
        (ln["sku_code"], ln["book_qty"], ln["moved_qty"], ln["counted_qty"], ln["variance_qty"])
        for ln in lines
    ] == [("COLA", "10.0000", "-1.0000", "9.0000", "-1.0000")]
    approved = shop.api.post(f"/stocktakes/{st['id']}/approve").json()
    assert approved["status"] == "approved"
    assert approved["loss_qty"] == "1.0000"
    assert approved["variance_amount"] == "-2.00"
    # 10 − 1 sold − 1 lost = 8
    assert shop.balance("COLA") == ("8.0000", "16.00")
    problem(
        shop.api.post(f"/stocktakes/{st['id']}/scan", {"code": "6901234567892"}), 409, "invalid_transition"
    )
    moves = shop.api.get("/stock-moves", params={"sku_id": shop.sku["COLA"], "kind": "stocktake_loss"}).json()
    assert [m["doc_number"] for m in moves["items"]] == [st["number"]]
    assert shop.api.post(f"/stocktakes/{st['id']}/reverse").json()["status"] == "reversed"
    assert shop.balance("COLA") == ("9.0000", "18.00")
    assert shop.verify() == []


def test_alerts_suggest_quantities(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "3", "1.00")])
    product = shop.api.get("/products", params={"q": "COLA"}).json()["items"][0]
    full = shop.api.get(f"/products/{product['id']}").json()
    sku = full["skus"][0]
    sku["stock_limits"] = [{"warehouse_id": shop.wh["A"], "min_qty": "5", "max_qty": "20"}]
    assert "stock_limits" in full["skus"][0]
    r = shop.api.put(
        f"/products/{product['id']}",
        {
            **{k: full[k] for k in ("code", "name", "base_unit_id", "version")},
            "units": [{"unit_id": shop.units["箱"], "ratio": "24"}],
            "skus": [{"id": sku["id"], "barcodes": sku["barcodes"], "stock_limits": sku["stock_limits"]}],
        },
    )
    assert r.status_code == 200, r.text
    alerts = shop.api.get("/stock-alerts").json()["items"]
    assert [(a["kind"], a["on_hand"], a["suggested_qty"]) for a in alerts] == [("low", "3.0000", "17.0000")]
    assert shop.api.get("/stock-alerts/count").json() == {"low": 1, "high": 0}


def test_money_and_quantities_stay_decimal_strings(shop: Shop) -> None:
    doc = shop.post("opening", [shop.line("COLA", "3", "0.333333")])
    assert doc["lines"][0]["amount"] == "1.00"
    assert doc["total_amount"] == "1.00"
    issue = shop.post("other_out", [shop.line("COLA", "1")], reason="use")
    assert Decimal(issue["lines"][0]["amount"]) == Decimal("0.33")
    assert shop.balance("COLA") == ("2.0000", "0.67")
