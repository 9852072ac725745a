"""The Excel engine without a database: the template, reading files, turning cells into values."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from jxc.common.context import RequestContext, activate, deactivate
from jxc.common.excel import (
    Field,
    ImportSpec,
    build_template,
    read_table,
)
from jxc.common.excel import reader as reader_module
from jxc.common.i18n import catalogue

LABELS = {
    "test.entity": ("测试商品", "Test products"),
    "test.code": ("编码", "Code"),
    "test.name": ("名称", "Name"),
    "test.barcode": ("条码", "Barcode"),
    "test.price": ("售价", "Price"),
    "test.qty": ("数量", "Quantity"),
    "test.active": ("启用", "Active"),
    "test.kind": ("类型", "Kind"),
    "test.kind.cash": ("现金", "Cash"),
    "test.kind.bank": ("银行", "Bank"),
    "test.day": ("日期", "Date"),
    "test.help.price": ("最多两位小数", "Two decimals at most"),
}

SPEC = ImportSpec(
    "test_products",
    "test.entity",
    [
        Field("code", "test.code", required=True, kind="code", max_length=10, example="A001"),
        Field("name", "test.name", required=True, example="可口可乐 330ml"),
        Field("barcode", "test.barcode", kind="barcode", example="6901234567892"),
        Field("price", "test.price", kind="decimal", scale=2, help_key="test.help.price", example="3.50"),
        Field("qty", "test.qty", kind="int"),
        Field("active", "test.active", kind="bool", example="是"),
        Field(
            "kind",
            "test.kind",
            kind="choice",
            choices=(("cash", "test.kind.cash"), ("bank", "test.kind.bank")),
        ),
        Field("day", "test.day", kind="date"),
    ],
)
HEADER = ["编码*", "名称*", "条码", "售价", "数量", "启用", "类型", "日期"]


@pytest.fixture(autouse=True)
def _labels(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, (zh, en) in LABELS.items():
        monkeypatch.setitem(catalogue("zh-CN"), key, zh)
        monkeypatch.setitem(catalogue("en"), key, en)


def xlsx(rows: list[list[Any]]) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if isinstance(value, datetime):
                ws.write_datetime(r, c, value, wb.add_format({"num_format": "yyyy-mm-dd"}))
            elif value is not None:
                ws.write(r, c, value)
    wb.close()
    return buf.getvalue()


def grid(data: bytes) -> list[list[Any]]:
    return (
        CalamineWorkbook.from_filelike(io.BytesIO(data))
        .get_sheet_by_index(0)
        .to_python(skip_empty_area=False)
    )


def read(rows: list[list[Any]]) -> reader_module.Table:
    return read_table("goods.xlsx", xlsx([HEADER, *rows]), SPEC)


def messages(table: reader_module.Table) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in table.errors]


def test_template_has_instructions_starred_headers_dropdowns_and_text_columns():
    data = build_template(SPEC)
    cells = grid(data)
    assert "带 * 的列必须填写：编码、名称" in cells[0][0]
    assert "编码、条码 请按文本填写" in cells[0][0]
    assert "50000" in cells[0][0]
    assert "售价：最多两位小数" in cells[0][0]
    assert cells[1] == HEADER
    assert cells[2][:4] == ["A001", "可口可乐 330ml", "6901234567892", 3.5]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    assert '<dataValidation type="list"' in sheet
    assert 'sqref="F3:F50002"' in sheet  # 启用 (column F) from the first data row down to row 50,002
    assert '<formula1>"是,否"</formula1>' in sheet
    assert '<formula1>"现金,银行"</formula1>' in sheet
    assert 'ySplit="2"' in sheet  # frozen header
    assert '<numFmt numFmtId="164" formatCode="@"/>' in styles
    # 编码 and 条码 (columns 1 and 3) are text for the whole column, so Excel keeps 6901234567892 as typed
    assert '<col min="1" max="1" width="18.7109375" style="1"' in sheet
    assert '<col min="3" max="3" width="18.7109375" style="1"' in sheet


def test_template_in_english_and_empty_template_has_no_rows():
    token = activate(RequestContext(language="en"))
    try:
        cells = grid(build_template(SPEC))
        assert cells[1][:2] == ["Code*", "Name*"]
    finally:
        deactivate(token)
    table = read_table("t.xlsx", build_template(SPEC), SPEC)
    assert table.header_row == 2
    assert table.rows == []  # the untouched example row is not data
    assert table.file_errors == ["文件里没有数据行"]


def test_round_trip_template_then_filled_rows():
    template = grid(build_template(SPEC))
    filled = [
        *template[:2],
        ["A001", "可口可乐 330ml", "6901234567892", 3.5, None, "是"],  # the example, edited below
        ["B002", "雪碧", "6901234567809", "¥1,234.5", 12, "否", "银行", datetime(2024, 1, 5)],
        [],
        ["C003", "芬达", None, 0.1, "3", "Y", "cash", "2024/02/29"],
    ]
    filled[2][1] = "可口可乐 500ml"
    table = read_table("filled.xlsx", xlsx(filled), SPEC)
    assert table.file_errors == []
    assert table.errors == []
    assert [r.number for r in table.rows] == [3, 4, 6]  # the empty row 5 is skipped, numbers as in Excel
    first, second, third = (r.values for r in table.rows)
    assert first["name"] == "可口可乐 500ml"
    assert first["price"] == Decimal("3.50")
    assert second == {
        "code": "B002",
        "name": "雪碧",
        "barcode": "6901234567809",
        "price": Decimal("1234.50"),
        "qty": 12,
        "active": False,
        "kind": "bank",
        "day": date(2024, 1, 5),
    }
    assert third["price"] == Decimal("0.10")
    assert third["qty"] == 3
    assert third["active"] is True
    assert third["kind"] == "cash"
    assert third["day"] == date(2024, 2, 29)
    assert third["barcode"] is None


def test_numbers_excel_made_are_read_exactly():
    table = read(
        [
            [2001.0, "整数编码", 6901234567892.0, 0.1],
            ["A2", "科学计数法", "6.9E+12", 19.99],
            ["A3", "截断", "6.90123E+12", 0.30000000000000004],
            ["A4", "小数条码", 690123.5, 1e-7],
        ]
    )
    first = table.rows[0].values
    assert first["code"] == "2001"
    assert first["barcode"] == "6901234567892"
    assert first["price"] == Decimal("0.1")
    assert str(first["price"]) == "0.10"
    assert table.rows[1].values["price"] == Decimal("19.99")
    assert table.rows[2].values["price"] == Decimal("0.30")  # the formula's binary noise, as Excel shows it
    assert table.rows[0].raw[:3] == ["2001", "整数编码", "6901234567892"]
    scientific = "条码被 Excel 转成了科学计数法，请把该列设为文本后重新输入"
    assert messages(table) == [
        (3, "条码", scientific),
        (4, "条码", scientific),
        (5, "条码", "条码不能带小数点、负号或其他数字符号"),
        (5, "售价", "最多 2 位小数"),
    ]


def test_every_bad_row_is_reported_at_once():
    table = read(
        [
            ["A1", "好的", None, "1.00"],
            ["A2", "", None, "abc"],
            ["A3", "好的"],
            ["A4567890123", "太长", None, "1.234", "1.5", "也许", "信用卡", "2024-13-01"],
            ["A5", "好的", None, None, None, None, "现金"],
        ]
    )
    assert len(table.rows) == 5
    assert messages(table) == [
        (3, "名称", "必填"),
        (3, "售价", "不是有效的数字"),
        (5, "编码", "不能超过 10 个字符"),
        (5, "售价", "最多 2 位小数"),
        (5, "数量", "应为整数"),
        (5, "启用", "请填写“是”或“否”"),
        (5, "类型", "可选值：现金、银行"),
        (5, "日期", "日期格式应为 YYYY-MM-DD，如 2024-01-05"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_in_utf8_bom_or_gb18030(encoding: str, delimiter: str):
    lines = [HEADER[:4], ["A1", "可口可乐", "6901234567892", "¥3.50"], ["A2", "雪碧", "", "1,000"]]
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows(lines)
    text = buf.getvalue()
    table = read_table("goods.csv", text.encode(encoding), SPEC)
    assert table.file_errors == []
    assert table.errors == []
    assert [r.values["name"] for r in table.rows] == ["可口可乐", "雪碧"]
    assert table.rows[1].values["price"] == Decimal("1000.00")


def test_csv_scientific_barcode_is_an_error():
    table = read_table("g.csv", "编码,名称,条码\nA1,可乐,6.9E+12\n".encode(), SPEC)
    assert messages(table) == [(2, "条码", "条码被 Excel 转成了科学计数法，请把该列设为文本后重新输入")]


def test_headers_by_key_or_english_label_and_unknown_columns_ignored():
    table = read_table("x.xlsx", xlsx([["code", "Name *", "备注"], ["A1", "可乐", "随便"]]), SPEC)
    assert table.file_errors == []
    assert table.rows[0].values == {"code": "A1", "name": "可乐"}
    assert table.has_column("code")
    assert not table.has_column("price")


def test_wrong_headers_name_the_missing_columns():
    missing = read_table("x.xlsx", xlsx([["编码", "价格"], ["A1", "3"]]), SPEC)
    assert len(missing.file_errors) == 1
    assert missing.file_errors[0].startswith("缺少必填列：名称*")
    nothing = read_table("x.xlsx", xlsx([["货号", "品名"], ["A1", "可乐"]]), SPEC)
    assert nothing.file_errors[0].startswith("没有找到表头")
    assert "编码*、名称*" in nothing.file_errors[0]
    assert missing.rows == nothing.rows == []
    token = activate(RequestContext(language="en"))
    try:
        english = read_table("x.xlsx", xlsx([["编码", "价格"], ["A1", "3"]]), SPEC)
        assert english.file_errors[0].startswith("Required columns missing: Name*")
    finally:
        deactivate(token)


def test_too_many_rows_refused_without_reading_them(monkeypatch: pytest.MonkeyPatch):
    def no_coercion(*_: Any) -> Any:
        raise AssertionError("rows were converted")

    monkeypatch.setattr(reader_module.Coercer, "__call__", no_coercion)
    body = "\n".join(f"A{i},商品{i}" for i in range(50_001))
    table = read_table("big.csv", ("编码,名称\n" + body).encode(), SPEC)
    assert table.file_errors == ["数据共 50001 行，超过每次 50000 行的上限，请分批导入"]
    assert table.rows == []
