"""Opening stock, other receipts, other issues and transfers: one service, four kinds (DESIGN §5).

draft → approve posts the moves → unapprove (反审核) writes negating moves and returns to draft →
reverse (红冲) writes negating moves and ends the document; void ends a draft. Every transition is
audited through the document row; the moves point back to the document by kind + id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, inspect, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from jxc.auth import scope
from jxc.common import context
from jxc.common.clock import today
from jxc.common.errors import Conflict, Invalid, NotFound, field_error
from jxc.common.i18n import t
from jxc.common.lifecycle import DRAFT, advance, advance_row, trail, trail_user_ids
from jxc.common.numbering import next_number
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.db.engine import Prepared, connection
from jxc.inventory import doc_rows, ledger
from jxc.inventory.costing import money
from jxc.inventory.doc_models import StockDoc, StockDocLine
from jxc.inventory.doc_rows import DocRow, LineRow
from jxc.inventory.doc_schemas import (
    IN_REASONS,
    OUT_REASONS,
    StockDocRead,
    StockDocSummary,
    StockDocUpdate,
    StockDocWrite,
)
from jxc.inventory.ledger import DocRef, Move
from jxc.inventory.lines import SkuNames, check_lines, ensure_lot, find_lot, sku_infos, unit_names, user_names
from jxc.inventory.states import STOCK_DOC
from jxc.inventory.warehouses import warehouse_names

PREFIX = {"opening": "QC", "other_in": "QTRK", "other_out": "QTCK", "transfer": "DBD"}
INBOUND = {"opening", "other_in"}


def _load(session: Session, kind: str, doc_id: int) -> StockDoc:
    doc = session.execute(
        select(StockDoc).where(StockDoc.id == doc_id, StockDoc.kind == kind)
    ).scalar_one_or_none()
    if doc is None:
        raise NotFound("document_not_found")
    scope.ensure(doc.warehouse_id, doc.to_warehouse_id)
    return doc


def _lines(session: Session, doc_id: int) -> list[StockDocLine]:
    return list(
        session.execute(
            select(StockDocLine).where(StockDocLine.doc_id == doc_id).order_by(StockDocLine.line_no)
        ).scalars()
    )


def _check_header(session: Session, kind: str, body: StockDocWrite) -> None:
    errors = []
    wanted = [body.warehouse_id] + ([body.to_warehouse_id] if body.to_warehouse_id else [])
    known = warehouse_names(session, wanted, active_only=True)
    if body.warehouse_id not in known:
        errors.append(field_error("warehouse_id", "warehouse_not_found"))
    if kind == "transfer":
        if body.to_warehouse_id is None:
            errors.append(field_error("to_warehouse_id", "required"))
        elif body.to_warehouse_id == body.warehouse_id:
            errors.append(field_error("to_warehouse_id", "same_warehouse"))
        elif body.to_warehouse_id not in known:
            errors.append(field_error("to_warehouse_id", "warehouse_not_found"))
    reasons = IN_REASONS if kind == "other_in" else OUT_REASONS if kind == "other_out" else ("",)
    if body.reason not in reasons and not (kind in ("other_in", "other_out") and body.reason == ""):
        errors.append(field_error("reason", "reason_unknown"))
    if errors:
        raise Invalid("invalid_document", errors=errors)
    scope.ensure(body.warehouse_id, body.to_warehouse_id if kind == "transfer" else None)


def _build_lines(
    session: Session, kind: str, body: StockDocWrite
) -> tuple[list[StockDocLine], Decimal, Decimal]:
    """The checked lines (not yet added) and the document's totals."""
    checked = check_lines(session, [(ln.sku_id, ln.unit_id, ln.qty) for ln in body.lines])
    if kind == "opening":
        errors = [
            field_error(f"lines.{i}.unit_cost", "unit_cost_required")
            for i, ln in enumerate(body.lines)
            if ln.unit_cost is None
        ]
        if errors:
            raise Invalid("invalid_lines", errors=errors)
    lines = []
    total_qty = Decimal(0)
    total_amount = Decimal(0)
    for i, (ln, c) in enumerate(zip(body.lines, checked, strict=True)):
        tracked = c.info.tracking == "lot"
        cost = ln.unit_cost if kind in INBOUND else None
        amount = money(ln.qty * cost) if cost is not None else None
        lines.append(
            StockDocLine(
                line_no=i + 1,
                sku_id=ln.sku_id,
                unit_id=ln.unit_id,
                qty=ln.qty,
                ratio=c.ratio,
                base_qty=c.base_qty,
                lot_no=ln.lot_no.strip() if tracked else "",
                production_date=ln.production_date if tracked else None,
                expiry_date=ln.expiry_date if tracked else None,
                unit_cost=cost,
                amount=amount,
                remark=ln.remark,
            )
        )
        total_qty += c.base_qty
        total_amount += amount or 0
    return lines, total_qty, total_amount


