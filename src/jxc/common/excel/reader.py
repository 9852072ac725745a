"""Read an uploaded .xlsx/.xls/.ods/.csv into typed rows, collecting every problem of the whole file.

The header is found among the first rows (the template has an instruction line above it), matched by the
translated label in any language or by the field key, so a template or an export both re-import. Unknown
columns are ignored; a column that is absent leaves its key out of `Row.values` (an upsert then keeps the
stored value), a present but empty cell gives None.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from jxc.common.excel.cells import Coercer, is_empty, text_of
from jxc.common.excel.spec import HEADER_ROW, CellError, ImportSpec, normalise
from jxc.common.i18n import t

SPREADSHEETS = (".xlsx", ".xls", ".ods")
EXTENSIONS = (*SPREADSHEETS, ".csv")
HEADER_SEARCH = 5
DELIMITERS = (",", "\t", ";")
SNIFF_CHARS = 64 * 1024


@dataclass
class Row:
    number: int  # 1-based spreadsheet row number, as the user sees it
    values: dict[str, Any]
    raw: list[str]  # every cell of the row as text, for the error file


@dataclass
class Table:
    spec: ImportSpec
    rows: list[Row] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)  # cell errors found while reading
    header: list[str] = field(default_factory=list)  # the header row as read
    header_row: int = 0  # its spreadsheet row number; 0 when none was found
    preamble: list[list[str]] = field(default_factory=list)  # rows above the header, as text
    columns: dict[str, int] = field(default_factory=dict)  # field key → 0-based column index

    def has_column(self, key: str) -> bool:
        return key in self.columns


def read_table(filename: str, data: bytes, spec: ImportSpec) -> Table:
    table = Table(spec)
    if len(data) > spec.max_bytes:
        table.file_errors.append(t("excel.file_too_large", max_mb=spec.max_bytes // (1024 * 1024)))
        return table
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in EXTENSIONS:
        table.file_errors.append(t("excel.file_bad_type"))
        return table
    grid = _csv_grid(data, spec, table) if suffix == ".csv" else _sheet_grid(data, table)
    if grid is not None:
        _parse(grid, spec, table)
    return table


def _sheet_grid(data: bytes, table: Table) -> list[list[Any]] | None:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [
            m.name
            for m in book.sheets_metadata
            if m.visible == SheetVisibleEnum.Visible and m.typ == SheetTypeEnum.WorkSheet
        ]
        sheet = book.get_sheet_by_name(names[0]) if names else book.get_sheet_by_index(0)
        # Not skipping the empty area keeps index + 1 equal to the row number the user sees.
        grid: list[list[Any]] = sheet.to_python(skip_empty_area=False)
    except Exception:
        # Whatever calamine cannot parse (corrupt, encrypted, renamed file) is the user's file to fix.
        table.file_errors.append(t("excel.file_unreadable"))
        return None
    return grid


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _csv_grid(data: bytes, spec: ImportSpec, table: Table) -> list[list[Any]] | None:
    text = _decode(data)
    if text is None:
        table.file_errors.append(t("excel.file_encoding"))
        return None
    head = "\n".join(text[:SNIFF_CHARS].splitlines()[:HEADER_SEARCH])
    names = _names(spec)

    def score(delimiter: str) -> tuple[int, int]:
        try:
            rows = list(csv.reader(io.StringIO(head), delimiter=delimiter))
        except csv.Error:
            return 0, 0
        return max((_matches(r, names) for r in rows), default=0), head.count(delimiter)

    delimiter = max(DELIMITERS, key=score)
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error:  # e.g. a field over the csv module's size limit: not a table we can use
        table.file_errors.append(t("excel.file_unreadable"))
        return None


def _names(spec: ImportSpec) -> dict[str, str]:
    names: dict[str, str] = {}
    for f in spec.fields:
        for name in f.names():
            names.setdefault(name, f.key)
    return names


def _matches(row: Sequence[Any], names: dict[str, str]) -> int:
    return len({names[n] for n in (normalise(text_of(c)) for c in row) if n in names})


def _trimmed(cells: Sequence[Any]) -> list[str]:
    texts = [c if c.__class__ is str else text_of(c) for c in cells]
    while texts and not texts[-1].strip():
        texts.pop()
    return texts


def _parse(grid: list[list[Any]], spec: ImportSpec, table: Table) -> None:
    names = _names(spec)
    scores = [_matches(row, names) for row in grid[:HEADER_SEARCH]]
    best = max(scores, default=0)
    expected = "、".join(f.header() for f in spec.fields)
    if best == 0:
        table.preamble = [_trimmed(r) for r in grid[:HEADER_SEARCH]]
        table.file_errors.append(t("excel.file_no_header", columns=expected))
        return
    h = scores.index(best)
    table.header_row = h + 1
    table.header = _trimmed(grid[h])
    table.preamble = [_trimmed(r) for r in grid[:h]]
    for index, cell in enumerate(grid[h]):
        key = names.get(normalise(text_of(cell)))
        if key is not None:
            table.columns.setdefault(key, index)
    missing = [f.header() for f in spec.required() if f.key not in table.columns]
    if missing:
        table.file_errors.append(
            t("excel.file_missing_columns", columns="、".join(missing), expected=expected)
        )
        return

    mapped = list(table.columns.items())

    def blank(row: list[Any]) -> bool:
        return all(index >= len(row) or is_empty(row[index]) for _, index in mapped)

    data = [(h + 2 + offset, row) for offset, row in enumerate(grid[h + 1 :]) if not blank(row)]
    # Counted before any cell is converted: an oversized file costs no more than its parsing.
    if len(data) > spec.max_rows:
        table.file_errors.append(t("excel.file_too_many_rows", max=spec.max_rows, count=len(data)))
        return
    _convert(data, spec, table, first_data_row=h + 2)
    if not table.rows and not table.errors:
        table.file_errors.append(t("excel.file_no_rows"))


def _convert(data: list[tuple[int, list[Any]]], spec: ImportSpec, table: Table, first_data_row: int) -> None:
    coerce = Coercer(list(spec.fields))
    columns = [(key, index, coerce.for_field(spec.field(key))) for key, index in table.columns.items()]
    labels = {key: spec.field(key).label() for key in table.columns}
    example = {f.key: coerce(f, f.example)[0] for f in spec.fields if f.example is not None}
    width = max((index for _, index, _ in columns), default=-1) + 1
    for number, cells in data:
        if len(cells) < width:
            cells = [*cells, *[None] * (width - len(cells))]
        values: dict[str, Any] = {}
        errors: list[CellError] = []
        for key, index, convert in columns:
            value, message = convert(cells[index])
            values[key] = value
            if message:
                errors.append(CellError(row=number, column=labels[key], message=message))
        # The template's untouched example row; only a file that still has the template's instruction row
        # can hold one, so a real first row of any other file is never mistaken for it.
        if (
            example
            and table.header_row == HEADER_ROW
            and number == first_data_row
            and not errors
            and _is_example(values, example)
        ):
            continue
        table.errors.extend(errors)
        table.rows.append(Row(number=number, values=values, raw=_trimmed(cells)))


def _is_example(values: dict[str, Any], example: dict[str, Any]) -> bool:
    return all(values[key] == example.get(key) for key in values) and any(key in values for key in example)
