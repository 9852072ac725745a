"""选单: the lines a new document may be made from — an approved order's lines with something left to receive
or deliver, a receipt's or delivery's lines with units not yet returned. Purchasing and sales name the
answers' fields after their own documents (`received_qty`, `delivery_id`), so they pass those names in."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_DOWN, Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.common.lifecycle import APPROVED
from jxc.inventory.lines import sku_infos, unit_names

T = TypeVar("T")


def _left(doc_model: Any, line_model: Any, kind: str, partner: Any, partner_id: int) -> Any:
    return (
        select(line_model, doc_model)
        .join(doc_model, doc_model.id == line_model.doc_id)
        .where(
            doc_model.kind == kind,
            doc_model.status == APPROVED,
            partner == partner_id,
            line_model.done_qty < line_model.base_qty,
        )
    )


def open_lines(
    session: Session,
    doc_model: Any,
    line_model: Any,
    partner: Any,
    partner_id: int,
    warehouse_id: int | None,
    order_ids: list[int] | None,
    *,
    make: Callable[..., T],
    done_field: str,
) -> list[T]:
    """Lines of the partner's (`partner` is the document's partner column) approved orders with something
    left, oldest order first; `done_field` names what the line has had so far."""
    stmt = _left(doc_model, line_model, "order", partner, partner_id).order_by(
        doc_model.business_date, doc_model.id, line_model.line_no
    )
    stmt = scope.restrict(stmt, doc_model.warehouse_id)
    if warehouse_id is not None:
        stmt = stmt.where(doc_model.warehouse_id == warehouse_id)
    if order_ids:
        stmt = stmt.where(doc_model.id.in_(order_ids))
    rows = session.execute(stmt).all()
    infos = sku_infos(session, {ln.sku_id for ln, _ in rows})
    units = unit_names(session)
    # 选单 without a warehouse takes the picked order's: the answer names it, so the screen need not ask
    places = scope.warehouse_names(session, sorted({doc.warehouse_id for _, doc in rows}))
    out = []
    for ln, doc in rows:
        left = ln.base_qty - ln.done_qty
        name, fraction = units.get(ln.unit_id, ("", True))
        in_unit = (left / ln.ratio).quantize(Decimal("0.0001") if fraction else Decimal(1), ROUND_DOWN)
        info = infos[ln.sku_id]
        out.append(
            make(
                order_id=doc.id,
                order_number=doc.number,
                business_date=doc.business_date,
                expected_date=doc.expected_date,
                warehouse_id=doc.warehouse_id,
                warehouse_name=places.get(doc.warehouse_id, ""),
                line_id=ln.id,
                sku_id=ln.sku_id,
                sku_code=info.code,
                product_name=info.name,
                spec=info.spec,
                tracking=info.tracking,
                unit_id=ln.unit_id,
                unit_name=name,
                ratio=ln.ratio,
                qty=ln.qty,
                base_qty=ln.base_qty,
                remaining_qty=left,
                remaining_unit_qty=in_unit,
                price=ln.price,
                discount_rate=ln.discount_rate,
                tax_rate=ln.tax_rate,
                **{done_field: ln.done_qty},
            )
        )
    return out


def returnable_lines(
    session: Session,
    doc_model: Any,
    line_model: Any,
    partner: Any,
    partner_id: int,
    doc_ids: list[int] | None = None,
    *,
    source_kind: str,
    make: Callable[..., T],
) -> list[T]:
    """Lines of the partner's approved `source_kind` documents (receipts, deliveries) with units not yet
    returned, newest first (≤ 500; `doc_ids` narrows to those documents, so an old one is never cut off);
    the answer names the document `<source_kind>_id` and `<source_kind>_number`."""
    stmt = scope.restrict(
        _left(doc_model, line_model, source_kind, partner, partner_id).order_by(
            doc_model.business_date.desc(), doc_model.id.desc(), line_model.line_no
        ),
        doc_model.warehouse_id,
    )
    if doc_ids:
        stmt = stmt.where(doc_model.id.in_(doc_ids))
    rows = session.execute(stmt.limit(500)).all()
    infos = sku_infos(session, {ln.sku_id for ln, _ in rows})
    units = unit_names(session)
    return [
        make(
            business_date=doc.business_date,
            line_id=ln.id,
            sku_id=ln.sku_id,
            sku_code=infos[ln.sku_id].code,
            product_name=infos[ln.sku_id].name,
            spec=infos[ln.sku_id].spec,
            tracking=infos[ln.sku_id].tracking,
            unit_id=ln.unit_id,
            unit_name=units.get(ln.unit_id, ("", True))[0],
            ratio=ln.ratio,
            lot_no=ln.lot_no,
            qty=ln.base_qty,
            returned_qty=ln.done_qty,
            returnable_qty=ln.base_qty - ln.done_qty,
            price=ln.price,
            discount_rate=ln.discount_rate,
            tax_rate=ln.tax_rate,
            **{f"{source_kind}_id": doc.id, f"{source_kind}_number": doc.number},
        )
        for ln, doc in rows
    ]
