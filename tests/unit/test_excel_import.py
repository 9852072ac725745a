"""The Excel engine without a database: upload limits, all-or-nothing import, the error file, registry."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import pytest
from starlette.datastructures import UploadFile

from jxc.common.errors import DomainError
from jxc.common.excel import (
    ApplyResult,
    ImportWriteFailed,
    Row,
    read_table,
    read_upload,
    registry,
    run_import,
    with_errors,
)
from jxc.common.export import Column
from tests.unit.test_excel_reading import HEADER, SPEC, _labels, grid, read, xlsx

__all__ = ["_labels"]  # the autouse fixture giving the test labels their Chinese and English text


def test_too_large_or_wrong_type_refused():
    big = b"x" * (11 * 1024 * 1024)
    assert read_table("big.xlsx", big, SPEC).file_errors == ["文件超过 10 MB，请拆分后分批导入"]
    assert read_table("goods.pdf", b"%PDF", SPEC).file_errors == ["只支持 .xlsx、.xls、.ods、.csv 文件"]
    assert read_table("fake.xlsx", b"not a zip", SPEC).file_errors[0].startswith("无法读取该文件")

    def upload(name: str, data: bytes) -> DomainError:
        with pytest.raises(DomainError) as caught:
            asyncio.run(read_upload(UploadFile(io.BytesIO(data), filename=name), SPEC))
        return caught.value

    too_large = upload("big.xlsx", big)
    assert (too_large.status, too_large.code, too_large.detail()) == (
        413,
        "import_too_large",
        "文件超过 10 MB，请拆分后分批导入。",
    )
    assert (upload("a.exe", b"MZ").status, upload("a.exe", b"MZ").code) == (422, "import_bad_type")
    assert upload("a.csv", b"").code == "import_empty"
    assert asyncio.run(read_upload(UploadFile(io.BytesIO(b"a,b"), filename="dir/a.CSV"), SPEC)) == (
        "a.CSV",
        b"a,b",
    )


class FakeApply:
    def __init__(self, errors_for: set[str] = frozenset(), fail_on_write: bool = False) -> None:  # type: ignore[assignment]
        self.calls: list[tuple[list[int], bool]] = []
        self.errors_for = errors_for
        self.fail_on_write = fail_on_write

    def __call__(self, rows: list[Row], write: bool) -> ApplyResult:
        self.calls.append(([r.number for r in rows], write))
        errors = [
            SPEC.error(r.number, "code", "编码已存在") for r in rows if r.values["code"] in self.errors_for
        ]
        if write and self.fail_on_write:
            errors = [SPEC.error(rows[0].number, "code", "写入时冲突")]
        return ApplyResult(created=len(rows) - 1, updated=1, errors=errors)


def test_clean_file_is_validated_then_written():
    table = read([["A1", "可乐"], ["A2", "雪碧"]])
    preview = FakeApply()
    result = run_import(SPEC, table, preview, commit=False)
    assert preview.calls == [([2, 3], False)]
    assert result.model_dump() == {
        "total": 2,
        "valid": 2,
        "created": 1,
        "updated": 1,
        "committed": False,
        "errors": [],
    }
    apply = FakeApply()
    result = run_import(SPEC, table, apply, commit=True)
    assert apply.calls == [([2, 3], False), ([2, 3], True)]
    assert result.committed
    assert result.created == 1


def test_any_error_means_nothing_is_written():
    bad_cell = read([["A1", "可乐"], ["A2", ""], ["A3", "芬达"]])
    apply = FakeApply(errors_for={"A3"})
    result = run_import(SPEC, bad_cell, apply, commit=True)
    assert apply.calls == [([2, 4], False)]  # the unreadable row 3 is left out of the database check
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "名称", "必填"),
        (4, "编码", "编码已存在"),
    ]
    assert (result.total, result.valid, result.committed) == (3, 1, False)

    bad_file = read_table("x.xlsx", xlsx([["编码"], ["A1"]]), SPEC)
    apply = FakeApply()
    result = run_import(SPEC, bad_file, apply, commit=True)
    assert apply.calls == []
    assert result.errors[0].row == 0
    assert result.errors[0].column == ""
    assert result.model_dump()["errors"][0]["message"].startswith("缺少必填列")

    apply = FakeApply(fail_on_write=True)
    with pytest.raises(ImportWriteFailed) as caught:
        run_import(SPEC, read([["A1", "可乐"]]), apply, commit=True)
    assert caught.value.status == 422
    assert caught.value.result.committed is False
    assert [w for _, w in apply.calls] == [False, True]


def test_error_file_marks_the_bad_rows():
    table = read([["A1", "可乐", "6901234567892", 1.5], ["A2", "", "6.9E+12", "x"], ["A3", "芬达", None, 2]])
    errors = [*table.errors, SPEC.error(4, "code", "编码已存在")]
    cells = grid(with_errors(table, errors))
    assert cells[0] == [*HEADER, "错误"]
    assert cells[1][:4] == ["A1", "可乐", "6901234567892", 1.5]
    assert cells[1][8] == ""
    assert cells[2][:4] == ["A2", "", "6.9E+12", "x"]
    assert (
        cells[2][8]
        == "名称：必填；条码：条码被 Excel 转成了科学计数法，请把该列设为文本后重新输入；售价：不是有效的数字"
    )
    assert cells[3][8] == "编码：编码已存在"
    again = read_table("errors.xlsx", with_errors(table, errors), SPEC)  # the fixed file re-imports
    assert [r.values["barcode"] for r in again.rows] == ["6901234567892", None, None]

    bad_file = read_table("x.xlsx", xlsx([["说明"], ["货号", "品名"], ["A1", "可乐"]]), SPEC)
    cells = grid(with_errors(bad_file, [*run_import(SPEC, bad_file, FakeApply(), commit=False).errors]))
    assert cells[0][0].startswith("没有找到表头")
    assert cells[2][:2] == ["货号", "品名"]


def test_registry_finds_what_a_domain_registered(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(registry, "_entities", {})

    def apply(session: Any, rows: list[Row], write: bool) -> ApplyResult:
        return ApplyResult(created=len(rows) if write else 0)

    columns = [Column("code", "test.code")]
    registry.register("test_products", SPEC, apply, lambda session: [], columns)
    found = registry.get("test_products")
    assert found.spec is SPEC
    assert "test_products" in registry.entities()
    table, result = found.run(object(), "x.csv", "编码,名称\nA1,可乐\n".encode(), commit=True)  # type: ignore[arg-type]
    assert result.committed
    assert result.created == 1
    assert table.rows[0].values["code"] == "A1"
    assert registry.find("nothing") is None
    with pytest.raises(KeyError):
        registry.get("nothing")