def _attach(session: Session, doc: StockDoc, lines: list[StockDocLine]) -> None:
    for ln in lines:
        ln.doc_id = doc.id
    session.add_all(lines)
    session.flush()


def create(session: Session, kind: str, body: StockDocWrite) -> StockDocRead:
    _check_header(session, kind, body)
    lines, total_qty, total_amount = _build_lines(session, kind, body)
    doc = StockDoc(
        kind=kind,
        number=next_number(session, PREFIX[kind], body.business_date),
        business_date=body.business_date,
        warehouse_id=body.warehouse_id,
        to_warehouse_id=body.to_warehouse_id if kind == "transfer" else None,
        reason=body.reason,
        remark=body.remark,
        status=DRAFT,
        created_by=context.current().user_id,
        total_qty=total_qty,
        total_amount=total_amount,
    )
    session.add(doc)
    session.flush()
    _attach(session, doc, lines)
    return read(session, doc, lines)


def update(session: Session, kind: str, doc_id: int, body: StockDocUpdate) -> StockDocRead:
    doc = _load(session, kind, doc_id)
    if doc.status != DRAFT:
        raise Conflict("invalid_transition", state=t(f"doc_status.{doc.status}"))
    if doc.version != body.version:
        raise Conflict("version_conflict")
    _check_header(session, kind, body)
    doc.business_date = body.business_date
    doc.warehouse_id = body.warehouse_id
    doc.to_warehouse_id = body.to_warehouse_id if kind == "transfer" else None
    doc.reason, doc.remark = body.reason, body.remark
    lines, doc.total_qty, doc.total_amount = _build_lines(session, kind, body)
    session.execute(delete(StockDocLine).where(StockDocLine.doc_id == doc.id))
    _attach(session, doc, lines)
    flag_modified(doc, "remark")  # the version bumps even when only the lines changed
    session.flush()
    return read(session, doc)


def get(session: Session, kind: str, doc_id: int) -> StockDocRead:
    return read(session, _load(session, kind, doc_id))


def delete_draft(session: Session, kind: str, doc_id: int) -> None:
    doc = _load(session, kind, doc_id)
    if doc.status != DRAFT:
        raise Conflict("invalid_transition", state=t(f"doc_status.{doc.status}"))
    session.delete(doc)
    session.flush()


def _lots(session: Session, doc: DocRow, lines: list[LineRow]) -> list[LineRow]:
    """The lines with the lot ids of their lot numbers (a receipt creates new lots); lines of untracked SKUs
    as they are."""
    errors = []
    out = []
    for i, ln in enumerate(lines):
        if ln.sku.tracking != "lot":
            out.append(ln)
        elif not ln.lot_no:
            errors.append(field_error(f"lines.{i}.lot_no", "lot_required"))
        elif doc.kind in INBOUND:
            info = sku_infos(session, {ln.sku_id})[ln.sku_id]
            out.append(
                replace(
                    ln, lot_id=ensure_lot(session, info, ln.lot_no, ln.production_date, ln.expiry_date).id
                )
            )
        else:
            lot = find_lot(session, ln.sku_id, ln.lot_no)
            if lot is None:
                errors.append(field_error(f"lines.{i}.lot_no", "lot_unknown", lot=ln.lot_no))
            else:
                out.append(replace(ln, lot_id=lot.id))
    if errors:
        raise Invalid(
            "lot_required" if all(e["code"] == "lot_required" for e in errors) else "invalid_lines",
            errors=errors,
        )
    return out


