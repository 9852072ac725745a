"""盘点单: freeze the book of a warehouse (or a category in it), count by scanning or typing — several
counters at once — and on approval post 盘盈/盘亏 for counted − frozen book.

The count is of the goods as they stood at the freeze: moves posted after it (a sale during the count) stay
as they are and are not mistaken for a variance; the line shows them as "moved since the freeze".
Uncounted lines are left unchanged.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, literal_column, or_, select
from sqlalchemy.orm import Session

from jxc.auth import scope
from jxc.auth.periods import check_open_period
from jxc.catalog.categories import descendants
from jxc.catalog.models import Barcode, Category, Product, Sku
from jxc.common import context
from jxc.common.errors import Conflict, Invalid, NotFound, field_error
from jxc.common.i18n import t
from jxc.common.lifecycle import DRAFT, advance, trail, trail_user_ids
from jxc.common.numbering import next_number
from jxc.common.pagination import ListParams, like_pattern, paginate
from jxc.db.base import utcnow
from jxc.db.upsert import insert_missing
from jxc.inventory import ledger
from jxc.inventory.costing import money
from jxc.inventory.doc_models import Stocktake, StocktakeCount, StocktakeLine
from jxc.inventory.ledger import DocRef, Move
from jxc.inventory.lines import SkuInfo, ensure_lot, sku_infos, user_names
from jxc.inventory.states import STOCKTAKE
from jxc.inventory.stock_models import Lot, StockBalance, StockLotBalance, StockMove
from jxc.inventory.stocktake_schemas import (
    CountBody,
    CounterQty,
    LineFilter,
    ScanBody,
    StocktakeCreate,
    StocktakeLineRead,
    StocktakeRead,
)
from jxc.inventory.warehouses import warehouse_names

KIND = "stocktake"


def _load(session: Session, stocktake_id: int) -> Stocktake:
    st = session.get(Stocktake, stocktake_id)
    if st is None:
        raise NotFound("document_not_found")
    scope.ensure(st.warehouse_id)
    return st


def _draft(session: Session, stocktake_id: int) -> Stocktake:
    st = _load(session, stocktake_id)
    if st.status != DRAFT:
        raise Conflict("invalid_transition", state=t(f"doc_status.{st.status}"))
    return st


def create(session: Session, body: StocktakeCreate) -> StocktakeRead:
    errors = []
    if body.warehouse_id not in warehouse_names(session, [body.warehouse_id], active_only=True):
        errors.append(field_error("warehouse_id", "warehouse_not_found"))
    if body.category_id is not None and session.get(Category, body.category_id) is None:
        errors.append(field_error("category_id", "category_not_found"))
    if errors:
        raise Invalid("invalid_document", errors=errors)
    scope.ensure(body.warehouse_id)
    check_open_period(session, body.business_date)
    freeze = session.execute(select(func.max(StockMove.id))).scalar_one() or 0
    st = Stocktake(
        number=next_number(session, "PDD", body.business_date),
        business_date=body.business_date,
        warehouse_id=body.warehouse_id,
        category_id=body.category_id,
        remark=body.remark,
        status=DRAFT,
        created_by=context.current().user_id,
        frozen_at=utcnow(),
        freeze_move_id=int(freeze),
    )
    session.add(st)
    session.flush()
    _freeze(session, st)
    return read(session, st)


def _freeze(session: Session, st: Stocktake) -> None:
    in_scope = select(Sku.id).join(Product, Product.id == Sku.product_id)
    if st.category_id is not None:
        in_scope = in_scope.where(Product.category_id.in_(sorted(descendants(session, st.category_id))))
    plain = session.execute(
        select(StockBalance.sku_id, StockBalance.on_hand)
        .join(Sku, Sku.id == StockBalance.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .where(
            StockBalance.warehouse_id == st.warehouse_id,
            StockBalance.on_hand != 0,
            Product.tracking != "lot",
            StockBalance.sku_id.in_(in_scope),
        )
    ).all()
    lotted = session.execute(
        select(StockLotBalance.sku_id, StockLotBalance.lot_id, StockLotBalance.on_hand).where(
            StockLotBalance.warehouse_id == st.warehouse_id,
            StockLotBalance.on_hand != 0,
            StockLotBalance.sku_id.in_(in_scope),
        )
    ).all()
    rows = [
        {"company_id": st.company_id, "stocktake_id": st.id, "sku_id": s, "lot_id": None, "lot_key": 0}
        | {"book_qty": q}
        for s, q in plain
    ] + [
        {"company_id": st.company_id, "stocktake_id": st.id, "sku_id": s, "lot_id": lot, "lot_key": lot}
        | {"book_qty": q}
        for s, lot, q in lotted
    ]
    if rows:
        session.execute(insert(StocktakeLine), rows)


def _resolve_code(session: Session, code: str) -> tuple[int, Decimal]:
    """A barcode, SKU code or (single-SKU) product code → (sku id, base units per scan)."""
    code = code.strip()
    hit = session.execute(select(Barcode).where(Barcode.barcode == code)).scalar_one_or_none()
    if hit is not None:
        info = sku_infos(session, {hit.sku_id})[hit.sku_id]
        return hit.sku_id, info.ratios.get(hit.unit_id, Decimal(1))
    sku_id = session.execute(select(Sku.id).where(Sku.code == code)).scalar_one_or_none()
    if sku_id is None:
        ids = (
            session.execute(
                select(Sku.id).join(Product, Product.id == Sku.product_id).where(Product.code == code)
            )
            .scalars()
            .all()
        )
        sku_id = ids[0] if len(ids) == 1 else None
    if sku_id is None:
        raise NotFound("barcode_unknown", code=code[:64])
    return int(sku_id), Decimal(1)


def _line_for(session: Session, st: Stocktake, info: SkuInfo, lot_no: str) -> StocktakeLine:
    lot_id = None
    if info.tracking == "lot":
        if not lot_no.strip():
            raise Invalid("lot_required", errors=[field_error("lot_no", "lot_required")])
        lot_id = ensure_lot(session, info, lot_no.strip(), None, None).id
    insert_missing(
        session,
        StocktakeLine.__table__,  # type: ignore[arg-type]
        [
            {"company_id": st.company_id, "stocktake_id": st.id, "sku_id": info.sku_id, "lot_id": lot_id}
            | {"lot_key": lot_id or 0, "book_qty": 0}
        ],
    )
    return session.execute(
        select(StocktakeLine).where(
            StocktakeLine.stocktake_id == st.id,
            StocktakeLine.sku_id == info.sku_id,
            StocktakeLine.lot_key == (lot_id or 0),
        )
    ).scalar_one()


def _count(session: Session, line: StocktakeLine, qty: Decimal, add: bool) -> None:
    user_id = context.current().user_id or 0
    insert_missing(
        session,
        StocktakeCount.__table__,  # type: ignore[arg-type]
        [
            {
                "company_id": line.company_id,
                "line_id": line.id,
                "user_id": user_id,
                "qty": 0,
                "updated_at": utcnow(),
            }
        ],
    )
    count = session.execute(
        select(StocktakeCount)
        .where(StocktakeCount.line_id == line.id, StocktakeCount.user_id == user_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    count.qty = count.qty + qty if add else qty
    count.updated_at = utcnow()
    session.flush()
    line.counted_qty = session.execute(
        select(func.sum(StocktakeCount.qty)).where(StocktakeCount.line_id == line.id)
    ).scalar_one()
    session.flush()


def scan(session: Session, stocktake_id: int, body: ScanBody) -> StocktakeLineRead:
    st = _draft(session, stocktake_id)
    sku_id, per_unit = _resolve_code(session, body.code)
    info = sku_infos(session, {sku_id})[sku_id]
    line = _line_for(session, st, info, body.lot_no)
    _count(session, line, body.qty * per_unit, add=True)
    return _line_reads(session, st, [line])[0]


def set_count(session: Session, stocktake_id: int, body: CountBody) -> StocktakeLineRead:
    st = _draft(session, stocktake_id)
    infos = sku_infos(session, {body.sku_id})
    if body.sku_id not in infos:
        raise Invalid("invalid_lines", errors=[field_error("sku_id", "sku_not_found")])
    line = _line_for(session, st, infos[body.sku_id], body.lot_no)
    _count(session, line, body.qty, add=False)
    return _line_reads(session, st, [line])[0]


def approve(session: Session, stocktake_id: int) -> StocktakeRead:
    st = _load(session, stocktake_id)
    advance(st, STOCKTAKE, "approve")
    lines = list(
        session.execute(
            select(StocktakeLine)
            .where(StocktakeLine.stocktake_id == st.id, StocktakeLine.counted_qty.is_not(None))
            .order_by(StocktakeLine.sku_id, StocktakeLine.lot_key)
        ).scalars()
    )
    moves = []
    changed = []
    for ln in lines:
        assert ln.counted_qty is not None
        diff = ln.counted_qty - ln.book_qty
        if diff == 0:
            continue
        changed.append(ln)
        moves.append(
            Move(
                sku_id=ln.sku_id,
                warehouse_id=st.warehouse_id,
                qty=diff,
                kind="stocktake_gain" if diff > 0 else "stocktake_loss",
                lot_id=ln.lot_id,
                doc_line_id=ln.id,
            )
        )
    # Losses first: a gain of one lot never covers a loss of another within the same posting.
    order = sorted(range(len(moves)), key=lambda i: (moves[i].qty > 0, i))
    written = ledger.post(session, _ref(st), [moves[i] for i in order])
    by_line = {m.doc_line_id: m for m in written}
    for ln in changed:
        m = by_line[ln.id]
        ln.unit_cost, ln.variance_amount = m.unit_cost, m.value
    session.flush()
    return read(session, st)


def _ref(st: Stocktake, business_date: date | None = None) -> DocRef:
    return DocRef(kind=KIND, id=st.id, number=st.number, business_date=business_date or st.business_date)


def reverse(session: Session, stocktake_id: int, business_date: date | None) -> StocktakeRead:
    st = _load(session, stocktake_id)
    advance(st, STOCKTAKE, "reverse")
    ledger.reverse(session, _ref(st, business_date), "_reversal")
    session.flush()
    return read(session, st)


def void(session: Session, stocktake_id: int) -> StocktakeRead:
    st = _load(session, stocktake_id)
    advance(st, STOCKTAKE, "void")
    session.flush()
    return read(session, st)


def get(session: Session, stocktake_id: int) -> StocktakeRead:
    return read(session, _load(session, stocktake_id))


def read(session: Session, st: Stocktake) -> StocktakeRead:
    return _reads(session, [st])[0]


def _reads(session: Session, sts: list[Stocktake]) -> list[StocktakeRead]:
    ids = [s.id for s in sts]
    stats: dict[int, Any] = (
        {
            row[0]: row[1:]
            for row in session.execute(
                select(
                    StocktakeLine.stocktake_id,
                    func.count(),
                    func.count(StocktakeLine.counted_qty),
                    func.sum(func.coalesce(StocktakeLine.variance_amount, 0)),
                )
                .where(StocktakeLine.stocktake_id.in_(ids))
                .group_by(StocktakeLine.stocktake_id)
            ).all()
        }
        if ids
        else {}
    )
    # Gains, losses and an estimated value (at today's average cost) while counting.
    var_rows: Any = (
        session.execute(
            select(
                StocktakeLine.stocktake_id,
                StocktakeLine.counted_qty,
                StocktakeLine.book_qty,
                StockBalance.avg_cost,
            )
            .join(Stocktake, Stocktake.id == StocktakeLine.stocktake_id)
            .outerjoin(
                StockBalance,
                (StockBalance.sku_id == StocktakeLine.sku_id)
                & (StockBalance.warehouse_id == Stocktake.warehouse_id),
            )
            .where(StocktakeLine.stocktake_id.in_(ids), StocktakeLine.counted_qty.is_not(None))
            .where(StocktakeLine.counted_qty != StocktakeLine.book_qty)
        ).all()
        if ids
        else []
    )
    agg: dict[int, list[Decimal]] = {i: [Decimal(0), Decimal(0), Decimal(0), Decimal(0)] for i in ids}
    for sid, counted, book, avg in var_rows:
        diff = Decimal(str(counted)) - book
        a = agg[sid]
        a[0] += 1
        if diff > 0:
            a[1] += diff
        else:
            a[2] -= diff
        a[3] += money(diff * (avg or 0))
    whs = warehouse_names(session, [s.warehouse_id for s in sts])
    cats = dict(
        session.execute(
            select(Category.id, Category.name).where(
                Category.id.in_({s.category_id for s in sts if s.category_id})
            )
        ).all()
    )
    users = user_names(session, trail_user_ids(list(sts)))
    out = []
    for s in sts:
        total, counted, amount = stats.get(s.id, (0, 0, Decimal(0)))
        a = agg[s.id]
        out.append(
            StocktakeRead(
                id=s.id,
                number=s.number,
                warehouse_id=s.warehouse_id,
                warehouse_name=whs.get(s.warehouse_id, ""),
                category_id=s.category_id,
                category_name=cats.get(s.category_id) if s.category_id else None,
                business_date=s.business_date,
                status=s.status,
                remark=s.remark,
                version=s.version,
                frozen_at=s.frozen_at,
                line_count=int(total),
                counted_count=int(counted),
                variance_count=int(a[0]),
                gain_qty=a[1],
                loss_qty=a[2],
                variance_amount=Decimal(amount) if s.status in ("approved", "reversed") else a[3],
                **trail(s, users),
            )
        )
    return out


SORTS = {"business_date": Stocktake.business_date, "number": Stocktake.number}


def list_stocktakes(
    session: Session,
    params: ListParams,
    status: str | None = None,
    warehouse_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
) -> tuple[list[StocktakeRead], int]:
    stmt = scope.restrict(select(Stocktake), Stocktake.warehouse_id)
    if params.q:
        pattern = like_pattern(params.q)
        stmt = stmt.where(
            or_(Stocktake.number.ilike(pattern, escape="\\"), Stocktake.remark.ilike(pattern, escape="\\"))
        )
    if status:
        stmt = stmt.where(Stocktake.status == status)
    if warehouse_id is not None:
        stmt = stmt.where(Stocktake.warehouse_id == warehouse_id)
    if date_from:
        stmt = stmt.where(Stocktake.business_date >= date_from)
    if date_to:
        stmt = stmt.where(Stocktake.business_date <= date_to)
    rows, total = paginate(
        session,
        stmt,
        params,
        params.order_by(SORTS, [Stocktake.business_date.desc(), Stocktake.id.desc()]),
        limit,
    )
    return _reads(session, list(rows)), total


def list_lines(
    session: Session,
    stocktake_id: int,
    params: ListParams,
    which: LineFilter = "all",
    limit: int | None = None,
) -> tuple[list[StocktakeLineRead], int]:
    st = _load(session, stocktake_id)
    stmt = (
        select(StocktakeLine)
        .join(Sku, Sku.id == StocktakeLine.sku_id)
        .join(Product, Product.id == Sku.product_id)
        .where(StocktakeLine.stocktake_id == st.id)
    )
    if params.q:
        pattern = like_pattern(params.q)
        stmt = stmt.where(
            or_(
                Sku.code.ilike(pattern, escape="\\"),
                Product.name.ilike(pattern, escape="\\"),
                Product.search_text.ilike(pattern, escape="\\"),
            )
        )
    if which == "counted":
        stmt = stmt.where(StocktakeLine.counted_qty.is_not(None))
    elif which == "uncounted":
        stmt = stmt.where(StocktakeLine.counted_qty.is_(None))
    elif which == "variance":
        stmt = stmt.where(
            StocktakeLine.counted_qty.is_not(None), StocktakeLine.counted_qty != StocktakeLine.book_qty
        )
    rows, total = paginate(session, stmt, params, [Sku.code, StocktakeLine.lot_key], limit)
    return _line_reads(session, st, list(rows)), total


def _line_reads(session: Session, st: Stocktake, lines: list[StocktakeLine]) -> list[StocktakeLineRead]:
    if not lines:
        return []
    infos = sku_infos(session, {ln.sku_id for ln in lines})
    lot_ids = {ln.lot_id for ln in lines if ln.lot_id}
    lots = (
        {lot.id: lot.lot_no for lot in session.execute(select(Lot).where(Lot.id.in_(lot_ids))).scalars()}
        if lot_ids
        else {}
    )
    sku_ids = {ln.sku_id for ln in lines}
    moved: dict[tuple[int, int], Decimal] = {}
    lot_key = func.coalesce(StockMove.lot_id, literal_column("0"))  # no bound 0: PG matches GROUP BY text
    for s, lot, qty in session.execute(
        select(StockMove.sku_id, lot_key, func.sum(StockMove.qty))
        .where(
            StockMove.warehouse_id == st.warehouse_id,
            StockMove.sku_id.in_(sku_ids),
            StockMove.id > st.freeze_move_id,
            ~((StockMove.doc_kind == KIND) & (StockMove.doc_id == st.id)),
        )
        .group_by(StockMove.sku_id, lot_key)
    ).all():
        moved[(int(s), int(lot))] = Decimal(qty)
    counts: dict[int, list[tuple[int, Decimal]]] = {}
    for c in session.execute(
        select(StocktakeCount)
        .where(StocktakeCount.line_id.in_([ln.id for ln in lines]))
        .order_by(StocktakeCount.id)
    ).scalars():
        counts.setdefault(c.line_id, []).append((c.user_id, c.qty))
    users = user_names(session, {u for cs in counts.values() for u, _ in cs})
    avg = dict(
        session.execute(
            select(StockBalance.sku_id, StockBalance.avg_cost).where(
                StockBalance.warehouse_id == st.warehouse_id, StockBalance.sku_id.in_(sku_ids)
            )
        ).all()
    )
    out = []
    for ln in lines:
        info = infos[ln.sku_id]
        variance = ln.counted_qty - ln.book_qty if ln.counted_qty is not None else None
        cost = ln.unit_cost if ln.unit_cost is not None else avg.get(ln.sku_id)
        amount = ln.variance_amount
        if amount is None and variance is not None and cost is not None:
            amount = money(variance * cost)
        out.append(
            StocktakeLineRead(
                id=ln.id,
                sku_id=ln.sku_id,
                sku_code=info.code,
                product_name=info.name,
                spec=info.spec,
                attributes_text=info.attributes_text,
                base_unit_name=info.base_unit_name,
                lot_id=ln.lot_id,
                lot_no=lots.get(ln.lot_id, "") if ln.lot_id else "",
                book_qty=ln.book_qty,
                moved_qty=moved.get((ln.sku_id, ln.lot_id or 0), Decimal(0)),
                counted_qty=ln.counted_qty,
                variance_qty=variance,
                unit_cost=cost,
                variance_amount=amount,
                counts=[CounterQty(user_name=users.get(u, str(u)), qty=q) for u, q in counts.get(ln.id, [])],
            )
        )
    return out
