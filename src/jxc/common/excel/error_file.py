"""The uploaded sheet handed back with an 错误 column: the user fixes the marked rows and uploads it again.

Rows keep the numbers they had (the messages name them), codes and barcodes stay text, the bad rows are
shaded and the bad cells more so. Problems of the whole file go on a first line of their own.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import xlsxwriter

from jxc.common.excel.cells import NUMBER
from jxc.common.excel.reader import Table
from jxc.common.excel.spec import CellError
from jxc.common.excel.template import display_width, sheet_name
from jxc.common.i18n import t

ROW_FILL = "#FDECEC"
CELL_FILL = "#F8B9B9"


def _number(text: str) -> Decimal | None:
    if not NUMBER.match(text.strip()):
        return None
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def with_errors(table: Table, errors: Sequence[CellError]) -> bytes:
    spec = table.spec
    by_row: dict[int, list[str]] = defaultdict(list)
    bad_cells: set[tuple[int, int]] = set()
    column_of = {spec.field(key).label(): index for key, index in table.columns.items()}
    file_messages = [e.message for e in errors if e.row <= 0]
    for e in errors:
        if e.row > 0:
            by_row[e.row].append(f"{e.column}：{e.message}" if e.column else e.message)
            if e.column in column_of:
                bad_cells.add((e.row, column_of[e.column]))
    text_columns = {i for k, i in table.columns.items() if spec.field(k).kind in ("code", "barcode")}
    number_columns = {i for k, i in table.columns.items() if spec.field(k).kind in ("decimal", "int")}
    width = max([len(table.header), *(len(r.raw) for r in table.rows), *(len(p) for p in table.preamble), 1])

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "constant_memory": True})
    ws = wb.add_worksheet(sheet_name(spec.title()))
    formats: dict[tuple[bool, int], Any] = {}

    def fmt(is_text: bool, shade: int) -> Any:
        key = (is_text, shade)
        if key not in formats:
            props: dict[str, Any] = {"num_format": "@"} if is_text else {}
            if shade:
                props["bg_color"] = ROW_FILL if shade == 1 else CELL_FILL
            formats[key] = wb.add_format(props)
        return formats[key]

    head = wb.add_format({"bold": True, "bg_color": "#F2F3F5", "border": 1})
    error_head = wb.add_format({"bold": True, "bg_color": CELL_FILL, "border": 1, "font_color": "#C00000"})
    error_text = wb.add_format({"font_color": "#C00000", "text_wrap": True, "bg_color": ROW_FILL})
    file_line = wb.add_format({"bold": True, "font_color": "#C00000", "text_wrap": True})

    for c in range(width):
        label = table.header[c] if c < len(table.header) else ""
        ws.set_column(
            c, c, min(max(display_width(label) + 4, 12), 40), fmt(True, 0) if c in text_columns else None
        )
    ws.set_column(width, width, 60)

    offset = 0
    if file_messages:
        ws.write_string(0, 0, "；".join(file_messages), file_line)
        offset = 1
    for r, cells in enumerate(table.preamble):
        for c, value in enumerate(cells):
            if value:
                ws.write_string(r + offset, c, value)
    if table.header_row:
        r = table.header_row - 1 + offset
        for c, value in enumerate(table.header):
            ws.write_string(r, c, value, head)
        ws.write_string(r, width, t("excel.error_column"), error_head)
        ws.freeze_panes(r + 1, 0)
    for row in table.rows:
        r = row.number - 1 + offset
        messages = by_row.get(row.number)
        for c in range(width if messages else len(row.raw)):
            value = row.raw[c] if c < len(row.raw) else ""
            shade = 0 if not messages else 2 if (row.number, c) in bad_cells else 1
            number = _number(value) if c in number_columns else None
            if number is not None:
                # xlsx stores numbers as binary doubles; that is the file format, not our arithmetic.
                ws.write_number(r, c, number, fmt(False, shade))
            elif value or shade:
                ws.write_string(r, c, value, fmt(c in text_columns, shade))
        if messages:
            ws.write_string(r, width, "；".join(messages), error_text)
    wb.close()
    return buf.getvalue()