def _moves(doc: DocRow, lines: list[LineRow]) -> list[Move]:
    moves: list[Move] = []
    for i, ln in enumerate(lines):
        if doc.kind == "opening" or (doc.kind == "other_in" and ln.unit_cost is not None):
            moves.append(
                _move(ln, i, doc.warehouse_id, ln.base_qty, doc.kind, cost_mode="given", value=ln.amount)
            )
        elif doc.kind == "other_in":
            moves.append(_move(ln, i, doc.warehouse_id, ln.base_qty, doc.kind))
        elif doc.kind == "other_out":
            moves.append(_move(ln, i, doc.warehouse_id, -ln.base_qty, doc.kind))
        else:
            assert doc.to_warehouse_id is not None
            moves.append(_move(ln, i, doc.warehouse_id, -ln.base_qty, "transfer_out"))
            moves.append(
                _move(
                    ln,
                    i,
                    doc.to_warehouse_id,
                    ln.base_qty,
                    "transfer_in",
                    cost_mode="linked",
                    link_index=len(moves) - 1,
                )
            )
    return moves


def _move(ln: LineRow, i: int, warehouse_id: int, qty: Decimal, kind: str, **how: Any) -> Move:
    return Move(ln.sku_id, warehouse_id, qty, kind, lot_id=ln.lot_id, line=i, doc_line_id=ln.id, **how)


def _ref(doc: StockDoc | DocRow, business_date: date | None = None) -> DocRef:
    return DocRef(
        kind=doc.kind, id=doc.id, number=doc.number, business_date=business_date or doc.business_date
    )


_doc_lines: Table = StockDocLine.__table__  # type: ignore[assignment]
_SET_LINE = Prepared(
    _doc_lines.update()
    .where(_doc_lines.c.id == bindparam("id_"), _doc_lines.c.company_id == bindparam("company_"))
    .values(lot_id=bindparam("lot_id"), amount=bindparam("amount"), unit_cost=bindparam("unit_cost"))
)


def approve(session: Session, kind: str, doc_id: int) -> StockDocRead:
    # Read and written as rows, not ORM objects: approving is the most frequent write (see doc_rows).
    doc, read_lines = doc_rows.load(session, kind, doc_id)
    scope.ensure(doc.warehouse_id, doc.to_warehouse_id)
    STOCK_DOC.target(doc.status, "approve")  # refused before anything is written
    lines = _lots(session, doc, read_lines)
    written = ledger.post(session, _ref(doc), _moves(doc, lines))
    also: dict[str, Any] = {}
    if doc.kind not in INBOUND:
        # Issues and transfers are valued by the ledger: the document shows the cost they went out at.
        lines = _valued(lines, written)
        also["total_amount"] = sum((ln.amount or Decimal(0) for ln in lines), Decimal(0))
    _store_lines(session, doc, [ln for ln, was in zip(lines, read_lines, strict=True) if ln != was])
    read = vars(doc)
    # What the row now holds; built directly, as dataclasses.replace() cost ~10 µs for the row's 24 fields.
    doc = DocRow(**(read | advance_row(session, StockDoc, read, STOCK_DOC, "approve", **also)))
    users = {
        u: name
        for u, name in ((doc.created_by, doc.created_by_name), (doc.approved_by, doc.current_user_name))
        if u and name is not None
    }
    return _answer(
        doc,
        lines,
        {ln.sku_id: ln.sku for ln in lines},
        {ln.unit_id: ln.unit_name or "" for ln in lines},
        {doc.warehouse_id: doc.warehouse_name or "", doc.to_warehouse_id or 0: doc.to_warehouse_name or ""},
        users | (user_names(session, {doc.reversed_by}) if doc.reversed_by else {}),
    )


