"""价目表: dated price lists for every customer or one price level (the newest valid list wins in
`resolve.default_price`). CRUD with optimistic locking, and the items' Excel import (all rows or none, every
problem of every row in one answer) and export."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from fastapi import UploadFile
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from jxc.catalog.models import Barcode, PriceLevel, Sku
from jxc.common.clock import today
from jxc.common.errors import Conflict, Invalid, NotFound, field_error
from jxc.common.excel.reader import read_table
from jxc.common.excel.spec import Field, ImportSpec
from jxc.common.i18n import t
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.inventory.lines import sku_infos, unit_names
from jxc.pricing.models import PriceList, PriceListItem
from jxc.pricing.schemas import (
    PriceListImportError,
    PriceListImportResult,
    PriceListItemRead,
    PriceListRead,
    PriceListSummary,
    PriceListUpdate,
    PriceListWrite,
)


def load(session: Session, list_id: int) -> PriceList:
    found = session.execute(select(PriceList).where(PriceList.id == list_id)).scalar_one_or_none()
    if found is None:
        raise NotFound("price_list_not_found")
    return found


def _items(session: Session, list_id: int) -> list[PriceListItem]:
    return list(
        session.execute(
            select(PriceListItem).where(PriceListItem.price_list_id == list_id).order_by(PriceListItem.id)
        ).scalars()
    )


def _check(session: Session, body: PriceListWrite, list_id: int | None) -> None:
    """Every problem of the header and the items in one 422 (invalid_price_list); a taken name is a 409."""
    errors = []
    if body.date_to is not None and body.date_to < body.date_from:
        errors.append(field_error("date_to", "dates_ordered"))
    if (
        body.price_level_id is not None
        and not session.execute(select(PriceLevel.id).where(PriceLevel.id == body.price_level_id)).first()
    ):
        errors.append(field_error("price_level_id", "price_level_not_found"))
    infos = sku_infos(session, {it.sku_id for it in body.items})
    seen: set[tuple[int, int]] = set()
    for i, it in enumerate(body.items):
        info = infos.get(it.sku_id)
        if info is None:
            errors.append(field_error(f"items.{i}.sku_id", "sku_unknown"))
        elif it.unit_id not in info.ratios:
            errors.append(field_error(f"items.{i}.unit_id", "unit_not_of_product"))
        elif (it.sku_id, it.unit_id) in seen:
            errors.append(field_error(f"items.{i}.sku_id", "duplicate_item"))
        seen.add((it.sku_id, it.unit_id))
    if errors:
        raise Invalid("invalid_price_list", errors=errors)
    taken = select(PriceList.id).where(func.lower(PriceList.name) == body.name.strip().lower())
    if list_id is not None:
        taken = taken.where(PriceList.id != list_id)
    if session.execute(taken).first():
        raise Conflict("price_list_name_taken", name=body.name, errors=[field_error("name", "name_taken")])


def _fill(pl: PriceList, body: PriceListWrite) -> None:
    pl.name, pl.price_level_id = body.name.strip(), body.price_level_id
    pl.date_from, pl.date_to = body.date_from, body.date_to
    pl.is_active, pl.remark = body.is_active, body.remark


def _add_items(session: Session, list_id: int, body: PriceListWrite) -> None:
    session.add_all(
        PriceListItem(price_list_id=list_id, sku_id=it.sku_id, unit_id=it.unit_id, price=it.price)
        for it in body.items
    )
    session.flush()


def create(session: Session, body: PriceListWrite) -> PriceListRead:
    _check(session, body, None)
    pl = PriceList()
    _fill(pl, body)
    session.add(pl)
    session.flush()
    _add_items(session, pl.id, body)
    return read(session, pl)


def update(session: Session, list_id: int, body: PriceListUpdate) -> PriceListRead:
    pl = load(session, list_id)
    if pl.version != body.version:
        raise Conflict("version_conflict")
    _check(session, body, pl.id)
    # Items first: the delete flushes, and the header's change must bump the version once, below.
    session.execute(delete(PriceListItem).where(PriceListItem.price_list_id == pl.id))
    _fill(pl, body)
    flag_modified(pl, "remark")  # the version moves even when only the items changed
    session.flush()
    _add_items(session, pl.id, body)
    return read(session, pl)


def remove(session: Session, list_id: int) -> None:
    """Lists are referenced by nothing (a line keeps its price, not the list): deleting is always allowed."""
    pl = load(session, list_id)
    session.execute(delete(PriceListItem).where(PriceListItem.price_list_id == pl.id))
    session.delete(pl)
    session.flush()


def _valid_today(pl: PriceList) -> bool:
    day = today()
    return pl.is_active and pl.date_from <= day and (pl.date_to is None or pl.date_to >= day)


def _level_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {
        int(i): str(n)
        for i, n in session.execute(select(PriceLevel.id, PriceLevel.name).where(PriceLevel.id.in_(wanted)))
    }


def _summary(pl: PriceList, levels: dict[int, str], count: int) -> dict[str, Any]:
    return {
        "id": pl.id,
        "name": pl.name,
        "price_level_id": pl.price_level_id,
        "price_level_name": levels.get(pl.price_level_id) if pl.price_level_id else None,
        "date_from": pl.date_from,
        "date_to": pl.date_to,
        "is_active": pl.is_active,
        "valid_today": _valid_today(pl),
        "remark": pl.remark,
        "item_count": count,
        "version": pl.version,
        "updated_at": pl.updated_at,
    }


def read(session: Session, pl: PriceList) -> PriceListRead:
    session.flush()
    items = _items(session, pl.id)
    infos = sku_infos(session, {it.sku_id for it in items})
    units = unit_names(session)
    return PriceListRead(
        **_summary(pl, _level_names(session, {pl.price_level_id}), len(items)),
        items=[
            PriceListItemRead(
                id=it.id,
                sku_id=it.sku_id,
                sku_code=infos[it.sku_id].code,
                product_name=infos[it.sku_id].name,
                spec=infos[it.sku_id].spec,
                attributes_text=infos[it.sku_id].attributes_text,
                unit_id=it.unit_id,
                unit_name=units.get(it.unit_id, ("", True))[0],
                price=it.price,
            )
            for it in items
        ],
    )


def get(session: Session, list_id: int) -> PriceListRead:
    return read(session, load(session, list_id))


def list_price_lists(
    session: Session, params: ListParams, active: bool | None = None, price_level_id: int | None = None
) -> tuple[list[PriceListSummary], int]:
    stmt = select(PriceList)
    if params.q:
        pattern = like_pattern(params.q)
        stmt = stmt.where(
            or_(PriceList.name.ilike(pattern, escape="\\"), PriceList.remark.ilike(pattern, escape="\\"))
        )
    if active is not None:
        stmt = stmt.where(PriceList.is_active.is_(active))
    if price_level_id is not None:
        stmt = stmt.where(PriceList.price_level_id == price_level_id)
    sorts = {"name": PriceList.name, "date_from": PriceList.date_from, "updated_at": PriceList.updated_at}
    found, total = paginate(
        session, stmt, params, params.order_by(sorts, [PriceList.date_from.desc(), PriceList.id.desc()])
    )
    lists: Sequence[PriceList] = found
    ids = [pl.id for pl in lists]
    counts = (
        {
            int(i): int(n)
            for i, n in session.execute(
                select(PriceListItem.price_list_id, func.count())
                .where(PriceListItem.price_list_id.in_(ids))
                .group_by(PriceListItem.price_list_id)
            )
        }
        if ids
        else {}
    )
    levels = _level_names(session, {pl.price_level_id for pl in lists})
    return [PriceListSummary(**_summary(pl, levels, counts.get(pl.id, 0))) for pl in lists], total


# Excel: SKU code (or barcode), unit, price.

SPEC = ImportSpec(
    entity="price_list_items",
    title_key="import.price_list_items",
    fields=(
        Field(
            "code",
            "field.product_code_or_barcode",
            required=True,
            kind="code",
            max_length=48,
            example="SP000001",
        ),
        Field("unit", "field.unit", max_length=16, example="瓶"),
        Field("price", "field.sales_price", required=True, kind="decimal", scale=6, example="3.5"),
    ),
)


def import_items(session: Session, list_id: int, file: UploadFile) -> PriceListImportResult:
    """Add or change the list's items from a spreadsheet: every row checked, nothing written unless every
    row is right. A row names the SKU by its code or a barcode (the barcode's unit when none is given);
    without a unit, the SKU's base unit."""
    pl = load(session, list_id)
    data = file.file.read(SPEC.max_bytes + 1)
    if not data:
        raise Invalid("import_empty")
    table = read_table(file.filename or "items.xlsx", data, SPEC)
    errors = [PriceListImportError(row=0, column="", message=m) for m in table.file_errors]
    errors += [PriceListImportError(row=e.row, column=e.column, message=e.message) for e in table.errors]
    bad = {e.row for e in table.errors}
    codes = {str(r.values.get("code") or "").strip() for r in table.rows}
    by_code = (
        dict(session.execute(select(Sku.code, Sku.id).where(Sku.code.in_(codes))).all()) if codes else {}
    )
    by_barcode = (
        {
            b.barcode: (b.sku_id, b.unit_id)
            for b in session.execute(select(Barcode).where(Barcode.barcode.in_(codes))).scalars()
        }
        if codes
        else {}
    )
    infos = sku_infos(session, set(by_code.values()) | {s for s, _ in by_barcode.values()})
    unit_by_name = {name: uid for uid, (name, _) in unit_names(session).items()}
    wanted: dict[tuple[int, int], Decimal] = {}
    for r in table.rows:
        if r.number in bad:
            continue
        code = str(r.values.get("code") or "").strip()
        unit_id: int | None = None
        if code in by_code:
            sku_id = by_code[code]
        elif code in by_barcode:
            sku_id, unit_id = by_barcode[code]
        else:
            errors.append(_row_error(r.number, "code", t("error.sku_unknown", code=code)))
            continue
        info = infos[sku_id]
        unit_name = str(r.values.get("unit") or "").strip()
        if unit_name:
            unit_id = unit_by_name.get(unit_name)
            if unit_id not in info.ratios:
                errors.append(_row_error(r.number, "unit", t("error.unit_not_of_product", product=info.name)))
                continue
        unit_id = unit_id or info.base_unit_id
        price = Decimal(r.values["price"])
        if price < 0:
            errors.append(_row_error(r.number, "price", t("validation.price_negative")))
            continue
        if (sku_id, unit_id) in wanted:
            errors.append(_row_error(r.number, "code", t("validation.duplicate_item")))
            continue
        wanted[(sku_id, unit_id)] = price
    if errors:
        return PriceListImportResult(total=len(table.rows), imported=0, errors=errors)
    existing = {(it.sku_id, it.unit_id): it for it in _items(session, pl.id)}
    for key, price in wanted.items():
        if key in existing:
            existing[key].price = price
        else:
            session.add(PriceListItem(price_list_id=pl.id, sku_id=key[0], unit_id=key[1], price=price))
    flag_modified(pl, "remark")  # the list changed: its version and audit trail say so
    session.flush()
    return PriceListImportResult(total=len(table.rows), imported=len(wanted), errors=[])


def _row_error(row: int, key: str, message: str) -> PriceListImportError:
    return PriceListImportError(row=row, column=SPEC.field(key).label(), message=message)


def export_items(session: Session, list_id: int) -> tuple[str, list[PriceListItemRead]]:
    """The list's name and its items, for `?format=xlsx` (the columns the import reads, and the names)."""
    found = get(session, list_id)
    return found.name, found.items
