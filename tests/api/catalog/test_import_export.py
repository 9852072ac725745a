"""Excel: templates, imports that list every bad row and write all or nothing, exports that re-import."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from python_calamine import CalamineWorkbook

from tests.helpers import Api, make_user, problem

HEAD = [
    "编码*",
    "名称*",
    "规格",
    "基本单位*",
    "条码",
    "辅助单位",
    "换算率",
    "辅助单位条码",
    "零售价",
    "参考进价",
]


def xlsx(rows: list[list[Any]], head: list[str] = HEAD) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, head)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    wb.close()
    return buf.getvalue()


def upload(api: Api, entity: str, data: bytes, mode: str = "preview", name: str = "商品.xlsx") -> Any:
    files = {"file": (name, data, "application/octet-stream")}
    return api.client.post(
        f"/api/v1/{entity}/import",
        params={"mode": mode},
        files=files,
        headers={"x-csrf-token": api.csrf or ""},
    )


GOOD = [
    ["KL01", "可口可乐 330ml", "330ml", "瓶", "6901234567892", "箱", 24, "16901234567899", 3.5, 2.1],
    ["XB01", "雪碧 330ml", "330ml", "瓶", "6902538000016", None, None, None, 3.5, None],
    ["NF01", "农夫山泉 550ml", "550ml", "瓶", "6921168509256", "箱", 24, None, 2, 1.1],
    ["TZ01", "散装糖果", "", "千克", None, None, None, None, 29.9, None],
]


def test_template_has_instructions_and_starred_headers(api, units):
    r = api.get("/products/import-template")
    assert r.status_code == 200
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(r.content)).get_sheet_by_index(0).to_python()
    assert "编码" in sheet[0][0]
    assert sheet[1][:3] == ["编码*", "名称*", "规格"]
    for entity in ("partners", "warehouses", "accounts", "categories"):
        assert api.get(f"/{entity}/import-template").status_code == 200


def test_three_bad_rows_are_all_listed_and_nothing_is_written(api, units):
    bad = [
        *GOOD,
        ["BAD1", "坏条码", "", "瓶", "6901234567891", None, None, None, 1, None],
        ["BAD2", "没有单位", "", "盒", None, None, None, None, 1, None],
        ["KL01", "重复编码", "", "瓶", None, None, None, None, 1, None],
    ]
    preview = upload(api, "products", xlsx(bad)).json()
    assert preview["total"] == 7
    assert sorted(e["row"] for e in preview["errors"]) == [6, 7, 8]
    assert {e["column"] for e in preview["errors"]} == {"条码", "基本单位", "编码"}
    result = upload(api, "products", xlsx(bad), mode="commit").json()
    assert result["committed"] is False
    assert api.get("/products").json()["total"] == 0
    errors_file = api.client.post(
        "/api/v1/products/import/error-file",
        files={"file": ("商品.xlsx", xlsx(bad), "application/octet-stream")},
        headers={"x-csrf-token": api.csrf or ""},
    )
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(errors_file.content)).get_sheet_by_index(0).to_python()
    assert any("错误" in str(c) for c in sheet[0])
    assert sum(1 for row in sheet[1:] if str(row[-1]).strip()) == 3


def test_fixed_file_imports_and_export_re_imports_unchanged(api, units):
    result = upload(api, "products", xlsx(GOOD), mode="commit").json()
    assert result == {"total": 4, "valid": 4, "created": 4, "updated": 0, "committed": True, "errors": []}
    cola = api.get("/products", params={"q": "kkkl"}).json()["items"][0]
    detail = api.get(f"/products/{cola['id']}").json()
    assert [u["name"] for u in detail["units"]] == ["瓶", "箱"]
    assert {b["barcode"] for b in detail["skus"][0]["barcodes"]} == {"6901234567892", "16901234567899"}
    assert detail["skus"][0]["prices"][0]["purchase_price"] == "2.100000"
    exported = api.get("/products", params={"format": "xlsx"})
    again = upload(api, "products", exported.content, mode="commit", name="export.xlsx").json()
    assert again["errors"] == []
    assert (again["created"], again["updated"]) == (0, 4)
    after = api.get(f"/products/{cola['id']}").json()
    assert after["skus"] == detail["skus"]
    assert after["version"] == detail["version"] + 1
    assert api.get("/products", params={"q": "6921168509256"}).json()["total"] == 1


def test_scientific_barcodes_and_float_codes(api, units):
    rows = [["2001", "浮点编码", "", "瓶", "6.9E+12", None, None, None, 1, None]]
    data = xlsx([[2001.0, *rows[0][1:]]])
    errors = upload(api, "products", data).json()["errors"]
    assert [e["column"] for e in errors] == ["条码"]
    assert "科学计数法" in errors[0]["message"]


def test_wrong_headers_are_a_file_error(api, units):
    r = upload(api, "products", xlsx([["x"]], head=["货号", "品名"])).json()
    assert r["errors"][0]["row"] == 0
    assert "编码" in r["errors"][0]["message"]


def test_upload_limits(api):
    problem(
        api.client.post(
            "/api/v1/products/import",
            files={"file": ("a.txt", b"x", "text/plain")},
            headers={"x-csrf-token": api.csrf or ""},
        ),
        422,
        "import_bad_type",
    )
    big = b"a,b\n" + b"x" * (11 * 1024 * 1024)
    r = api.client.post(
        "/api/v1/products/import",
        files={"file": ("a.csv", big, "text/csv")},
        headers={"x-csrf-token": api.csrf or ""},
    )
    assert r.status_code == 413


def test_import_needs_its_permission_and_cost_rights(api, units, client):
    make_user(api.db, "clerk", ["catalog.product.view", "catalog.product.import"])
    clerk = Api(client, api.db)
    clerk.login("clerk")
    errors = upload(clerk, "products", xlsx(GOOD)).json()["errors"]
    assert {e["column"] for e in errors} == {"参考进价"}
    head = HEAD[:-1]
    assert upload(clerk, "products", xlsx([r[:-1] for r in GOOD], head=head), mode="commit").json()[
        "committed"
    ]
    problem(clerk.get("/partners/import-template"), 403, "permission_denied")


def test_partner_warehouse_account_category_imports(api):
    api.post("/price-levels", {"name": "批发"})
    partners = xlsx(
        [
            ["KH1", "华联超市", "是", "否", "王经理", "13900000000", "批发"],
            ["GYS1", "可口可乐装瓶厂", "否", "是", None, None, None],
        ],
        head=["编码*", "名称*", "客户", "供应商", "联系人", "联系人电话", "价格等级"],
    )
    assert upload(api, "partners", partners, mode="commit").json()["created"] == 2
    p = api.get("/partners", params={"q": "hlcs"}).json()["items"][0]
    assert p["contacts"][0]["name"] == "王经理"
    assert p["price_level_id"] is not None
    assert api.get("/partners", params={"kind": "supplier"}).json()["items"][0]["code"] == "GYS1"
    warehouses = xlsx([["WH1", "总仓", "仓库"], ["ST1", "门店", "门店"]], head=["编码*", "名称*", "类型"])
    assert upload(api, "warehouses", warehouses, mode="commit").json()["created"] == 2
    assert api.get("/warehouses", params={"kind": "store"}).json()["items"][0]["code"] == "ST1"
    accounts = xlsx([["XJ", "现金", "现金"], ["WX", "微信", "微信"]], head=["编码*", "名称*", "类型"])
    assert upload(api, "accounts", accounts, mode="commit").json()["created"] == 2
    categories = xlsx([["饮料/碳酸饮料"], ["饮料/矿泉水"], ["零食"]], head=["分类*"])
    assert upload(api, "categories", categories, mode="commit").json()["created"] == 3
    tree = api.get("/categories").json()
    assert sorted(c["name"] for c in tree) == ["零食", "饮料"]
    exported = api.get("/partners", params={"format": "xlsx"}).content
    again = upload(api, "partners", exported, mode="commit", name="p.xlsx").json()
    assert (again["errors"], again["created"], again["updated"]) == ([], 0, 2)


def test_re_import_keeps_what_a_row_does_not_show(api, units):
    """A row shows one barcode and one extra unit; updates must not drop the others (nor variant SKUs)."""
    from tests.api.catalog.conftest import cola

    body = cola(units, code="KL9")
    body["units"].append({"unit_id": units["件"], "ratio": "6"})
    body["skus"][0]["barcodes"].append({"barcode": "A-KL9", "unit_id": units["瓶"]})
    p = api.post("/products", body).json()
    tee = api.post(
        "/products",
        {
            "name": "T恤",
            "code": "TX9",
            "base_unit_id": units["件"],
            "attributes": [{"name": "颜色", "values": ["白", "黑"]}],
        },
    ).json()
    exported = api.get("/products", params={"format": "xlsx"}).content
    result = upload(api, "products", exported, mode="commit", name="e.xlsx").json()
    assert (result["errors"], result["updated"]) == ([], 2)
    again = api.get(f"/products/{p['id']}").json()
    assert [u["name"] for u in again["units"]] == [u["name"] for u in p["units"]]
    assert again["skus"][0]["barcodes"] == p["skus"][0]["barcodes"]
    assert again["skus"][0]["prices"] == p["skus"][0]["prices"]
    assert len(api.get(f"/products/{tee['id']}").json()["skus"]) == 2
    assert api.get("/products", params={"q": "a-kl9"}).json()["total"] == 1
    assert api.get("/skus", params={"q": "TX9-02"}).json()["total"] == 1


def test_base_unit_cannot_change_through_an_import(api, units):
    upload(api, "products", xlsx(GOOD[:1]), mode="commit")
    changed = [["KL01", "可口可乐 330ml", "330ml", "箱", None, None, None, None, 3.5, 2.1]]
    errors = upload(api, "products", xlsx(changed)).json()["errors"]
    assert [e["column"] for e in errors] == ["基本单位"]
