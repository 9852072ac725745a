"""The import template: an instruction line, the headers (required ones starred), an optional example row,
dropdowns for yes/no and choice columns, and code/barcode columns preformatted as text so Excel never turns
6901234567892 into 6.9E+12."""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from jxc.common.excel.cells import Coercer
from jxc.common.excel.spec import HEADER_ROW, Field, ImportSpec
from jxc.common.i18n import t

LAST_ROW = 50_002  # dropdowns and text formats reach this spreadsheet row
LIST_LIMIT = 255  # Excel refuses an inline dropdown list longer than this
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def display_width(text: str) -> int:
    """Column width in Excel units: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_name(title: str) -> str:
    return SHEET_NAME_BAD.sub("_", title)[:31] or "Sheet1"


def instructions(spec: ImportSpec) -> str:
    lines = []
    if spec.instructions_key:
        lines.append(t(spec.instructions_key))
    required = "、".join(f.label() for f in spec.required())
    if required:
        lines.append(t("excel.template.required", columns=required))
    texts = "、".join(f.label() for f in spec.fields if f.kind in ("code", "barcode"))
    if texts:
        lines.append(t("excel.template.text_columns", columns=texts))
    lines.append(
        t(
            "excel.template.limits",
            max_rows=spec.max_rows,
            max_mb=spec.max_bytes // (1024 * 1024),
            first_row=HEADER_ROW + 1,
        )
    )
    if any(f.example is not None for f in spec.fields):
        lines.append(t("excel.template.example", row=HEADER_ROW + 1))
    for f in spec.fields:
        if f.help_key:
            lines.append(t("excel.template.help", label=f.label(), help=t(f.help_key)))
    return "\n".join(lines)


def _options(f: Field) -> list[str]:
    if f.kind == "bool":
        return [t("common.yes"), t("common.no")]
    return f.choice_labels()


def _example_cell(f: Field, coerce: Coercer) -> Any:
    """The example as the cell a user would type: numbers as numbers, choices as their label."""
    value, error = coerce(f, f.example)
    if error or value is None:
        return f.example
    if f.kind == "bool":
        return t("common.yes") if value else t("common.no")
    if f.kind == "choice":
        return next(t(label) for v, label in f.choices if v == value)
    if f.kind in ("decimal", "int"):
        return value
    return f.example


def build_template(spec: ImportSpec) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet(sheet_name(spec.title()))
    note = wb.add_format({"text_wrap": True, "valign": "top", "bg_color": "#FFF9DB", "border": 1})
    head = wb.add_format({"bold": True, "bg_color": "#F2F3F5", "border": 1, "align": "center"})
    star = wb.add_format({"bold": True, "font_color": "#D03050"})
    bold = wb.add_format({"bold": True})
    text = wb.add_format({"num_format": "@"})
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    fields = list(spec.fields)
    last_col = len(fields) - 1
    first, last = HEADER_ROW, LAST_ROW - 1  # 0-based rows of the data area

    message = instructions(spec)
    if last_col > 0:
        ws.merge_range(0, 0, 0, last_col, message, note)
    else:
        ws.write_string(0, 0, message, note)
    total = max(sum(display_width(f.header()) + 6 for f in fields), 60)
    lines = sum(1 + display_width(line) // total for line in message.split("\n"))
    ws.set_row(0, 16 * lines + 6)

    lists = None
    coerce = Coercer(fields)
    for c, f in enumerate(fields):
        if f.required:
            ws.write_rich_string(1, c, bold, f.label(), star, "*", head)
        else:
            ws.write_string(1, c, f.label(), head)
        width = display_width(f.header()) + 4
        if f.example is not None:
            width = max(width, display_width(f.example) + 2)
        if f.kind in ("code", "barcode"):
            width = max(width, 18)
        column_format = text if f.kind in ("code", "barcode") else day if f.kind == "date" else None
        ws.set_column(c, c, min(max(width, 10), 50), column_format)
        if f.example is not None:
            value = _example_cell(f, coerce)
            if isinstance(value, str):
                ws.write_string(first, c, value, text if f.kind in ("code", "barcode", "text") else None)
            else:
                ws.write_number(first, c, value)
        options = _options(f) if f.kind in ("bool", "choice") else []
        if not options:
            continue
        rule: dict[str, Any] = {"validate": "list", "error_type": "stop"}
        if len(",".join(options)) <= LIST_LIMIT:
            rule["source"] = options
        else:
            if lists is None:
                lists = wb.add_worksheet("_lists")
                lists.hide()
            for r, option in enumerate(options):
                lists.write_string(r, c, option)
            col = xl_col_to_name(c)
            rule["source"] = f"='_lists'!${col}$1:${col}${len(options)}"
        ws.data_validation(first, c, last, c, rule)
    ws.freeze_panes(HEADER_ROW, 0)
    ws.activate()
    wb.close()
    return buf.getvalue()
