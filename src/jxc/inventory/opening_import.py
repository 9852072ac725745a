"""期初库存 lines from a spreadsheet: the template, and parsing an upload into document lines (writes nothing;
the editor puts the lines in its grid and the user saves and approves the document)."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

from fastapi import Response, UploadFile
from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.catalog.models import Barcode, Product, Sku
from jxc.common.errors import Invalid
from jxc.common.excel import build_template
from jxc.common.excel.reader import read_table
from jxc.common.excel.spec import Field, ImportSpec
from jxc.common.export import XLSX
from jxc.common.i18n import t
from jxc.inventory.doc_schemas import ImportedLine, ImportLinesError, ImportLinesResult
from jxc.inventory.lines import sku_infos, unit_names

SPEC = ImportSpec(
    entity="opening_stock",
    title_key="import.opening_stock",
    fields=(
        Field(
            "code",
            "field.product_code_or_barcode",
            required=True,
            kind="code",
            max_length=48,
            example="SP000001",
        ),
        Field("lot_no", "field.lot_no", max_length=64),
        Field("production_date", "field.production_date", kind="date"),
        Field("expiry_date", "field.expiry_date", kind="date"),
        Field("unit", "field.unit", max_length=16),
        Field("qty", "field.qty", required=True, kind="decimal", scale=4, example="10"),
        Field("unit_cost", "field.unit_cost", required=True, kind="decimal", scale=6, example="2.5"),
    ),
)


def template() -> Response:
    name = t("import.opening_stock")
    return Response(
        build_template(SPEC),
        media_type=XLSX,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}.xlsx"},
    )


def parse(session: Session, warehouse_id: int, file: UploadFile) -> ImportLinesResult:
    scope.ensure(warehouse_id)
    data = file.file.read(SPEC.max_bytes + 1)
    if not data:
        raise Invalid("import_empty")
    table = read_table(file.filename or "lines.xlsx", data, SPEC)
    errors = [ImportLinesError(row=0, column="", message=m) for m in table.file_errors]
    errors += [ImportLinesError(row=e.row, column=e.column, message=e.message) for e in table.errors]
    bad_rows = {e.row for e in table.errors}
    codes = {str(r.values.get("code") or "").strip() for r in table.rows}
    by_code = dict(session.execute(select(Sku.code, Sku.id).where(Sku.code.in_(codes))).all())
    by_barcode = {
        b.barcode: b for b in session.execute(select(Barcode).where(Barcode.barcode.in_(codes))).scalars()
    }
    by_product: dict[str, list[int]] = {}
    for pcode, sid in session.execute(
        select(Product.code, Sku.id).join(Sku, Sku.product_id == Product.id).where(Product.code.in_(codes))
    ).all():
        by_product.setdefault(pcode, []).append(sid)
    sku_ids = (
        set(by_code.values())
        | {b.sku_id for b in by_barcode.values()}
        | {ids[0] for ids in by_product.values() if len(ids) == 1}
    )
    infos = sku_infos(session, sku_ids)
    units = unit_names(session)
    unit_by_name = {name: uid for uid, (name, _) in units.items()}
    lines: list[ImportedLine] = []
    for r in table.rows:
        if r.number in bad_rows:
            continue
        code = str(r.values.get("code") or "").strip()
        unit_id = None
        if code in by_code:
            sku_id = by_code[code]
        elif code in by_barcode:
            sku_id, unit_id = by_barcode[code].sku_id, by_barcode[code].unit_id
        elif len(by_product.get(code, [])) == 1:
            sku_id = by_product[code][0]
        else:
            errors.append(
                ImportLinesError(
                    row=r.number, column=SPEC.field("code").label(), message=t("error.sku_unknown", code=code)
                )
            )
            continue
        info = infos[sku_id]
        unit_name = str(r.values.get("unit") or "").strip()
        if unit_name:
            unit_id = unit_by_name.get(unit_name)
            if unit_id not in info.ratios:
                errors.append(
                    ImportLinesError(
                        row=r.number,
                        column=SPEC.field("unit").label(),
                        message=t("error.unit_not_of_product", product=info.name),
                    )
                )
                continue
        unit_id = unit_id or info.base_unit_id
        lot_no = str(r.values.get("lot_no") or "").strip()
        if info.tracking == "lot" and not lot_no:
            errors.append(
                ImportLinesError(
                    row=r.number, column=SPEC.field("lot_no").label(), message=t("error.lot_required")
                )
            )
            continue
        qty = Decimal(r.values["qty"])
        if qty <= 0:
            errors.append(
                ImportLinesError(
                    row=r.number, column=SPEC.field("qty").label(), message=t("error.qty_positive")
                )
            )
            continue
        cost = Decimal(r.values["unit_cost"])
        if cost < 0:
            errors.append(
                ImportLinesError(
                    row=r.number, column=SPEC.field("unit_cost").label(), message=t("error.cost_not_negative")
                )
            )
            continue
        lines.append(
            ImportedLine(
                sku_id=sku_id,
                unit_id=unit_id,
                qty=qty,
                lot_no=lot_no,
                production_date=r.values.get("production_date"),
                expiry_date=r.values.get("expiry_date"),
                unit_cost=cost,
                sku_code=info.code,
                product_name=info.name,
                spec=info.spec,
                unit_name=units.get(unit_id, ("", False))[0],
                tracking=info.tracking,
            )
        )
    return ImportLinesResult(lines=lines, errors=errors)