def _valued(lines: list[LineRow], written: list[ledger.Posted]) -> list[LineRow]:
    """The lines with the value their stock went out at, and its unit cost."""
    by_line: dict[int | None, Decimal] = {}
    for m in written:
        if m.qty < 0:
            by_line[m.doc_line_id] = by_line.get(m.doc_line_id, Decimal(0)) - m.value
    out = []
    for ln in lines:
        amount = by_line.get(ln.id, Decimal(0))
        unit_cost = (amount / ln.qty).quantize(Decimal("0.000001")) if ln.qty else None
        out.append(replace(ln, amount=amount, unit_cost=unit_cost))
    return out


def _store_lines(session: Session, doc: DocRow, lines: list[LineRow]) -> None:
    """Write what approving settled on the lines: their lots and, for issues, their cost."""
    if not lines:
        return
    _SET_LINE.run(
        connection(session),
        [
            {
                "id_": ln.id,
                "company_": doc.company_id,
                "lot_id": ln.lot_id,
                "amount": ln.amount,
                "unit_cost": ln.unit_cost,
            }
            for ln in lines
        ],
    )
    mapper = inspect(StockDocLine)
    for ln in lines:  # an ORM object of the line in this session would be stale
        obj = session.identity_map.get(mapper.identity_key_from_primary_key((ln.id,)))
        if obj is not None:
            session.expire(obj)


def unapprove(session: Session, kind: str, doc_id: int) -> StockDocRead:
    doc = _load(session, kind, doc_id)
    advance(doc, STOCK_DOC, "unapprove")
    ledger.reverse(session, _ref(doc), "_undo")
    session.flush()
    return read(session, doc)


def reverse(session: Session, kind: str, doc_id: int, business_date: date | None) -> StockDocRead:
    doc = _load(session, kind, doc_id)
    advance(doc, STOCK_DOC, "reverse")
    ledger.reverse(session, _ref(doc, business_date), "_reversal")
    session.flush()
    return read(session, doc)


def void(session: Session, kind: str, doc_id: int) -> StockDocRead:
    doc = _load(session, kind, doc_id)
    advance(doc, STOCK_DOC, "void")
    session.flush()
    return read(session, doc)


def copy(session: Session, kind: str, doc_id: int) -> StockDocRead:
    doc = _load(session, kind, doc_id)
    lines = _lines(session, doc.id)
    body = StockDocWrite.model_validate(
        {
            "business_date": today(),
            "warehouse_id": doc.warehouse_id,
            "to_warehouse_id": doc.to_warehouse_id,
            "reason": doc.reason,
            "remark": doc.remark,
            "lines": [
                {
                    "sku_id": ln.sku_id,
                    "unit_id": ln.unit_id,
                    "qty": ln.qty,
                    "lot_no": ln.lot_no,
                    "production_date": ln.production_date,
                    "expiry_date": ln.expiry_date,
                    "unit_cost": ln.unit_cost if kind in INBOUND else None,
                    "remark": ln.remark,
                }
                for ln in lines
            ],
        }
    )
    return create(session, kind, body)


def read(session: Session, doc: StockDoc, lines: list[StockDocLine] | None = None) -> StockDocRead:
    lines = _lines(session, doc.id) if lines is None else lines
    infos = sku_infos(session, {ln.sku_id for ln in lines})
    units = {i: name for i, (name, _) in unit_names(session).items()}
    whs = warehouse_names(session, [w for w in (doc.warehouse_id, doc.to_warehouse_id) if w])
    users = user_names(session, trail_user_ids([doc]))
    return _answer(doc, lines, infos, units, whs, users)


