"""The short paths a large import takes give the same answers as the general ones."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jxc.common.excel import ApplyResult, ImportSpec, ImportWriteFailed, Row, run_import
from jxc.common.excel.cells import Coercer
from jxc.common.pinyin import search_text
from tests.unit.test_excel_reading import SPEC, _labels, read

__all__ = ["_labels"]  # the autouse fixture giving the test labels their Chinese and English text

CELLS: list[Any] = [
    None,
    "",
    "  ",
    " A1 ",
    "可口可乐 330ml",
    "x" * 11,
    "6901234567892",
    " 6901234567892 ",
    "6.9E+12",
    "12.5",
    "１２３",
    "²",
    "-1",
    "¥3.50",
    "3.505",
    "1,234.5",
    ",",
    "'",
    "+",
    "-¥3.5",
    0,
    1,
    24,
    -0.0,
    0.0,
    0.1,
    3.5,
    2.1,
    1e20,
    float("nan"),
    float("inf"),
    True,
    False,
    date(2024, 1, 2),
    datetime(2024, 1, 2, 3, 4),
]


def _same(coerce: Coercer, key: str, cell: Any) -> None:
    field = SPEC.field(key)
    short, general = coerce.for_field(field)(cell), coerce(field, cell)
    assert (repr(short[0]), short[1]) == (repr(general[0]), general[1]), cell


@pytest.mark.parametrize("key", [f.key for f in SPEC.fields])
def test_each_kind_answers_as_the_general_path(key: str):
    coerce = Coercer(list(SPEC.fields))
    for _ in range(2):  # the second round is answered from the memo where there is one
        for cell in CELLS:
            _same(coerce, key, cell)


@given(st.one_of(st.text(max_size=14), st.floats(), st.integers(), st.decimals().map(str)))
def test_any_cell_answers_as_the_general_path(cell: Any):
    coerce = Coercer(list(SPEC.fields))
    for key in ("code", "name", "barcode", "price"):
        _same(coerce, key, cell)
        _same(coerce, key, cell)


def test_a_cell_of_only_separators_is_not_a_number():
    price = SPEC.field("price")
    for cell in (",", "'", " ， "):
        value, message = Coercer(list(SPEC.fields))(price, cell)
        assert value is None
        assert message == "不是有效的数字"


def _reference_search_text(*parts: str | None) -> str:
    return "|".join("".join(p.lower().split()) for p in parts if p and p.strip())


@given(st.lists(st.one_of(st.none(), st.text(max_size=8)), max_size=6))
def test_search_text_as_joined_part_by_part(parts: list[str | None]):
    assert search_text(*parts) == _reference_search_text(*parts)


def test_search_text_examples():
    parts = ["B0000001", "农夫山泉 1号", "  ", None, "ΑΣ Β", "\u3000x\u00a0Y", "İ"]
    assert search_text(*parts) == _reference_search_text(*parts)


class Recording:
    def __init__(self, errors_for: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.calls: list[bool] = []
        self.errors_for = errors_for

    def __call__(self, rows: list[Row], write: bool) -> ApplyResult:
        self.calls.append(write)
        errors = [
            SPEC.error(r.number, "code", "编码已存在") for r in rows if r.values["code"] in self.errors_for
        ]
        return ApplyResult(created=len(rows), errors=errors)


CHECKS_ON_WRITE = ImportSpec(SPEC.entity, SPEC.title_key, SPEC.fields, checks_on_write=True)


def test_a_domain_that_checks_before_writing_is_called_once():
    clean = read([["A1", "可乐"], ["A2", "雪碧"]])
    apply = Recording()
    result = run_import(CHECKS_ON_WRITE, clean, apply, commit=True)
    assert apply.calls == [True]
    assert (result.committed, result.created, result.valid) == (True, 2, 2)

    refused = Recording(errors_for={"A2"})
    result = run_import(CHECKS_ON_WRITE, clean, refused, commit=True)  # an answer, not ImportWriteFailed
    assert refused.calls == [True]
    assert (result.committed, result.valid, [e.row for e in result.errors]) == (False, 1, [3])

    preview = Recording()
    assert not run_import(CHECKS_ON_WRITE, clean, preview, commit=False).committed
    assert preview.calls == [False]

    unreadable = Recording()
    result = run_import(CHECKS_ON_WRITE, read([["A1", "可乐"], ["A2", ""]]), unreadable, commit=True)
    assert unreadable.calls == [False]  # cell errors: only the check runs, as for any domain
    assert not result.committed


def test_without_the_flag_a_write_failure_still_rolls_back():
    clean = read([["A1", "可乐"]])

    def fails_on_write(rows: list[Row], write: bool) -> ApplyResult:
        return ApplyResult(errors=[SPEC.error(2, "code", "写入时冲突")] if write else [])

    with pytest.raises(ImportWriteFailed):
        run_import(SPEC, clean, fails_on_write, commit=True)


@pytest.mark.parametrize("read_all_from", [1, 10**9])
def test_product_import_reads_back_ids_either_way(
    seeded: Any, monkeypatch: pytest.MonkeyPatch, read_all_from: int
):
    from sqlalchemy import select

    import jxc.models  # noqa: F401  (every table and registration, as the CLI loads them)
    from jxc.catalog import excel as catalog_excel
    from jxc.catalog.models import Barcode, Product, Sku, Unit
    from jxc.common.context import RequestContext, activate, deactivate
    from jxc.common.excel import registry

    monkeypatch.setattr(catalog_excel, "_READ_ALL_CODES", read_all_from)
    token = activate(RequestContext(request_id="t", username="system", is_admin=True, company_id=1))
    try:
        with seeded.transaction(writer=True, company_id=1) as session:
            session.add(Unit(name="瓶"))
        data = "编码,名称,基本单位,条码\nP1,可乐,瓶,6901234567892\nP2,雪碧,瓶,\n".encode()
        with seeded.transaction(writer=True, company_id=1) as session:
            _, result = registry.get("products").run(session, "p.csv", data, commit=True)
        assert (result.committed, result.created) == (True, 2)
        with seeded.transaction(writer=False, company_id=1) as session:
            skus = dict(session.execute(select(Sku.code, Sku.product_id)).all())
            products = dict(session.execute(select(Product.code, Product.id)).all())
            codes = list(session.execute(select(Barcode.sku_id, Barcode.barcode)).all())
            sku_ids = dict(session.execute(select(Sku.code, Sku.id)).all())
    finally:
        deactivate(token)
    assert skus == products
    assert codes == [(sku_ids["P1"], "6901234567892")]
