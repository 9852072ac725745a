"""Excel and CSV export of any list: the current filter, all pages, the visible columns, in order.

Numbers stay numbers, codes and barcodes stay text, the header row is frozen, the file name carries the
date. CSV is UTF-8 with a BOM so Excel on Chinese Windows shows it right.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import quote
from zoneinfo import ZoneInfo

import xlsxwriter
from fastapi.responses import Response

from jxc.common.context import current
from jxc.common.errors import Invalid, field_error
from jxc.common.i18n import t
from jxc.common.schemas import can_view_purchase_prices
from jxc.db.base import utcnow
from jxc.settings import get_settings

Kind = Literal["text", "number", "money", "date", "datetime", "bool"]
ExportFormat = Literal["xlsx", "csv"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    key: str
    label_key: str
    kind: Kind = "text"
    get: Callable[[Any], Any] | None = None
    cost: bool = False  # dropped for users without cost.view
    purchase_price: bool = False  # dropped for users with neither purchase.price.view nor cost.view


def choose_columns(available: Sequence[Column], requested: str | None) -> list[Column]:
    prices = can_view_purchase_prices()
    allowed = [
        c for c in available if (not c.cost or current().can_view_cost) and (not c.purchase_price or prices)
    ]
    if not requested:
        return allowed
    by_key = {c.key: c for c in allowed}
    chosen = []
    for key in (k.strip() for k in requested.split(",")):
        if not key:
            continue
        if key not in by_key:
            raise Invalid("invalid_query", errors=[field_error("query.columns", "column_unknown", key=key)])
        chosen.append(by_key[key])
    return chosen


def _value(col: Column, row: Any) -> Any:
    value = col.get(row) if col.get else getattr(row, col.key, None)
    if col.kind == "bool" and isinstance(value, bool):
        return t("common.yes") if value else t("common.no")
    return value


def _local(value: datetime) -> datetime:
    """In the business's time zone, without a zone (Excel has none)."""
    if value.tzinfo is not None:
        value = value.astimezone(ZoneInfo(get_settings().timezone))
    return value.replace(tzinfo=None)


def to_xlsx(title: str, columns: Sequence[Column], rows: Iterable[Any]) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "constant_memory": True})
    ws = wb.add_worksheet(title[:31])
    head = wb.add_format({"bold": True, "bg_color": "#F2F3F5", "border": 1})
    text = wb.add_format({"num_format": "@"})
    money = wb.add_format({"num_format": "#,##0.00"})
    number = wb.add_format({"num_format": "#,##0.####"})
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    stamp = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for c, col in enumerate(columns):
        ws.write_string(0, c, t(col.label_key), head)
        ws.set_column(c, c, 20 if col.kind in ("datetime", "text") else 14)
    ws.freeze_panes(1, 0)
    for r, row in enumerate(rows, start=1):
        for c, col in enumerate(columns):
            value = _value(col, row)
            if value is None:
                ws.write_blank(r, c, None)
            elif col.kind in ("money", "number") and isinstance(value, Decimal | int):
                # xlsx stores numbers as binary doubles; that is the file format, not our arithmetic.
                ws.write_number(r, c, value, money if col.kind == "money" else number)
            elif col.kind == "datetime" and isinstance(value, datetime):
                ws.write_datetime(r, c, _local(value), stamp)
            elif col.kind == "date" and isinstance(value, date):
                ws.write_datetime(r, c, datetime(value.year, value.month, value.day), day)  # noqa: DTZ001
            else:
                ws.write_string(r, c, str(value), text)
    wb.close()
    return buf.getvalue()


def to_csv(columns: Sequence[Column], rows: Iterable[Any]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([t(col.label_key) for col in columns])
    for row in rows:
        out = []
        for col in columns:
            value = _value(col, row)
            if isinstance(value, datetime):
                value = _local(value).strftime("%Y-%m-%d %H:%M:%S")
            elif isinstance(value, date):
                value = value.isoformat()
            out.append("" if value is None else str(value))
        writer.writerow(out)
    return buf.getvalue().encode("utf-8-sig")


def export_response(
    fmt: ExportFormat, title: str, columns: Sequence[Column], rows: Iterable[Any]
) -> Response:
    name = f"{title}-{utcnow():%Y%m%d}.{fmt}"
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    if fmt == "xlsx":
        return Response(
            to_xlsx(title, columns, rows), media_type=XLSX, headers={"Content-Disposition": disposition}
        )
    return Response(
        to_csv(columns, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": disposition},
    )