def _answer(
    doc: StockDoc | DocRow,
    lines: Sequence[StockDocLine | LineRow],
    skus: Mapping[int, SkuNames],
    units: Mapping[int, str],
    whs: Mapping[int, str],
    users: Mapping[int, str],
) -> StockDocRead:
    # The lines go in as dicts: the whole answer is validated in one call rather than one per line.
    return StockDocRead(
        **_header(doc, whs, users),
        line_count=len(lines),
        lines=[
            {
                "id": ln.id,
                "line_no": ln.line_no,
                "sku_id": ln.sku_id,
                "sku_code": (sku := skus[ln.sku_id]).code,
                "product_id": sku.product_id,
                "product_name": sku.name,
                "spec": sku.spec,
                "attributes_text": sku.attributes_text,
                "tracking": sku.tracking,
                "unit_id": ln.unit_id,
                "unit_name": units.get(ln.unit_id, ""),
                "qty": ln.qty,
                "base_unit_name": sku.base_unit_name,
                "base_qty": ln.base_qty,
                "lot_id": ln.lot_id,
                "lot_no": ln.lot_no,
                "production_date": ln.production_date,
                "expiry_date": ln.expiry_date,
                "unit_cost": ln.unit_cost,
                "amount": ln.amount,
                "remark": ln.remark,
            }
            for ln in lines
        ],
    )


def _summary(
    doc: StockDoc | DocRow, whs: Mapping[int, str], users: Mapping[int, str], line_count: int
) -> StockDocSummary:
    return StockDocSummary(**_header(doc, whs, users), line_count=line_count)


def _header(doc: StockDoc | DocRow, whs: Mapping[int, str], users: Mapping[int, str]) -> dict[str, Any]:
    return dict(
        id=doc.id,
        number=doc.number,
        kind=doc.kind,
        business_date=doc.business_date,
        warehouse_id=doc.warehouse_id,
        warehouse_name=whs.get(doc.warehouse_id, ""),
        to_warehouse_id=doc.to_warehouse_id,
        to_warehouse_name=whs.get(doc.to_warehouse_id) if doc.to_warehouse_id else None,
        reason=doc.reason,
        status=doc.status,
        remark=doc.remark,
        total_qty=doc.total_qty,
        total_amount=doc.total_amount,
        version=doc.version,
        **trail(doc, users),
    )


SORTS = {
    "business_date": StockDoc.business_date,
    "number": StockDoc.number,
    "created_at": StockDoc.created_at,
}


def list_docs(
    session: Session,
    kind: str,
    params: ListParams,
    status: str | None = None,
    warehouse_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
) -> tuple[list[StockDocSummary], int]:
    stmt = select(StockDoc).where(StockDoc.kind == kind)
    stmt = scope.restrict(stmt, StockDoc.warehouse_id)
    if params.q:
        pattern = like_pattern(params.q)
        stmt = stmt.where(
            or_(StockDoc.number.ilike(pattern, escape="\\"), StockDoc.remark.ilike(pattern, escape="\\"))
        )
    if status:
        stmt = stmt.where(StockDoc.status == status)
    if warehouse_id is not None:
        stmt = stmt.where(
            or_(StockDoc.warehouse_id == warehouse_id, StockDoc.to_warehouse_id == warehouse_id)
        )
    if date_from:
        stmt = stmt.where(StockDoc.business_date >= date_from)
    if date_to:
        stmt = stmt.where(StockDoc.business_date <= date_to)
    docs, total = paginate(
        session,
        stmt,
        params,
        params.order_by(SORTS, [StockDoc.business_date.desc(), StockDoc.id.desc()]),
        limit,
    )
    ids = [d.id for d in docs]
    counts = (
        dict(
            session.execute(
                select(StockDocLine.doc_id, func.count())
                .where(StockDocLine.doc_id.in_(ids))
                .group_by(StockDocLine.doc_id)
            ).all()
        )
        if ids
        else {}
    )
    whs = warehouse_names(
        session,
        sorted({d.warehouse_id for d in docs} | {d.to_warehouse_id for d in docs if d.to_warehouse_id}),
    )
    users = user_names(session, trail_user_ids(list(docs)))
    return [_summary(d, whs, users, int(counts.get(d.id, 0))) for d in docs], total
